"""The "paste a report" page: analysts with `incidents.add_report` add a report by hand."""

from django.contrib import messages
from django.contrib.auth.decorators import permission_required
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.views.decorators.http import require_http_methods

from incidents.models import Incident
from incidents.selectors.reports import report_findings, report_get
from incidents.services.ingest import Outcome, source_ingest
from incidents.web.forms import ReportForm

# How many incidents the success message names before summarising the rest.
_NAMED_INCIDENTS = 5


@require_http_methods(["GET", "POST"])
@permission_required("incidents.add_report", raise_exception=True)
def report_new(request: HttpRequest) -> HttpResponse:
    """GET: the form. POST: ingest it, then back to the map with what was found."""
    form = ReportForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        origin = f"form:{request.user.get_username()}"
        outcome = source_ingest(
            load=lambda: form.document(origin=origin), origin=origin, channel="form"
        )
        if outcome.status != "failed":
            messages.add_message(
                request,
                messages.SUCCESS if outcome.status == "ingested" else messages.INFO,
                _result_message(outcome),
            )
            return redirect("incidents:map")
        form.add_error(None, f"The report could not be ingested: {outcome.reason}")
    return render(request, "incidents/report_form.html", {"form": form})


def _result_message(outcome: Outcome) -> str:
    report = report_get(report_id=outcome.report_id)
    name = f"“{report.title}”" if report.title else f"report {report.pk}"
    if outcome.status == "duplicate":
        return f"Already ingested: {name} (report {report.pk}) is in the atlas; nothing changed."
    found, linked = report_findings(report=report)
    if not found and not linked:
        return f"Ingested {name}: no incidents found in it."
    parts = [_describe(incident) for incident in found[:_NAMED_INCIDENTS]]
    if len(found) > _NAMED_INCIDENTS:
        parts.append(f"and {len(found) - _NAMED_INCIDENTS} more")
    text = f"Ingested {name}: {len(found)} incident(s)"
    text += f": {'; '.join(parts)}." if parts else "."
    if linked:
        text += f" Also linked to {linked} incident(s) already reported elsewhere."
    return text


def _describe(incident: Incident) -> str:
    where = f" at {incident.location_name}" if incident.location_name else ""
    return f"{incident.sub_event_type}{where} on {incident.event_date:%Y-%m-%d}"
