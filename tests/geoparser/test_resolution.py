"""Resolution: the document's context chooses between same-name places; scores are 0-1.

Pure (no Django), on an invented gazetteer: names and points are made up for the test.
"""

import pytest

from gazetteer.geoparser import Candidate, GazetteerIndex, geoparse, recognize, resolve
from gazetteer.geoparser.containers import containers

# Two invented governorates, one in each country, with their capitals and a namesake pair.
NORTHA = Candidate(1, "Northa", 36.0, 43.0, "P", "PPLA", "IQ", 1_500_000, "Northa", within=("XQ01",))
NORTHA_GOV = Candidate(2, "Northa", 36.1, 42.6, "A", "ADM1", "IQ", 0, "Northa", area="XQ01", within=("XQ01",))
WESTA = Candidate(3, "Westa", 35.5, 35.8, "P", "PPLA", "SY", 400_000, "Westa")
KAFRA_IQ = Candidate(4, "Kafra", 36.5, 42.2, "P", "PPL", "IQ", 20_000, "Northa", within=("XQ01",))
KAFRA_SY = Candidate(5, "Kafra", 35.6, 36.0, "P", "PPL", "SY", 20_000, "Westa")
BURJA = Candidate(6, "Burja", 36.3, 43.4, "P", "PPLA2", "IQ", 60_000, "Northa", within=("XQ01",))


def world(*extra):
    return GazetteerIndex([("Northa", NORTHA), ("Northa", NORTHA_GOV), ("Westa", WESTA),
                           ("Kafra", KAFRA_IQ), ("Kafra", KAFRA_SY), ("Burja", BURJA), *extra])


def by_text(toponyms):
    return {t.text: t for t in toponyms}


@pytest.mark.parametrize(
    ("text", "place_id"),
    [
        ("Gunmen attacked a post in Kafra, west of Northa.", KAFRA_IQ.place_id),  # a town near it
        ("Shells fell on Kafra, a village near Westa.", KAFRA_SY.place_id),
        ("A blast hit Kafra, Northa governorate, on Sunday.", KAFRA_IQ.place_id),  # containment
        ("Syrian troops shelled Kafra.", KAFRA_SY.place_id),  # a demonym raises its country
    ],
)
def test_the_document_chooses_between_namesakes(text, place_id):
    assert by_text(geoparse(text, world()))["Kafra"].place.place_id == place_id


def test_an_unknown_name_after_a_possessive_falls_back_to_its_owner():
    owner, t = geoparse("Militants attacked Burja's Foobar district.", world())
    assert (owner.text, t.text, t.place) == ("Burja", "Foobar", None)
    assert (t.relation, t.anchor, t.point) == ("within", "Burja", (BURJA.lat, BURJA.lon))


def test_an_unknown_name_containing_a_town_falls_back_to_it():
    old = by_text(geoparse("Fighting in the Old Burja neighbourhood went on.", world()))["Old Burja"]
    assert old.place is None and old.point == (BURJA.lat, BURJA.lon)
    assert (old.relation, old.anchor, old.geo_precision) == ("within", "Burja", 2)


def test_a_possessive_owner_is_containment_evidence():
    text = "Mortars fell on Northa's Kafra district and on Syria's Kafra."
    found = recognize(text, world())
    assert [t.text for t in found] == ["Northa", "Kafra", "Syria", "Kafra"]
    stated = containers(text, found)
    assert stated[1][0].text == "Northa"
    assert 3 not in stated  # a country has no candidates to contain with


def test_a_named_district_contains_a_distant_village_of_its_country():
    zubara_iq = Candidate(30, "Zubara", 32.3, 42.0, "P", "PPL", "IQ")
    zubara_sy = Candidate(31, "Zubarah", 35.6, 39.9, "P", "PPLA3", "SY")
    town = Candidate(32, "Ruwaisha", 33.0, 40.3, "P", "PPLA2", "IQ", 22_000)
    index = GazetteerIndex([("Zubara", zubara_iq), ("Zubarah", zubara_sy), ("Ruwaisha", town)])
    found = by_text(geoparse("Gunmen hit a car in the Zubara quarter of Ruwaisha district.", index))
    assert found["Zubara"].place == zubara_iq


def test_a_country_without_a_place_gets_the_vocabulary_point():
    from gazetteer.geoparser.vocab import COUNTRY_POINTS

    (t,) = [t for t in geoparse("Shelling in Syria continued.", world()) if t.text == "Syria"]
    assert t.kind == "country" and t.place is None
    assert t.point == COUNTRY_POINTS["SY"] and t.confidence == 1.0


