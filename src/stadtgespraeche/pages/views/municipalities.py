"""Public municipality pages: the network list with a search over all municipalities, and
one page per municipality."""

from django import forms
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import render
from django.utils.translation import gettext_lazy as _
from django.views.decorators.http import require_safe

from stadtgespraeche.core.forms import Form
from stadtgespraeche.municipalities.queries import search_municipalities
from stadtgespraeche.network.enums import MembershipStatus
from stadtgespraeche.oparl import queries as oparl_queries
from stadtgespraeche.pages.queries import main_status, municipality_profile, network_municipalities

SEARCH_LIMIT = 25


class MunicipalitySearchForm(Form):
    q = forms.CharField(
        label=_("Name or official key (AGS)"),
        min_length=2,
        max_length=100,
        required=False,
        widget=forms.SearchInput(attrs={"autocomplete": "off", "spellcheck": "false"}),
        error_messages={
            "min_length": _("Please enter at least two characters."),
            "max_length": _("Please enter at most 100 characters."),
        },
    )


@require_safe
def municipality_list(request: HttpRequest) -> HttpResponse:
    form = MunicipalitySearchForm(request.GET or None)
    query = ""
    results = []
    if form.is_bound and form.is_valid():
        query = form.cleaned_data["q"]
        if query:
            results = search_municipalities(query, limit=SEARCH_LIMIT)
    network = list(network_municipalities())
    map_items = []
    for municipality in network:
        status = main_status(municipality)
        label = MembershipStatus(status).label if status else ""
        map_items.append((municipality, label, status))
    return render(
        request,
        "pages/municipality_list.html",
        {
            "form": form,
            "query": query,
            "results": results,
            "search_limit": SEARCH_LIMIT,
            "network": network,
            "map_items": map_items,
        },
    )


@require_safe
def municipality_detail(request: HttpRequest, slug: str) -> HttpResponse:
    profile = municipality_profile(slug, request.user)
    if profile is None:
        raise Http404(_("No municipality with this address."))
    context = {
        "profile": profile,
        "council_papers": oparl_queries.recent_papers(profile.municipality.pk),
    }
    return render(request, "pages/municipality_detail.html", context)
