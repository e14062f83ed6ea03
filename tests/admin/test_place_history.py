"""A place's history in the admin: who changed it and why; only admins revert it."""

import pytest
from django.contrib.gis.geos import Point
from django.urls import reverse

from gazetteer.services import place_create
from tests.factories import user_with_role

pytestmark = pytest.mark.django_db


@pytest.fixture
def place():
    editor = user_with_role("editor", username="alice")
    place = place_create(name="Ain Al-Jahsh", name_ar="عين الجحش", lon=43.05, lat=36.0, country_code="IQ",
                         admin1_name="Nineveh", user=editor, reason="village south of Mosul")
    place.point = Point(43.06, 36.01, srid=4326)
    place._change_reason = "moved to the village centre"
    place.save()
    return place


def test_the_history_page_names_who_and_why(client, place):
    client.force_login(user_with_role("editor", username="bob"))
    html = client.get(reverse("admin:gazetteer_place_history", args=[place.pk])).content.decode()
    assert "alice" in html and "village south of Mosul" in html and "moved to the village centre" in html


@pytest.mark.parametrize(("role", "status", "reverted"), [("editor", 403, False), ("admin", 302, True)])
def test_only_admins_revert_a_place(client, place, role, status, reverted):
    first = place.history.earliest()
    client.force_login(user_with_role(role, username=f"{role}-1"))
    url = reverse("admin:gazetteer_place_simple_history", args=[place.pk, first.history_id])
    form = client.get(url).context["adminform"].form
    data = {name: form[name].value() for name in form.fields if form[name].value() is not None}
    data.update({"point": first.point.geojson, "names-TOTAL_FORMS": "0", "names-INITIAL_FORMS": "0"})

    response = client.post(url, data)
    errors = response.context["adminform"].form.errors if response.status_code == 200 else None
    assert response.status_code == status, errors
    place.refresh_from_db()
    assert (round(place.point.x, 2) == 43.05) is reverted
