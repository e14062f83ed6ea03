"""Gazetteer write operations: idempotent bulk upserts of places, names, areas and borders.

Loaders turn their input format into `PlaceRecord`s and geometries and call these; a
second load of the same input changes no row (every upsert compares before it writes).
"""

from __future__ import annotations

import re
import unicodedata
import uuid
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass
from typing import Literal, TypeVar

from django.contrib.gis.geos import GEOSGeometry, MultiLineString, MultiPolygon, Point
from django.db import transaction
from django.db.models import Q

from gazetteer.geoparser.normalize import KEY_VERSION, name_key, script_of
from gazetteer.models import AdminArea, Alias, Border, GazetteerStamp, Place, PlaceName, Source

Outcome = Literal["created", "updated", "unchanged"]
T = TypeVar("T")

# Short all-capital tokens in GeoNames alternate names are codes (OSM, IATA), not names.
_CODE_RE = re.compile(r"^[A-Z0-9]{1,4}$|^\d+$")
_MAX_NAME = 200
# Coordinates round-trip through the database as doubles; anything closer is the same point.
_COORD_TOLERANCE = 1e-9
_BATCH = 500

PLACE_FIELDS = (
    "geonameid",
    "name",
    "ascii_name",
    "feature_class",
    "feature_code",
    "country_code",
    "admin1_code",
    "admin2_code",
    "population",
)


@dataclass
class PlaceRecord:
    """One place as a loader read it; `names` are every name to index (preferred first)."""

    source: str
    source_id: str
    name: str
    lon: float
    lat: float
    geonameid: int | None = None
    ascii_name: str = ""
    feature_class: str = ""
    feature_code: str = ""
    country_code: str = ""
    admin1_code: str = ""
    admin2_code: str = ""
    population: int = 0
    names: Sequence[str] = ()


@dataclass
class UpsertCounts:
    """What a places upsert did."""

    places_created: int = 0
    places_updated: int = 0
    places_unchanged: int = 0
    names_created: int = 0
    names_updated: int = 0

    def add(self, other: UpsertCounts) -> None:
        self.places_created += other.places_created
        self.places_updated += other.places_updated
        self.places_unchanged += other.places_unchanged
        self.names_created += other.names_created
        self.names_updated += other.names_updated


def ascii_fold(text: str) -> str:
    """An ASCII transliteration by dropping diacritics (NFKD); non-Latin letters vanish."""
    decomposed = unicodedata.normalize("NFKD", text)
    return (
        "".join(c for c in decomposed if not unicodedata.combining(c))
        .encode("ascii", "ignore")
        .decode()
        .strip()
    )


def clean_names(names: Iterable[str]) -> list[str]:
    """Distinct usable names in input order: no blanks, codes, 1-2 letter or over-long names.

    Case variants (Mosul/mosul) fold to one entry: they share a key, so a second row
    would add nothing to matching.
    """
    seen: set[str] = set()
    kept: list[str] = []
    for raw in names:
        name = unicodedata.normalize("NFC", (raw or "").strip())
        if len(name) < 3 or len(name) > _MAX_NAME or _CODE_RE.match(name) or "://" in name:
            continue
        folded = name.casefold()
        if folded in seen:
            continue
        seen.add(folded)
        kept.append(name)
    return kept


def _chunks(items: Sequence[T], size: int = _BATCH) -> Iterator[Sequence[T]]:
    for i in range(0, len(items), size):
        yield items[i : i + size]


def _same_point(a: Point | None, lon: float, lat: float) -> bool:
    return a is not None and abs(a.x - lon) <= _COORD_TOLERANCE and abs(a.y - lat) <= _COORD_TOLERANCE


def _apply(place: Place, record: PlaceRecord) -> bool:
    """Copy a record onto a Place; True when anything differed."""
    changed = False
    for name in PLACE_FIELDS:
        value = getattr(record, name)
        if getattr(place, name) != value:
            setattr(place, name, value)
            changed = True
    if not _same_point(place.point, record.lon, record.lat):
        place.point = Point(record.lon, record.lat, srid=4326)
        changed = True
    return changed


