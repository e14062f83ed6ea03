"""Reproducible benchmarks: gazetteer loaders against a bulk-insert baseline, and place search.

Benchmarks run against their own database, never the one in DATABASE_URL (they wipe the
gazetteer tables): BENCH_DATABASE_URL, default a SpatiaLite file in /tmp. For PostGIS:
`BENCH_DATABASE_URL=postgis://postgres@127.0.0.1:5432/atlas_bench python -m bench`
(the database is created when missing). The shared reference data is read from
../shared/data (BENCH_SHARED_DATA to override); the benchmarks exit with a message
when it is absent.
"""

from __future__ import annotations

import os
import sys
from pathlib import Path

from config.machine import machine_description

ROOT = Path(__file__).resolve().parent.parent
DEFAULT_BENCH_DB = "spatialite:////tmp/atlas-bench.sqlite3"


def shared_data() -> Path:
    """The shared reference data folder, or exit with a clear message."""
    path = Path(os.environ.get("BENCH_SHARED_DATA", ROOT.parent / "shared" / "data"))
    if not (path / "gazetteer").is_dir():
        sys.exit(f"bench: reference data not found at {path} (set BENCH_SHARED_DATA)")
    return path


def _ensure_postgres_database(url: str) -> None:
    import psycopg

    name = url.rsplit("/", 1)[1]
    admin_url = url.replace("postgis://", "postgresql://").rsplit("/", 1)[0] + "/postgres"
    with psycopg.connect(admin_url, autocommit=True) as conn:
        exists = conn.execute("SELECT 1 FROM pg_database WHERE datname = %s", (name,)).fetchone()
        if not exists:
            conn.execute(f'CREATE DATABASE "{name}"')


def bench_setup() -> str:
    """Point Django at the bench database, migrate it, and return its engine label."""
    url = os.environ.get("BENCH_DATABASE_URL", DEFAULT_BENCH_DB)
    os.environ["DATABASE_URL"] = url
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings.dev")
    # shapely must be loaded before mod_spatialite, or it binds to the system GEOS.
    import shapely  # noqa: F401

    if url.startswith("postgis://"):
        _ensure_postgres_database(url)
    sys.path.insert(0, str(ROOT))
    import django

    django.setup()
    from django.conf import settings
    from django.core.management import call_command

    # Let the test client in.
    settings.ALLOWED_HOSTS = [*settings.ALLOWED_HOSTS, "testserver"]

    call_command("migrate", verbosity=0)
    return "PostGIS" if url.startswith("postgis://") else "SpatiaLite"


def gazetteer_wipe() -> None:
    """Empty the gazetteer tables of the bench database."""
    from gazetteer.models import AdminArea, Alias, Border, Place, PlaceName

    for model in (Alias, PlaceName, Place, Border, AdminArea):
        model.objects.all().delete()


def machine() -> str:
    """nproc, CPU model, Python and date, for the README."""
    return machine_description()


def percentile(values: list[float], pct: float) -> float:
    """Nearest-rank percentile of a non-empty list."""
    ordered = sorted(values)
    rank = max(1, min(len(ordered), round(pct / 100 * len(ordered) + 0.5)))
    return ordered[rank - 1]
