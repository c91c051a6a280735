"""The start page and the static pages of the public site."""

from typing import Any

from django.contrib import messages
from django.db.models import QuerySet
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.functional import SimpleLazyObject
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.translation import get_language
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods

from stadtgespraeche.core.throttling import Throttle, client_ip
from stadtgespraeche.events import queries as event_queries
from stadtgespraeche.municipalities.data_sources import DATA_SOURCES
from stadtgespraeche.network.enums import MembershipStatus
from stadtgespraeche.network.models import Membership
from stadtgespraeche.network.queries import is_network_viewer
from stadtgespraeche.pages import services
from stadtgespraeche.pages.enums import SiteTextKey
from stadtgespraeche.pages.forms import AccessibilityFeedbackForm
from stadtgespraeche.pages.texts import site_text
from stadtgespraeche.topics.queries import active_topics

SERIES_SLUG = "smarte-stadtgespraeche"
START_PAGE_TOPICS = 8
START_PAGE_EVENTS = 3
FEEDBACK_LIMIT = 5
FEEDBACK_WINDOW_SECONDS = 60 * 60
FEEDBACK_PER_IP = Throttle("feedback-ip", limit=FEEDBACK_LIMIT, window=FEEDBACK_WINDOW_SECONDS)


def member_memberships(*, series_slug: str = SERIES_SLUG) -> QuerySet[Membership]:
    """Current member municipalities of the series, for the start page list (and map)."""
    return (
        Membership.objects.filter(series__slug=series_slug, status=MembershipStatus.MEMBER)
        .select_related("municipality__state")
        .order_by("municipality__name")
    )


def _viewer_level(user: Any) -> str:
    """What the start page shows depends only on this (drafts, network events)."""
    if event_queries.is_organiser_viewer(user):
        return "organiser"
    return "network" if is_network_viewer(user) else "public"


def home(request: HttpRequest) -> HttpResponse:
    # Lazy: the page's content is a fragment cached per viewer level (`fragment_cache`); a
    # stored one reads none of these.
    memberships = SimpleLazyObject(lambda: list(member_memberships()))
    context = {
        "viewer_level": _viewer_level(request.user),
        "upcoming_events": event_queries.upcoming_events(request.user)[:START_PAGE_EVENTS],
        "past_events": event_queries.past_events(request.user)[:START_PAGE_EVENTS],
        "topics": active_topics()[:START_PAGE_TOPICS],
        "memberships": memberships,
        "map_items": SimpleLazyObject(
            lambda: [
                (membership.municipality, MembershipStatus.MEMBER.label, MembershipStatus.MEMBER)
                for membership in memberships
            ]
        ),
    }
    return render(request, "pages/home.html", context)


def about(request: HttpRequest) -> HttpResponse:
    return render(request, "pages/about.html")


def legal_notice(request: HttpRequest) -> HttpResponse:
    return render(
        request, "pages/sitetext_page.html", {"text": site_text(SiteTextKey.LEGAL_NOTICE)}
    )


def privacy(request: HttpRequest) -> HttpResponse:
    return render(request, "pages/sitetext_page.html", {"text": site_text(SiteTextKey.PRIVACY)})


@require_http_methods(["GET", "POST"])
def accessibility(request: HttpRequest) -> HttpResponse:
    form = AccessibilityFeedbackForm(
        request.POST or None, initial={"page_url": _referring_page(request)}
    )
    if request.method == "POST" and form.is_valid():
        if FEEDBACK_PER_IP.hit(client_ip(request)) > FEEDBACK_PER_IP.limit:
            form.add_error(
                None, _("Too many messages from your connection. Please try again later.")
            )
            return render(request, "pages/accessibility.html", {"form": form}, status=429)
        if not form.is_spam:
            services.send_accessibility_feedback(
                message=form.cleaned_data["message"],
                name=form.cleaned_data["name"],
                email=form.cleaned_data["email"],
                page_url=form.cleaned_data["page_url"],
                language=get_language() or "de",
            )
        messages.success(request, _("Thank you! Your message has been sent to the organisers."))
        return redirect("pages:accessibility")
    return render(request, "pages/accessibility.html", {"form": form})


def _referring_page(request: HttpRequest) -> str:
    """The page of this site the visitor came from, to prefill "page concerned"."""
    referer = request.headers.get("Referer", "")
    if referer and url_has_allowed_host_and_scheme(referer, allowed_hosts={request.get_host()}):
        return referer[:500]
    return ""


def easy_language(request: HttpRequest) -> HttpResponse:
    return render(request, "pages/easy_language.html")


def data_sources(request: HttpRequest) -> HttpResponse:
    return render(request, "pages/data_sources.html", {"sources": DATA_SOURCES})
