"""URL map: the map page and its endpoints (incidents app), the REST API, admin, login/logout."""

from django.contrib import admin
from django.contrib.auth import views as auth_views
from django.urls import include, path

admin.site.site_header = "Incident atlas"
admin.site.site_title = "Incident atlas"

urlpatterns = [
    path("accounts/login/", auth_views.LoginView.as_view(), name="login"),
    path("accounts/logout/", auth_views.LogoutView.as_view(), name="logout"),
    path("admin/", admin.site.urls),
    path("", include("incidents.web.rest.urls")),
    path("", include("incidents.web.urls")),
]

# A database outage answers 503 with a clear page or JSON (incidents.web.unavailable).
handler500 = "incidents.web.unavailable.server_error"
