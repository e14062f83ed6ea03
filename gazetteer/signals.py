"""Cache invalidation, not domain logic: any save or delete of the rows the geoparser's
index is built from bumps the gazetteer stamp, so every process (web, workers, commands)
rebuilds its cached index. Bulk writes send no signals; the loaders that make them call
gazetteer_index_reset(), which bumps the stamp too."""

from django.db.models.signals import post_delete, post_save

from gazetteer.models import AdminArea, Alias, Place, PlaceName


def _changed(sender, **kwargs) -> None:
    from gazetteer.index import gazetteer_changed

    gazetteer_changed()


def connect() -> None:
    for model in (Place, PlaceName, Alias, AdminArea):
        for signal in (post_save, post_delete):
            signal.connect(_changed, sender=model, dispatch_uid=f"gazetteer-stamp-{model.__name__}")
