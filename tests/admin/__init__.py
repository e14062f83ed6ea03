"""Tests of the admin (incidents.admin and gazetteer.admin)."""
