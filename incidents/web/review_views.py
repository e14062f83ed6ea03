"""The review workspace (editors): the queue, the correction screen and its actions.

Thin: forms validate, services write (incidents.services.history / review), selectors
read. A save from an outdated version answers 409 with the other editor's change and
the editor's own input kept in the form.
"""

from __future__ import annotations

from django.conf import settings
from django.contrib import messages
from django.http import Http404, HttpRequest, HttpResponse, JsonResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.http import url_has_allowed_host_and_scheme
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from gazetteer.selectors import SearchQueryError, place_search
from incidents.extraction.taxonomy import EVENT_TYPES
from incidents.filters import FilterError
from incidents.models import Incident
from incidents.selectors.correction import (
    governorate_places,
    incident_for_review,
    mention_candidates,
    report_pieces,
    review_mentions,
    selected_mention,
)
from incidents.selectors.history import incident_history
from incidents.selectors.review import (
    REASONS,
    QueueFilter,
    deleted_incidents,
    queue_next,
    review_choices,
    review_queue,
)
from incidents.services.history import (
    EditConflict,
    EditError,
    incident_restore,
    incident_revert,
    incident_soft_delete,
    incident_update,
)
from incidents.services.review import (
    incidents_confirm,
    incidents_merge,
    incidents_regeoparse,
    mention_pick,
    place_add_and_pick,
)
from incidents.web.review_forms import BulkForm, DeleteForm, IncidentEditForm, PickForm, PlaceAddForm
from incidents.web.roles import EDITOR, role_required


@role_required(EDITOR)
@require_GET
def queue(request: HttpRequest) -> HttpResponse:
    """Incidents needing a look, with their reasons, counts and filters (keyboard: j k o c s)."""
    error, status = "", 200
    try:
        filters = QueueFilter.from_query(request.GET)
    except FilterError as exc:
        filters, error, status = QueueFilter(), str(exc), 400
    rows, counts = review_queue(filters=filters)
    deleted = request.GET.get("deleted") == "1"
    if deleted:
        rows = [(incident, []) for incident in deleted_incidents(filters=filters)]
    context = {"deleted": deleted,
               "rows": [(incident, [(key, REASONS[key]) for key in why]) for incident, why in rows],
               "tabs": [(key, label, counts[key]) for key, label in REASONS.items()],
               "filters": filters, "error": error,
               "choices": review_choices(), "bulk_form": BulkForm(), "query": request.GET.urlencode()}
    return render(request, "review/queue.html", context, status=status)


def _back(request: HttpRequest, default: str) -> str:
    target = request.POST.get("next", "")
    if url_has_allowed_host_and_scheme(target, allowed_hosts={request.get_host()},
                                       require_https=request.is_secure()):
        return target
    return default


@role_required(EDITOR)
@require_POST
def bulk(request: HttpRequest) -> HttpResponse:
    """Confirm, re-geoparse or merge the selected incidents (each recorded in the history)."""
    form = BulkForm(request.POST)
    back = _back(request, reverse("incidents:review-queue"))
    if not form.is_valid():
        messages.error(request, " ".join(e for errs in form.errors.values() for e in errs))
        return redirect(back)
    ids, action = form.cleaned_data["ids"], form.cleaned_data["action"]
    try:
        if action == "confirm":
            messages.success(request, f"Confirmed {incidents_confirm(incident_ids=ids, user=request.user)} "
                                      "incident(s).")
        elif action == "regeoparse":
            messages.success(request, f"Re-geoparsed {incidents_regeoparse(incident_ids=ids)} report(s); "
                                      "fields set by analysts were kept.")
        else:
            keep = incidents_merge(incident_ids=ids, user=request.user, reason=form.cleaned_data["reason"])
            messages.success(request, f"Merged into incident {keep.pk}; every source stays linked to it.")
    except (EditError, EditConflict) as exc:
        messages.error(request, str(exc))
    return redirect(back)


def _incident_or_404(pk: int) -> Incident:
    incident = incident_for_review(incident_id=pk)
    if incident is None:
        raise Http404("no such incident, or it is deleted")
    return incident


