"""Login required everywhere except the login page itself and static files."""

from django.conf import settings
from django.contrib.auth.views import redirect_to_login
from django.http import JsonResponse
from django.urls import reverse


class LoginRequiredMiddleware:
    """Every page and API needs an authenticated user; APIs answer 401 JSON, pages redirect."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        if not request.user.is_authenticated and not self._is_public(request.path):
            if request.path.startswith(("/api/", "/export/")):
                return JsonResponse({"error": "authentication required"}, status=401)
            return redirect_to_login(request.get_full_path(), reverse(settings.LOGIN_URL))
        return self.get_response(request)

    @staticmethod
    def _is_public(path: str) -> bool:
        public = (reverse(settings.LOGIN_URL), "/" + settings.STATIC_URL.lstrip("/"), "/admin/login/")
        return path.startswith(public)
