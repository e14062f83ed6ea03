"""Governorates of Iraq and Syria: the spellings reports use, by ISO 3166-2 code.

Gazetteers name a governorate one way each (OCHA "Salah Al-Din", GeoNames "Salah ad Din",
country-state-city "Saladin Governorate"); reports use many ("Salahuddin", "Saladin",
"Deir Ezzor", "Idlib"). Folding spellings cannot reach an exonym ("Saladin") or a
former name ("Tamim"), so they are listed here once; the default loader and the boundary
loader give them to the governorate they load (matched by any spelling, Arabic included).
"""

from __future__ import annotations

GOVERNORATE_NAMES: dict[str, tuple[str, ...]] = {
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
