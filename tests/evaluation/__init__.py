"""Tests of incidents.evaluation: pure, they run without Django (`pytest tests/evaluation -p no:django`)."""
