"""Production: SECRET_KEY and ALLOWED_HOSTS must come from the environment; HTTPS only.

Served by gunicorn (config/gunicorn.py) behind a TLS-terminating proxy that sets
X-Forwarded-Proto; static files by WhiteNoise from `collectstatic` output (hashed names,
pre-compressed). Passes ``manage.py check --deploy`` (see docs/security.md for the one GDAL
warning). How to run it: docs/operations.md.
"""

import os

from django.core.exceptions import ImproperlyConfigured
from whitenoise.compress import Compressor

from .base import *  # noqa: F403
from .base import env_bool, env_list

DEBUG = False
SECRET_KEY = os.environ.get("SECRET_KEY", "")
if len(SECRET_KEY) < 50:
    raise ImproperlyConfigured("Production needs SECRET_KEY (50+ random characters) in the environment.")
ALLOWED_HOSTS = env_list("ALLOWED_HOSTS")
if not ALLOWED_HOSTS:
    raise ImproperlyConfigured("Production needs ALLOWED_HOSTS in the environment.")

SECURE_SSL_REDIRECT = env_bool("SECURE_SSL_REDIRECT", True)
SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")
SECURE_HSTS_SECONDS = int(os.environ.get("SECURE_HSTS_SECONDS", 31536000))
SECURE_HSTS_INCLUDE_SUBDOMAINS = True
SECURE_HSTS_PRELOAD = True
SESSION_COOKIE_SECURE = True
CSRF_COOKIE_SECURE = True
SECURE_CONTENT_TYPE_NOSNIFF = True
X_FRAME_OPTIONS = "DENY"
SESSION_COOKIE_HTTPONLY = True
CSRF_TRUSTED_ORIGINS = env_list("CSRF_TRUSTED_ORIGINS")
SECURE_REFERRER_POLICY = "same-origin"
SECURE_CROSS_ORIGIN_OPENER_POLICY = "same-origin"
# Compressing ~40 MB of front-end bundles takes a minute or two on two busy cores; the
# gunicorn test collects without it (ATLAS_STATIC_COMPRESS=0), everything else the same.
_STATIC_BACKEND = ("whitenoise.storage.CompressedManifestStaticFilesStorage"
                   if env_bool("ATLAS_STATIC_COMPRESS", True)
                   else "django.contrib.staticfiles.storage.ManifestStaticFilesStorage")
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {"BACKEND": _STATIC_BACKEND},
}
# Source maps are for developers' browsers; compressing them doubles collectstatic's time.
WHITENOISE_SKIP_COMPRESS_EXTENSIONS = [*Compressor.SKIP_COMPRESS_EXTENSIONS, "map"]

# Production logs say who was locked out and which requests failed (to stderr, gunicorn's log).
LOGGING["loggers"] = {  # noqa: F405
    "axes": {"handlers": ["console"], "level": "WARNING", "propagate": False},
    "django.request": {"handlers": ["console"], "level": "WARNING", "propagate": False},
}
