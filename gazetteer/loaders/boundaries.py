"""OCHA COD-AB administrative boundaries (GeoJSON, Shapefile, GeoPackage) -> AdminArea rows.

COD-AB layers carry one level each: ADMn_PCODE, ADMn_EN, ADMn_AR (and ADMnALT*), plus
the codes of every level above (ADM{n-1}_PCODE is the parent). The level is the
deepest ADMn_PCODE column, or `level`. After the areas:
- each ADM1-ADM3 area also becomes a Place (feature class "A", code ADMn, point = a
  representative point inside it, source "ocha", source_id = P-code), so the geoparser
  can resolve "Ninewa" or "Nineveh" like any town;
- every place gets admin1/admin2 by point in polygon (in the database);
- the Iraq-Syria border line is re-derived from the two ADM0 outlines.
"""

from __future__ import annotations

import math
import subprocess
import sys
import tempfile
import zipfile
from dataclasses import dataclass
from pathlib import Path

import shapely
from django.conf import settings
from django.contrib.gis.geos import GEOSGeometry
from django.db import transaction
from shapely.geometry import MultiLineString
from shapely.geometry.base import BaseGeometry
from shapely.ops import linemerge

from gazetteer.geoparser.normalize import name_key
from gazetteer.geoparser.vocab import GOVERNORATE_NAMES
from gazetteer.index import gazetteer_index_reset
from gazetteer.models import AdminArea, Source
from gazetteer.services import (
    PlaceRecord,
    admin_area_upsert,
    ascii_fold,
    border_upsert,
    place_assign_admin_areas,
    places_upsert,
)

from . import LoaderError
from .common import LoadReport, progress_bar, zip_check
from .default import BORDER_CODE, BORDER_NAME, geodesic_km, shared_border
from .topojson import polygons_as_multipolygon

SUFFIXES = (".geojson", ".json", ".shp", ".gpkg")
SQLITE_FORMATS = (".gpkg", ".sqlite")
MAX_LEVEL = 4
# Outlines from different publishers never share vertices exactly; boundary within this
# many degrees (~1 km) of the neighbour counts as shared.
BORDER_TOLERANCE_DEG = 0.01


@dataclass
class Layer:
    path: Path
    level: int
    frame: object  # geopandas.GeoDataFrame (imported lazily: geopandas is slow to import)


def _text(value) -> str:
    if value is None or (isinstance(value, float) and math.isnan(value)):
        return ""
    return str(value).strip()


def boundaries_files(*, paths: list[Path]) -> list[Path]:
    """The boundary files named, expanding directories (sorted, so loads are repeatable)."""
    found: list[Path] = []
    for path in map(Path, paths):
        if path.is_dir():
            found += sorted(p for p in path.iterdir() if p.suffix.lower() in SUFFIXES)
        elif path.is_file():
            found.append(path)
        else:
            raise LoaderError(f"boundary file or folder not found: {path}")
    return found


def boundaries_read(*, path: Path, level: int | None = None, layer: str | None = None) -> Layer:
    """Read one COD-AB layer (WGS 84), detecting its admin level from the P-code columns."""
    import geopandas

    if zipfile.is_zipfile(path):  # GDAL reads a zipped shapefile itself: check it first
        with zipfile.ZipFile(path) as archive:
            zip_check(archive, path=Path(path))
    try:
        if Path(path).suffix.lower() in SQLITE_FORMATS:
            frame = _read_sqlite_format(Path(path), layer)
        else:
            frame = geopandas.read_file(path, engine="pyogrio", layer=layer)
    except LoaderError:
        raise
    except Exception as exc:  # pyogrio raises several unrelated types for unreadable files
        raise LoaderError(f"cannot read boundaries from {path}: {exc}") from exc
    if level is None:
        levels = [n for n in range(MAX_LEVEL + 1) if f"ADM{n}_PCODE" in frame.columns]
        if not levels:
            raise LoaderError(
                f"{path}: no ADMn_PCODE column, so not an OCHA COD-AB layer (pass --level if "
                "the columns are there under another case)"
            )
        level = max(levels)
    elif f"ADM{level}_PCODE" not in frame.columns:
        raise LoaderError(f"{path}: --level {level} given but there is no ADM{level}_PCODE column")
    if frame.crs is not None and frame.crs.to_epsg() != settings.ATLAS_SRID:
        frame = frame.to_crs(epsg=settings.ATLAS_SRID)
    return Layer(path=Path(path), level=level, frame=frame)


