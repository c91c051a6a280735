from django.urls import path

from stadtgespraeche.rooms import views

app_name = "rooms"

urlpatterns = [
    path("termine/<slug:slug>/online-raum/", views.room_join, name="room-join"),
    path("termine/<slug:slug>/online-raum/beenden/", views.room_end, name="room-end"),
    path("reihen/<slug:slug>/online-raum/", views.series_room, name="series-room"),
]
