"""Tests of incidents.services: ingest, reprocess, relocation, feeds, the actor dictionary in use."""
