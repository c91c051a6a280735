"""Public site. A plain list: the municipality pages append their paths below."""

from django.urls import path

from .views import site

app_name = "pages"

urlpatterns = [
    path("", site.home, name="home"),
    path("ueber-das-format/", site.about, name="about"),
    path("impressum/", site.legal_notice, name="legal-notice"),
    path("datenschutz/", site.privacy, name="privacy"),
    path("barrierefreiheit/", site.accessibility, name="accessibility"),
    path("leichte-sprache/", site.easy_language, name="easy-language"),
    path("datenquellen/", site.data_sources, name="data-sources"),
]
