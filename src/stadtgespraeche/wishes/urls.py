"""URLs of the wishes app (mounted at /themenwuensche/)."""

from django.urls import path

from . import views

app_name = "wishes"

urlpatterns = [
    path("", views.round_list, name="round-list"),
    path("neu/", views.round_create, name="round-create"),
    path("runde/<int:pk>/", views.round_detail, name="round-detail"),
    path("runde/<int:pk>/wuenschen/", views.wish_create, name="wish-create"),
    path("runde/<int:pk>/sammeln/", views.wish_collect, name="wish-collect"),
    path("runde/<int:pk>/ergebnis/", views.round_results, name="round-results"),
    path("runde/<int:pk>/phase/", views.round_phase, name="round-phase"),
    path("wunsch/<int:pk>/", views.wish_detail, name="wish-detail"),
    path("wunsch/<int:pk>/unterstuetzen/", views.wish_support, name="wish-support"),
    path("wunsch/<int:pk>/stimme/", views.wish_vote, name="wish-vote"),
    path("wunsch/<int:pk>/zusammenfuehren/", views.wish_merge, name="wish-merge"),
    path("wunsch/<int:pk>/einplanen/", views.wish_plan, name="wish-plan"),
]
