"""The review workspace through Django's test client: queue, correction screen, actions."""

import datetime as dt

import pytest
from django.contrib.gis.geos import Point
from django.urls import reverse

from incidents.models import Incident, Mention
from tests.factories import IncidentFactory, MentionFactory, PlaceFactory, ReportFactory, user_with_role

pytestmark = pytest.mark.django_db
HOSTILE = '<img src=x onerror="window.__xss=1">'
TEXT = f"Clashes in Kharbat Nuri near Mosul. {HOSTILE} Later a strike hit Rabia."


@pytest.fixture
def editor_client(client):
    client.force_login(user_with_role("editor", username="alice"))
    return client


@pytest.fixture
def case():
    report = ReportFactory(text=TEXT, publisher="Shafaq News")
    big = PlaceFactory(name="Rabia", population=50000, point=Point(42.1, 36.8, srid=4326))
    small = PlaceFactory(name="Rabia", population=10, admin1_code="Saladin",
                         point=Point(43.5, 34.9, srid=4326))
    start = TEXT.index("Kharbat")
    unresolved = MentionFactory(report=report, start=start, end=start + 12, surface="Kharbat Nuri",
                                review_reason="unresolved")
    start = TEXT.index("Rabia")
    close = MentionFactory(report=report, start=start, end=start + 5, surface="Rabia", place=big,
                           review_reason="close_candidates", candidates=[
                               {"place_id": big.pk, "name": "Rabia", "country": "IQ", "lat": 36.8,
                                "lon": 42.1, "score": 0.51},
                               {"place_id": small.pk, "name": "Rabia", "country": "IQ", "lat": 34.9,
                                "lon": 43.5, "score": 0.49}])
    clash = IncidentFactory(report=report, start=0, end=TEXT.index(HOSTILE), review_status="needs_review",
                            sub_event_type="Armed clash", event_type="Battles", admin1="Nineveh",
                            event_date=dt.date(2021, 5, 10))
    strike = IncidentFactory(report=report, start=TEXT.index("Later"), end=len(TEXT), place=big,
                             location_name="Rabia", admin1="Nineveh", event_date=dt.date(2021, 5, 12))
    coarse = IncidentFactory(geo_precision=3, admin1="Saladin", confidence=0.9,
                             event_date=dt.date(2021, 6, 1))
    fine = IncidentFactory(confidence=0.9, review_status="confirmed")
    return {"report": report, "big": big, "small": small, "unresolved": unresolved, "close": close,
            "clash": clash, "strike": strike, "coarse": coarse, "fine": fine}


def _ids(response):
    return [incident.pk for incident, _ in response.context["rows"]]


@pytest.mark.parametrize(("query", "expected"), [
    ("", ["clash", "strike", "coarse"]),
    ("?reason=unresolved", ["clash"]),
    ("?reason=close_candidates", ["strike"]),
    ("?reason=coarse_area", ["coarse"]),
    ("?governorate=Saladin", ["coarse"]),
    ("?date_from=2021-05-11&date_to=2021-05-31", ["strike"]),
    ("?publisher=Shafaq+News", ["clash", "strike"]),
])
def test_queue_lists_what_needs_a_look_with_filters(editor_client, case, query, expected):
    response = editor_client.get(reverse("incidents:review-queue") + query)
    assert response.status_code == 200
    assert sorted(_ids(response)) == sorted(case[name].pk for name in expected)
    counts = {key: count for key, _label, count in response.context["tabs"]}
    if not query.startswith("?reason") and "date" not in query and "governorate" not in query:
        assert counts["unresolved"] == 1 and counts["close_candidates"] == 1


def test_queue_bad_filter_is_a_clear_400(editor_client, case):
    response = editor_client.get(reverse("incidents:review-queue") + "?date_from=yesterday")
    assert response.status_code == 400
    assert "date_from" in response.context["error"]


def test_correction_screen_escapes_the_report_and_shows_ranked_candidates(editor_client, case):
    url = reverse("incidents:review-correct", kwargs={"pk": case["strike"].pk})
    html = editor_client.get(url + f"?mention={case['close'].pk}").content.decode()
    assert HOSTILE not in html and "&lt;img src=x" in html
    assert html.count('class="pick-form"') == 2
    assert html.index("0.510") < html.index("0.490")


def test_one_click_pick_moves_the_incident_and_learns(editor_client, case):
    strike = case["strike"]
    response = editor_client.post(reverse("incidents:review-pick", kwargs={"pk": strike.pk}), {
        "version": strike.version, "mention": case["close"].pk, "place": case["small"].pk})
    assert response.status_code == 302
    strike.refresh_from_db()
    assert strike.place == case["small"] and strike.location.equals_exact(case["small"].point, 1e-9)
    assert Mention.objects.get(pk=case["close"].pk).review_reason == ""
    assert case["small"].aliases.get().surface == "Rabia"


