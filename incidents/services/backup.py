"""Back up and restore the whole database: `pg_dump -Fc` / `pg_restore` on PostGIS, SQLite's
online backup API on SpatiaLite (a consistent copy while the app keeps writing).

Every backup is read back before it is reported done (`pg_restore --list`, `PRAGMA
integrity_check`), and a restore goes into an empty database unless told to replace what is
there: a restore over live data by mistake is the one way these commands could lose work.
"""

from __future__ import annotations

import os
import shutil
import sqlite3
import subprocess
from dataclasses import dataclass
from pathlib import Path

import dj_database_url
import psycopg
from psycopg import sql

POSTGIS = "django.contrib.gis.db.backends.postgis"
SPATIALITE = "django.contrib.gis.db.backends.spatialite"
PG_TIMEOUT = 6 * 3600  # seconds; a dump of millions of incidents takes minutes, never hours


class BackupError(Exception):
    """A backup or restore that could not be done; the message says why and what to do."""


@dataclass(frozen=True)
class BackupResult:
    path: Path
    engine: str
    size_bytes: int


def database_settings(*, url: str | None = None) -> dict:
    """Django's settings of the default database, or of the database ``url`` names."""
    if url:
        return dj_database_url.parse(url)
    from django.conf import settings

    return settings.DATABASES["default"]


def database_backup(*, path: Path, db: dict) -> BackupResult:
    """Write a backup of ``db`` to ``path`` (parent folders made) and check it reads back."""
    path.parent.mkdir(parents=True, exist_ok=True)
    if db["ENGINE"] == POSTGIS:
        _run(["pg_dump", "--format=custom", "--no-owner", "--file", str(path), *_pg_args(db)], db)
        _run(["pg_restore", "--list", str(path)], db)
    elif db["ENGINE"] == SPATIALITE:
        source = Path(db["NAME"])
        if not source.exists():
            raise BackupError(f"no database file at {source}")
        with sqlite3.connect(source) as src, sqlite3.connect(path) as dst:
            src.backup(dst)
            _sqlite_check(dst, path)
    else:
        raise BackupError(f"backups support PostGIS and SpatiaLite, not {db['ENGINE']}")
    return BackupResult(path=path, engine=db["ENGINE"].rsplit(".", 1)[-1], size_bytes=path.stat().st_size)


def database_restore(*, path: Path, db: dict, replace: bool = False) -> None:
    """Restore the backup at ``path`` into ``db``: an empty (or missing) database, or any
    database when ``replace`` is set (its tables are dropped first)."""
    if not path.is_file():
        raise BackupError(f"no backup file at {path}")
    if db["ENGINE"] == POSTGIS:
        _pg_restore(path, db, replace=replace)
    elif db["ENGINE"] == SPATIALITE:
        _sqlite_restore(path, Path(db["NAME"]), replace=replace)
    else:
        raise BackupError(f"restores support PostGIS and SpatiaLite, not {db['ENGINE']}")


def _pg_restore(path: Path, db: dict, *, replace: bool) -> None:
    _pg_database_ensure(db)
    if _pg_table_count(db) and not replace:
        raise BackupError(f"database {db['NAME']} is not empty: restore into a new database "
                          "(--database-url), or pass --replace to drop what is there")
    clean = ["--clean", "--if-exists"] if replace else []
    # One transaction: a restore that fails half way leaves the database as it was.
    _run(["pg_restore", "--no-owner", "--exit-on-error", "--single-transaction", *clean,
          "--dbname", db["NAME"], *_pg_args(db, with_name=False), str(path)], db)


def _sqlite_restore(path: Path, target: Path, *, replace: bool) -> None:
    with sqlite3.connect(path) as backup:
        _sqlite_check(backup, path)
    if target.exists() and target.stat().st_size and not replace:
        with sqlite3.connect(target) as conn:
            migrated = conn.execute("SELECT 1 FROM sqlite_master WHERE name = 'django_migrations'").fetchone()
        if migrated:
            raise BackupError(f"database {target} is not empty: restore into a new file "
                              "(--database-url), or pass --replace to overwrite it")
    target.parent.mkdir(parents=True, exist_ok=True)
    with sqlite3.connect(path) as src, sqlite3.connect(target) as dst:
        src.backup(dst)  # page by page, under the target's lock: readers never see half a database


def _sqlite_check(conn: sqlite3.Connection, path: Path) -> None:
    try:
        result = conn.execute("PRAGMA integrity_check").fetchone()[0]
    except sqlite3.DatabaseError as exc:
        raise BackupError(f"{path} is not a SQLite database: {exc}") from exc
    if result != "ok":
        raise BackupError(f"{path} failed its integrity check: {result}")


def _pg_args(db: dict, *, with_name: bool = True) -> list[str]:
    args = ["--host", db.get("HOST") or "127.0.0.1", "--port", str(db.get("PORT") or 5432)]
    if db.get("USER"):
        args += ["--username", db["USER"]]
    return [*args, "--no-password", *([db["NAME"]] if with_name else [])]


def _run(command: list[str], db: dict) -> None:
    if shutil.which(command[0]) is None:
        raise BackupError(f"{command[0]} not found: install postgresql-client "
                          "(scripts/install-system-deps.sh)")
    env = {**os.environ, **({"PGPASSWORD": db["PASSWORD"]} if db.get("PASSWORD") else {})}
    # A fixed program with arguments from settings, never through a shell.
    result = subprocess.run(command, env=env, capture_output=True, text=True, timeout=PG_TIMEOUT)  # noqa: S603
    if result.returncode != 0:
        raise BackupError(f"{command[0]} failed ({result.returncode}): {result.stderr.strip()}")


def _pg_connect(db: dict, name: str) -> psycopg.Connection:
    return psycopg.connect(host=db.get("HOST") or "127.0.0.1", port=db.get("PORT") or 5432,
                           user=db.get("USER") or None, password=db.get("PASSWORD") or None,
                           dbname=name, autocommit=True)


def _pg_database_ensure(db: dict) -> None:
    with _pg_connect(db, "postgres") as conn:
        if not conn.execute("SELECT 1 FROM pg_database WHERE datname = %s", (db["NAME"],)).fetchone():
            conn.execute(sql.SQL("CREATE DATABASE {}").format(sql.Identifier(db["NAME"])))


def _pg_table_count(db: dict) -> int:
    with _pg_connect(db, db["NAME"]) as conn:
        return conn.execute(
            "SELECT count(*) FROM information_schema.tables WHERE table_schema = 'public' "
            "AND table_name <> 'spatial_ref_sys'"
        ).fetchone()[0]
