from django.urls import path

from stadtgespraeche.network import views

app_name = "network"

urlpatterns = [
    path("mitglied-werden/", views.apply, name="apply"),
    path("mitglied-werden/danke/", views.apply_done, name="apply-done"),
    path("mitglied-werden/kommunen/", views.municipality_search, name="municipality-search"),
]
