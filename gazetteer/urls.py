"""Gazetteer URLs: the place search API."""

from django.urls import path

from . import api

app_name = "gazetteer"

urlpatterns = [
    path("api/places", api.places, name="places"),
]
