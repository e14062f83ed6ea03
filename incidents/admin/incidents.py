"""Incident admin: the review queue and the geocode correction UI.

Moving an incident (location, place or precision) goes through
`incidents.services.relocate.incident_relocate`, which writes the GeocodeChange audit row.
"""

from django import forms
from django.contrib import admin, messages
from django.contrib.admin.helpers import ActionForm
from django.db import models
from django.db.models import Count

from gazetteer.admin import MapWidgetAdminMixin
from incidents.models import GeocodeChange, Incident, Mention, Report
from incidents.selectors.history import EDITABLE, incident_changes_since
from incidents.services.history import report_restore, report_soft_delete
from incidents.services.relocate import incident_relocate
from incidents.services.roles import EDITOR, user_has_role

# lon_min, lat_min, lon_max, lat_max: Iraq and Syria with a margin for border areas.
REGION_BBOX = (34.0, 28.0, 50.0, 39.0)
GEOCODE_FIELDS = frozenset({"location", "place", "geo_precision"})
ANALYST_FIELDS = frozenset(EDITABLE)


def in_region(*, lon: float, lat: float) -> bool:
    lon_min, lat_min, lon_max, lat_max = REGION_BBOX
    return lon_min <= lon <= lon_max and lat_min <= lat <= lat_max


def _latlon(point) -> str:
    return f"{point.y:.5f}, {point.x:.5f}" if point is not None else "—"


class ReadOnlyInline(admin.TabularInline):
    extra = 0
    can_delete = False
    show_change_link = False

    def has_add_permission(self, request, obj=None):
        return False

    def has_change_permission(self, request, obj=None):
        return False


class MentionInline(ReadOnlyInline):
    model = Mention
    fields = ("surface", "kind", "start", "end", "place", "confidence", "needs_review")
    readonly_fields = fields


class ReasonActionForm(ActionForm):
    reason = forms.CharField(required=False, max_length=500, label="Reason",
                             widget=forms.TextInput(attrs={"placeholder": "why (for deleting)"}))


class DeletedFilter(admin.SimpleListFilter):
    """Live reports by default; the deleted ones (restorable) on request."""

    title, parameter_name = "status", "deleted"

    def lookups(self, request, model_admin):
        return (("1", "Deleted (restorable)"),)

    def queryset(self, request, queryset):
        return queryset.filter(deleted_at__isnull=self.value() != "1")


@admin.register(Report)
class ReportAdmin(admin.ModelAdmin):
    list_display = ("title", "publisher", "published_at", "incident_count", "deleted_reason")
    list_filter = (DeletedFilter, "publisher")
    action_form = ReasonActionForm
    actions = ("soft_delete", "restore")
    search_fields = ("title", "publisher", "url", "text")
    date_hierarchy = "published_at"
    readonly_fields = ("text", "content_hash", "origin", "ingested_at")
    formfield_overrides = {models.URLField: {"assume_scheme": "https"}}
    inlines = (MentionInline,)

    def get_queryset(self, request):
        # Every report, deleted ones too (DeletedFilter shows the live ones by default).
        return Report.all_objects.annotate(_incident_count=Count("incidents", distinct=True))

    def has_editor_permission(self, request):
        return user_has_role(request.user, EDITOR)

    @admin.action(description="Delete selected reports and their incidents (restorable)",
                  permissions=["editor"])
    def soft_delete(self, request, queryset):
        reason = request.POST.get("reason", "").strip()
        if not reason:
            self.message_user(request, "Say why the reports are deleted (the Reason box); nothing was "
                                       "deleted.", messages.ERROR)
            return
        live = list(queryset.filter(deleted_at__isnull=True).values_list("pk", flat=True))
        incidents = sum(report_soft_delete(report_id=pk, user=request.user, reason=reason) for pk in live)
        self.message_user(request, f"Deleted {len(live)} report(s) and {incidents} incident(s); "
                                   "restorable from the “Deleted” filter.", messages.SUCCESS)

    @admin.action(description="Restore selected deleted reports and their incidents", permissions=["editor"])
    def restore(self, request, queryset):
        deleted = list(queryset.filter(deleted_at__isnull=False).values_list("pk", flat=True))
        incidents = sum(report_restore(report_id=pk, user=request.user) for pk in deleted)
        self.message_user(request, f"Restored {len(deleted)} report(s) and {incidents} incident(s).",
                          messages.SUCCESS)

    @admin.display(description="# incidents", ordering="_incident_count")
    def incident_count(self, obj):
        return obj._incident_count

    def has_add_permission(self, request):
        # Reports enter through ingest (command, web form, API), which geoparses them.
        return False

    def has_delete_permission(self, request, obj=None):
        # Nothing is deleted outright: services.history.report_soft_delete, with a reason.
        return False


class GeocodeChangeInline(ReadOnlyInline):
    model = GeocodeChange
    fields = (
        "changed_at",
        "changed_by",
        "old",
        "new",
        "old_place",
        "new_place",
        "old_geo_precision",
        "new_geo_precision",
        "reason",
    )
    readonly_fields = fields

    @admin.display(description="old lat, lon")
    def old(self, obj):
        return _latlon(obj.old_location)

    @admin.display(description="new lat, lon")
    def new(self, obj):
        return _latlon(obj.new_location)


