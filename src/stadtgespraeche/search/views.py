from urllib.parse import urlencode

from django.http import HttpRequest, HttpResponse
from django.shortcuts import render

from stadtgespraeche.core.htmx import template_for
from stadtgespraeche.municipalities.models import Municipality
from stadtgespraeche.topics.models import Topic

from . import queries
from .forms import SearchForm


def _page_number(request: HttpRequest) -> int:
    try:
        return int(request.GET.get("page", "1"))
    except ValueError:
        return 1


def _query_string(form: SearchForm, **changes: object) -> str:
    """The current search as a query string, with `changes` applied (None: removed)."""
    data = getattr(form, "cleaned_data", {})
    values = {key: data.get(key) for key in ("q", "kind", "municipality", "topic", "year")}
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
    facets: dict[str, list[tuple[object, int, str, str]]] = {}
    if text:
        results = queries.search(
            request.user, text, filters=form.filters(), page=_page_number(request)
        )
        names = {
            "municipality": dict(
                Municipality.objects.filter(
                    pk__in=[value for value, _ in results.facets.get("municipality", [])]
                ).values_list("pk", "name")
            ),
            "topic": dict(
                Topic.objects.filter(
                    pk__in=[value for value, _ in results.facets.get("topic", [])]
                ).values_list("pk", "title")
            ),
        }
        for name, values in results.facets.items():
            entries = []
            for value, count in values:
                if name == "kind":
                    label = (
                        str(queries.Kind(value).label) if value in queries.Kind.values else value
                    )
                elif name == "year":
                    label = str(value)
                else:
                    label = names[name].get(value, "")
                    if not label:
                        continue
                entries.append(
                    (value, count, label, _query_string(form, **{name: value, "page": None}))
                )
            facets[name] = entries
    active = []
    if form.is_bound:
        for name in ("kind", "municipality", "topic", "year"):
            if form.cleaned_data.get(name):
                active.append((name, _query_string(form, **{name: None})))
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
