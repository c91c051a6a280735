"""Forms of registration: the box on the event page, the coordinators' and organisers' forms."""

from typing import Any, cast

from django import forms
from django.db.models import QuerySet
from django.utils.translation import gettext_lazy as _

from stadtgespraeche.accounts.models import User
from stadtgespraeche.core.forms import Form
from stadtgespraeche.events.enums import AttendanceMode
from stadtgespraeche.events.models import Event
from stadtgespraeche.registrations.enums import Audience, RegistrationStatus


def _mode_choices(event: Event) -> list[tuple[str, Any]]:
    return [(mode, AttendanceMode(mode).label) for mode in event.modes]


class RegistrationForm(Form):
    """Mode, the questions the event asks and the consent to the participant list."""

    mode = forms.ChoiceField(
        label=_("How will you take part?"),
        widget=forms.RadioSelect,
        error_messages={
            "required": _("Please choose how you will take part."),
            "invalid_choice": _("Please choose one of the attendance modes this event offers."),
        },
    )
    accessibility_needs = forms.CharField(
        label=_("Accessibility needs"),
        required=False,
        max_length=1000,
        widget=forms.Textarea(attrs={"rows": 2}),
        help_text=_("For example sign language interpretation or step-free access."),
    )
    dietary_needs = forms.CharField(
        label=_("Dietary needs"),
        required=False,
        max_length=1000,
        widget=forms.Textarea(attrs={"rows": 2}),
    )
    on_participant_list = forms.BooleanField(
        label=_("Show my name on the participant list"),
        required=False,
        help_text=_("Only registered participants and the organisers see the list."),
    )

    def __init__(self, *args: Any, event: Event, **kwargs: Any) -> None:
        kwargs.setdefault("prefix", "registration")
        super().__init__(*args, **kwargs)
        self.event = event
        field = cast(forms.ChoiceField, self.fields["mode"])
        field.choices = _mode_choices(event)
        if len(event.modes) == 1:
            field.initial = event.modes[0]
        if not event.ask_accessibility_needs:
            del self.fields["accessibility_needs"]
        if not event.ask_dietary_needs:
            del self.fields["dietary_needs"]

    def answers(self) -> dict[str, Any]:
        data = self.cleaned_data
        return {
            "mode": data["mode"],
            "accessibility_needs": data.get("accessibility_needs", ""),
            "dietary_needs": data.get("dietary_needs", ""),
            "on_participant_list": data.get("on_participant_list", False),
        }


class CoordinatorRegistrationForm(RegistrationForm):
    """A coordinator registers one of the councillors of their municipalities."""

    field_order = ["person", "mode"]

    person = forms.ModelChoiceField(
        label=_("Councillor"),
        queryset=User.objects.none(),
        error_messages={
            "required": _("Please choose a councillor."),
            "invalid_choice": _("Please choose one of the councillors listed."),
        },
    )

    def __init__(self, *args: Any, event: Event, people: QuerySet[User], **kwargs: Any) -> None:
        kwargs.setdefault("prefix", "councillor")
        super().__init__(*args, event=event, **kwargs)
        field = cast(forms.ModelChoiceField, self.fields["person"])
        field.queryset = people
        self.fields["on_participant_list"].label = _("Show the name on the participant list")
        self.fields["on_participant_list"].help_text = _(
            "Only with the councillor's consent. Only registered participants and the "
            "organisers see the list."
        )


class OrganiserAddForm(Form):
    """An organiser adds a person with an account, found by e-mail address."""

    email = forms.EmailField(
        label=_("E-mail address of the person"),
        error_messages={"required": _("Please enter the e-mail address of the person.")},
    )
    mode = forms.ChoiceField(label=_("Attendance"))

    def __init__(self, *args: Any, event: Event, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        field = cast(forms.ChoiceField, self.fields["mode"])
        field.choices = _mode_choices(event)

    def clean_email(self) -> User:
        email = self.cleaned_data["email"]
        person = User.objects.filter(email__iexact=email.strip(), is_active=True).first()
        if person is None:
            raise forms.ValidationError(
                _(
                    "There is no active account with this e-mail address. "
                    "Please invite the person first."
                )
            )
        return person


class CancelForm(Form):
    message = forms.CharField(
        label=_("Message to the person"),
        required=False,
        max_length=2000,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text=_("Sent with the e-mail about the cancellation."),
    )


class MoveForm(Form):
    mode = forms.ChoiceField(label=_("Attendance"))

    def __init__(self, *args: Any, event: Event, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        field = cast(forms.ChoiceField, self.fields["mode"])
        field.choices = _mode_choices(event)


class RegistrationFilterForm(Form):
    mode = forms.ChoiceField(label=_("Attendance"), required=False)
    status = forms.ChoiceField(
        label=_("Status"),
        required=False,
        choices=[("", _("all")), *RegistrationStatus.choices],
    )

    def __init__(self, *args: Any, event: Event, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        field = cast(forms.ChoiceField, self.fields["mode"])
        field.choices = [("", _("all")), *_mode_choices(event)]


class BalanceShareForm(Form):
    balance_max_share = forms.IntegerField(
        label=_("Warn above this share (percent)"),
        min_value=1,
        max_value=100,
        error_messages={
            "required": _("Please enter a share between 1 and 100 percent."),
            "invalid": _("Please enter a share between 1 and 100 percent."),
            "min_value": _("Please enter a share between 1 and 100 percent."),
            "max_value": _("Please enter a share between 1 and 100 percent."),
        },
        help_text=_("Applies to every Stadtgespräch of the series."),
    )


class EventMessageForm(Form):
    """An organiser's message to the registered; `confirmed` is set by the preview step."""

    audience = forms.ChoiceField(
        label=_("Recipients"),
        widget=forms.RadioSelect,
        initial=Audience.ALL,
        error_messages={"required": _("Please choose who receives the message.")},
    )
    subject = forms.CharField(
        label=_("Subject"),
        max_length=200,
        error_messages={"required": _("Please enter a subject.")},
    )
    body = forms.CharField(
        label=_("Message"),
        max_length=10_000,
        widget=forms.Textarea(attrs={"rows": 10}),
        error_messages={"required": _("Please enter a message.")},
        help_text=_("Plain text. Each person gets their own e-mail with a link to the event."),
    )
    confirmed = forms.BooleanField(required=False, widget=forms.HiddenInput)

    def __init__(self, *args: Any, event: Event, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        modes = [(mode, Audience(mode).label) for mode in event.modes]
        if len(event.modes) < 2:
            modes = []
        field = cast(forms.ChoiceField, self.fields["audience"])
        field.choices = [
            (Audience.ALL.value, Audience.ALL.label),
            *modes,
            (Audience.WAITLIST.value, Audience.WAITLIST.label),
        ]
