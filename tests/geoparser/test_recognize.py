"""Recognition: exact offsets, capitalisation and stop rules, kinds, unknown toponyms."""

import pytest

from gazetteer.geoparser import Candidate, GazetteerIndex, geoparse, name_key, recognize
from gazetteer.geoparser.recognize.people import lead_in

MOSUL = Candidate(99072, "Mosul", 36.335, 43.11889, "P", "PPLA", "IQ", 1683000, "Ninawa")
TAL_AFAR = Candidate(90393, "Tall ‘Afar", 36.37913, 42.44806, "P", "PPLA2", "IQ", 205000, "Ninawa")
NINAWA = Candidate(7, "Ninawa", 36.01907, 42.49443, "A", "ADM1", "IQ", 0, "Ninawa")
HIT = Candidate(8, "Hit", 33.64162, 42.82509, "P", "PPLA2", "IQ", 100000, "Anbar")
HAMMAM = Candidate(9, "Hamaam Alalil Centre", 36.1676, 43.2549, "P", "PPL", "IQ", 0, "Ninawa")
# Decoys: page-furniture words that exist as GeoNames-like names somewhere.
DECOYS = [Candidate(100 + i, n, 10.0, 10.0, "P", "PPL", "US", 50) for i, n in
          enumerate(["Reply", "Facebook", "Log", "Leave"])]


def build_index(*, with_hammam: bool = False, extra=()) -> GazetteerIndex:
    entries = [("Mosul", MOSUL), ("الموصل", MOSUL), ("Tall ‘Afar", TAL_AFAR),
               ("Tal Afar", TAL_AFAR), ("Ninawa", NINAWA), ("Hit", HIT)]
    entries += [(c.name, c) for c in DECOYS]
    if with_hammam:
        entries.append(("Hamaam Alalil Centre", HAMMAM))
    return GazetteerIndex(entries + list(extra))


TEXT = (
    "Southwest of Hammam Al-Alil, Iraqi jets bombed hideouts of ISIS, the Air Force "
    "Command reported on Monday. A second raid struck the Ain Al-Jahsh area in Mosul. "
    "Troops of the Western Nineveh Operations Command held a man near Tal Afar, and "
    "the Kurdistan Regional Government discussed the Iraqi-Syrian borders.\n"
    "Leave a Reply\nFacebook\nLog Out\n"
)


def spans(toponyms):
    return {(t.text, t.kind) for t in toponyms}


def test_offsets_are_exact_and_in_text_order():
    found = recognize(TEXT, build_index())
    assert found
    for t in found:
        assert TEXT[t.start:t.end] == t.text
    assert [t.start for t in found] == sorted(t.start for t in found)


def test_kinds_of_the_paraphrased_seed():
    found = spans(recognize(TEXT, build_index()))
    assert ("Mosul", "place") in found
    assert ("Tal Afar", "place") in found
    assert ("Nineveh", "organisation") in found
    assert ("Kurdistan", "organisation") in found
    assert ("Iraqi-Syrian borders", "border") in found
    assert ("Iraqi", "demonym") in found
    # Unknown to every gazetteer here: still returned, unresolved.
    assert ("Hammam Al-Alil", "place") in found
    assert ("Ain Al-Jahsh", "place") in found


def test_no_false_places():
    texts = {t.text for t in recognize(TEXT, build_index())}
    for bad in ("Reply", "Facebook", "Log", "Leave", "ISIS", "Air Force Command", "Monday",
                "Air", "Command", "Western Nineveh Operations Command"):
        assert bad not in texts


def test_known_hammam_has_candidates_unknown_has_none():
    unknown = [t for t in recognize(TEXT, build_index()) if t.text == "Hammam Al-Alil"]
    known = [t for t in recognize(TEXT, build_index(with_hammam=True))
             if t.text == "Hammam Al-Alil"]
    assert unknown[0].candidates == ()
    assert [c.place_id for c, _ in known[0].candidates] == [HAMMAM.place_id]


def test_common_word_needs_a_trigger():
    index = build_index()
    assert "Hit" not in {t.text for t in recognize("Hit by a roadside bomb, two died.", index)}
    assert "Hit" not in {t.text for t in recognize("a mortar hit the market", index)}
    assert "Hit" in {t.text for t in recognize("A mortar fell in Hit on Friday.", index)}
    # a settlement word after it is cue enough ("Mualimin neighbourhood, Hit city")
    assert "Hit" in {t.text for t in recognize("Clashes in the old quarter, Hit city, Anbar.", index)}


