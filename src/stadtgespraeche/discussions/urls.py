"""URLs of the discussions app (mounted at /diskussionen/)."""

from django.urls import path

from stadtgespraeche.core.response_cache import public_cache

from . import views

app_name = "discussions"

urlpatterns = [
    path("verhaltenskodex/", views.code_of_conduct, name="code-of-conduct"),
    path("neu/<slug:kind>/<id:owner_id>/", views.thread_start, name="thread-start"),
    path("<id:pk>/", public_cache(views.thread_detail), name="thread-detail"),
    path("<id:pk>/beitrag/", views.thread_post, name="thread-post"),
    path("beitraege/<id:pk>/", views.post_detail, name="post-detail"),
    path("beitraege/<id:pk>/antworten/", views.post_reply, name="post-reply"),
    path("beitraege/<id:pk>/zitieren/", views.post_quote, name="post-quote"),
    path("beitraege/<id:pk>/bearbeiten/", views.post_edit, name="post-edit"),
    path("beitraege/<id:pk>/loeschen/", views.post_delete, name="post-delete"),
    path("beitraege/<id:pk>/melden/", views.post_report, name="post-report"),
]
