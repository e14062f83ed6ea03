"""The review workspace's writes: pick a candidate, add a missing place, bulk actions.

A pick moves the incident to the place (a versioned save, see services.history), marks
the mention resolved, and teaches the geoparser: an Alias from the mention's surface to
the place, scoped to the governorate the report is about (the most common governorate of
its other resolved mentions, else the place's own), so the next report in that
governorate resolves the name to it and one in another governorate does not.
"""

from __future__ import annotations

from collections import Counter

from django.db import transaction
from django.utils import timezone

from gazetteer.geoparser.normalize import name_key
from gazetteer.index import gazetteer_index
from gazetteer.models import Place
from gazetteer.services import alias_learn, place_create
from incidents.models import Incident, Mention, Report
from incidents.services.history import EditError, UpdateResult, incident_update
from incidents.services.reprocess import report_reprocess


def report_governorate(*, report: Report, besides: str = "", fallback: Place | None = None) -> str:
    """The governorate a report is about: the most common one of its resolved mentions
    (not counting those spelled ``besides``), else ``fallback``'s."""
    index = gazetteer_index()
    governorate = getattr(index, "governorate", lambda _pk: "")
    skip = name_key(besides) if besides else None
    counts = Counter(
        governorate(place_id)
        for place_id, surface in Mention.objects.filter(report=report, place__isnull=False, kind="place")
        .values_list("place_id", "surface")
        if name_key(surface) != skip
    )
    counts.pop("", None)
    if counts:
        return counts.most_common(1)[0][0]
    return governorate(fallback.pk) if fallback is not None else ""


@transaction.atomic
def mention_pick(*, incident_id: int, version: int, mention_id: int, place: Place, user,
                 reason: str = "", geo_precision: int | None = None) -> UpdateResult:
    """The analyst says the mention names ``place``: move the incident there, resolve the
    mention, learn the alias (in the report's governorate)."""
    incident = Incident.objects.filter(pk=incident_id).select_related("report").first()
    if incident is None:
        raise EditError("this incident is deleted: restore it first")
    mention = Mention.objects.filter(pk=mention_id, report=incident.report).first()
    if mention is None:
        raise EditError("that mention is not in this incident's report")
    changes = {"location": place.point, "place": place, "location_name": place.name[:200]}
    if geo_precision is not None:
        changes["geo_precision"] = geo_precision
    result = incident_update(
        incident_id=incident_id, version=version, changes=changes, user=user,
        reason=reason or f"“{mention.surface}” is {place.name}",
    )
    mention.place, mention.review_reason, mention.needs_review = place, "", False
    mention.save(update_fields=["place", "review_reason", "needs_review"])
    alias_learn(surface=mention.surface, place=place, user=user,
                context_admin1=report_governorate(report=incident.report, besides=mention.surface,
                                                  fallback=place))
    return result


def place_add_and_pick(*, incident_id: int, version: int, mention_id: int | None, name: str, name_ar: str,
                       lon: float, lat: float, parent: Place | None, user, reason: str = "") -> UpdateResult:
    """Add a place the gazetteer lacks (names in both scripts, point, parent governorate,
    source: analyst) and, for a mention, pick it (which learns the alias too)."""
    governorate = gazetteer_index().governorate(parent.pk) if parent is not None else ""
    with transaction.atomic():
        place = place_create(
            name=name, name_ar=name_ar, lon=lon, lat=lat, user=user,
            country_code=parent.country_code if parent is not None else "",
            admin1_name=governorate, reason=f"added from incident {incident_id}",
        )
        if mention_id is not None:
            return mention_pick(incident_id=incident_id, version=version, mention_id=mention_id,
                                place=place, user=user, reason=reason or f"new place {place.name}")
        return incident_update(incident_id=incident_id, version=version, user=user,
                               changes={"location": place.point, "place": place,
                                        "location_name": place.name[:200]},
                               reason=reason or f"new place {place.name}")


def incidents_confirm(*, incident_ids: list[int], user) -> int:
    """Confirm each incident as it is (a save in its history); returns how many."""
    done = 0
    for incident in Incident.objects.filter(pk__in=incident_ids):
        incident_update(incident_id=incident.pk, version=incident.version, changes={}, user=user,
                        reason="confirmed", status=Incident.Review.CONFIRMED)
        done += 1
    return done


def incidents_regeoparse(*, incident_ids: list[int]) -> int:
    """Geoparse and extract the reports of these incidents again (analysts' fields kept);
    returns how many reports were processed."""
    report_ids = sorted(set(Incident.objects.filter(pk__in=incident_ids).values_list("report_id", flat=True)))
    for report in Report.objects.filter(pk__in=report_ids):
        report_reprocess(report=report)
    return len(report_ids)


@transaction.atomic
def incidents_merge(*, incident_ids: list[int], user, reason: str = "") -> Incident:
    """Merge duplicates into the oldest of them: every source report stays linked to it,
    the others are soft-deleted as merged (restorable) and both sides' history says so."""
    incidents = list(Incident.objects.select_for_update().filter(pk__in=incident_ids).order_by("pk"))
    if len(incidents) < 2:
        raise EditError("select at least two incidents to merge")
    keep, others = incidents[0], incidents[1:]
    who = user if getattr(user, "is_authenticated", False) else None
    now = timezone.now()
    for other in others:
        keep.other_reports.add(other.report, *other.other_reports.all())
        other.merged_into = keep
        other.deleted_at, other.deleted_reason = now, f"merged into incident {keep.pk}"
        other.version += 1
        other._history_user, other._change_reason = who, f"merged into incident {keep.pk}"
        other.save()
    keep.other_reports.remove(keep.report)  # its own report is its source already
    keep.version += 1
    keep._history_user = who
    keep._change_reason = (reason or "merged " + ", ".join(f"#{o.pk}" for o in others))[:100]
    keep.save()
    return keep
