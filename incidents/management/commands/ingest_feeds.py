"""`manage.py ingest_feeds`: poll the RSS/Atom feeds and ingest their new entries."""

from django.core.management.base import BaseCommand, CommandError
from tqdm import tqdm

from incidents.models import Feed
from incidents.services.feeds import feed_add, feeds_poll
from incidents.sources.document import IngestError


class Command(BaseCommand):
    help = (
        "Poll active feeds (or those given with --feed) and ingest entries not seen before. "
        "--add URL registers a feed first. A feed that fails is recorded and the rest go on."
    )

    def add_arguments(self, parser):
        parser.add_argument("--add", action="append", default=[], metavar="URL",
                            help="Register a feed (repeatable), then poll.")
        parser.add_argument("--publisher", default="", help="Publisher name for --add feeds.")
        parser.add_argument("--feed", action="append", type=int, default=[], metavar="ID",
                            help="Poll only these feeds (by id).")
        parser.add_argument("--no-progress", action="store_true", help="No progress bar.")

    def handle(self, *args, add, publisher, feed, no_progress, **options):
        for url in add:
            try:
                registered = feed_add(url=url, publisher=publisher)
            except IngestError as exc:
                raise CommandError(str(exc)) from exc
            self.stdout.write(f"feed {registered.pk}: {registered.url}")
        feeds = Feed.objects.filter(active=True).order_by("pk")
        if feed:
            feeds = Feed.objects.filter(pk__in=feed).order_by("pk")
            unknown = set(feed) - set(feeds.values_list("pk", flat=True))
            if unknown:
                raise CommandError(f"no such feed: {', '.join(map(str, sorted(unknown)))}")
        stream = getattr(self.stderr, "_out", self.stderr)
        with tqdm(unit="entry", file=stream, disable=no_progress, desc="entries") as bar:
            results = feeds_poll(feeds=list(feeds), on_entry=lambda outcome: bar.update())
        totals = {"ingested": 0, "duplicate": 0, "failed": 0}
        for result in results:
            if result.error:
                self.stdout.write(f"feed {result.feed_id} {result.url}: FAILED: {result.error}")
                continue
            counts = {status: result.count(status) for status in totals}
            for status, count in counts.items():
                totals[status] += count
            state = "not modified" if result.not_modified else (
                f"{counts['ingested']} ingested, {counts['duplicate']} duplicate(s), "
                f"{counts['failed']} failed, {result.seen} already seen"
            )
            self.stdout.write(f"feed {result.feed_id} {result.url}: {state}")
            for outcome in result.outcomes:
                if outcome.status == "failed":
                    self.stdout.write(f"  failed {outcome.origin}: {outcome.reason}")
        failed_feeds = sum(1 for result in results if result.error)
        self.stdout.write(
            f"Summary: {len(results)} feed(s) polled ({failed_feeds} failed); entries: "
            f"{totals['ingested']} ingested, {totals['duplicate']} duplicate(s), "
            f"{totals['failed']} failed"
        )
