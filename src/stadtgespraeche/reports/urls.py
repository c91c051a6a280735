from django.urls import path, register_converter

from . import views
from .converters import YearConverter

register_converter(YearConverter, "season_year")

app_name = "reports"

urlpatterns = [
    path("", views.season_index, name="season-index"),
    path("<slug:series>/<season_year:year>/", views.season_report, name="season-report"),
    path(
        "<slug:series>/<season_year:year>/saisonbericht.pdf",
        views.season_report_pdf,
        name="season-pdf",
    ),
    path(
        "<slug:series>/<season_year:year>/saisonbericht.csv",
        views.season_report_csv,
        name="season-csv",
    ),
]