class IncidentAdminForm(forms.ModelForm):
    allow_outside_region = forms.BooleanField(
        required=False,
        label="Allow outside region",
        help_text="Tick to accept a point outside Iraq/Syria (lon 34-50, lat 28-39).",
    )
    change_reason = forms.CharField(
        required=False,
        widget=forms.Textarea(attrs={"rows": 2, "cols": 60}),
        help_text="Why the location, place or precision changed (kept in the audit trail).",
    )
    # The version this form was opened at: a save from an older one is refused (below).
    opened_version = forms.IntegerField(required=False, widget=forms.HiddenInput)

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        if self.instance.pk:
            self.fields["opened_version"].initial = self.instance.version

    class Meta:
        model = Incident
        fields = (
            "report",
            "event_date",
            "time_precision",
            "event_type",
            "sub_event_type",
            "actor1",
            "actor2",
            "fatalities",
            "summary",
            "location",
            "location_name",
            "place",
            "geo_precision",
            "country_code",
            "admin1",
            "admin2",
            "review_status",
            "confidence",
            "start",
            "end",
        )

    def clean_location(self):
        point = self.cleaned_data.get("location")
        if point is None:
            return point
        errors = []
        if not -90 <= point.y <= 90:
            errors.append(f"Latitude {point.y} is out of range: it must be between -90 and 90.")
        if not -180 <= point.x <= 180:
            errors.append(f"Longitude {point.x} is out of range: it must be between -180 and 180.")
        if errors:
            raise forms.ValidationError(errors)
        return point

    def _check_version(self, opened: int | None) -> None:
        """Refuse a save over a change made since the form was opened. The admin's change view
        runs in a transaction: the row stays locked from here to the save."""
        if not self.instance.pk or opened is None:
            return
        current = Incident.all_objects.select_for_update().get(pk=self.instance.pk)
        if current.version == opened:
            return
        since = incident_changes_since(incident=current, version=opened)
        theirs = " | ".join(f"{c.user} at {c.when:%Y-%m-%d %H:%M}: "
                            + "; ".join(f"{f.label} {f.old} → {f.new}" for f in c.changes) for c in since)
        raise forms.ValidationError(
            f"Not saved: this incident was saved by someone else since you opened it "
            f"({theirs or 'a status change'}). Reload it to see their change, then make yours again.")

    def clean(self):
        cleaned = super().clean()
        self._check_version(cleaned.get("opened_version"))
        point = cleaned.get("location")
        moved = "location" in self.changed_data
        if point is None or not moved or cleaned.get("allow_outside_region"):
            return cleaned
        lon, lat = point.x, point.y
        if not in_region(lon=lon, lat=lat):
            hint = ""
            if in_region(lon=lat, lat=lon):
                hint = f" Swapped it would be latitude {lon:.5f}, longitude {lat:.5f}, inside the region."
            self.add_error(
                "location",
                f"Latitude {lat:.5f}, longitude {lon:.5f} is outside Iraq/Syria — did you swap "
                f"latitude and longitude?{hint} Tick “Allow outside region” if the point is right.",
            )
        return cleaned


@admin.register(Incident)
class IncidentAdmin(MapWidgetAdminMixin, admin.ModelAdmin):
    form = IncidentAdminForm
    list_display = (
        "event_date",
        "sub_event_type",
        "location_name",
        "geo_precision",
        "review_status",
        "confidence",
    )
    list_filter = (
        "event_type",
        "review_status",
        ("location", admin.EmptyFieldListFilter),  # the map's "without a location" link
        ("country_code", admin.AllValuesFieldListFilter),
    )
    search_fields = ("summary", "location_name")
    date_hierarchy = "event_date"
    raw_id_fields = ("report",)
    autocomplete_fields = ("place",)
    readonly_fields = ("created_at", "updated_at")
    map_editable_fields = ("location",)
    inlines = (GeocodeChangeInline,)
    fieldsets = (
        (
            None,
            {
                "fields": (
                    "report",
                    ("event_date", "time_precision"),
                    ("event_type", "sub_event_type"),
                    ("actor1", "actor2"),
                    "fatalities",
                    "summary",
                )
            },
        ),
        (
            "Location",
            {
                "fields": (
                    "location",
                    "allow_outside_region",
                    "location_name",
                    "place",
                    "geo_precision",
                    ("country_code", "admin1", "admin2"),
                    "change_reason",
                )
            },
        ),
        (
            "Review",
            {
                "fields": (
                    "review_status",
                    "confidence",
                    ("start", "end"),
                    ("created_at", "updated_at"),
                    "opened_version",
                )
            },
        ),
    )

    def has_delete_permission(self, request, obj=None):
        # Nothing is deleted outright: the review screen soft-deletes, with a reason.
        return False

    def save_model(self, request, obj, form, change):
        # Recorded by django-simple-history (who: the request's user) with the form's reason;
        # a versioned save, so an editor with the incident open gets a conflict.
        obj._change_reason = (form.cleaned_data.get("change_reason") or "edited in the admin")[:100]
        if change:
            obj.version += 1
            obj.analyst_fields = sorted(set(obj.analyst_fields) | (set(form.changed_data) & ANALYST_FIELDS))
        if change and GEOCODE_FIELDS.intersection(form.changed_data):
            # The admin's change view already runs in a transaction, so the audit row and the
            # other edits of this form commit or roll back together.
            incident_relocate(
                incident=obj,
                location=obj.location,
                place=obj.place,
                geo_precision=obj.geo_precision,
                user=request.user,
                reason=form.cleaned_data.get("change_reason", ""),
            )
        super().save_model(request, obj, form, change)


@admin.register(GeocodeChange)
class GeocodeChangeAdmin(admin.ModelAdmin):
    list_display = ("incident", "changed_by", "changed_at", "old", "new", "reason")
    list_filter = ("changed_at",)
    search_fields = ("reason", "incident__location_name", "changed_by__username")
    list_select_related = ("incident", "changed_by")

    @admin.display(description="old lat, lon")
    def old(self, obj):
        return _latlon(obj.old_location)

    @admin.display(description="new lat, lon")
    def new(self, obj):
        return _latlon(obj.new_location)

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False

