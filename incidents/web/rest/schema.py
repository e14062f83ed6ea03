"""The OpenAPI 3 schema (/api/schema/) and its docs page (/docs/api/), by drf-spectacular.

The docs page is Swagger UI from drf-spectacular-sidecar, served from our own static files
(no CDN), so it renders offline. Both need an account with a role (a session or an API
token).
"""

from drf_spectacular.extensions import OpenApiAuthenticationExtension
from drf_spectacular.views import SpectacularAPIView, SpectacularSwaggerSplitView

from .auth import ViewerPermission


class SchemaView(SpectacularAPIView):
    permission_classes = [ViewerPermission]


class DocsView(SpectacularSwaggerSplitView):
    """A page: the login middleware sends anonymous visitors to the login form.

    The split view serves Swagger UI's start-up script as a separate request
    (``?script=``), so the page runs under a Content Security Policy without inline scripts.
    """

    permission_classes = [ViewerPermission]

    @classmethod
    def as_view(cls, **initkwargs):
        view = super().as_view(**initkwargs)
        view.login_required = True  # DRF opts its views out of the middleware; a page opts back in
        return view


class ApiTokenScheme(OpenApiAuthenticationExtension):
    """Documents ``Authorization: Token <key>`` (our hashed tokens) in the schema."""

    target_class = "incidents.web.rest.auth.ApiTokenAuthentication"
    name = "tokenAuth"

    def get_security_definition(self, auto_schema):
        return {"type": "apiKey", "in": "header", "name": "Authorization",
                "description": "Token <key> (manage.py atlas_api_token USER)"}
