"""Views of the OParl app: the public coverage page; organisers add endpoints, start
imports and follow their progress."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from stadtgespraeche.accounts.exceptions import AlreadyActive
from stadtgespraeche.accounts.http import AuthenticatedRequest
from stadtgespraeche.core.htmx import template_for
from stadtgespraeche.municipalities.models import Municipality
from stadtgespraeche.people import queries as people_queries
from stadtgespraeche.people import services as people_services
from stadtgespraeche.topics.models import Topic

from . import queries
from .client import Fetcher
from .council_people import council_people, council_person
from .exceptions import EndpointRefused, SyncBusy
from .forms import EndpointForm, PrefilledInvitationForm, TopicKeywordsForm
from .models import Endpoint, OparlPerson, SyncRun, TopicKeywords
from .services.endpoints import add_endpoint, body_choices, check_system
from .services.runs import request_sync
from .services.topics import set_keywords


def _people_for(request: HttpRequest, rows: list[queries.CoverageRow]) -> set[int]:
    """Municipalities whose council persons the viewer may see to invite them."""
    user = request.user
    if not user.is_authenticated:
        return set()
    if user.has_perm("oparl.add_endpoint"):  # organisers
        return {row.municipality_id for row in rows if row.municipality_id}
    if user.has_perm("people.invite_person"):  # coordinators: their municipalities
        return set(people_queries.coordinated_municipalities(user).values_list("pk", flat=True))
    return set()


@require_GET
def coverage(request: HttpRequest) -> HttpResponse:
    rows = queries.coverage_rows()
    context = {
        "rows": rows,
        "can_add": request.user.has_perm("oparl.add_endpoint"),
        "can_run": request.user.has_perm("oparl.run_import"),
        "people_for": _people_for(request, rows),
    }
    return render(request, "oparl/coverage.html", context)


@login_required
@require_http_methods(["GET", "POST"])
def endpoint_add(request: AuthenticatedRequest) -> HttpResponse:
    """System URL → the System is checked → a body is chosen → the first import is queued."""
    if not request.user.has_perm("oparl.add_endpoint"):
        raise PermissionDenied
    form = EndpointForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            with Fetcher(timeout=15, retries=1) as fetcher:
                check = check_system(data["system_url"], fetcher=fetcher)
                if len(check.bodies) > 1 and not data["body_url"]:
                    form = EndpointForm(request.POST, bodies=body_choices(check))
                    form.is_valid()
                    form.add_error(None, _("The System lists several bodies; please choose one."))
                    return render(request, "oparl/endpoint_form.html", {"form": form})
                endpoint = add_endpoint(
                    system_url=data["system_url"],
                    body_url=data["body_url"],
                    municipality=data["ags"],
                    fetcher=fetcher,
                    actor=request.user,
                    check=check,
                )
        except EndpointRefused as error:
            form.add_error(None, str(error))
        else:
            run = request_sync(endpoint, actor=request.user)
            messages.success(
                request,
                _("The interface of %(body)s has been added; its first import is running.")
                % {"body": endpoint},
            )
            return redirect(run)
    return render(request, "oparl/endpoint_form.html", {"form": form})


@login_required
@require_POST
def endpoint_sync(request: AuthenticatedRequest, pk: int) -> HttpResponse:
    """Queue an import of one endpoint (a full crawl with `full=1`)."""
    if not request.user.has_perm("oparl.run_import"):
        raise PermissionDenied
    endpoint = get_object_or_404(Endpoint, pk=pk)
    try:
        run = request_sync(endpoint, full=request.POST.get("full") == "1", actor=request.user)
    except SyncBusy as error:
        messages.info(request, _("An import of this interface is already under way."))
        if error.run_id:
            return redirect("oparl:run-detail", pk=error.run_id)
        return redirect("oparl:coverage")
    messages.success(request, _("The import has been queued."))
    return redirect(run)


@login_required
@require_GET
def run_detail(request: AuthenticatedRequest, pk: int) -> HttpResponse:
    """The progress of a run; htmx polls the status partial while the run is under way."""
    if not request.user.has_perm("oparl.view_syncrun"):
        raise PermissionDenied
    run = get_object_or_404(SyncRun.objects.select_related("endpoint"), pk=pk)
    context = {"run": run, "view": queries.run_view(run)}
    return render(request, template_for(request, "oparl/run_detail.html", "run-status"), context)


@login_required
@require_GET
def topic_keywords_list(request: AuthenticatedRequest) -> HttpResponse:
    if not request.user.has_perm("oparl.change_topickeywords"):
        raise PermissionDenied
    rows = queries.topic_keyword_rows()
    context = {"rows": rows, "running": any(row.running for row in rows)}
    return render(
        request, template_for(request, "oparl/topic_keywords_list.html", "topic-rows"), context
    )


@login_required
@require_http_methods(["GET", "POST"])
def topic_keywords_edit(request: AuthenticatedRequest, slug: str) -> HttpResponse:
    if not request.user.has_perm("oparl.change_topickeywords"):
        raise PermissionDenied
    topic = get_object_or_404(Topic, slug=slug, is_active=True)
    entry = TopicKeywords.objects.filter(topic=topic).first()
    form = TopicKeywordsForm(
        request.POST or None, initial={"keywords": entry.keywords if entry else ""}
    )
    if request.method == "POST" and form.is_valid():
        set_keywords(topic=topic, keywords=form.cleaned_data["keywords"], actor=request.user)
        messages.success(
            request,
            _(
                "The keywords of “%(topic)s” have been saved. The council papers are being "
                "assigned again in the background; the list below shows when that is done."
            )
            % {"topic": topic.title},
        )
        return redirect("oparl:topic-keywords")
    return render(request, "oparl/topic_keywords_form.html", {"form": form, "topic": topic})


@login_required
@require_GET
def people_list(request: AuthenticatedRequest, slug: str) -> HttpResponse:
    """The council's persons, factions and committees, for coordinators to invite."""
    municipality = get_object_or_404(Municipality, slug=slug)
    if not request.user.has_perm("people.invite_councillor", municipality):
        raise PermissionDenied
    context = {"municipality": municipality, "people": council_people(municipality.pk)}
    return render(request, "oparl/people_list.html", context)


