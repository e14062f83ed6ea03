"""Worker settings for the ingest benchmark's "persistent connections" runs.

Celery's Django fixup closes every database connection after each task unless
CELERY_DB_REUSE_MAX is set; on PostGIS each task then pays a new backend and the load
of the PostGIS library (~25 ms of a ~40 ms task here). This module keeps connections
open, to measure what that costs (see bench/README.md).
"""

from config.settings.dev import *  # noqa: F403
from config.settings.dev import DATABASES

DATABASES["default"]["CONN_MAX_AGE"] = None
CELERY_DB_REUSE_MAX = 1000
