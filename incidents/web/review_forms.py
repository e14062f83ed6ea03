"""Forms of the review workspace: correct an incident, pick a candidate, add a place,
delete with a reason, bulk actions. Every form carries the version the editor loaded."""

from __future__ import annotations

from django import forms
from django.contrib.gis.geos import Point

from gazetteer.models import Place
from incidents.extraction.taxonomy import EVENT_TYPES
from incidents.taxonomy import EventType, GeoPrecision, SubEventType, TimePrecision

BULK_ACTIONS = (("confirm", "Confirm selected"), ("regeoparse", "Re-geoparse selected"),
                ("merge", "Merge selected duplicates"))


class _Versioned(forms.Form):
    version = forms.IntegerField(min_value=1, widget=forms.HiddenInput)
    reason = forms.CharField(max_length=500, required=False, label="Reason",
                             widget=forms.TextInput(attrs={"placeholder": "why (kept in the history)"}))


class IncidentEditForm(_Versioned):
    """Type, sub-type, date, actors, fatalities, the point and its precision."""

    event_type = forms.ChoiceField(choices=EventType.choices)
    sub_event_type = forms.ChoiceField(choices=SubEventType.choices, label="Sub-type")
    event_date = forms.DateField(widget=forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"))
    time_precision = forms.TypedChoiceField(choices=TimePrecision.choices, coerce=int)
    actor1 = forms.CharField(max_length=200, required=False, label="Actor 1")
    actor2 = forms.CharField(max_length=200, required=False, label="Actor 2")
    fatalities = forms.IntegerField(min_value=0, max_value=1_000_000, required=False,
                                    help_text="Empty when unknown.")
    lat = forms.FloatField(min_value=-90, max_value=90, required=False, label="Latitude")
    lon = forms.FloatField(min_value=-180, max_value=180, required=False, label="Longitude")
    geo_precision = forms.TypedChoiceField(choices=GeoPrecision.choices, coerce=int, label="Precision")

    field_order = ["version", "event_type", "sub_event_type", "event_date", "time_precision", "actor1",
                   "actor2", "fatalities", "lat", "lon", "geo_precision", "reason"]

    def clean(self):
        data = super().clean()
        event_type, sub = data.get("event_type"), data.get("sub_event_type")
        if event_type and sub and sub not in EVENT_TYPES.get(event_type, ()):
            self.add_error("sub_event_type", f"“{sub}” is not a sub-type of “{event_type}”.")
        if (data.get("lat") is None) != (data.get("lon") is None):
            self.add_error("lat", "Give both latitude and longitude, or neither.")
        return data

    def changes(self) -> dict:
        """The edited fields as the service takes them."""
        data = self.cleaned_data
        location = (Point(data["lon"], data["lat"], srid=4326)
                    if data.get("lat") is not None else None)
        out = {name: data[name] for name in ("event_type", "sub_event_type", "event_date", "time_precision",
                                             "actor1", "actor2", "fatalities", "geo_precision")}
        out["location"] = location
        return out


class PickForm(_Versioned):
    """One click: this mention names this place."""

    mention = forms.IntegerField(min_value=1)
    place = forms.ModelChoiceField(queryset=Place.objects.all(), error_messages={
        "invalid_choice": "That place is not in the gazetteer (any more)."})
    geo_precision = forms.TypedChoiceField(choices=GeoPrecision.choices, coerce=int, required=False,
                                           empty_value=None)


class PlaceAddForm(_Versioned):
    """A place the gazetteer lacks: names in both scripts, a point, its governorate."""

    mention = forms.IntegerField(min_value=1, required=False)
    name = forms.CharField(max_length=200, label="Name (Latin script)")
    name_ar = forms.CharField(max_length=200, required=False, label="Name (Arabic script)",
                              widget=forms.TextInput(attrs={"dir": "rtl", "lang": "ar"}))
    lat = forms.FloatField(min_value=-90, max_value=90, label="Latitude")
    lon = forms.FloatField(min_value=-180, max_value=180, label="Longitude")
    parent = forms.ModelChoiceField(
        queryset=Place.objects.filter(feature_code="ADM1").order_by("country_code", "name"),
        required=False, label="Governorate")

    def clean_name(self):
        name = " ".join(self.cleaned_data["name"].split())
        if len(name) < 3:
            raise forms.ValidationError("A name of at least three letters.")
        return name


class DeleteForm(forms.Form):
    reason = forms.CharField(max_length=500, label="Why delete it",
                             error_messages={"required": "Say why it is deleted (it can be restored)."})


class BulkForm(forms.Form):
    action = forms.ChoiceField(choices=BULK_ACTIONS)
    ids = forms.TypedMultipleChoiceField(coerce=int, choices=(), error_messages={
        "required": "Select at least one incident."})
    reason = forms.CharField(max_length=500, required=False)

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        # Any id is offered; the service reads only live incidents among them.
        self.fields["ids"].valid_value = lambda value: str(value).isdigit()
