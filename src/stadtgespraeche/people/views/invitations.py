"""Inviting coordinators and councillors for a municipality (organisers and coordinators)."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.db.models import QuerySet
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import ngettext
from django.views.decorators.http import require_http_methods, require_POST

from stadtgespraeche.accounts import services as account_services
from stadtgespraeche.accounts.enums import Role
from stadtgespraeche.accounts.exceptions import AlreadyActive, InvitationInvalid
from stadtgespraeche.accounts.models import Invitation, User
from stadtgespraeche.municipalities import queries as municipalities_queries
from stadtgespraeche.municipalities.models import Municipality
from stadtgespraeche.people import queries, services
from stadtgespraeche.people.enums import AffiliationRole
from stadtgespraeche.people.forms.invitations import InvitePeopleForm, MunicipalitySearchForm


def _open_invitations(municipality: Municipality) -> QuerySet[Invitation]:
    """Pending invitations of people affiliated with `municipality`, newest first."""
    return (
        Invitation.objects.filter(
            user__affiliations__municipality=municipality,
            accepted_at=None,
            revoked_at=None,
            expires_at__gt=timezone.now(),
        )
        .select_related("user")
        .distinct()
        .order_by("-created_at")
    )


@login_required
def invite_start(request: HttpRequest) -> HttpResponse:
    """Pick the municipality: organisers search, coordinators see their own."""
    user = request.user
    if not user.has_perm("people.invite_person"):
        raise PermissionDenied
    context: dict[str, object] = {}
    if user.has_perm("people.invite_coordinator"):
        form = MunicipalitySearchForm(request.GET or None)
        results = (
            municipalities_queries.search_municipalities(form.cleaned_data["q"])
            if form.is_valid()
            else []
        )
        context.update(form=form, results=results, searched=form.is_bound)
    else:
        context["municipalities"] = list(queries.coordinated_municipalities(user))
    return render(request, "people/invite_start.html", context)


def _report(request: HttpRequest, invited: list[str], already_active: list[str]) -> None:
    if invited:
        messages.success(
            request,
            ngettext(
                "Invitation sent to %(addresses)s.",
                "%(count)d invitations sent: %(addresses)s.",
                len(invited),
            )
            % {"count": len(invited), "addresses": ", ".join(invited)},
        )
    if already_active:
        messages.warning(
            request,
            ngettext(
                "Not invited, because this address already has an active account: %(addresses)s.",
                "Not invited, because these addresses already have an active account: "
                "%(addresses)s.",
                len(already_active),
            )
            % {"addresses": ", ".join(already_active)},
        )


@login_required
@require_http_methods(["GET", "POST"])
def invite(request: HttpRequest, slug: str) -> HttpResponse:
    municipality = get_object_or_404(Municipality, slug=slug)
    user: User = request.user  # type: ignore[assignment]
    if not user.has_perm("people.invite_councillor", municipality):
        raise PermissionDenied
    may_invite_coordinators = user.has_perm("people.invite_coordinator", municipality)
    form = InvitePeopleForm(request.POST or None, may_invite_coordinators=may_invite_coordinators)
    if request.method == "POST" and form.is_valid():
        invited, already_active = [], []
        for email in form.cleaned_data["emails"]:
            try:
                services.invite_person(
                    municipality=municipality,
                    email=email,
                    role=AffiliationRole(form.cleaned_data["role"]),
                    invited_by=user,
                )
            except AlreadyActive:
                already_active.append(email)
            else:
                invited.append(email)
        _report(request, invited, already_active)
        if not form.invalid_lines:
            return redirect("people:invite", slug=municipality.slug)
        # Keep the invalid lines in the box for correction; the rest is done.
        form = InvitePeopleForm(
            initial={"role": form.cleaned_data["role"], "emails": "\n".join(form.invalid_lines)},
            may_invite_coordinators=may_invite_coordinators,
        )
        messages.error(
            request,
            ngettext(
                "This line is not a valid e-mail address and was not invited: %(lines)s",
                "These lines are not valid e-mail addresses and were not invited: %(lines)s",
                len(form.initial["emails"].splitlines()),
            )
            % {"lines": ", ".join(form.initial["emails"].splitlines())},
        )
    context = {
        "municipality": municipality,
        "form": form,
        "invitations": _open_invitations(municipality),
        "may_invite_coordinators": may_invite_coordinators,
    }
    return render(request, "people/invite.html", context)


@login_required
@require_POST
def invitation_manage(request: HttpRequest, slug: str, pk: int) -> HttpResponse:
    """Resend or revoke an open invitation of a person of this municipality."""
    municipality = get_object_or_404(Municipality, slug=slug)
    user: User = request.user  # type: ignore[assignment]
    if not user.has_perm("people.invite_councillor", municipality):
        raise PermissionDenied
    invitation = get_object_or_404(_open_invitations(municipality), pk=pk)
    if invitation.user.role == Role.COORDINATOR and not user.has_perm(
        "people.invite_coordinator", municipality
    ):
        raise PermissionDenied
    email = invitation.user.email
    action = request.POST.get("action")
    try:
        if action == "resend":
            account_services.resend_invitation(invitation, by=user)
            messages.success(
                request, _("A new invitation link was sent to %(email)s.") % {"email": email}
            )
        elif action == "revoke":
            account_services.revoke_invitation(invitation, by=user)
            messages.success(
                request, _("The invitation of %(email)s was revoked.") % {"email": email}
            )
    except InvitationInvalid:
        messages.error(request, _("This invitation is no longer open."))
    return redirect("people:invite", slug=municipality.slug)
