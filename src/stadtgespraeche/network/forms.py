"""Forms of the events app: the public membership application and organiser decisions."""

from typing import Any, cast

from django import forms
from django.db.models import QuerySet
from django.urls import reverse_lazy
from django.utils.translation import gettext_lazy as _

from stadtgespraeche.core.forms import Form
from stadtgespraeche.municipalities.models import Municipality
from stadtgespraeche.municipalities.queries import search_municipalities
from stadtgespraeche.network.enums import MembershipStatus
from stadtgespraeche.network.models import Series
from stadtgespraeche.network.queries import default_series

# Raise this whenever the wording of the consent checkbox changes; it is stored with each
# application so we can show which text a person agreed to.
CONSENT_TEXT_VERSION = "2026-11-v1"


HONEYPOT_FIELD = "website"


class MunicipalityLookupMixin:
    """Resolves the text field `municipality_query` to a Municipality, without JavaScript.

    The text is searched in the reference data; a single or a single exact match is taken,
    several matches are offered as radio buttons named `municipality` (rendered by the
    partial `events/apply.html#municipality-matches`, which htmx also fetches while typing).
    """

    data: Any
    fields: dict[str, forms.Field]
    is_bound: bool
    add_prefix: Any
    add_error: Any

    def setup_municipality_lookup(self) -> None:
        self.fields["municipality_query"].widget.attrs.update(
            {
                "autocomplete": "off",
                "hx-get": reverse_lazy("network:municipality-search"),
                "hx-trigger": "keyup changed delay:300ms, search",
                "hx-target": "#municipality-matches",
                "hx-swap": "innerHTML",
                "hx-sync": "this:replace",
                "aria-controls": "municipality-matches",
            }
        )
        query = self.data.get(self.add_prefix("municipality_query"), "") if self.is_bound else ""
        self.query = " ".join(str(query).split())
        self.matches: list[Municipality] = search_municipalities(self.query) if query else []
        self.show_matches = False

    @property
    def selected_municipality_id(self) -> str:
        return str(self.data.get(self.add_prefix("municipality"), "")) if self.is_bound else ""

    def resolve_municipality(self, cleaned: dict[str, Any]) -> dict[str, Any]:
        if "municipality_query" not in cleaned:
            return cleaned
        chosen = self.selected_municipality_id
        by_id = {str(m.pk): m for m in self.matches}
        if chosen in by_id:
            self.show_matches = True
            cleaned["municipality"] = by_id[chosen]
            return cleaned
        cleaned["municipality"] = None
        folded = self.query.casefold()
        exact = [m for m in self.matches if folded in (m.name.casefold(), m.key)]
        if len(self.matches) == 1:
            cleaned["municipality"] = self.matches[0]
        elif len(exact) == 1:
            cleaned["municipality"] = exact[0]
        elif len(self.query) < 2:
            self.add_error(
                "municipality_query",
                _("Please enter at least two letters of the municipality's name."),
            )
        elif not self.matches:
            self.add_error(
                "municipality_query",
                _(
                    "We found no municipality called “%(text)s”. Please check the spelling "
                    "or enter the official municipality key (AGS)."
                )
                % {"text": self.query},
            )
        else:
            self.show_matches = True
            self.add_error(
                "municipality_query",
                _("Several municipalities match “%(text)s”. Please choose one from the list below.")
                % {"text": self.query},
            )
        return cleaned


