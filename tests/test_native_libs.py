"""Regression: the wheels' bundled GEOS/PROJ must not clash with mod_spatialite's copies."""

import os
import subprocess
import sys

from django.conf import settings

SCRIPT = """
from django.db import connection
connection.ensure_connection()  # loads mod_spatialite on SpatiaLite
from pyproj import Geod
import shapely
print(round(Geod(ellps="WGS84").line_length([42.0, 43.0], [36.0, 36.0]) / 1000))
print(shapely.to_wkb(shapely.Point(43.1, 36.3))[:1])
"""


def test_native_geo_libraries_coexist_with_spatialite(tmp_path):
    # Runs in a fresh process: the failure is an abort at exit, which would kill pytest.
    # Always SpatiaLite: only its extension loading (RTLD_GLOBAL) causes the clash.
    result = subprocess.run(
        [sys.executable, "manage.py", "shell", "-c", SCRIPT],
        cwd=settings.BASE_DIR,
        env={
            **os.environ,
            "DJANGO_SETTINGS_MODULE": "config.settings.dev",
            "DATABASE_URL": f"spatialite:///{tmp_path / 'native.sqlite3'}",
        },
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert result.returncode == 0, result.stderr[-2000:]
    assert "90" in result.stdout.split()
