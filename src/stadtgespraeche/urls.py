from django.conf import settings
from django.conf.urls.static import static
from django.urls import include, path

urlpatterns = [
    path("i18n/", include("django.conf.urls.i18n")),
    path("konto/", include("stadtgespraeche.accounts.urls")),
    path("themen/", include("stadtgespraeche.pages.urls_topics")),
    path("verzeichnis/", include("stadtgespraeche.directory.urls")),
    path("netzwerk/", include("stadtgespraeche.events.urls")),
    path("themenwuensche/", include("stadtgespraeche.wishes.urls")),
    path("praxis/", include("stadtgespraeche.knowledge.urls")),
    path("diskussionen/", include("stadtgespraeche.discussions.urls")),
    path("benachrichtigungen/", include("stadtgespraeche.notifications.urls")),
    path("suche/", include("stadtgespraeche.search.urls")),
    path("organisation/", include("stadtgespraeche.dashboard.urls")),
    path("", include("stadtgespraeche.pages.urls")),
]

if settings.DEBUG:
    urlpatterns += static(settings.MEDIA_URL, document_root=settings.MEDIA_ROOT)
