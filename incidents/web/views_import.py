"""The "import ACLED data" page: editors upload an ACLED CSV; the result lists bad rows."""

import io

from django.contrib.auth.decorators import permission_required
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.views.decorators.http import require_http_methods

from incidents.services.imports import acled_import
from incidents.sources.acled import AcledFileError
from incidents.web.forms import AcledImportForm

# Rows with errors listed on the page; the count says how many more there were.
SHOWN_FAILURES = 200


@require_http_methods(["GET", "POST"])
@permission_required("incidents.add_report", raise_exception=True)
def acled_import_page(request: HttpRequest) -> HttpResponse:
    """GET: the form. POST: import the file and show what became of its rows."""
    form = AcledImportForm(request.POST or None, request.FILES or None)
    result = None
    if request.method == "POST" and form.is_valid():
        upload = form.cleaned_data["file"]
        try:
            lines = io.TextIOWrapper(upload.file, encoding="utf-8-sig", newline="")
            result = acled_import(lines=lines, origin=f"upload:{request.user.get_username()}:{upload.name}")
        except AcledFileError as exc:
            form.add_error("file", f"{exc}; nothing imported.")
        except UnicodeDecodeError as exc:
            form.add_error("file", f"not UTF-8 text ({exc}); nothing imported.")
    context = {"form": form, "result": result,
               "failures": result.failed[:SHOWN_FAILURES] if result else [],
               "more_failures": max(0, len(result.failed) - SHOWN_FAILURES) if result else 0}
    return render(request, "incidents/import_form.html", context)
