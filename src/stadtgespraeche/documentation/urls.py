from django.urls import path

from stadtgespraeche.documentation import views

app_name = "documentation"

urlpatterns = [
    path(
        "termine/<slug:slug>/dokumentation/bearbeiten/",
        views.documentation_manage,
        name="documentation-manage",
    ),
    path(
        "termine/<slug:slug>/dokumentation/fragen-uebernehmen/",
        views.questions_import,
        name="documentation-import-questions",
    ),
    path(
        "termine/<slug:slug>/dokumentation/anhaenge/",
        views.attachment_upload,
        name="attachment-upload",
    ),
    path("termine/<slug:slug>/dokumentation/folien/", views.slides_upload, name="slides-upload"),
    path(
        "termine/<slug:slug>/dokumentation/anhaenge/<id:pk>/entfernen/",
        views.attachment_delete,
        name="attachment-delete",
    ),
    path(
        "termine/<slug:slug>/dokumentation/veroeffentlichen/",
        views.documentation_publish,
        name="documentation-publish",
    ),
    path(
        "termine/<slug:slug>/dokumentation/anhaenge/<id:pk>/",
        views.attachment_download,
        name="attachment-download",
    ),
    path(
        "termine/<slug:slug>/dokumentation.pdf", views.documentation_pdf, name="documentation-pdf"
    ),
    path("termine/<slug:slug>/feedback/", views.feedback_give, name="feedback"),
    path("meine-impulse/", views.speaker_items, name="speaker-items"),
    path("termine/<slug:slug>/impuls/<id:pk>/", views.speaker_item, name="speaker-item"),
    path(
        "termine/<slug:slug>/impuls/<id:pk>/bestaetigen/",
        views.speaker_confirm,
        name="speaker-confirm",
    ),
    path("termine/<slug:slug>/impuls/<id:pk>/folien/", views.speaker_slides, name="speaker-slides"),
]
