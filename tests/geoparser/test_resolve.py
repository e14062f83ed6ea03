"""Resolution: document context chooses between same-name places; scores are 0-1."""

import pytest

from gazetteer.geoparser import Candidate, GazetteerIndex, geoparse, recognize, resolve
from tests.geoparser.test_recognize import MOSUL, TAL_AFAR, TEXT, build_index

RABIA_IQ = Candidate(11, "Rabia", 36.80, 42.10, "P", "PPL", "IQ", 20000, "Ninawa")
RABIA_SY = Candidate(12, "Rabia", 35.65, 36.01, "P", "PPL", "SY", 20000, "Latakia")
LATAKIA = Candidate(13, "Latakia", 35.53, 35.79, "P", "PPLA", "SY", 383000, "Latakia")
TALL_AFAR_SY = Candidate(14, "Tall Afar", 36.6, 40.9, "P", "PPL", "SY", 300, "Hasakah")


def index_with_rabias():
    return build_index(extra=[("Rabia", RABIA_IQ), ("Rabea", RABIA_SY),
                              ("Latakia", LATAKIA), ("Tall Afar", TALL_AFAR_SY)])


def by_text(toponyms):
    return {t.text: t for t in toponyms}


def test_seed_paraphrase_resolves_to_iraq():
    found = by_text(geoparse(TEXT, index_with_rabias()))
    assert found["Mosul"].place.place_id == MOSUL.place_id
    assert found["Tal Afar"].place.place_id == TAL_AFAR.place_id
    assert found["Tal Afar"].place.country == "IQ"
    assert found["Hammam Al-Alil"].place is None
    assert found["Hammam Al-Alil"].confidence == 0.0


def test_hammam_resolves_when_indexed():
    found = by_text(geoparse(TEXT, build_index(with_hammam=True)))
    assert found["Hammam Al-Alil"].place.name == "Hamaam Alalil Centre"
    assert 0 < found["Hammam Al-Alil"].confidence <= 1


def test_same_name_follows_document_region():
    iraq = by_text(geoparse("Gunmen attacked a post in Rabia, west of Mosul.", index_with_rabias()))
    syria = by_text(geoparse("Shells fell on Rabia, a village near Latakia.", index_with_rabias()))
    assert iraq["Rabia"].place.place_id == RABIA_IQ.place_id
    assert syria["Rabia"].place.place_id == RABIA_SY.place_id


def test_containment_in_text_decides():
    found = by_text(geoparse("A blast hit Rabia, Nineveh, on Sunday.", index_with_rabias()))
    assert found["Rabia"].place.place_id == RABIA_IQ.place_id


def test_possessive_owner_is_containment_evidence():
    from gazetteer.geoparser import recognize
    from gazetteer.geoparser.containers import containers

    text = "Mortars fell on Ninawa's Rabia district and on Syria's Rabia."
    found = recognize(text, index_with_rabias())
    assert [t.text for t in found] == ["Ninawa", "Rabia", "Syria", "Rabia"]
    stated = containers(text, found)
    assert stated[1][0].text == "Ninawa"
    assert 3 not in stated  # a country has no candidates to contain with


def test_unknown_name_after_a_possessive_falls_back_to_its_owner():
    (owner, t) = geoparse("Militants attacked Mosul's Foobar district.", build_index())
    assert (owner.text, t.text, t.place) == ("Mosul", "Foobar", None)
    assert (t.relation, t.anchor, t.point) == ("within", "Mosul", (MOSUL.lat, MOSUL.lon))


def test_demonyms_raise_their_country():
    found = by_text(geoparse("Syrian troops shelled Rabia.", index_with_rabias()))
    assert found["Rabia"].place.country == "SY"


def test_candidates_sorted_normalised_and_capped():
    many = [("Rabia", Candidate(200 + i, "Rabia", 30 + i * 0.1, 40.0, "P", "PPL", "IQ"))
            for i in range(9)]
    index = GazetteerIndex(many)
    (t,) = geoparse("Fighting in Rabia.", index)
    scores = [s for _, s in t.candidates]
    assert len(scores) == 5
    assert scores == sorted(scores, reverse=True)
    assert all(0 <= s <= 1 for s in scores)
    assert t.place is t.candidates[0][0]
    assert 0 <= t.confidence <= scores[0]