def test_candidates_are_sorted_normalised_and_capped():
    many = [("Zawra", Candidate(200 + i, "Zawra", 30 + i * 0.1, 40.0, "P", "PPL", "IQ")) for i in range(9)]
    (t,) = geoparse("Fighting in Zawra.", GazetteerIndex(many))
    scores = [s for _, s in t.candidates]
    assert len(scores) == 5 and scores == sorted(scores, reverse=True)
    assert all(0 <= s <= 1 for s in scores)
    assert t.place is t.candidates[0][0] and 0 <= t.confidence <= scores[0]


def test_an_alias_outranks_everything():
    # Without outlines loaded (no area codes): the governorates the text names frame nothing.
    northa, kafra_iq = (Candidate(c.place_id, c.name, c.lat, c.lon, c.feature_class, c.feature_code,
                                  c.country, c.population, c.admin1) for c in (NORTHA, KAFRA_IQ))
    index = GazetteerIndex([("Northa", northa), ("Kafra", kafra_iq), ("Kafra", KAFRA_SY)],
                           aliases=[("Kafra", KAFRA_SY)])
    found = by_text(geoparse("A patrol near Northa passed Kafra.", index))
    assert found["Kafra"].place == KAFRA_SY and found["Kafra"].candidates[0][1] == 1.0


def test_bad_input_is_a_clear_error():
    with pytest.raises(TypeError, match="str"):
        geoparse(b"Northa", world())


def test_the_province_word_picks_the_governorate_over_a_populous_namesake_town():
    far_town = Candidate(7, "Northa", 32.6, 44.0, "P", "PPLA", "IQ", 3_000_000, "Southa")
    index = GazetteerIndex([("Northa", far_town), ("Northa", NORTHA_GOV), ("Kafra", KAFRA_IQ)])
    found = by_text(geoparse("Gunmen killed two soldiers in Northa province on Monday.", index))
    assert far_town.place_id in [c.place_id for c, _ in found["Northa"].candidates]  # a real contest
    assert found["Northa"].place == NORTHA_GOV


def test_population_decides_between_places_of_their_own_name():
    town = Candidate(8, "Zawra", 32.6, 44.0, "P", "PPLA", "IQ", 1_200_000, "Southa")
    village = Candidate(9, "Zawra", 36.2, 43.0, "P", "PPL", "IQ", 0, "Northa")
    (t,) = geoparse("A bomb went off in Zawra.", GazetteerIndex([("Zawra", town), ("Zawra", village)]))
    assert t.place == town


def test_a_sub_district_yields_to_its_town_and_ruins_rank_last():
    town = Candidate(10, "Zawra Centre", 36.17, 43.25, "P", "PPL", "IQ", 0, "Northa")
    area = Candidate(11, "Zawra", 36.14, 43.09, "A", "ADM3", "IQ", 0, "Northa")
    ruin = Candidate(12, "Zawra", 36.2, 43.3, "P", "PPLW", "IQ", 0, "Northa")
    (t,) = geoparse("Jets struck southwest of Zawra.",
                    GazetteerIndex([("Zawra", town), ("Zawra", area), ("Zawra", ruin)]))
    assert t.place == town and t.candidates[-1][0] == ruin


def test_relative_and_countryside_phrases_state_where_a_place_lies():
    index = world()

    def stated(text):
        toponyms = recognize(text, index)
        return {toponyms[i].text: (c.text, extra) for i, (c, extra, *_) in containers(text, toponyms).items()}

    assert stated("Shells hit Kafra, east of Westa.") == {"Kafra": ("Westa", 80.0)}
    assert stated("Shells hit Kafra, a village 20 km east of Westa.") == {"Kafra": ("Westa", 35.0)}
    assert stated("Shells hit Kafra nr Westa.") == {"Kafra": ("Westa", 30.0)}
    assert stated("Shells hit Kafra in the northern Westa countryside.") == {"Kafra": ("Westa", 100.0)}
    assert stated("Shells hit Kafra and Westa.") == {}


def test_a_stated_direction_from_a_town_outweighs_a_bigger_namesake():
    big = Candidate(13, "Kafra", 36.5, 42.2, "P", "PPLA2", "IQ", 900_000, "Northa")
    index = GazetteerIndex([("Kafra", big), ("Kafra", KAFRA_SY), ("Westa", WESTA), ("Northa", NORTHA)])
    kafra = geoparse("Kafra, east of Westa, was shelled; in Northa, troops were on alert.", index)[0]
    assert kafra.place == KAFRA_SY


