from django.urls import path

from . import views

app_name = "reports"

urlpatterns = [
    path("", views.season_index, name="season-index"),
    path("<slug:series>/<int:year>/", views.season_report, name="season-report"),
    path("<slug:series>/<int:year>/saisonbericht.pdf", views.season_report_pdf, name="season-pdf"),
    path("<slug:series>/<int:year>/saisonbericht.csv", views.season_report_csv, name="season-csv"),
]
