"""The map's data for a view: exact cell counts from the triggers' table and from the
incidents agree, points when few match, every linked report, the place in words."""

import datetime as dt
import random

import pytest
from django.contrib.gis.geos import Point

from incidents import grid
from incidents.extraction.taxonomy import EVENT_TYPES
from incidents.filters import IncidentFilter
from incidents.models import Incident, MapCell
from incidents.selectors import map_data
from incidents.selectors.points import NEAR_KM, place_phrase
from incidents.selectors.timeline import incident_timeline
from tests.factories import IncidentFactory, ReportFactory

TYPES = list(EVENT_TYPES)
# Every precision ticked: the same incidents, but the filters are no longer grid keys only,
# so the counts come from the incidents themselves.
RAW = {"geo_precision": ["1", "2", "3"]}


def scatter(n: int, seed: int = 7, days: int = 700) -> list[Incident]:
    """n incidents around Mosul, Raqqa and the desert between, on a few exact town points too."""
    rng = random.Random(seed)
    towns = [(43.13, 36.34), (39.01, 35.95), (41.0, 34.4)]
    made = []
    for i in range(n):
        lon, lat = rng.choice(towns)
        if i % 3:
            lon, lat = lon + rng.gauss(0, 0.6), lat + rng.gauss(0, 0.4)
        made.append(IncidentFactory.build(
            report=ReportFactory(), location=Point(lon, lat, srid=4326), event_type=rng.choice(TYPES),
            event_date=dt.date(2020, 1, 1) + dt.timedelta(days=rng.randrange(days))))
    for incident in made:
        incident.save()
    return made


def view(query: dict) -> dict:
    return map_data.map_view(filters=IncidentFilter.from_query(query))


BOXES = ["35,30,49,38.5", "41.2,35.3,44.2,37.1", "42.9,36.2,43.4,36.5", "38.9,35.9,39.1,36.0"]


@pytest.mark.django_db
@pytest.mark.parametrize("bbox", BOXES)
@pytest.mark.parametrize("types", [[], ["Battles"], ["Riots", "Protests"]])
def test_cell_counts_from_the_triggers_equal_those_from_the_incidents(monkeypatch, bbox, types):
    monkeypatch.setattr(map_data, "POINT_LIMIT", 0)  # always cells
    made = scatter(300)
    quick = view({"bbox": bbox, "event_type": types})
    slow = view({"bbox": bbox, "event_type": types, **RAW})
    assert (quick["cells"], quick["types"], quick["total"]) == (slow["cells"], slow["types"], slow["total"])
    # And both are the truth: the incidents whose cell is in the view's cell range.
    cells = map_data.CellRange.for_bbox(tuple(map(float, bbox.split(","))))
    inside = [
        i for i in made
        if (not types or i.event_type in types)
        and cells.x0 <= grid.cell_of(i.location.x, i.location.y, cells.level)[0] <= cells.x1
        and cells.y0 <= grid.cell_of(i.location.x, i.location.y, cells.level)[1] <= cells.y1
    ]
    assert quick["total"] == len(inside) == sum(c["n"] for c in quick["cells"])
    assert quick["types"] == [t for t in TYPES if t in {i.event_type for i in inside}]
    for cell in quick["cells"]:
        assert sum(cell["counts"]) == cell["n"] and len(cell["counts"]) == len(quick["types"])
        size = quick["size"]
        assert cell["x"] * size <= cell["lon"] <= (cell["x"] + 1) * size
        assert cell["y"] * size <= cell["lat"] <= (cell["y"] + 1) * size


