"""Report, Mention, Incident and the GeocodeChange audit trail.

Write through incidents.services; models hold no domain logic. Reports and incidents
are never deleted outright: `deleted_at` marks them (with a reason), `objects` hides
them and `all_objects` still sees them. Every change to an incident or a report is
kept by django-simple-history (`history`), with who, when and why.
"""

from django.conf import settings
from django.contrib.gis.db import models
from simple_history.models import HistoricalRecords

from gazetteer.models import Place

from .taxonomy import EventType, GeoPrecision, SubEventType, TimePrecision

SRID = settings.ATLAS_SRID


class LiveManager(models.Manager):
    """Rows not soft-deleted: what every page, export and service sees by default."""

    def get_queryset(self):
        return super().get_queryset().filter(deleted_at__isnull=True)


class SoftDeletable(models.Model):
    deleted_at = models.DateTimeField(null=True, blank=True, help_text="When it was deleted; empty: live.")
    deleted_reason = models.TextField(blank=True, help_text="Why it was deleted (restorable).")

    objects = LiveManager()
    all_objects = models.Manager()

    class Meta:
        abstract = True
        base_manager_name = "all_objects"


class Report(SoftDeletable):
    publisher = models.CharField(max_length=200, blank=True, help_text="News outlet or agency.")
    url = models.URLField(max_length=2000, blank=True, help_text="Where the report was published.")
    title = models.CharField(max_length=500, blank=True, help_text="Headline.")
    published_at = models.DateTimeField(null=True, blank=True, help_text="Publication time, if known.")
    text = models.TextField(help_text="Clean report text (page furniture stripped).")
    content_hash = models.CharField(
        max_length=64, unique=True, help_text="SHA-256 of the normalized text: ingest is idempotent."
    )
    origin = models.CharField(
        max_length=500, blank=True, help_text="File path, URL or channel it came in by."
    )
    ingested_at = models.DateTimeField(auto_now_add=True)
    history = HistoricalRecords(excluded_fields=["text", "content_hash"])

    class Meta(SoftDeletable.Meta):
        ordering = ["-published_at", "-id"]

    def __str__(self):
        return self.title or f"Report {self.pk}"


class Mention(models.Model):
    """A toponym found in a report, resolved to a place or left unresolved for review."""

    report = models.ForeignKey(Report, on_delete=models.CASCADE, related_name="mentions")
    start = models.PositiveIntegerField(help_text="Character offset of the first character.")
    end = models.PositiveIntegerField(help_text="Character offset one past the last character.")
    surface = models.CharField(max_length=300, help_text="The text as written in the report.")
    kind = models.CharField(
        max_length=16,
        default="place",
        help_text="place, country, border, demonym or organisation (a place inside an organisation's name).",
    )
    place = models.ForeignKey(
        Place,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="mentions",
        help_text="Resolved place; empty when no gazetteer entry matched.",
    )
    confidence = models.FloatField(default=0.0, help_text="0-1 score of the chosen resolution.")
    candidates = models.JSONField(default=list, blank=True, help_text="Candidates considered, best first.")
    needs_review = models.BooleanField(default=False, help_text="Unresolved or low confidence.")
    review_reason = models.CharField(
        max_length=24, blank=True, db_index=True,
        help_text="Why an analyst should look (incidents.selectors.review.MENTION_REASONS); empty: none.")

    class Meta:
        ordering = ["report", "start"]
        constraints = [models.UniqueConstraint(fields=["report", "start", "end"], name="mention_span_uniq")]

    def __str__(self):
        return self.surface