@pytest.mark.parametrize(
    "text",
    [
        "Clashes broke out in al-Hit on Friday.",  # the article written before the name
        "Clashes broke out in al Hit on Friday.",
    ],
)
def test_a_trigger_before_the_names_detached_article_cues_it(text):
    assert "Hit" in {t.text for t in recognize(text, build_index())}


def test_a_detached_article_alone_is_no_trigger():
    assert "Hit" not in {t.text for t in recognize("The al-Hit said nothing.", build_index())}


def test_acronyms_and_lowercase_are_not_places():
    index = GazetteerIndex([("Us", MOSUL), ("Osm", MOSUL), ("mosul", MOSUL)])
    assert recognize("The US and OSM data; IS fighters.", index) == []
    assert recognize("a mosul-style dish", build_index()) == []


def test_possessive_and_country_kinds():
    found = recognize("Iraq's army crossed from Syria; Turkish drones watched.", build_index())
    got = spans(found)
    assert ("Iraq", "country") in got
    assert ("Syria", "country") in got
    assert ("Turkish", "demonym") in got


def test_border_phrases():
    text = "They patrolled the Syrian border and later the Syria-Iraq border."
    got = spans(recognize(text, build_index()))
    assert ("Syrian border", "border") in got
    assert ("Syria-Iraq border", "border") in got


def test_arabic_text_and_attached_preposition():
    text = "انفجار عبوة بالموصل اليوم"
    found = recognize(text, build_index())
    assert [(t.text, t.candidates[0][0].place_id) for t in found] == [("الموصل", 99072)]
    assert text[found[0].start:found[0].end] == "الموصل"


def test_generic_trailing_word_is_not_part_of_the_name():
    found = recognize("Clashes in Mosul city left two dead.", build_index())
    assert [t.text for t in found] == ["Mosul"]


def test_unknown_name_after_cue_survives_partial_gazetteer_hit():
    index = build_index(extra=[("Hammam", Candidate(55, "Hammam", 35.0, 40.0, "P", "PPL", "SY"))])
    found = recognize("Jets struck villages southwest of Hammam Al-Alil yesterday.", index)
    assert [(t.text, t.candidates) for t in found] == [("Hammam Al-Alil", ())]


def test_dateline_dash_and_leading_article_do_not_glue_words():
    qaim = Candidate(60, "Al Qa'im", 34.37, 41.09, "P", "PPLA2", "IQ", 75000)
    index = build_index(extra=[("Al-Qaim", qaim), ("Qaim", qaim),
                               ("Za", Candidate(61, "Za", 1.0, 1.0, "P", "PPL", "SY"))])
    found = recognize("MOSUL - A blast. The Al-Qaim crossing reopened.", index)
    assert [t.text for t in found] == ["MOSUL", "Al-Qaim"]


# Village namesakes of English words and people's names, as in the IOM DTM list.
BAKER = Candidate(70, "Al Baker", 33.5, 44.2, "P", "PPL", "IQ", 0, "Baghdad")
BASHIQA = Candidate(71, "Bashiqa", 36.45, 43.35, "P", "PPL", "IQ", 0, "Ninawa")
QAIM = Candidate(72, "Al Qa'im", 34.39, 40.99, "P", "PPLA2", "IQ", 75000, "Anbar")


def weak_index():
    return build_index(extra=[("Baker", BAKER), ("Bashiqa", BASHIQA), ("Al Qa'im", QAIM),
                              ("Theyre", Candidate(73, "Theyre", 1.0, 1.0, "P", "PPL", "IQ"))])


def texts_of(text, index):
    return [t.text for t in recognize(text, index)]


def test_person_name_and_its_repetitions_are_not_places():
    text = "Former secretary James Baker met them. Baker said the talks went well."
    assert "Baker" not in texts_of(text, weak_index())
    assert "Baker" in texts_of("Gunmen attacked the village of Baker.", weak_index())


