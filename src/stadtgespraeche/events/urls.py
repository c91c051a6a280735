from django.urls import path

from . import views

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
