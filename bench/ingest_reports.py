"""The ingest benchmark's reports: varied ~2 KB wire-style texts with real Iraqi and Syrian
place names, generated from templates and seeded, so every run sees the same texts."""

from __future__ import annotations

import random

IRAQ = [
    ("Mosul", "Nineveh"),
    ("Tal Afar", "Nineveh"),
    ("Sinjar", "Nineveh"),
    ("Kirkuk", "Kirkuk"),
    ("Tikrit", "Salahuddin"),
    ("Samarra", "Salahuddin"),
    ("Baiji", "Salahuddin"),
    ("Ramadi", "Anbar"),
    ("Fallujah", "Anbar"),
    ("Haditha", "Anbar"),
    ("Baqubah", "Diyala"),
    ("Khanaqin", "Diyala"),
    ("Erbil", "Erbil"),
    ("Duhok", "Duhok"),
    ("Basra", "Basra"),
    ("Nasiriyah", "Dhi Qar"),
    ("Kut", "Wasit"),
    ("Hillah", "Babil"),
    ("Karbala", "Karbala"),
    ("Najaf", "Najaf"),
]
SYRIA = [
    ("Raqqa", "Raqqa"),
    ("Deir ez-Zor", "Deir ez-Zor"),
    ("Al-Mayadin", "Deir ez-Zor"),
    ("Hasakah", "Hasakah"),
    ("Qamishli", "Hasakah"),
    ("Manbij", "Aleppo"),
    ("Aleppo", "Aleppo"),
    ("Idlib", "Idlib"),
    ("Homs", "Homs"),
    ("Hama", "Hama"),
    ("Daraa", "Daraa"),
    ("Palmyra", "Homs"),
]
WEEKDAYS = ["Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday"]
NUMBERS = ["two", "three", "four", "five", "six", "seven"]
DIRECTIONS = ["north", "south", "east", "west", "southwest", "northeast"]
PUBLISHERS = ["Nineveh Dispatch", "Euphrates Wire", "Tigris Post", "Al-Fajr Post", "Levant Monitor"]

EVENTS = [
    "{actor_air} carried out an air strike on {day} on an ISIS hideout {km} km {direction} of "
    "{town}, killing {n} militants, the {command} said in a statement.",
    "{n_cap} soldiers were wounded on {day} when a roadside bomb blew up next to "
    "their patrol near {town}, a security source said.",
    "Clashes broke out on {day} night between ISIS militants and {actor_ground} on the "
    "outskirts of {town}, leaving {n} fighters dead, a local official said.",
    "Security forces arrested {n} suspected ISIS members in {town} on {day}, the {command} said, "
    "adding that weapons and explosives were seized.",
    "Unidentified gunmen abducted a shepherd near {town} on {day}, and his fate remains "
    "unknown, relatives told our correspondent.",
    "Several mortar shells landed on {day} in farmland {direction} of {town}, causing no "
    "casualties, the local police said.",
    "Gunmen killed a shopkeeper outside his store in {town} on {day} evening, a medical source said.",
]
SOURCES = [
    "The source, speaking on condition of anonymity as he had no permission to brief the media, "
    "said that reinforcements had been sent to the area and that a search was under way.",
    "A spokesman for the {command} told reporters that the operation had been planned for weeks "
    "on the basis of intelligence gathered from residents of the surrounding villages.",
    "Residents reached by telephone described hearing several loud explosions and seeing smoke "
    "rising from the area for more than an hour afterwards.",
]
BACKGROUND = [
    "Baghdad announced the defeat of ISIS at the end of 2017, yet small cells of the group "
    "keep staging occasional raids in the remote and desert parts of {province} province.",
    "The area has seen repeated security incidents over the past two years, and local "
    "officials have called for more troops to be deployed along the main roads.",
    "The {command} plans a broad sweep of the area over the coming days to hunt "
    "down the last cells hiding in the valleys and orchards.",
    "Humanitarian organisations say that thousands of displaced families have still not "
    "returned to their villages because of the lack of services and the fear of attacks.",
]


def generate(n: int, *, seed: int = 5) -> list[dict]:
    """`n` distinct report payloads of about 2 KB each (seeded, reproducible)."""
    rng = random.Random(seed)
    reports = []
    for index in range(n):
        country = IRAQ if rng.random() < 0.65 else SYRIA
        paragraphs = []
        towns = rng.sample(country, 2)
        for town, province in towns:
            values = {
                "town": town,
                "province": province,
                "day": rng.choice(WEEKDAYS),
                "n": rng.choice(NUMBERS),
                "km": rng.choice([5, 10, 15, 20, 30]),
                "direction": rng.choice(DIRECTIONS),
                "actor_air": rng.choice(
                    ["Iraqi F-16 jets", "The Iraqi Air Force", "International coalition aircraft"]
                ),
                "actor_ground": rng.choice(["the Iraqi army", "the PMF", "the SDF", "Peshmerga forces"]),
                "command": rng.choice(
                    ["Joint Operations Command", "Security Media Cell", f"{province} Operations Command"]
                ),
            }
            values["n_cap"] = values["n"].capitalize()
            paragraphs.append(rng.choice(EVENTS).format(**values))
            paragraphs.append(rng.choice(SOURCES).format(**values))
        paragraphs += [
            p.format(province=towns[0][1], command="Joint Operations Command")
            for p in rng.sample(BACKGROUND, 2)
        ]
        text = "\n\n".join(paragraphs)
        while len(text) < 1900:
            text += "\n\n" + rng.choice(SOURCES).format(command="Joint Operations Command")
        published = f"2021-{rng.randint(1, 12):02d}-{rng.randint(1, 28):02d}T09:00:00+03:00"
        reports.append(
            {
                "title": f"Security roundup {index}: {towns[0][0]} and {towns[1][0]}",
                "publisher": rng.choice(PUBLISHERS),
                "published_at": published,
                # A serial number keeps every text (and its content hash) distinct.
                "text": f"{text}\n\nReport reference {index:06d}-{seed}.",
                "origin": f"bench-{index}",
                "channel": "api",
            }
        )
    return reports
