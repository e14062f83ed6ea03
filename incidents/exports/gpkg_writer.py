"""Child-process GIS writer: newline-delimited GeoJSON features in, a GeoPackage, a zipped
Shapefile or a KML file out (GDAL through pyogrio).

Run as ``python -m incidents.exports.gpkg_writer INPUT OUTPUT [gpkg|shp|kml]``;
``incidents.exports.gis`` does.
It runs in its own process because the web process may have loaded mod_spatialite with
RTLD_GLOBAL, and GDAL (bundled in the pyogrio wheel) opening a GeoPackage, which is an
SQLite file, in that process has crashed it (see ``gazetteer/apps.py``). So this module
imports no Django and touches no database: it only reads the file it is given.

INPUT holds one GeoJSON Feature per line (the ACLED columns as properties, as
``incidents.exports.streaming.geojson_feature`` makes them). OUTPUT gets one layer, ``incidents``:
Point geometries in EPSG:4326 (null where the incident has no location) and typed fields
(``FIELD_TYPES``). GeoPackage and Shapefile are written in batches (append) so memory stays
bounded; KML, which GDAL's driver cannot append to, batch by batch into files whose
Placemarks are joined into one document.

Shapefile: field names are cut to 10 characters by ``SHAPEFILE_NAMES`` (documented in
docs/exports.md), text is UTF-8 (a .cpg says so) and at most 254 bytes per value (longer
notes are cut by GDAL: use the GeoPackage for whole notes); the .shp, .shx, .dbf, .prj and
.cpg go into one zip. KML: each incident is a Placemark named by its event_id_cnty with its
notes as description and the other columns as ExtendedData.

Exit status 0 and ``{"features": N}`` on stdout on success; 1 and a one-line reason on
stderr otherwise.
"""

from __future__ import annotations

import itertools
import json
import re
import sys
from collections.abc import Iterator
from pathlib import Path
from typing import Any

LAYER = "incidents"
CRS = "EPSG:4326"
BATCH = 10_000
# GeoPackage 1.2 rather than the wheel's default 1.4: GDAL < 3.7 (Debian 12, older QGIS)
# warns that 1.4 "may only be partially supported"; we use nothing newer than 1.2.
DATASET_OPTIONS = {"VERSION": "1.2"}

# ACLED column -> field type. "int" and "float" columns may be null (unknown).
FIELD_TYPES: dict[str, str] = {
    "event_id_cnty": "text", "event_date": "date", "year": "int", "time_precision": "int",
    "disorder_type": "text", "event_type": "text", "sub_event_type": "text", "actor1": "text",
    "assoc_actor_1": "text", "inter1": "text", "actor2": "text", "assoc_actor_2": "text",
    "inter2": "text", "interaction": "text", "civilian_targeting": "text", "iso": "int",
    "region": "text", "country": "text", "admin1": "text", "admin2": "text", "admin3": "text",
    "location": "text", "latitude": "float", "longitude": "float", "geo_precision": "int",
    "source": "text", "source_scale": "text", "notes": "text", "fatalities": "int",
    "tags": "text", "timestamp": "int64",
}  # fmt: skip


# ACLED column -> Shapefile field name (at most 10 characters); unlisted columns fit as they are.
SHAPEFILE_NAMES: dict[str, str] = {
    "event_id_cnty": "event_id", "time_precision": "time_prec", "disorder_type": "disorder",
    "sub_event_type": "sub_type", "assoc_actor_1": "assoc_act1", "assoc_actor_2": "assoc_act2",
    "interaction": "interactn", "civilian_targeting": "civ_target", "geo_precision": "geo_prec",
    "source_scale": "src_scale",
}  # fmt: skip
FORMATS: dict[str, dict[str, Any]] = {
    "gpkg": {"driver": "GPKG", "dataset_options": DATASET_OPTIONS, "append": True},
    "shp": {"driver": "ESRI Shapefile", "layer_options": {"ENCODING": "UTF-8"}, "append": True,
            "names": SHAPEFILE_NAMES},
    "kml": {"driver": "KML", "append": False,  # batches are joined by _kml_write
            "dataset_options": {"NameField": "event_id_cnty", "DescriptionField": "notes"}},
}
SHAPEFILE_PARTS = (".shp", ".shx", ".dbf", ".prj", ".cpg")


class WriterError(ValueError):
    """The input cannot be written; the message says which line and why."""


def _features(path: Path) -> Iterator[dict[str, Any]]:
    with path.open(encoding="utf-8") as handle:
        for number, line in enumerate(handle, start=1):
            if not line.strip():
                continue
            try:
                feature = json.loads(line)
            except json.JSONDecodeError as exc:
                raise WriterError(f"line {number}: not JSON ({exc.msg})") from None
            if not isinstance(feature, dict) or feature.get("type") != "Feature":
                raise WriterError(f"line {number}: not a GeoJSON Feature")
            yield feature


def _batches(features: Iterator[dict[str, Any]], size: int | None) -> Iterator[list[dict[str, Any]]]:
    batch: list[dict[str, Any]] = []
    for feature in features:
        batch.append(feature)
        if len(batch) == size:
            yield batch
            batch = []
    if batch:
        yield batch


