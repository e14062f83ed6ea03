"""`manage.py ingest --batch-size`: any batch size stores the same reports and reports the
same outcomes, bad lines included."""

import io
import json

import pytest
from django.core.management import call_command
from django.core.management.base import CommandError

from incidents.models import Incident, IngestFailure, Report
from tests.pages import PARAGRAPHS

pytestmark = pytest.mark.django_db


def _ingest(*args) -> str:
    out = io.StringIO()
    call_command("ingest", *map(str, args), "--no-progress", stdout=out, stderr=io.StringIO())
    return out.getvalue()


@pytest.fixture
def jsonl(tmp_path):
    path = tmp_path / "reports.jsonl"
    strike = json.dumps({"text": "\n\n".join(PARAGRAPHS["strike"]), "title": "Strike"})
    path.write_text("\n".join([
        strike,
        "{broken",
        json.dumps({"text": "\n\n".join(PARAGRAPHS["arrest"]), "title": "Arrest"}),
        strike,  # the same report again: a duplicate within the batch
        json.dumps({"text": "\n\n".join(PARAGRAPHS["ied"]), "title": "IED"}),
    ]) + "\n", encoding="utf-8")
    return path


@pytest.mark.parametrize("size", [1, 2, 100])
def test_every_batch_size_gives_the_same_outcome(jsonl, size):
    summary = _ingest("--jsonl", jsonl, "--batch-size", size)
    assert "Summary: 3 ingested" in summary and "1 duplicate(s), 1 failed" in summary
    assert f"failed {jsonl}:2: invalid JSON" in summary
    assert sorted(Report.objects.values_list("title", flat=True)) == ["Arrest", "IED", "Strike"]
    assert IngestFailure.objects.count() == 1 and Incident.objects.exists()
    again = _ingest("--jsonl", jsonl, "--batch-size", size)
    assert "Summary: 0 ingested" in again and "4 duplicate(s)" in again


def test_batch_size_below_one_is_a_command_error(jsonl):
    with pytest.raises(CommandError, match="--batch-size"):
        _ingest("--jsonl", jsonl, "--batch-size", 0)
