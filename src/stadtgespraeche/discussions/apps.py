from django.apps import AppConfig


class DiscussionsConfig(AppConfig):
    name = "stadtgespraeche.discussions"
