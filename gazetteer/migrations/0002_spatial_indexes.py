"""Readable names for the GiST indexes on every gazetteer geometry (PostGIS)."""

from django.db import migrations

from gazetteer.spatial_index import NameSpatialIndex


class Migration(migrations.Migration):
    dependencies = [("gazetteer", "0001_initial")]

    operations = [
        NameSpatialIndex("place", "point", "place_point_gist"),
        NameSpatialIndex("adminarea", "geom", "adminarea_geom_gist"),
        NameSpatialIndex("border", "geom", "border_geom_gist"),
    ]
