"""Every URL the resolver knows × anonymous, no role, viewer, editor, admin: exactly the
status the role policy says (GET; POST-only views answer 405 once the role is right).

URLs are enumerated from the URL resolver, so a URL added by any branch is requested
here too, and fails the test until ``RULES`` says what each role gets there. The rules
are data: the first (URL name or path regex, statuses) that matches wins.
"""

from __future__ import annotations

import re

import pytest
from axes.models import AccessAttempt, AccessFailureLog, AccessLog
from django.contrib.auth.models import Group
from django.contrib.contenttypes.models import ContentType
from django.urls import URLResolver, get_resolver

from gazetteer.models import AdminCode, Alias, Border
from incidents.models import ActorAlias, ApiToken, Feed, FeedEntry, GeocodeChange, Incident, IngestFailure
from tests.factories import (
    AdminAreaFactory,
    IncidentFactory,
    PlaceFactory,
    ReportFactory,
    user_with_role,
)

pytestmark = pytest.mark.django_db

ROLES = ("anonymous", "none", "viewer", "editor", "admin")
PAGE = (302, 403, 200, 200, 200)  # pages every role reads
API = (401, 403, 200, 200, 200)  # JSON every role reads
EDITOR_PAGE = (302, 403, 403, 200, 200)
EDITOR_POST = (302, 403, 403, 405, 405)
# Admin pages: anonymous to the login page, no role 403 (ask for one), viewers are not staff
# (the admin's own login page); editors see the models they may view; admins everything.
ADMIN_ALL = (302, 403, 302, 200, 200)
ADMIN_ONLY = (302, 403, 302, 403, 200)
NOBODY = (302, 403, 302, 403, 403)  # what the admin forbids everyone (hard deletes, adding reports)
# What editors may read in the admin (incidents.services.roles gives them these view permissions).
EDITOR_MODELS = ("report", "mention", "incident", "geocodechange", "place", "placename", "adminarea",
                 "border", "alias", "feed", "ingestfailure", "actoralias", "admincode")
_EDITOR = "|".join(EDITOR_MODELS)

RULES: list[tuple[str, tuple[int, ...]]] = [
    ("login", (200, 200, 200, 200, 200)),
    ("logout", (302, 405, 405, 405, 405)),  # logging out is a POST
    ("admin:login", (200, 200, 200, 302, 302)),  # staff are sent on to the admin's index
    ("admin:logout", (302, 403, 302, 405, 405)),
    ("admin:index", ADMIN_ALL),
    ("admin:jsi18n", ADMIN_ALL),
    ("admin:autocomplete", (302, 403, 302, 403, 403)),  # 403 without the right query
    ("admin:password_change", ADMIN_ALL),
    ("admin:password_change_done", ADMIN_ALL),
    ("admin:view_on_site", (302, 403, 302, 404, 404)),  # incidents have no page of their own
    ("admin:app_list", ADMIN_ALL),
    ("admin:<catch-all>", (302, 403, 302, 404, 404)),
    ("admin:auth_user_password_change", ADMIN_ONLY),
    # A past version of a place: editors read it; reverting to it needs change_place (admins).
    ("admin:gazetteer_place_simple_history", ADMIN_ALL),
    (r"re:admin:incidents_(incident|report)_delete", NOBODY),
    (r"re:admin:incidents_report_add", NOBODY),
    # Written by loaders, ingest and commands only, never typed in the admin.
    (r"re:admin:(incidents|gazetteer)_(geocodechange|admincode|adminarea|border|apitoken)_add", NOBODY),
    (r"re:admin:incidents_(geocodechange)_delete", NOBODY),
    (r"re:admin:incidents_(feedentry|ingestfailure)_add", NOBODY),
    (r"re:admin:axes_\w+_add", NOBODY),  # login attempts are recorded by django-axes, never typed
    (r"re:admin:\w+_<object>", (302, 403, 302, 302, 302)),  # the admin's redirect to the change page
    (r"re:admin:gazetteer_place_add", ADMIN_ALL),  # editors add places
    (r"re:admin:gazetteer_alias_add", ADMIN_ALL),  # and aliases
    (rf"re:admin:(incidents|gazetteer)_({_EDITOR})_(changelist|history|change|<object>)", ADMIN_ALL),
    (r"re:admin:", ADMIN_ONLY),
    ("gazetteer:places", API),
    ("incidents:map", PAGE),
    (r"re:incidents:(incidents-geojson|incidents-timeline|boundaries-geojson|map-data|choropleth)", API),
    ("incidents:unlocated", PAGE),  # the incidents without a location: every map user
    (r"re:incidents:export-", API),
    ("incidents:report-new", EDITOR_PAGE),
    ("incidents:jobs", PAGE),  # "My submissions": each account its own (empty for viewers)
    ("incidents:api-reports", (405, 405, 405, 405, 405)),  # token-authenticated POST only
    (r"re:incidents:review-(queue|correct|places)", EDITOR_PAGE),
    (r"re:incidents:review-", EDITOR_POST),
    ("incidents:acled-import", EDITOR_PAGE),
    # The REST API (DRF): token or session; viewers read, editors write, feeds are admins'.
    ("api:incident-relocate", (401, 403, 405, 405, 405)),  # a POST (editors'): GET is no method
    (r"re:api:feed-", (401, 403, 403, 403, 200)),
    (r"re:api:(incident|report|place|adminarea)-(list|detail)", API),
    ("api:schema", API),
    # An ingest job is its submitter's (and admins'); the matrix's pk is no job: 404, not 403.
    ("api:job-detail", (401, 403, 404, 404, 404)),
    ("api:docs", PAGE),
]
# The REST API's detail routes take the object of their own collection.
_API_OBJECTS = {"incidents": "incident", "reports": "report", "places": "place",
                "admin-areas": "adminarea", "feeds": "feed"}