def _column(name: str, kind: str, values: list[Any]) -> tuple[Any, Any]:
    """A numpy array for one field and its null mask (None when the type has no mask)."""
    import numpy as np

    if kind == "text":
        return np.array(["" if v is None else str(v) for v in values], dtype=object), None
    if kind == "date":
        if any(v in (None, "") for v in values):
            raise WriterError(f"{name}: a date is missing")
        return np.array(values, dtype="datetime64[D]"), None
    if kind == "float":
        return np.array([np.nan if v in (None, "") else float(v) for v in values], dtype="float64"), None
    mask = np.array([v in (None, "") for v in values], dtype=bool)
    dtype = "int64" if kind == "int64" else "int32"
    return np.array([0 if v in (None, "") else int(v) for v in values], dtype=dtype), mask


def _geometry(feature: dict[str, Any]) -> bytes | None:
    import shapely

    geometry = feature.get("geometry")
    if geometry is None:
        return None
    if geometry.get("type") != "Point":
        raise WriterError(f"{feature.get('id')}: geometry is {geometry.get('type')}, expected Point")
    lon, lat = geometry["coordinates"][:2]
    return shapely.to_wkb(shapely.Point(float(lon), float(lat)))


def _write_batch(path: Path, batch: list[dict[str, Any]], *, append: bool, fmt: str = "gpkg") -> None:
    import numpy as np
    from pyogrio.raw import write

    spec = FORMATS[fmt]
    fields = [spec.get("names", {}).get(name, name) for name in FIELD_TYPES]
    columns, masks = [], []
    for name, kind in FIELD_TYPES.items():
        try:
            values = [feature["properties"][name] for feature in batch]
        except (KeyError, TypeError):
            raise WriterError(f"property {name!r} missing from a feature") from None
        try:
            array, mask = _column(name, kind, values)
        except (TypeError, ValueError) as exc:
            raise WriterError(f"{name}: {exc}") from None
        columns.append(array)
        masks.append(mask)
    geometry = np.array([_geometry(feature) for feature in batch], dtype=object)
    write(
        str(path),
        geometry,
        columns,
        fields,
        field_mask=masks,
        layer=LAYER,
        driver=spec["driver"],
        geometry_type="Point",
        crs=CRS,
        append=append,
        dataset_options=None if append else spec.get("dataset_options"),
        layer_options=None if append else spec.get("layer_options"),
    )


def gpkg_write_features(*, source: Path, target: Path, fmt: str = "gpkg") -> int:
    """Write the features of ``source`` to ``target`` in ``fmt``; return how many.

    For "shp", ``target`` is the zip; the Shapefile's parts are written beside it first.
    """
    if fmt == "kml":
        return _kml_write(source=source, target=target)
    path = target.with_suffix(".shp") if fmt == "shp" else target
    count = 0
    for batch in _batches(_features(source), BATCH):
        _write_batch(path, batch, append=count > 0, fmt=fmt)
        count += len(batch)
    if count == 0:
        # An empty export is still a valid layer with the full schema.
        _write_batch(path, [], append=False, fmt=fmt)
    if fmt == "shp":
        _zip_shapefile(path, target)
    return count


_PLACEMARK = re.compile(r'^(\s*<Placemark id="incidents\.)(\d+)(">)$')


def _kml_write(*, source: Path, target: Path) -> int:
    """GDAL's KML driver cannot append: each batch becomes a KML file of its own, and
    their Placemarks are copied, renumbered, into one document, so memory stays bounded."""
    count = 0
    part = target.with_name(target.name + ".part")
    with target.open("w", encoding="utf-8") as out:
        # An empty export still gets the document and its schema (from an empty batch).
        for batch in itertools.chain(_batches(_features(source), BATCH), [None]):
            if batch is None and count:
                break
            _write_batch(part, batch or [], append=False, fmt="kml")
            with part.open(encoding="utf-8") as handle:
                _kml_copy(handle, out, offset=count, header=count == 0)
            part.unlink()
            count += len(batch or [])
        out.write("</Folder>\n</Document></kml>\n")
    return count


def _kml_copy(handle: Iterator[str], out: Any, *, offset: int, header: bool) -> None:
    """Copy one batch's Placemarks (and, for the first, the document header)."""
    inside = False
    for line in handle:
        if not inside:
            if header:
                out.write(line)
            inside = line.startswith("<Folder>")
            continue
        if line.startswith("</Folder>"):
            return
        match = _PLACEMARK.match(line.rstrip("\n"))
        if match:
            line = f"{match[1]}{int(match[2]) + offset}{match[3]}\n"
        out.write(line)


def _zip_shapefile(shp: Path, target: Path) -> None:
    import zipfile

    with zipfile.ZipFile(target, "w", compression=zipfile.ZIP_DEFLATED) as archive:
        for suffix in SHAPEFILE_PARTS:
            part = shp.with_suffix(suffix)
            if part.exists():
                archive.write(part, arcname=f"{LAYER}{suffix}")
                part.unlink()


def main(argv: list[str]) -> int:
    if len(argv) not in (2, 3) or (len(argv) == 3 and argv[2] not in FORMATS):
        print("usage: python -m incidents.exports.gpkg_writer INPUT.geojsonl OUTPUT [gpkg|shp|kml]",
              file=sys.stderr)
        return 2
    source, target = Path(argv[0]), Path(argv[1])
    try:
        count = gpkg_write_features(source=source, target=target, fmt=argv[2] if len(argv) == 3 else "gpkg")
    except WriterError as exc:
        print(f"bad input: {exc}", file=sys.stderr)
        return 1
    except Exception as exc:  # noqa: BLE001 - report any GDAL/IO failure as one line to the parent
        print(f"{type(exc).__name__}: {exc}".replace("\n", " "), file=sys.stderr)
        return 1
    print(json.dumps({"features": count}))
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
