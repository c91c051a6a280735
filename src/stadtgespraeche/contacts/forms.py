from django import forms
from django.utils.translation import gettext_lazy as _

from stadtgespraeche.core.forms import Form
from stadtgespraeche.topics.models import Topic


class ContactRequestForm(Form):
    message = forms.CharField(
        label=_("Your message"),
        max_length=500,
        widget=forms.Textarea(attrs={"rows": 5}),
        help_text=_(
            "At most 500 characters. Say briefly who you are and what you would like to talk "
            "about. Your e-mail address is shared only if the request is accepted."
        ),
    )


class AbuseReportForm(Form):
    reason = forms.CharField(
        label=_("What happened?"),
        max_length=2000,
        widget=forms.Textarea(attrs={"rows": 6}),
        help_text=_("Only the organisers read your report. At most 2,000 characters."),
    )


class ReportHandledForm(Form):
    note = forms.CharField(
        label=_("Note (optional)"),
        max_length=2000,
        required=False,
        widget=forms.Textarea(attrs={"rows": 2}),
    )


class GroupSuggestionForm(Form):
    topic = forms.ModelChoiceField(
        label=_("Topic"), queryset=Topic.objects.filter(is_active=True), empty_label=None
    )
    size = forms.IntegerField(
        label=_("Group size"),
        min_value=3,
        max_value=8,
        initial=4,
        help_text=_("Between 3 and 8 people per group."),
    )
