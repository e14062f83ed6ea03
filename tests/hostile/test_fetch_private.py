"""Server-side request forgery: a hostile feed entry or URL list cannot make the server
fetch an internal address (incidents/sources/web.py, ATLAS_FETCH_PRIVATE off).

Loopback, private, link-local (the cloud metadata address), unspecified and IPv6 local
addresses, in every spelling a URL allows (a name, a decimal or hex integer), are refused
before any request is sent, and so is a redirect to one of them; a public address passes.
The rest of the suite fetches from 127.0.0.1 with ATLAS_FETCH_PRIVATE on (config/settings/test.py).
"""

import pytest
import requests

from incidents.sources.document import IngestError
from incidents.sources.web import _redirect_check, document_from_url, public_url_check, url_fetch
from tests.local_http import serve

INTERNAL = [
    "http://127.0.0.1/", "http://localhost:6379/", "http://[::1]/", "http://0.0.0.0/", "http://10.1.2.3/",
    "http://172.16.0.1/", "http://192.168.1.1/", "http://169.254.169.254/latest/meta-data/",
    "http://2130706433/", "http://0x7f000001/", "http://127.1/", "http://[::ffff:127.0.0.1]/",
    "http://100.64.0.1/", "https://[fd00::1]:8443/",
]


@pytest.fixture
def private_refused(settings):
    settings.ATLAS_FETCH_PRIVATE = False


@pytest.mark.parametrize("url", INTERNAL)
def test_internal_addresses_are_refused(private_refused, url):
    with pytest.raises(IngestError, match="private or local address"):
        public_url_check(url)


def test_a_public_address_passes(private_refused):
    public_url_check("http://8.8.8.8/")  # an address literal: no DNS lookup
    public_url_check("https://[2001:4860:4860::8888]/")


def test_nothing_is_sent_to_a_local_server(private_refused):
    with serve() as server:
        url = server.add("/secret", "<html><body><p>internal admin page</p></body></html>")
        with pytest.raises(IngestError, match="private or local address"):
            document_from_url(url=url)
        with pytest.raises(IngestError, match="private or local address"):
            url_fetch(url=url)
        assert server.hits("/secret") == []


@pytest.mark.parametrize("location", ["http://127.0.0.1:8000/admin/", "//169.254.169.254/", "http://[::1]/x"])
def test_a_redirect_to_an_internal_address_is_refused(private_refused, location):
    response = requests.Response()
    response.status_code = 302
    response.url = "http://8.8.8.8/feed"
    response.headers["Location"] = location
    with pytest.raises(IngestError, match="private or local address"):
        _redirect_check(response)


def test_the_tests_own_local_servers_are_allowed(settings):
    assert settings.ATLAS_FETCH_PRIVATE  # config/settings/test.py
    with serve() as server:
        body = "Clashes in Mosul on Monday. " * 20
        url = server.add("/page", f"<html><body><p>{body}</p></body></html>")
        assert document_from_url(url=url).text
