"""The optional Nominatim fallback, against a local server that answers like Nominatim."""

import json
import threading
import time
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from urllib.parse import parse_qs, urlparse

import pytest

from gazetteer import geocoder
from gazetteer.geoparser import Toponym
from gazetteer.models import GeocodeCache

pytestmark = pytest.mark.django_db

ANSWERS = {"Ain Al-Jahsh": [{"lat": "36.3712", "lon": "43.1544", "display_name": "Ain Al-Jahsh, Ninawa, Iraq",
                             "place_id": 1, "osm_type": "node", "type": "village"}]}


class FakeNominatim(BaseHTTPRequestHandler):
    requests: list = []
    fail = False

    def do_GET(self):  # noqa: N802 - http.server's name
        url = urlparse(self.path)
        query = parse_qs(url.query)
        type(self).requests.append({"path": url.path, "q": query.get("q", [""])[0],
                                    "countrycodes": query.get("countrycodes", [""])[0],
                                    "agent": self.headers.get("User-Agent"), "at": time.monotonic()})
        if type(self).fail:
            self.send_response(500)
            self.end_headers()
            return
        body = json.dumps(ANSWERS.get(query.get("q", [""])[0], [])).encode()
        self.send_response(200)
        self.send_header("Content-Type", "application/json")
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        self.wfile.write(body)

    def log_message(self, *args):
        pass


@pytest.fixture
def nominatim(settings):
    FakeNominatim.requests = []
    FakeNominatim.fail = False
    server = ThreadingHTTPServer(("127.0.0.1", 0), FakeNominatim)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    settings.ATLAS_GEOCODER_ONLINE = True
    settings.ATLAS_GEOCODER_DOMAIN = f"127.0.0.1:{server.server_address[1]}"
    settings.ATLAS_GEOCODER_SCHEME = "http"
    settings.ATLAS_GEOCODER_MIN_DELAY = 0.4
    settings.ATLAS_USER_AGENT = "IncidentAtlas-test/1.0 (+https://example.org/atlas)"
    yield FakeNominatim
    server.shutdown()
    server.server_close()


def test_off_by_default_asks_nobody(settings, nominatim):
    del settings.ATLAS_GEOCODER_ONLINE
    assert geocoder.geocode_lookup(query="Ain Al-Jahsh") is None
    assert nominatim.requests == []


def test_answer_is_limited_cached_and_sent_with_user_agent(nominatim):
    found = geocoder.geocode_lookup(query="  Ain   Al-Jahsh ")
    assert (found.lat, found.lon) == (36.3712, 43.1544)
    (req,) = nominatim.requests
    assert (req["path"], req["q"], req["countrycodes"]) == ("/search", "Ain Al-Jahsh", "iq,sy")
    assert req["agent"] == "IncidentAtlas-test/1.0 (+https://example.org/atlas)"
    row = GeocodeCache.objects.get()
    assert (row.provider, row.query, row.countries, row.found) == ("nominatim", "Ain Al-Jahsh", "iq,sy", True)
    assert geocoder.geocode_lookup(query="Ain Al-Jahsh") == found
    assert len(nominatim.requests) == 1  # the second answer came from the cache


def test_misses_are_cached_errors_are_not(nominatim):
    assert geocoder.geocode_lookup(query="Nowhere Village") is None
    assert GeocodeCache.objects.get().found is False
    assert geocoder.geocode_lookup(query="Nowhere Village") is None
    assert len(nominatim.requests) == 1
    nominatim.fail = True
    assert geocoder.geocode_lookup(query="Other Village") is None
    assert GeocodeCache.objects.count() == 1


def test_one_request_per_interval(nominatim):
    geocoder.geocode_lookup(query="First Village")
    geocoder.geocode_lookup(query="Second Village")
    first, second = nominatim.requests
    assert second["at"] - first["at"] >= 0.35


def test_unresolved_toponyms_get_a_point_and_stay_unresolved(nominatim):
    unknown = Toponym(0, 12, "Ain Al-Jahsh")
    demonym = Toponym(20, 25, "Iraqi", kind="demonym")
    placed, same = geocoder.toponyms_geocode_unresolved(toponyms=[unknown, demonym])
    assert same is demonym and unknown.point is None  # new values, the inputs unchanged
    unknown = placed
    assert unknown.place is None and unknown.point == (36.3712, 43.1544)
    assert (unknown.relation, unknown.geo_precision) == ("geocoded", 2)
    assert [r["q"] for r in nominatim.requests] == ["Ain Al-Jahsh"]


def test_empty_name_is_a_clear_error():
    with pytest.raises(ValueError, match="non-empty"):
        geocoder.geocode_lookup(query="   ")
