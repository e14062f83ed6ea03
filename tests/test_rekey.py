"""Stored name keys follow the current fold: versioned, refreshed by a migration and by
`gazetteer_rekey` (normalize.KEY_VERSION, GazetteerStamp.key_version)."""

import importlib
import io
import pkgutil

from django.core.management import call_command
from django.db import connection
from django.db.migrations.executor import MigrationExecutor

import gazetteer.migrations
from gazetteer.geoparser.normalize import KEY_VERSION, name_key
from gazetteer.models import Alias, GazetteerStamp, PlaceName
from tests.factories import PlaceFactory


def _stale_gazetteer():
    """A place whose names and aliases carry keys of an older fold."""
    place = PlaceFactory(name="Salah al-Din", feature_class="A", feature_code="ADM1")
    names = [PlaceName.objects.create(place=place, name=n, key=k, script="latn")
             for n, k in (("Salahuddin", "salahudin"), ("Idleb", "idlab"), ("Salah al-Din", "saladin"))]
    aliases = [Alias.objects.create(surface=s, key=k, place=place)
               for s, k in (("Idlib", "idlib"), ("Idleb", "idlab"), ("Salaheddine", "salahadina"))]
    return place, names, aliases


def test_rekey_command_recomputes_keys_and_records_the_version(db):
    place, names, aliases = _stale_gazetteer()
    out = io.StringIO()
    call_command("gazetteer_rekey", stdout=out)
    for row in names:
        row.refresh_from_db()
    assert [n.key for n in names] == [name_key("Salah al-Din"), name_key("Idlib"), name_key("Salah al-Din")]
    # "Idleb" now folds like the alias "Idlib" of the same place: one alias per key and place.
    assert sorted(Alias.objects.values_list("surface", "key")) == [
        ("Idlib", name_key("Idlib")), ("Salaheddine", name_key("Salah al-Din"))]
    assert "4 changed" in out.getvalue()  # two names, one alias rekeyed, one alias dropped
    assert GazetteerStamp.objects.get(pk=1).key_version == KEY_VERSION
    call_command("gazetteer_rekey", stdout=out)
    assert out.getvalue().endswith("0 changed\n")


def test_the_migration_refreshes_stale_keys_with_its_historical_models(db):
    """0007 runs name_keys_refresh on the models of its own migration state."""
    _stale_gazetteer()
    GazetteerStamp.objects.all().delete()  # a database where the stamp row never existed
    migration = importlib.import_module("gazetteer.migrations.0007_name_keys_v2")
    state = MigrationExecutor(connection).loader.project_state(("gazetteer", "0007_name_keys_v2"))
    migration.refresh_keys(state.apps, None)
    keys = set(PlaceName.objects.values_list("key", flat=True))
    assert keys == {name_key("Idlib"), name_key("Salah al-Din")}
    assert Alias.objects.count() == 2
    assert GazetteerStamp.objects.get(pk=1).key_version == migration.KEY_VERSION


def test_a_fold_change_comes_with_a_migration_that_refreshes_the_keys():
    """Bumping normalize.KEY_VERSION without a migration that brings stored keys to it would
    leave every existing database with keys the recogniser and place search never meet."""
    versions = []
    for info in pkgutil.iter_modules(gazetteer.migrations.__path__):
        module = importlib.import_module(f"gazetteer.migrations.{info.name}")
        if hasattr(module, "KEY_VERSION"):
            versions.append(module.KEY_VERSION)
    assert max(versions) == KEY_VERSION
