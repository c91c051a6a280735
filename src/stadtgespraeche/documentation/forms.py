"""Forms after the event: minutes, attachments and slides, feedback."""

from typing import cast

from django import forms
from django.db.models import QuerySet
from django.utils.translation import gettext_lazy as _

from stadtgespraeche.core.forms import Form
from stadtgespraeche.core.uploads import ALLOWED_EXTENSIONS
from stadtgespraeche.events.models import AgendaItem

ACCEPT = ",".join(ALLOWED_EXTENSIONS)


class MinutesForm(Form):
    body = forms.CharField(
        label=_("Minutes"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 14}),
        help_text=_(
            "Markdown. What was discussed, in general terms. Under the Chatham House rule, "
            "do not name who said what."
        ),
    )
    results = forms.CharField(
        label=_("Results"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 6}),
        help_text=_("Markdown. Agreements, open questions, next steps."),
    )
    recording_url = forms.URLField(
        label=_("Link to the recording"),
        required=False,
        assume_scheme="https",
        help_text=_("Only if everyone agreed to the recording."),
    )


class AttachmentForm(Form):
    title = forms.CharField(
        label=_("Title"),
        max_length=200,
        required=False,
        help_text=_("Leave empty to use the file name."),
    )
    file = forms.FileField(
        label=_("File"),
        widget=forms.ClearableFileInput(attrs={"accept": ACCEPT}),
        help_text=_("PDF, PNG, JPEG, WebP, docx, xlsx, pptx, odt, ods or odp."),
    )


class SlidesForm(Form):
    agenda_item = forms.ModelChoiceField(
        label=_("Agenda item"), queryset=AgendaItem.objects.none(), empty_label=None
    )
    file = forms.FileField(
        label=_("Slides"),
        widget=forms.ClearableFileInput(attrs={"accept": ACCEPT}),
        help_text=_("Replaces earlier slides of the same agenda item."),
    )

    def __init__(self, *args: object, agenda: QuerySet[AgendaItem], **kwargs: object) -> None:
        super().__init__(*args, **kwargs)  # type: ignore[arg-type]
        cast(forms.ModelChoiceField, self.fields["agenda_item"]).queryset = agenda


class SpeakerItemForm(Form):
    title = forms.CharField(label=_("Title"), max_length=200)
    abstract = forms.CharField(
        label=_("Abstract"),
        required=False,
        max_length=4000,
        widget=forms.Textarea(attrs={"rows": 6}),
        help_text=_("A few sentences on what you will present."),
    )


class SpeakerSlidesForm(Form):
    file = forms.FileField(
        label=_("Slides"),
        widget=forms.ClearableFileInput(attrs={"accept": ACCEPT}),
        help_text=_(
            "PDF, PNG, JPEG, WebP, docx, xlsx, pptx, odt, ods or odp. Replaces earlier slides."
        ),
    )


RATING_CHOICES = [
    (5, _("5 – very good")),
    (4, _("4 – good")),
    (3, _("3 – fair")),
    (2, _("2 – poor")),
    (1, _("1 – very poor")),
]


class FeedbackForm(Form):
    rating = forms.TypedChoiceField(
        label=_("How do you rate this Stadtgespräch?"),
        choices=RATING_CHOICES,
        coerce=int,
        widget=forms.RadioSelect,
    )
    useful = forms.CharField(
        label=_("What was useful for you?"),
        required=False,
        max_length=4000,
        widget=forms.Textarea(attrs={"rows": 4}),
    )
    topic_wishes = forms.CharField(
        label=_("Which topics do you wish for next time?"),
        required=False,
        max_length=4000,
        widget=forms.Textarea(attrs={"rows": 4}),
    )
