"""Settings shared by every environment, read from the process environment.

Environment variables:
    DATABASE_URL   spatialite:///path.sqlite3 (default: var/atlas.sqlite3) or postgis://...
    SECRET_KEY     generated into var/secret_key for local use when unset
    DEBUG          "1"/"true" to enable
    ALLOWED_HOSTS  comma separated
    MAP_TILE_URL   basemap tile template; empty = offline basemap drawn from boundaries
    CELERY_BROKER_URL  redis://127.0.0.1:6379/0 (tasks run eagerly unless CELERY_EAGER=0)
"""

import os
import secrets
from pathlib import Path

import dj_database_url

BASE_DIR = Path(__file__).resolve().parent.parent.parent
VAR_DIR = Path(os.environ.get("ATLAS_VAR_DIR", BASE_DIR / "var"))


def env_bool(name: str, default: bool = False) -> bool:
    value = os.environ.get(name)
    if value is None:
        return default
    return value.strip().lower() in {"1", "true", "yes", "on"}


def env_list(name: str, default: str = "") -> list[str]:
    return [item.strip() for item in os.environ.get(name, default).split(",") if item.strip()]


def local_secret_key() -> str:
    """A per-checkout key kept in var/ so sessions survive restarts; never committed."""
    path = VAR_DIR / "secret_key"
    if not path.exists():
        VAR_DIR.mkdir(parents=True, exist_ok=True)
        path.write_text(secrets.token_urlsafe(50))
        path.chmod(0o600)
    return path.read_text().strip()


DEBUG = env_bool("DEBUG", False)
SECRET_KEY = os.environ.get("SECRET_KEY") or local_secret_key()
ALLOWED_HOSTS = env_list("ALLOWED_HOSTS", "127.0.0.1,localhost")

INSTALLED_APPS = [
    "django.contrib.admin",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "django.contrib.staticfiles",
    "django.contrib.gis",
    "rest_framework",
    "rest_framework_gis",
    "django_filters",
    "drf_spectacular",
    "drf_spectacular_sidecar",
    "simple_history",
    "gazetteer",
    "incidents",
]

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "config.middleware.LoginRequiredMiddleware",
    "config.middleware.RoleRequiredMiddleware",
    "simple_history.middleware.HistoryRequestMiddleware",
]

ROOT_URLCONF = "config.urls"
WSGI_APPLICATION = "config.wsgi.application"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [BASE_DIR / "templates"],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.request",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
            ],
        },
    },
]

DEFAULT_DATABASE_URL = f"spatialite:///{VAR_DIR / 'atlas.sqlite3'}"
DATABASES = {"default": dj_database_url.parse(os.environ.get("DATABASE_URL", DEFAULT_DATABASE_URL))}
if DATABASES["default"]["ENGINE"] == "django.contrib.gis.db.backends.postgis":
    # A new PostGIS connection costs ~25 ms (backend start + PostGIS load): keep them.
    DATABASES["default"]["CONN_MAX_AGE"] = int(os.environ.get("DB_CONN_MAX_AGE", 60))
    DATABASES["default"]["CONN_HEALTH_CHECKS"] = True
if DATABASES["default"]["ENGINE"] == "django.contrib.gis.db.backends.spatialite":
    Path(DATABASES["default"]["NAME"]).parent.mkdir(parents=True, exist_ok=True)
SPATIALITE_LIBRARY_PATH = "mod_spatialite"

DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

# The one SRID every geometry field uses (WGS 84 longitude/latitude).
ATLAS_SRID = 4326

AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator"},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]
LOGIN_URL = "login"
LOGIN_REDIRECT_URL = "incidents:map"
LOGOUT_REDIRECT_URL = "login"

LANGUAGE_CODE = "en"
TIME_ZONE = "UTC"
USE_I18N = True
USE_TZ = True

