from django.apps import AppConfig


class KnowledgeConfig(AppConfig):
    name = "stadtgespraeche.knowledge"
