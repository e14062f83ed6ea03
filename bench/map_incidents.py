"""Generated incidents for the map benchmark, spread like real ones.

Most incidents are coded to towns (weighted by population, so dense in cities), many of
them at the town's exact point as ACLED codes them, the rest scattered around it; a
sixth fall anywhere in the Iraq-Syria box (sparse in the desert). Dates span ten years,
event types, precisions and tolls follow rough real proportions. Seeded: the same
``n`` gives the same rows. Rows are written with COPY with the grid triggers off, then
the grid counts are rebuilt in one statement each (incidents/grid.py).
"""

from __future__ import annotations

import datetime as dt
import hashlib
import math
import random

SEED = 20210518
REGION = (35.6, 29.1, 48.6, 37.4)  # west, south, east, north: Iraq and Syria
DESERT_SHARE = 1 / 6
AT_TOWN_POINT = 0.4  # of town incidents, coded exactly at the town's point
FIRST_DAY, DAYS = dt.date(2014, 1, 1), 3652
TYPES = (  # (event type, sub-event type, weight)
    ("Explosions/Remote violence", "Air/drone strike", 30),
    ("Explosions/Remote violence", "Shelling/artillery/missile attack", 20),
    ("Explosions/Remote violence", "Remote explosive/landmine/IED", 12),
    ("Battles", "Armed clash", 20),
    ("Violence against civilians", "Attack", 8),
    ("Strategic developments", "Arrests", 5),
    ("Protests", "Peaceful protest", 4),
    ("Riots", "Violent demonstration", 1),
)
INCIDENTS_PER_REPORT = 20


def _towns() -> list[tuple[float, float, str, str, float]]:
    """(lon, lat, admin1, country, weight) of the loaded towns of Iraq and Syria."""
    from gazetteer.models import Place

    rows = (Place.objects.filter(country_code__in=("IQ", "SY"), feature_class="P", population__gt=0)
            .select_related("admin1").only("point", "country_code", "population", "admin1__name_en"))
    return [(p.point.x, p.point.y, p.admin1.name_en if p.admin1 else "", p.country_code,
             math.sqrt(p.population)) for p in rows]


def _rows(n: int, report_ids: list[int], towns: list):
    rng = random.Random(SEED)
    weights = [t[4] for t in towns]
    type_weights = [t[2] for t in TYPES]
    now = dt.datetime.now(dt.UTC).isoformat()
    picked = rng.choices(towns, weights=weights, k=n)
    for i in range(n):
        lon, lat, admin1, country, weight = picked[i]
        precision = 1
        if rng.random() < DESERT_SHARE:
            lon, lat = rng.uniform(REGION[0], REGION[2]), rng.uniform(REGION[1], REGION[3])
            admin1, precision = "", 2
        elif rng.random() > AT_TOWN_POINT:
            spread = 0.005 + weight / 50_000  # bigger towns spread wider (Mosul ~3 km)
            lon, lat = lon + rng.gauss(0, spread), lat + rng.gauss(0, spread)
            precision = rng.choice((1, 1, 2, 3))
        event_type, sub, _ = rng.choices(TYPES, weights=type_weights)[0]
        day = FIRST_DAY + dt.timedelta(days=rng.randrange(DAYS))
        fatalities = rng.choice((0, 0, 0, 1, 2, 3, 5, 12)) if rng.random() < 0.7 else None
        yield (
            report_ids[i // INCIDENTS_PER_REPORT], day, 1, event_type, sub, "Military Forces of Iraq",
            "ISIS", fatalities, f"SRID=4326;POINT({lon:.5f} {lat:.5f})", f"Place {i % 997}", precision,
            admin1, "", country, f"Generated incident {i}: {sub.lower()} reported near a town.", 0, 0,
            "auto", 0.5, now, now, "{}", "", 1, "[]",
        )


def incidents_generate(n: int) -> None:
    """Replace every incident and report of the bench database with ``n`` generated ones."""
    from django.db import connection, transaction

    from incidents import grid
    from incidents.models import Incident, Report

    towns = _towns()
    if not towns:
        raise SystemExit("bench: no towns loaded (gazetteer_load_default failed?)")
    with transaction.atomic(), connection.cursor() as cursor:
        cursor.execute("ALTER TABLE incidents_incident DISABLE TRIGGER incident_mapcell")
        cursor.execute("TRUNCATE incidents_incident, incidents_report, incidents_mention, "
                       "incidents_incident_other_reports, incidents_mapcell, incidents_daycount CASCADE")
        reports = Report.objects.bulk_create(
            Report(publisher=f"Wire {k % 7}", title=f"Report {k}", text=f"Bench report {k}",
                   url=f"https://wire.example/{k}",
                   content_hash=hashlib.sha256(f"bench-{k}".encode()).hexdigest())
            for k in range(n // INCIDENTS_PER_REPORT + 1))
        columns = ("report_id", "event_date", "time_precision", "event_type", "sub_event_type", "actor1",
                   "actor2", "fatalities", "location", "location_name", "geo_precision", "admin1", "admin2",
                   "country_code", "summary", "start", "end", "review_status", "confidence", "created_at",
                   "updated_at", "acled", "deleted_reason", "version", "analyst_fields")
        quoted = ", ".join(f'"{c}"' for c in columns)
        with cursor.cursor.copy(f"COPY incidents_incident ({quoted}) FROM STDIN") as copy:
            for row in _rows(n, [r.pk for r in reports], towns):
                copy.write_row(row)
        cursor.execute("SET CONSTRAINTS ALL IMMEDIATE")  # no pending checks before ALTER TABLE
        for statement in grid.rebuild_sql("postgresql"):
            cursor.execute(statement)
        cursor.execute("ALTER TABLE incidents_incident ENABLE TRIGGER incident_mapcell")
    with connection.cursor() as cursor:
        cursor.execute("VACUUM ANALYZE incidents_incident")
        cursor.execute("VACUUM ANALYZE incidents_mapcell")
        cursor.execute("VACUUM ANALYZE incidents_daycount")
    assert Incident.objects.count() == n