@pytest.mark.django_db
def test_triggers_follow_moves_retypes_and_deletes(monkeypatch):
    monkeypatch.setattr(map_data, "POINT_LIMIT", 0)
    made = scatter(60, seed=3)
    for incident in made[:10]:
        incident.location = Point(incident.location.x + 0.7, incident.location.y, srid=4326)
        incident.event_type = "Riots"
        incident.save()
    Incident.objects.filter(pk__in=[i.pk for i in made[10:20]]).delete()
    Incident.objects.filter(pk__in=[i.pk for i in made[20:25]]).update(location=None)
    Incident.objects.filter(pk__in=[i.pk for i in made[25:30]]).update(event_type="Protests")
    # Soft-deleted incidents are on no map (and back when restored).
    Incident.objects.filter(pk__in=[i.pk for i in made[30:34]]).update(deleted_at=dt.datetime.now(dt.UTC))
    Incident.all_objects.filter(pk=made[30].pk).update(deleted_at=None)
    for level in (grid.MIN_LEVEL, 9, grid.MAX_LEVEL):
        assert sum(MapCell.objects.filter(level=level).values_list("n", flat=True)) == 42
    box = {"bbox": "30,25,50,45"}
    assert view(box)["cells"] == view({**box, **RAW})["cells"]
    assert view(box)["unlocated"] == 5


@pytest.mark.django_db
def test_few_incidents_come_as_points_and_many_as_cells(monkeypatch):
    scatter(40)
    few = view({"bbox": "35,30,49,38.5"})
    assert few["mode"] == "points" and len(few["features"]) == few["total"] == 40 and few["cells"] == []
    monkeypatch.setattr(map_data, "POINT_LIMIT", 39)
    many = view({"bbox": "35,30,49,38.5"})
    assert many["mode"] == "cells" and many["features"] == [] and many["total"] == 40


@pytest.mark.django_db
def test_a_large_box_at_a_fine_zoom_is_still_few_cells():
    cells = map_data.CellRange.for_bbox((30.0, 25.0, 50.0, 40.0))
    assert (cells.x1 - cells.x0 + 1) <= map_data.CELLS_ACROSS + 1
    assert map_data.CellRange.for_bbox((43.1, 36.3, 43.11, 36.31)).level == grid.MAX_LEVEL


@pytest.mark.parametrize(
    ("precision", "name", "admin1", "phrase"),
    [
        (1, "Mosul", "Nineveh", "Mosul"),
        (2, "Badush", "Nineveh", "near Badush"),
        (3, "Mosul", "Nineveh", "somewhere in Nineveh governorate"),
        (3, "Wadi Hauran", "", "near Wadi Hauran"),
    ],
)
def test_place_phrases(precision, name, admin1, phrase):
    assert place_phrase(geo_precision=precision, name=name, admin1=admin1) == phrase


@pytest.mark.django_db
def test_points_carry_uncertainty_and_every_linked_report():
    first = ReportFactory(publisher="Shafaq News", url="https://shafaq.example/1")
    second = ReportFactory(publisher="Rudaw", url="https://rudaw.example/2")
    near = IncidentFactory(report=first, geo_precision=2, location_name="Badush")
    near.other_reports.add(second)
    estimated = IncidentFactory(geo_precision=2, uncertainty_km=30.0,
                                estimate=Point(43.5, 36.3, srid=4326), event_date=dt.date(2021, 1, 1))
    features = {f["id"]: f["properties"] for f in view({})["features"]}
    assert features[near.id]["radius_km"] == NEAR_KM
    assert features[near.id]["place"] == "near Badush"
    assert [r["publisher"] for r in features[near.id]["reports"]] == ["Shafaq News", "Rudaw"]
    assert features[near.id]["reports"][1]["url"] == "https://rudaw.example/2"
    assert features[estimated.id]["radius_km"] == 30.0
    assert features[estimated.id]["centre"] == [43.5, 36.3]


@pytest.mark.django_db
@pytest.mark.parametrize("bbox", ["30,25,50,45", "41.2,35.3,44.2,37.1"])
@pytest.mark.parametrize(("days", "unit"), [(60, "day"), (700, "week"), (3000, "month"), (12_000, "year")])
def test_timeline_from_day_counts_equals_the_incidents(bbox, days, unit):
    scatter(150, seed=11, days=days)
    IncidentFactory(location=None, event_date=dt.date(2019, 6, 1))
    quick = incident_timeline(filters=IncidentFilter.from_query({"bbox": bbox}))
    slow = incident_timeline(filters=IncidentFilter.from_query({"bbox": bbox, **RAW}))
    assert quick == slow
    assert quick["unit"] == unit and quick["total"] == sum(b["total"] for b in quick["buckets"]) > 0
