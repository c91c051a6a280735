from django.urls import path

from stadtgespraeche.core.response_cache import public_cache
from stadtgespraeche.events.views import calendar, events

app_name = "events"

urlpatterns = [
    path("termine/", public_cache(events.event_list), name="event-list"),
    path("termine/<slug:slug>/", public_cache(events.event_detail), name="event-detail"),
    path("termine/<slug:slug>/impuls-vorschlagen/", events.impulse_propose, name="impulse-propose"),
    path("termine/<slug:slug>/kalender.ics", public_cache(calendar.event_ics), name="event-ics"),
    path("reihen/<slug:slug>/kalender.ics", public_cache(calendar.series_feed), name="series-feed"),
]
