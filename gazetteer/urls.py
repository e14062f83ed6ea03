"""Gazetteer URLs (place search comes with the full gazetteer)."""

urlpatterns: list = []
