"""XSS payloads in every field shown on a server-rendered page stay text.

Each payload of tests/hostile/payloads.py goes into every text field of a report, its
mention, incident, audit row, feed, ingest failure, actor alias, place, place name,
alias and admin area (and javascript: into the report's and feed's URL), and into the
query string and form fields that pages echo. Then the map page, the unlocated list, the
review queue and correction screen, the report form, the ACLED import page and every
admin changelist, search and change page are fetched: ``injected`` finds no element,
handler, script or address a payload made, and no template tag was evaluated.
"""

import datetime as dt

import pytest
from django.contrib import admin
from django.contrib.gis.geos import Point
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from gazetteer.models import Alias, PlaceName
from incidents.models import ActorAlias, Feed, GeocodeChange, IngestFailure, IngestJob, Mention
from tests.factories import AdminAreaFactory, IncidentFactory, PlaceFactory, ReportFactory, square
from tests.hostile.payloads import JS_URL, XSS, injected

PAYLOADS = pytest.mark.parametrize("payload", list(XSS.values()), ids=list(XSS))


@pytest.fixture
def world(db):
    """Every payload in every field, one set of rows per payload; the located incidents."""
    return [_rows(payload, n) for n, payload in enumerate(XSS.values())]


def _rows(payload: str, n: int):
    place = PlaceFactory(name=payload[:200], ascii_name=payload[:200])
    PlaceName.objects.create(place=place, name=payload[:200], key="x", script="latn")
    Alias.objects.create(surface=payload[:200], key=f"xss{n}", place=place, context_admin1=payload[:200])
    AdminAreaFactory(name_en=payload[:200], name_ar=payload[:200], pcode=f"XSS{n}", geom=square(42, 35.5))
    text = f"Clashes in {payload} near Mosul. {payload}"
    report = ReportFactory(title=payload, publisher=payload, url=JS_URL, text=text, origin=payload)
    Mention.objects.create(report=report, start=11, end=11 + len(payload), surface=payload[:300],
                           needs_review=True, review_reason="unresolved", place=place)
    fields = {"summary": payload, "actor1": payload, "actor2": payload, "location_name": payload,
              "admin1": payload, "admin2": payload}
    located = IncidentFactory(report=report, review_status="needs_review", **fields)
    IncidentFactory(report=report, location=None, event_date=dt.date(2021, 5, 16), **fields)
    GeocodeChange.objects.create(incident=located, reason=payload, new_location=Point(43, 36, srid=4326))
    Feed.objects.create(url=f"https://feed.example/{n}.rss", title=payload, publisher=payload,
                        last_error=payload, etag=payload[:300])
    IngestFailure.objects.create(origin=payload, channel="form", reason=payload)
    ActorAlias.objects.create(name=payload[:200], alias=payload[:200])
    return located


def assert_clean(response, where: str) -> None:
    assert response.status_code in (200, 302, 400), (where, response.status_code)
    if not response.get("Content-Type", "").startswith("text/html"):
        # JSON errors echo the value, as data: with nosniff no browser renders them as a page.
        assert response["X-Content-Type-Options"] == "nosniff"
        return
    html = response.content.decode("utf-8", "replace")
    assert not injected(html), (where, injected(html))


def test_payloads_stay_text_on_the_analyst_pages(client, role_user, world):
    editor = role_user("editor")
    client.force_login(editor)
    for n, payload in enumerate(XSS.values()):  # "My submissions": what the editor sent, and why it failed
        IngestJob.objects.create(submitter=editor, channel="form", origin=payload, payload={"text": payload},
                                 status=IngestJob.Status.FAILED, reason=payload, report=world[n].report)
    pages = [reverse("incidents:map"), reverse("incidents:unlocated"), reverse("incidents:review-queue"),
             reverse("incidents:jobs")]
    pages += [reverse("incidents:review-correct", args=[incident.pk]) for incident in world]
    for url in pages:
        assert_clean(client.get(url), url)
    for url in pages[:5]:  # what a page echoes from its query string (a bad date alone: it is a 400)
        for payload in XSS.values():
            texts = dict.fromkeys(("q", "actor", "publisher", "governorate", "mention", "page"), payload)
            assert_clean(client.get(url, texts), f"{url}?{payload}")
            assert_clean(client.get(url, {"date_from": payload}), f"{url}?date_from={payload}")


def test_payloads_stay_text_in_every_admin_page(admin_client, world):
    for model, model_admin in admin.site._registry.items():
        meta = model._meta
        changelist = reverse(f"admin:{meta.app_label}_{meta.model_name}_changelist")
        assert_clean(admin_client.get(changelist), changelist)
        if model_admin.search_fields:
            for payload in XSS.values():
                assert_clean(admin_client.get(changelist, {"q": payload}), f"{changelist}?q")
        # Each payload's row of this model (rows were made in payload order).
        for obj in model._base_manager.order_by("pk")[:len(XSS)]:
            change = reverse(f"admin:{meta.app_label}_{meta.model_name}_change", args=[obj.pk])
            assert_clean(admin_client.get(change), change)


@PAYLOADS
def test_payloads_echoed_by_the_report_form_stay_text(client, role_user, payload):
    client.force_login(role_user("editor"))
    url = reverse("incidents:report-new")
    # Invalid (no text): the form comes back with the other fields filled in.
    response = client.post(url, {"text": "", "title": payload, "publisher": payload, "url": payload})
    assert_clean(response, "report form")
    response = client.post(url, {"text": payload, "title": payload, "publisher": payload})
    assert_clean(response, "report form, saved")
    if response.status_code == 302:
        assert_clean(client.get(response["Location"]), "after the report form")


@PAYLOADS
def test_payloads_in_an_acled_upload_stay_text_in_its_result(client, role_user, payload):
    client.force_login(role_user("editor"))
    cell = '"' + payload.replace('"', '""') + '"'
    csv = ("event_id_cnty,event_date,event_type,sub_event_type,actor1,location,notes\n"
           f"{cell},2021-05-18,Battles,Armed clash,{cell},{cell},{cell}\n"
           f"IRQ2,{cell},{cell},{cell},{cell},{cell},{cell}\n")
    upload = SimpleUploadedFile(f"{payload[:40]}.csv", csv.encode("utf-8"), content_type="text/csv")
    assert_clean(client.post(reverse("incidents:acled-import"), {"file": upload}), "ACLED import")