@transaction.atomic
def places_upsert(*, records: Sequence[PlaceRecord]) -> UpsertCounts:
    """Insert or update places keyed by (source, source_id), and their PlaceNames.

    Names are added or corrected (key, script, preferred flag); names missing from the
    input are kept, since an analyst may have added them.
    """
    counts = UpsertCounts()
    by_source: dict[str, list[PlaceRecord]] = {}
    for record in records:
        by_source.setdefault(record.source, []).append(record)
    for source, group in by_source.items():
        counts.add(_upsert_source(source, group))
    return counts


def _upsert_source(source: str, records: list[PlaceRecord]) -> UpsertCounts:
    counts = UpsertCounts()
    ids = [r.source_id for r in records]
    existing: dict[str, Place] = {}
    for chunk in _chunks(ids):
        existing.update((p.source_id, p) for p in Place.objects.filter(source=source, source_id__in=chunk))
    to_create, to_update = [], []
    for record in records:
        place = existing.get(record.source_id)
        if place is None:
            place = Place(source=source, source_id=record.source_id)
            _apply(place, record)
            to_create.append(place)
        elif _apply(place, record):
            to_update.append(place)
    Place.objects.bulk_create(to_create, batch_size=_BATCH)
    Place.objects.bulk_update(to_update, [*PLACE_FIELDS, "point"], batch_size=_BATCH)
    counts.places_created = len(to_create)
    counts.places_updated = len(to_update)
    counts.places_unchanged = len(records) - len(to_create) - len(to_update)

    # Re-read ids: not every backend returns primary keys from bulk_create.
    place_ids: dict[str, int] = {}
    for chunk in _chunks(ids):
        place_ids.update(
            Place.objects.filter(source=source, source_id__in=chunk).values_list("source_id", "id")
        )
    names_created, names_updated = _upsert_names(records, place_ids)
    counts.names_created, counts.names_updated = names_created, names_updated
    return counts


def _upsert_names(records: list[PlaceRecord], place_ids: dict[str, int]) -> tuple[int, int]:
    existing: dict[tuple[int, str], PlaceName] = {}
    for chunk in _chunks(list(place_ids.values())):
        for pn in PlaceName.objects.filter(place_id__in=chunk):
            existing[(pn.place_id, pn.name)] = pn
    to_create, to_update = [], []
    for record in records:
        place_id = place_ids[record.source_id]
        preferred = unicodedata.normalize("NFC", record.name.strip())
        for name in clean_names([record.name, *record.names]):
            wanted = {"key": name_key(name), "script": script_of(name), "is_preferred": name == preferred}
            pn = existing.get((place_id, name))
            if pn is None:
                to_create.append(PlaceName(place_id=place_id, name=name, **wanted))
            elif any(getattr(pn, k) != v for k, v in wanted.items()):
                for k, v in wanted.items():
                    setattr(pn, k, v)
                to_update.append(pn)
    PlaceName.objects.bulk_create(to_create, batch_size=_BATCH)
    PlaceName.objects.bulk_update(to_update, ["key", "script", "is_preferred"], batch_size=_BATCH)
    return len(to_create), len(to_update)


def _same_geom(a: GEOSGeometry | None, b: GEOSGeometry) -> bool:
    return a is not None and a.geom_type == b.geom_type and a.equals_exact(b, _COORD_TOLERANCE)


