"""The API's JSON parser: DRF's, with a body nested too deeply answered as a 400.

DRF's ``JSONParser`` turns a ``ValueError`` into a ParseError (400) but not the
``RecursionError`` that ``json.loads`` raises on "[[[[..." 100,000 levels deep, which
became a 500 (tests/hostile/test_api_payloads.py).
"""

from rest_framework.exceptions import ParseError
from rest_framework.parsers import JSONParser


class SafeJSONParser(JSONParser):
    def parse(self, stream, media_type=None, parser_context=None):
        try:
            return super().parse(stream, media_type=media_type, parser_context=parser_context)
        except RecursionError:
            raise ParseError("JSON parse error - nested too deeply") from None
