"""The topic pages, mounted at /themen/ under the "topics" namespace.

The catalogue list comes from the topics app; the detail page is composed here (view
level) because it shows content of higher apps: Stadtgespräche, wishes, followers and the
sections registered through `topics.sections`.
"""

from django.urls import path

from stadtgespraeche.core.response_cache import public_cache
from stadtgespraeche.pages.views import topics
from stadtgespraeche.topics import views as catalogue

app_name = "topics"

urlpatterns = [
    path("", public_cache(catalogue.topic_list), name="topic-list"),
    path("<slug:slug>/", public_cache(topics.topic_detail), name="topic-detail"),
    path("<slug:slug>/folgen/", topics.topic_follow, name="topic-follow"),
]
