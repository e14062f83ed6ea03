# The key refresh of name_key version 3 (written by hand).

from django.db import migrations

# normalize.KEY_VERSION after this migration: the fold of 2026-12-07 (Arabic generic words
# dropped: "مركز ناحية حمام العليل" = "حمام العليل"). A later fold change adds its own
# migration with its own number, so a fresh database always ends at the current one.
KEY_VERSION = 3


def refresh_keys(apps, schema_editor):
    """Recompute the stored name keys with the current name_key (derived data)."""
    from gazetteer.services import name_keys_refresh

    name_keys_refresh(
        version=KEY_VERSION,
        place_name_model=apps.get_model("gazetteer", "PlaceName"),
        alias_model=apps.get_model("gazetteer", "Alias"),
        stamp_model=apps.get_model("gazetteer", "GazetteerStamp"),
    )


class Migration(migrations.Migration):

    dependencies = [
        ('gazetteer', '0007_name_keys_v2'),
    ]

    operations = [
        migrations.RunPython(refresh_keys, migrations.RunPython.noop),
    ]
