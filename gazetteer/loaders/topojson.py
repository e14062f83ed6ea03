"""A small TopoJSON decoder: quantized, delta-encoded arcs -> shapely geometries.

Covers what world-atlas uses (Polygon, MultiPolygon, LineString, MultiLineString, Point,
MultiPoint inside a GeometryCollection object). Spec:
https://github.com/topojson/topojson-specification
"""

from __future__ import annotations

import json
from collections.abc import Sequence
from pathlib import Path
from typing import Any

import shapely
import shapely.errors
from shapely.geometry import (
    LineString,
    MultiLineString,
    MultiPoint,
    MultiPolygon,
    Point,
    Polygon,
)
from shapely.geometry.base import BaseGeometry

from . import LoaderError

Coord = tuple[float, float]


def topojson_read(*, path: Path) -> dict[str, Any]:
    """Parse a TopoJSON file, with a clear error for anything that is not a Topology."""
    try:
        data = json.loads(Path(path).read_text(encoding="utf-8"))
    except FileNotFoundError as exc:
        raise LoaderError(f"TopoJSON file not found: {path}") from exc
    except (OSError, ValueError) as exc:
        raise LoaderError(f"cannot read TopoJSON {path}: {exc}") from exc
    if not isinstance(data, dict) or data.get("type") != "Topology" or "arcs" not in data:
        raise LoaderError(f"{path} is not a TopoJSON Topology")
    return data


def topojson_decode_arcs(*, topology: dict[str, Any]) -> list[list[Coord]]:
    """All arcs as absolute lon/lat coordinates (undoes delta encoding and quantization)."""
    transform = topology.get("transform")
    arcs: list[list[Coord]] = []
    for arc in topology["arcs"]:
        if transform is None:
            arcs.append([(float(p[0]), float(p[1])) for p in arc])
            continue
        (sx, sy), (tx, ty) = transform["scale"], transform["translate"]
        x = y = 0
        coords = []
        for p in arc:
            # Quantized arcs store each position as a delta from the previous one.
            x += p[0]
            y += p[1]
            coords.append((x * sx + tx, y * sy + ty))
        arcs.append(coords)
    return arcs


def _position(topology: dict[str, Any], p: Sequence[float]) -> Coord:
    transform = topology.get("transform")
    if transform is None:
        return float(p[0]), float(p[1])
    (sx, sy), (tx, ty) = transform["scale"], transform["translate"]
    # Point positions are quantized but not delta-encoded.
    return p[0] * sx + tx, p[1] * sy + ty


class _Arcs:
    """Decodes arcs on first use: one country needs a handful of the file's thousands."""

    def __init__(self, topology: dict[str, Any]):
        self._topology = topology
        self._decoded: dict[int, list[Coord]] = {}

    def __getitem__(self, index: int) -> list[Coord]:
        if index not in self._decoded:
            single = {"arcs": [self._topology["arcs"][index]], "transform": self._topology.get("transform")}
            self._decoded[index] = topojson_decode_arcs(topology=single)[0]
        return self._decoded[index]


def _line(arcs: _Arcs, indexes: Sequence[int]) -> list[Coord]:
    coords: list[Coord] = []
    for index in indexes:
        # A negative index ~i means arc i walked backwards.
        arc = arcs[index] if index >= 0 else arcs[~index][::-1]
        # Consecutive arcs share their joining position; keep it once.
        coords.extend(arc[1:] if coords else arc)
    return coords


def _polygon(arcs: _Arcs, rings: Sequence[Sequence[int]]) -> Polygon:
    shell, *holes = (_line(arcs, ring) for ring in rings)
    return Polygon(shell, holes)


def topojson_geometry(*, topology: dict[str, Any], geometry: dict[str, Any]) -> BaseGeometry:
    """One TopoJSON geometry object as a shapely geometry (invalid polygons are repaired)."""
    return _build(topology, _Arcs(topology), geometry)


def _build(topology: dict[str, Any], arcs: _Arcs, geometry: dict[str, Any]) -> BaseGeometry:
    kind = geometry.get("type")
    if kind == "Polygon":
        geom: BaseGeometry = _polygon(arcs, geometry["arcs"])
    elif kind == "MultiPolygon":
        geom = MultiPolygon([_polygon(arcs, rings) for rings in geometry["arcs"]])
    elif kind == "LineString":
        geom = LineString(_line(arcs, geometry["arcs"]))
    elif kind == "MultiLineString":
        geom = MultiLineString([_line(arcs, line) for line in geometry["arcs"]])
    elif kind == "Point":
        geom = Point(_position(topology, geometry["coordinates"]))
    elif kind == "MultiPoint":
        geom = MultiPoint([_position(topology, p) for p in geometry["coordinates"]])
    else:
        raise LoaderError(f"unsupported TopoJSON geometry type: {kind!r}")
    if not geom.is_valid:
        geom = shapely.make_valid(geom)
    return geom


def topojson_multipolygon(*, topology: dict[str, Any], object_name: str, feature_id: str) -> MultiPolygon:
    """The area with `id == feature_id` in a named object, always as a MultiPolygon.

    A malformed topology (a list where an object belongs, an arc index out of range, a
    coordinate that is no number) is a LoaderError naming the object, not a stack trace."""
    try:
        return _multipolygon(topology, object_name, feature_id)
    except LoaderError:
        raise
    except (AttributeError, KeyError, IndexError, TypeError, ValueError, OverflowError,
            shapely.errors.ShapelyError) as exc:
        raise LoaderError(f"malformed TopoJSON object {object_name!r}: {type(exc).__name__}: {exc}") from exc


def _multipolygon(topology: dict[str, Any], object_name: str, feature_id: str) -> MultiPolygon:
    obj = topology.get("objects", {}).get(object_name)
    if obj is None:
        raise LoaderError(f"TopoJSON has no object {object_name!r}")
    members = obj["geometries"] if obj.get("type") == "GeometryCollection" else [obj]
    for member in members:
        if str(member.get("id")) == str(feature_id):
            geom = topojson_geometry(topology=topology, geometry=member)
            return polygons_as_multipolygon(geom)
    raise LoaderError(f"TopoJSON object {object_name!r} has no geometry with id {feature_id!r}")


def polygons_as_multipolygon(geom: BaseGeometry) -> MultiPolygon:
    """Promote a Polygon and keep only the polygon parts of a collection (make_valid output)."""
    if isinstance(geom, MultiPolygon):
        return geom
    if isinstance(geom, Polygon):
        return MultiPolygon([geom])
    parts: list[Polygon] = []
    for part in getattr(geom, "geoms", []):
        if isinstance(part, Polygon):
            parts.append(part)
        elif isinstance(part, MultiPolygon):
            parts.extend(part.geoms)
    if not parts:
        raise LoaderError(f"expected an area, got {geom.geom_type}")
    return MultiPolygon(parts)
