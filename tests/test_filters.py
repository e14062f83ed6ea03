"""IncidentFilter: parsing/validation of query parameters and apply() on real rows."""

import datetime as dt

import pytest
from django.contrib.gis.geos import Point
from django.http import QueryDict

from incidents.filters import FilterError, IncidentFilter
from incidents.models import Incident
from tests.factories import IncidentFactory


def parse(query: str) -> IncidentFilter:
    return IncidentFilter.from_query(QueryDict(query))


def test_empty_query_means_no_filter():
    f = parse("")
    assert f == IncidentFilter()


def test_blank_form_values_are_ignored():
    f = parse("date_from=&date_to=&country=&q=&review_status=&bbox=")
    assert f == IncidentFilter()


def test_valid_bbox_parsed_to_floats():
    assert parse("bbox=38.5,33,43.5,37.5").bbox == (38.5, 33.0, 43.5, 37.5)


@pytest.mark.parametrize(
    ("bbox", "fragment"),
    [
        ("1,2,3", "expected 4"),
        ("1,2,3,4,5", "expected 4"),
        ("a,b,c,d", "not four numbers"),
        ("38,33,,37", "not four numbers"),
        ("nan,33,43,37", "finite"),
        ("38,33,200,37", "maxlon 200 is outside [-180, 180]"),
        ("-181,33,43,37", "minlon -181 is outside"),
        ("33,38.5,37.5,93.5", "maxlat 93.5 is outside [-90, 90]"),
        ("43,33,38,37", "minlon 43 must be less than maxlon 38"),
        ("38,37,43,33", "minlat 37 must be less than maxlat 33"),
        ("38,33,38,37", "minlon 38 must be less than maxlon 38"),
    ],
)
def test_invalid_bbox_raises_clear_error(bbox, fragment):
    with pytest.raises(FilterError) as info:
        parse(f"bbox={bbox}")
    assert fragment in str(info.value)
    assert str(info.value).startswith("bbox:")


def test_filter_error_is_a_value_error():
    assert issubclass(FilterError, ValueError)


def test_dates_parsed():
    f = parse("date_from=2021-05-01&date_to=2021-05-31")
    assert f.date_from == dt.date(2021, 5, 1)
    assert f.date_to == dt.date(2021, 5, 31)


@pytest.mark.parametrize("value", ["2021-13-01", "18/05/2021", "yesterday", "2021-02-30"])
def test_bad_date_raises(value):
    with pytest.raises(FilterError, match="date_from: .* YYYY-MM-DD"):
        parse(f"date_from={value}")


def test_date_range_reversed_raises():
    with pytest.raises(FilterError, match="after date_to"):
        parse("date_from=2021-06-01&date_to=2021-05-01")


def test_event_type_repeatable_and_validated():
    f = IncidentFilter.from_query({"event_type": ["Battles", "Riots", "Battles"]})
    assert f.event_types == ("Battles", "Riots")
    with pytest.raises(FilterError, match="event_type: unknown 'Bombing'"):
        IncidentFilter.from_query({"event_type": ["Battles", "Bombing"]})


def test_review_status_and_country_validated():
    f = parse("review_status=needs_review&country=sy")
    assert f.review_statuses == ("needs_review",)
    assert f.country == "SY"
    with pytest.raises(FilterError, match="review_status"):
        parse("review_status=maybe")
    with pytest.raises(FilterError, match="country: 'TR'"):
        parse("country=TR")


def test_single_valued_parameter_given_twice_raises():
    with pytest.raises(FilterError, match="bbox: give it once"):
        parse("bbox=38,33,43,37&bbox=1,2,3,4")


def test_overlong_search_text_raises():
    with pytest.raises(FilterError, match="longer than"):
        parse("q=" + "x" * 201)


@pytest.fixture
def incidents(db):
    mosul = IncidentFactory(
        location=Point(43.13, 36.34, srid=4326),
        location_name="Mosul",
        event_date=dt.date(2021, 5, 17),
        event_type="Explosions/Remote violence",
        sub_event_type="Air/drone strike",
        country_code="IQ",
        summary="An air strike hit a position near Mosul.",
    )
    deir = IncidentFactory(
        location=Point(40.14, 35.33, srid=4326),
        location_name="Deir ez-Zor",
        event_date=dt.date(2021, 4, 2),
        event_type="Battles",
        sub_event_type="Armed clash",
        country_code="SY",
        review_status=Incident.Review.NEEDS_REVIEW,
        summary="Clashes broke out in the desert.",
    )
    basra = IncidentFactory(
        location=Point(47.78, 30.51, srid=4326),
        location_name="Basra",
        event_date=dt.date(2021, 6, 20),
        event_type="Protests",
        sub_event_type="Peaceful protest",
        country_code="IQ",
        summary="Protesters gathered over power cuts.",
    )
    nowhere = IncidentFactory(
        location=None,
        location_name="",
        event_date=dt.date(2021, 5, 10),
        event_type="Battles",
        sub_event_type="Armed clash",
        country_code="IQ",
        summary="Fighting was reported somewhere.",
    )
    return {"mosul": mosul, "deir": deir, "basra": basra, "nowhere": nowhere}


