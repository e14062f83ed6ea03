"""The review queue's reasons: a mention's, from what was stored; a possible duplicate."""

import datetime as dt

import pytest

from incidents.selectors.review import QueueFilter, mention_review_reason, review_queue
from tests.factories import IncidentFactory, PlaceFactory


def _cands(*scores):
    return [{"place_id": i, "score": s} for i, s in enumerate(scores, start=1)]


@pytest.mark.parametrize(("kind", "place_id", "confidence", "candidates", "reason"), [
    ("place", None, 0.0, [], "unresolved"),
    ("place", None, 0.0, _cands(0.6), "outside_container"),
    ("place", 1, 0.9, _cands(0.55, 0.50), "close_candidates"),
    ("place", 1, 0.3, _cands(0.9, 0.2), "low_confidence"),
    ("place", 1, 0.9, _cands(0.9, 0.2), ""),
    ("country", None, 0.0, [], ""),
    ("organisation", None, 0.0, _cands(0.6), ""),
])
def test_mention_reason(kind, place_id, confidence, candidates, reason):
    assert mention_review_reason(kind=kind, place_id=place_id, confidence=confidence,
                                 candidates=candidates) == reason


@pytest.mark.django_db
@pytest.mark.parametrize(("days_apart", "same_place", "linked", "flagged"), [
    (0, True, False, True),
    (1, True, False, True),
    (2, True, False, False),
    (0, False, False, False),
    (0, True, True, False),  # already linked as the same event
])
def test_possible_duplicate(days_apart, same_place, linked, flagged):
    place = PlaceFactory()
    first = IncidentFactory(place=place, confidence=0.9, event_date=dt.date(2021, 5, 10))
    second = IncidentFactory(place=place if same_place else PlaceFactory(), confidence=0.9,
                             event_date=dt.date(2021, 5, 10) + dt.timedelta(days=days_apart))
    if linked:
        first.other_reports.add(second.report)
        second.other_reports.add(first.report)

    rows, counts = review_queue(filters=QueueFilter(reason="possible_duplicate"))

    assert sorted(i.pk for i, _ in rows) == (sorted([first.pk, second.pk]) if flagged else [])
    assert counts["possible_duplicate"] == (2 if flagged else 0)
