"""Organisers: suggested groups of a given size for an exchange round on one topic."""

from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render

from stadtgespraeche.contacts import suggestions
from stadtgespraeche.contacts.forms import GroupSuggestionForm


@login_required
def group_suggestions(request: HttpRequest) -> HttpResponse:
    if not request.user.has_perm("contacts.suggest_groups"):
        raise PermissionDenied
    form = GroupSuggestionForm(request.GET or None)
    groups = None
    if form.is_valid():
        groups = suggestions.suggested_groups(
            form.cleaned_data["topic"], size=form.cleaned_data["size"], viewer=request.user
        )
    context = {"dashboard_section": "groups", "form": form, "groups": groups}
    return render(request, "dashboard/groups.html", context)
