from django.urls import path

from . import views, views_documentation

app_name = "events"

urlpatterns = [
    path("mitglied-werden/", views.apply, name="apply"),
    path("mitglied-werden/danke/", views.apply_done, name="apply-done"),
    path("mitglied-werden/kommunen/", views.municipality_search, name="municipality-search"),
    path("termine/", views.event_list, name="event-list"),
    path("termine/<slug:slug>/", views.event_detail, name="event-detail"),
    path(
        "termine/<slug:slug>/impuls-vorschlagen/",
        views.impulse_propose,
        name="impulse-propose",
    ),
    # Documentation and feedback after the event (views_documentation.py).
    path(
        "termine/<slug:slug>/dokumentation/bearbeiten/",
        views_documentation.documentation_manage,
        name="documentation-manage",
    ),
    path(
        "termine/<slug:slug>/dokumentation/anhaenge/",
        views_documentation.attachment_upload,
        name="attachment-upload",
    ),
    path(
        "termine/<slug:slug>/dokumentation/folien/",
        views_documentation.slides_upload,
        name="slides-upload",
    ),
    path(
        "termine/<slug:slug>/dokumentation/anhaenge/<int:pk>/entfernen/",
        views_documentation.attachment_delete,
        name="attachment-delete",
    ),
    path(
        "termine/<slug:slug>/dokumentation/veroeffentlichen/",
        views_documentation.documentation_publish,
        name="documentation-publish",
    ),
    path(
        "termine/<slug:slug>/dokumentation/anhaenge/<int:pk>/",
        views_documentation.attachment_download,
        name="attachment-download",
    ),
    path(
        "termine/<slug:slug>/dokumentation.pdf",
        views_documentation.documentation_pdf,
        name="documentation-pdf",
    ),
    path("termine/<slug:slug>/feedback/", views_documentation.feedback_give, name="feedback"),
]
