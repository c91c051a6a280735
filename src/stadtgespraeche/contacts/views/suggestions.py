"""Peer suggestions ("Gesprächspartner:innen") for the logged-in councillor."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from stadtgespraeche.accounts.http import AuthenticatedRequest
from stadtgespraeche.accounts.models import User
from stadtgespraeche.contacts import services as services_contacts
from stadtgespraeche.contacts import suggestions
from stadtgespraeche.contacts.queries import display_name
from stadtgespraeche.people.models import Profile


@login_required
def suggestion_list(request: AuthenticatedRequest) -> HttpResponse:
    if not request.user.has_perm("contacts.view_suggestions"):
        raise PermissionDenied
    profile = Profile.objects.select_related("municipality").filter(user=request.user).first()
    items = suggestions.peer_suggestions(profile, viewer=request.user) if profile else []
    hidden = [
        (item, display_name(item.hidden, request.user))
        for item in suggestions.hidden_suggestions(request.user)
    ]
    context = {"profile": profile, "suggestions": items, "hidden": hidden}
    return render(request, "contacts/suggestion_list.html", context)


def _other_person(request: HttpRequest, user_pk: int, permission: str) -> User:
    other = get_object_or_404(User, pk=user_pk)
    if not request.user.has_perm(permission, other):
        raise PermissionDenied
    return other


@login_required
@require_POST
def suggestion_hide(request: HttpRequest, user_pk: int) -> HttpResponse:
    other = _other_person(request, user_pk, "contacts.hide_suggestion")
    services_contacts.hide_suggestion(request.user, other)
    messages.success(
        request,
        _("The suggestion was hidden. You can show it again at the end of this page."),
    )
    return redirect("contacts:suggestions")


@login_required
@require_POST
def suggestion_unhide(request: HttpRequest, user_pk: int) -> HttpResponse:
    other = _other_person(request, user_pk, "contacts.hide_suggestion")
    services_contacts.unhide_suggestion(request.user, other)
    messages.success(request, _("The suggestion is shown again if it still fits."))
    return redirect("contacts:suggestions")