def admin_area_upsert(
    *,
    pcode: str,
    level: int,
    name_en: str,
    name_ar: str,
    country_code: str,
    geom: MultiPolygon,
    source: str,
    parent: AdminArea | None = None,
) -> tuple[AdminArea, Outcome]:
    """Insert or update the AdminArea with this P-code; writes only when something differs."""
    values = {
        "level": level,
        "name_en": name_en,
        "name_ar": name_ar,
        "country_code": country_code,
        "source": source,
        "parent": parent,
    }
    area = AdminArea.objects.filter(pcode=pcode).first()
    if area is None:
        return AdminArea.objects.create(pcode=pcode, geom=geom, **values), "created"
    changed = [k for k, v in values.items() if getattr(area, k) != v]
    for k in changed:
        setattr(area, k, values[k])
    if not _same_geom(area.geom, geom):
        area.geom = geom
        changed.append("geom")
    if not changed:
        return area, "unchanged"
    area.save(update_fields=changed)
    return area, "updated"


def border_upsert(*, code: str, name: str, geom: MultiLineString, source: str) -> tuple[Border, Outcome]:
    """Insert or update the Border with this code; writes only when something differs."""
    border = Border.objects.filter(code=code).first()
    if border is None:
        return Border.objects.create(code=code, name=name, geom=geom, source=source), "created"
    changed = [k for k, v in (("name", name), ("source", source)) if getattr(border, k) != v]
    border.name, border.source = name, source
    if not _same_geom(border.geom, geom):
        border.geom = geom
        changed.append("geom")
    if not changed:
        return border, "unchanged"
    border.save(update_fields=changed)
    return border, "updated"


@transaction.atomic
def place_assign_admin_areas(*, places=None) -> int:
    """Set Place.admin1 / admin2 to the level-1 / level-2 AdminArea containing each point.

    `places` narrows the queryset (default: every place). Links to an area that no longer
    contains the point are cleared first. Returns the number of field changes made.
    """
    queryset = places if places is not None else Place.objects.all()
    changes = 0
    for level, fk in ((1, "admin1"), (2, "admin2")):
        areas = list(AdminArea.objects.filter(level=level).only("id", "geom", "country_code"))
        for area in areas:
            inside = Q(point__intersects=area.geom) | Q(point__dwithin=(area.geom, ADMIN_TOLERANCE_DEG))
            changes += queryset.filter(**{fk: area}).exclude(inside).update(**{fk: None})
        for area in areas:
            # Where areas overlap (bad input), the first area keeps the place.
            unassigned = queryset.filter(**{f"{fk}__isnull": True})
            changes += unassigned.filter(point__intersects=area.geom).update(**{fk: area})
        changes += _assign_near_border(queryset, areas, fk)
    return changes


# Outlines are generalised: a border town of a country can lie a few hundred metres
# outside its country's line (GeoNames' Ras al-Ain, 0.4 km inside Turkey by OCHA's).
ADMIN_TOLERANCE_DEG = 0.02  # about 2 km


def _assign_near_border(queryset, areas, fk: str) -> int:
    """Give a place outside every outline of its own country the nearest area of that
    country within ADMIN_TOLERANCE_DEG (a foreign place stays without one)."""
    changes = 0
    for country in {area.country_code for area in areas}:
        own = [area for area in areas if area.country_code == country]
        for place in queryset.filter(**{f"{fk}__isnull": True}, country_code=country,
                                     point__dwithin=(MultiPolygon([p for a in own for p in a.geom]),
                                                     ADMIN_TOLERANCE_DEG)).only("id", "point"):
            nearest = min(own, key=lambda a: a.geom.distance(place.point))
            if nearest.geom.distance(place.point) <= ADMIN_TOLERANCE_DEG:
                changes += queryset.filter(pk=place.pk).update(**{fk: nearest})
    return changes


def place_name_save(*, place_name: PlaceName) -> PlaceName:
    """Save a place name typed by hand (the admin) with the key and script the loaders
    compute, so the geoparser finds it as it finds loaded names."""
    place_name.key = name_key(place_name.name)
    place_name.script = script_of(place_name.name)
    place_name.save()
    return place_name


