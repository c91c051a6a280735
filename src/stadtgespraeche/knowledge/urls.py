from django.urls import path

from stadtgespraeche.core.response_cache import public_cache

from . import views

app_name = "knowledge"

urlpatterns = [
    path("", public_cache(views.practice_list), name="practice-list"),
    path("neu/", views.practice_create, name="practice-create"),
    path("meine/", views.mine, name="mine"),
    path("<slug:slug>/", public_cache(views.practice_detail), name="practice-detail"),
    path("<slug:slug>/bearbeiten/", views.practice_edit, name="practice-edit"),
    path("<slug:slug>/einreichen/", views.practice_submit, name="practice-submit"),
    path("<slug:slug>/pruefen/", views.practice_review, name="practice-review"),
    path("<slug:slug>/zurueckziehen/", views.practice_unpublish, name="practice-unpublish"),
    path("<slug:slug>/loeschen/", views.practice_delete, name="practice-delete"),
    path("<slug:slug>/versionen/", views.practice_versions, name="practice-versions"),
    path("<slug:slug>/dateien/", views.attachment_upload, name="attachment-upload"),
    path("<slug:slug>/dateien/<id:pk>/", views.attachment_download, name="attachment-download"),
    path(
        "<slug:slug>/dateien/<id:pk>/entfernen/",
        views.attachment_delete,
        name="attachment-delete",
    ),
]
