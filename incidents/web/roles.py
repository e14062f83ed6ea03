"""Role checks for views: ``role_required(EDITOR)`` lets editors and admins in.

Anonymous users never get here (config.middleware sends them to the login page, or 401
JSON), nor do accounts without a role (the page that says to ask for one); an account
whose role is too low gets 403 (JSON under /api/ and /export/).
"""

from functools import wraps

from django.core.exceptions import PermissionDenied
from django.http import JsonResponse

from incidents.services.roles import ADMIN, EDITOR, VIEWER, user_has_role

__all__ = ["ADMIN", "EDITOR", "VIEWER", "role_required"]


def role_required(role: str):
    def decorator(view):
        @wraps(view)
        def wrapped(request, *args, **kwargs):
            if user_has_role(request.user, role):
                return view(request, *args, **kwargs)
            if request.path.startswith(("/api/", "/export/")) or request.path.endswith(".json"):
                return JsonResponse({"error": f"this needs the {role} role"}, status=403)
            raise PermissionDenied(f"this page needs the {role} role")

        wrapped.atlas_role = role
        return wrapped

    return decorator
