"""Admin: every page renders, moves are audited, swapped coordinates are caught, no CDN."""

import re

import pytest
from django.contrib import admin
from django.contrib.gis.geos import GEOSGeometry, LineString, MultiLineString
from django.urls import reverse

from gazetteer.models import AdminCode, Alias, Border, Place
from gazetteer.widgets import LeafletGeometryWidget
from incidents.models import ActorAlias, ApiToken, Feed, FeedEntry, GeocodeChange, Incident, IngestFailure
from incidents.services.relocate import incident_relocate
from tests.factories import (
    AdminAreaFactory,
    IncidentFactory,
    MentionFactory,
    PlaceFactory,
    PlaceNameFactory,
    UserFactory,
)

pytestmark = pytest.mark.django_db

OUR_APPS = {"gazetteer", "incidents"}


@pytest.fixture
def boss(db):
    return UserFactory(username="boss", is_staff=True, is_superuser=True)


@pytest.fixture
def admin_client_(client, boss):
    client.force_login(boss)
    return client


@pytest.fixture
def one_of_each(boss):
    place = PlaceFactory(name="Mosul")
    PlaceNameFactory(place=place, name="الموصل", key="mwsl", script="arab")
    AdminAreaFactory()
    Border.objects.create(
        code="IQ-SY",
        name="Iraq-Syria border",
        source="natural_earth",
        geom=MultiLineString(LineString((41.0, 34.4), (42.2, 36.6)), srid=4326),
    )
    Alias.objects.create(key="mosul city", surface="Mosul city", place=place, created_by=boss)
    mention = MentionFactory(place=place)
    incident = IncidentFactory(report=mention.report, place=place)
    incident_relocate(incident=incident, location=incident.location, geo_precision=2, user=boss)
    feed = Feed.objects.create(url="http://127.0.0.1:9/feed.xml", title="Local feed")
    FeedEntry.objects.create(feed=feed, guid="entry-1", report=mention.report)
    IngestFailure.objects.create(origin="/tmp/empty.txt", channel="file", reason="empty file")
    AdminCode.objects.create(code="IQ.15", name="Nineveh")
    ActorAlias.objects.create(name="Saraya Awliya al-Dam", alias="Awliya al-Dam")
    ApiToken.objects.create(user=boss, name="wire", key_hash="0" * 64)


def _our_models():
    return [m for m in admin.site._registry if m._meta.app_label in OUR_APPS]


def test_expected_models_are_registered():
    names = {m._meta.model_name for m in _our_models()}
    assert names >= {
        "report",
        "incident",
        "place",
        "adminarea",
        "border",
        "alias",
        "geocodechange",
        "feed",
        "feedentry",
        "ingestfailure",
        "apitoken",
    }


def test_every_changelist_and_change_page_renders(admin_client_, one_of_each):
    for model in _our_models():
        opts = model._meta
        changelist = reverse(f"admin:{opts.app_label}_{opts.model_name}_changelist")
        assert admin_client_.get(changelist).status_code == 200, changelist
        obj = model.objects.first()
        assert obj is not None, f"no {opts.model_name} to open"
        change = reverse(f"admin:{opts.app_label}_{opts.model_name}_change", args=[obj.pk])
        assert admin_client_.get(change).status_code == 200, change


def test_search_pages_render(admin_client_, one_of_each):
    for url in (
        "admin:gazetteer_place_changelist",
        "admin:incidents_incident_changelist",
        "admin:incidents_report_changelist",
    ):
        response = admin_client_.get(reverse(url), {"q": "Mosul"})
        assert response.status_code == 200
    response = admin_client_.get(reverse("admin:gazetteer_place_changelist"), {"q": "الموصل"})
    assert response.context["cl"].result_count == 1


def _form_data(response) -> dict:
    """The POST body the change form would send untouched, including inline management forms."""
    data = {}
    form = response.context["adminform"].form
    for name in form.fields:
        value = form[name].value()
        if value is None or value is False:
            continue
        if isinstance(value, GEOSGeometry):
            data[name] = value.json
            data[f"{name}_lat"], data[f"{name}_lon"] = repr(value.y), repr(value.x)
        elif value is True:
            data[name] = "on"
        else:
            data[name] = str(value)
    for inline in response.context["inline_admin_formsets"]:
        formset = inline.formset
        for key, value in formset.management_form.initial.items():
            data[f"{formset.prefix}-{key}"] = value
        for sub in formset.forms:
            for name in sub.fields:
                value = sub[name].value()
                if value is not None:
                    data[f"{sub.prefix}-{name}"] = str(value)
    return data


@pytest.fixture
def incident():
    return IncidentFactory(place=PlaceFactory(name="Mosul"), geo_precision=1)


def _change_url(incident):
    return reverse("admin:incidents_incident_change", args=[incident.pk])


