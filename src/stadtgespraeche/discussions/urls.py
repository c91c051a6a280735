"""URLs of the discussions app (mounted at /diskussionen/)."""

from django.urls import path

from . import views

app_name = "discussions"

urlpatterns = [
    path("verhaltenskodex/", views.code_of_conduct, name="code-of-conduct"),
    path("neu/<slug:kind>/<int:owner_id>/", views.thread_start, name="thread-start"),
    path("<int:pk>/", views.thread_detail, name="thread-detail"),
    path("<int:pk>/beitrag/", views.thread_post, name="thread-post"),
    path("beitraege/<int:pk>/", views.post_detail, name="post-detail"),
    path("beitraege/<int:pk>/antworten/", views.post_reply, name="post-reply"),
    path("beitraege/<int:pk>/zitieren/", views.post_quote, name="post-quote"),
    path("beitraege/<int:pk>/bearbeiten/", views.post_edit, name="post-edit"),
    path("beitraege/<int:pk>/loeschen/", views.post_delete, name="post-delete"),
    path("beitraege/<int:pk>/melden/", views.post_report, name="post-report"),
]
