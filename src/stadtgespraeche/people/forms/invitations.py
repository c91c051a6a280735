from typing import Any

from django import forms
from django.core.exceptions import ValidationError
from django.core.validators import validate_email
from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext

from stadtgespraeche.core.forms import Form
from stadtgespraeche.people.enums import AffiliationRole

MAX_INVITATIONS = 50


def split_email_lines(text: str) -> tuple[list[str], list[str]]:
    """The valid addresses (lower-cased, without duplicates) and the invalid lines of `text`."""
    valid: list[str] = []
    invalid: list[str] = []
    for raw_line in text.splitlines():
        line = raw_line.strip().strip(",;").strip()
        if not line:
            continue
        try:
            validate_email(line)
        except ValidationError:
            invalid.append(line)
            continue
        address = line.lower()
        if address not in valid:
            valid.append(address)
    return valid, invalid


class MunicipalitySearchForm(Form):
    q = forms.CharField(
        label=_("Municipality"),
        max_length=100,
        help_text=_("Name or official key (AGS), at least two characters."),
    )


class InvitePeopleForm(Form):
    """One or several e-mail addresses (one per line) to invite for a municipality."""

    role = forms.ChoiceField(
        label=_("Invite as"),
        choices=[
            (AffiliationRole.COUNCILLOR, AffiliationRole.COUNCILLOR.label),
            (AffiliationRole.COORDINATOR, AffiliationRole.COORDINATOR.label),
        ],
        initial=AffiliationRole.COUNCILLOR,
        widget=forms.RadioSelect,
    )
    emails = forms.CharField(
        label=_("E-mail addresses"),
        widget=forms.Textarea(attrs={"rows": 6, "autocomplete": "off", "spellcheck": "false"}),
        help_text=_("One address per line, up to 50 at once."),
    )

    def __init__(self, *args: Any, may_invite_coordinators: bool = False, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.invalid_lines: list[str] = []
        if not may_invite_coordinators:
            self.fields["role"].choices = [  # type: ignore[attr-defined]
                (AffiliationRole.COUNCILLOR, AffiliationRole.COUNCILLOR.label)
            ]

    def clean_emails(self) -> list[str]:
        valid, self.invalid_lines = split_email_lines(self.cleaned_data["emails"])
        if len(valid) + len(self.invalid_lines) > MAX_INVITATIONS:
            raise ValidationError(
                _("Please enter at most %(max)s addresses at once."),
                params={"max": MAX_INVITATIONS},
            )
        if not valid:
            raise ValidationError(
                ngettext(
                    "This line is not a valid e-mail address: %(lines)s",
                    "These lines are not valid e-mail addresses: %(lines)s",
                    len(self.invalid_lines),
                )
                % {"lines": ", ".join(self.invalid_lines)}
            )
        return valid