def _split_name(name: str) -> tuple[str, str]:
    words = [w for w in name.split() if w not in ("Herr", "Frau", "Dr.", "Prof.")]
    return (" ".join(words[:-1]), words[-1]) if words else ("", "")


@login_required
@require_http_methods(["GET", "POST"])
def person_invite(request: AuthenticatedRequest, pk: int) -> HttpResponse:
    """Invite one council person with the mandate pre-filled from the council data."""
    person = get_object_or_404(
        OparlPerson.objects.select_related("endpoint__municipality"),
        pk=pk,
        deleted=False,
        is_placeholder=False,
    )
    municipality = person.endpoint.municipality
    if municipality is None:
        raise Http404
    if not request.user.has_perm("people.invite_councillor", municipality):
        raise PermissionDenied
    row = council_person(person)
    given, family = _split_name(row.name)
    initial = {
        "first_name": row.given_name or given,
        "last_name": row.family_name or family,
        "faction_name": row.faction,
        "role": row.role,
        "committees": ", ".join(row.committees),
        "term_start": row.since,
    }
    form = PrefilledInvitationForm(request.POST or None, initial=initial)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            people_services.invite_councillor_with_mandate(
                municipality=municipality,
                email=data["email"],
                invited_by=request.user,
                first_name=data["first_name"],
                last_name=data["last_name"],
                faction_name=data["faction_name"],
                committees=data["committees"],
                role=data["role"],
                term_start=data["term_start"],
                source_url=row.source_url,
            )
        except AlreadyActive:
            form.add_error("email", _("This address already has an active account."))
        else:
            messages.success(
                request,
                _("Invitation sent to %(email)s; the mandate is filled in once %(name)s accepts.")
                % {"email": data["email"], "name": row.name},
            )
            return redirect("oparl:people", slug=municipality.slug)
    context = {"person": row, "municipality": municipality, "form": form}
    return render(request, "oparl/person_invite.html", context)
