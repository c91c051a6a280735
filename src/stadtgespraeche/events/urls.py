from django.urls import path

from . import views, views_registration

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