def ids(filter_: IncidentFilter) -> set[int]:
    return set(filter_.apply(Incident.objects.all()).values_list("id", flat=True))


def test_apply_without_filters_returns_everything(incidents):
    assert ids(IncidentFilter()) == {i.id for i in incidents.values()}


def test_apply_bbox_keeps_points_inside_and_drops_unlocated(incidents):
    # The Iraq-Syria border preset: Mosul and Deir ez-Zor, not Basra.
    assert ids(parse("bbox=38.5,33,43.5,37.5")) == {incidents["mosul"].id, incidents["deir"].id}
    assert ids(parse("bbox=41.2,35.3,44.2,37.1")) == {incidents["mosul"].id}


def test_apply_dates_inclusive(incidents):
    got = ids(parse("date_from=2021-05-10&date_to=2021-05-17"))
    assert got == {incidents["mosul"].id, incidents["nowhere"].id}


def test_apply_event_types(incidents):
    got = ids(parse("event_type=Battles&event_type=Protests"))
    assert got == {incidents["deir"].id, incidents["basra"].id, incidents["nowhere"].id}


def test_apply_country_review_status_and_text(incidents):
    assert ids(parse("country=SY")) == {incidents["deir"].id}
    assert ids(parse("review_status=needs_review")) == {incidents["deir"].id}
    assert ids(parse("q=power+CUTS")) == {incidents["basra"].id}
    assert ids(parse("q=deir")) == {incidents["deir"].id}


def test_apply_combines_filters_with_and(incidents):
    got = ids(parse("bbox=38.5,33,43.5,37.5&event_type=Battles&date_from=2021-01-01"))
    assert got == {incidents["deir"].id}


@pytest.fixture
def analyst_rows(db):
    from tests.factories import ReportFactory

    wire = ReportFactory(publisher="Shafaq News")
    rudaw = ReportFactory(publisher="Rudaw")
    rows = {
        "mosul": IncidentFactory(report=wire, actor1="Military Forces of Iraq", actor2="ISIS",
                                 admin1="Nineveh", admin2="Mosul", geo_precision=1),
        "anbar": IncidentFactory(report=rudaw, actor1="ISIS", actor2="", admin1="Anbar", admin2="Ramadi",
                                 geo_precision=3, sub_event_type="Shelling/artillery/missile attack"),
        "raqqa": IncidentFactory(report=rudaw, actor1="SDF", actor2="Civilians (Syria)", admin1="Raqqa",
                                 admin2="", geo_precision=2, country_code="SY"),
    }
    rows["raqqa"].other_reports.add(wire)  # a second publisher for the same event
    return rows


@pytest.mark.parametrize(
    ("query", "expected"),
    [
        ("actor=isis", {"mosul", "anbar"}),
        ("actor=Civilians", {"raqqa"}),
        ("governorate=nineveh", {"mosul"}),
        ("governorate=Anbar&governorate=Raqqa", {"anbar", "raqqa"}),
        ("district=RAMADI", {"anbar"}),
        ("publisher=Rudaw", {"anbar", "raqqa"}),
        ("publisher=shafaq news", {"mosul", "raqqa"}),
        ("geo_precision=2&geo_precision=3", {"anbar", "raqqa"}),
        ("sub_event_type=Shelling/artillery/missile attack", {"anbar"}),
        ("sub_event_type=Air/drone strike&governorate=Raqqa", {"raqqa"}),
        ("publisher=Rudaw&geo_precision=1", set()),
    ],
)
def test_analyst_filters(analyst_rows, query, expected):
    chosen = parse(query).apply(Incident.objects.all())
    kept = set(chosen.values_list("pk", flat=True))
    assert {k for k, v in analyst_rows.items() if v.pk in kept} == expected
    assert chosen.count() == len(expected)  # no row twice through a linked report


@pytest.mark.parametrize(
    ("query", "fragment"),
    [
        ("geo_precision=0", "geo_precision"),
        ("geo_precision=near", "geo_precision"),
        ("sub_event_type=Shootout", "sub_event_type"),
        ("actor=a&actor=b", "actor: give it once"),
        ("governorate=" + "x" * 201, "governorate"),
    ],
)
def test_analyst_filters_reject_bad_values(query, fragment):
    with pytest.raises(FilterError, match=fragment):
        parse(query)


@pytest.mark.parametrize(
    ("query", "grid_only"),
    [("", True), ("bbox=40,30,45,35&event_type=Battles", True), ("actor=ISIS", False),
     ("geo_precision=1", False), ("date_from=2021-01-01", False), ("q=x", False)],
)
def test_only_grid_keys(query, grid_only):
    assert parse(query).only_grid_keys is grid_only
