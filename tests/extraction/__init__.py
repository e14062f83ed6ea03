"""Tests of incidents.extraction: pure, they run without Django (`pytest tests/extraction -p no:django`)."""
