from django.urls import path

from stadtgespraeche.registrations.views import calendar, coordination, registration

app_name = "registrations"

urlpatterns = [
    path("termine/<slug:slug>/anmelden/", registration.register, name="registration-create"),
    path(
        "termine/<slug:slug>/anmelden/ratsmitglied/",
        registration.register_councillor,
        name="registration-councillor",
    ),
    path(
        "termine/<slug:slug>/anmelden/ratsmitglied/<id:pk>/",
        coordination.register_from_list,
        name="coordinator-register",
    ),
    path("koordination/ratsmitglieder/", coordination.councillors, name="coordinator-councillors"),
    path("termine/<slug:slug>/abmelden/", registration.cancel_own, name="registration-cancel"),
    path(
        "anmeldung/abmelden/<str:token>/",
        registration.self_cancel,
        name="registration-self-cancel",
    ),
    path("kalender/", calendar.calendar_settings, name="calendar-settings"),
    path("kalender/<str:token>.ics", calendar.personal_feed, name="calendar-personal-feed"),
]
