from typing import Any

from django import forms
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db.models import QuerySet
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from stadtgespraeche.accounts.models import User
from stadtgespraeche.core.forms import Form, ModelForm
from stadtgespraeche.events.forms import DateTimeLocalInput
from stadtgespraeche.events.models import Event
from stadtgespraeche.network.queries import default_series
from stadtgespraeche.topics.queries import active_topics

from .enums import PHASE_TRANSITIONS, Phase
from .models import TopicWish, WishRound


class WishForm(Form):
    title = forms.CharField(
        label=_("Topic"),
        max_length=200,
        help_text=_("A short title, e.g. “Hybrid council meetings in practice”."),
        error_messages={"required": _("Please enter a topic.")},
    )
    reason = forms.CharField(
        label=_("Why it matters locally"),
        max_length=2000,
        widget=forms.Textarea(attrs={"rows": 5}),
        help_text=_("What is the situation in your municipality? What would you like to learn?"),
        error_messages={"required": _("Please say why the topic matters in your municipality.")},
    )
    topic = forms.ModelChoiceField(
        label=_("Related topic"),
        queryset=active_topics(),
        required=False,
        empty_label=_("– none –"),
    )

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["topic"].queryset = active_topics()


class CollectWishForm(WishForm):
    """A coordinator enters the wish of one of their councillors."""

    author = forms.ModelChoiceField(
        label=_("Wished by"),
        queryset=User.objects.none(),
        empty_label=_("Please choose"),
        error_messages={"required": _("Please choose the councillor who made the wish.")},
    )
    field_order = ["author", "title", "reason", "topic"]

    def __init__(self, *args: Any, councillors: QuerySet[User], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["author"].queryset = councillors
        self.fields["author"].label_from_instance = lambda user: user.get_full_name() or user.email  # type: ignore[attr-defined]


class MergeForm(Form):
    into = forms.ModelChoiceField(
        label=_("Merge into"),
        queryset=TopicWish.objects.none(),
        empty_label=_("Please choose"),
        error_messages={"required": _("Please choose the wish to keep.")},
    )

    def __init__(self, *args: Any, candidates: QuerySet[TopicWish], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["into"].queryset = candidates


class PlanForm(Form):
    event = forms.ModelChoiceField(
        label=_("Stadtgespräch"),
        queryset=Event.objects.none(),
        empty_label=_("Please choose"),
        error_messages={"required": _("Please choose a Stadtgespräch.")},
    )
    note = forms.CharField(
        label=_("Note on the decision"),
        max_length=1000,
        required=False,
        widget=forms.Textarea(attrs={"rows": 2}),
    )

    def __init__(self, *args: Any, events: QuerySet[Event], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["event"].queryset = events


class PhaseForm(Form):
    phase = forms.ChoiceField(label=_("Move the round to"), choices=())

    def __init__(self, *args: Any, current: str, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["phase"].choices = [
            (value, Phase(value).label) for value in PHASE_TRANSITIONS[current]
        ]


class RoundForm(ModelForm):
    """The organiser's form for a new round of topic wishes."""

    class Meta:
        model = WishRound
        fields = [
            "series",
            "title",
            "votes_per_member",
            "collect_ends_at",
            "vote_starts_at",
            "vote_ends_at",
            "target_event",
        ]
        widgets = {
            "collect_ends_at": DateTimeLocalInput(),
            "vote_starts_at": DateTimeLocalInput(),
            "vote_ends_at": DateTimeLocalInput(),
        }
        help_texts = {
            "votes_per_member": _("How many votes each member may give (1 to 20)."),
            "collect_ends_at": _(
                "Local time (Berlin). Leave empty to collect until you open the voting."
            ),
            "vote_starts_at": _("Optional. Local time (Berlin)."),
            "vote_ends_at": _("Optional. Local time (Berlin)."),
        }
        error_messages = {
            "title": {"required": _("Please enter a title.")},
            "series": {"required": _("Please choose a series.")},
        }

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["votes_per_member"].min_value = 1
        self.fields["votes_per_member"].max_value = 20
        self.fields["votes_per_member"].validators.append(MinValueValidator(1))
        self.fields["votes_per_member"].validators.append(MaxValueValidator(20))
        self.fields["series"].empty_label = _("Please choose")  # type: ignore[attr-defined]
        self.fields["target_event"].empty_label = _("– none –")  # type: ignore[attr-defined]
        if not self.is_bound and not self.initial.get("series"):
            # One series is the usual case: preselect it, as the event form does.
            self.fields["series"].initial = default_series()
        self.fields["target_event"].queryset = Event.objects.filter(
            ends_at__gte=timezone.now()
        ).order_by("starts_at")


class CallForWishesForm(Form):
    message = forms.CharField(
        label=_("Your message (optional)"),
        required=False,
        max_length=2000,
        widget=forms.Textarea(attrs={"rows": 4}),
        help_text=_("Added to the e-mail, e.g. the date of your next faction meeting."),
    )
