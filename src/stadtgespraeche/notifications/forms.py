"""Forms of the notifications app."""

from typing import Any

from django import forms
from django.utils.translation import gettext_lazy as _

from stadtgespraeche.core.forms import Form

from . import kinds
from .enums import Cadence


def field_name(kind_key: str) -> str:
    return "kind__" + kind_key.replace(".", "__")


class PreferencesForm(Form):
    """One radio group per registered kind with the four cadences."""

    def __init__(self, *args: Any, current: dict[str, str], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.kind_keys: dict[str, str] = {}
        for kind in kinds.all_kinds():
            name = field_name(kind.key)
            self.kind_keys[name] = kind.key
            self.fields[name] = forms.ChoiceField(
                label=kind.label,
                choices=Cadence.choices,
                widget=forms.RadioSelect,
                initial=current.get(kind.key, kind.default),
                error_messages={
                    "required": _("Please choose how you want to be informed."),
                    "invalid_choice": _("Please choose one of the options offered."),
                },
            )
            self.fields[name].widget.attrs["class"] = "kern-form-check__radio"

    def choices(self) -> dict[str, str]:
        return {self.kind_keys[name]: value for name, value in self.cleaned_data.items()}


class FollowForm(Form):
    content_type = forms.IntegerField(min_value=1, widget=forms.HiddenInput)
    object_id = forms.IntegerField(min_value=1, widget=forms.HiddenInput)
    action = forms.ChoiceField(
        choices=[("follow", "follow"), ("unfollow", "unfollow")], widget=forms.HiddenInput
    )
    next = forms.CharField(required=False, max_length=500, widget=forms.HiddenInput)
