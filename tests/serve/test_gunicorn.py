"""The production process set on loopback: scripts/serve.sh (migrate, collectstatic,
gunicorn with config/gunicorn.py and production settings) serves the map to a user who
logs in through the form, and WhiteNoise serves the hashed static files.

The test acts as the TLS-terminating proxy (X-Forwarded-Proto: https), so the production
settings stay as they are: HTTPS redirect, secure cookies, HSTS, strict CSRF referer check.
"""

import os
import re
import subprocess
import sys
import time
from pathlib import Path

import pytest
import requests
from django.conf import settings
from django.contrib.auth.hashers import PBKDF2PasswordHasher
from django.db import connection

from bench.serving import PROXY_HEADERS, production_server
from tests.factories import user_with_role

PASSWORD = "a long passphrase nobody guesses"
VAR = Path(settings.BASE_DIR) / "var" / "test-artifacts" / "serve"


def database_url() -> str:
    """The test database pytest-django created, as a URL the server process can open."""
    db = connection.settings_dict
    if db["ENGINE"].endswith("spatialite"):
        return f"spatialite:///{db['NAME']}"
    auth = db["USER"] + (f":{db['PASSWORD']}" if db["PASSWORD"] else "")
    return f"postgis://{auth}@{db['HOST'] or '127.0.0.1'}:{db['PORT'] or 5432}/{db['NAME']}"


def production_password(user, password: str) -> None:
    """Production verifies with its own hashers; the test settings hash with MD5 for speed."""
    hasher = PBKDF2PasswordHasher()
    user.password = hasher.encode(password, hasher.salt())
    user.save(update_fields=["password"])


def redis_url() -> str | None:
    """This helper's Redis database, if a Redis answers (else worker and beat are not started)."""
    import redis

    url = os.environ.get("ATLAS_TEST_REDIS_URL", "redis://127.0.0.1:6379/11")
    try:
        redis.Redis.from_url(url, socket_connect_timeout=1).ping()
    except redis.exceptions.RedisError:
        return None
    return url


@pytest.fixture
def server(transactional_db):
    production_password(user_with_role("viewer", username="analyst"), PASSWORD)
    connection.close()  # the server must not wait on a connection this process holds
    broker = redis_url()
    for old in VAR.glob("celerybeat-schedule*"):
        old.unlink()
    env = {"CELERY_EAGER": "0", "CELERY_BROKER_URL": broker, "CELERY_CONCURRENCY": "1"} if broker else {}
    with production_server(database_url=database_url(), var_dir=VAR, env=env) as url:
        yield url, broker


class ProxiedBrowser:
    """A browser behind the TLS proxy: it keeps the cookies it is given, and sends the Secure
    ones back too, as the proxy would over TLS (this client speaks plain HTTP to loopback)."""

    def __init__(self, base: str):
        self.base, self.session, self.secure = base, requests.Session(), {}
        self.session.headers.update(PROXY_HEADERS)

    def request(self, method: str, path: str, **kwargs) -> requests.Response:
        response = self.session.request(method, self.base + path, timeout=10, **kwargs)
        for cookie in self.session.cookies:
            self.secure.setdefault(cookie.name, (cookie.secure, cookie.has_nonstandard_attr("HttpOnly")))
            cookie.secure = False
        return response


def test_gunicorn_serves_the_map_after_a_form_login_and_static_files(server):
    server, broker = server
    started = time.monotonic()
    browser = ProxiedBrowser(server)
    login = browser.request("GET", "/accounts/login/?next=/")
    assert login.status_code == 200
    assert "max-age=31536000" in login.headers["Strict-Transport-Security"]
    assert "script-src 'self'" in login.headers["Content-Security-Policy"]
    token = re.search(r'name="csrfmiddlewaretoken" value="([^"]+)"', login.text).group(1)
    host = server.split("//", 1)[1]
    answer = browser.request(
        "POST", "/accounts/login/?next=/",
        data={"username": "analyst", "password": PASSWORD, "csrfmiddlewaretoken": token, "next": "/"},
        headers={"Referer": f"https://{host}/accounts/login/"},  # Django checks it on HTTPS
        allow_redirects=False,
    )
    assert answer.status_code == 302 and answer.headers["Location"] == "/"
    assert browser.secure["sessionid"] == (True, True)  # Secure, HttpOnly
    assert browser.secure["csrftoken"][0]

    page = browser.request("GET", "/")
    assert page.status_code == 200 and 'id="map"' in page.text
    script = re.search(r'src="(/static/atlas/map\.[0-9a-f]{12}\.js)"', page.text)
    assert script, "the map page links the hashed (manifest) static file"
    static = browser.request("GET", script.group(1))
    assert static.status_code == 200 and "L.map" in static.text
    assert "immutable" in static.headers["Cache-Control"]  # WhiteNoise: hashed names cached forever

    # Without the proxy's header: off to HTTPS. With a host not ours: refused.
    plain = requests.get(server + "/accounts/login/", allow_redirects=False, timeout=10)
    assert plain.status_code == 301 and plain.headers["Location"].startswith("https://")
    spoofed = requests.get(server + "/accounts/login/", headers={**PROXY_HEADERS, "Host": "evil.example"},
                           timeout=10)
    assert spoofed.status_code == 400
    assert time.monotonic() - started < 30

    # With a broker, serve.sh also started a Celery worker and beat.
    if broker is None:
        pytest.skip("no Redis at ATLAS_TEST_REDIS_URL: gunicorn passed; the worker and beat were not started")
    assert _worker_answers(broker), (VAR / "gunicorn.log").read_text()[-3000:]
    assert _eventually(lambda: list(VAR.glob("celerybeat-schedule*"))), "beat wrote no schedule file"


# Asked from a child process: a Celery app made here would become the current app (the shared
# tasks would bind to it) and leave broker pools and hooks behind that hang later forks.
_PING = ("import sys; from celery import Celery; "
         "sys.exit(0 if Celery(broker=sys.argv[1]).control.ping(timeout=1) else 1)")


def _worker_answers(broker: str) -> bool:
    ping = [sys.executable, "-c", _PING, broker]
    return _eventually(lambda: subprocess.run(ping, timeout=30).returncode == 0)


def _eventually(check, seconds: float = 20.0):
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        result = check()
        if result:
            return result
        time.sleep(0.5)
    return None