def test_moving_an_incident_creates_one_geocode_change(admin_client_, boss, incident):
    url = _change_url(incident)
    data = _form_data(admin_client_.get(url))
    data.update(location_lat="36.34", location_lon="43.13", change_reason="east bank, per report")
    response = admin_client_.post(url, data)
    assert response.status_code == 302, response.context["adminform"].form.errors
    change = GeocodeChange.objects.get()
    assert (change.old_location.y, change.old_location.x) == pytest.approx((36.335, 43.11889))
    assert (change.new_location.y, change.new_location.x) == pytest.approx((36.34, 43.13))
    assert change.old_place == change.new_place == incident.place
    assert change.changed_by == boss and change.reason == "east bank, per report"
    incident.refresh_from_db()
    assert (incident.location.y, incident.location.x) == pytest.approx((36.34, 43.13))
    assert incident.review_status == Incident.Review.CORRECTED


def test_geojson_textarea_alone_is_accepted(admin_client_, incident):
    url = _change_url(incident)
    data = _form_data(admin_client_.get(url))
    del data["location_lat"], data["location_lon"]
    data["location"] = '{"type": "Point", "coordinates": [42.9, 36.2]}'
    assert admin_client_.post(url, data).status_code == 302
    change = GeocodeChange.objects.get()
    assert (change.new_location.x, change.new_location.y) == pytest.approx((42.9, 36.2))


def test_saving_without_a_move_creates_none(admin_client_, incident):
    url = _change_url(incident)
    data = _form_data(admin_client_.get(url))
    data["actor2"] = "Islamic State (Iraq)"
    assert admin_client_.post(url, data).status_code == 302
    assert not GeocodeChange.objects.exists()
    incident.refresh_from_db()
    assert incident.actor2 == "Islamic State (Iraq)"
    assert incident.review_status == Incident.Review.AUTO


def test_precision_change_is_audited(admin_client_, incident):
    url = _change_url(incident)
    data = _form_data(admin_client_.get(url))
    data["geo_precision"] = "3"
    assert admin_client_.post(url, data).status_code == 302
    change = GeocodeChange.objects.get()
    assert (change.old_geo_precision, change.new_geo_precision) == (1, 3)


def test_swapped_point_is_rejected_with_a_hint(admin_client_, incident):
    url = _change_url(incident)
    data = _form_data(admin_client_.get(url))
    data.update(location_lat="43.11889", location_lon="36.335")
    response = admin_client_.post(url, data)
    assert response.status_code == 200
    errors = " ".join(response.context["adminform"].form.errors["location"])
    assert "outside Iraq/Syria — did you swap latitude and longitude?" in errors
    assert "latitude 36.33500, longitude 43.11889" in errors
    assert not GeocodeChange.objects.exists()
    incident.refresh_from_db()
    assert incident.location.y == pytest.approx(36.335)


def test_allow_outside_region_accepts_the_point(admin_client_, incident):
    url = _change_url(incident)
    data = _form_data(admin_client_.get(url))
    data.update(location_lat="41.0082", location_lon="28.9784", allow_outside_region="on")
    assert admin_client_.post(url, data).status_code == 302
    assert GeocodeChange.objects.get().new_location.y == pytest.approx(41.0082)


@pytest.mark.parametrize(
    ("lat", "lon", "message"),
    [
        ("95", "43", "Latitude 95.0 is out of range"),
        ("36", "190", "Longitude 190.0 is out of range"),
        ("abc", "43", "Invalid geometry value"),
        ("36.3", "", "Invalid geometry value"),
    ],
)
def test_bad_coordinates_are_rejected(admin_client_, incident, lat, lon, message):
    url = _change_url(incident)
    data = _form_data(admin_client_.get(url))
    data.update(location_lat=lat, location_lon=lon, allow_outside_region="on")
    response = admin_client_.post(url, data)
    assert response.status_code == 200
    assert message in " ".join(response.context["adminform"].form.errors["location"])
    assert not GeocodeChange.objects.exists()


def test_change_page_loads_no_external_script(admin_client_, incident):
    html = admin_client_.get(_change_url(incident)).content.decode()
    scripts = re.findall(r"<script[^>]*\bsrc=\"([^\"]+)\"", html)
    styles = re.findall(r"<link[^>]*\bhref=\"([^\"]+)\"", html)
    assert "/static/vendor/leaflet/leaflet.js" in scripts
    assert "/static/admin_map/geometry_widget.js" in scripts
    assert "/static/vendor/leaflet/leaflet.css" in styles
    jsi18n = reverse("admin:jsi18n")
    for url in scripts + styles:
        assert url.startswith("/static/") or url == jsi18n, url
    assert "openlayers" not in html.lower() and "cdn." not in html.lower()
    # The widget's editable point with its synced inputs.
    assert 'data-editable="true"' in html
    assert 'name="location_lat"' in html and 'value="36.335"' in html


