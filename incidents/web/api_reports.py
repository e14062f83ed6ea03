"""`POST /api/reports`: reports from other systems, authenticated by API token.

`Authorization: Token <key>`; only the key's SHA-256 is stored (ApiToken.key_hash).
`Content-Type: application/json` posts one report; `application/x-ndjson` posts one per
line. The endpoint is CSRF-exempt only because it never uses the session: a logged-in
browser without a token gets 401 like anyone else.
"""

from __future__ import annotations

import json

from django.conf import settings
from django.contrib.auth.decorators import login_not_required
from django.core.exceptions import RequestDataTooBig
from django.http import HttpRequest, JsonResponse
from django.views.decorators.csrf import csrf_exempt
from django.views.decorators.http import require_POST

from incidents.services.ingest import Outcome, source_ingest
from incidents.services.tokens import api_token_user
from incidents.sources.document import IngestError, ReportDocument
from incidents.sources.payloads import document_from_payload

JSON = "application/json"
NDJSON = "application/x-ndjson"


def _error(message: str, status: int) -> JsonResponse:
    response = JsonResponse({"error": message}, status=status)
    if status == 401:
        response["WWW-Authenticate"] = 'Token realm="api"'
    return response


@login_not_required
@csrf_exempt
@require_POST
def reports_create(request: HttpRequest) -> JsonResponse:
    """One report (JSON) -> 201 created / 200 duplicate / 400; NDJSON bulk -> 200 summary."""
    user = api_token_user(authorization=request.headers.get("Authorization", ""))
    if user is None:
        return _error("a valid API token is required: Authorization: Token <key>", 401)
    if not user.has_perm("incidents.add_report"):
        return _error("this token's user may not add reports", 403)
    origin = f"api:{user.get_username()}"
    if request.content_type == NDJSON:
        return _bulk(request, origin=origin)
    if request.content_type != JSON:
        return _error(f"Content-Type must be {JSON} or {NDJSON}", 415)
    try:
        body = request.body
    except RequestDataTooBig:
        return _error("request body too large; send several reports as application/x-ndjson", 413)
    outcome = source_ingest(load=lambda: _document(body, origin=origin), origin=origin,
                            channel="api")
    if outcome.status == "failed":
        return _error(outcome.reason, 500 if outcome.internal else 400)
    return JsonResponse(
        {"report_id": outcome.report_id, "created": outcome.status == "ingested",
         "incidents": outcome.incidents},
        status=201 if outcome.status == "ingested" else 200,
    )


def _document(line: bytes, *, origin: str) -> ReportDocument:
    if len(line) > settings.ATLAS_MAX_REPORT_BYTES:
        raise IngestError(
            f"report too large: {len(line):,} bytes (limit {settings.ATLAS_MAX_REPORT_BYTES:,})"
        )
    try:
        payload = json.loads(line.decode("utf-8"))
    except UnicodeDecodeError as exc:
        raise IngestError(f"body is not UTF-8: {exc}") from exc
    except json.JSONDecodeError as exc:
        raise IngestError(f"invalid JSON: {exc}") from exc
    return document_from_payload(payload, origin=origin)


def _line_document(line: bytes, *, oversized: bool, origin: str) -> ReportDocument:
    if oversized:
        raise IngestError(f"line too large (limit {settings.ATLAS_MAX_REPORT_BYTES:,} bytes)")
    return _document(line.strip(), origin=origin)


def _bulk(request: HttpRequest, *, origin: str) -> JsonResponse:
    """Ingest line by line from the stream, so a large batch is never held in memory."""
    limit = settings.ATLAS_MAX_REPORT_BYTES
    outcomes: list[tuple[int, Outcome]] = []
    number = 0
    while True:
        line = request.readline(limit + 2)
        if not line:
            break
        number += 1
        oversized = len(line) > limit and not line.endswith(b"\n")
        while line and not line.endswith(b"\n") and oversized:  # skip the rest of it
            line = request.readline(64 * 1024)
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
    return JsonResponse({
        "ingested": sum(o.status == "ingested" for _, o in outcomes),
        "duplicates": sum(o.status == "duplicate" for _, o in outcomes),
        "failed": [{"line": n, "error": o.reason} for n, o in outcomes if o.status == "failed"],
    })
