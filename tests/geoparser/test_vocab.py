"""The vocabulary is the one place cue words are written (issue 12).

Every string constant of the geoparser outside vocab/, and of the extraction's location
rules, is read word by word (regular expressions included); no word of it may be a cue
word of the vocabulary. Docstrings, dict keys and subscripts (labels, not text to match)
and the grammar words regular expressions join cue words with are not cue words.
"""

import ast
import re
from pathlib import Path

from gazetteer.geoparser import vocab as lx
from gazetteer.geoparser.vocab import patterns as pt

ROOT = Path(__file__).resolve().parents[2]
CODE = sorted(p for p in (ROOT / "gazetteer" / "geoparser").rglob("*.py") if "vocab" not in p.parts) + [
    ROOT / "incidents" / "extraction" / "locate.py"]
# Words regular expressions and code join the cue words with: grammar, not cues.
# normalize.script_of's labels ("arab": Arabic script, not the demonym).
SCRIPTS = frozenset({"arab", "latn", "other"})
GRAMMAR = frozenset({"the", "a", "an", "of", "from", "to", "in", "on", "at", "and", "or", "for", "s",
                     "bank", "same", "small", "km"})


def cue_words() -> set[str]:
    """Every word of the vocabulary's cue lists, lower-case."""
    lists = [lx.CARDINALS, lx.CENTRE_ADJECTIVES, lx.CENTRE_NOUNS, lx.NEAR, lx.EDGES, lx.GATES,
             lx.NEAR_CONTAINER, lx.APPROXIMATELY, lx.KM_UNITS, lx.MILE_UNITS, lx.AREA_WORDS,
             lx.PLACE_HEADS, lx.PERSON_PLACE_HEADS, lx.FACILITY_HEADS, lx.FACILITY_NAME_HEADS,
             lx.FACILITY_NAME_MODIFIERS, lx.SETTLEMENTS, lx.SETTLEMENTS_PLURAL, lx.APPOSITION_HEADS,
             lx.ROAD_WORDS, lx.MOUNT_WORDS, lx.NATURAL_HEADS, lx.BORDER_WORDS, lx.BORDER_ADJECTIVES,
             lx.COUNTRIES, lx.DEMONYMS, lx.REGIONS, lx.TITLES, lx.LOWER_TITLES, lx.TITLE_LEADS,
             lx.ORG_HEADS, lx.ORG_LEADS, lx.EVENT_NEAR, lx.ANAPHORA, lx.UNKNOWN_NAME_OF,
             lx.ISLAMIC_STATE, lx.PART_WORDS, [lx.RURAL, lx.BETWEEN, lx.CAMP, lx.KMS]]
    words = {w.lower() for table in lists for phrase in table for w in re.findall(r"[A-Za-z]+", phrase)}
    return words - GRAMMAR


def _labels(tree: ast.AST) -> set[int]:
    """ids of the constants that are docstrings, dict keys or subscripts."""
    out = set()
    for node in ast.walk(tree):
        body = getattr(node, "body", None)
        if isinstance(body, list) and body and isinstance(body[0], ast.Expr) and isinstance(
                body[0].value, ast.Constant):
            out.add(id(body[0].value))
        if isinstance(node, ast.Dict):
            out.update(id(k) for k in node.keys if k is not None)
        if isinstance(node, ast.Subscript):
            out.update(id(n) for n in ast.walk(node.slice) if isinstance(n, ast.Constant))
        if isinstance(node, ast.Assign) and any(getattr(t, "id", "") == "__all__" for t in node.targets):
            out.update(id(n) for n in ast.walk(node.value) if isinstance(n, ast.Constant))
        if isinstance(node, ast.ClassDef) and any(getattr(b, "id", "") == "StrEnum" for b in node.bases):
            out.update(id(n) for n in ast.walk(node) if isinstance(n, ast.Constant))  # the contract's labels
        if isinstance(node, ast.Constant) and node.value in SCRIPTS:
            out.add(id(node))
    return out


def test_no_cue_word_is_written_outside_the_vocabulary():
    cues = cue_words()
    found = []
    for path in CODE:
        tree = ast.parse(path.read_text(encoding="utf-8"))
        labels = _labels(tree)
        for node in ast.walk(tree):
            if isinstance(node, ast.Constant) and isinstance(node.value, str) and id(node) not in labels:
                written = {w.lower() for w in re.findall(r"(?<![\\])[A-Za-z]{2,}", node.value)} & cues
                if written:
                    found.append(f"{path.relative_to(ROOT)}:{node.lineno}: {sorted(written)}")
    assert not found, "cue words written outside gazetteer/geoparser/vocab/:\n" + "\n".join(found)


def test_the_pattern_helpers_build_the_lists_alternations():
    assert re.fullmatch(pt.group(["near", "close to"]), "close \t to")
    assert re.fullmatch(f"(?:{pt.trie(['al', 'ash', 'um', 'umm'])})", "umm")
    assert not re.fullmatch(f"(?:{pt.trie(['al', 'ash'])})", "as")


def test_country_records_derive_the_tables():
    assert lx.COUNTRIES["Iraq"] == lx.COUNTRIES["العراق"] == "IQ"
    assert lx.COUNTRY_NAMES["SY"] == "Syria" and lx.COUNTRY_POINTS["IQ"] == (33.0, 44.0)
    assert lx.DEMONYMS["Iraqis"] == "IQ" and lx.BORDER_ADJECTIVES["syrian"] == "SY"
    assert lx.FOCUS_COUNTRIES == ("IQ", "SY")
    assert {c.iso3 for c in lx.COUNTRY_RECORDS if c.role is not lx.Role.OTHER} >= {"IRQ", "SYR", "TUR"}


def test_each_area_word_says_what_each_stage_reads():
    district = lx.AREA_WORDS["district"]
    # The drift issue 12 keeps visible: the geoparser's region, extraction's small part.
    assert (district.precision, district.event_precision) == (3, 2)
    assert lx.AREA_WORDS["province"].admin and lx.AREA_WORDS["province"].reach_km == 300.0
