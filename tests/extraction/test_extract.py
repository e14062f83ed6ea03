"""Incident extraction v0: sentences, dates, fatalities, actors, locations, seed + synthetic."""

import datetime as dt
import json
import re
from dataclasses import replace
from pathlib import Path

import pytest

from gazetteer.geoparser.types import Candidate, Toponym
from incidents.extraction.actors import actor_countries, actor_mentions
from incidents.extraction.dates import date_cue
from incidents.extraction.events import classify, fatalities
from incidents.extraction.pipeline import extract_incidents, split_sentences
from tests.conftest import shared_path

MOSUL = Candidate(99072, "Mosul", 36.335, 43.11889, "P", "PPLA", "IQ")
TAL_AFAR = Candidate(90393, "Tall 'Afar", 36.37913, 42.44806, "P", "PPLA2", "IQ")
SINJAR = Candidate(94298, "Sinjar", 36.3209, 41.87656, "P", "PPLA2", "IQ")
TUESDAY = dt.date(2021, 5, 18)


def toponym(text, surface, *, place=None, kind="place", nth=0):
    """A Toponym for the nth occurrence of `surface` in `text` (offsets found, not typed)."""
    starts = [m.start() for m in re.finditer(re.escape(surface), text)]
    start = starts[nth]
    return Toponym(start, start + len(surface), surface, kind, place=place,
                   confidence=0.9 if place else 0.0)


def sentences_of(text):
    return [text[s:e] for s, e in split_sentences(text)]


# --- sentences ---------------------------------------------------------------------------


def test_split_sentences_keeps_abbreviations_decimals_and_quotes_together():
    text = ('Maj. Gen. Tahsin al-Khafaji said U.S. forces moved 2.5 km north. '
            '"They left," he said. The army arrived!\n\nNew paragraph here')
    assert sentences_of(text) == [
        "Maj. Gen. Tahsin al-Khafaji said U.S. forces moved 2.5 km north.",
        '"They left," he said.',
        "The army arrived!",
        "New paragraph here",
    ]


def test_split_sentences_splits_after_a_closing_quote_and_offsets_are_exact():
    text = "He said “the work goes on.” Southwest of the town, jets struck."
    spans = split_sentences(text)
    assert [text[s:e] for s, e in spans] == [
        "He said “the work goes on.”", "Southwest of the town, jets struck."]
    assert all(text[s:e] == text[s:e].strip() for s, e in spans)


def test_split_sentences_of_empty_text_is_empty():
    assert split_sentences("") == []
    assert split_sentences("  \n\n ") == []


# --- dates -------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("sentence", "expected", "precision"),
    [
        ("Gunmen attacked a post today.", TUESDAY, 1),
        ("Gunmen attacked a post yesterday.", dt.date(2021, 5, 17), 1),
        ("Gunmen attacked a post on Sunday, a source said on Tuesday.", dt.date(2021, 5, 16), 1),
        ("Gunmen attacked a post on Tuesday.", TUESDAY, 1),
        ("Jets struck during the past days.", dt.date(2021, 5, 16), 2),
        ("Jets struck last week.", dt.date(2021, 5, 13), 2),
        ("Jets struck on May 16.", dt.date(2021, 5, 16), 1),
        ("Jets struck on 16 May 2021.", dt.date(2021, 5, 16), 1),
        ("Jets struck last month.", dt.date(2021, 4, 15), 3),
        ("Jets struck in April.", dt.date(2021, 4, 15), 3),
    ],
)
def test_date_cue_resolves_relative_and_explicit_dates(sentence, expected, precision):
    cue = date_cue(sentence, published=TUESDAY)
    assert (cue.day, cue.precision) == (expected, precision)


def test_date_cue_without_expression_or_publication_is_none():
    assert date_cue("Jets struck a cave.", published=TUESDAY) is None
    assert date_cue("Jets struck today.", published=None) is None


# --- events and fatalities ---------------------------------------------------------------


@pytest.mark.parametrize(
    ("clause", "sub_event_type"),
    [
        ("The site was targeted by the Air Force", "Air/drone strike"),
        ("A Turkish drone struck a pickup near the river", "Air/drone strike"),
        ("Mortar rounds landed on farmland", "Shelling/artillery/missile attack"),
        ("A roadside bomb exploded under a truck", "Remote explosive/landmine/IED"),
        ("A suicide bomber detonated his vest at the gate", "Suicide bomb"),
        ("Clashes broke out with the army", "Armed clash"),
        ("Police arrested three men", "Arrests"),
        ("Gunmen abducted two shepherds", "Abduction/forced disappearance"),
        ("Gunmen shot dead a civilian", "Attack"),
        ("The two sides signed an agreement", "Agreement"),
        ("Joint coordination centres were opened in the district", "Other"),
        ("Hundreds of people protested outside the council", "Peaceful protest"),
        ("Army engineers dismantled three explosive devices", "Disrupted weapons use"),
    ],
)
def test_classify_maps_keywords_to_acled_sub_event_types(clause, sub_event_type):
    assert classify(clause).sub_event_type == sub_event_type


