"""The "paste a report" page: permission, CSRF, success/duplicate messages, clear errors."""

import pytest
from django.contrib.messages import get_messages
from django.test import Client
from django.urls import reverse

from incidents.models import Incident, IngestFailure, Report
from tests.factories import user_with_role
from tests.pages import PARAGRAPHS, SCRIPT_SECRET, article_html

pytestmark = pytest.mark.django_db

URL = "/reports/new/"
STRIKE = "\n\n".join(PARAGRAPHS["strike"])


@pytest.fixture
def editor():
    return user_with_role("editor", username="editor")


@pytest.fixture
def csrf_client(editor):
    client = Client(enforce_csrf_checks=True)
    client.force_login(editor)
    return client


def _post(client, data):
    page = client.get(URL)
    token = page.cookies["csrftoken"].value
    return client.post(URL, {**data, "csrfmiddlewaretoken": token})


def test_url_name():
    assert reverse("incidents:report-new") == URL


def test_anonymous_users_are_sent_to_login(client):
    response = client.get(URL)
    assert response.status_code == 302 and "/login/" in response["Location"]


def test_users_without_add_report_get_403(client_logged_in):
    assert client_logged_in.get(URL).status_code == 403
    assert client_logged_in.post(URL, {"text": STRIKE}).status_code == 403
    assert not Report.objects.exists()


def test_form_page_has_csrf_token_and_fields(csrf_client):
    response = csrf_client.get(URL)
    assert response.status_code == 200
    html = response.content.decode()
    assert 'name="csrfmiddlewaretoken"' in html
    for field in ("text", "title", "publisher", "url", "published_at"):
        assert f'name="{field}"' in html


def test_post_without_csrf_token_is_refused(csrf_client):
    response = csrf_client.post(URL, {"text": STRIKE})
    assert response.status_code == 403
    assert not Report.objects.exists()


def test_success_redirects_to_map_naming_the_incidents(csrf_client):
    response = _post(csrf_client, {"text": STRIKE, "title": "Jets strike hideout",
                                   "publisher": "Example Wire", "published_at": "2021-05-18T09:00"})
    assert response.status_code == 302 and response["Location"] == reverse("incidents:map")
    report = Report.objects.get()
    assert (report.title, report.publisher) == ("Jets strike hideout", "Example Wire")
    assert report.published_at.isoformat().startswith("2021-05-18T09:00")
    assert report.origin == "form:editor"
    [message] = list(get_messages(response.wsgi_request))
    text = str(message)
    incidents = list(Incident.objects.filter(report=report))
    assert incidents, "the strike paragraph should give at least one incident"
    assert f"{len(incidents)} incident(s)" in text and "Jets strike hideout" in text
    for incident in incidents:
        assert incident.sub_event_type in text
        assert f"{incident.event_date:%Y-%m-%d}" in text


def test_duplicate_is_reported_and_nothing_changes(csrf_client):
    _post(csrf_client, {"text": STRIKE, "title": "Jets strike hideout"})
    counts = (Report.objects.count(), Incident.objects.count())
    # Re-wrapped whitespace is the same report (content hash folds whitespace).
    response = _post(csrf_client, {"text": STRIKE.replace("\n\n", "\n   \n"),
                                   "title": "Jets strike hideout"})
    assert response.status_code == 302
    latest = list(get_messages(response.wsgi_request))[-1]  # the first post's is unread
    assert "Already ingested" in str(latest) and "nothing changed" in str(latest)
    assert (Report.objects.count(), Incident.objects.count()) == counts


def test_pasted_html_is_stripped_of_scripts(csrf_client):
    _post(csrf_client, {"text": article_html("arrest", title="Three arrested in Mosul")})
    report = Report.objects.get()
    assert report.title == "Three arrested in Mosul"
    assert SCRIPT_SECRET not in report.text


def test_unusable_report_shows_error_and_is_logged(csrf_client):
    response = _post(csrf_client, {"text": "<html><body><nav>Home</nav></body></html>"})
    assert response.status_code == 200
    assert "could not be ingested" in response.content.decode()
    failure = IngestFailure.objects.get()
    assert failure.channel == "form" and "no article text" in failure.reason
    assert not Report.objects.exists()


def test_invalid_input_is_escaped_and_explained(csrf_client, settings):
    settings.ATLAS_MAX_REPORT_BYTES = 1000
    response = _post(csrf_client, {"text": "x" * 1001, "title": "<script>alert(1)</script>",
                                   "url": "not a url"})
    html = response.content.decode()
    assert response.status_code == 200
    assert "Report too large: 1,001 bytes (limit 1,000)" in html
    assert "<script>alert(1)</script>" not in html
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in html
    assert not Report.objects.exists()
