from django.urls import path

from .views import texts, topics

app_name = "dashboard"

urlpatterns: list = [
    path("themen/", topics.topic_list, name="topic-list"),
    path("themen/neu/", topics.topic_create, name="topic-create"),
    path("themen/<int:pk>/bearbeiten/", topics.topic_update, name="topic-update"),
    path("themen/<int:pk>/status/", topics.topic_set_active, name="topic-set-active"),
    path("seitentexte/", texts.sitetext_list, name="sitetext-list"),
    path("seitentexte/<str:key>/bearbeiten/", texts.sitetext_update, name="sitetext-update"),
]