def test_alias_outranks_everything():
    index = GazetteerIndex([("Mosul", MOSUL), ("Rabia", RABIA_IQ), ("Rabia", RABIA_SY)],
                           aliases=[("Rabia", RABIA_SY)])
    found = by_text(geoparse("A patrol near Mosul passed Rabia.", index))
    assert found["Rabia"].place.place_id == RABIA_SY.place_id
    assert found["Rabia"].candidates[0][1] == 1.0


def test_bad_input_is_a_clear_error():
    import pytest

    with pytest.raises(TypeError, match="str"):
        geoparse(b"Mosul", build_index())


def test_named_district_contains_a_distant_village():
    kasra_iq = Candidate(21, "Al kasra", 32.27, 42.05, "P", "PPL", "IQ")
    kasra_sy = Candidate(22, "Al Kasrah", 35.57, 39.92, "P", "PPLA3", "SY")
    rutba = Candidate(23, "Ar Rutbah", 33.04, 40.29, "P", "PPLA2", "IQ", 22370)
    index = GazetteerIndex([("Al-Kasra", kasra_iq), ("Al Kasrah", kasra_sy), ("Rutba", rutba)])
    found = by_text(geoparse("Gunmen hit a car in the Al-Kasra quarter of Rutba district.", index))
    assert found["Al-Kasra"].place.place_id == kasra_iq.place_id


def test_country_without_a_place_gets_its_geonames_point():
    from gazetteer.geoparser.vocab import COUNTRY_POINTS

    (t,) = [t for t in geoparse("Shelling in Syria continued.", build_index()) if t.text == "Syria"]
    assert t.kind == "country" and t.place is None
    assert t.point == COUNTRY_POINTS["SY"] and t.confidence == 1.0


def test_province_word_picks_the_governorate_not_a_namesake_town():
    karbala = Candidate(40, "Karbala", 32.6, 44.0, "P", "PPLA", "IQ", 1200000, "Kerbala")
    ninawa = Candidate(41, "Ninawa", 36.0, 42.4, "A", "ADM1", "IQ", 0, "Ninawa")
    rashidiya_b = Candidate(42, "Al Rasheediya", 33.1, 44.2, "P", "PPL", "IQ", 0, "Baghdad")
    rashidiya_m = Candidate(43, "Al Rasheediya", 36.4, 43.1, "P", "PPL", "IQ", 0, "Ninawa")
    index = GazetteerIndex([("Nineveh", karbala), ("Nineveh", ninawa), ("Rashidiya", rashidiya_b),
                            ("Rashidiya", rashidiya_m)])
    found = by_text(geoparse("Mid-June 2019: Rashidiya, Nineveh province, Iraq", index))
    assert found["Nineveh"].place.place_id == ninawa.place_id
    assert found["Rashidiya"].place.place_id == rashidiya_m.place_id


def test_sub_district_of_the_same_name_yields_to_its_town_and_ruins_rank_last():
    town = Candidate(50, "Hamaam Alalil Centre", 36.1676, 43.2549, "P", "PPL", "IQ", 0, "Ninawa")
    area = Candidate(51, "Hammam Al-Alil", 36.14, 43.09, "A", "ADM3", "IQ", 0, "Ninawa")
    ruin = Candidate(52, "Hammam Al-Alil", 36.2, 43.3, "P", "PPLW", "IQ", 0, "Ninawa")
    index = GazetteerIndex([("Hammam Al-Alil", town), ("Hammam Al-Alil", area),
                            ("Hammam Al-Alil", ruin)])
    (t,) = geoparse("Jets struck southwest of Hammam Al-Alil.", index)
    assert t.place.place_id == town.place_id
    assert t.candidates[-1][0].place_id == ruin.place_id


