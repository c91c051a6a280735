from django.urls import path

from . import views, views_documentation, views_registration

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
        "termine/<slug:slug>/dokumentation/fragen-uebernehmen/",
        views_documentation.questions_import,
        name="documentation-import-questions",
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

# Calendars (issue 4, section 6): views_calendar.
from . import views_calendar  # noqa: E402

urlpatterns += [
    path(
        "termine/<slug:slug>/kalender.ics",
        views_calendar.event_ics,
        name="event-ics",
    ),
    path(
        "reihen/<slug:slug>/kalender.ics",
        views_calendar.series_feed,
        name="series-feed",
    ),
    path("kalender/", views_calendar.calendar_settings, name="calendar-settings"),
    path(
        "kalender/<str:token>.ics",
        views_calendar.personal_feed,
        name="calendar-personal-feed",
    ),
    # Registration (views_registration).
    path(
        "termine/<slug:slug>/anmelden/",
        views_registration.register,
        name="registration-create",
    ),
    path(
        "termine/<slug:slug>/anmelden/ratsmitglied/",
        views_registration.register_councillor,
        name="registration-councillor",
    ),
    path(
        "termine/<slug:slug>/abmelden/",
        views_registration.cancel_own,
        name="registration-cancel",
    ),
    path(
        "anmeldung/abmelden/<str:token>/",
        views_registration.self_cancel,
        name="registration-self-cancel",
    ),
]

# Online rooms (docs/rooms.md) and the live Q&A (docs/events.md).
from . import views_questions, views_rooms  # noqa: E402

urlpatterns += [
    path("termine/<slug:slug>/online-raum/", views_rooms.room_join, name="room-join"),
    path("termine/<slug:slug>/online-raum/beenden/", views_rooms.room_end, name="room-end"),
    path("reihen/<slug:slug>/online-raum/", views_rooms.series_room, name="series-room"),
    path("termine/<slug:slug>/fragen/", views_questions.questions, name="question-list"),
    path("termine/<slug:slug>/fragen/stellen/", views_questions.ask, name="question-ask"),
    path(
        "termine/<slug:slug>/fragen/<int:pk>/abstimmen/",
        views_questions.vote,
        name="question-vote",
    ),
    path(
        "termine/<slug:slug>/fragen/<int:pk>/beantwortet/",
        views_questions.answer,
        name="question-answer",
    ),
    path(
        "termine/<slug:slug>/fragen/<int:pk>/ausblenden/",
        views_questions.hide,
        name="question-hide",
    ),
    path(
        "termine/<slug:slug>/fragen/export.md",
        views_questions.export,
        name="question-export",
    ),
]
