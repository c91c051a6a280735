"""Forms of the live Q&A (docs/events.md, "Live Q&A")."""

from django import forms
from django.utils.translation import gettext_lazy as _

from stadtgespraeche.core.forms import Form
from stadtgespraeche.questions.services import HIDE_REASON_MAX_LENGTH, QUESTION_MAX_LENGTH


class QuestionForm(Form):
    text = forms.CharField(
        label=_("Your question"),
        max_length=QUESTION_MAX_LENGTH,
        widget=forms.Textarea(attrs={"rows": 3}),
        error_messages={
            "required": _("Please enter your question."),
            "max_length": _("Please keep your question under %(limit_value)d characters."),
        },
    )
    anonymous = forms.BooleanField(
        label=_("Ask anonymously"),
        required=False,
        help_text=_("Other participants do not see your name; the moderators do."),
    )


class HideQuestionForm(Form):
    reason = forms.CharField(
        label=_("Reason for hiding"),
        max_length=HIDE_REASON_MAX_LENGTH,
        error_messages={
            "required": _("Please give a reason for hiding the question."),
            "max_length": _("Please keep the reason under %(limit_value)d characters."),
        },
    )