def test_unknown_name_containing_a_town_falls_back_to_it():
    found = by_text(geoparse("Fighting in the Old Mosul neighbourhood went on.", build_index()))
    old = found["Old Mosul"]
    assert old.place is None and old.point == (MOSUL.lat, MOSUL.lon)
    assert (old.relation, old.anchor, old.geo_precision) == ("within", "Mosul", 2)


KARBALA = Candidate(21, "Karbala", 32.61, 44.02, "P", "PPLA", "IQ", 1200000, "Karbala")


def test_province_wording_picks_the_area_over_a_populous_namesake():
    # GeoNames lists the historic "Nainawa" among Karbala's names; it folds like Nineveh.
    index = build_index(extra=[("Nainawa", KARBALA), ("Karbala", KARBALA)])
    found = by_text(geoparse("Gunmen killed two soldiers in Nineveh province on Monday.", index))
    ids = [c.place_id for c, _ in found["Nineveh"].candidates]
    assert KARBALA.place_id in ids  # a real contest
    assert found["Nineveh"].place.feature_code == "ADM1"


def test_bare_name_prefers_the_place_it_names_over_an_alternate_namesake():
    # No "province" word: Karbala matches only through its historic alternate name,
    # Ninawa through its own name, so Karbala's population does not count.
    index = build_index(extra=[("Nainawa", KARBALA), ("Karbala", KARBALA)])
    (t,) = [t for t in geoparse("Gunmen set fire to a farm in Nineveh.", index) if t.kind == "place"]
    assert {c.place_id for c, _ in t.candidates} == {KARBALA.place_id, 7}
    assert t.place.place_id == 7


def test_population_still_decides_between_places_of_their_own_name():
    town = Candidate(60, "Karbala", 32.61, 44.02, "P", "PPLA", "IQ", 1200000, "Karbala")
    village = Candidate(61, "Karbala", 36.2, 43.0, "P", "PPL", "IQ", 0, "Ninawa")
    (t,) = geoparse("A bomb went off in Karbala.", GazetteerIndex([("Karbala", town), ("Karbala", village)]))
    assert t.place.place_id == town.place_id


def test_relative_and_countryside_phrases_state_where_a_place_lies():
    from gazetteer.geoparser.containers import containers
    from gazetteer.geoparser.recognize import recognize

    index = index_with_rabias()

    def stated(text):
        toponyms = recognize(text, index)
        return {toponyms[i].text: (c.text, extra) for i, (c, extra, *_) in containers(text, toponyms).items()}

    assert stated("Shells hit Rabia, east of Latakia.") == {"Rabia": ("Latakia", 80.0)}
    assert stated("Shells hit Rabia, a village 20 km east of Latakia.") == {"Rabia": ("Latakia", 35.0)}
    assert stated("Shells hit Rabia nr Latakia.") == {"Rabia": ("Latakia", 30.0)}
    assert stated("Shells hit Rabia in the northern Latakia countryside.") == {
        "Rabia": ("Latakia", 100.0)}
    assert stated("Shells hit Rabia and Latakia.") == {}


def test_a_stated_direction_from_a_town_outweighs_a_bigger_namesake():
    big = Candidate(21, "Rabia", 36.80, 42.10, "P", "PPLA2", "IQ", 900000, "Ninawa")
    index = build_index(extra=[("Rabia", big), ("Rabia", RABIA_SY), ("Latakia", LATAKIA)])
    text = "Rabia, east of Latakia, was shelled; in Mosul, troops were on alert."
    rabia = geoparse(text, index)[0]
    assert rabia.place.place_id == RABIA_SY.place_id


