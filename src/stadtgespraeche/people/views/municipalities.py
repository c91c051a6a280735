"""Coordinators edit the public profile of their municipality; its logo is public."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.http import FileResponse, Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods

from stadtgespraeche.accounts.http import AuthenticatedRequest
from stadtgespraeche.municipalities import services
from stadtgespraeche.municipalities.models import Municipality
from stadtgespraeche.people.forms.municipalities import MunicipalityProfileForm


@login_required
@require_http_methods(["GET", "POST"])
def profile_edit(request: AuthenticatedRequest, slug: str) -> HttpResponse:
    municipality = get_object_or_404(Municipality, slug=slug)
    if not request.user.has_perm("people.edit_municipality_profile", municipality):
        raise PermissionDenied
    initial = {
        "profile_text": municipality.profile_text,
        "contact": municipality.contact,
        "logo_licence": municipality.logo_licence,
    }
    form = MunicipalityProfileForm(request.POST or None, request.FILES or None, initial=initial)
    status = 200
    if request.method == "POST":
        status = 400
        if form.is_valid():
            try:
                services.update_public_profile(municipality, by=request.user, **form.cleaned_data)
            except services.ProfileRejected as error:
                form.add_error(None, str(error))
            else:
                messages.success(request, _("The public profile was saved."))
                return redirect("people:municipality-profile-edit", slug=municipality.slug)
    context = {"municipality": municipality, "form": form}
    return render(request, "people/municipality_profile_form.html", context, status=status)


@require_GET
def logo(request: HttpRequest, slug: str) -> FileResponse:
    """The municipality's logo (public, like the municipality page)."""
    municipality = get_object_or_404(Municipality, slug=slug)
    if not municipality.logo:
        raise Http404
    try:
        handle = municipality.logo.open("rb")
    except OSError:
        raise Http404 from None
    response = FileResponse(handle, content_type="image/png")
    response["Cache-Control"] = "public, max-age=300"
    response["X-Content-Type-Options"] = "nosniff"
    return response
