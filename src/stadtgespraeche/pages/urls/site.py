"""Public site: start and information pages, municipality pages."""

from django.urls import path

from stadtgespraeche.pages.views import municipalities, overview, site

app_name = "pages"

urlpatterns = [
    path("", site.home, name="home"),
    path("uebersicht/", overview.overview, name="overview"),
    path("ueber-das-format/", site.about, name="about"),
    path("impressum/", site.legal_notice, name="legal-notice"),
    path("datenschutz/", site.privacy, name="privacy"),
    path("barrierefreiheit/", site.accessibility, name="accessibility"),
    path("leichte-sprache/", site.easy_language, name="easy-language"),
    path("datenquellen/", site.data_sources, name="data-sources"),
    path("kommunen/", municipalities.municipality_list, name="municipality-list"),
    path("kommunen/<slug:slug>/", municipalities.municipality_detail, name="municipality-detail"),
]
