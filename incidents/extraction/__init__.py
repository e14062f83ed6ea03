"""Incident extraction in pure Python (no Django; `lint-imports` checks it).

`pipeline.extract_incidents` is the entry point: report text + geoparsed toponyms ->
ACLED-style incidents. Its pieces: `sentences` (sentences and clauses), `events` (type,
sub-type, fatalities), `dates`, `locate` (place and geo_precision), `actors` (the actor
dictionary and its matcher).
"""