def test_small_village_needs_a_cue_or_a_sure_neighbour():
    index = weak_index()
    assert "Bashiqa" not in texts_of("Bashiqa was mentioned once.", index)
    assert "Bashiqa" in texts_of("Clashes broke out in Bashiqa.", index)
    assert "Bashiqa" in texts_of("May 3rd 2016: Bashiqa, Ninawa province, Iraq", index)
    assert "Bashiqa" in texts_of("Shelling hit Bashiqa and Mosul.", index)
    # A trigger before "the", a place head one lowercase word after.
    assert "Bashiqa" in texts_of("A drone hit the entrance of the Bashiqa camp.", index)
    assert "Bashiqa" in texts_of("A drone hit the Bashiqa refugee camp.", index)
    assert "Bashiqa" not in texts_of("A drone hit the Bashiqa team bus.", index)
    assert "Bashiqa" in texts_of("May 3rd 2016: Zuwiya and Bashiqa villages, Iraq", index)


def test_spellings_differing_in_a_closed_syllable_vowel_start_the_same_names():
    sharqat = Candidate(74, "Ash Sharqat", 35.51, 43.23, "P", "PPLA2", "IQ", 160000, "Salah ad Din")
    index = build_index(extra=[("Ash Sharqat", sharqat)])
    (t,) = recognize("Clashes were reported in Shirqat.", index)
    assert (t.text, [c.place_id for c, _ in t.candidates]) == ("Shirqat", [74])


def test_capitalised_word_after_a_title_is_a_persons_name():
    qart = Candidate(75, "Qart", 34.0, 38.0, "P", "PPL", "SY", 20000, "Homs")
    index = build_index(extra=[("Qart", qart)])
    assert texts_of("Maj. Gen. Kurt Hansen said it was over.", index) == []
    assert texts_of("Her brother Kurt and his family left.", index) == []
    assert texts_of("Heavy shelling hit Kurt on Monday.", index) == ["Kurt"]


def test_title_starts_a_place_name_before_a_small_place_head():
    index = build_index()
    assert texts_of("A shell fell in the Sheikh Hilal neighbourhood of Mosul.", index) == [
        "Sheikh Hilal", "Mosul"]
    assert texts_of("Raids hit the Imam Qasim quarter and the Shaykh Umar district.", index) == [
        "Imam Qasim", "Shaykh Umar"]
    assert texts_of("The Sheikh Hilal area was shelled; so was the Sayyida Ruqaya camp.", index) == [
        "Sheikh Hilal", "Sayyida Ruqaya"]
    # No place head: the title's man.
    assert texts_of("Sheikh Hilal said the Mosul district was calm.", index) == ["Mosul"]
    assert texts_of("Imam Qasim visited the area on Friday.", index) == []
    # Nor a political camp without a title ("camp" heads only a titled name).
    assert texts_of("Supporters of the Hilal camp rallied.", index) == []


def test_unknown_titled_neighbourhood_falls_back_to_its_town():
    found = geoparse("A shell fell on a house in the Sheikh Hilal neighbourhood of Mosul.",
                     build_index())
    t = next(t for t in found if t.text == "Sheikh Hilal")
    assert (t.place, t.relation, t.anchor, t.geo_precision) == (None, "within", "Mosul", 2)


def test_common_word_rescued_by_a_neighbouring_place():
    index = build_index()
    assert "Hit" in texts_of("June 28th, 2015: Hit, Ninawa province", index)
    assert "Hit" in texts_of("June 28th, 2015: Hit and Zuwiya, Ninawa province", index)
    assert "Hit" in texts_of("Militias in Iraq's Hit pushed on.", index)
    assert "Hit" not in texts_of("Hit by a roadside bomb near Mosul, two died.", index)


def test_ayn_mark_inside_a_word_and_contractions():
    index = weak_index()
    assert "Al Qa’im" in texts_of("Troops entered Al Qa’im on Friday.", index)
    assert "Theyre" not in " ".join(texts_of("They're in Mosul now.", index))
    assert ("Iraq", "country") in spans(recognize("Iraq's army moved.", index))


def test_place_inside_an_organisation_name():
    found = spans(recognize("A raid by the Mosul Operations Command and on Mosul itself.",
                            build_index()))
    assert ("Mosul", "organisation") in found and ("Mosul", "place") in found


def test_unknown_name_after_a_cue_leaves_the_town_of_a_facility():
    index = build_index()
    assert spans(recognize("Missiles struck near Mosul International Airport on Sunday.",
                           index)) == {("Mosul", "place")}
    assert texts_of("Shells fell near the Tal Afar Airport and Mosul Refinery.", index) == [
        "Tal Afar", "Mosul"]
    # An unknown town's facility stays one unknown name.
    assert texts_of("Shells fell near Kuweires Military Airport.", index) == [
        "Kuweires Military Airport"]
    # A facility the gazetteer knows is itself.
    dam = Candidate(76, "Mosul Dam", 36.63, 42.82, "P", "PPL", "IQ", 0, "Ninawa")
    assert texts_of("Militants attacked near Mosul Dam.", build_index(extra=[("Mosul Dam", dam)])
                    ) == ["Mosul Dam"]


