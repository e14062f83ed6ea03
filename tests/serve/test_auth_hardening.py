"""Login throttling (django-axes), password strength and the security headers.

Axes is off in the test settings (Django's test client logs in without a request); these
tests switch it on and log in through the real form, as a browser would.
"""

import io
import logging

import pytest
from axes.models import AccessAttempt, AccessFailureLog
from django.contrib.auth.password_validation import validate_password
from django.core.exceptions import ValidationError
from django.core.management import call_command
from django.test import override_settings

from incidents.services.tokens import api_token_create
from tests.factories import user_with_role

PASSWORD = "a long passphrase nobody guesses"
LOGIN = "/accounts/login/"
pytestmark = pytest.mark.django_db


@pytest.fixture
def axes_on(settings):
    settings.AXES_ENABLED = True
    settings.AXES_FAILURE_LIMIT = 5


def _log_in(client, password, username="analyst", **extra):
    return client.post(LOGIN, {"username": username, "password": password}, **extra)


def test_five_wrong_passwords_lock_the_account_even_against_the_right_one(client, axes_on, caplog):
    user_with_role("viewer", username="analyst", password=PASSWORD)
    for _ in range(4):
        assert _log_in(client, "wrong password!!").status_code == 200  # the form again, with its error
    with caplog.at_level(logging.WARNING, logger="axes"):
        assert _log_in(client, "wrong password!!").status_code == 429  # the fifth locks
    locked = _log_in(client, PASSWORD)
    assert locked.status_code == 429
    assert "_auth_user_id" not in client.session
    # Attempts during the lockout count too (and extend it: AXES_RESET_COOL_OFF_ON_FAILURE_DURING_LOCKOUT).
    assert AccessAttempt.objects.get(username="analyst").failures_since_start >= 5
    assert AccessFailureLog.objects.filter(username="analyst", locked_out=True).exists()
    assert any("Locking out" in r.getMessage() for r in caplog.records)
    # Another address is not locked out: the pair (username, address) is.
    assert _log_in(client, PASSWORD, REMOTE_ADDR="10.0.0.9").status_code == 302


def test_reset_command_lifts_the_lockout(client, axes_on):
    user_with_role("viewer", username="analyst", password=PASSWORD)
    for _ in range(5):
        _log_in(client, "wrong password!!")
    assert _log_in(client, PASSWORD).status_code == 429
    call_command("axes_reset_username", "analyst", stdout=io.StringIO())
    assert _log_in(client, PASSWORD).status_code == 302


def test_a_success_before_the_limit_resets_the_count(client, axes_on):
    user_with_role("viewer", username="analyst", password=PASSWORD)
    for _ in range(4):
        _log_in(client, "wrong password!!")
    assert _log_in(client, PASSWORD).status_code == 302
    client.post("/accounts/logout/")
    for _ in range(4):
        assert _log_in(client, "wrong password!!").status_code == 200


def test_admin_login_is_throttled_too(client, axes_on):
    user_with_role("admin", username="analyst", password=PASSWORD)
    for _ in range(5):
        client.post("/admin/login/", {"username": "analyst", "password": "nope nope nope"})
    response = client.post("/admin/login/", {"username": "analyst", "password": PASSWORD})
    assert response.status_code == 429


def test_wrong_api_tokens_lock_the_address_out(client, axes_on):
    user = user_with_role("viewer", username="analyst", password=PASSWORD)
    good = {"Authorization": f"Token {api_token_create(user=user, name='t')[1]}"}
    url = "/api/v1/incidents/"
    assert client.get(url, headers=good).status_code == 200
    wrong = {"Authorization": "Token not-a-token"}
    assert [client.get(url, headers=wrong).status_code for _ in range(5)] == [401] * 4 + [429]
    assert client.get(url, headers=good).status_code == 429
    assert client.get(url, headers=good, REMOTE_ADDR="10.0.0.9").status_code == 200
    assert AccessAttempt.objects.filter(username="api-token").exists()


@pytest.mark.parametrize(("password", "refused"), [
    ("short1!A", True),  # under 12 characters
    ("password1234", True),  # common
    ("348975309874520", True),  # numeric only
    ("analyst-analyst", True),  # like the username
    ("plum orchard at dusk", False),
])
def test_password_validators(password, refused):
    user = user_with_role(None, username="analyst-analyst")
    if refused:
        with pytest.raises(ValidationError):
            validate_password(password, user=user)
    else:
        validate_password(password, user=user)


@override_settings(AXES_ENABLED=True)
def test_pages_carry_the_content_security_policy(client):
    policy = client.get(LOGIN)["Content-Security-Policy"]
    directives = dict(part.strip().split(" ", 1) for part in policy.split(";") if part.strip())
    assert directives["script-src"] == "'self'"
    assert directives["object-src"] == "'none'"
    assert directives["frame-ancestors"] == "'none'"
