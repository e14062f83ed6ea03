"""Great-circle distance on a sphere (haversine): the one implementation in the project.

`trig` computes once what the formula needs of a point (latitude and longitude in
radians, cosine of the latitude), so that a point measured against many (the resolver's
anchors) is not recomputed. Ellipsoidal distances (geopy's geodesic, for displaced
points and loader statistics) are a different measure and stay where they are.
"""

from __future__ import annotations

import math

EARTH_RADIUS_KM = 6371.0


def trig(lat: float, lon: float) -> tuple[float, float, float]:
    """(latitude in radians, longitude in radians, cosine of the latitude) of a point."""
    phi = math.radians(lat)
    return phi, math.radians(lon), math.cos(phi)


def trig_distance_km(
    a: tuple[float, float, float], b: tuple[float, float, float], radius_km: float = EARTH_RADIUS_KM
) -> float:
    """Great-circle distance in km between two points given by their `trig` values."""
    lat1, lon1, cos1 = a
    lat2, lon2, cos2 = b
    h = math.sin((lat2 - lat1) / 2) ** 2 + cos1 * cos2 * math.sin((lon2 - lon1) / 2) ** 2
    return radius_km * 2 * math.asin(min(1.0, math.sqrt(h)))


def haversine_km(lat1: float, lon1: float, lat2: float, lon2: float,
                 radius_km: float = EARTH_RADIUS_KM) -> float:
    """Great-circle distance in km between two (lat, lon) points in degrees."""
    return trig_distance_km(trig(lat1, lon1), trig(lat2, lon2), radius_km)
