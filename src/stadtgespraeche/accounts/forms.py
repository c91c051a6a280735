from typing import Any

from django import forms
from django.conf import settings
from django.contrib.auth import forms as auth_forms
from django.contrib.auth import password_validation
from django.urls import reverse
from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext

from stadtgespraeche.core.forms import Form, KernFormMixin
from stadtgespraeche.core.mail import send_templated_mail

from . import throttling

THROTTLED_MESSAGE = _(
    "Too many attempts from your network. For your protection, please wait a few minutes "
    "and try again."
)


def throttled_login_message(retry_after: int) -> str:
    """The refusal of a throttled login, saying when to try again."""
    if retry_after < 120:
        return ngettext(
            "Too many failed login attempts. For your protection, please try again in "
            "%(count)d second.",
            "Too many failed login attempts. For your protection, please try again in "
            "%(count)d seconds.",
            retry_after,
        ) % {"count": retry_after}
    minutes = -(-retry_after // 60)
    return ngettext(
        "Too many failed login attempts. For your protection, please try again in "
        "%(count)d minute.",
        "Too many failed login attempts. For your protection, please try again in "
        "%(count)d minutes.",
        minutes,
    ) % {"count": minutes}


class SetPasswordForm(Form):
    password1 = forms.CharField(
        label=_("New password"),
        strip=False,
        widget=forms.PasswordInput(attrs={"autocomplete": "new-password"}),
        help_text=_("At least 10 characters; not only digits and not a common password."),
    )
    password2 = forms.CharField(
        label=_("Repeat the new password"),
        strip=False,
        widget=forms.PasswordInput(attrs={"autocomplete": "new-password"}),
    )

    def __init__(self, *args: Any, user: Any = None, **kwargs: Any) -> None:
        self.user = user
        super().__init__(*args, **kwargs)

    def clean(self) -> dict:
        cleaned = super().clean() or {}
        p1, p2 = cleaned.get("password1"), cleaned.get("password2")
        if p1 and p2 and p1 != p2:
            self.add_error("password2", _("The two passwords do not match."))
        elif p1:
            try:
                password_validation.validate_password(p1, self.user)
            except forms.ValidationError as error:
                self.add_error("password1", error)
        return cleaned


class LoginForm(Form):
    email = forms.EmailField(
        label=_("E-mail address"),
        widget=forms.EmailInput(attrs={"autocomplete": "email", "autofocus": True}),
    )
    password = forms.CharField(
        label=_("Password"),
        strip=False,
        widget=forms.PasswordInput(attrs={"autocomplete": "current-password"}),
    )


class SecondFactorForm(Form):
    code = forms.CharField(
        label=_("Code"),
        max_length=20,
        help_text=_(
            "The six-digit code from your authenticator app, or one of your recovery codes."
        ),
        widget=forms.TextInput(
            attrs={"autocomplete": "one-time-code", "autofocus": True, "spellcheck": "false"}
        ),
    )


class TOTPConfirmForm(Form):
    code = forms.CharField(
        label=_("Six-digit code from the app"),
        max_length=10,
        widget=forms.TextInput(
            attrs={"autocomplete": "one-time-code", "inputmode": "numeric", "spellcheck": "false"}
        ),
    )


class CurrentPasswordForm(Form):
    """Asks for the current password before a sensitive change."""

    password = forms.CharField(
        label=_("Your current password"),
        strip=False,
        widget=forms.PasswordInput(attrs={"autocomplete": "current-password"}),
    )

    def __init__(self, *args: Any, user: Any = None, **kwargs: Any) -> None:
        self.user = user
        super().__init__(*args, **kwargs)

    def clean_password(self) -> str:
        password = self.cleaned_data["password"]
        if not self.user.check_password(password):
            raise forms.ValidationError(_("The password is not correct."))
        return password


class EmailChangeForm(CurrentPasswordForm):
    new_email = forms.EmailField(
        label=_("New e-mail address"),
        widget=forms.EmailInput(attrs={"autocomplete": "email"}),
    )

    field_order = ["new_email", "password"]

    def clean_new_email(self) -> str:
        new_email = self.cleaned_data["new_email"].strip().lower()
        if new_email == self.user.email.lower():
            raise forms.ValidationError(_("This is already your e-mail address."))
        return new_email


class PasswordChangeForm(KernFormMixin, auth_forms.PasswordChangeForm):
    pass


class PasswordResetConfirmForm(KernFormMixin, auth_forms.SetPasswordForm):
    pass


class PasswordResetForm(KernFormMixin, auth_forms.PasswordResetForm):
    """Django's reset form, throttled per IP address, mailing through core.mail."""

    def __init__(self, *args: Any, ip_address: str = "", **kwargs: Any) -> None:
        self.ip_address = ip_address
        super().__init__(*args, **kwargs)
        self.fields["email"].label = _("E-mail address")

    def clean(self) -> dict[str, Any]:
        cleaned = super().clean() or {}
        if throttling.RESET_PER_IP.is_blocked(self.ip_address):
            raise forms.ValidationError(THROTTLED_MESSAGE)
        return cleaned

    def send_mail(
        self,
        subject_template_name: str,
        email_template_name: str,
        context: dict[str, Any],
        from_email: str | None,
        to_email: str,
        html_email_template_name: str | None = None,
    ) -> None:
        user = context["user"]
        reset_path = reverse(
            "accounts:password-reset-confirm",
            kwargs={"uidb64": context["uid"], "token": context["token"]},
        )
        send_templated_mail(
            to=[to_email],
            template="accounts/emails/password_reset",
            context={"user": user, "reset_url": settings.SITE_URL + reset_path},
            language=user.language,
        )


# --- Data rights ---------------------------------------------------------------------------

PRIVACY_NOTICE_VERSION = "2026-11-v1"
PRIVACY_NOTICE_TEXT = _(
    "I have read the privacy notice and know how my data is processed in the network."
)


class InvitationAcceptForm(SetPasswordForm):
    """Setting the first password; also acknowledges the privacy notice (recorded)."""

    privacy_notice = forms.BooleanField(
        label=PRIVACY_NOTICE_TEXT,
        required=True,
        error_messages={"required": _("Please confirm that you have read the privacy notice.")},
    )


class DeletionRequestForm(CurrentPasswordForm):
    confirm = forms.BooleanField(
        label=_("I want my account and my personal data to be deleted."),
        required=True,
        error_messages={"required": _("Please confirm that you want to delete your account.")},
    )

    field_order = ["confirm", "password"]
