"""Tests of management commands through their whole pipeline (ingest, extract_eval)."""