def test_the_countryside_names_the_governorate_and_a_compass_word_its_part():
    city = Candidate(14, "Westa", 35.5, 35.8, "P", "PPLA", "SY", 400_000, "Westa")
    gov = Candidate(15, "Westa", 35.6, 36.0, "A", "ADM1", "SY", 0, "Westa")
    index = GazetteerIndex([("Westa", city), ("Westa", gov)], parts={15: {"N": (35.9, 36.1, 30.0)}})
    (bare,) = geoparse("Shelling hit Westa on Monday.", index)
    (rural,) = geoparse("Shelling hit the Westa countryside on Monday.", index)
    (north,) = geoparse("Shelling hit the northern Westa countryside on Monday.", index)
    assert (bare.place, rural.place) == (city, gov)
    assert (north.place, north.relation) == (gov, "part")
    assert (north.event_lat, north.event_lon, north.uncertainty_km) == (35.9, 36.1, 30.0)


HAMLET_FAR = Candidate(16, "Tallita", 35.7, 36.1, "P", "PPL", "SY", 0, "Westa")  # 600 km away
HAMLET_NEAR = Candidate(17, "Tallita", 36.45, 41.7, "P", "PPL", "SY", 0, "Easta")  # across the border
# A town big enough that neither the stray rule nor the frame of the governorates named drops it.
TOWN_FAR = Candidate(18, "Tallita", 35.7, 36.1, "P", "PPL", "SY", 60_000, "Westa")
ANCHORED = "Gunmen struck Northa and Burja; shells later fell near Tallita."


def _tallita(candidate, text=ANCHORED, *extra):
    return by_text(geoparse(text, world(("Tallita", candidate), *extra)))["Tallita"]


def test_a_stray_hamlet_of_another_country_is_left_for_review():
    stray = _tallita(HAMLET_FAR)
    assert stray.place is None and stray.point is None and stray.confidence == 0.0
    assert [c.place_id for c, _ in stray.candidates] == [HAMLET_FAR.place_id]  # kept for review


@pytest.mark.parametrize(
    ("candidate", "text"),
    [
        (HAMLET_NEAR, ANCHORED),  # across the border, within reach
        (TOWN_FAR, ANCHORED),  # a town, not a hamlet
        (HAMLET_FAR, "Shells fell near Tallita."),  # no anchors
        (HAMLET_FAR, "Gunmen struck Northa and Burja. Tallita, Westa, was shelled."),  # stated
    ],
)
def test_the_stray_rule_keeps_what_the_text_can_mean(candidate, text):
    assert _tallita(candidate, text).place == candidate


# A name the gazetteer knows in one country only, and the countries a caller found in the
# text beyond its place names (the extractor's actors: "regime forces" are Syria's).
@pytest.mark.parametrize(
    ("text", "countries", "resolved"),
    [
        ("Troops shelled Burja.", {"SY": 2}, False),  # the document speaks of Syria only
        ("Syrian troops shelled Burja.", None, False),  # so does its demonym
        ("Troops shelled Burja.", {"SY": 1, "IQ": 1}, True),  # both countries: no evidence
        ("Troops shelled Burja.", None, True),  # nothing said
        ("Troops shelled Burja.", {"TR": 3}, True),  # a neighbour's troops: no evidence
        ("Troops shelled Northa.", {"SY": 2}, True),  # a governorate capital is known well
        ("Troops shelled Kafra.", {"SY": 2}, True),  # a reading in the country spoken of
        ("Troops shelled Burja, Northa governorate.", {"SY": 2}, True),  # a stated container
    ],
)
def test_a_namesake_across_the_border_from_the_documents_country_is_left_for_review(
        text, countries, resolved):
    burja = by_text(geoparse(text, world(), countries))
    town = burja["Burja" if "Burja" in burja else "Northa" if "Kafra" not in burja else "Kafra"]
    assert (town.place is not None) == resolved
    assert town.candidates  # kept for review either way


def test_a_namesake_near_the_border_stands_whatever_country_the_document_speaks_of():
    index = GazetteerIndex([("Burja", BURJA)], near_border=[BURJA.place_id])
    assert by_text(geoparse("Troops shelled Burja.", index, {"SY": 2}))["Burja"].place == BURJA


