from django.apps import AppConfig


class MunicipalitiesConfig(AppConfig):
    name = "stadtgespraeche.municipalities"