def _screen(request, incident: Incident, *, edit_form=None, place_form=None, conflict=None, status=200):
    mentions = review_mentions(incident=incident)
    wanted = request.GET.get("mention", "")
    mention = selected_mention(incident=incident, mentions=mentions,
                               wanted=int(wanted) if wanted.isdigit() else None)
    candidates = mention_candidates(mention=mention) if mention else []
    location = incident.location
    initial = {
        "version": incident.version, "event_type": incident.event_type,
        "sub_event_type": incident.sub_event_type, "event_date": incident.event_date,
        "time_precision": incident.time_precision, "actor1": incident.actor1, "actor2": incident.actor2,
        "fatalities": incident.fatalities, "geo_precision": incident.geo_precision,
        "lat": round(location.y, 6) if location else None, "lon": round(location.x, 6) if location else None,
    }
    config = {
        "incident": {"lat": location.y, "lon": location.x} if location else None,
        "candidates": [{k: c[k] for k in ("place_id", "name", "lat", "lon", "score", "rank")}
                       for c in candidates if c["exists"]],
        "placesUrl": reverse("incidents:review-places"),
        "boundariesUrl": reverse("incidents:boundaries-geojson"),
        "tileUrl": settings.MAP_TILE_URL, "tileAttribution": settings.MAP_TILE_ATTRIBUTION,
        "subTypes": EVENT_TYPES,
    }
    context = {
        "incident": incident, "pieces": report_pieces(incident=incident, mentions=mentions),
        "mention": mention, "candidates": candidates, "config": config,
        "edit_form": edit_form or IncidentEditForm(initial=initial),
        "place_form": place_form or PlaceAddForm(initial={"version": incident.version,
                                                           "mention": mention.pk if mention else None,
                                                           "name": mention.surface if mention else ""}),
        "delete_form": DeleteForm(), "history": incident_history(incident=incident),
        "conflict": conflict, "governorates": governorate_places(), "next_url": _next_url(incident.pk),
        # Only a web address becomes a link: a feed or an import may have stored "javascript:...".
        "source_url": url if (url := incident.report.url).startswith(("http://", "https://")) else "",
    }
    return render(request, "review/correct.html", context, status=status)


def _next_url(incident_id: int) -> str:
    following = queue_next(after=incident_id)
    if following is None:
        return reverse("incidents:review-queue")
    return reverse("incidents:review-correct", kwargs={"pk": following})


@role_required(EDITOR)
@require_http_methods(["GET", "POST"])
def correct(request: HttpRequest, pk: int) -> HttpResponse:
    """The correction screen; POST saves type, sub-type, date, actors, toll, point, precision."""
    incident = _incident_or_404(pk)
    if request.method == "GET":
        return _screen(request, incident)
    form = IncidentEditForm(request.POST)
    if not form.is_valid():
        return _screen(request, incident, edit_form=form, status=400)
    try:
        result = incident_update(incident_id=pk, version=form.cleaned_data["version"], changes=form.changes(),
                                 user=request.user, reason=form.cleaned_data["reason"])
    except EditConflict as exc:
        # Keep what this editor typed; the version moves on so a deliberate second save works.
        data = request.POST.copy()
        data["version"] = exc.incident.version
        return _screen(request, exc.incident, edit_form=IncidentEditForm(data), conflict=exc, status=409)
    except EditError as exc:
        form.add_error(None, str(exc))
        return _screen(request, incident, edit_form=form, status=400)
    changed = ", ".join(result.changed) or "nothing (status only)"
    messages.success(request, f"Saved incident {pk}: changed {changed}.")
    return redirect("incidents:review-correct", pk=pk)


def _conflict_message(exc: EditConflict) -> str:
    parts = [f"{c.user} at {c.when:%H:%M}: " + "; ".join(f"{f.label} {f.old} → {f.new}" for f in c.changes)
             for c in exc.changes]
    theirs = " | ".join(parts) or "status only"
    return f"Not saved: {exc}. Their change: {theirs}. Look again, then redo yours."