class Incident(SoftDeletable):
    class Review(models.TextChoices):
        AUTO = "auto", "Automatic"
        NEEDS_REVIEW = "needs_review", "Needs review"
        CONFIRMED = "confirmed", "Confirmed"
        CORRECTED = "corrected", "Corrected"

    report = models.ForeignKey(Report, on_delete=models.CASCADE, related_name="incidents")
    other_reports = models.ManyToManyField(
        Report,
        blank=True,
        related_name="linked_incidents",
        help_text="Other reports of the same event (deduplicated across publishers).",
    )
    event_date = models.DateField(help_text="Best estimate of the day it happened.")
    time_precision = models.PositiveSmallIntegerField(
        choices=TimePrecision.choices, default=TimePrecision.DAY
    )
    event_type = models.CharField(max_length=40, choices=EventType.choices, help_text="ACLED event type.")
    sub_event_type = models.CharField(
        max_length=60, choices=SubEventType.choices, help_text="ACLED sub-event type."
    )
    actor1 = models.CharField(max_length=200, blank=True, help_text="ACLED-style actor name.")
    actor2 = models.CharField(max_length=200, blank=True, help_text="ACLED-style actor name.")
    fatalities = models.PositiveIntegerField(null=True, blank=True, help_text="Empty when unknown.")
    location = models.PointField(
        srid=SRID, null=True, blank=True,
        help_text="Where it happened, coded as ACLED does (WGS 84): the named town, the anchor of a "
                  "relative location, a governorate's capital.")
    estimate = models.PointField(
        srid=SRID, null=True, blank=True,
        help_text="Best estimate of where it happened (WGS 84): the displaced point of '30 km east of X', "
                  "a governorate's own point; the map draws it with its uncertainty radius.")
    uncertainty_km = models.FloatField(
        null=True, blank=True, help_text="Radius around the estimate within which it happened (km).")
    location_name = models.CharField(max_length=200, blank=True, help_text="Place name as coded.")
    place = models.ForeignKey(
        Place, null=True, blank=True, on_delete=models.SET_NULL, related_name="incidents"
    )
    geo_precision = models.PositiveSmallIntegerField(choices=GeoPrecision.choices, default=GeoPrecision.TOWN)
    admin1 = models.CharField(max_length=200, blank=True, help_text="Governorate name.")
    admin2 = models.CharField(max_length=200, blank=True, help_text="District name.")
    country_code = models.CharField(max_length=2, blank=True, help_text="ISO 3166-1 alpha-2.")
    summary = models.TextField(help_text="The sentence that reports the event.")
    start = models.PositiveIntegerField(default=0, help_text="Offset of the sentence in the report text.")
    end = models.PositiveIntegerField(default=0, help_text="End offset of the sentence.")
    review_status = models.CharField(max_length=16, choices=Review.choices, default=Review.AUTO)
    confidence = models.FloatField(default=0.0, help_text="0-1 confidence of type and location.")
    acled_event_id = models.CharField(
        max_length=40, null=True, blank=True, unique=True,
        help_text="ACLED's event_id_cnty for an imported incident (re-imports update it).")
    acled = models.JSONField(
        default=dict, blank=True,
        help_text="ACLED columns of an imported incident that have no field of their own "
                  "(assoc_actor_*, inter*, source, tags, timestamp, ...), kept for the export.")
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)
    version = models.PositiveIntegerField(
        default=1, help_text="Goes up with every analyst save; a save from an older version is refused.")
    analyst_fields = models.JSONField(
        default=list, blank=True, help_text="Fields an analyst set: reprocessing never rewrites them.")
    merged_into = models.ForeignKey(
        "self", null=True, blank=True, on_delete=models.SET_NULL, related_name="merged",
        help_text="The incident this duplicate was merged into (it is then soft-deleted).")
    history = HistoricalRecords(excluded_fields=["updated_at"])

    class Meta(SoftDeletable.Meta):
        ordering = ["-event_date", "-id"]
        indexes = [
            models.Index(fields=["event_date"], name="incident_date_idx"),
            models.Index(fields=["event_type", "event_date"], name="incident_type_date_idx"),
            # The map counts the incidents without a location on every view.
            models.Index(fields=["event_date"], condition=models.Q(location__isnull=True),
                         name="incident_unlocated_idx"),
        ]

    def __str__(self):
        return f"{self.event_date} {self.sub_event_type} {self.location_name}"


