"""Forms of the events app: the public membership application and organiser decisions."""

from typing import Any, cast

from django import forms
from django.core.validators import MinValueValidator
from django.db.models import QuerySet
from django.utils.translation import gettext_lazy as _

from stadtgespraeche.core.forms import FilterableCheckboxSelectMultiple, Form, ModelForm
from stadtgespraeche.events.enums import FORMAT_MODES, AttendanceMode, EventFormat
from stadtgespraeche.events.models import AgendaItem, Event
from stadtgespraeche.municipalities.models import Municipality
from stadtgespraeche.network.queries import municipalities_in_series


class DateTimeLocalInput(forms.DateTimeInput):
    """A native date-and-time picker; values are Europe/Berlin local time."""

    input_type = "datetime-local"

    def __init__(self, attrs: dict[str, Any] | None = None) -> None:
        super().__init__(attrs, format="%Y-%m-%dT%H:%M")


class EventForm(ModelForm):
    """The organiser's form for a Stadtgespräch (its status changes by separate buttons)."""

    class Meta:
        model = Event
        fields = [
            "series",
            "title",
            "description",
            "starts_at",
            "ends_at",
            "format",
            "venue_address",
            "venue_municipality",
            "online_info",
            "room_link",
            "hosts",
            "co_hosts",
            "topics",
            "confidentiality",
            "recording_policy",
            "capacity_in_person",
            "capacity_online",
            "registration_closes_at",
        ]
        widgets = {
            "starts_at": DateTimeLocalInput(),
            "ends_at": DateTimeLocalInput(),
            "registration_closes_at": DateTimeLocalInput(),
            "description": forms.Textarea(attrs={"rows": 6}),
            "venue_address": forms.Textarea(attrs={"rows": 3}),
            "online_info": forms.Textarea(attrs={"rows": 3}),
            "topics": forms.CheckboxSelectMultiple(),
            "hosts": FilterableCheckboxSelectMultiple(),
            "co_hosts": FilterableCheckboxSelectMultiple(),
        }
        labels = {"registration_closes_at": _("Registration deadline")}
        help_texts = {
            "starts_at": _("Local time (Berlin)."),
            "ends_at": _("Local time (Berlin)."),
            "capacity_in_person": _(
                "Leave empty for no limit. When all places are taken, further registrations go "
                "on the waitlist."
            ),
            "capacity_online": _(
                "Leave empty for no limit. When all places are taken, further registrations go "
                "on the waitlist."
            ),
            "registration_closes_at": _(
                "Local time (Berlin). Leave empty to accept registrations until the start."
            ),
        }

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        for name in ("venue_municipality", "hosts", "co_hosts"):
            field = cast(forms.ModelChoiceField, self.fields[name])
            field.queryset = municipalities_in_series()
        for name in ("capacity_in_person", "capacity_online"):
            field = self.fields[name]
            field.widget.attrs["min"] = "1"
            field.error_messages["min_value"] = _(
                "Please enter at least 1 place, or leave the field empty for no limit."
            )
            field.error_messages["invalid"] = _(
                "Please enter the number of places as a whole number, e.g. 30."
            )
        if self.instance.pk:
            # The series of an existing event does not change (its number belongs to it).
            del self.fields["series"]

    def clean(self) -> dict[str, Any]:
        data = super().clean()
        starts_at, ends_at = data.get("starts_at"), data.get("ends_at")
        if starts_at and ends_at and ends_at <= starts_at:
            self.add_error("ends_at", _("The end must be after the start."))
        needs_venue = data.get("format") in (EventFormat.IN_PERSON, EventFormat.HYBRID)
        if needs_venue and not data.get("venue_address", "").strip():
            self.add_error(
                "venue_address", _("An in-person or hybrid Stadtgespräch needs a venue address.")
            )
        self._clean_capacities(data)
        closes_at = data.get("registration_closes_at")
        if closes_at and starts_at and closes_at > starts_at:
            self.add_error(
                "registration_closes_at",
                _("The registration deadline must be at the latest at the start."),
            )
        return data

    def _clean_capacities(self, data: dict[str, Any]) -> None:
        event_format = data.get("format")
        modes = FORMAT_MODES.get(event_format, ()) if event_format else ()
        fields = (
            ("capacity_in_person", AttendanceMode.IN_PERSON),
            ("capacity_online", AttendanceMode.ONLINE),
        )
        for name, mode in fields:
            capacity = data.get(name)
            if capacity is None:
                continue
            if capacity < 1:
                self.add_error(
                    name, _("Please enter at least 1 place, or leave the field empty for no limit.")
                )
            elif event_format and mode not in modes:
                self.add_error(
                    name,
                    _(
                        "A Stadtgespräch in the format “%(format)s” has no places of this kind; "
                        "please leave the field empty."
                    )
                    % {"format": EventFormat(event_format).label},
                )

    def _post_clean(self) -> None:
        # Validation of the model's constraints is done in clean(); the service saves.
        pass


class AgendaItemForm(ModelForm):
    class Meta:
        model = AgendaItem
        fields = [
            "starts_at",
            "duration",
            "kind",
            "title",
            "abstract",
            "speakers",
            "external_speaker",
            "external_organisation",
            "municipality",
        ]
        widgets = {
            "starts_at": DateTimeLocalInput(),
            "abstract": forms.Textarea(attrs={"rows": 4}),
            "speakers": FilterableCheckboxSelectMultiple(),
        }
        help_texts = {"starts_at": _("Local time (Berlin).")}

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        field = cast(forms.ModelChoiceField, self.fields["municipality"])
        field.queryset = municipalities_in_series()
        duration = cast(forms.IntegerField, self.fields["duration"])
        duration.min_value = 1
        duration.widget.attrs["min"] = "1"
        duration.validators.append(MinValueValidator(1))
        duration.error_messages["min_value"] = _(
            "An agenda item needs a duration of at least 1 minute."
        )
        duration.error_messages["invalid"] = _("Please enter the duration in whole minutes.")

    def _post_clean(self) -> None:
        pass


class ImpulseProposalForm(Form):
    municipality = forms.ModelChoiceField(
        label=_("Municipality"), queryset=Municipality.objects.none()
    )
    title = forms.CharField(label=_("Title of the impulse"), max_length=200)
    abstract = forms.CharField(
        label=_("Abstract"), required=False, widget=forms.Textarea(attrs={"rows": 4})
    )
    speaker_name = forms.CharField(label=_("Speaker"), max_length=200)

    def __init__(self, *args: Any, municipalities: QuerySet[Municipality], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        field = cast(forms.ModelChoiceField, self.fields["municipality"])
        field.queryset = municipalities
        if municipalities.count() == 1:
            field.initial = municipalities.first()


class ProposalAcceptForm(Form):
    starts_at = forms.DateTimeField(
        label=_("Start"), widget=DateTimeLocalInput(), help_text=_("Local time (Berlin).")
    )
    duration = forms.IntegerField(label=_("Duration in minutes"), min_value=1, initial=15)


class ProposalDeclineForm(Form):
    message = forms.CharField(
        label=_("Message to the coordinator"), widget=forms.Textarea(attrs={"rows": 3})
    )
