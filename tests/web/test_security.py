"""Login everywhere, roles, the analyst account, and the production deploy check."""

import io
import os
import subprocess
import sys

import pytest
from django.conf import settings
from django.contrib.auth.models import Group
from django.core.management import call_command


@pytest.mark.django_db
@pytest.mark.parametrize("path", ["/", "/admin/"])
def test_pages_redirect_anonymous_users_to_login(client, path):
    response = client.get(path)
    assert response.status_code == 302
    assert "/login/" in response["Location"]


@pytest.mark.django_db
@pytest.mark.parametrize("path", ["/api/incidents.geojson", "/export/incidents.csv"])
def test_apis_answer_401_to_anonymous_users(client, path):
    response = client.get(path)
    assert response.status_code == 401
    assert response.json() == {"error": "authentication required"}


@pytest.mark.django_db
def test_login_page_is_public(client):
    assert client.get("/accounts/login/").status_code == 200


@pytest.mark.django_db
def test_roles_exist_with_their_permissions():
    perms = {
        name: set(Group.objects.get(name=name).permissions.values_list("codename", flat=True))
        for name in ("viewer", "editor", "admin")
    }
    assert "view_incident" in perms["viewer"] and "change_incident" not in perms["viewer"]
    assert {"view_incident", "change_incident", "add_report"} <= perms["editor"]
    assert "delete_place" not in perms["editor"]
    assert {"delete_place", "change_user"} <= perms["admin"]


@pytest.mark.django_db
def test_create_analyst_prints_password_once_and_it_works(client):
    out = io.StringIO()
    call_command("atlas_create_analyst", stdout=out)
    password = out.getvalue().split("password: ")[1].split()[0]
    assert client.login(username="analyst", password=password)
    again = io.StringIO()
    call_command("atlas_create_analyst", stdout=again)
    assert password not in again.getvalue()
    assert "changepassword" in again.getvalue()


def test_production_settings_pass_check_deploy():
    env = {
        **{k: v for k, v in os.environ.items() if k != "DJANGO_ALLOW_ASYNC_UNSAFE"},
        "DJANGO_SETTINGS_MODULE": "config.settings.production",
        "SECRET_KEY": "x" * 20 + "-not-a-real-secret-but-long-enough-for-the-check-0123456789",
        "ALLOWED_HOSTS": "atlas.example.org",
    }
    result = subprocess.run(
        [sys.executable, "manage.py", "check", "--deploy", "--fail-level", "WARNING"],
        cwd=settings.BASE_DIR,
        env=env,
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert result.returncode == 0, result.stdout + result.stderr
    assert "no issues" in result.stdout


def test_production_refuses_to_start_without_secret_key():
    env = {k: v for k, v in os.environ.items() if k != "SECRET_KEY"}
    env["DJANGO_SETTINGS_MODULE"] = "config.settings.production"
    result = subprocess.run(
        [sys.executable, "manage.py", "check"],
        cwd=settings.BASE_DIR,
        env=env,
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert result.returncode != 0
    assert "SECRET_KEY" in result.stderr
