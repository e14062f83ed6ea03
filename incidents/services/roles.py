"""The three roles (Django groups) and what each may do.

viewer: read the map, the API and exports. editor: also review and correct incidents,
add places and reports. admin: everything, including users, feeds, gazetteer loads and
the actor dictionary. An account with none of them sees only a page asking for one
(config.middleware.RoleRequiredMiddleware).
"""

import secrets

from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group, Permission

VIEWER, EDITOR, ADMIN = "viewer", "editor", "admin"
# Each role may do what the ones before it may.
ROLE_ORDER = (VIEWER, EDITOR, ADMIN)

_VIEW_MODELS = (
    "feed",
    "ingestfailure",
    "actoralias",
    "admincode",
    "report",
    "mention",
    "incident",
    "geocodechange",
    "place",
    "placename",
    "adminarea",
    "border",
    "alias",
)
_EDIT = (
    "incidents.change_incident",
    "incidents.add_report",
    "incidents.change_mention",
    "gazetteer.add_alias",
    "gazetteer.add_place",
    "gazetteer.add_placename",
)


def roles_sync() -> None:
    """Create or update the role groups and their permissions (idempotent)."""
    view = Permission.objects.filter(
        content_type__app_label__in=("incidents", "gazetteer"),
        codename__in=[f"view_{m}" for m in _VIEW_MODELS],
    )
    edit = [
        Permission.objects.get(content_type__app_label=app, codename=codename)
        for app, codename in (p.split(".") for p in _EDIT)
    ]
    # Admins also see login lockouts (django-axes) and lift them by deleting the attempt.
    every = Permission.objects.filter(content_type__app_label__in=("incidents", "gazetteer", "auth", "axes"))
    Group.objects.get_or_create(name=VIEWER)[0].permissions.set(view)
    Group.objects.get_or_create(name=EDITOR)[0].permissions.set([*view, *edit])
    Group.objects.get_or_create(name=ADMIN)[0].permissions.set(every)


def analyst_create(*, username: str) -> str | None:
    """An editor account (staff) with a random password, after syncing the roles.

    Returns the password, to be shown once, or None when the user already exists (it is
    left untouched).
    """
    roles_sync()
    user_model = get_user_model()
    if user_model.objects.filter(username=username).exists():
        return None
    password = secrets.token_urlsafe(12)
    user = user_model.objects.create_user(username=username, password=password, is_staff=True)
    user.groups.add(Group.objects.get(name=EDITOR))
    return password


def user_role(user) -> str | None:
    """The highest role of an account (a superuser is an admin), None when it has none."""
    if not getattr(user, "is_authenticated", False) or not user.is_active:
        return None
    if user.is_superuser:
        return ADMIN
    cached = getattr(user, "_atlas_role", False)
    if cached is not False:
        return cached
    names = set(user.groups.values_list("name", flat=True))
    role = next((name for name in reversed(ROLE_ORDER) if name in names), None)
    user._atlas_role = role
    return role


def user_has_role(user, role: str) -> bool:
    """Whether the account's role is `role` or above."""
    mine = user_role(user)
    return mine is not None and ROLE_ORDER.index(mine) >= ROLE_ORDER.index(role)
