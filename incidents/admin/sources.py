"""Admin for sources and dictionaries: feeds, ingest log, API tokens, actor aliases.

Imported by incidents/admin/__init__.py.
"""

from django.contrib import admin
from django.db import models

from incidents.models import ActorAlias, ApiToken, Feed, FeedEntry, IngestFailure


class ReadOnlyAdmin(admin.ModelAdmin):
    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False


@admin.register(Feed)
class FeedAdmin(admin.ModelAdmin):
    list_display = ("__str__", "url", "publisher", "active", "last_polled_at", "last_error")
    list_filter = ("active",)
    search_fields = ("url", "title", "publisher")
    readonly_fields = ("etag", "last_modified", "last_polled_at", "last_error")
    formfield_overrides = {models.URLField: {"assume_scheme": "https"}}


@admin.register(FeedEntry)
class FeedEntryAdmin(ReadOnlyAdmin):
    list_display = ("guid", "feed", "report", "seen_at")
    list_filter = ("feed",)
    search_fields = ("guid",)
    list_select_related = ("feed", "report")


@admin.register(IngestFailure)
class IngestFailureAdmin(ReadOnlyAdmin):
    """The ingest log: what could not be ingested, and why."""

    list_display = ("created_at", "channel", "origin", "reason")
    list_filter = ("channel", "created_at")
    search_fields = ("origin", "reason")
    date_hierarchy = "created_at"


@admin.register(ApiToken)
class ApiTokenAdmin(admin.ModelAdmin):
    """Tokens are made with `manage.py atlas_api_token` (shown once); here they can be revoked."""

    list_display = ("name", "user", "created_at", "last_used_at")
    search_fields = ("name", "user__username")
    fields = ("name", "user", "created_at", "last_used_at")
    readonly_fields = fields

    def has_add_permission(self, request):
        return False


@admin.register(ActorAlias)
class ActorAliasAdmin(admin.ModelAdmin):
    """Extend the actor dictionary: new reports (and `reprocess`) use these at once."""

    list_display = ("alias", "name", "state_force", "updated_at")
    list_filter = ("state_force",)
    search_fields = ("alias", "name")
