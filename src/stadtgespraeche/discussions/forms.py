"""Forms of the discussions app: validation and clear German messages only."""

from django import forms
from django.utils.translation import gettext_lazy as _

from stadtgespraeche.core.forms import Form

from .services import MAX_BODY_LENGTH, MAX_REASON_LENGTH, MAX_TITLE_LENGTH


def _text(label: str, *, max_length: int, rows: int, help_text: str = "") -> forms.CharField:
    return forms.CharField(
        label=label,
        max_length=max_length,
        help_text=help_text,
        widget=forms.Textarea(attrs={"rows": rows}),
        error_messages={
            "required": _("Please enter a text."),
            "max_length": _("The text is too long (at most %(limit_value)d characters)."),
        },
    )


class PostForm(Form):
    body = _text(
        _("Your post"),
        max_length=MAX_BODY_LENGTH,
        rows=6,
        help_text=_("Markdown is supported: *italic*, **bold**, lists and links."),
    )


class ThreadStartForm(Form):
    title = forms.CharField(
        label=_("Title of the discussion"),
        max_length=MAX_TITLE_LENGTH,
        error_messages={
            "required": _("Please enter a title."),
            "max_length": _("The title is too long (at most %(limit_value)d characters)."),
        },
    )
    body = PostForm.base_fields["body"]


class ReportForm(Form):
    reason = _text(
        _("Why should the moderators look at this post?"),
        max_length=MAX_REASON_LENGTH,
        rows=4,
    )


class ModerationForm(Form):
    reason = _text(
        _("Reason (shown to the author)"),
        max_length=MAX_REASON_LENGTH,
        rows=3,
    )


class DismissForm(Form):
    note = forms.CharField(
        label=_("Note (optional)"),
        required=False,
        max_length=MAX_REASON_LENGTH,
        widget=forms.Textarea(attrs={"rows": 2}),
        error_messages={
            "max_length": _("The text is too long (at most %(limit_value)d characters)."),
        },
    )


class CodeOfConductForm(Form):
    accept = forms.BooleanField(
        label=_("I accept the code of conduct."),
        error_messages={"required": _("Please confirm that you accept the code of conduct.")},
    )