# Query strings some views need to answer 200.
QUERIES = {"gazetteer:places": "q=Mosul", "incidents:review-places": "q=Mosul", "api:place-list": "q=Mosul"}


def _expected(name: str) -> tuple[int, ...]:
    for key, statuses in RULES:
        if key.startswith("re:") and re.match(key[3:], name) or key == name:
            return statuses
    raise AssertionError(f"no rule says what each role gets at {name}: add one to RULES")


def _patterns(patterns=None, prefix="", namespace=""):
    """(name, route) of every URL; unnamed admin object URLs are named '<object>'."""
    for p in get_resolver().url_patterns if patterns is None else patterns:
        if isinstance(p, URLResolver):
            yield from _patterns(p.url_patterns, prefix + str(p.pattern), p.namespace or namespace)
            continue
        route = prefix + str(p.pattern)
        name = p.name
        if name is None and route.endswith("(?P<url>.*)$"):
            name = "<catch-all>"
        elif name is None:
            name = route.split("/")[1] + "_" + route.split("/")[2] + "_<object>"
        yield (f"{namespace}:{name}" if namespace else name), route


_ATTEMPT = {"username": "x", "ip_address": "10.0.0.1", "user_agent": "", "http_accept": "", "path_info": "/"}


@pytest.fixture
def objects():
    report = ReportFactory()
    place = PlaceFactory(name="Mosul")
    incident = IncidentFactory(report=report, place=place)
    incident.save()  # a history record to revert
    users = {role: user_with_role(None if role == "none" else role, username=f"u-{role}")
             for role in ROLES[1:]}
    feed = Feed.objects.create(url="https://feed.example/rss")
    return {
        "incident": incident, "report": report, "place": place, "users": users,
        "by_model": {
            "group": Group.objects.get(name="viewer"), "user": users["admin"], "place": place,
            "adminarea": AdminAreaFactory(),
            "alias": Alias.objects.create(key="mosul", surface="Mosul", place=place),
            "border": Border.objects.create(code="IQ-SY", name="b", geom="MULTILINESTRING((41 34, 42 35))",
                                            source="ocha"),
            "admincode": AdminCode.objects.create(code="IQ.1", name="x"),
            "report": report, "incident": incident,
            "geocodechange": GeocodeChange.objects.create(incident=incident),
            "feed": feed, "feedentry": FeedEntry.objects.create(feed=feed, guid="g"),
            "ingestfailure": IngestFailure.objects.create(origin="o", channel="file", reason="r"),
            "apitoken": ApiToken.objects.create(user=users["admin"], name="t", key_hash="0" * 64),
            "actoralias": ActorAlias.objects.create(name="A", alias="a"),
            "accessattempt": AccessAttempt.objects.create(failures_since_start=1, get_data="", post_data="",
                                                          **_ATTEMPT),
            "accesslog": AccessLog.objects.create(**_ATTEMPT),
            "accessfailurelog": AccessFailureLog.objects.create(**_ATTEMPT),
        },
    }


def _path(route: str, objects) -> str:
    model = re.match(r"admin/\w+/(\w+)/", route)
    model = model if model and model.group(1) in objects["by_model"] else None
    values = {
        "pk": str(objects["incident"].pk),
        "history_id": str(objects["incident"].history.first().history_id),
        "id": str(objects["users"]["admin"].pk),
        "version_id": str(objects["place"].history.first().history_id),
        "object_id": str(objects["by_model"][model.group(1)].pk) if model else "",
        "content_type_id": str(ContentType.objects.get_for_model(Incident).pk),
    }
    collection = re.match(r"api/v1/\^([\w-]+)/", route)
    if collection:  # a DRF router route: its own object, its regex written out
        values["pk"] = str(objects["by_model"][_API_OBJECTS[collection.group(1)]].pk)
        route = re.sub(r"\(\?P<pk>[^)]*\)", "<pk>", route).replace("^", "").replace("$", "")
    path = re.sub(r"\^\(\?P<app_label>[\w|]+\)/\$", "incidents/", route)  # the admin's app list
    path = path.replace("(?P<url>.*)$", "no-such-page/")
    path = re.sub(r"<(?:\w+:)?(\w+)>", lambda m: values[m.group(1)], path)
    # A regex route with unnamed groups (django-simple-history's version page): object, version.
    unnamed = iter([values["object_id"] or "0", values["version_id"]])
    path = re.sub(r"\(\[\^/\]\+\)", lambda _m: next(unnamed), path).replace("^", "").replace("$", "")
    return "/" + path


def test_every_url_is_in_the_matrix():
    names = [name for name, _route in _patterns()]
    assert len(names) > 100
    for name in names:
        _expected(name)


def test_role_matrix(client, objects):
    wrong = []
    for name, route in _patterns():
        path = _path(route, objects)
        query = QUERIES.get(name, "")
        for role, expected in zip(ROLES, _expected(name), strict=True):
            client.logout()
            if role != "anonymous":
                client.force_login(objects["users"][role])
            status = client.get(path, QUERY_STRING=query).status_code
            if status != expected:
                wrong.append(f"{name} {path} as {role}: {status}, expected {expected}")
    assert wrong == [], "\n".join(wrong)
