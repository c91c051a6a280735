"""The home after login ("Übersicht"): what the person does next."""

from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.views.decorators.http import require_GET

from stadtgespraeche.pages.overview import overview_for


@login_required
@require_GET
def overview(request: HttpRequest) -> HttpResponse:
    return render(request, "pages/overview.html", {"overview": overview_for(request.user)})