def test_countryside_names_the_governorate_and_a_compass_word_its_part():
    city = Candidate(60, "Latakia", 35.53, 35.79, "P", "PPLA", "SY", 383000, "Latakia")
    gov = Candidate(61, "Latakia", 35.6, 36.0, "A", "ADM1", "SY", 0, "Latakia")
    parts = {61: {"N": (35.9, 36.1, 30.0)}}
    index = GazetteerIndex([("Latakia", city), ("Latakia", gov)], parts=parts)
    (bare,) = geoparse("Shelling hit Latakia on Monday.", index)
    assert bare.place.place_id == city.place_id
    (rural,) = geoparse("Shelling hit the Latakia countryside on Monday.", index)
    assert rural.place.place_id == gov.place_id
    (north,) = geoparse("Shelling hit the northern Latakia countryside on Monday.", index)
    assert (north.place.place_id, north.relation) == (gov.place_id, "part")
    assert (north.event_lat, north.event_lon, north.uncertainty_km) == (35.9, 36.1, 30.0)


HAMLET_SY = Candidate(15, "Kharbat Nuri", 35.70, 36.10, "P", "PPL", "SY", 0, "Latakia")
HAMLET_NEAR = Candidate(16, "Kharbat Nuri", 36.45, 41.70, "P", "PPL", "SY", 0, "Hasakah")
TOWN_FAR = Candidate(17, "Kharbat Nuri", 35.70, 36.10, "P", "PPL", "SY", 40000, "Latakia")
ANCHORED = "Gunmen struck Mosul and Tal Afar; shells later fell near Kharbat Nuri."


def test_stray_hamlet_of_another_country_is_left_for_review():
    """The only reading is a Syrian hamlet 600 km from the Iraqi anchors: no point."""
    found = by_text(geoparse(ANCHORED, build_index(extra=[("Kharbat Nuri", HAMLET_SY)])))
    stray = found["Kharbat Nuri"]
    assert stray.place is None and stray.point is None
    assert stray.confidence == 0.0
    assert [c.place_id for c, _ in stray.candidates] == [HAMLET_SY.place_id]  # kept for review
    assert found["Mosul"].place.place_id == MOSUL.place_id


def test_stray_rule_keeps_what_the_text_can_mean():
    def place_of(candidate, text=ANCHORED):
        return by_text(geoparse(text, build_index(extra=[("Kharbat Nuri", candidate)])))[
            "Kharbat Nuri"].place
    assert place_of(HAMLET_NEAR) == HAMLET_NEAR  # across the border, within reach
    assert place_of(TOWN_FAR) == TOWN_FAR  # a town, not a hamlet
    assert place_of(HAMLET_SY, "Shells fell near Kharbat Nuri.") == HAMLET_SY  # no anchors
    stated = "Gunmen struck Mosul and Tal Afar. Kharbat Nuri, Latakia, was shelled."
    index = build_index(extra=[("Kharbat Nuri", HAMLET_SY), ("Latakia", LATAKIA)])
    assert by_text(geoparse(stated, index))["Kharbat Nuri"].place == HAMLET_SY  # stated


def test_the_traced_score_parts_weighted_give_the_score():
    """What eval/fit_resolver.py fits is what the resolver adds up."""
    from gazetteer.geoparser.resolve.scoring import FEATURES, WEIGHTS

    text = "Shells fell on Rabia, a village near Latakia, and on Mosul."
    index = index_with_rabias()
    trace = []
    out = [t for t in resolve(text, recognize(text, index), index, trace) if t.candidates]
    assert [t.text for t, _ in trace] == ["Rabia", "Latakia", "Mosul"]
    for (toponym, scored), resolved in zip(trace, out, strict=True):
        (best, parts), *_ = sorted(scored, key=lambda cp: -sum(
            WEIGHTS[f] * x for f, x in zip(FEATURES, cp[1], strict=True)))
        assert len(parts) == len(FEATURES) and all(0.0 <= x <= 1.0 for x in parts)
        assert best == resolved.place
        assert sum(WEIGHTS[f] * x for f, x in zip(FEATURES, parts, strict=True)) == pytest.approx(
            resolved.candidates[0][1], abs=1e-4)


