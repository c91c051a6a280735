"""URLs of the notifications app (mounted at /benachrichtigungen/)."""

from django.urls import path

from . import views

app_name = "notifications"

urlpatterns = [
    path("", views.centre, name="centre"),
    path("<id:pk>/gelesen/", views.mark_read, name="mark-read"),
    path("alle-gelesen/", views.mark_all_read, name="mark-all-read"),
    path("einstellungen/", views.preferences, name="settings"),
    path("abmelden/<str:token>/", views.unsubscribe, name="unsubscribe"),
    path("folgen/", views.follow, name="follow"),
    path("gefolgt/", views.following, name="following"),
]