@role_required(EDITOR)
@require_POST
def pick(request: HttpRequest, pk: int) -> HttpResponse:
    """One click: the selected mention names this place; the incident moves there."""
    incident = _incident_or_404(pk)
    form = PickForm(request.POST)
    target = reverse("incidents:review-correct", kwargs={"pk": pk})
    if not form.is_valid():
        messages.error(request, " ".join(e for errs in form.errors.values() for e in errs))
        return redirect(target)
    data = form.cleaned_data
    try:
        mention_pick(incident_id=incident.pk, version=data["version"], mention_id=data["mention"],
                     place=data["place"], user=request.user, reason=data["reason"],
                     geo_precision=data.get("geo_precision"))
    except EditConflict as exc:
        messages.error(request, _conflict_message(exc))
    except EditError as exc:
        messages.error(request, str(exc))
    else:
        messages.success(request, f"Moved incident {pk} to {data['place'].name}; learned the name.")
    return redirect(f"{target}?mention={data['mention']}")


@role_required(EDITOR)
@require_POST
def place_add(request: HttpRequest, pk: int) -> HttpResponse:
    """Add a place the gazetteer lacks and move the incident (and the mention) to it."""
    incident = _incident_or_404(pk)
    form = PlaceAddForm(request.POST)
    if not form.is_valid():
        return _screen(request, incident, place_form=form, status=400)
    data = form.cleaned_data
    try:
        place_add_and_pick(incident_id=pk, version=data["version"], mention_id=data.get("mention"),
                           name=data["name"], name_ar=data["name_ar"], lon=data["lon"], lat=data["lat"],
                           parent=data["parent"], user=request.user, reason=data["reason"])
    except EditConflict as exc:
        form.add_error(None, _conflict_message(exc))
        return _screen(request, exc.incident, place_form=form, status=409)
    except (EditError, ValueError) as exc:
        form.add_error(None, str(exc))
        return _screen(request, incident, place_form=form, status=400)
    messages.success(request, f"Added {data['name']} to the gazetteer and moved incident {pk} there.")
    return redirect("incidents:review-correct", pk=pk)


@role_required(EDITOR)
@require_POST
def revert(request: HttpRequest, pk: int, history_id: int) -> HttpResponse:
    """Undo one change of the history (a new save; the history keeps both)."""
    _incident_or_404(pk)
    version = request.POST.get("version", "")
    version = int(version) if version.isdigit() else 0
    try:
        incident_revert(incident_id=pk, history_id=history_id, version=version, user=request.user)
    except EditConflict as exc:
        messages.error(request, _conflict_message(exc))
    except EditError as exc:
        messages.error(request, str(exc))
    else:
        messages.success(request, "Reverted the change.")
    return redirect("incidents:review-correct", pk=pk)


@role_required(EDITOR)
@require_POST
def delete(request: HttpRequest, pk: int) -> HttpResponse:
    """Soft-delete an incident with a reason (restorable from the message's link)."""
    _incident_or_404(pk)
    form = DeleteForm(request.POST)
    if not form.is_valid():
        messages.error(request, form.errors["reason"][0])
        return redirect("incidents:review-correct", pk=pk)
    incident_soft_delete(incident_id=pk, user=request.user, reason=form.cleaned_data["reason"])
    messages.success(request, f"Deleted incident {pk}; the queue's “Deleted” list can restore it.")
    return redirect("incidents:review-queue")


@role_required(EDITOR)
@require_POST
def restore(request: HttpRequest, pk: int) -> HttpResponse:
    """Bring a soft-deleted incident back."""
    try:
        incident_restore(incident_id=pk, user=request.user)
    except (EditError, Incident.DoesNotExist) as exc:
        raise Http404(str(exc)) from exc
    messages.success(request, f"Restored incident {pk}.")
    return redirect("incidents:review-correct", pk=pk)


@role_required(EDITOR)
@require_GET
def places_json(request: HttpRequest) -> JsonResponse:
    """The correction screen's place search (either script): GET ?q=...; 400 JSON on a bad q."""
    try:
        results = place_search(query=request.GET.get("q", ""), limit=10)
    except SearchQueryError as exc:
        return JsonResponse({"error": str(exc)}, status=400)
    response = JsonResponse({"results": results})
    response["Cache-Control"] = "private, no-cache"
    return response
