"""The filter form of the people directory (GET; every field optional)."""

from typing import Any

from django import forms
from django.db.models import Q
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from stadtgespraeche.core.forms import Form
from stadtgespraeche.municipalities.models import Municipality, Party, State
from stadtgespraeche.people.enums import Body
from stadtgespraeche.people.queries import PEOPLE_TEXT_MAX_LENGTH
from stadtgespraeche.topics.models import Topic


class PeopleSearchForm(Form):
    q = forms.CharField(
        label=_("Search"),
        required=False,
        max_length=PEOPLE_TEXT_MAX_LENGTH,
        help_text=_("Name, expertise, short bio or municipality."),
        widget=forms.TextInput(attrs={"type": "search", "autocomplete": "off"}),
    )
    municipality = forms.CharField(
        label=_("Municipality"),
        required=False,
        max_length=150,
        help_text=_("Name of the municipality, e.g. Kaiserslautern."),
    )
    state = forms.ModelChoiceField(
        label=_("State"),
        required=False,
        queryset=State.objects.order_by("name"),
        to_field_name="code",
        empty_label=pgettext_lazy("filter", "All states"),
    )
    party = forms.ModelChoiceField(
        label=_("Party"),
        required=False,
        queryset=Party.objects.order_by("short_name"),
        to_field_name="short_name",
        empty_label=pgettext_lazy("filter", "All parties"),
    )
    faction = forms.CharField(
        label=_("Faction"),
        required=False,
        max_length=100,
        help_text=_("Part of the faction's name."),
    )
    body = forms.ChoiceField(
        label=_("Body"),
        required=False,
        choices=[("", pgettext_lazy("filter", "All bodies")), *Body.choices],
    )
    topic = forms.ModelChoiceField(
        label=_("Topic of interest"),
        required=False,
        queryset=Topic.objects.filter(is_active=True).order_by("title"),
        to_field_name="slug",
        empty_label=pgettext_lazy("filter", "All topics"),
    )

    def clean_q(self) -> str:
        return " ".join(self.cleaned_data["q"].split())

    def clean_faction(self) -> str:
        return " ".join(self.cleaned_data["faction"].split())

    def clean_municipality(self) -> Municipality | None:
        """Accepts the name (or the slug from a link); unknown names give a message."""
        value = " ".join(self.cleaned_data["municipality"].split())
        if not value:
            return None
        matches = list(
            Municipality.objects.filter(Q(slug=value) | Q(name__iexact=value))
            .select_related("state")
            .order_by("-population", "pk")[:2]
        )
        if not matches:
            raise forms.ValidationError(
                _("We do not know a municipality called “%(name)s”. Please check the spelling."),
                code="unknown",
                params={"name": value},
            )
        return matches[0]

    def filters(self) -> dict[str, Any]:
        """Keyword arguments for queries.search_people from the fields that are valid;
        invalid fields are ignored (and shown with their message)."""
        data = getattr(self, "cleaned_data", {})
        return {
            "text": data.get("q") or "",
            "municipality": data.get("municipality"),
            "state": data.get("state"),
            "party": data.get("party"),
            "faction": data.get("faction") or "",
            "body": data.get("body") or "",
            "topic": data.get("topic"),
        }
