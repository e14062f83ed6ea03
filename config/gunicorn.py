"""gunicorn's configuration: `gunicorn -c config/gunicorn.py` (make serve, Procfile).

Every value can be overridden from the environment, so one file serves a laptop and a
server. Workers are processes (sync): each holds its own gazetteer index and database
connection, and a slow request ties up only its own worker until `timeout`.
"""

import multiprocessing
import os

wsgi_app = "config.wsgi:application"
bind = os.environ.get("GUNICORN_BIND", "127.0.0.1:8000")
# gunicorn's rule of thumb (2 x cores + 1) assumes light workers; ours carry the gazetteer
# index in memory, so the default is one per core plus one, raised with WEB_CONCURRENCY.
workers = int(os.environ.get("WEB_CONCURRENCY", multiprocessing.cpu_count() + 1))
threads = int(os.environ.get("GUNICORN_THREADS", 1))
timeout = int(os.environ.get("GUNICORN_TIMEOUT", 60))  # exports stream; a stuck worker is killed after this
graceful_timeout = 30
keepalive = 5
# Recycle workers now and then so a slow leak can never grow without bound.
max_requests = int(os.environ.get("GUNICORN_MAX_REQUESTS", 2000))
max_requests_jitter = max_requests // 10
limit_request_line = 8190
limit_request_fields = 100
accesslog = os.environ.get("GUNICORN_ACCESS_LOG", "-")
errorlog = os.environ.get("GUNICORN_ERROR_LOG", "-")
loglevel = os.environ.get("GUNICORN_LOG_LEVEL", "info")
# Client address, request, status, bytes, duration in microseconds.
access_log_format = '%({x-forwarded-for}i)s %(h)s "%(r)s" %(s)s %(b)s %(D)sus "%(a)s"'
# Only the local proxy may say the request came over HTTPS (X-Forwarded-Proto).
forwarded_allow_ips = os.environ.get("FORWARDED_ALLOW_IPS", "127.0.0.1,::1")
proc_name = "atlas-web"
# gunicornc's control socket: beside the instance's other state, not one per user in ~/.gunicorn.
control_socket = os.path.join(os.environ.get("ATLAS_VAR_DIR", "var"), "gunicorn.ctl")
