"""URLs of the OParl app (mounted at /ratsinformation/)."""

from django.urls import path

from . import views

app_name = "oparl"

urlpatterns = [
    path("", views.coverage, name="coverage"),
    path("schnittstellen/neu/", views.endpoint_add, name="endpoint-add"),
    path("schnittstellen/<id:pk>/abgleichen/", views.endpoint_sync, name="endpoint-sync"),
    path("importe/<id:pk>/", views.run_detail, name="run-detail"),
    path("kommunen/<slug:slug>/personen/", views.people_list, name="people"),
    path("personen/<id:pk>/einladen/", views.person_invite, name="person-invite"),
    path("themen/", views.topic_keywords_list, name="topic-keywords"),
    path("themen/<slug:slug>/", views.topic_keywords_edit, name="topic-keywords-edit"),
]