def test_town_of_a_university_is_a_place():
    # A university is an organisation, yet an attack on it happened in its town; so its
    # staff's ("a lecturer at Mosul University") come out as the town too.
    index = build_index()
    assert spans(recognize("Gunmen attacked Tal Afar University.", index)) == {
        ("Tal Afar", "place")}
    assert spans(recognize("A lecturer at Mosul University said.", index)) == {("Mosul", "place")}
    # Not a facility: still an organisation.
    assert spans(recognize("The Mosul Oil Company said.", index)) == {("Mosul", "organisation")}


def test_village_namesake_before_a_facility_is_no_persons_name():
    index = weak_index()
    assert texts_of("A blast damaged the Bashiqa Power Station.", index) == ["Bashiqa"]
    assert texts_of("Jets hit the Bashiqa Military Airfield.", index) == ["Bashiqa"]
    assert texts_of("The envoy Bashiqa Jones arrived.", index) == []


def test_place_ending_an_armed_group_name():
    sham = Candidate(10, "Damascus", 33.5, 36.3, "P", "PPLC", "SY", 1500000, "Dimashq")
    index = build_index(extra=[("Sham", sham), ("Syria", Candidate(
        11, "Syria", 35.0, 38.0, "A", "PCLI", "SY", 0))])

    def kinds(text):
        return [(t.text, t.kind) for t in recognize(text, index)]

    assert kinds("Gunmen of Hayat Tahrir al-Sham shelled Mosul.") == [
        ("Sham", "organisation"), ("Mosul", "place")]
    assert kinds("Ahrar al Sham and the Islamic State of Iraq claimed it.") == [
        ("Sham", "organisation"), ("Iraq", "organisation")]
    assert kinds("A cell of the Islamic State in Iraq and the Levant.")[0] == ("Iraq", "organisation")
    # "Islamic State in X" alone says where: the fighting was in Tal Afar.
    assert kinds("Troops fought Islamic State in Tal Afar.") == [("Tal Afar", "place")]
    assert kinds("Fighting in Sham and in Syria.") == [("Sham", "place"), ("Syria", "country")]


@pytest.mark.parametrize(("text", "name", "lead"), [
    # The name holds its own article: the group's lead word is right before it.
    ("Rebels of Ahrar Al Sham shelled Mosul.", "Al Sham", "organisation"),
    ("Hayat Tahrir Al-Sham fighters clashed.", "Al-Sham", "organisation"),
    ("Clashes between Jaysh al Sham and the army.", "al Sham", "organisation"),
    # The article before the name, as before.
    ("Gunmen of Hayat Tahrir al-Sham attacked.", "Sham", "organisation"),
    # No lead word, or no article: nothing said.
    ("Fighting in Al Sham and in Mosul.", "Al Sham", ""),
    ("Rebels of Ahrar Sham attacked.", "Sham", ""),
])
def test_place_with_its_article_ending_an_armed_group_name(text, name, lead):
    start = text.index(name)
    assert lead_in(text, start, start + len(name), lambda word: False) == lead


def test_town_like_nisba_ending_a_persons_name_is_no_place():
    sadr = Candidate(12, "Sadr City", 33.39, 44.46, "P", "PPL", "IQ", 1200000, "Baghdad")
    index = build_index(extra=[("Sadr", sadr), ("Sadr City", sadr)])

    def places(text):
        return [t.text for t in recognize(text, index) if t.kind == "place"]

    assert places("The cleric Muqtada al-Sadr called for calm in Mosul.") == ["Mosul"]
    assert places("Muqtada al Sadr spoke. Sadr later left.") == []  # repeated: him again
    assert places("Muqtada al-Sadr spoke; rockets hit Sadr City.") == ["Sadr"]  # cued
    # A place-name first word, a known place or a trigger before the article: a place.
    assert places("Shells fell on Tal al-Sadr.") == ["Sadr"]
    assert places("Troops in Mosul al-Sadr.") == ["Mosul", "Sadr"]
    assert places("Fighting in al-Sadr.") == ["Sadr"]
    assert places("A blast in Amiriyat al-Sadr.") == ["Sadr"]  # construct form in -at
    assert places("Crown Prince Mohammed bin Sadr and Mohammed Bin Sadr.") == []
    nasr = Candidate(13, "Al Nasr", 33.3, 44.4, "P", "PPL", "IQ", 5000, "Baghdad")
    index = build_index(extra=[("Al Nasr", nasr)])
    assert places("The plan was signed by Younus Al Nasr on Monday.") == []
    assert places("Shelling hit Al Nasr on Monday. Both Al Nasr and Mosul were hit.") == [
        "Al Nasr", "Al Nasr", "Mosul"]