def test_the_traced_score_parts_weighted_give_the_score():
    """What eval/fit_resolver.py fits is what the resolver adds up."""
    from gazetteer.geoparser.resolve.scoring import FEATURES, WEIGHTS

    text = "Shells fell on Kafra, a village near Westa, and on Northa."
    index = world()
    trace = []
    out = [t for t in resolve(text, recognize(text, index), index, trace) if t.candidates]
    assert [t.text for t, _ in trace] == ["Kafra", "Westa", "Northa"]
    for (_toponym, scored), resolved in zip(trace, out, strict=True):
        (best, parts), *_ = sorted(scored, key=lambda cp: -sum(
            WEIGHTS[f] * x for f, x in zip(FEATURES, cp[1], strict=True)))
        assert len(parts) == len(FEATURES) and all(0.0 <= x <= 1.0 for x in parts)
        assert best == resolved.place
        assert sum(WEIGHTS[f] * x for f, x in zip(FEATURES, parts, strict=True)) == pytest.approx(
            resolved.candidates[0][1], abs=1e-4)


# A town and its sub-district that share a name (the town listed with the generic words
# مركز ناحية before it), a district named like its town, and a village an Arabic function
# word folds like.
ZAHRA_TOWN = Candidate(20, "Tal Zahra Centre", 36.2, 43.3, "P", "PPL", "IQ", 0, "Northa")
ZAHRA_AREA = Candidate(21, "Tal Zahra", 36.1, 43.1, "A", "ADM3", "IQ", 0, "Northa")
BURJA_AREA = Candidate(22, "Burja", 36.4, 43.3, "A", "ADM2", "IQ", 0, "Northa", area="XQ0102",
                       within=("XQ01", "XQ0102"))
ALI = Candidate(23, "Al-Ali village", 36.0, 43.0, "P", "PPL", "IQ", 0, "Northa")


@pytest.mark.parametrize(
    ("text", "name", "place"),
    [
        ("قصف جوي على تل زهرة", "تل زهرة", ZAHRA_TOWN),  # the town, unless the text says
        ("قصف جوي على ناحية تل زهرة", "ناحية تل زهرة", ZAHRA_AREA),
        ("Clashes in Burja.", "Burja", BURJA),
        ("Clashes in Northa's Burja district.", "Burja", BURJA_AREA),  # named with its governorate
    ],
)
def test_a_town_or_its_area_as_the_text_says(text, name, place):
    index = world(("Tal Zahra Centre", ZAHRA_TOWN), ("مركز ناحية تل زهرة", ZAHRA_TOWN),
                  ("Tal Zahra", ZAHRA_AREA), ("تل زهرة", ZAHRA_AREA), ("Burja", BURJA_AREA), ("علي", ALI))
    found = by_text(geoparse(text, index))
    assert found[name].place == place
    assert "على" not in found  # a function word names no place


# A capital city, its own governorate, and the governorate around it, named "Rural X" and
# "X countryside" (as the vocabulary names Rif Dimashq).
CAPITAL = Candidate(60, "Capitalia", 33.5, 36.3, "P", "PPLC", "SY", 2_000_000, "Capitalia")
CAPITAL_GOV = Candidate(61, "Capitalia", 33.5, 36.3, "A", "ADM1", "SY", 0, "Capitalia", area="SY01")
RURAL_GOV = Candidate(62, "Rural Capitalia", 33.5, 37.4, "A", "ADM1", "SY", 0, "Rural Capitalia", area="SY03")
OTHER_TOWN = Candidate(63, "Idlaba", 35.9, 36.6, "P", "PPLA", "SY", 200_000, "Idlaba")


@pytest.mark.parametrize(
    ("text", "name", "place"),
    [
        ("Gunmen attacked a checkpoint in rural Capitalia.", "Capitalia", RURAL_GOV),
        ("Clashes in the Capitalia countryside.", "Capitalia", RURAL_GOV),
        ("Shells fell on Capitalia.", "Capitalia", CAPITAL),
        ("Clashes in rural Idlaba.", "Idlaba", OTHER_TOWN),  # no governorate so named
    ],
)
def test_rural_x_is_the_governorate_the_gazetteer_names_so(text, name, place):
    index = GazetteerIndex([("Capitalia", CAPITAL), ("Capitalia", CAPITAL_GOV),
                            ("Rural Capitalia", RURAL_GOV), ("Capitalia countryside", RURAL_GOV),
                            ("Idlaba", OTHER_TOWN)])
    assert by_text(geoparse(text, index))[name].place == place
