from django.conf import settings
from django.conf.urls.static import static
from django.urls import include, path

from stadtgespraeche.core.language import switch_language

urlpatterns = [
    path("health/", include("stadtgespraeche.operations.urls")),
    # The language switch without a CSRF token, so that pages stay cacheable (core/language.py).
    path("i18n/setlang/", switch_language, name="set_language"),
    path("konto/", include("stadtgespraeche.accounts.urls")),
    path("themen/", include("stadtgespraeche.pages.urls.topics")),
    # The people directory and contacts share the /verzeichnis/ prefix; the network, its
    # Stadtgespräche and what belongs to one (registration, room, questions, documentation)
    # share /netzwerk/. The patterns of the apps under one prefix do not overlap.
    path("verzeichnis/", include("stadtgespraeche.people.urls")),
    path("verzeichnis/", include("stadtgespraeche.contacts.urls")),
    path("netzwerk/", include("stadtgespraeche.network.urls")),
    path("netzwerk/", include("stadtgespraeche.events.urls")),
    path("netzwerk/", include("stadtgespraeche.registrations.urls")),
    path("netzwerk/", include("stadtgespraeche.rooms.urls")),
    path("netzwerk/", include("stadtgespraeche.questions.urls")),
    path("netzwerk/", include("stadtgespraeche.documentation.urls")),
    path("themenwuensche/", include("stadtgespraeche.wishes.urls")),
    path("praxis/", include("stadtgespraeche.knowledge.urls")),
    path("ratsinformation/", include("stadtgespraeche.oparl.urls")),
    path("diskussionen/", include("stadtgespraeche.discussions.urls")),
    path("benachrichtigungen/", include("stadtgespraeche.notifications.urls")),
    path("suche/", include("stadtgespraeche.search.urls")),
    path("organisation/saisonberichte/", include("stadtgespraeche.reports.urls")),
    path("organisation/", include("stadtgespraeche.dashboard.urls")),
    path("", include("stadtgespraeche.pages.urls.site")),
]

# The site's error pages (core/errors.py, templates 400.html … 503.html in core); the 500
# handler answers an unreachable database with the maintenance page 503.
handler400 = "stadtgespraeche.core.errors.bad_request"
handler403 = "stadtgespraeche.core.errors.permission_denied"
handler404 = "stadtgespraeche.core.errors.page_not_found"
handler500 = "stadtgespraeche.core.errors.server_error"

if settings.DEBUG:
    urlpatterns += static(settings.MEDIA_URL, document_root=settings.MEDIA_ROOT)
