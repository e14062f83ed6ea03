"""The governorate lookup that admin1 agreement is scored with (events_eval)."""

import pytest

from incidents.management.commands.events_eval import governorate_lookup
from tests.factories import AdminAreaFactory, square

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize(
    ("lat", "lon", "expected"),
    [
        (35.7, 43.0, "IQG01"),  # inside the outline
        (35.7, 44.0, "IQG02"),  # inside the neighbour
        (35.7, 44.5 + 0.009, "IQG02"),  # a border town's point 1 km outside every outline
        (35.7, 44.5 + 0.05, None),  # 5 km outside: abroad
    ],
)
def test_a_point_just_outside_the_outlines_takes_the_nearest_governorate(lat, lon, expected):
    AdminAreaFactory(pcode="IQG01", geom=square(42.5, 35.5))
    AdminAreaFactory(pcode="IQG02", geom=square(43.5, 35.5))
    assert governorate_lookup()(lat, lon) == expected
