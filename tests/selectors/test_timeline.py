"""The map's timeline: buckets per day, week or month, every filter but the dates."""

import datetime as dt

import pytest
from django.contrib.gis.geos import Point
from django.test import Client
from django.urls import reverse

from incidents.extraction.taxonomy import EVENT_TYPES
from incidents.filters import IncidentFilter
from incidents.selectors.timeline import incident_timeline
from tests.factories import IncidentFactory

URL = reverse("incidents:incidents-timeline")
BLAST = "Explosions/Remote violence"

pytestmark = pytest.mark.django_db


def on(day: str, event_type: str = BLAST, **kw):
    sub = {BLAST: "Air/drone strike", "Battles": "Armed clash"}[event_type]
    day = dt.date.fromisoformat(day)
    return IncidentFactory(event_date=day, event_type=event_type, sub_event_type=sub, **kw)


def timeline(**filters):
    return incident_timeline(filters=IncidentFilter(**filters))


def test_one_bar_a_day_with_the_empty_days_in_between():
    on("2021-04-02")
    on("2021-04-04")
    on("2021-04-04", "Battles")
    out = timeline()
    assert out["unit"] == "day" and out["total"] == 3
    assert out["buckets"] == [
        {"start": "2021-04-02", "end": "2021-04-02", "total": 1, "counts": {BLAST: 1}},
        {"start": "2021-04-03", "end": "2021-04-03", "total": 0, "counts": {}},
        {"start": "2021-04-04", "end": "2021-04-04", "total": 2, "counts": {"Battles": 1, BLAST: 1}},
    ]
    assert list(out["buckets"][2]["counts"]) == ["Battles", BLAST]  # the legend's order


def test_weeks_start_on_monday_and_months_end_on_their_last_day():
    on("2021-01-06")  # a Wednesday
    on("2021-06-30")
    weeks = timeline()
    assert weeks["unit"] == "week"
    assert (weeks["buckets"][0]["start"], weeks["buckets"][0]["end"]) == ("2021-01-04", "2021-01-10")
    assert weeks["buckets"][-1]["start"] == "2021-06-28"
    assert len(weeks["buckets"]) == 26 and weeks["total"] == 2

    on("2018-03-15")
    months = timeline()
    assert months["unit"] == "month"
    ends = {b["start"]: b["end"] for b in months["buckets"]}
    assert ends["2018-03-01"] == "2018-03-31"
    assert ends["2020-02-01"] == "2020-02-29"
    assert len(months["buckets"]) == 40 and months["total"] == 3


def test_the_dates_are_ignored_and_the_other_filters_apply():
    on("2021-04-02", location=Point(43.1, 36.3, srid=4326))
    on("2021-04-03", "Battles", location=Point(43.1, 36.3, srid=4326))
    on("2021-04-05", location=Point(40.1, 35.3, srid=4326), country_code="SY")
    on("2021-04-06", location=None)
    assert timeline(date_from=dt.date(2021, 4, 5), date_to=dt.date(2021, 4, 5))["total"] == 4
    assert timeline(event_types=("Battles",))["total"] == 1
    assert timeline(country="SY")["total"] == 1
    in_view = timeline(bbox=(42.0, 35.0, 44.0, 37.0))  # Nineveh: neither Syria nor the unlocated one
    assert in_view["total"] == 2
    assert [b["start"] for b in in_view["buckets"]] == ["2021-04-02", "2021-04-03"]


def test_nothing_to_show(django_assert_num_queries):
    with django_assert_num_queries(1):
        out = timeline()
    assert out == {"unit": "day", "total": 0, "event_types": list(EVENT_TYPES), "buckets": []}


def test_one_query_however_long_the_record(django_assert_num_queries):
    for day in ("2019-01-01", "2020-06-15", "2021-12-31"):
        on(day)
    with django_assert_num_queries(1):
        assert timeline()["total"] == 3


def test_api_needs_login_checks_filters_and_answers_json(client_logged_in):
    assert Client().get(URL).status_code == 401
    on("2021-04-02")
    response = client_logged_in.get(URL, {"date_from": "2021-05-01", "event_type": BLAST})
    assert response.status_code == 200
    assert response["Cache-Control"] == "private, no-cache"
    assert response.json()["buckets"][0]["counts"] == {BLAST: 1}
    bad = client_logged_in.get(URL, {"date_from": "yesterday"})
    assert bad.status_code == 400 and "date_from" in bad.json()["error"]


def test_a_stray_date_gives_years_not_thousands_of_bars():
    on("1970-01-01")  # a feed's epoch date
    on("2021-04-02")
    out = timeline()
    assert out["unit"] == "year" and len(out["buckets"]) == 52
    assert (out["buckets"][0]["start"], out["buckets"][0]["end"]) == ("1970-01-01", "1970-12-31")
    on("9999-12-31")  # the last representable day still ends its bucket
    last = timeline()["buckets"][-1]
    assert last == {"start": "9999-01-01", "end": "9999-12-31", "total": 1, "counts": {BLAST: 1}}