def test_classify_ignores_sentences_without_an_event():
    assert classify("Coordination will contribute to stabilising the situation.") is None


@pytest.mark.parametrize(
    ("clause", "expected"),
    [
        ("the blast killed 11 people", 11),
        ("killing 11 civilians", 11),
        ("two soldiers were killed in the attack", 2),
        ("Five members of a single family were killed", 5),
        ("killing a farmer and his son", 2),
        ("a number of fighters were killed by a drone strike", None),
        ("several killed, sources said", None),
        ("the device caused neither fatalities nor injuries", 0),
        ("police arrested three men", 0),
    ],
)
def test_fatalities_reads_numbers_words_and_vague_tolls(clause, expected):
    assert fatalities(clause) == expected


# --- actors ------------------------------------------------------------------------------


def test_actor_mentions_match_aliases_whole_word_and_acronyms_by_case():
    text = "This is what IS and Daesh told the Hashd al-Shaabi near the PKK camp; pkk is not."
    names = [m.name for m in actor_mentions(text)]
    assert names == ["ISIS", "ISIS", "PMF: Popular Mobilization Forces",
                     "PKK: Kurdistan Workers' Party"]


def test_actor_mentions_prefer_the_longest_alias():
    mentions = actor_mentions("the Western Nineveh Operations Command said")
    assert [(m.text, m.name) for m in mentions] == [
        ("Western Nineveh Operations Command", "Military Forces of Iraq")]


# --- whole reports (hand-written) --------------------------------------------------------


def test_extract_skips_background_intentions_and_general_statements():
    text = ("In 2017, Iraq declared victory over ISIS after years of clashes. "
            "The army will work to arrest the remaining cells. "
            "Security is a shared responsibility of all citizens.")
    assert extract_incidents(text, published=TUESDAY, toponyms=[]) == []


def test_extract_locates_relative_town_and_border_events_with_precision():
    text = ("Iraqi jets struck an ISIS cave southwest of Tal Afar on Sunday. "
            "Police arrested two suspects in Mosul yesterday. "
            "The army and Peshmerga opened joint centres on the Iraqi-Syrian borders today.")
    toponyms = [toponym(text, "Tal Afar", place=TAL_AFAR), toponym(text, "Mosul", place=MOSUL),
                toponym(text, "Iraqi-Syrian borders", kind="border")]
    strike, arrest, centres = extract_incidents(text, published=TUESDAY, toponyms=toponyms)
    assert (strike.sub_event_type, strike.location_name, strike.geo_precision) == (
        "Air/drone strike", "Tal Afar", 2)
    assert (strike.lat, strike.lon, strike.event_date) == (36.37913, 42.44806, dt.date(2021, 5, 16))
    assert (strike.actor1, strike.actor2) == ("Military Forces of Iraq", "ISIS")
    assert (arrest.sub_event_type, arrest.location_name, arrest.geo_precision) == (
        "Arrests", "Mosul", 1)
    assert (arrest.actor1, arrest.actor2, arrest.fatalities) == ("Police Forces of Iraq", "", 0)
    assert arrest.event_date == dt.date(2021, 5, 17)
    assert (centres.event_type, centres.sub_event_type) == ("Strategic developments", "Other")
    assert (centres.location_name, centres.lat, centres.geo_precision) == (
        "Iraqi-Syrian border", None, 3)
    assert centres.toponym is toponyms[2]


def test_extract_falls_back_to_the_previous_sentence_then_to_no_location():
    text = ("Reporters visited Sinjar on Monday. Gunmen abducted a shepherd.\n\n"
            "Unidentified gunmen kidnapped a farmer on Friday.")
    toponyms = [toponym(text, "Sinjar", place=SINJAR)]
    found = extract_incidents(text, published=TUESDAY, toponyms=toponyms)
    assert [i.sub_event_type for i in found] == ["Abduction/forced disappearance"] * 2
    first, second = found
    assert (first.location_name, first.geo_precision, first.lat) == ("Sinjar", 2, SINJAR.lat)
    assert first.event_date == dt.date(2021, 5, 17)  # inherited from "on Monday"
    assert (second.location_name, second.lat, second.lon, second.toponym) == ("", None, None, None)
    assert (second.actor1, second.actor2) == ("Unidentified Armed Group (Iraq)", "Civilians (Iraq)")


