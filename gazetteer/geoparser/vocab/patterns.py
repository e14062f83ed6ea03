"""Regular-expression pieces built from the vocabulary's word lists (never written by hand).

A stage that needs a regex of cue words builds it here from the lists, so a word added to
the vocabulary reaches every stage that reads that list.
"""

from __future__ import annotations

import re
from collections.abc import Iterable

BLANKS = r"[ \t]+"  # the gap inside a phrase on one line
SPACES = r"\s+"  # the gap inside a phrase, line breaks included


def words(phrases: Iterable[str], gap: str = BLANKS, escape: bool = True) -> str:
    """An alternation (no group) of phrases, longest first, their blanks written ``gap``:
    at one position the longest phrase is tried first, as a hand-written list would."""
    unique = sorted(set(phrases), key=lambda p: (-len(p), p))
    return "|".join(gap.join(re.escape(w) if escape else w for w in p.split(" ")) for p in unique)


def group(phrases: Iterable[str], gap: str = BLANKS) -> str:
    """``words`` in a non-capturing group."""
    return f"(?:{words(phrases, gap)})"


def capitalised(phrases: Iterable[str]) -> str:
    """An alternation of the phrases with each first letter capitalised (case-sensitive)."""
    return words(p[:1].upper() + p[1:] for p in phrases)


def trie(phrases: Iterable[str]) -> str:
    """An alternation of words written as a trie ("a(?:[dl]|sh)"): re tries a flat
    alternation one literal after the other, a trie one letter at a time."""

    def node(suffixes: set[str]) -> str:
        optional = "" in suffixes
        children: dict[str, set[str]] = {}
        for s in suffixes - {""}:
            children.setdefault(s[0], set()).add(s[1:])
        leaves = sorted(ch for ch, rest in children.items() if rest == {""})
        branches = [re.escape(ch) + node(rest) for ch, rest in sorted(children.items())
                    if rest != {""}]
        if len(leaves) > 1:
            branches.insert(0, "[" + "".join(re.escape(ch) for ch in leaves) + "]")
        elif leaves:
            branches.insert(0, re.escape(leaves[0]))
        if not branches:
            return ""
        body = branches[0] if len(branches) == 1 else "(?:" + "|".join(branches) + ")"
        if optional:
            return body + "?" if len(body) == 1 else f"(?:{body})?"
        return body

    return node(set(phrases))

