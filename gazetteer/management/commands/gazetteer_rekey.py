"""`manage.py gazetteer_rekey`: bring stored name keys in line after normalisation changed."""

from django.core.management.base import BaseCommand

from gazetteer.index import gazetteer_index_reset
from gazetteer.services import name_keys_refresh


class Command(BaseCommand):
    help = "Recompute PlaceName and Alias keys with the current name_key (after an upgrade)."

    def handle(self, *args, **options):
        changed = name_keys_refresh()
        gazetteer_index_reset()
        self.stdout.write(f"name keys: {changed} changed")
