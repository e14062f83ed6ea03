"""/api/v1/reports/: list and read reports; POST one (JSON) or many (NDJSON) to ingest them.

One JSON report is checked at once (400 with ``{"error": ...}``, also written to the
ingest log), then ingested as a job (incidents.services.jobs): 201 (created) or 200 (the
same text was already ingested) when the task ran in-process (CELERY_EAGER=1), else 202
with the job's URL (/api/v1/jobs/<id>/) to follow, status "queued", or "unsent" when the
broker is down (kept, sent again later). ``application/x-ndjson`` is read line by line from the
request stream, so a large batch is never held in memory; a bad line fails only itself.
"""

from __future__ import annotations

import json

from django.conf import settings
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import (
    OpenApiExample,
    OpenApiResponse,
    PolymorphicProxySerializer,
    extend_schema,
    extend_schema_view,
)
from rest_framework import exceptions, mixins, parsers, status, viewsets
from rest_framework.response import Response
from rest_framework.reverse import reverse

from incidents.models import Incident, IngestJob
from incidents.selectors.api import report_api_detail, report_api_list
from incidents.services.ingest import Outcome, ingest_failure_record, source_ingest
from incidents.services.jobs import job_submit, job_summary
from incidents.sources.document import IngestError, ReportDocument
from incidents.sources.payloads import document_from_payload

from .jobs import JobSerializer
from .serializers import (
    BulkResultSerializer,
    ErrorSerializer,
    IngestResultSerializer,
    ReportDetailSerializer,
    ReportInputSerializer,
    ReportSerializer,
)

NDJSON = "application/x-ndjson"


class RawJSONParser(parsers.BaseParser):
    """The body as bytes: `document_from_payload` validates it, so a bad body is logged too."""

    media_type = "application/json"

    def parse(self, stream, media_type=None, parser_context=None):
        # One byte over the limit is enough for `_document` to say it is too large.
        return stream.read(settings.ATLAS_MAX_REPORT_BYTES + 1) if stream is not None else b""


class NDJSONParser(parsers.BaseParser):
    """The request stream itself, read line by line by the view."""

    media_type = NDJSON

    def parse(self, stream, media_type=None, parser_context=None):
        return stream


def _document(line: bytes, *, origin: str) -> ReportDocument:
    return document_from_payload(_payload(line), origin=origin)


def _payload(line: bytes) -> dict:
    if len(line) > settings.ATLAS_MAX_REPORT_BYTES:
        raise IngestError(
            f"report too large: {len(line):,} bytes (limit {settings.ATLAS_MAX_REPORT_BYTES:,})"
        )
    try:
        payload = json.loads(line.decode("utf-8"))
    except UnicodeDecodeError as exc:
        raise IngestError(f"body is not UTF-8: {exc}") from exc
    except ValueError as exc:  # JSONDecodeError, or a number too long for int() (4,300 digits)
        raise IngestError(f"invalid JSON: {exc}") from exc
    except RecursionError:
        raise IngestError("invalid JSON: nested too deeply") from None
    if not isinstance(payload, dict):
        raise IngestError("expected a JSON object with a \"text\" field")
    return payload


def _line_document(line: bytes, *, oversized: bool, origin: str) -> ReportDocument:
    if oversized:
        raise IngestError(f"line too large (limit {settings.ATLAS_MAX_REPORT_BYTES:,} bytes)")
    return _document(line.strip(), origin=origin)


def _bulk(stream, *, origin: str) -> dict:
    limit = settings.ATLAS_MAX_REPORT_BYTES
    outcomes: list[tuple[int, Outcome]] = []
    number = 0
    while stream is not None:
        line = stream.readline(limit + 2)
        if not line:
            break
        number += 1
        oversized = len(line) > limit and not line.endswith(b"\n")
        while line and not line.endswith(b"\n") and oversized:  # skip the rest of it
            line = stream.readline(64 * 1024)
        if not oversized and not line.strip():
            continue
        outcome = source_ingest(
            load=lambda line=line, n=number, big=oversized: _line_document(
                line, oversized=big, origin=f"{origin}#{n}"
            ),
            origin=f"{origin}#{number}",
            channel="api",
        )
        outcomes.append((number, outcome))
    return {
        "ingested": sum(o.status == "ingested" for _, o in outcomes),
        "duplicates": sum(o.status == "duplicate" for _, o in outcomes),
        "failed": [{"line": n, "error": o.reason} for n, o in outcomes if o.status == "failed"],
    }


REPORT_EXAMPLE = {"text": "Iraqi jets struck an ISIS hideout near Mosul on Monday, killing three.",
                  "title": "Jets strike hideout", "publisher": "Wire", "url": "https://wire.example/1",
                  "published_at": "2021-05-18T09:00:00+03:00"}

