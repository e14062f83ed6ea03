"""Where the gazetteer index file of a stamp lives, and who builds it (one process, once).

``settings.GAZETTEER_INDEX_DIR`` (empty: no files, every process builds its own index
in memory as before) holds one directory per database and gazetteer stamp, named
``f"v{FORMAT}-{database}-{version}-{changed_at}"``: the database tag keeps two databases
(PostGIS and SpatiaLite, a test database) apart, the change time two histories of one
counter (a restored or rolled-back database counts from the same numbers again).

The first process to need a stamp's index takes a file lock, builds from the database
and writes it; the others wait on the lock, then load what it wrote. Older directories
of the same database are removed after a write: a process still mapping one keeps its
pages until it moves on (POSIX keeps an unlinked file's data while it is mapped).
``manage.py gazetteer_index`` builds it ahead (after a load, at deploy), so workers only
ever load.
"""

from __future__ import annotations

import fcntl
import hashlib
import logging
import shutil
from collections.abc import Callable
from pathlib import Path

from django.conf import settings
from django.db import connection

from gazetteer.index_file import FORMAT, index_load, index_write

log = logging.getLogger(__name__)


def index_dir() -> Path | None:
    """The configured index directory, or None when index files are off."""
    value = getattr(settings, "GAZETTEER_INDEX_DIR", None)
    return Path(value) if value else None


def _database_tag() -> str:
    db = connection.settings_dict
    ident = "|".join(str(db.get(k) or "") for k in ("ENGINE", "NAME", "HOST", "PORT"))
    return hashlib.sha256(ident.encode()).hexdigest()[:12]


def index_path(*, stamp: tuple[int, object], root: Path) -> Path:
    """The directory of the index of ``stamp`` (version, changed_at) under ``root``."""
    version, changed_at = stamp
    when = changed_at.strftime("%Y%m%dT%H%M%S%f") if changed_at is not None else "0"
    return root / f"v{FORMAT}-{_database_tag()}-{version}-{when}"


def _prune(path: Path) -> None:
    prefix = path.name.rsplit("-", 2)[0] + "-"
    for old in path.parent.glob(f"{prefix}*"):
        if old != path and old.is_dir():
            shutil.rmtree(old, ignore_errors=True)


def index_file_build(*, stamp: tuple[int, object], build: Callable, root: Path) -> Path:
    """Build the index of ``stamp`` into its file unless another process did; its path."""
    path = index_path(stamp=stamp, root=root)
    if path.is_dir():
        return path
    root.mkdir(parents=True, exist_ok=True)
    with open(root / f".lock-{path.name.rsplit('-', 2)[0]}", "w") as lock:
        fcntl.flock(lock, fcntl.LOCK_EX)  # one builder; the others wait, then load its file
        if not path.is_dir():
            index_write(build(), path)
            _prune(path)
    return path


def index_for_stamp(*, stamp: tuple[int, object], build: Callable, index_class):
    """The index of ``stamp``: loaded from its file (built first when missing) when
    GAZETTEER_INDEX_DIR is set, else ``build()`` in memory."""
    root = index_dir()
    if root is None:
        return build()
    try:
        return index_load(index_file_build(stamp=stamp, build=build, root=root), index_class=index_class)
    except (OSError, ValueError) as exc:  # unwritable directory, a file of another format
        log.warning("gazetteer index file unusable (%s): building in memory", exc)
        return build()