ALIL_TOWN = Candidate(21, "Hamam Alaleel Center", 36.1676, 43.2549, "P", "PPL", "IQ", 0, "Ninawa")
ALIL_AREA = Candidate(22, "Hammam Al-Alil", 36.13, 43.06, "A", "ADM3", "IQ", 0, "Ninawa")
DIBIS_TOWN = Candidate(23, "Dibis", 35.65, 44.07, "P", "PPLA2", "IQ", 20000, "Kirkuk")
DIBIS_AREA = Candidate(24, "Dibis", 35.70, 44.00, "A", "ADM2", "IQ", 0, "Kirkuk", area="IQG13Q02",
                       within=("IQG13", "IQG13Q02"))
KIRKUK = Candidate(25, "Kirkuk", 35.47, 44.39, "P", "PPLA", "IQ", 600000, "Kirkuk", within=("IQG13",))
KIRKUK_GOV = Candidate(26, "Kirkuk", 35.40, 44.30, "A", "ADM1", "IQ", 0, "Kirkuk", area="IQG13",
                       within=("IQG13",))
# "على" ("on") folds like "علي", which a gazetteer may hold as a village's alternate name.
ALI = Candidate(26, "Al-Ali village", 36.0, 43.0, "P", "PPL", "IQ", 0, "Ninawa")


def arabic_index():
    return build_index(extra=[
        ("Hamam Alaleel Center", ALIL_TOWN), ("مركز ناحية حمام العليل", ALIL_TOWN),
        ("Hammam Al-Alil", ALIL_AREA), ("حمام العليل", ALIL_AREA), ("Dibis", DIBIS_TOWN),
        ("Dibis", DIBIS_AREA), ("Kirkuk", KIRKUK), ("Kirkuk", KIRKUK_GOV), ("علي", ALI)])


@pytest.mark.parametrize(
    ("text", "name", "place_id"),
    [
        # a town and its sub-district share an Arabic name: the town, unless the text says
        ("قصف جوي على حمام العليل", "حمام العليل", ALIL_TOWN.place_id),
        ("قصف جوي على ناحية حمام العليل", "ناحية حمام العليل", ALIL_AREA.place_id),
        ("Clashes in Dibis.", "Dibis", DIBIS_TOWN.place_id),
        ("Clashes in Kirkuk's Dibis district.", "Dibis", DIBIS_AREA.place_id),
    ],
)
def test_a_town_or_its_area_as_the_text_says(text, name, place_id):
    found = by_text(geoparse(text, arabic_index()))
    assert found[name].place.place_id == place_id
    assert "على" not in found  # a function word names no place


# A capital city, its own governorate, and the governorate around it (Damascus and Rif
# Dimashq), named "Rural X" and "X countryside" as the vocabulary names Rif Dimashq.
CAPITAL = Candidate(60, "Capitalia", 33.5, 36.3, "P", "PPLC", "SY", 2_000_000, "Capitalia")
CAPITAL_GOV = Candidate(61, "Capitalia", 33.5, 36.3, "A", "ADM1", "SY", 0, "Capitalia", area="SY01")
RURAL_GOV = Candidate(62, "Rural Capitalia", 33.5, 37.4, "A", "ADM1", "SY", 0, "Rural Capitalia", area="SY03")
OTHER_TOWN = Candidate(63, "Idlaba", 35.9, 36.6, "P", "PPLA", "SY", 200_000, "Idlaba")


@pytest.mark.parametrize(
    ("text", "name", "place_id"),
    [
        ("Gunmen attacked a checkpoint in rural Capitalia.", "Capitalia", RURAL_GOV.place_id),
        ("Clashes in the Capitalia countryside.", "Capitalia", RURAL_GOV.place_id),
        ("Shells fell on Capitalia.", "Capitalia", CAPITAL.place_id),
        ("Clashes in rural Idlaba.", "Idlaba", OTHER_TOWN.place_id),  # no governorate so named
    ],
)
def test_rural_x_is_the_governorate_the_gazetteer_names_so(text, name, place_id):
    index = GazetteerIndex([("Capitalia", CAPITAL), ("Capitalia", CAPITAL_GOV),
                            ("Rural Capitalia", RURAL_GOV), ("Capitalia countryside", RURAL_GOV),
                            ("Idlaba", OTHER_TOWN)])
    assert by_text(geoparse(text, index))[name].place.place_id == place_id
