"""Gazetteer admin: places and their names, admin areas, the border, learned aliases.

Geometry fields use the offline Leaflet widget (gazetteer.widgets); outlines and lines are
shown read-only, points can be moved. A place's history (django-simple-history) is on its
"History" page, each version revertible by those who may change places.
"""

from django.contrib import admin
from django.contrib.gis.db import models as gis_models
from django.core.exceptions import PermissionDenied
from simple_history.admin import SimpleHistoryAdmin

from gazetteer.models import AdminArea, AdminCode, Alias, Border, Place, PlaceName
from gazetteer.services import alias_save, place_name_save
from gazetteer.widgets import LeafletGeometryWidget


class MapWidgetAdminMixin:
    """Render geometry fields with the offline Leaflet widget; non-points are read-only."""

    map_editable_fields: tuple[str, ...] = ()

    def formfield_for_dbfield(self, db_field, request, **kwargs):
        if not isinstance(db_field, gis_models.GeometryField):
            return super().formfield_for_dbfield(db_field, request, **kwargs)
        editable = db_field.name in self.map_editable_fields and isinstance(db_field, gis_models.PointField)
        kwargs["widget"] = LeafletGeometryWidget(
            attrs={"geom_type": db_field.geom_type, "map_readonly": not editable}
        )
        field = db_field.formfield(**kwargs)
        # A disabled field ignores posted data, so a read-only outline cannot be overwritten.
        field.disabled = not editable
        return field


class PlaceNameInline(admin.TabularInline):
    model = PlaceName
    fields = ("name", "is_preferred", "key", "script")
    readonly_fields = ("key", "script")
    extra = 0


@admin.register(Place)
class PlaceAdmin(MapWidgetAdminMixin, SimpleHistoryAdmin):
    """Places, with their history (who changed what, and why) and a revert per version."""

    list_display = ("name", "country_code", "feature_code", "population", "admin1", "source")
    list_filter = ("country_code", "feature_class", "feature_code", "source")
    search_fields = ("name", "ascii_name", "names__name", "=geonameid")
    raw_id_fields = ("admin1", "admin2")
    inlines = (PlaceNameInline,)
    map_editable_fields = ("point",)
    ordering = ("-population", "name")

    def history_form_view(self, request, object_id, version_id, extra_context=None):
        # django-simple-history lets anyone who may view the history post the past version
        # back; reverting a place is a change of it.
        if request.method == "POST" and not self.has_change_permission(request):
            raise PermissionDenied
        return super().history_form_view(request, object_id, version_id, extra_context)

    def save_formset(self, request, form, formset, change):
        # Names typed in the admin need the same key/script the loaders compute.
        for pn in formset.save(commit=False):
            place_name_save(place_name=pn)
        for obj in formset.deleted_objects:
            obj.delete()
        formset.save_m2m()


class LoadedOutlineAdmin(MapWidgetAdminMixin, admin.ModelAdmin):
    """Outlines come from loaders (gazetteer_load_*): names can be fixed here, shapes cannot."""

    def has_add_permission(self, request):
        return False


@admin.register(AdminArea)
class AdminAreaAdmin(LoadedOutlineAdmin):
    list_display = ("pcode", "name_en", "name_ar", "level", "country_code", "parent", "source")
    list_filter = ("level", "country_code", "source")
    search_fields = ("pcode", "name_en", "name_ar")
    raw_id_fields = ("parent",)


@admin.register(Border)
class BorderAdmin(LoadedOutlineAdmin):
    list_display = ("code", "name", "source")
    search_fields = ("code", "name")


@admin.register(Alias)
class AliasAdmin(admin.ModelAdmin):
    list_display = ("surface", "key", "place", "created_by", "created_at")
    search_fields = ("surface", "key", "place__name")
    autocomplete_fields = ("place",)
    readonly_fields = ("key", "created_by", "created_at")

    def save_model(self, request, obj, form, change):
        alias_save(alias=obj, created_by=None if change else request.user)


@admin.register(AdminCode)
class AdminCodeAdmin(admin.ModelAdmin):
    """GeoNames admin codes, loaded by gazetteer_load_geonames (read-only here)."""

    list_display = ("code", "name")
    search_fields = ("code", "name")

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False
