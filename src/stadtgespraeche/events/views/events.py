"""Public views of the events app: "Mitglied werden" and the Stadtgespräche pages."""

from typing import Any

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.contrib.auth.views import redirect_to_login
from django.core.exceptions import PermissionDenied
from django.core.paginator import Paginator
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.functional import cached_property
from django.utils.http import urlencode
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_safe

from stadtgespraeche.accounts.http import AuthenticatedRequest
from stadtgespraeche.events import queries, services
from stadtgespraeche.events.enums import Confidentiality
from stadtgespraeche.events.exceptions import EventError
from stadtgespraeche.events.forms import ImpulseProposalForm
from stadtgespraeche.network import queries as network_queries

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


@require_safe
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
        "feed_series": network_queries.default_series(),
    }
    return render(request, "events/event_list.html", context)


@require_safe
def event_detail(request: HttpRequest, slug: str) -> HttpResponse:
    """One Stadtgespräch with its agenda; 404 when the visitor may not see it.

    A logged-out visitor asking for a network event is sent to the login page instead.
    """
    event = queries.visible_event(request.user, slug)
    if event is None:
        if queries.is_members_only_for(request.user, slug):
            return redirect_to_login(request.get_full_path())
        raise Http404
    is_organiser = queries.is_organiser_viewer(request.user)
    labels = queries.labels_of(event)
    context = {
        "event": event,
        "agenda": queries.page_agenda(event),
        "topics": labels.topics,
        "hosts": labels.hosts,
        "co_hosts": labels.co_hosts,
        # Chatham House rule: speakers named only to participants and organisers.
        "show_speakers": request.user.has_perm("documentation.view_speakers", event),
        "is_chatham_house": event.confidentiality == Confidentiality.CHATHAM_HOUSE,
        "is_organiser": is_organiser,
        "can_propose": request.user.has_perm("events.propose_impulse", event),
    }
    return render(request, "events/event_detail.html", context)


@login_required
@require_http_methods(["GET", "POST"])
def impulse_propose(request: AuthenticatedRequest, slug: str) -> HttpResponse:
    """A coordinator of a member municipality proposes an impulse for an event in planning."""
    event = get_object_or_404(queries.visible_events(request.user), slug=slug)
    if not request.user.has_perm("events.propose_impulse", event):
        raise PermissionDenied
    municipalities = network_queries.coordinated_member_municipalities(request.user, event.series)
    data = request.POST if request.method == "POST" else None
    form = ImpulseProposalForm(data, municipalities=municipalities)
    if request.method == "POST" and form.is_valid():
        try:
            services.propose_impulse(event, **form.cleaned_data, by=request.user)
        except EventError as error:
            form.add_error(None, str(error))
        else:
            messages.success(request, _("Thank you. The organisers will decide on your proposal."))
            return redirect(event.get_absolute_url())
    return render(request, "events/impulse_propose.html", {"event": event, "form": form})
