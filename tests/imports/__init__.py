"""ACLED import tests."""
