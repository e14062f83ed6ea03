"""API URLs: /api/v1/ (router), /api/schema/ and its docs page /docs/api/."""

from django.urls import include, path
from rest_framework.routers import SimpleRouter

from .feeds import FeedViewSet
from .gazetteer import AdminAreaViewSet, PlaceViewSet
from .incidents import IncidentViewSet
from .jobs import JobView
from .reports import ReportViewSet
from .schema import DocsView, SchemaView

router = SimpleRouter()
router.register("incidents", IncidentViewSet, basename="incident")
router.register("reports", ReportViewSet, basename="report")
router.register("places", PlaceViewSet, basename="place")
router.register("admin-areas", AdminAreaViewSet, basename="adminarea")
router.register("feeds", FeedViewSet, basename="feed")

app_name = "api"

urlpatterns = [
    path("api/v1/", include(router.urls)),
    path("api/v1/jobs/<int:pk>/", JobView.as_view(), name="job-detail"),
    path("api/schema/", SchemaView.as_view(), name="schema"),
    path("docs/api/", DocsView.as_view(url_name="api:schema"), name="docs"),
]
