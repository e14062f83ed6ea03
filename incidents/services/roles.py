"""The three roles (Django groups) and what each may do.

viewer: read the map, the API and exports. editor: also correct incidents, add reports
and extend the actor dictionary. admin: everything, including users and the gazetteer.
"""

from django.contrib.auth.models import Group, Permission

VIEWER, EDITOR, ADMIN = "viewer", "editor", "admin"

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
    "incidents.add_actoralias",
    "incidents.change_actoralias",
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
    every = Permission.objects.filter(content_type__app_label__in=("incidents", "gazetteer", "auth"))
    Group.objects.get_or_create(name=VIEWER)[0].permissions.set(view)
    Group.objects.get_or_create(name=EDITOR)[0].permissions.set([*view, *edit])
    Group.objects.get_or_create(name=ADMIN)[0].permissions.set(every)