class GeocodeChange(models.Model):
    """Audit row: who moved an incident, from where to where, and why."""

    incident = models.ForeignKey(Incident, on_delete=models.CASCADE, related_name="geocode_changes")
    changed_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL)
    changed_at = models.DateTimeField(auto_now_add=True)
    old_location = models.PointField(srid=SRID, null=True, blank=True)
    new_location = models.PointField(srid=SRID, null=True, blank=True)
    old_place = models.ForeignKey(Place, null=True, blank=True, on_delete=models.SET_NULL, related_name="+")
    new_place = models.ForeignKey(Place, null=True, blank=True, on_delete=models.SET_NULL, related_name="+")
    old_geo_precision = models.PositiveSmallIntegerField(null=True, blank=True)
    new_geo_precision = models.PositiveSmallIntegerField(null=True, blank=True)
    reason = models.TextField(blank=True, help_text="Why the analyst moved it.")

    class Meta:
        ordering = ["-changed_at"]

    def __str__(self):
        return f"{self.incident_id} by {self.changed_by} at {self.changed_at:%Y-%m-%d %H:%M}"


class Feed(models.Model):
    """An RSS/Atom feed polled by `manage.py ingest_feeds`."""

    url = models.URLField(max_length=2000, unique=True, help_text="Feed address (RSS or Atom).")
    title = models.CharField(max_length=300, blank=True, help_text="Feed title, from the feed.")
    publisher = models.CharField(max_length=200, blank=True, help_text="Publisher name given to its reports.")
    active = models.BooleanField(default=True, help_text="Polled by ingest_feeds.")
    etag = models.CharField(max_length=300, blank=True, help_text="HTTP ETag of the last poll.")
    last_modified = models.CharField(
        max_length=100, blank=True, help_text="HTTP Last-Modified of the last poll."
    )
    last_polled_at = models.DateTimeField(null=True, blank=True)
    last_error = models.TextField(blank=True, help_text="Why the last poll failed, if it did.")

    def __str__(self):
        return self.title or self.url


class FeedEntry(models.Model):
    """An entry of a feed already seen, so polling again skips it."""

    feed = models.ForeignKey(Feed, on_delete=models.CASCADE, related_name="entries")
    guid = models.CharField(max_length=1000, help_text="Entry id, or its link when it has none.")
    report = models.ForeignKey(Report, null=True, blank=True, on_delete=models.SET_NULL, related_name="+")
    seen_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        constraints = [models.UniqueConstraint(fields=["feed", "guid"], name="feedentry_feed_guid_uniq")]
        verbose_name_plural = "feed entries"


class IngestFailure(models.Model):
    """The ingest log: every source that could not be ingested, and why."""

    origin = models.CharField(max_length=2000, help_text="File path, URL, feed entry or API call.")
    channel = models.CharField(max_length=20, help_text="file, url, feed, form, api or jsonl.")
    reason = models.TextField(help_text="What was wrong, in words an analyst can act on.")
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["-created_at"]

    def __str__(self):
        return f"{self.channel} {self.origin}: {self.reason[:80]}"


class ApiToken(models.Model):
    """A token for the REST API; only its SHA-256 is stored."""

    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="api_tokens")
    name = models.CharField(max_length=100, help_text="What the token is for.")
    key_hash = models.CharField(max_length=64, unique=True, help_text="SHA-256 of the token.")
    created_at = models.DateTimeField(auto_now_add=True)
    last_used_at = models.DateTimeField(null=True, blank=True)

    def __str__(self):
        return f"{self.name} ({self.user})"


