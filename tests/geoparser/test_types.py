"""Immutable typed records: frozen Toponyms built fast equal the ones __init__ builds, and
the enums serialise as the contract's strings."""

import dataclasses
import json

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from gazetteer.geoparser import Candidate, Kind, Relation, Toponym, geoparse
from tests.geoparser.test_recognize import MOSUL, build_index

OPTIONAL_FLOAT = st.none() | st.floats(-90, 90)
FIELDS = st.fixed_dictionaries({
    "start": st.integers(0, 100), "end": st.integers(0, 100), "text": st.text(max_size=10),
    "kind": st.sampled_from(list(Kind)), "candidates": st.sampled_from([(), ((MOSUL, 0.5),)]),
    "place": st.sampled_from([None, MOSUL]), "confidence": st.floats(0, 1), "lat": OPTIONAL_FLOAT,
    "lon": OPTIONAL_FLOAT, "relation": st.sampled_from(list(Relation)), "anchor": st.text(max_size=5),
    "direction": st.sampled_from(["", "N", "SW"]), "distance_km": OPTIONAL_FLOAT,
    "event_lat": OPTIONAL_FLOAT, "event_lon": OPTIONAL_FLOAT, "uncertainty_km": OPTIONAL_FLOAT,
    "geo_precision": st.sampled_from([None, 1, 2, 3]),
})


@settings(max_examples=200, deadline=None)
@given(FIELDS, FIELDS)
def test_the_fast_constructors_build_what_the_dataclass_builds(a, b):
    t = Toponym(**a)
    made = Toponym.make(a["start"], a["end"], a["text"], a["kind"], a["candidates"])
    assert made == Toponym(a["start"], a["end"], a["text"], a["kind"], a["candidates"])
    resolved = t.resolved(b["candidates"], b["place"], b["confidence"], b["lat"], b["lon"])
    assert resolved == dataclasses.replace(t, candidates=b["candidates"], place=b["place"],
                                           confidence=b["confidence"], lat=b["lat"], lon=b["lon"])
    related = t.related(b["relation"], b["anchor"], b["direction"], b["distance_km"], b["event_lat"],
                        b["event_lon"], b["uncertainty_km"], b["geo_precision"], b["lat"], b["lon"])
    own = {"lat": t.lat if b["lat"] is None else b["lat"], "lon": t.lon if b["lon"] is None else b["lon"]}
    assert related == dataclasses.replace(t, **{k: b[k] for k in (
        "relation", "anchor", "direction", "distance_km", "event_lat", "event_lon", "uncertainty_km",
        "geo_precision")}, **own)
    for record in (made, resolved, related):
        assert type(record) is Toponym and hash(record) == hash(dataclasses.replace(record))


def test_records_are_immutable_and_stages_return_new_ones():
    index = build_index()
    (t,) = geoparse("Clashes in Mosul.", index)
    with pytest.raises(dataclasses.FrozenInstanceError):
        t.place = None
    assert isinstance(t.candidates, tuple) and t.kind is Kind.PLACE and t.relation is Relation.SELF
    with pytest.raises(dataclasses.FrozenInstanceError):
        Candidate(1, "X", 0.0, 0.0).name = "Y"


def test_the_enums_serialise_as_the_contract_strings():
    t = Toponym(0, 4, "Iraq", kind="country", relation="part", candidates=[])
    assert t.kind is Kind.COUNTRY and t.relation is Relation.PART and t.candidates == ()
    assert json.dumps({"kind": t.kind, "relation": t.relation}) == '{"kind": "country", "relation": "part"}'
    assert str(Relation.SELF) == "" and not Relation.SELF and f"{Kind.REGION}" == "region"
