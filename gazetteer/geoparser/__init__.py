"""The geoparser: pure Python, no Django imports (gazetteer/index.py is the one adapter).

    index = GazetteerIndex(entries)          # entries: (name, Candidate) pairs
    toponyms = geoparse(text, index)         # -> list[Toponym], in text order
"""

from .containment import constrain
from .normalize import name_key, script_of, token_key
from .recognize import GazetteerIndex, recognize
from .relative import relate
from .resolve import resolve
from .types import Candidate, Toponym
from .unknown import unknown_by_context

__all__ = [
    "Candidate", "GazetteerIndex", "Toponym", "geoparse", "name_key", "recognize",
    "relate", "resolve", "script_of", "token_key",
]


def geoparse(text: str, index: GazetteerIndex) -> list[Toponym]:
    """Recognise and resolve the toponyms of a text, in text order, with what the text
    says around each one (relation, displaced point, uncertainty, geo_precision)."""
    if not isinstance(text, str):
        raise TypeError(f"geoparse() needs text as str, got {type(text).__name__}")
    found = unknown_by_context(text, recognize(text, index), index)
    resolved = resolve(text, found, index)
    return relate(text, constrain(text, resolved, index))
