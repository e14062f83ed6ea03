"""`manage.py geoparse [--jsonl] [FILE|-]`: toponyms and incidents as JSON (stable contract).

Plain input is one document; with --jsonl each line is
{"id": ..., "text": ..., "published_at": "YYYY-MM-DD"} (published_at optional) and each
output line is one document's result.
"""

import datetime as dt
import json
import sys

from django.core.management.base import BaseCommand, CommandError

from incidents.services.analysis import analysis_as_json, report_analyse


class Command(BaseCommand):
    help = "Geoparse text and print toponyms and incidents as JSON."

    def add_arguments(self, parser):
        parser.add_argument("file", nargs="?", default="-", help="input file, or - for stdin")
        parser.add_argument("--jsonl", action="store_true", help="one JSON document per line")

    def handle(self, *args, file, jsonl, **options):
        raw = self._read(file)
        if not jsonl:
            result = report_analyse(text=raw, published=None)
            self.stdout.write(json.dumps(analysis_as_json(doc_id=None, analysis=result), ensure_ascii=False))
            return
        for number, line in enumerate(raw.splitlines(), start=1):
            if not line.strip():
                continue
            doc_id, text, published = self._parse_line(line, number)
            result = report_analyse(text=text, published=published)
            self.stdout.write(
                json.dumps(analysis_as_json(doc_id=doc_id, analysis=result), ensure_ascii=False)
            )

    @staticmethod
    def _read(file: str) -> str:
        if file == "-":
            return sys.stdin.read()
        try:
            with open(file, encoding="utf-8") as handle:
                return handle.read()
        except (OSError, UnicodeDecodeError) as exc:
            raise CommandError(f"cannot read {file}: {exc}") from exc

    @staticmethod
    def _parse_line(line: str, number: int) -> tuple[object, str, dt.date | None]:
        try:
            doc = json.loads(line)
            text = doc["text"]
        except (json.JSONDecodeError, KeyError, TypeError) as exc:
            raise CommandError(f"line {number}: not a JSON object with a 'text' field ({exc})") from exc
        published = doc.get("published_at")
        try:
            published = dt.date.fromisoformat(published[:10]) if published else None
        except (TypeError, ValueError) as exc:
            raise CommandError(f"line {number}: published_at must be YYYY-MM-DD") from exc
        return doc.get("id"), str(text), published
