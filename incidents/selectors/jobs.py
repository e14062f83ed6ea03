"""Ingest jobs as their submitters see them: one's own, or every job for the admin role."""

from django.db.models import QuerySet

from incidents.models import IngestJob


def jobs_visible(*, user) -> QuerySet[IngestJob]:
    """The jobs `user` may read: those it submitted (an admin: all), newest first."""
    jobs = IngestJob.objects.select_related("report").defer("payload")
    # Only the admin role holds every permission of the app, this one included.
    if user.has_perm("incidents.view_ingestjob"):
        return jobs
    return jobs.filter(submitter_id=user.pk) if user.is_authenticated else jobs.none()


def job_visible_get(*, user, job_id: int) -> IngestJob | None:
    """One job if `user` may read it (None otherwise: the same answer as a missing job)."""
    return jobs_visible(user=user).filter(pk=job_id).first()
