"""A person's own municipality roles, and whether a coordinator's name appears publicly."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods

from stadtgespraeche.people import services
from stadtgespraeche.people.enums import AffiliationRole
from stadtgespraeche.people.models import Affiliation
from stadtgespraeche.people.queries import affiliations_of


@login_required
@require_http_methods(["GET", "POST"])
def my_affiliations(request: HttpRequest) -> HttpResponse:
    if request.method == "POST":
        # Only the person's own coordinator roles can be changed; anything else is a 404.
        raw_id = request.POST.get("affiliation", "").strip()
        affiliation = get_object_or_404(
            Affiliation,
            pk=int(raw_id) if raw_id.isdigit() else 0,
            user=request.user,
            role=AffiliationRole.COORDINATOR,
        )
        show = request.POST.get("show_publicly") == "on"
        services.set_affiliation_public(affiliation, show_publicly=show, by=request.user)
        if show:
            messages.success(
                request,
                _("Your name is now shown on the public page of %(municipality)s.")
                % {"municipality": affiliation.municipality.name},
            )
        else:
            messages.success(
                request,
                _("Your name is no longer shown on the public page of %(municipality)s.")
                % {"municipality": affiliation.municipality.name},
            )
        return redirect("people:my-affiliations")
    return render(
        request,
        "people/my_affiliations.html",
        {"affiliations": affiliations_of(request.user)},
    )