def alias_save(*, alias: Alias, created_by=None) -> Alias:
    """Save an alias edited by hand with its name key; `created_by` is set on a new one."""
    alias.key = name_key(alias.surface)
    if created_by is not None:
        alias.created_by = created_by
    alias.save()
    return alias


def name_keys_refresh(*, version: int = KEY_VERSION, place_name_model=PlaceName, alias_model=Alias,
                      stamp_model=GazetteerStamp) -> int:
    """Recompute every stored PlaceName and Alias key after `name_key` changed and record
    ``version`` as the stamp's key_version; returns how many rows changed. Keys are derived
    data: this only brings them in line. A migration passes its historical models and the
    KEY_VERSION it brings the keys to (normalize.py says when to add one)."""
    with transaction.atomic():
        changed = _keys_refresh(place_name_model, "name")
        changed += _keys_refresh(alias_model, "surface", unique_per_place=True)
        stamp_model.objects.update_or_create(pk=1, defaults={"key_version": version})
    return changed


def _keys_refresh(model, field: str, *, unique_per_place: bool = False) -> int:
    """Rows of ``model`` whose key is not name_key(``field``) get it. With
    ``unique_per_place`` (aliases: one per key and place), a row whose new key its place
    already has, as two surfaces now fold alike ("Idleb", "Idlib"), says nothing more and
    is deleted; rows already in line and then older rows win."""
    rows = model.objects.only("id", "key", field, "place_id").order_by("id").iterator(
        chunk_size=_BATCH)
    taken = set()
    if unique_per_place:  # few rows (analysts' corrections): read them all first
        rows = list(rows)
        taken = {(row.key, row.place_id) for row in rows if name_key(getattr(row, field)) == row.key}
    stale, dropped = [], []
    for row in rows:
        key = name_key(getattr(row, field))
        if key == row.key:
            continue
        if unique_per_place:
            if (key, row.place_id) in taken:
                dropped.append(row.pk)
                continue
            taken.add((key, row.place_id))
        row.key = key
        stale.append(row)
    for chunk in _chunks(dropped):
        model.objects.filter(pk__in=chunk).delete()
    for chunk in _chunks(stale):
        model.objects.bulk_update(chunk, ["key"])
    return len(stale) + len(dropped)


def alias_learn(*, surface: str, place: Place, context_admin1: str = "", user=None) -> Alias:
    """An analyst tied this name to this place in a report about ``context_admin1`` (a
    governorate name as the index gives it; empty: everywhere): the geoparser takes that
    place for the name from then on, in reports about that governorate only."""
    alias, _ = Alias.objects.get_or_create(
        key=name_key(surface), place=place, context_admin1=context_admin1[:200],
        defaults={"surface": surface[:200], "created_by": user if getattr(user, "is_authenticated", False)
                  else None},
    )  # its post_save bumps the gazetteer stamp: every process rebuilds its index
    return alias


@transaction.atomic
def place_create(*, name: str, name_ar: str, lon: float, lat: float, country_code: str,
                 admin1_name: str, user=None, reason: str = "") -> Place:
    """A place the gazetteer lacks, added by an editor (source: analyst) with its names in
    both scripts; it is a candidate for the next report that names it."""
    names = clean_names([name, name_ar])
    if not names:
        raise ValueError("a place needs a name")
    place = Place(
        source=Source.ANALYST, source_id=f"analyst-{uuid.uuid4().hex[:16]}", name=names[0],
        ascii_name=ascii_fold(names[0]), feature_class="P", feature_code="PPL",
        country_code=country_code.upper()[:2], admin1_code=admin1_name[:32], population=0,
        point=Point(lon, lat, srid=4326),
    )
    place._history_user = user if getattr(user, "is_authenticated", False) else None
    place._change_reason = (reason or "added by an editor")[:100]
    place.save()
    for index, text in enumerate(names):
        place_name_save(place_name=PlaceName(place=place, name=text, is_preferred=index == 0))
    place_assign_admin_areas(places=Place.objects.filter(pk=place.pk))
    return place
