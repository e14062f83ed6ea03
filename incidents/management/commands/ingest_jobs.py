"""`manage.py ingest_jobs`: ingest jobs by status; --resend sends again those a broker outage
or a killed worker left behind (running a job twice stores nothing twice)."""

import datetime as dt

from django.core.management.base import BaseCommand

from incidents.models import IngestJob
from incidents.services.jobs import jobs_count, jobs_resend


class Command(BaseCommand):
    help = (
        "Count ingest jobs by status and list the failed ones. --resend sends again the jobs "
        "never queued (broker down) and those queued or running for more than --stale-minutes."
    )

    def add_arguments(self, parser):
        parser.add_argument("--resend", action="store_true", help="Send unsent and stale jobs again.")
        parser.add_argument("--stale-minutes", type=float, default=None,
                            help="Queued/running for longer than this counts as lost "
                                 "(default ATLAS_JOB_STALE_MINUTES).")
        parser.add_argument("--failed", type=int, default=10, metavar="N",
                            help="List the N most recent failed jobs (default 10).")

    def handle(self, *args, resend, stale_minutes, failed, **options):
        if resend:
            stale = dt.timedelta(minutes=stale_minutes) if stale_minutes is not None else None
            sent = jobs_resend(stale_after=stale)
            self.stdout.write(f"re-sent {sent['sent']} job(s); {sent['unsent']} still unsent "
                              "(queue unavailable)")
        counts = jobs_count()
        self.stdout.write("  ".join(f"{status}: {count}" for status, count in counts.items()))
        for job in IngestJob.objects.filter(status=IngestJob.Status.FAILED)[:failed]:
            self.stdout.write(f"  failed job {job.pk} {job.channel} {job.origin}: {job.reason}")