def test_outlines_are_shown_read_only(admin_client_):
    area = AdminAreaFactory()
    url = reverse("admin:gazetteer_adminarea_change", args=[area.pk])
    html = admin_client_.get(url).content.decode()
    assert 'data-editable="false"' in html and 'data-geom-type="MultiPolygon"' in html
    data = {
        "level": "1",
        "pcode": area.pcode,
        "name_en": "Renamed",
        "name_ar": "",
        "country_code": "IQ",
        "source": "ocha",
        "geom": '{"type": "MultiPolygon", "coordinates": [[[[0,0],[1,0],[1,1],[0,0]]]]}',
    }
    assert admin_client_.post(url, data).status_code == 302
    area.refresh_from_db()
    assert area.name_en == "Renamed"
    assert area.geom.extent == pytest.approx((42.5, 35.5, 43.5, 36.5))


def test_outlines_and_reports_are_not_added_in_the_admin(admin_client_):
    for name in ("gazetteer_adminarea", "gazetteer_border", "incidents_report"):
        assert admin_client_.get(reverse(f"admin:{name}_add")).status_code == 403, name


def test_report_text_is_escaped(admin_client_):
    mention = MentionFactory()
    report = mention.report
    report.text = "<script>alert('x')</script> near Mosul"
    report.save()
    html = admin_client_.get(reverse("admin:incidents_report_change", args=[report.pk])).content.decode()
    assert "<script>alert('x')</script>" not in html
    assert "&lt;script&gt;" in html


def test_place_name_added_in_admin_gets_a_key(admin_client_):
    place = PlaceFactory(name="Tall Afar")
    url = reverse("admin:gazetteer_place_change", args=[place.pk])
    data = _form_data(admin_client_.get(url))
    data.update({"names-TOTAL_FORMS": "1", "names-0-name": "تلعفر", "names-0-place": str(place.pk)})
    response = admin_client_.post(url, data)
    assert response.status_code == 302, response.context["adminform"].form.errors
    name = Place.objects.get(pk=place.pk).names.get(name="تلعفر")
    assert name.script == "arab" and name.key


def test_geocode_change_admin_is_read_only(admin_client_, incident, boss):
    incident_relocate(incident=incident, location=None, user=boss)
    change = GeocodeChange.objects.get()
    assert admin_client_.get(reverse("admin:incidents_geocodechange_add")).status_code == 403
    url = reverse("admin:incidents_geocodechange_change", args=[change.pk])
    admin_client_.post(url, {"reason": "rewritten"})
    change.refresh_from_db()
    assert change.reason == ""
    delete = reverse("admin:incidents_geocodechange_delete", args=[change.pk])
    assert admin_client_.post(delete, {"post": "yes"}).status_code == 403
    assert GeocodeChange.objects.count() == 1


def test_widget_lat_lon_inputs_win_over_the_textarea():
    widget = LeafletGeometryWidget(attrs={"geom_type": "POINT"})
    data = {"loc": '{"type": "Point", "coordinates": [1, 2]}', "loc_lat": "36.5", "loc_lon": "43.25"}
    assert widget.value_from_datadict(data, {}, "loc") == "POINT (43.25 36.5)"
    assert widget.value_from_datadict({"loc_lat": "", "loc_lon": ""}, {}, "loc") == ""
    assert widget.value_from_datadict({"loc": "POINT (1 2)"}, {}, "loc") == "POINT (1 2)"
    assert widget.value_from_datadict({"loc_lat": "nan", "loc_lon": "1"}, {}, "loc") == "INVALID"


def test_incidents_without_a_location_have_their_filter(admin_client_):
    located = IncidentFactory(summary="Placed on the map.")
    unlocated = IncidentFactory(location=None, summary="Waiting for a place.")
    response = admin_client_.get(reverse("admin:incidents_incident_changelist"), {"location__isempty": "1"})
    assert response.status_code == 200
    shown = list(response.context["cl"].queryset)
    assert shown == [unlocated] and located not in shown


def test_a_save_from_an_outdated_form_is_refused_naming_the_other_change(admin_client_, incident):
    url = _change_url(incident)
    data = _form_data(admin_client_.get(url))  # opened at version 1
    from incidents.services.history import incident_update
    from tests.factories import user_with_role

    incident_update(incident_id=incident.pk, version=incident.version, changes={"fatalities": 6},
                    user=user_with_role("editor", username="alice"), reason="hospital toll")

    response = admin_client_.post(url, {**data, "fatalities": "2"})

    assert response.status_code == 200
    html = response.content.decode()
    assert "saved by someone else" in html and "alice" in html and "Fatalities" in html
    incident.refresh_from_db()
    assert incident.fatalities == 6
    fresh = _form_data(admin_client_.get(url))
    assert admin_client_.post(url, {**fresh, "fatalities": "2"}).status_code == 302
    incident.refresh_from_db()
    assert (incident.fatalities, incident.version) == (2, 3)
