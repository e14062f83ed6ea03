"""Login required everywhere except the login page, static files and views marked public.

A view opts out with Django's `login_not_required` decorator (it sets
`view.login_required = False`). Django REST framework's views opt out the same way and
authenticate every request themselves (token or session, `incidents.web.rest.auth`).
"""

from django.conf import settings
from django.contrib.auth.views import redirect_to_login
from django.http import JsonResponse
from django.urls import reverse


class LoginRequiredMiddleware:
    """Every page and API needs an authenticated user; APIs answer 401 JSON, pages redirect."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        return self.get_response(request)

    def process_view(self, request, view_func, view_args, view_kwargs):
        if request.user.is_authenticated or self._is_public(request.path):
            return None
        if not getattr(view_func, "login_required", True):
            return None
        if request.path.startswith(("/api/", "/export/")):
            return JsonResponse({"error": "authentication required"}, status=401)
        return redirect_to_login(request.get_full_path(), reverse(settings.LOGIN_URL))

    @staticmethod
    def _is_public(path: str) -> bool:
        public = (reverse(settings.LOGIN_URL), "/" + settings.STATIC_URL.lstrip("/"), "/admin/login/")
        return path.startswith(public)
