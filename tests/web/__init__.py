"""Tests of incidents.web: pages, the map's API, adding reports, login and roles, the browser."""