STATIC_URL = "static/"
STATIC_ROOT = VAR_DIR / "staticfiles"
STATIC_ROOT.mkdir(parents=True, exist_ok=True)  # whitenoise warns at start-up when it is missing
NODE_MODULES = BASE_DIR / "node_modules"
# Front-end libraries come from npm (package.json + lock) and are served by the app itself,
# so the map works air-gapped.
STATICFILES_DIRS = [
    BASE_DIR / "static",
    ("vendor/leaflet", NODE_MODULES / "leaflet" / "dist"),
    ("vendor/leaflet.markercluster", NODE_MODULES / "leaflet.markercluster" / "dist"),
    ("vendor/leaflet.heat", NODE_MODULES / "leaflet.heat" / "dist"),
]

# Basemap: an XYZ tile template, or empty for the offline basemap drawn from loaded boundaries.
MAP_TILE_URL = os.environ.get("MAP_TILE_URL", "")
MAP_TILE_ATTRIBUTION = os.environ.get("MAP_TILE_ATTRIBUTION", "")

# Fetching reports from the web: who we say we are, and how long we wait.
ATLAS_USER_AGENT = os.environ.get("ATLAS_USER_AGENT", "IncidentAtlas/0.1 (+https://example.org/atlas)")
ATLAS_FETCH_TIMEOUT = (5.0, 20.0)  # connect, read (seconds)
ATLAS_FETCH_DEADLINE = 60.0  # total seconds for one download

# Optional online fallback for toponyms the gazetteer lacks (off: analysts may be air-gapped).
ATLAS_GEOCODER_ONLINE = env_bool("ATLAS_GEOCODER_ONLINE", False)
ATLAS_GEOCODER_DOMAIN = os.environ.get("ATLAS_GEOCODER_DOMAIN", "nominatim.openstreetmap.org")
ATLAS_GEOCODER_SCHEME = os.environ.get("ATLAS_GEOCODER_SCHEME", "https")
ATLAS_GEOCODER_COUNTRIES = ("iq", "sy")
ATLAS_GEOCODER_MIN_DELAY = 1.0  # seconds between requests (Nominatim's usage policy)
ATLAS_GEOCODER_TIMEOUT = 10

# The geoparser's gazetteer index, built once per gazetteer change into a file here that
# every process maps (gazetteer/index_store.py); empty: each process builds it in memory.
GAZETTEER_INDEX_DIR = os.environ.get("ATLAS_GAZETTEER_INDEX_DIR", str(VAR_DIR / "gazindex"))

# Reports larger than this are rejected at ingest with a clear error (bytes).
ATLAS_MAX_REPORT_BYTES = int(os.environ.get("ATLAS_MAX_REPORT_BYTES", 5 * 1024 * 1024))
# Hostile input limits (docs/security.md "Hostile input"). A form or JSON body may carry a
# whole report plus its fields; Django's 2.5 MiB default would refuse a 3 MiB report with a
# bare 400 before the form could say why.
DATA_UPLOAD_MAX_MEMORY_SIZE = ATLAS_MAX_REPORT_BYTES + 1024 * 1024
# An uploaded ACLED CSV (the import page); a full Iraq + Syria export is ~150 MB.
ATLAS_MAX_IMPORT_BYTES = int(os.environ.get("ATLAS_MAX_IMPORT_BYTES", 256 * 1024 * 1024))
# Zip archives the gazetteer loaders open (GeoNames dumps, zipped boundaries): members,
# total uncompressed size (allCountries.txt is ~1.6 GB) and compression ratio of a member
# (text compresses 3-10x; a zip bomb 1000x).
ATLAS_ZIP_MAX_MEMBERS = int(os.environ.get("ATLAS_ZIP_MAX_MEMBERS", 1000))
ATLAS_ZIP_MAX_BYTES = int(os.environ.get("ATLAS_ZIP_MAX_BYTES", 4 * 1024**3))
ATLAS_ZIP_MAX_RATIO = int(os.environ.get("ATLAS_ZIP_MAX_RATIO", 100))
# Fetch report pages and feeds from private or local addresses (an intranet mirror); off,
# so a hostile feed entry cannot make the server read internal pages (incidents/sources/web.py).
ATLAS_FETCH_PRIVATE = env_bool("ATLAS_FETCH_PRIVATE", False)

