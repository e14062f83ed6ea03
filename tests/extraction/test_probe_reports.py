"""The development probe (eval/probe-2026-12.jsonl): one invented sentence per ACLED
sub-event type or phrasing that the tuning set lacked, each with its gold incident.

Located figures need a loaded gazetteer (`manage.py extract_eval --gold ...`); here the
text alone must give the right sub-type, toll and date, so the vocabulary cannot
silently shrink.
"""

import datetime as dt
import json
from pathlib import Path

import pytest

from incidents.extraction.pipeline import extract_incidents

PROBE = Path(__file__).resolve().parents[2] / "eval" / "probe-2026-12.jsonl"
REPORTS = [json.loads(line) for line in PROBE.read_text(encoding="utf-8").splitlines()]


@pytest.mark.parametrize("report", REPORTS, ids=[r["id"] for r in REPORTS])
def test_probe_sentence_gives_its_gold_incident(report):
    (gold,) = report["incidents"]
    published = dt.date.fromisoformat(report["published_at"])
    (incident,) = extract_incidents(report["text"], published=published, toponyms=[])
    got = (incident.sub_event_type, incident.fatalities, str(incident.event_date))
    assert got == (gold["sub_event_type"], gold["fatalities"], gold["event_date"])
