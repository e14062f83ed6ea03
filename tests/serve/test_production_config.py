"""The production configuration files read as documented: gunicorn's config from the
environment, production settings' static storage and security switches, the Procfile."""

import os
import runpy
import subprocess
import sys
from pathlib import Path

import pytest
from django.conf import settings

ROOT = Path(settings.BASE_DIR)


@pytest.mark.parametrize(("env", "expected"), [
    ({}, {"workers": (os.cpu_count() or 1) + 1, "bind": "127.0.0.1:8000", "timeout": 60, "accesslog": "-"}),
    ({"WEB_CONCURRENCY": "7", "GUNICORN_BIND": "0.0.0.0:9000", "GUNICORN_TIMEOUT": "5"},
     {"workers": 7, "bind": "0.0.0.0:9000", "timeout": 5}),
])
def test_gunicorn_config_reads_the_environment(monkeypatch, env, expected):
    for name in ("WEB_CONCURRENCY", "GUNICORN_BIND", "GUNICORN_TIMEOUT"):
        monkeypatch.delenv(name, raising=False)
    for name, value in env.items():
        monkeypatch.setenv(name, value)
    config = runpy.run_path(str(ROOT / "config" / "gunicorn.py"))
    assert {key: config[key] for key in expected} == expected
    assert config["wsgi_app"] == "config.wsgi:application"


def _production(expression: str, **env) -> str:
    environment = {
        **{k: v for k, v in os.environ.items() if not k.startswith("DJANGO_")},
        "DJANGO_SETTINGS_MODULE": "config.settings.production",
        "SECRET_KEY": "s" * 30 + "-only-for-reading-the-production-settings-0123456789",
        "ALLOWED_HOSTS": "atlas.example.org",
        **env,
    }
    code = f"import django; django.setup(); from django.conf import settings as s; print(repr(({expression})))"  # noqa: E501
    result = subprocess.run([sys.executable, "-c", code], cwd=ROOT, env=environment, capture_output=True,
                            text=True, timeout=60, check=True)
    return result.stdout.strip()


def test_production_compresses_static_files_unless_told_not_to():
    expression = "s.STORAGES['staticfiles']['BACKEND'], s.SESSION_COOKIE_SECURE, s.SECURE_SSL_REDIRECT"
    compressed = "('whitenoise.storage.CompressedManifestStaticFilesStorage', True, True)"
    assert _production(expression, SECURE_SSL_REDIRECT="1") == compressed
    assert _production(expression, ATLAS_STATIC_COMPRESS="0").startswith(
        "('django.contrib.staticfiles.storage.ManifestStaticFilesStorage'")


def test_procfile_runs_the_documented_processes():
    processes = dict(line.split(": ", 1) for line in (ROOT / "Procfile").read_text().splitlines()
                     if line and not line.startswith("#"))
    assert set(processes) == {"release", "web", "worker", "beat"}
    assert processes["web"] == "gunicorn -c config/gunicorn.py"
    assert "collectstatic" in processes["release"] and "migrate" in processes["release"]


def test_a_tile_server_is_allowed_to_serve_images_and_nothing_else():
    img_src = "s.CONTENT_SECURITY_POLICY['DIRECTIVES']['img-src']"
    assert "tiles.example.org" not in _production(img_src)
    tiles = _production(f"({img_src}, s.CONTENT_SECURITY_POLICY['DIRECTIVES']['script-src'])",
                        MAP_TILE_URL="https://tiles.example.org/osm/{z}/{x}/{y}.png")
    assert tiles == repr((["'self'", "data:", "blob:", "https://tiles.example.org"], ["'self'"]))
