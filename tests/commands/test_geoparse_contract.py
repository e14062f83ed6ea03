"""`manage.py geoparse`: the stable JSON contract, with the estimate beside the coded point."""

import io
import json

from django.contrib.gis.geos import Point
from django.core.management import call_command

from gazetteer.index import gazetteer_index_reset
from tests.factories import PlaceFactory, PlaceNameFactory

CONTRACT_KEYS = {"start", "end", "event_type", "sub_event_type", "event_date", "time_precision",
                 "location", "lat", "lon", "geo_precision", "confidence"}


def test_an_incident_keeps_its_keys_and_adds_the_estimate(db, tmp_path):
    town = PlaceFactory(name="Exampleton", feature_code="PPLA2", population=80_000, point=Point(43.0, 36.0))
    PlaceNameFactory(place=town, name="Exampleton")
    gazetteer_index_reset()
    path = tmp_path / "in.jsonl"
    text = "An IED exploded 20 km west of Exampleton on Monday, killing two soldiers."
    path.write_text(json.dumps({"id": "a", "text": text, "published_at": "2021-05-18"}) + "\n")
    out = io.StringIO()
    call_command("geoparse", "--jsonl", str(path), stdout=out)
    (incident,) = json.loads(out.getvalue())["incidents"]
    assert set(incident) >= CONTRACT_KEYS
    # the coded point is the anchor town (ACLED), the estimate the displaced point
    assert (incident["lat"], incident["lon"], incident["geo_precision"]) == (36.0, 43.0, 2)
    assert incident["est_lon"] < 43.0 and abs(incident["est_lat"] - 36.0) < 0.01
    assert incident["uncertainty_km"] == 4.0