class ActorAlias(models.Model):
    """An analyst's addition to the actor dictionary (the built-in one is incidents/extraction/actors.py)."""

    name = models.CharField(
        max_length=200, help_text='ACLED-style actor name; "{country}" is filled from the location.'
    )
    alias = models.CharField(
        max_length=200,
        help_text="How reports write it: whole words, any case (short all-caps acronyms match case).",
    )
    state_force = models.BooleanField(default=False, help_text="A state force (it can make arrests).")
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        constraints = [models.UniqueConstraint(fields=["name", "alias"], name="actoralias_name_alias_uniq")]
        verbose_name_plural = "actor aliases"

    def __str__(self):
        return f"{self.alias} -> {self.name}"


class MapCell(models.Model):
    """How many located incidents of a type fall in a cell of the map's grid (incidents/grid.py).

    Kept exact by database triggers on Incident (migration 0006); never written by Python.
    """

    level = models.PositiveSmallIntegerField(help_text="Grid level: cells of 2**(6-level) degrees.")
    cx = models.IntegerField(help_text="floor(longitude / cell size).")
    cy = models.IntegerField(help_text="floor(latitude / cell size).")
    event_type = models.CharField(max_length=40, help_text="ACLED event type.")
    n = models.IntegerField(default=0, help_text="Located incidents in the cell.")
    lon_sum = models.FloatField(default=0.0, help_text="Sum of their longitudes (n * mean).")
    lat_sum = models.FloatField(default=0.0, help_text="Sum of their latitudes (n * mean).")

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["level", "cx", "cy", "event_type"], name="mapcell_cell_uniq")
        ]
        indexes = [models.Index(fields=["level", "cy"], name="mapcell_level_cy_idx")]


class DayCount(models.Model):
    """How many located incidents of a type happened on a day (kept by the same triggers)."""

    day = models.DateField()
    event_type = models.CharField(max_length=40, help_text="ACLED event type.")
    n = models.IntegerField(default=0, help_text="Located incidents that day.")

    class Meta:
        constraints = [models.UniqueConstraint(fields=["day", "event_type"], name="daycount_day_type_uniq")]


class IngestJob(models.Model):
    """One submitted source on its way through the task queue, as its submitter sees it.

    Created before the task is sent (so a broker outage loses nothing: the payload waits
    here, status "unsent", for `ingest_jobs --resend` or the periodic re-send) and
    updated by the task. The payload is dropped once the job is done.
    """

    class Status(models.TextChoices):
        UNSENT = "unsent", "not queued yet (queue unavailable)"
        QUEUED = "queued", "queued"
        RUNNING = "running", "running"
        DONE = "done", "done"
        FAILED = "failed", "failed"

    submitter = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL,
        related_name="ingest_jobs", help_text="Who submitted it; empty for feeds and commands.",
    )
    channel = models.CharField(max_length=20, help_text="form, api, url or feed.")
    origin = models.CharField(max_length=2000, help_text="Where it came from (user, URL, file line).")
    payload = models.JSONField(
        null=True, blank=True,
        help_text="The report as submitted ({text, title, ...} or {url}); cleared when done.",
    )
    status = models.CharField(max_length=10, choices=Status.choices, default=Status.UNSENT)
    outcome = models.CharField(max_length=10, blank=True, help_text="ingested or duplicate, once done.")
    reason = models.TextField(blank=True, help_text="Why it failed, is unsent or was retried.")
    report = models.ForeignKey(
        Report, null=True, blank=True, on_delete=models.SET_NULL, related_name="jobs",
        help_text="The stored report, once done.",
    )
    attempts = models.PositiveSmallIntegerField(default=0, help_text="Times a worker started it.")
    task_id = models.CharField(max_length=50, blank=True, help_text="Celery id of the last send.")
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        ordering = ["-created_at", "-id"]
        indexes = [models.Index(fields=["status", "updated_at"], name="ingestjob_status_idx")]

    def __str__(self):
        return f"job {self.pk} {self.channel} {self.status}"
