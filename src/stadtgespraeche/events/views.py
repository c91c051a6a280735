"""Public views of the events app: "Mitglied werden" and the Stadtgespräche pages."""

from typing import Any, cast

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.core.paginator import Paginator
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import translation
from django.utils.functional import cached_property
from django.utils.http import urlencode
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods

from stadtgespraeche.accounts.models import User
from stadtgespraeche.core.htmx import is_htmx
from stadtgespraeche.core.throttling import client_ip
from stadtgespraeche.directory.queries import search_municipalities

from . import queries, services
from .enums import Confidentiality
from .exceptions import EventError, MembershipError
from .forms import CONSENT_TEXT_VERSION, HONEYPOT_FIELD, ApplicationForm, ImpulseProposalForm

# Events per page of the public list (upcoming and past are paged separately).
EVENT_PAGE_SIZE = 20


class _CountedPaginator(Paginator):
    """A paginator told its number of objects (both lists are counted in one query)."""

    def __init__(self, object_list: Any, per_page: int, *, count: int) -> None:
        super().__init__(object_list, per_page)
        self._known_count = count

    @cached_property
    def count(self) -> int:
        return self._known_count


@require_http_methods(["GET", "POST"])
def apply(request: HttpRequest) -> HttpResponse:
    series_choices = queries.series_accepting_applications()
    if not series_choices.exists():
        return render(request, "events/apply_closed.html")
    if request.method == "POST" and request.POST.get(HONEYPOT_FIELD):
        # A bot filled in the hidden field: answer as if all went well, store nothing.
        services.record_application_attempt(client_ip(request))
        return redirect("events:apply-done")
    form = ApplicationForm(request.POST or None, series_choices=series_choices)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            services.submit_application(
                series=data["series"],
                municipality=data["municipality"],
                contact_name=data["contact_name"],
                contact_email=data["contact_email"],
                contact_role=data["contact_role"],
                message=data["message"],
                consent_text_version=CONSENT_TEXT_VERSION,
                language=translation.get_language(),
                ip_address=client_ip(request),
            )
        except MembershipError as error:
            form.add_error(None, str(error))
        else:
            return redirect("events:apply-done")
    return render(request, "events/apply.html", {"form": form})


@require_GET
def apply_done(request: HttpRequest) -> HttpResponse:
    return render(request, "events/apply_done.html")


@require_GET
def municipality_search(request: HttpRequest) -> HttpResponse:
    """The list of matching municipalities, fetched by htmx while typing on the form.

    Without htmx the form itself offers the matches on submit, so plain requests go there.
    """
    if not is_htmx(request):
        return redirect("events:apply")
    query = " ".join(request.GET.get("municipality_query", "")[:150].split())
    return render(
        request,
        "events/apply.html#municipality-matches",
        {
            "query": query,
            "matches": search_municipalities(query),
            "selected_id": request.GET.get("municipality", ""),
            "show_matches": True,
        },
    )


@require_GET
def event_list(request: HttpRequest) -> HttpResponse:
    """Upcoming and past Stadtgespräche the visitor may see, each list paged on its own.

    `?page=` pages the upcoming, `?vergangen=` the past events; each list's links keep the
    other list's page.
    """
    upcoming_number = request.GET.get("page")
    past_number = request.GET.get("vergangen")
    upcoming_count, past_count = queries.event_list_counts(request.user)
    upcoming_page = _CountedPaginator(
        queries.upcoming_events(request.user), EVENT_PAGE_SIZE, count=upcoming_count
    ).get_page(upcoming_number)
    past_page = _CountedPaginator(
        queries.past_events(request.user), EVENT_PAGE_SIZE, count=past_count
    ).get_page(past_number)
    context = {
        "upcoming_page": upcoming_page,
        "past_page": past_page,
        "upcoming_events": list(upcoming_page.object_list),
        "past_events": list(past_page.object_list),
        "upcoming_query": urlencode({"vergangen": past_page.number}) if past_number else "",
        "past_query": urlencode({"page": upcoming_page.number}) if upcoming_number else "",
        "feed_series": queries.default_series(),
    }
    return render(request, "events/event_list.html", context)


@require_GET
def event_detail(request: HttpRequest, slug: str) -> HttpResponse:
    """One Stadtgespräch with its agenda; 404 when the visitor may not see it."""
    event = get_object_or_404(queries.visible_events(request.user), slug=slug)
    is_organiser = queries.is_organiser_viewer(request.user)
    context = {
        "event": event,
        "agenda": list(queries.agenda_of(event)),
        "topics": list(event.topics.all()),
        "hosts": list(event.hosts.all()),
        "co_hosts": list(event.co_hosts.all()),
        # Chatham House rule: speakers named only to participants and organisers.
        "show_speakers": request.user.has_perm("events.view_speakers", event),
        "is_chatham_house": event.confidentiality == Confidentiality.CHATHAM_HOUSE,
        "is_organiser": is_organiser,
        "can_propose": request.user.has_perm("events.propose_impulse", event),
    }
    return render(request, "events/event_detail.html", context)


@login_required
@require_http_methods(["GET", "POST"])
def impulse_propose(request: HttpRequest, slug: str) -> HttpResponse:
    """A coordinator of a member municipality proposes an impulse for an event in planning."""
    event = get_object_or_404(queries.visible_events(request.user), slug=slug)
    if not request.user.has_perm("events.propose_impulse", event):
        raise PermissionDenied
    municipalities = queries.coordinated_member_municipalities(request.user, event.series)
    data = request.POST if request.method == "POST" else None
    form = ImpulseProposalForm(data, municipalities=municipalities)
    if request.method == "POST" and form.is_valid():
        try:
            services.propose_impulse(event, **form.cleaned_data, by=cast(User, request.user))
        except EventError as error:
            form.add_error(None, str(error))
        else:
            messages.success(request, _("Thank you. The organisers will decide on your proposal."))
            return redirect(event.get_absolute_url())
    return render(request, "events/impulse_propose.html", {"event": event, "form": form})
