"""The ACLED taxonomy module: one home for types, sub-types and precision labels (pure)."""

from incidents.extraction import clauses
from incidents.extraction import taxonomy as tx
from incidents.extraction.predicates import REFINEMENTS


def test_every_coding_is_a_type_and_sub_type_of_the_taxonomy():
    codings = [coding for *_, coding in REFINEMENTS] + list(clauses._PLAIN.values())
    codings += [(tx.EXPLOSIONS, sub) for sub in clauses._EXPLOSIONS.values()]
    for event_type, sub_type in codings:
        assert sub_type in tx.EVENT_TYPES[event_type]


def test_sub_types_belong_to_one_event_type_each():
    subs = [s for subs in tx.EVENT_TYPES.values() for s in subs]
    assert len(subs) == len(set(subs)) == 25


def test_every_event_type_has_a_colour_and_a_disorder_type():
    assert list(tx.EVENT_COLOURS) == list(tx.EVENT_TYPES) == list(tx.DISORDER_TYPES)


def test_the_map_gets_types_colours_and_precision_labels_in_order():
    data = tx.map_taxonomy()
    assert data["eventTypes"] == list(tx.EVENT_TYPES)
    assert data["eventColours"]["Battles"] == "#d62728"
    assert data["geoPrecision"] == {1: "1 · the town itself", 2: "2 · near a town", 3: "3 · wider region"}
    assert tx.precision_choice(tx.TIME_WEEK, tx.TIME_PRECISION) == "2: within a week"
