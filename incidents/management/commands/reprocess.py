"""`manage.py reprocess [--all | REPORT_ID ...]`: geoparse and extract stored reports again.

For after the gazetteer grew or extraction improved. Incidents an analyst confirmed,
corrected or moved are kept untouched (see incidents.services.reprocess). A progress bar (counts
and rate) goes to stderr, a summary to stdout; a report that fails is listed with its
reason and the others go on.
"""

from collections import Counter

from django.core.management.base import BaseCommand, CommandError
from tqdm import tqdm

from incidents.models import Report
from incidents.services.reprocess import report_reprocess

_COUNTS = ("kept", "unchanged", "updated", "created", "deleted", "linked", "mentions")


class Command(BaseCommand):
    help = (
        "Re-run geoparsing and extraction on stored reports, keeping every incident an "
        "analyst confirmed, corrected or moved."
    )

    def add_arguments(self, parser):
        parser.add_argument("report_ids", nargs="*", type=int, metavar="REPORT_ID")
        parser.add_argument("--all", dest="every", action="store_true", help="Every stored report.")
        parser.add_argument("--no-progress", action="store_true", help="No progress bar.")

    def handle(self, *args, report_ids, every: bool, no_progress, **options):
        if every == bool(report_ids):
            raise CommandError("give either --all or one or more REPORT_IDs")
        if every:
            ids = list(Report.objects.order_by("pk").values_list("pk", flat=True))
        else:
            found = set(Report.objects.filter(pk__in=report_ids).values_list("pk", flat=True))
            missing = [str(pk) for pk in report_ids if pk not in found]
            if missing:
                raise CommandError(f"no such report: {', '.join(missing)}")
            ids = list(dict.fromkeys(report_ids))
        totals: Counter = Counter()
        changed, failures = 0, []
        # tqdm needs the raw stream: Django's wrapper would end every redraw with a newline.
        stream = getattr(self.stderr, "_out", self.stderr)
        with tqdm(total=len(ids), unit="report", file=stream, disable=no_progress, dynamic_ncols=True) as bar:
            for pk in ids:
                report = Report.objects.filter(pk=pk).first()
                try:
                    if report is None:
                        raise LookupError("deleted while reprocessing")
                    result = report_reprocess(report=report)
                except Exception as exc:  # one bad report must not stop the batch
                    failures.append((pk, f"{type(exc).__name__}: {exc}"))
                    bar.write(f"failed   report {pk}: {failures[-1][1]}", file=stream)
                else:
                    totals.update({name: getattr(result, name) for name in _COUNTS})
                    changed += result.changed
                bar.update()
                bar.set_postfix(changed=changed, failed=len(failures), refresh=False)
        self.stdout.write(
            f"reprocessed {len(ids) - len(failures)} report(s), {changed} changed, {len(failures)} failed"
        )
        self.stdout.write(
            "incidents: "
            + ", ".join(f"{totals[name]} {name}" for name in _COUNTS if name != "mentions")
            + f"; mentions: {totals['mentions']}"
        )
        for pk, reason in failures:
            self.stdout.write(f"  failed report {pk}: {reason}")
        if failures:
            raise CommandError(f"{len(failures)} report(s) failed")
