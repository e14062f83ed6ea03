"""Fetch report pages and feeds over HTTP: timeouts, a streamed size limit, a real UA.

Settings (all optional): ATLAS_USER_AGENT, ATLAS_FETCH_TIMEOUT (connect, read) seconds,
ATLAS_FETCH_DEADLINE (total seconds for one download, so a server trickling bytes cannot
hold a worker), ATLAS_MAX_REPORT_BYTES (also the download limit), ATLAS_FETCH_PRIVATE.

Feed entries and URL lists are untrusted: a link to 127.0.0.1, 10.0.0.0/8 or the cloud
metadata address 169.254.169.254 would make the server fetch an internal page and store it
as a report analysts can read (server-side request forgery). Unless ATLAS_FETCH_PRIVATE is
on (a mirror on the intranet, the tests' local servers), a URL, and every redirect, must
resolve to public addresses only. (A DNS answer that changes between this check and the
connection is not caught; the deployment's egress firewall is the second line.)
"""

from __future__ import annotations

import ipaddress
import socket
import time
from dataclasses import dataclass
from urllib.parse import urljoin, urlsplit

import requests
from django.conf import settings

from incidents.sources.document import IngestError, ReportDocument
from incidents.sources.text import decode_bytes, document_from_text

from .html import decode_html, document_from_html_text

DEFAULT_USER_AGENT = "IncidentAtlas/0.1 (+contact)"
DEFAULT_TIMEOUT = (5.0, 20.0)
DEFAULT_DEADLINE = 60.0

HTML_TYPES = {"text/html", "application/xhtml+xml"}
TEXT_TYPES = {"text/plain"}
FEED_TYPES = {"application/rss+xml", "application/atom+xml", "application/rdf+xml",
              "application/xml", "text/xml", "application/x-rss+xml"}
_CHUNK = 64 * 1024


class FetchUnavailable(IngestError):
    """A fetch that may work later (timeout, no connection, 5xx, 429): tasks retry these."""


@dataclass(slots=True)
class FetchedPage:
    """A downloaded resource: body bytes and what the server said about them."""

    url: str
    status: int
    content_type: str
    charset: str | None
    body: bytes
    headers: dict[str, str]


def user_agent() -> str:
    return getattr(settings, "ATLAS_USER_AGENT", DEFAULT_USER_AGENT)


def public_url_check(url: str) -> None:
    """IngestError unless every address ``url``'s host resolves to is a public one."""
    if getattr(settings, "ATLAS_FETCH_PRIVATE", False):
        return
    parts = urlsplit(url)
    host = parts.hostname or ""
    try:
        port = parts.port or (443 if parts.scheme == "https" else 80)
        infos = socket.getaddrinfo(host, port, type=socket.SOCK_STREAM)
    except (OSError, ValueError, UnicodeError) as exc:
        raise FetchUnavailable(f"cannot resolve {host!r} in {url[:200]}: {exc}") from exc
    for *_, sockaddr in infos:
        address = ipaddress.ip_address(str(sockaddr[0]).split("%")[0])
        if not address.is_global:
            raise IngestError(f"refused to fetch {url[:200]}: {host} is a private or local address "
                              f"({address}); ATLAS_FETCH_PRIVATE allows it")


def _redirect_check(response, *args, **kwargs):
    # requests calls this for every answer, before it follows a redirect.
    if response.is_redirect:
        public_url_check(urljoin(response.url, response.headers.get("Location", "")))
    return response


