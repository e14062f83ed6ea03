"""Export rows: the filtered incidents in ACLED columns, for every export format.

The CSV export (ACLED columns, see DESIGN.md) differs from ACLED's own files where our data
is thinner:

- ``fatalities`` is blank when the report gives no number; ACLED would write 0, but 0 is
  a claim ("nobody died") that we cannot make.
- ``inter1``, ``inter2``, ``interaction``, ``assoc_actor_*``, ``admin3``, ``source_scale``
  and ``tags`` are blank: we do not code them yet.
- ``latitude``/``longitude`` are blank for incidents without a location (those are left
  off the map but kept in the export so nothing is lost).
- ``event_id_cnty`` is the ISO3 code plus our incident id (``IRQ123``); incidents with an
  unknown country get ``XXX`` as prefix.
- ``timestamp`` is the unix time (seconds) of the incident's last update.

Incidents imported from ACLED (`incidents.services.imports`) are exported as they came:
their ``event_id_cnty`` and the columns kept in ``Incident.acled`` (source, tags, inter
codes, timestamp, ...) replace the values above, so export -> import -> export is lossless.
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

from gazetteer.geoparser.vocab import COUNTRY_RECORDS, Role
from incidents.extraction.taxonomy import CIVILIAN_VIOLENCE, DISORDER_TYPES
from incidents.filters import IncidentFilter
from incidents.models import Incident

from .functions import COORD_DIGITS
from .functions import X as _X
from .functions import Y as _Y

# country_code -> (ISO3, ISO 3166-1 numeric, English name): Iraq, Syria and the
# neighbours whose border towns the default gazetteer knows (cross-border incidents).
COUNTRIES: dict[str, tuple[str, int, str]] = {
    c.iso: (c.iso3, c.numeric, c.name) for c in COUNTRY_RECORDS if c.role is not Role.OTHER
}
REGION = "Middle East"

ACLED_COLUMNS: tuple[str, ...] = (
    "event_id_cnty", "event_date", "year", "time_precision", "disorder_type", "event_type",
    "sub_event_type", "actor1", "assoc_actor_1", "inter1", "actor2", "assoc_actor_2", "inter2",
    "interaction", "civilian_targeting", "iso", "region", "country", "admin1", "admin2",
    "admin3", "location", "latitude", "longitude", "geo_precision", "source", "source_scale",
    "notes", "fatalities", "tags", "timestamp",
)  # fmt: skip


_EXPORT_FIELDS = (
    "id", "event_date", "time_precision", "event_type", "sub_event_type", "actor1", "actor2",
    "country_code", "admin1", "admin2", "location_name", "lon", "lat", "geo_precision",
    "report__publisher", "summary", "fatalities", "updated_at", "acled_event_id", "acled",
)  # fmt: skip



def _blank(value: Any) -> Any:
    return "" if value is None else value


def export_count(*, filters: IncidentFilter) -> int:
    """How many incidents an export with these filters holds."""
    return filters.apply(Incident.objects.all()).count()


def export_rows(*, filters: IncidentFilter) -> Iterator[dict[str, Any]]:
    """ACLED-column rows (dicts keyed by ``ACLED_COLUMNS``) for the filtered incidents.

    Numbers stay numbers (int/float) so the CSV writer can tell them from report text.
    Incidents without a location are included with blank coordinates.
    """
    rows = (
        filters.apply(Incident.objects.all())
        .annotate(lon=_X("location"), lat=_Y("location"))
        .order_by("-event_date", "-id")
        .values(*_EXPORT_FIELDS)
    )
    for row in rows.iterator(chunk_size=2000):
        out = _acled_row(row)
        if row["acled_event_id"]:
            out["event_id_cnty"] = row["acled_event_id"]
            out.update({name: _blank(value) for name, value in (row["acled"] or {}).items()})
        yield out


def _acled_row(row: dict[str, Any]) -> dict[str, Any]:
    iso3, iso_num, country = COUNTRIES.get(row["country_code"], ("XXX", "", ""))
    return {
        "event_id_cnty": f"{iso3}{row['id']}",
        "event_date": row["event_date"].isoformat(),
        "year": row["event_date"].year,
        "time_precision": row["time_precision"],
        "disorder_type": DISORDER_TYPES.get(row["event_type"], ""),
        "event_type": row["event_type"],
        "sub_event_type": row["sub_event_type"],
        "actor1": row["actor1"],
        "assoc_actor_1": "",
        "inter1": "",
        "actor2": row["actor2"],
        "assoc_actor_2": "",
        "inter2": "",
        "interaction": "",
        "civilian_targeting": (
            "Civilian targeting" if row["event_type"] == CIVILIAN_VIOLENCE else ""
        ),
        "iso": iso_num,
        "region": REGION if country else "",
        "country": country,
        "admin1": row["admin1"],
        "admin2": row["admin2"],
        "admin3": "",
        "location": row["location_name"],
        "latitude": "" if row["lat"] is None else round(row["lat"], COORD_DIGITS),
        "longitude": "" if row["lon"] is None else round(row["lon"], COORD_DIGITS),
        "geo_precision": row["geo_precision"],
        "source": row["report__publisher"],
        "source_scale": "",
        "notes": row["summary"],
        "fatalities": _blank(row["fatalities"]),
        "tags": "",
        "timestamp": int(row["updated_at"].timestamp()),
    }
