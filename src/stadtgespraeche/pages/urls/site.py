"""Public site: start and information pages, municipality pages."""

from django.urls import path

from stadtgespraeche.core.response_cache import public_cache
from stadtgespraeche.pages.views import municipalities, overview, site

app_name = "pages"

urlpatterns = [
    path("", public_cache(site.home), name="home"),
    path("uebersicht/", overview.overview, name="overview"),
    path("ueber-das-format/", public_cache(site.about), name="about"),
    path("impressum/", public_cache(site.legal_notice), name="legal-notice"),
    path("datenschutz/", public_cache(site.privacy), name="privacy"),
    path("barrierefreiheit/", public_cache(site.accessibility), name="accessibility"),
    path("leichte-sprache/", public_cache(site.easy_language), name="easy-language"),
    path("datenquellen/", public_cache(site.data_sources), name="data-sources"),
    path("kommunen/", public_cache(municipalities.municipality_list), name="municipality-list"),
    path(
        "kommunen/<slug:slug>/",
        public_cache(municipalities.municipality_detail),
        name="municipality-detail",
    ),
]
