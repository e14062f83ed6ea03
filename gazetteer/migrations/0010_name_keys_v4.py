# The key refresh of name_key version 4 (written by hand).

from django.db import migrations

# normalize.KEY_VERSION after this migration: the fold of 2026-12-07 (bidi marks,
# zero-width characters and soft hyphens removed first: an RLM before "الموصل" hid its
# article). A later fold change adds its own
# migration with its own number, so a fresh database always ends at the current one.
KEY_VERSION = 4


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
        ('gazetteer', '0009_place_history_alias_context'),
    ]

    operations = [
        migrations.RunPython(refresh_keys, migrations.RunPython.noop),
    ]
