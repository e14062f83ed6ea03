"""The "paste a report" page (analysts with `incidents.add_report`) and "My submissions".

A pasted report is checked at once, then ingested as a job (incidents.services.jobs):
in-process with CELERY_EAGER=1 (the message says what was found), else queued, and the
submitter follows it on "My submissions".
"""

from django.contrib import messages
from django.contrib.auth.decorators import permission_required
from django.core.paginator import Paginator
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.views.decorators.http import require_http_methods

from incidents.models import Incident, IngestJob
from incidents.selectors.jobs import jobs_visible
from incidents.selectors.reports import report_findings, report_get
from incidents.services.ingest import Outcome, ingest_failure_record
from incidents.services.jobs import job_submit
from incidents.sources.document import IngestError
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
        try:
            form.document(origin=origin)  # a text that cannot be a report is answered at once
        except IngestError as exc:
            ingest_failure_record(origin=origin, channel="form", reason=str(exc))
            form.add_error(None, f"The report could not be ingested: {exc}")
            return render(request, "incidents/report_form.html", {"form": form})
        job = job_submit(channel="form", origin=origin, payload=form.payload(),
                         submitter=request.user)
        if job.status == IngestJob.Status.DONE:
            outcome = Outcome(origin=origin, status=job.outcome, report_id=job.report_id)
            messages.add_message(
                request,
                messages.SUCCESS if outcome.status == "ingested" else messages.INFO,
                _result_message(outcome),
            )
            return redirect("incidents:map")
        if job.status != IngestJob.Status.FAILED:
            messages.info(request, _queued_message(job))
            return redirect("incidents:jobs")
        form.add_error(None, f"The report could not be ingested: {job.reason}")
    return render(request, "incidents/report_form.html", {"form": form})


@require_http_methods(["GET"])
def job_list(request: HttpRequest) -> HttpResponse:
    """"My submissions": the reports this account sent and what became of each."""
    page = Paginator(jobs_visible(user=request.user), 50).get_page(request.GET.get("page"))
    return render(request, "incidents/job_list.html", {"page": page})


def _queued_message(job: IngestJob) -> str:
    if job.status == IngestJob.Status.UNSENT:
        return (f"Saved as job {job.pk}: the ingest queue is unavailable just now, so it will be "
                "sent when the queue is back. Nothing is lost; its status is below.")
    return f"Queued as job {job.pk}: its status is below (reload to follow it)."


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