_CONVERT = """
import sys, geopandas
frame = geopandas.read_file(sys.argv[1], engine="pyogrio", layer=sys.argv[3] or None)
if frame.crs is not None and frame.crs.to_epsg() != 4326:
    frame = frame.to_crs(epsg=4326)
frame.to_file(sys.argv[2], driver="GeoJSON", engine="pyogrio")
"""


def _read_sqlite_format(path: Path, layer: str | None):
    """Read a GeoPackage in a child process, handing it over as GeoJSON.

    pyogrio's wheel bundles GDAL with its own SQLite; once Django has loaded the system
    SQLite with mod_spatialite into this process, opening a GeoPackage segfaults.
    A fresh interpreter has only one SQLite.
    """
    import geopandas

    with tempfile.TemporaryDirectory(prefix="cod-ab-") as tmp:
        target = Path(tmp) / "layer.geojson"
        done = subprocess.run(  # noqa: S603 - fixed program, paths passed as arguments
            [sys.executable, "-c", _CONVERT, str(path), str(target), layer or ""],
            capture_output=True, text=True, timeout=600, check=False,
        )
        if done.returncode != 0:
            tail = (done.stderr or "").strip().splitlines()[-1:] or ["no error output"]
            raise LoaderError(f"cannot read boundaries from {path}: {tail[0]}")
        return geopandas.read_file(target, engine="pyogrio")


def _area_geometry(geom: BaseGeometry | None, report: LoadReport) -> BaseGeometry:
    if geom is None or geom.is_empty:
        raise ValueError("empty geometry")
    if geom.geom_type not in ("Polygon", "MultiPolygon"):
        raise ValueError(f"geometry is a {geom.geom_type}, not a polygon")
    minx, miny, maxx, maxy = geom.bounds
    # Checked before any geometry library sees it: SpatiaLite aborts the process on 1e300.
    if not (-180 <= minx <= maxx <= 180 and -90 <= miny <= maxy <= 90):
        raise ValueError(f"coordinates outside WGS 84 degrees: {geom.bounds}")
    geom = shapely.force_2d(geom)
    if not geom.is_valid:
        geom = shapely.make_valid(geom)
        report.extra["repaired"] = report.extra.get("repaired", 0) + 1
    return polygons_as_multipolygon(geom)


def _load_layer(layer: Layer, records: list[PlaceRecord], quiet: bool) -> LoadReport:
    n = layer.level
    report = LoadReport(label=f"boundaries adm{n} {layer.path.name}")
    report.extra["repaired"] = 0
    parents = {a.pcode: a for a in AdminArea.objects.filter(level=n - 1)} if n else {}
    seen: dict[str, int] = {}
    frame = layer.frame
    bar = progress_bar(desc=report.label, quiet=quiet, unit="areas", total=len(frame))
    columns = list(frame.columns)
    for number, values in enumerate(frame.itertuples(index=False, name=None), start=1):
        bar.update()
        report.read += 1
        props = dict(zip(columns, values, strict=True))
        pcode = _text(props.get(f"ADM{n}_PCODE"))
        name_en = _text(props.get(f"ADM{n}_EN")) or _text(props.get(f"ADM{n}_REF"))
        if not pcode or not name_en:
            report.error(number, f"feature {number} has no ADM{n}_PCODE or ADM{n}_EN")
            continue
        if pcode in seen:
            report.error(number, f"duplicate P-code {pcode} (first in feature {seen[pcode]})")
            continue
        try:
            geom = _area_geometry(props.get("geometry"), report)
        except (ValueError, LoaderError) as exc:
            report.error(number, f"{pcode}: {exc}")
            continue
        seen[pcode] = number
        country = _text(props.get("ADM0_PCODE"))[:2].upper() or pcode[:2].upper()
        parent = None
        if n:
            parent = parents.get(_text(props.get(f"ADM{n - 1}_PCODE")))
            if parent is None:
                report.extra["without parent"] = report.extra.get("without parent", 0) + 1
        _, outcome = admin_area_upsert(
            pcode=pcode, level=n, name_en=name_en[:200], name_ar=_text(props.get(f"ADM{n}_AR"))[:200],
            country_code=country, geom=GEOSGeometry(memoryview(geom.wkb), srid=settings.ATLAS_SRID),
            source=Source.OCHA, parent=parent,
        )
        setattr(report, outcome, getattr(report, outcome) + 1)
        if n:
            records.append(_area_place(n, pcode, name_en, country, props, geom))
    bar.close()
    return report