class ApplicationForm(MunicipalityLookupMixin, Form):
    """ "Mitglied werden": a municipality applies to join a series.

    The municipality is typed as text and resolved against the reference data; when the text
    is ambiguous the form offers the matches as radio buttons (`municipality`), so the whole
    flow works without JavaScript. htmx only fetches the same list while typing.
    """

    series = forms.ModelChoiceField(
        label=_("Series"),
        queryset=Series.objects.none(),
        widget=forms.RadioSelect,
        empty_label=None,
        error_messages={
            "required": _("Please choose the series you want to join."),
            "invalid_choice": _("Please choose one of the listed series."),
        },
    )
    municipality_query = forms.CharField(
        label=_("Municipality"),
        max_length=150,
        help_text=_("Enter the name or the official municipality key (AGS) and choose yours."),
        error_messages={"required": _("Please enter the name of your municipality.")},
    )
    municipality = forms.CharField(required=False)
    contact_name = forms.CharField(
        label=_("Contact person"),
        max_length=200,
        error_messages={"required": _("Please enter the name of the contact person.")},
    )
    contact_role = forms.CharField(
        label=_("Position or department"),
        max_length=200,
        required=False,
        help_text=_("For example: Smart City coordination, Stabsstelle Digitalisierung."),
    )
    contact_email = forms.EmailField(
        label=_("E-mail address"),
        max_length=254,
        error_messages={
            "required": _("Please enter an e-mail address so that we can answer you."),
            "invalid": _("Please enter a valid e-mail address, e.g. name@stadt.de."),
        },
    )
    message = forms.CharField(
        label=_("Message"),
        max_length=5000,
        required=False,
        widget=forms.Textarea(attrs={"rows": 5}),
        help_text=_("Why does your municipality want to join? Which topics interest you?"),
    )
    consent = forms.BooleanField(
        label=_(
            "I agree that the data entered in this form is stored and processed to handle "
            "the membership application."
        ),
        error_messages={
            "required": _(
                "Please agree to the processing of your data. Without it we cannot handle "
                "your application."
            )
        },
    )
    # Honeypot: hidden from people and assistive technology; bots tend to fill it in.
    website = forms.CharField(
        label=_("Leave this field empty"),
        required=False,
        widget=forms.TextInput(attrs={"tabindex": "-1", "autocomplete": "off"}),
    )

    def __init__(self, *args: Any, series_choices: QuerySet[Series], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        series_field = cast(forms.ModelChoiceField, self.fields["series"])
        series_field.queryset = series_choices
        series_field.initial = default_series(series_choices)
        if len(series_choices) == 1:
            series_field.widget = forms.HiddenInput()
        self.setup_municipality_lookup()

    def clean(self) -> dict[str, Any]:
        return self.resolve_municipality(super().clean() or {})


class AcceptApplicationForm(Form):
    note = forms.CharField(
        label=_("Note for the history"),
        max_length=2000,
        required=False,
        widget=forms.Textarea(attrs={"rows": 2}),
        help_text=_("Recorded in the history and included in the e-mail to the contact."),
    )


class DeclineApplicationForm(Form):
    message = forms.CharField(
        label=_("Message to the applicant"),
        max_length=5000,
        widget=forms.Textarea(attrs={"rows": 5}),
        help_text=_("Sent by e-mail to the contact person. Please explain the decision."),
        error_messages={
            "required": _("Please write a message to the applicant explaining the decision.")
        },
    )


class MembershipStatusForm(Form):
    status = forms.ChoiceField(
        label=_("New status"),
        choices=MembershipStatus.choices,
        error_messages={"invalid_choice": _("Please choose one of the listed statuses.")},
    )
    note = forms.CharField(
        label=_("Note"),
        max_length=2000,
        required=False,
        widget=forms.Textarea(attrs={"rows": 2}),
        help_text=_("Why the status changes; shown in the history."),
    )


class MembershipAddForm(MunicipalityLookupMixin, Form):
    """An organiser adds a municipality to a series (e.g. as interested)."""

    series = forms.ModelChoiceField(
        label=_("Series"),
        queryset=Series.objects.all(),
        empty_label=None,
        error_messages={"invalid_choice": _("Please choose one of the listed series.")},
    )
    municipality_query = forms.CharField(
        label=_("Municipality"),
        max_length=150,
        help_text=_("Enter the name or the official municipality key (AGS)."),
        error_messages={"required": _("Please enter the name of the municipality.")},
    )
    municipality = forms.CharField(required=False)
    status = forms.ChoiceField(
        label=_("Status"),
        choices=MembershipStatus.choices,
        initial=MembershipStatus.INTERESTED,
        error_messages={"invalid_choice": _("Please choose one of the listed statuses.")},
    )
    note = forms.CharField(
        label=_("Note"),
        max_length=2000,
        required=False,
        widget=forms.Textarea(attrs={"rows": 2}),
        help_text=_("Why the status changes; shown in the history."),
    )

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.setup_municipality_lookup()

    def clean(self) -> dict[str, Any]:
        return self.resolve_municipality(super().clean() or {})


class SeriesNameFormsForm(Form):
    """The German case forms of a series name, each with its article."""

    name_genitive = forms.CharField(
        label=_("Name in the genitive (Mitglied …)"),
        max_length=160,
        required=False,
        help_text=_(
            "With the article, e.g. “der Smarten Stadtgespräche”. Empty: the name as it is."
        ),
    )
    name_dative = forms.CharField(
        label=_("Name in the dative (bei …)"),
        max_length=160,
        required=False,
        help_text=_(
            "With the article, e.g. “den Smarten Stadtgesprächen”. Empty: the name as it is."
        ),
    )
