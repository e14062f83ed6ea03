"""URLs of the review workspace (editors), included under /review/ in the incidents namespace."""

from django.urls import path

from . import review_views as views

urlpatterns = [
    path("", views.queue, name="review-queue"),
    path("bulk", views.bulk, name="review-bulk"),
    path("places.json", views.places_json, name="review-places"),
    path("incidents/<int:pk>/", views.correct, name="review-correct"),
    path("incidents/<int:pk>/pick", views.pick, name="review-pick"),
    path("incidents/<int:pk>/place", views.place_add, name="review-place"),
    path("incidents/<int:pk>/revert/<int:history_id>", views.revert, name="review-revert"),
    path("incidents/<int:pk>/delete", views.delete, name="review-delete"),
    path("incidents/<int:pk>/restore", views.restore, name="review-restore"),
]
