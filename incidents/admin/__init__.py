"""The admin (found by Django's autodiscovery as `incidents.admin`).

`incidents` registers reports, incidents (the review queue and the geocode correction
UI) and their audit rows; `sources` registers feeds, the ingest log, API tokens and the
actor dictionary.
"""

from . import incidents, sources  # noqa: F401  (importing registers the ModelAdmins)
