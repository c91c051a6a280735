from urllib.parse import urlencode

from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.utils.translation import gettext_lazy as _

from stadtgespraeche.core.htmx import template_for

from . import queries
from .forms import SearchForm

FILTERS = ("kind", "municipality", "topic", "year", "body", "paper_type", "result")
FILTER_TITLES = {
    "kind": _("Type"),
    "municipality": _("Municipality"),
    "topic": _("Topic"),
    "year": _("Year"),
    "body": _("Council"),
    "paper_type": _("Paper type"),
    "result": _("Result"),
}


def _page_number(request: HttpRequest) -> int:
    try:
        return int(request.GET.get("page", "1"))
    except ValueError:
        return 1


def _query_string(form: SearchForm, **changes: object) -> str:
    """The current search as a query string, with `changes` applied (None: removed)."""
    data = getattr(form, "cleaned_data", {})
    values = {key: data.get(key) for key in ("q", *FILTERS)}
    values.update(changes)
    return urlencode({key: value for key, value in values.items() if value not in (None, "")})


def search(request: HttpRequest) -> HttpResponse:
    """The one search over all content: results as the viewer may see them."""
    form = SearchForm(request.GET or None)
    # A bad filter value is reported on its field and ignored; the words are still searched.
    text = ""
    if form.is_bound:
        form.is_valid()
        text = (form.cleaned_data.get("q") or "").strip()
    results = None
    facets: list[tuple[str, object, list[tuple[object, int, str, str]]]] = []
    if text:
        results = queries.search(
            request.user, text, filters=form.filters(), page=_page_number(request)
        )
        for name, entries in queries.labelled_facets(results.facets).items():
            links = [
                (
                    entry.value,
                    entry.count,
                    entry.label,
                    _query_string(form, **{name: entry.value, "page": None}),
                )
                for entry in entries
            ]
            if links:
                facets.append((name, FILTER_TITLES[name], links))
    active = []
    if form.is_bound:
        for name in FILTERS:
            if form.cleaned_data.get(name):
                active.append((FILTER_TITLES[name], _query_string(form, **{name: None})))
    context = {
        "form": form,
        "text": text,
        "results": results,
        "facets": facets,
        "active_filters": active,
        "query_string": _query_string(form),
    }
    return render(request, template_for(request, "search/search.html", "results"), context)


def suggest(request: HttpRequest) -> HttpResponse:
    """Completions while typing (htmx fragment; also a plain list without JavaScript)."""
    text = request.GET.get("q", "")[:200]
    hits = queries.suggest(request.user, text)
    return render(request, "search/suggestions.html", {"hits": hits, "text": text})
