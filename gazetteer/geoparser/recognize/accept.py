"""Which spans of a run of name words may be a name: capitalisation, stop words, acronyms.

``accept`` is the rule; ``accepted_ends_slow`` applies it to every span from a start word,
the definition that fast.accepted_ends (one pass) is tested against.
"""

import re

from .. import vocab as lx
from ..normalize import is_article, is_generic
from ..text import ARABIC_BLOCK, ARABIC_FIRST, ARABIC_LAST

ARABIC = re.compile(f"[{ARABIC_BLOCK}]")
LEADING_FUNCTION_WORDS = lx.LEADING_FUNCTION_WORDS
PARTICLES = lx.PARTICLES


def accept(words: list[str]) -> bool:
    """Capitalisation, stop-list and acronym rules for a candidate span."""
    if len(words) == 1:  # most spans: the same rules without the multi-word ones
        word = words[0]
        if ARABIC_FIRST <= word[0] <= ARABIC_LAST:
            return True
        return (word[0].isupper() and len(word) >= 3 and word.lower() not in lx.NEVER
                and not (word.isupper() and len(word) <= 4))
    # Several words: the same rules, cheapest and most often failing checks first.
    if ARABIC_FIRST <= words[0][0] <= ARABIC_LAST:
        return all(ARABIC.match(w) for w in words)
    first, last = words[0], words[-1]
    if not (first[0].isupper() and last[0].isupper()):
        return False
    low_first, low_last = first.lower(), last.lower()
    if low_first in lx.NEVER or low_last in lx.NEVER or low_first in LEADING_FUNCTION_WORDS:
        return False
    if is_generic(last) or is_article(last):
        return False
    for w in words:  # two letters or more, each capitalised, an article or a particle
        if len(w) < 2 or not (w[0].isupper() or w.lower() in PARTICLES or is_article(w)):
            return False
    return True


def accepted_ends_slow(words: list[str], i: int, last: int) -> list[int]:
    """The k (i <= k <= last) for which ``accept(words[i:k + 1])`` holds, longest span
    first: the definition of fast.accepted_ends."""
    return [k for k in range(last, i - 1, -1) if accept(words[i:k + 1])]
