"""Forms of the own profile: person and profile fields, visibility, mandates, photo."""

from typing import Any

from django import forms
from django.utils.translation import gettext_lazy as _

from stadtgespraeche.core.forms import Form
from stadtgespraeche.municipalities.models import Municipality, Party
from stadtgespraeche.people.enums import Body, FieldGroup, MandateRole, Visibility
from stadtgespraeche.people.models import Faction
from stadtgespraeche.people.photos import MAX_UPLOAD_BYTES
from stadtgespraeche.topics.models import Topic

_VISIBILITY_CHOICES = [
    (Visibility.PUBLIC.value, _("Public – anyone, also without logging in")),
    (Visibility.NETWORK.value, _("Network members – only people logged in to the network")),
    (Visibility.ORGANISERS.value, _("Organisers only – only the organising team")),
]

# Field groups in the order of the form with the question asked for each.
VISIBILITY_LABELS = {
    FieldGroup.IDENTITY: _("Who may see your name, pronouns and municipality?"),
    FieldGroup.PHOTO: _("Who may see your photo?"),
    FieldGroup.MANDATES: _("Who may see your mandates, party and faction?"),
    FieldGroup.INTERESTS: _("Who may see your interests and what you can report on?"),
    FieldGroup.ABOUT: _("Who may see your short bio and languages?"),
}


class ProfileForm(Form):
    """Person, interests and about; the visibility per field group is part of the same page."""

    first_name = forms.CharField(label=_("First name"), max_length=150)
    last_name = forms.CharField(label=_("Last name"), max_length=150)
    pronouns = forms.CharField(
        label=_("Pronouns"), max_length=40, required=False, help_text=_("For example: sie/ihr")
    )
    municipality = forms.ModelChoiceField(
        label=_("Municipality"),
        queryset=Municipality.objects.none(),
        required=False,
        help_text=_("The municipality you act for in the network."),
    )
    interests = forms.ModelMultipleChoiceField(
        label=_("Topics that interest you"),
        queryset=Topic.objects.none(),
        required=False,
        widget=forms.CheckboxSelectMultiple,
    )
    expertise = forms.CharField(
        label=_("I can report on …"),
        max_length=1000,
        required=False,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text=_("Projects and experience you can tell other councils about."),
    )
    bio = forms.CharField(
        label=_("Short bio"),
        max_length=1500,
        required=False,
        widget=forms.Textarea(attrs={"rows": 4}),
    )
    languages = forms.CharField(
        label=_("Languages"), max_length=200, required=False, help_text=_("Separated by commas.")
    )
    phone = forms.CharField(
        label=_("Phone"),
        max_length=40,
        required=False,
        help_text=_(
            "Never shown on your profile page; only people whose contact request you accepted "
            "see it."
        ),
        widget=forms.TextInput(attrs={"autocomplete": "tel", "inputmode": "tel"}),
    )

    def __init__(self, *args: Any, municipalities: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["municipality"].queryset = municipalities  # type: ignore[attr-defined]
        self.fields["interests"].queryset = Topic.objects.filter(is_active=True).order_by("title")  # type: ignore[attr-defined]
        for group, label in VISIBILITY_LABELS.items():
            self.fields[f"{group.value}_visibility"] = forms.ChoiceField(
                label=label, choices=_VISIBILITY_CHOICES, widget=forms.RadioSelect
            )
        self._apply_kern_classes()

    def _apply_kern_classes(self) -> None:
        for name in self.visibility_field_names():
            self.fields[name].widget.attrs["class"] = "kern-form-check__radio"

    @staticmethod
    def visibility_field_names() -> list[str]:
        return [f"{group.value}_visibility" for group in VISIBILITY_LABELS]

    def clean_phone(self) -> str:
        phone: str = self.cleaned_data["phone"].strip()
        if phone and not all(char.isdigit() or char in "+-/() " for char in phone):
            raise forms.ValidationError(
                _("Please enter a phone number with digits, spaces and + - / ( ) only.")
            )
        return phone


class MandateForm(Form):
    body = forms.ChoiceField(label=_("Body"), choices=Body.choices)
    faction = forms.ModelChoiceField(
        label=_("Faction"),
        queryset=Faction.objects.none(),
        required=False,
    )
    faction_name = forms.CharField(
        label=_("New faction"),
        max_length=200,
        required=False,
        help_text=_("Only if your faction is not in the list above."),
    )
    party = forms.ModelChoiceField(
        label=_("Party"),
        queryset=Party.objects.order_by("short_name"),
        required=False,
    )
    role = forms.ChoiceField(
        label=_("Role"), choices=MandateRole.choices, initial=MandateRole.MEMBER
    )
    committees = forms.CharField(
        label=_("Committees"), max_length=500, required=False, help_text=_("Separated by commas.")
    )
    term_start = forms.DateField(
        label=_("Term start"),
        required=False,
        widget=forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"),
    )
    term_end = forms.DateField(
        label=_("Term end"),
        required=False,
        widget=forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"),
    )

    def __init__(self, *args: Any, municipality: Municipality, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["faction"].queryset = Faction.objects.filter(
            municipality=municipality
        ).order_by("name")  # type: ignore[attr-defined]

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        start, end = data.get("term_start"), data.get("term_end")
        if start and end and end < start:
            self.add_error("term_end", _("The term cannot end before it starts."))
        if data.get("faction") and (data.get("faction_name") or "").strip():
            self.add_error(
                "faction_name", _("Please either choose a faction or enter a new one, not both.")
            )
        return data


class PhotoForm(Form):
    photo = forms.FileField(
        label=_("Photo"),
        help_text=_(
            "JPEG, PNG or WebP, at most 5 MB. We store a copy of at most 800 × 800 pixels "
            "without metadata."
        ),
        widget=forms.ClearableFileInput(attrs={"accept": "image/jpeg,image/png,image/webp"}),
    )

    def clean_photo(self) -> Any:
        photo = self.cleaned_data["photo"]
        if photo.size > MAX_UPLOAD_BYTES:
            raise forms.ValidationError(
                _("The photo is larger than 5 MB. Please choose a smaller file.")
            )
        return photo


PREVIEW_LEVELS = {
    "public": Visibility.PUBLIC,
    "network": Visibility.NETWORK,
    "organisers": Visibility.ORGANISERS,
}
