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
