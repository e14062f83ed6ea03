"""Reports and what was found in them (the "paste a report" page's answer)."""

from __future__ import annotations

from incidents.models import Incident, Report


def report_get(*, report_id: int) -> Report:
    """The stored report with this id."""
    return Report.objects.get(pk=report_id)


def report_findings(*, report: Report) -> tuple[list[Incident], int]:
    """The report's own incidents in text order, and how many incidents of other reports
    it was linked to (the same events, reported elsewhere first)."""
    found = list(Incident.objects.filter(report=report).order_by("start"))
    linked = Incident.objects.filter(other_reports=report).count()
    return found, linked
