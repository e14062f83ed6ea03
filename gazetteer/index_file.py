"""The gazetteer index as a file: built once per gazetteer stamp, memory-mapped by every process.

An in-memory index of 500k places and 2M names costs each worker a minute of building
and over a gigabyte of Python objects. Written once into a file, a worker instead maps
the place records (flat arrays of numbers and string ids, plus one string table) and
keeps only two small Python dicts of its own: name key -> candidate slot(s), and the
recognizer's first-word table. Pages of the mapped arrays are shared by every process
on the machine (the page cache), a Candidate is made the first time a lookup returns it
and then kept, so lookups return the very objects the in-memory index would.

Layout of one index (a directory, renamed into place whole, so readers never see a
half-written one):

- ``meta.marshal``: format version, the key dicts, the small tables (kinds, aliases,
  scoped aliases, compass parts, the governorate raster, capitals by slot, the places
  near the border) and where each array lies;
- ``arrays.bin``: the arrays, each 8-byte aligned, read through ``memoryview.cast``.

A key with one candidate maps to its slot; with several, to ``-(i + 1)`` where ``i``
indexes the posting ranges (candidates in the in-memory index's order). Only
``FileIndex`` reads this format, and ``FORMAT`` changes with any change to it.
"""

from __future__ import annotations

import gc
import marshal
import mmap
import os
import shutil
import tempfile
from array import array
from bisect import bisect_left
from contextlib import contextmanager
from pathlib import Path
from typing import TYPE_CHECKING

from gazetteer.geoparser.areagrid import AreaGrid
from gazetteer.geoparser.fuzzy import MIN_SKELETON, loose_key
from gazetteer.geoparser.normalize import arabic_without_generic
from gazetteer.geoparser.types import Candidate

if TYPE_CHECKING:
    from gazetteer.index import FileIndex

FORMAT = 3
# marshal, not pickle: the small tables are plain dicts, lists, tuples, sets, strings and
# numbers, and loading marshal data runs no code whoever wrote the file.
_META, _ARRAYS = "meta.marshal", "arrays.bin"
_INT_FIELDS = ("place_id", "population")
_FLOAT_FIELDS = ("lat", "lon")
_STR_FIELDS = ("name", "feature_class", "feature_code", "country", "admin1", "area")


@contextmanager
def gc_paused():
    """No cyclic garbage collection while millions of objects are made: every full
    collection walks all of them (a third of a large build's time), and an index
    holds no reference cycles to collect."""
    enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if enabled:
            gc.enable()


class _Strings:
    """Interns strings to ids while writing."""

    def __init__(self):
        self.ids: dict[str, int] = {}

    def __call__(self, text: str) -> int:
        sid = self.ids.get(text)
        if sid is None:
            sid = self.ids[text] = len(self.ids)
        return sid


def _ranges(groups, strings=None) -> tuple[array, array]:
    """(offsets, values) of a list of int (or string, with ``strings``) groups."""
    offsets, values = array("I", [0]), array("I")
    for group in groups:
        values.extend(strings(v) for v in group) if strings else values.extend(group)
        offsets.append(len(values))
    return offsets, values


def index_write(index, path: Path) -> None:
    """Write ``index`` (an AtlasIndex built from the database) as the directory ``path``,
    atomically: a reader sees the whole index or none."""
    with gc_paused():
        _write(index, path)