def test_extract_without_publication_date_leaves_the_date_unknown():
    (incident,) = extract_incidents("Gunmen kidnapped a farmer yesterday.", published=None,
                                    toponyms=[])
    assert incident.event_date is None


def test_extract_rejects_non_text_input():
    with pytest.raises(TypeError, match="text must be str"):
        extract_incidents(b"Gunmen kidnapped a farmer.", published=TUESDAY, toponyms=[])


# --- the seed report ---------------------------------------------------------------------


@pytest.mark.shared_data
def test_seed_report_gives_the_four_gold_incidents():
    raw = shared_path("seed", "000_1b5e2521021af511.txt").read_text(encoding="utf-8")
    text = raw[: raw.index("Leave a Reply")]  # page furniture, stripped by ingest
    toponyms = [toponym(text, "Hammam Al-Alil"), toponym(text, "Ain Al-Jahsh"),
                toponym(text, "Mosul", place=MOSUL), toponym(text, "Tal Afar", place=TAL_AFAR),
                toponym(text, "Nineveh", kind="organisation")]
    toponyms += [toponym(text, "Kurdistan", kind="organisation", nth=n) for n in range(2)]
    toponyms += [toponym(text, "Iraqi-Syrian borders", kind="border", nth=n) for n in range(3)]
    toponyms.sort(key=lambda t: t.start)

    found = extract_incidents(text, published=TUESDAY, toponyms=toponyms)

    coded = [(i.event_type, i.sub_event_type, i.location_name, i.geo_precision) for i in found]
    assert coded == [
        ("Strategic developments", "Other", "Iraqi-Syrian border", 3),
        ("Explosions/Remote violence", "Air/drone strike", "Hammam Al-Alil", 2),
        ("Explosions/Remote violence", "Air/drone strike", "Mosul", 2),
        ("Strategic developments", "Arrests", "Tal Afar", 2),
    ]
    centres, southwest, ain_al_jahsh, arrest = found
    assert (centres.event_date, centres.time_precision) == (TUESDAY, 1)
    assert (southwest.time_precision, southwest.lat) == (2, None)  # Hammam Al-Alil unresolved
    assert (southwest.actor1, southwest.actor2) == ("Military Forces of Iraq", "ISIS")
    assert (ain_al_jahsh.lat, ain_al_jahsh.lon, ain_al_jahsh.fatalities) == (36.335, 43.11889, None)
    assert "Ain Al-Jahsh" in ain_al_jahsh.summary
    assert (arrest.lat, arrest.actor1, arrest.actor2) == (36.37913, "Military Forces of Iraq", "")
    for incident in found:
        assert "development in intelligence" not in incident.summary
        assert text[incident.start:incident.end].split() == incident.summary.split()


# --- the synthetic tuning set ------------------------------------------------------------


def _synthetic_kind(gold):
    note = (gold.get("note") or "").lower()
    source = (gold.get("coord_source") or "").lower()
    if "organisation" in note or "outlet" in note:
        return "organisation"
    if "demonym" in note or "compound modifier" in note:
        return "demonym"
    if "border" in note and gold["lat"] is None:
        return "border"
    if "adm0" in source or "foreign" in note or re.search(r"\bcountry\b", note):
        return "country"
    return "place"


def _synthetic_toponyms(report):
    result = []
    for n, gold in enumerate(report["toponyms"]):
        kind = _synthetic_kind(gold)
        place = None
        if gold["lat"] is not None and kind == "place":
            code = "ADM1" if "adm1" in (gold["coord_source"] or "").lower() else "PPL"
            place = Candidate(n, gold["surface"], gold["lat"], gold["lon"], "", code,
                              gold["country"] or "")
        result.append(Toponym(gold["start"], gold["end"], gold["surface"], kind, place=place))
    return result


