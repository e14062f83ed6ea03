"""Who may call the API: API tokens or the browser session, and permissions by role.

`ApiTokenAuthentication` reads ``Authorization: Token <key>`` (only the key's SHA-256 is
stored, `incidents.services.tokens`); session authentication comes with DRF's CSRF check
on writes. `RolePermissions` is DRF's `DjangoModelPermissions` with reads needing the
model's ``view_`` permission, so the role groups (`incidents.services.roles`) decide:
viewers read, editors also add reports, admins manage feeds (`AdminPermissions`).
DRF marks its views ``login_required = False``, so the site's login middleware leaves them
to these classes (a script with a token gets in; nobody gets in without one or a session).
Wrong tokens count as failed logins of the pseudo-user ``api-token`` from the caller's
address (django-axes): after AXES_FAILURE_LIMIT of them that address gets 429 until cool-off.
"""

from __future__ import annotations

from axes.handlers.proxy import AxesProxyHandler
from django.contrib.auth.signals import user_login_failed
from rest_framework import authentication, exceptions, permissions

from incidents.services.roles import VIEWER, user_has_role
from incidents.services.tokens import api_token_user

TOKEN_USERNAME = "api-token"  # noqa: S105 - the name axes counts wrong tokens under, no secret
_VIEW = ["%(app_label)s.view_%(model_name)s"]
_CHANGE = ["%(app_label)s.change_%(model_name)s"]


class ApiTokenAuthentication(authentication.BaseAuthentication):
    """``Authorization: Token <key>``; a wrong or inactive user's token is a 401."""

    keyword = "Token"

    def authenticate(self, request):
        header = authentication.get_authorization_header(request).decode("latin-1").strip()
        if not header:
            return None
        scheme = header.split(" ", 1)[0]
        if scheme.lower() != self.keyword.lower():
            return None if scheme.lower() in {"basic", "session"} else self._fail()
        # Axes counts failures per (username, address); tokens have no username, so they share one.
        credentials = {"username": TOKEN_USERNAME}
        if not AxesProxyHandler.is_allowed(request._request, credentials):
            raise exceptions.Throttled(detail="too many wrong API tokens from this address: try again later")
        user = api_token_user(authorization=header)
        if user is None:
            user_login_failed.send(sender=type(self), credentials=credentials, request=request._request)
            self._fail()
        return user, None

    @staticmethod
    def _fail():
        raise exceptions.AuthenticationFailed("a valid API token is required: Authorization: Token <key>")

    def authenticate_header(self, request) -> str:
        return 'Token realm="api"'


class RolePermissions(permissions.DjangoModelPermissions):
    """Reads need ``view_<model>``, writes the model's add/change/delete permission."""

    perms_map = {
        **permissions.DjangoModelPermissions.perms_map,
        "GET": _VIEW,
        "HEAD": _VIEW,
        "OPTIONS": _VIEW,
    }


class AdminPermissions(RolePermissions):
    """Every method, reads included, needs the model's change permission (the admin role)."""

    perms_map = {
        method: [*_CHANGE, *perms] for method, perms in RolePermissions.perms_map.items()
    }


class ChangePermissions(RolePermissions):
    """Writes that change an existing row (a POST action on it) need ``change_<model>``."""

    perms_map = {**RolePermissions.perms_map, "POST": _CHANGE}


class ViewerPermission(permissions.IsAuthenticated):
    """A signed-in account with a role (viewer or above): what the schema and its docs need;
    an account with no role is told to ask for one, here as everywhere."""

    def has_permission(self, request, view) -> bool:
        return super().has_permission(request, view) and user_has_role(request.user, VIEWER)
