"""atlas_backup / atlas_restore: a backup restored into an empty database holds the same rows
(every table: count and content, geometries byte for byte), on the test's own backend; and
the commands refuse, with a clear message, what would lose or fake data."""

import hashlib
import io
import sqlite3

import psycopg
import pytest
from django.contrib.gis.geos import Point
from django.core.management import CommandError, call_command
from django.db import connection
from psycopg import sql

from incidents.services.backup import POSTGIS, SPATIALITE
from tests.factories import (
    AdminAreaFactory,
    IncidentFactory,
    PlaceFactory,
    PlaceNameFactory,
    ReportFactory,
    square,
    user_with_role,
)

pytestmark = pytest.mark.django_db(transaction=True)  # the dump must see committed rows
ENGINE = connection.settings_dict["ENGINE"]
RESTORED = "atlas_serve_restore_test"


def _url(db: dict) -> str:
    if db["ENGINE"] == SPATIALITE:
        return f"spatialite:///{db['NAME']}"
    return f"postgis://{db['USER']}@{db['HOST'] or '127.0.0.1'}:{db['PORT'] or 5432}/{db['NAME']}"


def _pg(db: dict, name: str) -> psycopg.Connection:
    return psycopg.connect(host=db["HOST"] or "127.0.0.1", port=db["PORT"] or 5432, user=db["USER"],
                           dbname=name, autocommit=True)


@pytest.fixture
def target(tmp_path):
    """Settings of an empty database to restore into; dropped afterwards."""
    source = dict(connection.settings_dict)
    if ENGINE == SPATIALITE:
        yield {**source, "NAME": str(tmp_path / "restored.sqlite3")}
        return
    drop = sql.SQL("DROP DATABASE IF EXISTS {} WITH (FORCE)").format(sql.Identifier(RESTORED))
    with _pg(source, "postgres") as conn:
        conn.execute(drop)
    yield {**source, "NAME": RESTORED}
    with _pg(source, "postgres") as conn:
        conn.execute(drop)


def table_digests(db: dict) -> dict[str, tuple[int, str]]:
    """Every Django table: (row count, SHA-256 of its rows in key order), read over a raw
    connection so both sides are decoded the same way (geometries stay EWKB/SpatiaLite blobs)."""
    tables = connection.introspection.django_table_names(only_existing=True, include_views=False)
    conn = sqlite3.connect(db["NAME"]) if db["ENGINE"] == SPATIALITE else _pg(db, db["NAME"])
    digests = {}
    try:
        for table in sorted(tables):
            rows = conn.execute(f'SELECT * FROM "{table}" ORDER BY 1').fetchall()  # noqa: S608 - our table names
            digests[table] = (len(rows), hashlib.sha256(repr(rows).encode()).hexdigest())
    finally:
        conn.close()
    return digests


@pytest.fixture
def atlas_data():
    user_with_role("editor", username="analyst")
    mosul = PlaceFactory(name="Mosul", point=Point(43.13, 36.34, srid=4326))
    PlaceNameFactory(place=mosul, name="الموصل")
    AdminAreaFactory(name_en="Nineveh", geom=square(43.0, 36.0, 1.5))
    report = ReportFactory(title="Strike near Mosul")
    for i in range(3):
        IncidentFactory(report=report, location=Point(43.1 + i / 100, 36.3, srid=4326), location_name="Mosul")


def test_backup_restores_into_an_empty_database_with_identical_rows(atlas_data, target, tmp_path):
    source = dict(connection.settings_dict)
    backup = tmp_path / "atlas.backup"
    call_command("atlas_backup", "--output", str(backup), stdout=_out())
    assert backup.stat().st_size > 0
    call_command("atlas_restore", str(backup), "--database-url", _url(target), stdout=_out())

    before, after = table_digests(source), table_digests(target)
    assert after == before
    assert before["incidents_incident"][0] == 3 and before["gazetteer_adminarea"][0] == 1
    # A second restore over it is refused, unless asked to replace.
    with pytest.raises(CommandError, match="not empty"):
        call_command("atlas_restore", str(backup), "--database-url", _url(target))
    call_command("atlas_restore", str(backup), "--database-url", _url(target), "--replace", stdout=_out())
    assert table_digests(target) == before


def test_restore_refuses_a_file_that_is_no_backup(target, tmp_path):
    junk = tmp_path / "junk.backup"
    junk.write_bytes(b"not a backup at all " * 100)
    with pytest.raises(CommandError, match="not a SQLite database|pg_restore failed"):
        call_command("atlas_restore", str(junk), "--database-url", _url(target))
    with pytest.raises(CommandError, match="no backup file"):
        call_command("atlas_restore", str(tmp_path / "missing.backup"), "--database-url", _url(target))


@pytest.mark.skipif(ENGINE != POSTGIS, reason="pg_dump is the PostGIS path")
def test_backup_says_what_to_install_when_pg_dump_is_missing(monkeypatch, tmp_path):
    monkeypatch.setenv("PATH", str(tmp_path))
    with pytest.raises(CommandError, match="pg_dump not found: install postgresql-client"):
        call_command("atlas_backup", "--output", str(tmp_path / "x.dump"))


def _out():
    return io.StringIO()


