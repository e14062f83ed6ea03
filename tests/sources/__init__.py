"""Tests of incidents.sources: text, HTML and URL sources -> ReportDocument."""
