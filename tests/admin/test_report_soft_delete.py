"""Reports are deleted in the admin only softly, with a reason, and restored with their incidents."""

import pytest
from django.urls import reverse

from incidents.models import Incident, Report
from tests.factories import IncidentFactory, ReportFactory, user_with_role

pytestmark = pytest.mark.django_db
CHANGELIST = reverse("admin:incidents_report_changelist")


@pytest.fixture
def report():
    report = ReportFactory(title="Rumour")
    IncidentFactory(report=report)
    return report


def _act(client, action, report, reason=""):
    return client.post(CHANGELIST + ("?deleted=1" if action == "restore" else ""),
                       {"action": action, "_selected_action": [report.pk], "reason": reason}, follow=True)


def test_editor_deletes_with_a_reason_and_restores(client, report):
    client.force_login(user_with_role("editor", username="alice"))

    refused = _act(client, "soft_delete", report)
    assert "Say why" in refused.content.decode() and Report.objects.filter(pk=report.pk).exists()

    _act(client, "soft_delete", report, reason="a rumour, retracted")
    assert not Report.objects.filter(pk=report.pk).exists() and not Incident.objects.exists()
    deleted = client.get(CHANGELIST + "?deleted=1").content.decode()
    assert "Rumour" in deleted and "a rumour, retracted" in deleted
    assert "Rumour" not in client.get(CHANGELIST).content.decode()

    _act(client, "restore", report)
    assert Report.objects.filter(pk=report.pk).exists() and Incident.objects.count() == 1
    assert report.history.first().history_user.username == "alice"


def test_viewers_cannot_delete(client, report):
    client.force_login(user_with_role("viewer", username="val"))
    _act(client, "soft_delete", report, reason="no")
    assert Report.objects.filter(pk=report.pk).exists()