def test_edit_with_bad_input_keeps_it_and_explains(editor_client, case):
    clash = case["clash"]
    url = reverse("incidents:review-correct", kwargs={"pk": clash.pk})
    data = {"version": clash.version, "event_type": "Battles", "sub_event_type": "Air/drone strike",
            "event_date": "2021-05-10", "time_precision": 1, "actor1": "Kept actor", "geo_precision": 1,
            "fatalities": "-3", "lat": "36.1", "lon": ""}
    response = editor_client.post(url, data)
    assert response.status_code == 400
    html = response.content.decode()
    assert "is not a sub-type of" in html and "Give both latitude and longitude" in html
    assert 'value="Kept actor"' in html
    assert Incident.objects.get(pk=clash.pk).version == clash.version


def test_second_editor_gets_a_conflict_showing_the_first_change(client, editor_client, case):
    clash = case["clash"]
    url = reverse("incidents:review-correct", kwargs={"pk": clash.pk})
    data = {"version": clash.version, "event_type": "Battles", "sub_event_type": "Armed clash",
            "event_date": "2021-05-10", "time_precision": 1, "geo_precision": 1, "lat": "", "lon": ""}
    assert editor_client.post(url, {**data, "fatalities": 4, "reason": "ministry"}).status_code == 302
    client.force_login(user_with_role("editor", username="bob"))

    response = client.post(url, {**data, "fatalities": 9, "actor1": "Bob's actor"})

    assert response.status_code == 409
    html = response.content.decode()
    assert "alice" in html and "Fatalities — → 4" in html
    assert 'value="Bob&#x27;s actor"' in html  # the second editor's input is kept
    assert Incident.objects.get(pk=clash.pk).fatalities == 4


def test_place_search_json(editor_client, case):
    response = editor_client.get(reverse("incidents:review-places") + "?q=")
    assert response.status_code == 400 and "empty" in response.json()["error"]


def test_delete_needs_a_reason_and_restores(editor_client, case):
    clash = case["clash"]
    delete = reverse("incidents:review-delete", kwargs={"pk": clash.pk})
    assert editor_client.post(delete, {}).status_code == 302
    assert Incident.objects.filter(pk=clash.pk).exists()
    editor_client.post(delete, {"reason": "not an event"})
    assert not Incident.objects.filter(pk=clash.pk).exists()
    editor_client.post(reverse("incidents:review-restore", kwargs={"pk": clash.pk}))
    assert Incident.objects.filter(pk=clash.pk).exists()


def test_bulk_merge_keeps_every_source(editor_client, case):
    ids = [case["coarse"].pk, case["fine"].pk]
    response = editor_client.post(reverse("incidents:review-bulk"), {"action": "merge", "ids": ids})
    assert response.status_code == 302
    keep = Incident.objects.get(pk=min(ids))
    assert keep.other_reports.count() == 1
    assert Incident.all_objects.get(pk=max(ids)).merged_into == keep


def test_deleted_incidents_are_listed_for_restoring(editor_client, case):
    clash = case["clash"]
    editor_client.post(reverse("incidents:review-delete", kwargs={"pk": clash.pk}), {"reason": "a rumour"})
    response = editor_client.get(reverse("incidents:review-queue") + "?deleted=1")
    assert [incident.pk for incident, _ in response.context["rows"]] == [clash.pk]
    assert "a rumour" in response.content.decode()
    assert clash.pk not in _ids(editor_client.get(reverse("incidents:review-queue")))


def test_confirm_and_skip_go_to_the_next_in_the_queue(editor_client, case):
    order = _ids(editor_client.get(reverse("incidents:review-queue")))
    first, second = order[0], order[1]
    page = editor_client.get(reverse("incidents:review-correct", kwargs={"pk": first}))
    nxt = reverse("incidents:review-correct", kwargs={"pk": second})
    assert page.context["next_url"] == nxt
    response = editor_client.post(reverse("incidents:review-bulk"),
                                  {"action": "confirm", "ids": [first], "next": nxt})
    assert response.status_code == 302 and response["Location"] == nxt
    assert Incident.objects.get(pk=first).review_status == "confirmed"
    assert first not in _ids(editor_client.get(reverse("incidents:review-queue")))


def test_saving_the_form_as_shown_changes_nothing_but_the_status(editor_client, case):
    strike = case["strike"]
    Incident.objects.filter(pk=strike.pk).update(location=Point(43.1234567, 36.7654321, srid=4326))
    url = reverse("incidents:review-correct", kwargs={"pk": strike.pk})
    form = editor_client.get(url).context["edit_form"]
    data = {name: form[name].value() for name in form.fields if form[name].value() is not None}
    response = editor_client.post(url, data)
    assert response.status_code == 302
    strike.refresh_from_db()
    assert strike.analyst_fields == [] and not strike.geocode_changes.exists()
    assert strike.location.equals_exact(Point(43.1234567, 36.7654321, srid=4326), 1e-9)
