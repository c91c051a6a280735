"""Views of the wishes app: rounds, wishes, support, dot-voting (htmx with a no-JS
fallback), results and the organisers' decisions. Permission → form → service → response."""

from typing import Any

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.utils.translation import ngettext
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from stadtgespraeche.accounts.http import AuthenticatedRequest
from stadtgespraeche.core.htmx import is_htmx

from . import queries, services
from .enums import WishStatus
from .exceptions import WishError
from .forms import (
    CallForWishesForm,
    CollectWishForm,
    MergeForm,
    PhaseForm,
    PlanForm,
    RoundForm,
    WishForm,
)
from .models import TopicWish, WishRound
from .services import calls


def _round_or_404(request: HttpRequest, pk: int) -> WishRound:
    wish_round = queries.round_by_id(pk)
    if wish_round is None or not request.user.has_perm("wishes.view_round", wish_round):
        raise Http404
    return wish_round


def _wish_or_404(request: HttpRequest, pk: int) -> TopicWish:
    wish = queries.wish_by_id(pk)
    if wish is None or not request.user.has_perm("wishes.view_round", wish.round):
        raise Http404
    return wish


@login_required
@require_GET
def round_list(request: HttpRequest) -> HttpResponse:
    context = {
        "rounds": list(queries.all_rounds()),
        "can_manage": request.user.has_perm("wishes.manage_round", None),
    }
    return render(request, "wishes/round_list.html", context)


@login_required
@require_http_methods(["GET", "POST"])
def round_create(request: AuthenticatedRequest) -> HttpResponse:
    if not request.user.has_perm("wishes.manage_round", None):
        raise PermissionDenied
    form = RoundForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            wish_round = services.create_round(**form.cleaned_data, by=request.user)
        except WishError as error:
            form.add_error(None, str(error))
        else:
            messages.success(request, _("The round has been created; members can wish topics now."))
            return redirect(wish_round.get_absolute_url())
    return render(request, "wishes/round_form.html", {"form": form})


def _round_context(request: HttpRequest, wish_round: WishRound) -> dict[str, Any]:
    used = queries.votes_used(wish_round, request.user)
    return {
        "round": wish_round,
        "votes_used": used,
        "votes_left": max(wish_round.votes_per_member - used, 0),
        "my_votes": queries.my_votes_by_wish(wish_round, request.user),
        "can_vote": request.user.has_perm("wishes.vote", wish_round),
    }


@login_required
@require_GET
def round_detail(request: HttpRequest, pk: int) -> HttpResponse:
    wish_round = _round_or_404(request, pk)
    round_context = _round_context(request, wish_round)
    rows = queries.wish_rows(queries.wishes_of(wish_round), request.user, round_context["my_votes"])
    context = {
        **round_context,
        "open_wishes": [row for row in rows if row.wish.status == WishStatus.OPEN],
        "other_wishes": [row for row in rows if row.wish.status != WishStatus.OPEN],
        "supported": queries.my_supported_wish_ids(wish_round, request.user),
        "can_submit": request.user.has_perm("wishes.submit_wish", wish_round),
        "can_collect": request.user.has_perm("wishes.collect_wishes", wish_round),
        "can_manage": request.user.has_perm("wishes.manage_round", wish_round),
        "can_see_results": request.user.has_perm("wishes.view_results", wish_round),
        "phase_form": PhaseForm(current=wish_round.phase),
    }
    return render(request, "wishes/round_detail.html", context)


@login_required
@require_http_methods(["GET", "POST"])
def wish_create(request: AuthenticatedRequest, pk: int) -> HttpResponse:
    wish_round = _round_or_404(request, pk)
    if not request.user.has_perm("wishes.submit_wish", wish_round):
        raise PermissionDenied
    form = WishForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            wish = services.submit_wish(wish_round, **form.cleaned_data, by=request.user)
        except WishError as error:
            form.add_error(None, str(error))
        else:
            messages.success(request, _("Thank you. Your topic wish has been added."))
            return redirect(wish.get_absolute_url())
    return render(request, "wishes/wish_form.html", {"round": wish_round, "form": form})


