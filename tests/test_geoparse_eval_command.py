"""The geoparse_eval command's clear errors (the scoring itself: tests/geoparser/)."""

import io

import pytest
from django.core.management import CommandError, call_command


@pytest.mark.django_db
def test_command_exits_clearly_without_data(tmp_path):
    with pytest.raises(CommandError, match="evaluation data not found"):
        call_command("geoparse_eval", data_dir=tmp_path / "absent", stdout=io.StringIO())


@pytest.mark.django_db
def test_command_needs_the_country_outlines(tmp_path):
    with pytest.raises(CommandError, match="outlines"):
        call_command("geoparse_eval", data_dir=tmp_path, stdout=io.StringIO())
