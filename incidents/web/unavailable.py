"""A database that is down or restarting answers 503 (a page, or JSON under /api/), not a traceback.

Two hooks, because Django turns an exception into a response where it is raised: the
middleware's `process_exception` catches it in a view (even with DEBUG on), `server_error`
(config.urls.handler500) catches it anywhere else, as in the login middleware reading
the session's user. Neither touches the database: the page is a template of its own.
"""

import logging
import sys

from django.db import InterfaceError, OperationalError
from django.http import HttpRequest, HttpResponse, JsonResponse
from django.template.loader import render_to_string
from django.views.defaults import server_error as django_server_error

logger = logging.getLogger(__name__)

DATABASE_DOWN = (OperationalError, InterfaceError)
RETRY_AFTER = "30"  # seconds: what a client (or a load balancer) should wait before trying again
MESSAGE = "The database is unavailable just now; nothing you sent was stored. Try again in a minute."


def unavailable_response(request: HttpRequest) -> HttpResponse:
    """The 503 answer: JSON for the APIs and exports, a plain page for people."""
    if request.path.startswith(("/api/", "/export/")):
        response = JsonResponse({"error": MESSAGE}, status=503)
    else:
        response = HttpResponse(render_to_string("503.html", {"message": MESSAGE}), status=503)
    response["Retry-After"] = RETRY_AFTER
    return response


class DatabaseUnavailableMiddleware:
    """A view that fails because the database is down answers 503."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        return self.get_response(request)

    def process_exception(self, request, exception):
        if isinstance(exception, DATABASE_DOWN):
            logger.error("database unavailable serving %s: %s", request.path, exception)
            return unavailable_response(request)
        return None


def server_error(request: HttpRequest, *args, **kwargs) -> HttpResponse:
    """handler500: 503 when the error is the database being down, else Django's 500 page."""
    if isinstance(sys.exc_info()[1], DATABASE_DOWN):
        return unavailable_response(request)
    return django_server_error(request, *args, **kwargs)