@login_required
@require_http_methods(["GET", "POST"])
def wish_collect(request: AuthenticatedRequest, pk: int) -> HttpResponse:
    """A coordinator's collection: the wishes of their councillors, and a form to enter a
    wish a councillor gave them (e.g. by phone or at a faction meeting)."""
    wish_round = _round_or_404(request, pk)
    if not request.user.has_perm("wishes.collect_wishes", wish_round):
        raise PermissionDenied
    councillors = queries.councillors_of(queries.coordinated_municipalities(request.user))
    form = CollectWishForm(request.POST or None, councillors=councillors)
    if request.method == "POST" and form.is_valid():
        data = dict(form.cleaned_data)
        author = data.pop("author")
        try:
            services.submit_wish(wish_round, **data, on_behalf_of=author, by=request.user)
        except WishError as error:
            form.add_error(None, str(error))
        else:
            messages.success(request, _("The wish has been added to the round."))
            return redirect("wishes:wish-collect", pk=wish_round.pk)
    context = {
        "round": wish_round,
        "form": form,
        "call_form": CallForWishesForm(),
        "has_councillors": councillors.exists(),
        "wishes": queries.wish_rows(queries.collection_for(wish_round, request.user), request.user),
    }
    return render(request, "wishes/wish_collect.html", context)


@login_required
@require_POST
def call_for_wishes(request: AuthenticatedRequest, pk: int) -> HttpResponse:
    """A coordinator asks their councillors for wishes (e-mail and notification)."""
    wish_round = _round_or_404(request, pk)
    if not request.user.has_perm("wishes.collect_wishes", wish_round):
        raise PermissionDenied
    form = CallForWishesForm(request.POST)
    if not form.is_valid():
        messages.error(request, _("The message may have at most 2,000 characters."))
        return redirect("wishes:wish-collect", pk=wish_round.pk)
    try:
        asked = calls.call_for_wishes(
            wish_round, by=request.user, message=form.cleaned_data["message"]
        )
    except WishError as error:
        messages.error(request, str(error))
    else:
        messages.success(
            request,
            ngettext(
                "%(count)s councillor was asked for wishes.",
                "%(count)s councillors were asked for wishes.",
                asked,
            )
            % {"count": asked},
        )
    return redirect("wishes:wish-collect", pk=wish_round.pk)


@login_required
@require_GET
def wish_detail(request: HttpRequest, pk: int) -> HttpResponse:
    wish = _wish_or_404(request, pk)
    wish_round = wish.round
    supporters = list(queries.supporters_of(wish))
    names = [name for person in supporters if (name := queries.visible_name(person, request.user))]
    is_supporter = any(person.pk == request.user.pk for person in supporters)
    round_context = _round_context(request, wish_round)
    context = {
        **round_context,
        "wish": wish,
        "my_count": round_context["my_votes"].get(wish.pk, 0),
        "author_name": queries.visible_name(wish.author, request.user),
        "supporter_names": names,
        "hidden_supporters": len(supporters) - len(names),
        "supporter_total": len(supporters),
        "is_supporter": is_supporter,
        "can_support": request.user.has_perm("wishes.support_wish", wish),
        "can_vote": request.user.has_perm("wishes.vote", wish),
        "merge_form": None,
        "plan_form": None,
    }
    if request.user.has_perm("wishes.merge_wish", wish):
        candidates = queries.open_wishes(wish_round).exclude(pk=wish.pk)
        context["merge_form"] = MergeForm(candidates=candidates)
    if request.user.has_perm("wishes.plan_wish", wish):
        context["plan_form"] = PlanForm(events=queries.plannable_events(wish_round.series))
    return render(request, "wishes/wish_detail.html", context)


@login_required
@require_POST
def wish_support(request: AuthenticatedRequest, pk: int) -> HttpResponse:
    wish = _wish_or_404(request, pk)
    if not request.user.has_perm("wishes.support_wish", wish):
        raise PermissionDenied
    user = request.user
    try:
        if request.POST.get("action") == "unsupport":
            services.unsupport_wish(wish, by=user)
            messages.success(request, _("You no longer support this wish."))
        else:
            services.support_wish(wish, by=user)
            messages.success(request, _("You support this wish."))
    except WishError as error:
        messages.error(request, str(error))
    return redirect(wish.get_absolute_url())