def _write(index, path: Path) -> None:
    slot_of: dict[int, int] = {}  # place_id -> slot
    cands: list[Candidate] = []

    def slot(cand: Candidate) -> int:
        s = slot_of.get(cand.place_id)
        if s is None:
            s = slot_of[cand.place_id] = len(cands)
            cands.append(cand)
        return s

    keys: dict[str, int] = {}
    postings: list[list[int]] = []
    for key, found in index._by_key.items():
        slots = [slot(c) for c in found.values()]
        if len(slots) == 1:
            keys[key] = slots[0]
        else:
            keys[key] = -(len(postings) + 1)
            postings.append(slots)
    pks = sorted(index.by_place)
    pk_slots = array("I", (slot(index.by_place[pk]) for pk in pks))
    capitals = {pcode: slot(c) for pcode, c in index.capitals.items()}
    scoped = {key: [(ctx, slot(c)) for ctx, c in pairs] for key, pairs in index.scoped_aliases.items()}
    loose: dict[str, list[tuple[str, int]]] = {}  # as fuzzy._loose_map builds it
    for key, found in index._by_key.items():
        skeleton = loose_key(key)
        if len(skeleton) >= MIN_SKELETON:
            loose.setdefault(skeleton, []).extend((key, slot_of[c.place_id]) for c in found.values())

    strings = _Strings()
    arrays: dict[str, array] = {
        "pk": array("q", pks), "pk_slot": pk_slots,
        **{f: array("q", (getattr(c, f) for c in cands)) for f in _INT_FIELDS},
        **{f: array("d", (getattr(c, f) for c in cands)) for f in _FLOAT_FIELDS},
        **{f: array("I", (strings(getattr(c, f)) for c in cands)) for f in _STR_FIELDS},
    }
    arrays["within_off"], arrays["within"] = _ranges((c.within for c in cands), strings)
    arrays["names_off"], arrays["names"] = _ranges(
        (sorted(index._names.get(c.place_id, ())) for c in cands), strings)
    arrays["post_off"], arrays["post"] = _ranges(postings)
    loose_ids = {skeleton: k for k, skeleton in enumerate(loose)}
    arrays["loose_off"], arrays["loose_key"] = _ranges(([k for k, _ in pairs] for pairs in loose.values()),
                                                        strings)
    arrays["loose_slot"] = array("I", (s for pairs in loose.values() for _, s in pairs))
    blob = "".join(strings.ids).encode("utf-8")  # dicts keep insertion order: id order
    str_off, pos = array("Q", [0]), 0
    for text in strings.ids:
        pos += len(text.encode("utf-8"))
        str_off.append(pos)
    arrays["str_off"], arrays["str_blob"] = str_off, array("B", blob)

    meta = {"format": FORMAT, "slots": len(cands), "keys": keys, "loose": loose_ids,
            "kinds": index._kinds, "starts": index.starts, "alias": index._alias, "parts": index.parts,
            "areas": index.areas.runs(), "capitals": capitals, "scoped": scoped,
            "near_border": sorted(index.near_border), "layout": {}}
    path.parent.mkdir(parents=True, exist_ok=True)
    tmp = Path(tempfile.mkdtemp(prefix=f".{path.name}.", dir=path.parent))
    try:
        with open(tmp / _ARRAYS, "wb") as out:
            for name, values in arrays.items():
                out.write(b"\0" * (-out.tell() % 8))
                meta["layout"][name] = (out.tell(), len(values), values.typecode)
                values.tofile(out)
        with open(tmp / _META, "wb") as out:
            marshal.dump(meta, out)
        os.replace(tmp, path)  # atomic; another process's identical index may have won
    except OSError:
        if not path.is_dir():
            raise
    finally:
        shutil.rmtree(tmp, ignore_errors=True)


class _ByPlace:
    """Every Place id (a duplicate's too) -> its Candidate, read from the sorted id array."""

    def __init__(self, index: FileIndex):
        self._index = index

    def get(self, pk: int, default=None):
        ix = self._index
        k = bisect_left(ix._a["pk"], pk)
        if k < len(ix._a["pk"]) and ix._a["pk"][k] == pk:
            return ix._cand(ix._a["pk_slot"][k])
        return default

    def __getitem__(self, pk: int) -> Candidate:
        cand = self.get(pk)
        if cand is None:
            raise KeyError(pk)
        return cand

    def __contains__(self, pk: int) -> bool:
        return self.get(pk) is not None

    def __len__(self) -> int:
        return len(self._index._a["pk"])


class _LooseMap:
    """fuzzy.loose_candidates' map (skeleton -> [(key, Candidate)]) read from the file."""

    def __init__(self, index: FileIndex, ids: dict[str, int]):
        self._index, self._ids = index, ids

    def get(self, skeleton: str, default=()):
        k = self._ids.get(skeleton)
        if k is None:
            return default
        ix, a = self._index, self._index._a
        lo, hi = a["loose_off"][k], a["loose_off"][k + 1]
        return [(ix._str(sid), ix._cand(s)) for sid, s in zip(a["loose_key"][lo:hi], a["loose_slot"][lo:hi],
                                                                strict=True)]