def test_index_knows_possible_first_words():
    index = weak_index()
    from gazetteer.geoparser.normalize import first_word_key

    assert index.starts[first_word_key("Tal")] == 2  # "Tall ‘Afar", "Tal Afar"
    assert first_word_key("Reporter") not in index.starts


def test_possessive_before_a_word_split_at_an_ayn_mark_keeps_the_country():
    # "Iraq's Shi'i": the span tried from "Iraq" must not keep half of "Shi'i" as a word.
    found = texts_of("Iraq's Shi'i forces report a death in Mosul", build_index())
    assert found == ["Iraq", "Mosul"]


def test_possessive_before_a_name_with_an_area_word_keeps_both_places():
    # The unknown-name rule ("X district") must not glue the owner to the name after it.
    index = build_index()
    assert spans(recognize("Gunmen raided a farm in Ninawa's Tal Afar district.", index)) == {
        ("Ninawa", "place"), ("Tal Afar", "place")}
    assert texts_of("Rockets hit Ninawa’s Zummar district overnight.", index) == [
        "Ninawa", "Zummar"]
    assert spans(recognize("Patrols left Iraq's Tal Afar district.", index)) == {
        ("Iraq", "country"), ("Tal Afar", "place")}
    homs = Candidate(62, "Homs", 34.73, 36.72, "P", "PPLA", "SY", 775000, "Homs")
    found = texts_of("Snipers fired in Homs' Waer district.", build_index(extra=[("Homs", homs)]))
    assert found == ["Homs", "Waer"]
    # No name after the possessive: nothing unknown.
    assert texts_of("The convoy reached Sheikh Hamid's area at dawn.", index) == []


def test_index_lookup_gives_kind_and_candidates_or_none():
    index = build_index()
    assert index.lookup(name_key("Mosul")) == (None, [MOSUL])
    kind, cands = index.lookup(name_key("Syria"))
    assert kind == ("country", "SY") and cands == []
    assert index.lookup(name_key("Nowhereville")) is None


def test_span_rules_of_accept():
    from gazetteer.geoparser.recognize.accept import accept

    accepted = [["Tal", "Afar"], ["Abu", "Ghraib"], ["Hay", "al", "Askari"], ["Hit"], ["الموصل"]]
    rejected = [["Mosul", "al"], ["The", "Mosul"], ["Mosul", "Operations"], ["Mosul", "district"],
                ["Mosul", "District"], ["Tal", "A"], ["US"], ["ISIS"], ["Al"], ["Near", "Mosul"],
                ["Mosul", "to", "Erbil"]]
    assert [accept(w) for w in accepted] == [True] * len(accepted)
    assert [accept(w) for w in rejected] == [False] * len(rejected)


def test_a_word_split_at_an_ayn_mark_starts_a_name_as_the_whole_word():
    samarra = Candidate(30, "Sāmarrā’", 34.2, 43.9, "P", "PPL", "IQ", 150000, "Salah ad Din")
    index = GazetteerIndex([("Sāmarrā’", samarra)])
    (t,) = recognize("Two guards were wounded on Friday in Samarr'a", index)[-1:]
    assert (t.text, [c.place_id for c, _ in t.candidates]) == ("Samarr'a", [30])


def test_a_name_opened_by_a_group_word_after_a_cue_is_no_place():
    # "between X and Y" is a cue for unknown places, but not for a group's name.
    found = spans(recognize("Clashes took place between Jaysh al Example and rebels near Mosul.",
                            build_index()))
    assert found == {("Mosul", "place")}
    assert ("Example Hills", "place") in spans(recognize(
        "Clashes took place between Example Hills and Mosul.", build_index()))