def _area_place(n: int, pcode: str, name_en: str, country: str, props: dict, geom) -> PlaceRecord:
    # The centroid, as other gazetteers and UCDP code an area (UCDP misses at 25 km fell
    # from 79 to 56: docs/evaluation.md); inside the outline, or a point that is.
    point = geom.centroid if geom.contains(geom.centroid) else geom.representative_point()
    alternates = [_text(props.get(f"ADM{n}_AR")), _text(props.get(f"ADM{n}_REF"))]
    alternates += [_text(props.get(f"ADM{n}ALT{i}{lang}")) for i in (1, 2) for lang in ("EN", "AR")]
    if n == 1:
        alternates += governorate_spellings(name_en, *alternates)
    return PlaceRecord(
        source=Source.OCHA, source_id=pcode, name=name_en[:200], ascii_name=ascii_fold(name_en)[:200],
        feature_class="A", feature_code=f"ADM{n}", country_code=country,
        admin1_code=_text(props.get("ADM1_PCODE"))[:32], admin2_code=_text(props.get("ADM2_PCODE"))[:32],
        lon=point.x, lat=point.y, names=[a for a in alternates if a],
    )


def governorate_spellings(*names: str) -> tuple[str, ...]:
    """The vocabulary's spellings of the governorate any of `names` spells ("Salah Al-Din"
    or صلاح الدين -> "Saladin", "Salahuddin"...), or () for an area it does not list."""
    keys = {name_key(n) for n in names if n}
    for spellings in GOVERNORATE_NAMES.values():
        if keys & {name_key(s) for s in spellings}:
            return spellings
    return ()


def border_line(
    *, a: BaseGeometry, b: BaseGeometry, tolerance: float = BORDER_TOLERANCE_DEG
) -> MultiLineString:
    """The boundary of `a` that `b` shares: exact when they share vertices, else within tolerance."""
    try:
        exact = shared_border(a=a, b=b)
        if exact.length > 0:
            return exact
    except LoaderError:
        pass
    near = a.boundary.intersection(b.buffer(tolerance))
    lines = [g for g in getattr(near, "geoms", [near]) if g.geom_type in ("LineString", "MultiLineString")]
    if not lines:
        raise LoaderError("the two country outlines do not meet: no border line to derive")
    merged = linemerge(lines)
    return merged if isinstance(merged, MultiLineString) else MultiLineString([merged])


def border_derive() -> tuple[str, float]:
    """(Re)derive the IQ-SY border from the loaded ADM0 outlines; (outcome, length km)."""
    outlines = {a.pcode: a for a in AdminArea.objects.filter(level=0, pcode__in=("IQ", "SY"))}
    if len(outlines) < 2:
        return "skipped (needs both IQ and SY outlines)", 0.0
    sources = {outlines["IQ"].source, outlines["SY"].source}
    if len(sources) > 1:
        # Outlines of different data sets do not share a boundary (Natural Earth's 10m Iraq
        # against OCHA's Syria gives ~100 km of "border"): keep the border as it is.
        return f"kept (IQ and SY outlines come from {' and '.join(sorted(sources))})", 0.0
    iq, sy = (shapely.from_wkb(bytes(outlines[c].geom.wkb)) for c in ("IQ", "SY"))
    line = border_line(a=iq, b=sy)
    _, outcome = border_upsert(
        code=BORDER_CODE, name=BORDER_NAME,
        geom=GEOSGeometry(memoryview(line.wkb), srid=settings.ATLAS_SRID),
        source=sources.pop(),
    )
    return outcome, geodesic_km(line)


def boundaries_load(
    *, paths: list[Path], level: int | None = None, layer: str | None = None,
    quiet: bool = False, reset_index: bool = True,
) -> list[LoadReport]:
    """Load COD-AB layers (files or folders), parents before children, then places/border/links."""
    layers = [boundaries_read(path=p, level=level, layer=layer) for p in boundaries_files(paths=paths)]
    layers.sort(key=lambda item: (item.level, str(item.path)))
    reports: list[LoadReport] = []
    records: list[PlaceRecord] = []
    with transaction.atomic():
        for item in layers:
            reports.append(_load_layer(item, records, quiet))
        places = LoadReport(label="boundaries: admin area places")
        places.read = len(records)
        if records:
            places.add_upsert(places_upsert(records=records))
        reports.append(places)
        outcome, km = border_derive()
        links = LoadReport(label="boundaries: border and admin links")
        links.extra = {f"border {BORDER_CODE} {outcome}, km": round(km),
                       "place admin links changed": place_assign_admin_areas()}
        reports.append(links)
    if reset_index:
        gazetteer_index_reset()
    return reports
