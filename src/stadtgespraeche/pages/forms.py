from django import forms
from django.utils.translation import gettext_lazy as _

from stadtgespraeche.core.forms import Form, ModelForm
from stadtgespraeche.pages.models import SiteText


class SiteTextForm(ModelForm):
    class Meta:
        model = SiteText
        fields = ["title", "body"]

    def __init__(self, *args, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        self.fields["body"].widget.attrs["rows"] = 24


class AccessibilityFeedbackForm(Form):
    message = forms.CharField(
        label=_("Which barrier did you encounter?"),
        help_text=_("Please describe the problem and, if possible, the page where it occurred."),
        widget=forms.Textarea(attrs={"rows": 6}),
        max_length=5000,
    )
    page_url = forms.CharField(label=_("Page concerned"), max_length=500, required=False)
    name = forms.CharField(label=_("Your name"), max_length=200, required=False)
    email = forms.EmailField(
        label=_("Your e-mail address"),
        required=False,
        help_text=_("Only if you would like an answer."),
    )
    # Honeypot: hidden from people (CSS and aria-hidden), filled in by spam bots.
    website = forms.CharField(label=_("Leave this field empty"), required=False)

    def __init__(self, *args, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        self.fields["website"].widget.attrs.update({"tabindex": "-1", "autocomplete": "off"})

    @property
    def is_spam(self) -> bool:
        return bool(self.cleaned_data.get("website"))