def url_fetch(
    *,
    url: str,
    accept: set[str] | None = None,
    headers: dict[str, str] | None = None,
    max_bytes: int | None = None,
    session: requests.Session | None = None,
) -> FetchedPage:
    """GET `url` within the time and size limits; IngestError says what went wrong.

    `accept` is the set of acceptable media types (None accepts any). A 304 answer is
    returned as is (for conditional GETs); other non-2xx answers are errors.
    """
    if not url.startswith(("http://", "https://")):
        raise IngestError(f"not an http(s) URL: {url[:200]!r}")
    limit = max_bytes if max_bytes is not None else settings.ATLAS_MAX_REPORT_BYTES
    timeout = tuple(getattr(settings, "ATLAS_FETCH_TIMEOUT", DEFAULT_TIMEOUT))
    deadline = time.monotonic() + getattr(settings, "ATLAS_FETCH_DEADLINE", DEFAULT_DEADLINE)
    request_headers = {"User-Agent": user_agent(), "Accept": _accept_header(accept)}
    request_headers.update(headers or {})
    http = session or requests
    public_url_check(url)
    try:
        with http.get(url, headers=request_headers, timeout=timeout, stream=True,
                      hooks={"response": _redirect_check}) as response:
            content_type, charset = _content_type(response.headers.get("Content-Type", ""))
            page = FetchedPage(
                url=response.url, status=response.status_code, content_type=content_type,
                charset=charset, body=b"", headers=dict(response.headers),
            )
            if response.status_code == 304:
                return page
            if response.status_code >= 500 or response.status_code == 429:
                raise FetchUnavailable(f"HTTP {response.status_code} {response.reason} from {url}")
            if response.status_code >= 400:
                raise IngestError(f"HTTP {response.status_code} {response.reason} from {url}")
            if accept is not None and content_type not in accept:
                raise IngestError(
                    f"unsupported content type {content_type or '(none)'!r} from {url} "
                    f"(expected {', '.join(sorted(accept))})"
                )
            declared = response.headers.get("Content-Length", "")
            if declared.isdigit() and int(declared) > limit:
                raise IngestError(
                    f"response too large: {int(declared):,} bytes (limit {limit:,}) from {url}"
                )
            page.body = _read_limited(response, limit=limit, deadline=deadline, url=url)
            return page
    except requests.exceptions.ConnectTimeout as exc:
        raise FetchUnavailable(f"timed out connecting to {url} (after {timeout[0]} s)") from exc
    except requests.exceptions.ReadTimeout as exc:
        raise FetchUnavailable(f"timed out waiting for {url} (no data for {timeout[1]} s)") from exc
    except requests.exceptions.TooManyRedirects as exc:
        raise IngestError(f"too many redirects from {url}") from exc
    except requests.exceptions.ConnectionError as exc:
        # A read timeout while streaming the body surfaces as a ConnectionError.
        if "timed out" in str(exc).lower():
            raise FetchUnavailable(f"timed out reading {url} (no data for {timeout[1]} s)") from exc
        raise FetchUnavailable(f"could not connect to {url}: {exc}") from exc
    except requests.exceptions.RequestException as exc:
        raise IngestError(f"could not fetch {url}: {type(exc).__name__}: {exc}") from exc


def _read_limited(response, *, limit: int, deadline: float, url: str) -> bytes:
    # Streamed so a huge or endless body is cut off at the limit, not held in memory.
    chunks, size = [], 0
    for chunk in response.iter_content(_CHUNK):
        size += len(chunk)
        if size > limit:
            raise IngestError(f"response too large: more than {limit:,} bytes from {url}")
        if time.monotonic() > deadline:
            raise IngestError(f"timed out downloading {url} (too slow)")
        chunks.append(chunk)
    return b"".join(chunks)


def _content_type(header: str) -> tuple[str, str | None]:
    media, _, params = header.partition(";")
    charset = None
    for param in params.split(";"):
        key, _, value = param.partition("=")
        if key.strip().lower() == "charset" and value.strip():
            charset = value.strip().strip("\"'")
    return media.strip().lower(), charset


def _accept_header(accept: set[str] | None) -> str:
    if not accept:
        return "*/*"
    return ", ".join(sorted(accept)) + ";q=1.0, */*;q=0.1"


def document_from_url(*, url: str, session: requests.Session | None = None) -> ReportDocument:
    """Fetch one report page (HTML or plain text) and extract its text and metadata."""
    page = url_fetch(url=url, accept=HTML_TYPES | TEXT_TYPES, session=session)
    if not page.body.strip():
        raise IngestError(f"empty response from {url}")
    if page.content_type in HTML_TYPES:
        return document_from_html_text(
            decode_html(page.body, charset=page.charset), url=page.url, origin=url
        )
    text = _decode_text(page.body, charset=page.charset)
    document = document_from_text(text, origin=url)
    document.url = document.url or page.url
    return document


def _decode_text(data: bytes, *, charset: str | None) -> str:
    if charset:
        try:
            return data.decode(charset)
        except (LookupError, UnicodeDecodeError):
            pass  # a wrong declaration: sniff instead
    return decode_bytes(data)


def read_url_list(text: str) -> list[str]:
    """URLs of a URL-list file: one per line; blank lines and # comments ignored."""
    urls = []
    for line in text.splitlines():
        line = line.strip()
        if line and not line.startswith("#"):
            urls.append(line)
    return urls
