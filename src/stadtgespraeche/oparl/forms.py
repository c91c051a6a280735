from typing import Any

from django import forms
from django.utils.translation import gettext_lazy as _

from stadtgespraeche.core.forms import Form
from stadtgespraeche.municipalities.models import Municipality
from stadtgespraeche.people.enums import MandateRole

from .loaders import normalise_ags


class EndpointForm(Form):
    system_url = forms.URLField(
        label=_("Address of the OParl System"),
        max_length=1000,
        assume_scheme="https",
        help_text=_("The entry point of the council information system, e.g. …/oparl/v1.0/system."),
        error_messages={"required": _("Please enter the address of the OParl System.")},
    )
    body_url = forms.URLField(
        label=_("Address of the body (optional)"),
        max_length=1000,
        required=False,
        assume_scheme="https",
        help_text=_("Only needed if the System lists several bodies."),
    )
    ags = forms.CharField(
        label=_("Official municipality key (optional)"),
        max_length=12,
        required=False,
        help_text=_("Leave empty to match the municipality by the key the System states."),
    )

    def __init__(self, *args: Any, bodies: list[tuple[str, str]] | None = None, **kwargs: Any):
        super().__init__(*args, **kwargs)
        if bodies:
            self.fields["body_url"] = forms.ChoiceField(
                label=_("Body"),
                choices=bodies,
                widget=forms.RadioSelect,
                help_text=_(
                    "The System lists several bodies. Choose the council of the member "
                    "municipality; the key (AGS) it states shows which municipality it matches."
                ),
                error_messages={"required": _("Please choose a body.")},
            )

    def clean_ags(self) -> Municipality | None:
        value = self.cleaned_data["ags"].strip()
        if not value:
            return None
        municipality = Municipality.objects.filter(key=normalise_ags(value)).first()
        if municipality is None:
            raise forms.ValidationError(_("There is no municipality with this key."))
        return municipality


class TopicKeywordsForm(Form):
    keywords = forms.CharField(
        label=_("Keywords"),
        required=False,
        max_length=5000,
        widget=forms.Textarea(attrs={"rows": 8}),
        help_text=_(
            "One word or phrase per line. A council paper belongs to the topic when its title "
            "or type contains one of them (case does not matter; a word also matches inside "
            "compounds, e.g. 'Glasfaser' finds 'Glasfaserausbau')."
        ),
    )

    def clean_keywords(self) -> str:
        value: str = self.cleaned_data["keywords"]
        for line in value.splitlines():
            if 0 < len(line.strip()) < 3:
                raise forms.ValidationError(
                    _("Each keyword needs at least 3 characters (“%(word)s” is too short).")
                    % {"word": line.strip()}
                )
        return value


class PrefilledInvitationForm(Form):
    """Invite a council person; the mandate fields come pre-filled from OParl."""

    email = forms.EmailField(
        label=_("E-mail address"),
        max_length=254,
        error_messages={"required": _("Please enter the person's e-mail address.")},
        help_text=_("The council information system does not publish it; please enter it."),
    )
    first_name = forms.CharField(label=_("First name"), max_length=150, required=False)
    last_name = forms.CharField(label=_("Last name"), max_length=150, required=False)
    faction_name = forms.CharField(label=_("Faction"), max_length=200, required=False)
    role = forms.ChoiceField(label=_("Role"), choices=MandateRole.choices)
    committees = forms.CharField(label=_("Committees"), max_length=500, required=False)
    term_start = forms.DateField(
        label=_("Member of the faction since"),
        required=False,
        widget=forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"),
    )
