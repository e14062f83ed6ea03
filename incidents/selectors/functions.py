"""Database functions shared by the selectors."""

from django.db.models import FloatField, Func

# Coordinates are rounded to this many decimals (~1 m) wherever they leave the server.
COORD_DIGITS = 5


class X(Func):
    """Longitude read in the database: ~2x faster than building a GEOS Point per row."""

    function = "ST_X"
    output_field = FloatField()


class Y(Func):
    function = "ST_Y"
    output_field = FloatField()
