"""The geoparser: pure Python, no Django imports (gazetteer/index.py is the one adapter).

    index = GazetteerIndex(entries)          # entries: (name, Candidate) pairs
    toponyms = geoparse(text, index)         # -> list[Toponym], in text order
"""

from .containment import constrain
from .normalize import name_key, script_of, token_key
from .recognize import GazetteerIndex, recognize
from .relate import relate
from .resolve import resolve
from .text import Document
from .types import Candidate, Kind, Relation, Toponym
from .unknown import unknown_by_context

__all__ = [
    "Candidate", "Document", "GazetteerIndex", "Kind", "Relation", "Toponym", "geoparse", "name_key",
    "recognize", "relate", "resolve", "script_of", "token_key",
]


def geoparse(text: str, index: GazetteerIndex, countries: dict[str, int] | None = None) -> list[Toponym]:
    """Recognise and resolve the toponyms of a text, in text order, with what the text
    says around each one (relation, displaced point, uncertainty, geo_precision).
    ``countries``: mentions of countries the caller found in the text beyond its place
    names (by ISO code; the extractor's actors: "regime forces" are Syria's)."""
    if not isinstance(text, str):
        raise TypeError(f"geoparse() needs text as str, got {type(text).__name__}")
    doc = Document(text)  # tokenised once, read by every stage
    # Names the gazetteer lacks join those it has; stated containers then constrain what
    # resolution chose (containment.py) before the relations are read.
    found = unknown_by_context(text, recognize(doc, index), index)
    return relate(doc, constrain(text, resolve(doc, found, index, given_countries=countries), index))
