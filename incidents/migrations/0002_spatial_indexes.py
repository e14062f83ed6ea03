"""A readable name for the GiST index on incident locations (PostGIS)."""

from django.db import migrations

from gazetteer.spatial_index import NameSpatialIndex


class Migration(migrations.Migration):
    dependencies = [("incidents", "0001_initial")]

    operations = [NameSpatialIndex("incident", "location", "incident_location_gist")]