@login_required
@require_POST
def wish_vote(request: AuthenticatedRequest, pk: int) -> HttpResponse:
    """Cast or withdraw one vote. htmx gets the wish's vote box (and the remaining-votes
    counter out of band); without JavaScript the form posts and the page reloads."""
    wish = _wish_or_404(request, pk)
    if not request.user.has_perm("wishes.vote", wish):
        raise PermissionDenied
    user = request.user
    error_message = ""
    try:
        if request.POST.get("action") == "unvote":
            services.withdraw_vote(wish, by=user)
        else:
            services.cast_vote(wish, by=user)
    except WishError as error:
        error_message = str(error)
    if is_htmx(request):
        round_context = _round_context(request, wish.round)
        context = {
            **round_context,
            "wish": wish,
            "my_count": round_context["my_votes"].get(wish.pk, 0),
            "vote_error": error_message,
            "oob": True,
        }
        return render(request, "wishes/includes/vote_box.html", context)
    if error_message:
        messages.error(request, error_message)
    else:
        messages.success(request, _("Your votes have been saved."))
    next_url = request.POST.get("next", "")
    if next_url == "wish":
        return redirect(wish.get_absolute_url())
    return redirect("wishes:round-detail", pk=wish.round_id)


@login_required
@require_GET
def round_results(request: HttpRequest, pk: int) -> HttpResponse:
    wish_round = _round_or_404(request, pk)
    if not request.user.has_perm("wishes.view_results", wish_round):
        raise PermissionDenied
    context = {"round": wish_round, "rows": queries.results(wish_round)}
    return render(request, "wishes/round_results.html", context)


# --- Organiser actions ---------------------------------------------------------------------


@login_required
@require_POST
def round_phase(request: AuthenticatedRequest, pk: int) -> HttpResponse:
    wish_round = _round_or_404(request, pk)
    if not request.user.has_perm("wishes.manage_round", wish_round):
        raise PermissionDenied
    form = PhaseForm(request.POST, current=wish_round.phase)
    if form.is_valid():
        try:
            services.set_phase(wish_round, to=form.cleaned_data["phase"], by=request.user)
        except WishError as error:
            messages.error(request, str(error))
        else:
            messages.success(request, _("The phase of the round has been changed."))
    else:
        messages.error(request, _("Please choose a phase the round can move to."))
    return redirect(wish_round.get_absolute_url())


@login_required
@require_POST
def wish_merge(request: AuthenticatedRequest, pk: int) -> HttpResponse:
    wish = _wish_or_404(request, pk)
    if not request.user.has_perm("wishes.merge_wish", wish):
        raise PermissionDenied
    form = MergeForm(request.POST, candidates=queries.open_wishes(wish.round).exclude(pk=wish.pk))
    if not form.is_valid():
        messages.error(request, _("Please choose the wish to keep."))
        return redirect(wish.get_absolute_url())
    try:
        into = services.merge_wishes(wish, into=form.cleaned_data["into"], by=request.user)
    except WishError as error:
        messages.error(request, str(error))
        return redirect(wish.get_absolute_url())
    messages.success(request, _("The wishes have been merged; supporters and votes carried over."))
    return redirect(into.get_absolute_url())


@login_required
@require_POST
def wish_plan(request: AuthenticatedRequest, pk: int) -> HttpResponse:
    wish = _wish_or_404(request, pk)
    if not request.user.has_perm("wishes.plan_wish", wish):
        raise PermissionDenied
    form = PlanForm(request.POST, events=queries.plannable_events(wish.round.series))
    if not form.is_valid():
        messages.error(request, _("Please choose a Stadtgespräch."))
        return redirect(wish.get_absolute_url())
    try:
        services.plan_wish(wish, **form.cleaned_data, by=request.user)
    except WishError as error:
        messages.error(request, str(error))
    else:
        messages.success(
            request,
            _("The wish is now a topic of the Stadtgespräch; its supporters were notified."),
        )
    return redirect(wish.get_absolute_url())
