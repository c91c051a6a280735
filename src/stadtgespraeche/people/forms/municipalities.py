"""The public profile of a municipality, edited by its coordinators."""

from django import forms
from django.utils.translation import gettext_lazy as _

from stadtgespraeche.core.forms import Form


class MunicipalityProfileForm(Form):
    profile_text = forms.CharField(
        label=_("Short description"),
        required=False,
        max_length=1000,
        widget=forms.Textarea(attrs={"rows": 5}),
        help_text=_("What your municipality works on in the network (at most 1,000 characters)."),
    )
    contact = forms.CharField(
        label=_("Contact"),
        required=False,
        max_length=500,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text=_("A public contact, e.g. the smart city office with e-mail address."),
    )
    logo = forms.FileField(
        label=_("Logo"),
        required=False,
        widget=forms.ClearableFileInput(attrs={"accept": ".png,.jpg,.jpeg,.webp"}),
        help_text=_("PNG, JPEG or WebP. Shown at most 600 pixels wide."),
    )
    logo_licence = forms.CharField(
        label=_("Licence of the logo"),
        required=False,
        max_length=300,
        help_text=_("Who holds the rights and under which terms the logo may be shown."),
    )
    remove_logo = forms.BooleanField(label=_("Remove the logo"), required=False)
