from django.urls import path

from stadtgespraeche.operations import views

app_name = "operations"

urlpatterns = [
    path("live", views.live, name="live"),
    path("ready", views.ready, name="ready"),
]