CELERY_BROKER_URL = os.environ.get("CELERY_BROKER_URL", "redis://127.0.0.1:6379/0")
CELERY_RESULT_BACKEND = os.environ.get("CELERY_RESULT_BACKEND", None)
CELERY_TASK_ALWAYS_EAGER = env_bool("CELERY_EAGER", True)
CELERY_TASK_EAGER_PROPAGATES = True
# Celery's Django fixup closes the database connection after every task unless told to
# reuse it (see bench/README.md, "Ingest throughput").
CELERY_DB_REUSE_MAX = int(os.environ.get("CELERY_DB_REUSE_MAX", 1000))

# The REST API (/api/v1/, docs/api.md): token or session, permissions by role, the one filter set.
REST_FRAMEWORK = {
    "DEFAULT_AUTHENTICATION_CLASSES": [
        "incidents.web.rest.auth.ApiTokenAuthentication",
        "rest_framework.authentication.SessionAuthentication",
    ],
    "DEFAULT_PERMISSION_CLASSES": ["incidents.web.rest.auth.RolePermissions"],
    "DEFAULT_FILTER_BACKENDS": ["django_filters.rest_framework.DjangoFilterBackend"],
    "DEFAULT_PAGINATION_CLASS": "incidents.web.rest.pagination.CursorPagination",
    "DEFAULT_RENDERER_CLASSES": ["rest_framework.renderers.JSONRenderer"],
    # DRF's JSON, form and multipart parsers; the JSON one answers too-deep nesting with 400.
    "DEFAULT_PARSER_CLASSES": [
        "incidents.web.rest.parsers.SafeJSONParser",
        "rest_framework.parsers.FormParser",
        "rest_framework.parsers.MultiPartParser",
    ],
    "DEFAULT_SCHEMA_CLASS": "drf_spectacular.openapi.AutoSchema",
    "PAGE_SIZE": 100,
}
SPECTACULAR_SETTINGS = {
    "TITLE": "Incident atlas API",
    "DESCRIPTION": "Security incidents in Iraq and Syria, ACLED-coded, from news reports. "
                   "Authenticate with `Authorization: Token <key>` (manage.py atlas_api_token) "
                   "or a browser session.",
    "VERSION": "1",
    "SERVE_INCLUDE_SCHEMA": False,
    "SWAGGER_UI_DIST": "SIDECAR",  # served from our static files (drf-spectacular-sidecar), no CDN
    "SWAGGER_UI_FAVICON_HREF": "SIDECAR",
    "REDOC_DIST": "SIDECAR",
    "COMPONENT_SPLIT_REQUEST": True,
}

LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "handlers": {"console": {"class": "logging.StreamHandler"}},
    "root": {"handlers": ["console"], "level": os.environ.get("LOG_LEVEL", "WARNING")},
}

# Debian 12 ships GDAL 3.6, which cannot block file/network access from spatial reference
# definitions; Django 5.2 warns (gis.W001). Reviewed and accepted: see docs/security.md.
SILENCED_SYSTEM_CHECKS = ["gis.W001"]

# --- Authentication hardening and Content Security Policy (helper "serve", issue 17) ---
INSTALLED_APPS += ["axes", "csp"]
# Axes' middleware turns a locked-out login into its lockout answer; it goes last.
MIDDLEWARE.insert(MIDDLEWARE.index("django.middleware.clickjacking.XFrameOptionsMiddleware") + 1,
                  "csp.middleware.CSPMiddleware")
