"""Tests of incidents.selectors (the timeline; the map's selectors are tested through tests/web)."""
