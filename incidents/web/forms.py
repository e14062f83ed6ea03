"""Forms: "paste a report" for analysts."""

from django import forms
from django.conf import settings

from incidents.sources.document import ReportDocument
from incidents.sources.payloads import document_from_fields


class ReportForm(forms.Form):
    """A report pasted by an analyst; metadata left empty is read from the text."""

    text = forms.CharField(
        widget=forms.Textarea(attrs={"rows": 16, "dir": "auto"}),
        strip=False,
        help_text="The article text (plain text or the page's HTML). A first line on its own "
                  "is taken as the headline when no title is given.",
    )
    title = forms.CharField(max_length=500, required=False)
    publisher = forms.CharField(max_length=200, required=False)
    url = forms.URLField(max_length=2000, required=False, assume_scheme="https", label="URL")
    published_at = forms.DateTimeField(
        required=False,
        label="Published",
        widget=forms.DateTimeInput(attrs={"type": "datetime-local"}, format="%Y-%m-%dT%H:%M"),
        help_text="Publication time (UTC); relative dates in the text are read from it.",
    )

    def clean_text(self) -> str:
        text = self.cleaned_data["text"]
        size = len(text.encode("utf-8"))
        limit = settings.ATLAS_MAX_REPORT_BYTES
        if size > limit:
            raise forms.ValidationError(f"Report too large: {size:,} bytes (limit {limit:,}).")
        if not text.strip():
            raise forms.ValidationError("The report has no text.")
        return text

    def payload(self) -> dict:
        """The report as a JSON object (what a queued job keeps until it is ingested)."""
        data = self.cleaned_data
        published = data["published_at"]
        return {"text": data["text"], "title": data["title"], "publisher": data["publisher"],
                "url": data["url"], "published_at": published.isoformat() if published else ""}

    def document(self, *, origin: str) -> ReportDocument:
        """The report to store (IngestError when its text is unusable)."""
        data = self.cleaned_data
        return document_from_fields(
            text=data["text"],
            title=data["title"],
            publisher=data["publisher"],
            url=data["url"],
            published_at=data["published_at"],
            origin=origin,
        )


class AcledImportForm(forms.Form):
    """An ACLED CSV export (or one of ours) to import."""

    file = forms.FileField(
        label="ACLED CSV file",
        help_text="ACLED's export columns (event_id_cnty, event_date, event_type, ...); extra columns are "
                  "ignored. Events already imported (same event_id_cnty) are updated, not doubled.",
    )

    def clean_file(self):
        upload = self.cleaned_data["file"]
        limit = settings.ATLAS_MAX_IMPORT_BYTES
        if upload.size > limit:
            raise forms.ValidationError(
                f"File too large: {upload.size:,} bytes (limit {limit:,}, ATLAS_MAX_IMPORT_BYTES); "
                "split it by year or country."
            )
        return upload
