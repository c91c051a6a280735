from typing import Any

from django import forms
from django.core.exceptions import ValidationError
from django.core.validators import URLValidator
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from stadtgespraeche.accounts.models import User
from stadtgespraeche.core.forms import FilterableCheckboxSelectMultiple, Form, ModelForm
from stadtgespraeche.events.enums import AgendaItemKind, EventStatus
from stadtgespraeche.events.models import AgendaItem, Event
from stadtgespraeche.municipalities.models import Municipality
from stadtgespraeche.people.enums import FieldGroup
from stadtgespraeche.people.privacy import group_visible_q
from stadtgespraeche.people.queries import coordinated_municipalities
from stadtgespraeche.topics.models import Topic

from .models import Practice

MAX_LINKS = 20


def municipality_choices(user: User) -> Any:
    """Network municipalities (any membership) and the ones the person is affiliated with."""
    return (
        Municipality.objects.filter(Q(memberships__isnull=False) | Q(affiliations__user=user))
        .distinct()
        .order_by("name")
    )


def contact_choices(user: User) -> Any:
    """People of network municipalities whose name the editing person may see."""
    return (
        User.objects.filter(is_active=True, profile__isnull=False, affiliations__isnull=False)
        .filter(group_visible_q(FieldGroup.IDENTITY, user, prefix="profile__"))
        .distinct()
        .order_by("last_name", "first_name")
    )


class PracticeForm(ModelForm):
    class Meta:
        model = Practice
        fields = [
            "title",
            "summary",
            "municipalities",
            "topics",
            "status",
            "started_in",
            "problem",
            "approach",
            "outcome",
            "lessons_learned",
            "costs_and_funding",
            "partners",
            "links",
            "contact",
            "related_events",
            "related_impulses",
        ]
        widgets = {
            "topics": forms.CheckboxSelectMultiple,
            "municipalities": FilterableCheckboxSelectMultiple,
            "related_events": forms.CheckboxSelectMultiple,
            "related_impulses": forms.CheckboxSelectMultiple,
            "problem": forms.Textarea(attrs={"rows": 5}),
            "approach": forms.Textarea(attrs={"rows": 6}),
            "outcome": forms.Textarea(attrs={"rows": 4}),
            "lessons_learned": forms.Textarea(attrs={"rows": 4}),
            "costs_and_funding": forms.Textarea(attrs={"rows": 3}),
            "partners": forms.Textarea(attrs={"rows": 3}),
            "links": forms.Textarea(attrs={"rows": 3}),
        }
        help_texts = {
            "municipalities": _("The municipalities where this practice happens."),
            "summary": _("One or two sentences for the list of good practices."),
            "problem": _("Which local problem or need was the starting point? Markdown."),
            "approach": _(
                "What was done, by whom, with which technology and participation? Markdown."
            ),
            "outcome": _("What came out of it so far? Only facts you can back up. Markdown."),
            "costs_and_funding": _("Optional: costs and funding programmes."),
            "contact": _(
                "A person others may ask. Their name is shown only as their profile allows."
            ),
            "related_impulses": _(
                "Impulse talks of Stadtgespräche in which this practice was presented."
            ),
        }

    def __init__(self, *args: Any, user: User, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["municipalities"].queryset = municipality_choices(user)
        if not user.is_organiser:
            own = coordinated_municipalities(user)
            if own.exists() and not self.instance.pk:
                self.fields["municipalities"].initial = list(own)
        self.fields["topics"].queryset = Topic.objects.filter(is_active=True).order_by("title")
        self.fields["contact"].queryset = contact_choices(user)
        self.fields["contact"].label_from_instance = lambda person: person.get_full_name()
        self.fields["related_events"].queryset = Event.objects.exclude(
            status__in=[EventStatus.DRAFT, EventStatus.CANCELLED]
        ).order_by("-starts_at")
        self.fields["related_impulses"].queryset = (
            AgendaItem.objects.filter(kind=AgendaItemKind.IMPULSE)
            .exclude(event__status__in=[EventStatus.DRAFT, EventStatus.CANCELLED])
            .select_related("event")
            .order_by("-event__starts_at", "starts_at")
        )
        self.fields["related_impulses"].label_from_instance = lambda item: (
            f"{item.title} ({item.event.title})"
        )
        self.fields["started_in"].widget.attrs.update({"min": 1990, "max": timezone.now().year + 1})

    def clean_started_in(self) -> int | None:
        year = self.cleaned_data.get("started_in")
        if year is not None and not 1990 <= year <= timezone.now().year + 1:
            raise ValidationError(_("Please enter a year between 1990 and next year."))
        return year

    def clean_links(self) -> str:
        lines = [line.strip() for line in self.cleaned_data.get("links", "").splitlines()]
        lines = [line for line in lines if line]
        if len(lines) > MAX_LINKS:
            raise ValidationError(_("Please enter at most %(count)s links.") % {"count": MAX_LINKS})
        validate = URLValidator(schemes=["http", "https"])
        for line in lines:
            try:
                validate(line)
            except ValidationError:
                raise ValidationError(
                    _("“%(line)s” is not a web address (it must start with https:// or http://).")
                    % {"line": line[:100]}
                ) from None
        return "\n".join(lines)


class ReviewForm(Form):
    DECISIONS = [
        ("publish", _("Publish")),
        ("return", _("Return to the author with a note")),
    ]
    decision = forms.ChoiceField(label=_("Decision"), choices=DECISIONS, widget=forms.RadioSelect)
    note = forms.CharField(
        label=_("Note to the author"),
        required=False,
        max_length=2000,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text=_("Required when you return the entry: what should the author change?"),
    )

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        if data.get("decision") == "return" and not data.get("note", "").strip():
            self.add_error("note", _("Please tell the author what to change."))
        return data


class UnpublishForm(Form):
    note = forms.CharField(
        label=_("Reason"),
        required=False,
        max_length=2000,
        widget=forms.Textarea(attrs={"rows": 3}),
    )


class AttachmentForm(Form):
    title = forms.CharField(
        label=_("Title"),
        max_length=200,
        required=False,
        help_text=_("Optional; otherwise the file name is shown."),
    )
    file = forms.FileField(
        label=_("File"),
        help_text=_(
            "PDF, images (PNG, JPEG, WebP) or office files (docx, xlsx, pptx, odt, ods, odp)."
        ),
    )