REPORT_ROW = {"id": 7, "title": "Jets strike hideout", "publisher": "Wire", "url": "https://wire.example/1",
              "published_at": "2021-05-18T06:00:00Z", "ingested_at": "2021-05-18T07:00:00Z",
              "origin": "api:wire-bot", "incident_count": 1}


@extend_schema_view(
    list=extend_schema(summary="Reports, newest first (without their text)", examples=[OpenApiExample(
        "A page of reports", response_only=True,
        value={"next": None, "previous": None, "results": [REPORT_ROW]})]),
    retrieve=extend_schema(summary="One report with its text, mentions and incidents", examples=[
        OpenApiExample("A report", response_only=True, value={
            **REPORT_ROW, "text": REPORT_EXAMPLE["text"], "incidents": [42],
            "mentions": [{"id": 1, "start": 39, "end": 44, "surface": "Mosul", "kind": "place",
                          "place": {"id": 12, "name": "Mosul", "country_code": "IQ", "feature_code": "PPLA"},
                          "confidence": 0.93, "needs_review": False}]})]),
    create=extend_schema(
        summary="Ingest a report (JSON) or many (NDJSON, one JSON object per line)",
        request={"application/json": ReportInputSerializer, NDJSON: OpenApiTypes.STR},
        responses={
            201: IngestResultSerializer,
            200: OpenApiResponse(
                PolymorphicProxySerializer(
                    component_name="ReportIngestAnswer", resource_type_field_name=None,
                    serializers=[IngestResultSerializer, BulkResultSerializer]),
                description="Already ingested (JSON), or the NDJSON summary."),
            202: OpenApiResponse(JobSerializer, description="Queued (a broker runs the tasks): "
                                 "follow the job URL (also in Location) for its status."),
            400: ErrorSerializer,
        },
        examples=[
            OpenApiExample("A report", request_only=True, value=REPORT_EXAMPLE,
                           media_type="application/json"),
            OpenApiExample("Created", response_only=True, status_codes=["201"],
                           value={"report_id": 7, "created": True, "incidents": 1}),
            OpenApiExample("NDJSON summary", response_only=True, status_codes=["200"],
                           value={"ingested": 2, "duplicates": 1,
                                  "failed": [{"line": 3, "error": "invalid JSON: ..."}]}),
        ],
    ),
)
class ReportViewSet(mixins.CreateModelMixin, viewsets.ReadOnlyModelViewSet):
    """Reports: viewers read, editors (``incidents.add_report``) ingest."""

    filter_backends: list = []
    parser_classes = [RawJSONParser, NDJSONParser]

    def get_queryset(self):
        return report_api_detail() if self.action == "retrieve" else report_api_list()

    def get_serializer_class(self):
        if self.action == "retrieve":
            return ReportDetailSerializer
        return ReportInputSerializer if self.action == "create" else ReportSerializer

    def create(self, request, *args, **kwargs):
        origin = f"api:{request.user.get_username()}"
        media_type = request.content_type.split(";")[0].strip()
        if media_type not in (RawJSONParser.media_type, NDJSON):  # also a POST with no body at all
            raise exceptions.UnsupportedMediaType(media_type or "(none)")
        body = request.data
        if media_type == NDJSON:
            return Response(_bulk(body, origin=origin))
        return _single(body, origin=origin, request=request)


def _single(body: bytes, *, origin: str, request) -> Response:
    """One report: checked now (a bad body is 400 at once), then ingested as a job: 201/200
    when it ran already (CELERY_EAGER=1), else 202 with the job's URL to follow."""
    try:
        payload = _payload(body)
        document_from_payload(payload, origin=origin)
    except IngestError as exc:
        ingest_failure_record(origin=origin, channel="api", reason=str(exc))
        return Response({"error": str(exc)}, status=status.HTTP_400_BAD_REQUEST)
    job = job_submit(channel="api", origin=origin, payload=payload, submitter=request.user)
    job_url = reverse("api:job-detail", kwargs={"pk": job.pk})
    headers = {"Location": request.build_absolute_uri(job_url)}
    if job.status == IngestJob.Status.FAILED:
        internal = job.reason.startswith("internal error")
        return Response({"error": job.reason, "job": job_url},
                        status=500 if internal else status.HTTP_400_BAD_REQUEST)
    if job.status == IngestJob.Status.DONE:
        return Response(
            {"report_id": job.report_id, "created": job.outcome == "ingested",
             "incidents": Incident.objects.filter(report_id=job.report_id).count(), "job": job_url},
            status=status.HTTP_201_CREATED if job.outcome == "ingested" else status.HTTP_200_OK,
        )
    return Response({"job": job_url, **job_summary(job=job)}, status=status.HTTP_202_ACCEPTED,
                    headers=headers)