@pytest.mark.shared_data
def test_synthetic_reports_score_above_the_v0_floor():
    path = shared_path("data", "eval", "dev", "synthetic_reports.jsonl")
    totals = dict.fromkeys(("gold", "predicted", "matched", "sub", "date", "place", "precision",
                            "fatalities", "actor1"), 0)
    for line in path.read_text(encoding="utf-8").splitlines():
        report = json.loads(line)
        text = report["text"]
        spans = split_sentences(text)

        def sentence_of(offset, spans=spans):
            return next(n for n, (s, e) in enumerate(spans) if s <= offset < e)

        gold = {sentence_of(g["sentence_start"]): g for g in report["incidents"]}
        found = extract_incidents(text, published=dt.date.fromisoformat(report["published_at"]),
                                  toponyms=_synthetic_toponyms(report))
        totals["gold"] += len(gold)
        totals["predicted"] += len(found)
        for incident in found:
            expected = gold.pop(sentence_of(incident.start), None)
            if expected is None:
                continue
            toll = None if expected["fatalities"] == "unknown" else expected["fatalities"]
            totals["matched"] += 1
            totals["sub"] += incident.sub_event_type == expected["sub_event_type"]
            totals["date"] += str(incident.event_date) == expected["event_date"]
            totals["place"] += incident.location_name == expected["location_surface"] or (
                incident.lat is not None and abs(incident.lat - expected["lat"]) < 0.01)
            totals["precision"] += incident.geo_precision == expected["geo_precision"]
            totals["fatalities"] += incident.fatalities == toll
            totals["actor1"] += incident.actor1 == (expected["actor1"] or "")
    recall = totals["matched"] / totals["gold"]
    precision = totals["matched"] / totals["predicted"]
    assert recall >= 0.9 and precision >= 0.9, totals
    for key in ("sub", "date", "place", "precision", "fatalities"):
        assert totals[key] / totals["matched"] >= 0.85, (key, totals)
    assert totals["actor1"] / totals["matched"] >= 0.75, totals


# --- demo reports ------------------------------------------------------------------------

DEMO_REPORTS = sorted((Path(__file__).resolve().parents[2] / "demo" / "reports").glob("*.txt"))


def test_demo_reports_exist():
    assert 6 <= len(DEMO_REPORTS) <= 8


@pytest.mark.parametrize("path", DEMO_REPORTS, ids=lambda p: p.name)
def test_demo_report_has_the_header_and_gives_incidents(path):
    title, published, publisher, blank, *body = path.read_text(encoding="utf-8").splitlines()
    assert title and not blank
    day = dt.date.fromisoformat(published.removeprefix("Published: "))
    assert publisher.startswith("Publisher: ") and publisher.endswith("(demo)")
    text = "\n".join(body)
    assert 120 <= len(text.split()) <= 250
    found = extract_incidents(text, published=day, toponyms=[])
    assert found and all(i.event_date <= day for i in found)


# --- an administrative area is coded to its seat ---------------------------------------

DAQUQ_DISTRICT = Candidate(1, "Daquq", 34.995, 44.171, "A", "ADM2", "IQ")
DAQUQ_TOWN = Candidate(2, "Daquq", 35.139, 44.449, "P", "PPLA2", "IQ")
FAR_NAMESAKE = Candidate(3, "Daquq", 33.3, 44.4, "P", "PPL", "IQ")


def _resolved_to_district(text, *candidates):
    found = toponym(text, "Daquq", place=DAQUQ_DISTRICT)
    return replace(found, candidates=((DAQUQ_DISTRICT, 0.62), *candidates))


def test_an_event_in_a_district_is_coded_to_its_seat():
    text = "A roadside bomb killed a civilian near Daquq on Monday."
    (incident,) = extract_incidents(text, published=TUESDAY,
                                    toponyms=[_resolved_to_district(text, (DAQUQ_TOWN, 0.61))])
    assert (incident.lat, incident.lon) == (DAQUQ_TOWN.lat, DAQUQ_TOWN.lon)
    assert incident.toponym.place == DAQUQ_TOWN and incident.geo_precision == 2


def test_a_district_keeps_its_own_point_without_a_close_likely_seat():
    text = "A roadside bomb killed a civilian near Daquq on Monday."
    for candidate in ((FAR_NAMESAKE, 0.61), (DAQUQ_TOWN, 0.30)):  # too far, too unlikely
        (incident,) = extract_incidents(text, published=TUESDAY,
                                        toponyms=[_resolved_to_district(text, candidate)])
        assert (incident.lat, incident.lon) == (DAQUQ_DISTRICT.lat, DAQUQ_DISTRICT.lon)


@pytest.mark.parametrize(
    ("text", "votes"),
    [
        ("Regime forces and the SDF clashed with ISIS near the river.", {"SY": 2}),
        ("The PMF and the Peshmerga repelled an ISIS attack.", {"IQ": 2}),
        ("Police and security forces arrested two suspects.", {}),  # found everywhere
        ("Turkish drones struck a car.", {}),  # a neighbour's forces: no vote
        ("Iraqi forces handed the suspects to the Asayish.", {"IQ": 1, "SY": 1}),
    ],
)
def test_actors_vote_for_the_country_they_belong_to(text, votes):
    assert actor_countries(text) == votes
