from django import forms
from django.urls import reverse_lazy
from django.utils.translation import gettext_lazy as _

from stadtgespraeche.core.forms import Form

from .enums import Kind
from .queries import Filters
from .query import MAX_QUERY_LENGTH


class SearchForm(Form):
    q = forms.CharField(
        label=_("Search term"),
        required=False,
        max_length=MAX_QUERY_LENGTH,
        help_text=_("Put several words in double quotes to search for them as a phrase."),
        widget=forms.TextInput(
            attrs={
                "type": "search",
                "autocomplete": "off",
                "hx-get": reverse_lazy("search:suggest"),
                "hx-trigger": "input changed delay:300ms",
                "hx-target": "#search-suggestions",
                "hx-swap": "innerHTML",
                "aria-controls": "search-suggestions",
            }
        ),
    )
    kind = forms.ChoiceField(
        label=_("Type"), required=False, choices=[("", _("All types")), *Kind.choices]
    )
    municipality = forms.IntegerField(required=False, min_value=1, widget=forms.HiddenInput)
    topic = forms.IntegerField(required=False, min_value=1, widget=forms.HiddenInput)
    year = forms.IntegerField(
        required=False, min_value=1900, max_value=2200, widget=forms.HiddenInput
    )
    # Council documents: the council (endpoint), the normalised paper type and result.
    body = forms.IntegerField(
        required=False, min_value=1, max_value=10**18, widget=forms.HiddenInput
    )
    paper_type = forms.IntegerField(
        required=False, min_value=1, max_value=1000, widget=forms.HiddenInput
    )
    result = forms.IntegerField(
        required=False, min_value=1, max_value=1000, widget=forms.HiddenInput
    )

    def filters(self) -> Filters:
        self.is_valid()  # fills cleaned_data with the valid fields
        data = self.cleaned_data
        return Filters(
            kind=data.get("kind") or "",
            municipality=data.get("municipality"),
            topic=data.get("topic"),
            year=data.get("year"),
            body=data.get("body"),
            paper_type=data.get("paper_type"),
            result=data.get("result"),
        )