MIDDLEWARE += ["axes.middleware.AxesMiddleware"]
# Axes first: it refuses a locked-out username before any password is checked.
AUTHENTICATION_BACKENDS = [
    "axes.backends.AxesStandaloneBackend",
    "django.contrib.auth.backends.ModelBackend",
]
AXES_ENABLED = env_bool("AXES_ENABLED", True)
AXES_FAILURE_LIMIT = int(os.environ.get("AXES_FAILURE_LIMIT", 5))
AXES_COOLOFF_TIME = float(os.environ.get("AXES_COOLOFF_HOURS", 1))  # hours
# Lock the pair: an attacker elsewhere cannot lock an analyst out of her own desk.
AXES_LOCKOUT_PARAMETERS = [["username", "ip_address"]]
AXES_RESET_ON_SUCCESS = True
AXES_ENABLE_ACCESS_FAILURE_LOG = True  # one row per failed attempt (admin: Axes > Access failures)
AXES_CLIENT_IP_CALLABLE = "config.client_ip.client_ip"
ATLAS_PROXY_COUNT = int(os.environ.get("ATLAS_PROXY_COUNT", 0))  # reverse proxies in front of gunicorn

AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator",
     "OPTIONS": {"min_length": int(os.environ.get("ATLAS_PASSWORD_MIN_LENGTH", 12))}},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]

# django-csp 4 (dict format). No inline scripts anywhere: page data travels in
# <script type="application/json"> blocks (json_script), which browsers never execute.
# Inline styles stay allowed: Leaflet, Swagger UI and the admin write style attributes.
_CSP_TILE_ORIGIN = "/".join(MAP_TILE_URL.split("/")[:3]) if MAP_TILE_URL.startswith("http") else None
CONTENT_SECURITY_POLICY = {
    "DIRECTIVES": {
        "default-src": ["'self'"],
        "script-src": ["'self'"],
        "style-src": ["'self'", "'unsafe-inline'"],
        "img-src": ["'self'", "data:", "blob:", *([_CSP_TILE_ORIGIN] if _CSP_TILE_ORIGIN else [])],
        "font-src": ["'self'", "data:"],
        "connect-src": ["'self'"],
        "worker-src": ["'self'", "blob:"],
        "object-src": ["'none'"],
        "base-uri": ["'self'"],
        "form-action": ["'self'"],
        "frame-ancestors": ["'none'"],
    },
}

# --- Background work (issue 17, helper bg): ingest jobs, retries, the beat schedule ----------
# A job fetch that may work later (5xx, timeout) or a database outage is retried this many
# times, after up to ATLAS_JOB_RETRY_BACKOFF s, then twice that, ... (random jitter; at most
# ATLAS_JOB_RETRY_BACKOFF_MAX s apart).
ATLAS_JOB_MAX_RETRIES = int(os.environ.get("ATLAS_JOB_MAX_RETRIES", 5))
ATLAS_JOB_RETRY_BACKOFF = int(os.environ.get("ATLAS_JOB_RETRY_BACKOFF", 5))
ATLAS_JOB_RETRY_BACKOFF_MAX = int(os.environ.get("ATLAS_JOB_RETRY_BACKOFF_MAX", 600))
# A job queued or running for longer than this is sent again by `jobs_resend` (lost with a
# broker restart or a killed worker; running it twice stores nothing twice).
ATLAS_JOB_STALE_MINUTES = int(os.environ.get("ATLAS_JOB_STALE_MINUTES", 30))
# Each active feed is polled when its last poll is older than this.
ATLAS_FEED_POLL_MINUTES = int(os.environ.get("ATLAS_FEED_POLL_MINUTES", 15))
CELERY_BEAT_SCHEDULE = {
    "feeds-poll-due": {"task": "incidents.feeds_poll_due", "schedule": 60.0},
    "jobs-resend": {"task": "incidents.jobs_resend", "schedule": 300.0},
}
# Seconds to give a broker connection before a send counts as failed (the job is "unsent").
CELERY_BROKER_CONNECTION_TIMEOUT = 2
# A view failing because the database is down answers 503, not a traceback.
MIDDLEWARE = [*MIDDLEWARE, "incidents.web.unavailable.DatabaseUnavailableMiddleware"]
