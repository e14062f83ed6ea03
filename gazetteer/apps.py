"""App config for the gazetteer."""

from django.apps import AppConfig


class GazetteerConfig(AppConfig):
    name = "gazetteer"
    verbose_name = "Gazetteer"

    def ready(self):
        # SQLite loads mod_spatialite with RTLD_GLOBAL, which puts the system GEOS and PROJ
        # symbols in the global scope; the shapely, pyproj and pyogrio wheels bundle their
        # own GEOS, PROJ and GDAL, and if they load after that, some of their calls bind to
        # the system libraries and the process aborts ("free(): invalid pointer"). Loading
        # them first, before any database connection, binds them to their own copies.
        # tests/test_native_libs.py guards this.
        import pyogrio  # noqa: F401
        import pyproj  # noqa: F401
        import shapely  # noqa: F401

        from gazetteer import signals

        signals.connect()
