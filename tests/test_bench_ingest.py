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


@pytest.mark.django_db(transaction=True)  # the worker processes read what this one wrote
@pytest.mark.parametrize("processes", [0, 2])
def test_batched_runs_store_every_report_once(default_gazetteer, processes):
    from bench.ingest_processes import run_batched, run_processes

    payloads = generate(6)
    if processes:
        run = run_processes(payloads, processes, batch_size=2)
    else:
        done = []
        run = run_batched(payloads, 4, done.append)
        assert done == [4, 2]
    assert run.seconds > 0 and run.client_cpu > 0
    assert sorted(Report.objects.values_list("origin", flat=True)) == sorted(p["origin"] for p in payloads)
    wipe_reports()
