"""Test settings: fast password hashing, eager Celery, files under var/test-artifacts."""

from pathlib import Path

from .base import *  # noqa: F403

DEBUG = False
PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
# Eager, except in a worker subprocess started by a test (CELERY_EAGER=0): its retries
# must go through the broker, with their countdown.
CELERY_TASK_ALWAYS_EAGER = env_bool("CELERY_EAGER", True)  # noqa: F405
# Tests open and drop databases: no connection may outlive its request.
DATABASES["default"]["CONN_MAX_AGE"] = 0  # noqa: F405
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"},
}

# SpatiaLite tests use a file next to the configured database (not :memory:) so that a
# Celery worker subprocess and the live server can open the same test database.
if DATABASES["default"]["ENGINE"] == "django.contrib.gis.db.backends.spatialite":  # noqa: F405
    _name = Path(DATABASES["default"]["NAME"])  # noqa: F405
    DATABASES["default"]["TEST"] = {"NAME": str(_name.with_name(f"test_{_name.name}"))}  # noqa: F405

# Django's test client logs in without a request, which axes refuses; the lockout tests
# switch it back on (tests/web/test_auth_hardening.py), and the gunicorn test runs with it.
AXES_ENABLED = False

# Each test's gazetteer is built in memory (tests of the index file turn files on).
GAZETTEER_INDEX_DIR = ""

# The fetch tests serve pages from 127.0.0.1 (tests/local_http.py); the private-address
# refusal is tested with this turned off (tests/hostile/test_fetch_private.py).
ATLAS_FETCH_PRIVATE = True
