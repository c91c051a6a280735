"""URLs of the wishes app (mounted at /themenwuensche/)."""

from django.urls import path

from . import views

app_name = "wishes"

urlpatterns = [
    path("", views.round_list, name="round-list"),
    path("neu/", views.round_create, name="round-create"),
    path("runde/<id:pk>/", views.round_detail, name="round-detail"),
    path("runde/<id:pk>/wuenschen/", views.wish_create, name="wish-create"),
    path("runde/<id:pk>/sammeln/", views.wish_collect, name="wish-collect"),
    path("runde/<id:pk>/aufruf/", views.call_for_wishes, name="call-for-wishes"),
    path("runde/<id:pk>/ergebnis/", views.round_results, name="round-results"),
    path("runde/<id:pk>/phase/", views.round_phase, name="round-phase"),
    path("wunsch/<id:pk>/", views.wish_detail, name="wish-detail"),
    path("wunsch/<id:pk>/unterstuetzen/", views.wish_support, name="wish-support"),
    path("wunsch/<id:pk>/stimme/", views.wish_vote, name="wish-vote"),
    path("wunsch/<id:pk>/zusammenfuehren/", views.wish_merge, name="wish-merge"),
    path("wunsch/<id:pk>/einplanen/", views.wish_plan, name="wish-plan"),
]
