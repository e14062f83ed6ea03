"""App config for incidents: keeps the role groups in step with migrations."""

from django.apps import AppConfig
from django.db.models.signals import post_migrate


def _sync_roles(sender, **kwargs):
    from incidents.services.roles import roles_sync

    roles_sync()


class IncidentsConfig(AppConfig):
    name = "incidents"
    verbose_name = "Incidents"

    def ready(self):
        # Permissions only exist after post_migrate, so the groups are synced then.
        post_migrate.connect(_sync_roles, sender=self)
