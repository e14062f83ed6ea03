"""Bad inputs through `manage.py ingest`: each gives a clear recorded error, the rest go in."""

import io
import json
import random

import pytest
from django.core.management import call_command

from incidents.models import Incident, IngestFailure, Mention, Report
from tests.pages import PARAGRAPHS, SCRIPT_SECRET, article_html

pytestmark = pytest.mark.django_db

ARABIC_TITLE = "غارة جوية على مخبأ لداعش جنوب كركوك"
ARABIC_BODY = "نفذت طائرات عراقية غارة جوية على مخبأ لتنظيم داعش جنوب كركوك يوم الاثنين."
ENGLISH = "Blast near patrol\n\n" + "\n\n".join(PARAGRAPHS["ied"])


@pytest.fixture
def batch(tmp_path, settings):
    settings.ATLAS_MAX_REPORT_BYTES = 5 * 1024 * 1024  # the default limit, whatever the env says
    folder = tmp_path / "reports"
    (folder / "sub").mkdir(parents=True)
    (folder / "empty.txt").write_bytes(b"")
    (folder / "whitespace.txt").write_text("   \n\n \t \n")
    with (folder / "huge.txt").open("wb") as handle:  # 20 MB of text
        line = b"An air strike hit a position near Mosul on Monday.\n"
        handle.write(line * (20 * 1024 * 1024 // len(line) + 1))
    rng = random.Random(5)
    (folder / "binary.txt").write_bytes(
        b"\x89PNG\r\n\x1a\n" + bytes(rng.randrange(256) for _ in range(4096))
    )
    (folder / "arabic-1256.txt").write_bytes(f"{ARABIC_TITLE}\n\n{ARABIC_BODY}\n".encode("cp1256"))
    (folder / "sub" / "utf16.txt").write_text(f"{ARABIC_TITLE} 2\n\n{ARABIC_BODY} (2)\n",
                                              encoding="utf-16")
    (folder / "sub" / "utf16le-nobom.txt").write_bytes(
        f"{ARABIC_TITLE} 3\n\n{ARABIC_BODY} (3)\n".encode("utf-16-le")
    )
    (folder / "page.html").write_text(article_html("arrest", title="Three arrested in Mosul"))
    (folder / "english.txt").write_text(ENGLISH)
    (folder / "notes.pdf").write_bytes(b"%PDF-1.4 not a report suffix, not ingested")
    return folder


def _ingest(*args) -> str:
    out = io.StringIO()
    call_command("ingest", *map(str, args), "--no-progress", stdout=out, stderr=io.StringIO())
    return out.getvalue()


def _failures() -> dict[str, str]:
    return {origin.rsplit("/", 1)[1]: reason
            for origin, reason in IngestFailure.objects.values_list("origin", "reason")}


def test_bad_files_are_recorded_and_the_rest_go_in(batch):
    summary = _ingest(batch)
    assert "Summary: 5 ingested" in summary and "4 failed" in summary
    failures = _failures()
    assert set(failures) == {"empty.txt", "whitespace.txt", "huge.txt", "binary.txt"}
    assert failures["empty.txt"] == "empty file"
    assert "empty report" in failures["whitespace.txt"]
    assert "too large" in failures["huge.txt"] and "limit 5,242,880" in failures["huge.txt"]
    assert "binary" in failures["binary.txt"]
    assert set(IngestFailure.objects.values_list("channel", flat=True)) == {"file"}
    for name, reason in failures.items():
        assert f"failed {batch / name}: {reason}" in summary

    titles = set(Report.objects.values_list("title", flat=True))
    assert titles == {ARABIC_TITLE, f"{ARABIC_TITLE} 2", f"{ARABIC_TITLE} 3",
                      "Three arrested in Mosul", "Blast near patrol"}
    assert Report.objects.get(title=ARABIC_TITLE).text == ARABIC_BODY
    assert Report.objects.get(title=f"{ARABIC_TITLE} 2").text == f"{ARABIC_BODY} (2)"
    assert Report.objects.get(title=f"{ARABIC_TITLE} 3").text == f"{ARABIC_BODY} (3)"
    page = Report.objects.get(title="Three arrested in Mosul")
    assert SCRIPT_SECRET not in page.text and "font-family" not in page.text
    assert PARAGRAPHS["arrest"][0] in page.text


def test_running_the_same_folder_twice_keeps_one_copy_of_everything(batch):
    _ingest(batch)
    before = (Report.objects.count(), Incident.objects.count(), Mention.objects.count())
    hashes = sorted(Report.objects.values_list("content_hash", flat=True))
    summary = _ingest(batch)
    assert "Summary: 0 ingested (0 incidents), 5 duplicate(s), 4 failed" in summary
    assert (Report.objects.count(), Incident.objects.count(), Mention.objects.count()) == before
    assert sorted(Report.objects.values_list("content_hash", flat=True)) == hashes
    assert Incident.objects.count() >= 2  # the English reports carry incidents
    # Each incident once: no two rows for the same sentence of the same report.
    keys = list(Incident.objects.values_list("report_id", "start", "sub_event_type"))
    assert len(keys) == len(set(keys))


def test_jsonl_with_bad_lines(tmp_path):
    path = tmp_path / "reports.jsonl"
    path.write_text("\n".join([
        json.dumps({"text": "\n\n".join(PARAGRAPHS["strike"]), "title": "Strike"}),
        "{broken",
        json.dumps({"title": "no text"}),
        "",
        json.dumps({"text": "\n\n".join(PARAGRAPHS["arrest"]), "title": "Arrest",
                    "published_at": "2021-05-18"}),
    ]) + "\n", encoding="utf-8")
    summary = _ingest("--jsonl", path)
    assert "Summary: 2 ingested" in summary and "2 failed" in summary
    reasons = dict(IngestFailure.objects.values_list("origin", "reason"))
    assert "invalid JSON" in reasons[f"{path}:2"]
    assert "missing or empty \"text\"" in reasons[f"{path}:3"]
    assert set(IngestFailure.objects.values_list("channel", flat=True)) == {"jsonl"}
    assert Report.objects.get(title="Arrest").published_at.date().isoformat() == "2021-05-18"


def test_missing_path_is_a_command_error(tmp_path):
    from django.core.management.base import CommandError

    with pytest.raises(CommandError, match="no such file or folder"):
        _ingest(tmp_path / "nope")
    with pytest.raises(CommandError, match="nothing to ingest"):
        _ingest()
