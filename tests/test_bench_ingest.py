"""The ingest benchmark's report generator and its in-process run (bench/ingest_throughput.py)."""

import pytest

from bench.ingest_reports import IRAQ, SYRIA, generate
from bench.ingest_throughput import run_in_process, wipe_reports
from incidents.models import Incident, Report
from incidents.sources.document import content_hash


def test_generated_reports_are_distinct_wire_texts_of_about_2_kb():
    reports = generate(200)
    assert generate(200) == reports  # seeded: every run sees the same texts
    assert len({content_hash(r["text"]) for r in reports}) == 200
    sizes = [len(r["text"].encode()) for r in reports]
    assert min(sizes) >= 1900 and max(sizes) <= 3000
    towns = [town for town, _ in IRAQ + SYRIA]
    assert all(any(town in r["text"] for town in towns) for r in reports)
    assert len({r["text"][:60] for r in reports}) > 20  # varied openings, not one template


@pytest.mark.django_db(transaction=True)  # TRUNCATE, as the bench does, needs autocommit
def test_in_process_run_ingests_every_report_and_wipe_empties_the_tables(default_gazetteer):
    done = []
    seconds = run_in_process(generate(5), lambda: done.append(1))
    assert seconds > 0 and len(done) == 5
    assert Report.objects.count() == 5 and Incident.objects.exists()
    wipe_reports()
    assert not Report.objects.exists() and not Incident.objects.exists()