def index_load(path: Path, *, index_class):
    """The index written at ``path``, mapped read-only (``index_class``: FileIndex)."""
    with open(path / _META, "rb") as handle, gc_paused():
        meta = marshal.load(handle)  # noqa: S302 - our own file; loading runs no code
    if meta.get("format") != FORMAT:
        raise ValueError(f"{path}: index format {meta.get('format')}, expected {FORMAT}")
    with open(path / _ARRAYS, "rb") as handle:
        mapped = mmap.mmap(handle.fileno(), 0, access=mmap.ACCESS_READ) if os.fstat(handle.fileno()).st_size \
            else b""
    view = memoryview(mapped)
    index = index_class.__new__(index_class)
    index._a = {name: view[start:start + n * array(code).itemsize].cast(code)
                for name, (start, n, code) in meta["layout"].items()}
    index._mapped = mapped
    index._keys, index._kinds, index._alias = meta["keys"], meta["kinds"], meta["alias"]
    index.starts, index.parts, index.areas = meta["starts"], meta["parts"], AreaGrid(meta["areas"])
    index.run_cache, index.word_cache = {}, {}
    index._cands, index._strs, index._names_of = {}, {}, {}
    index.capitals = {pcode: index._cand(s) for pcode, s in meta["capitals"].items()}
    index.near_border = frozenset(meta["near_border"])
    index.scoped_aliases = {key: [(ctx, index._cand(s)) for ctx, s in pairs]
                            for key, pairs in meta["scoped"].items()}
    index.by_place = _ByPlace(index)
    index._loose = _LooseMap(index, meta["loose"])
    index.path = path
    return index


class FileIndexMixin:
    """The lookups of GazetteerIndex over the mapped arrays (see the module docstring)."""

    def _str(self, sid: int) -> str:
        text = self._strs.get(sid)
        if text is None:
            off = self._a["str_off"]
            text = self._strs[sid] = str(self._a["str_blob"][off[sid]:off[sid + 1]], "utf-8")
        return text

    def _cand(self, s: int) -> Candidate:
        cand = self._cands.get(s)
        if cand is None:
            a, st = self._a, self._str
            wo = a["within_off"]
            cand = self._cands[s] = Candidate(
                a["place_id"][s], st(a["name"][s]), a["lat"][s], a["lon"][s], st(a["feature_class"][s]),
                st(a["feature_code"][s]), st(a["country"][s]), a["population"][s], st(a["admin1"][s]),
                st(a["area"][s]), tuple(st(sid) for sid in a["within"][wo[s]:wo[s + 1]]))
        return cand

    def _found(self, code: int) -> list[Candidate]:
        if code >= 0:
            return [self._cands.get(code) or self._cand(code)]
        off = self._a["post_off"]
        k = -code - 1
        return [self._cand(s) for s in self._a["post"][off[k]:off[k + 1]]]

    def __len__(self) -> int:
        return len(self._keys)

    def __contains__(self, key: str) -> bool:
        return key in self._keys or key in self._kinds

    def candidates(self, key: str) -> list[Candidate]:
        code = self._keys.get(key)
        if code is None:
            return []
        found = self._found(code)
        alias = self._alias.get(key)
        return sorted(found, key=lambda c: c.place_id not in alias) if alias else found

    def lookup(self, key: str):
        kind = self._kinds.get(key)
        code = self._keys.get(key)
        if code is None:
            return None if kind is None else (kind, [])
        if key in self._alias:
            return kind, self.candidates(key)
        return kind, self._found(code)

    def entries(self):
        return ((key, self._found(code)) for key, code in self._keys.items())

    def is_exact(self, surface: str, place_id: int) -> bool:
        names = self._names_of.get(place_id)
        if names is None:  # decoded once per place: a town has hundreds of names
            names = self._names_of[place_id] = self._place_names(place_id)
        return bool(names) and (surface.casefold() in names or arabic_without_generic(surface) in names)

    def _place_names(self, place_id: int) -> frozenset[str]:
        """The names of a place as written (case-folded), none for an unknown id or a
        duplicate's (is_exact's table)."""
        cand = self.by_place.get(place_id)
        if cand is None or cand.place_id != place_id:
            return frozenset()
        s = self._slot(place_id)
        off = self._a["names_off"]
        return frozenset(self._str(sid) for sid in self._a["names"][off[s]:off[s + 1]])

    def _slot(self, place_id: int) -> int:
        pk = self._a["pk"]
        return self._a["pk_slot"][bisect_left(pk, place_id)]
