"""Organisers set the declined forms of a series name ("der Smarten Stadtgespräche")."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods
from rules.contrib.views import permission_required

from stadtgespraeche.accounts.http import AuthenticatedRequest
from stadtgespraeche.network import services as network_services
from stadtgespraeche.network.forms import SeriesNameFormsForm
from stadtgespraeche.network.models import Series


@require_http_methods(["GET", "POST"])
@login_required
@permission_required("network.change_series_names", raise_exception=True)
def series_names(request: AuthenticatedRequest, slug: str) -> HttpResponse:
    series = get_object_or_404(Series, slug=slug)
    initial = {"name_genitive": series.name_genitive, "name_dative": series.name_dative}
    form = SeriesNameFormsForm(request.POST or None, initial=initial)
    if request.method == "POST" and form.is_valid():
        network_services.set_series_name_forms(
            series,
            genitive=form.cleaned_data["name_genitive"],
            dative=form.cleaned_data["name_dative"],
            by=request.user,
        )
        messages.success(
            request, _("The forms of the name “%(name)s” were saved.") % {"name": series}
        )
        return redirect("dashboard:home")
    status = 400 if request.method == "POST" else 200
    context = {"dashboard_section": "home", "form": form, "series": series}
    return render(request, "dashboard/series_names.html", context, status=status)
