import time
from typing import Any

import segno
from django.conf import settings
from django.contrib import messages
from django.contrib.auth import login, logout, update_session_auth_hash
from django.contrib.auth import views as auth_views
from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse, HttpResponseRedirect
from django.shortcuts import redirect, render
from django.urls import NoReverseMatch, reverse, reverse_lazy
from django.utils.html import format_html
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.safestring import SafeString, mark_safe
from django.utils.translation import gettext as _
from django.views.decorators.debug import sensitive_post_parameters
from django.views.decorators.http import require_http_methods, require_POST

from stadtgespraeche.accounts import queries, services
from stadtgespraeche.accounts.exceptions import (
    AccountPendingDeletion,
    EmailChangeInvalid,
    EmailChangeThrottled,
    InvitationInvalid,
    LoginFailed,
    LoginThrottled,
    SecondFactorInvalid,
    TwoFactorError,
)
from stadtgespraeche.accounts.forms import (
    PRIVACY_NOTICE_TEXT,
    PRIVACY_NOTICE_VERSION,
    CurrentPasswordForm,
    EmailChangeForm,
    InvitationAcceptForm,
    LoginForm,
    PasswordChangeForm,
    PasswordResetConfirmForm,
    PasswordResetForm,
    SecondFactorForm,
    TOTPConfirmForm,
    throttled_login_message,
)
from stadtgespraeche.accounts.models import User
from stadtgespraeche.accounts.throttling import client_ip

BACKEND = "stadtgespraeche.accounts.backends.AccountBackend"
PENDING_KEY = "accounts_pending_login"
PENDING_MAX_AGE = 5 * 60
RECOVERY_CODES_KEY = "accounts_new_recovery_codes"


def _safe_next(request: HttpRequest, candidate: str) -> str:
    if candidate and url_has_allowed_host_and_scheme(
        candidate, allowed_hosts={request.get_host()}, require_https=request.is_secure()
    ):
        return candidate
    return reverse(settings.LOGIN_REDIRECT_URL)


def _complete_login(
    request: HttpRequest, user: User, *, next_url: str, second_factor: str = ""
) -> HttpResponse:
    login(request, user, backend=BACKEND)
    services.record_login(user, ip_address=client_ip(request), second_factor=second_factor)
    return redirect(_safe_next(request, next_url))


@sensitive_post_parameters("password")
@require_http_methods(["GET", "POST"])
def login_view(request: HttpRequest) -> HttpResponse:
    next_url = request.POST.get("next") or request.GET.get("next", "")
    if request.user.is_authenticated:
        return redirect(_safe_next(request, next_url))
    form = LoginForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            user = services.check_password_login(
                email=form.cleaned_data["email"],
                password=form.cleaned_data["password"],
                ip_address=client_ip(request),
            )
        except LoginThrottled as throttled:
            form.add_error(None, throttled_login_message(throttled.retry_after))
        except AccountPendingDeletion:
            form.add_error(
                None,
                _(
                    "Your account is deactivated because you asked for its deletion. To keep "
                    "it, open the link in the e-mail we sent you at the time."
                ),
            )
        except LoginFailed:
            form.add_error(
                None, _("The e-mail address or the password is not correct. Please try again.")
            )
        else:
            if not user.two_factor_enabled:
                return _complete_login(request, user, next_url=next_url)
            request.session[PENDING_KEY] = {"user": user.pk, "at": time.time(), "next": next_url}
            return redirect("accounts:login-two-factor")
    return render(request, "accounts/login.html", {"form": form, "next": next_url})


@require_http_methods(["GET", "POST"])
def login_two_factor(request: HttpRequest) -> HttpResponse:
    pending = request.session.get(PENDING_KEY) or {}
    user = None
    if pending.get("user") and time.time() - pending.get("at", 0) <= PENDING_MAX_AGE:
        user = User.objects.filter(pk=int(pending["user"]), is_active=True).first()
    if user is None:
        request.session.pop(PENDING_KEY, None)
        messages.info(request, _("Please log in again."))
        return redirect("accounts:login")
    form = SecondFactorForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            method = services.check_second_factor(
                user, code=form.cleaned_data["code"], ip_address=client_ip(request)
            )
        except LoginThrottled as throttled:
            request.session.pop(PENDING_KEY, None)
            messages.error(request, throttled_login_message(throttled.retry_after))
            return redirect("accounts:login")
        except SecondFactorInvalid:
            form.add_error("code", _("This code is not valid. Please enter the current code."))
        else:
            del request.session[PENDING_KEY]
            if method == "recovery_code":
                messages.warning(
                    request,
                    _(
                        "You logged in with a recovery code, which is now used up. "
                        "Please check how many recovery codes you have left."
                    ),
                )
            return _complete_login(
                request, user, next_url=pending.get("next", ""), second_factor=method
            )
    return render(request, "accounts/login_two_factor.html", {"form": form})


@require_POST
def logout_view(request: HttpRequest) -> HttpResponse:
    if isinstance(request.user, User):
        services.record_logout(request.user, ip_address=client_ip(request))
    logout(request)
    try:
        return redirect(settings.LOGOUT_REDIRECT_URL)
    except NoReverseMatch:  # the public site is not installed
        return redirect("/")


@login_required
def home(request: HttpRequest) -> HttpResponse:
    return render(request, "accounts/home.html")


@require_http_methods(["GET", "POST"])
def invitation_accept(request: HttpRequest, token: str) -> HttpResponse:
    try:
        invitation = services.invitation_for_token(token)
    except InvitationInvalid:
        return render(request, "accounts/invitation_invalid.html", status=410)
    form = InvitationAcceptForm(request.POST or None, user=invitation.user)
    if request.method == "POST" and form.is_valid():
        user = services.accept_invitation(
            token,
            password=form.cleaned_data["password1"],
            privacy_notice_version=PRIVACY_NOTICE_VERSION,
            privacy_notice_text=str(PRIVACY_NOTICE_TEXT),
        )
        login(request, user, backend=BACKEND)
        messages.success(
            request,
            _(
                "Welcome! Your password is set and you are logged in. Please complete your "
                "profile now so that others in the network can find you."
            ),
        )
        return redirect(settings.LOGIN_REDIRECT_URL)
    return render(
        request, "accounts/invitation_accept.html", {"form": form, "invitation": invitation}
    )


# --- Passwords -----------------------------------------------------------------------------


@sensitive_post_parameters()
@login_required
@require_http_methods(["GET", "POST"])
def password_change(request: HttpRequest) -> HttpResponse:
    form = PasswordChangeForm(request.user, request.POST or None)
    if request.method == "POST" and form.is_valid():
        user = services.change_password(
            request.user,  # type: ignore[arg-type]
            new_password=form.cleaned_data["new_password1"],
            ip_address=client_ip(request),
        )
        update_session_auth_hash(request, user)
        messages.success(request, _("Your password has been changed."))
        return redirect("accounts:home")
    return render(request, "accounts/password_change.html", {"form": form})


class PasswordResetView(auth_views.PasswordResetView):
    form_class = PasswordResetForm
    template_name = "accounts/password_reset.html"
    success_url = reverse_lazy("accounts:password-reset-done")

    def get_form_kwargs(self) -> dict[str, Any]:
        return {**super().get_form_kwargs(), "ip_address": client_ip(self.request)}

    def form_valid(self, form: PasswordResetForm) -> HttpResponse:  # type: ignore[override]
        if services.record_password_reset_request(
            email=form.cleaned_data["email"], ip_address=client_ip(self.request)
        ):
            return super().form_valid(form)
        return HttpResponseRedirect(self.get_success_url())


class PasswordResetDoneView(auth_views.PasswordResetDoneView):
    template_name = "accounts/password_reset_done.html"


class PasswordResetConfirmView(auth_views.PasswordResetConfirmView):
    form_class = PasswordResetConfirmForm
    template_name = "accounts/password_reset_confirm.html"
    success_url = reverse_lazy("accounts:password-reset-complete")

    def form_valid(self, form: PasswordResetConfirmForm) -> HttpResponse:  # type: ignore[override]
        response = super().form_valid(form)
        services.record_password_reset(form.user, ip_address=client_ip(self.request))
        return response


class PasswordResetCompleteView(auth_views.PasswordResetCompleteView):
    template_name = "accounts/password_reset_complete.html"


# --- E-mail address ------------------------------------------------------------------------


@sensitive_post_parameters("password")
@login_required
@require_http_methods(["GET", "POST"])
def email_change(request: HttpRequest) -> HttpResponse:
    form = EmailChangeForm(request.POST or None, user=request.user)
    if request.method == "POST" and form.is_valid():
        try:
            services.request_email_change(
                request.user,  # type: ignore[arg-type]
                new_email=form.cleaned_data["new_email"],
                ip_address=client_ip(request),
            )
        except EmailChangeThrottled:
            form.add_error(
                None,
                _("You have asked for several changes recently. Please try again in an hour."),
            )
            return render(request, "accounts/email_change.html", {"form": form})
        messages.success(
            request,
            _(
                "We have sent a confirmation link to the new address. Your e-mail address "
                "changes when you open it."
            ),
        )
        return redirect("accounts:home")
    return render(request, "accounts/email_change.html", {"form": form})


@require_http_methods(["GET", "POST"])
def email_change_confirm(request: HttpRequest, token: str) -> HttpResponse:
    # GET only shows a button, so that link scanners in mail systems change nothing.
    try:
        user, new_email = services.email_change_for_token(token)
        if request.method == "POST":
            services.confirm_email_change(token, ip_address=client_ip(request))
    except EmailChangeInvalid:
        return render(request, "accounts/email_change_invalid.html", status=410)
    if request.method == "POST":
        messages.success(request, _("Your e-mail address has been changed."))
        return redirect("accounts:home" if request.user.is_authenticated else "accounts:login")
    return render(
        request, "accounts/email_change_confirm.html", {"account": user, "new_email": new_email}
    )


# --- Two-factor authentication -------------------------------------------------------------


def _qr_svg(uri: str, label: str) -> SafeString:
    svg = segno.make(uri, error="m").svg_inline(scale=4, dark="#000000", light="#ffffff")
    # segno's markup is generated, not user input; it only gets an accessible name added.
    accessible = format_html('<svg role="img" aria-label="{}" ', label)
    return mark_safe(svg.replace("<svg ", accessible, 1))


@login_required
def two_factor(request: HttpRequest) -> HttpResponse:
    user: User = request.user  # type: ignore[assignment]
    context = {
        "disable_form": CurrentPasswordForm(user=user),
        "codes_left": queries.unused_recovery_code_count(user) if user.two_factor_enabled else 0,
    }
    return render(request, "accounts/two_factor.html", context)


@login_required
@require_http_methods(["GET", "POST"])
def two_factor_setup(request: HttpRequest) -> HttpResponse:
    user: User = request.user  # type: ignore[assignment]
    if user.two_factor_enabled:
        return redirect("accounts:two-factor")
    device = services.pending_totp_device(user)
    form = TOTPConfirmForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            codes = services.confirm_two_factor(
                user, code=form.cleaned_data["code"], ip_address=client_ip(request)
            )
        except SecondFactorInvalid:
            form.add_error(
                "code", _("This code is not valid. Please check the time on your device.")
            )
        else:
            request.session[RECOVERY_CODES_KEY] = codes
            messages.success(request, _("Two-factor authentication is now on."))
            return redirect("accounts:recovery-codes")
    uri = services.totp_provisioning_uri(device)
    context = {
        "form": form,
        "qr_svg": _qr_svg(uri, _("QR code for your authenticator app")),
        "secret_groups": [device.secret[i : i + 4] for i in range(0, len(device.secret), 4)],
    }
    return render(request, "accounts/two_factor_setup.html", context)


@login_required
def recovery_codes(request: HttpRequest) -> HttpResponse:
    codes = request.session.pop(RECOVERY_CODES_KEY, None)
    if not codes:
        return redirect("accounts:two-factor")
    return render(request, "accounts/recovery_codes.html", {"codes": codes})


@login_required
@require_POST
def recovery_codes_renew(request: HttpRequest) -> HttpResponse:
    try:
        codes = services.regenerate_recovery_codes(
            request.user,  # type: ignore[arg-type]
            ip_address=client_ip(request),
        )
    except TwoFactorError:
        return redirect("accounts:two-factor")
    request.session[RECOVERY_CODES_KEY] = codes
    return redirect("accounts:recovery-codes")


@sensitive_post_parameters("password")
@login_required
@require_POST
def two_factor_disable(request: HttpRequest) -> HttpResponse:
    user: User = request.user  # type: ignore[assignment]
    form = CurrentPasswordForm(request.POST, user=user)
    if not user.two_factor_enabled:
        return redirect("accounts:two-factor")
    if not form.is_valid():
        context = {"disable_form": form, "codes_left": queries.unused_recovery_code_count(user)}
        return render(request, "accounts/two_factor.html", context, status=400)
    services.disable_two_factor(user, ip_address=client_ip(request))
    messages.success(request, _("Two-factor authentication is now off."))
    return redirect("accounts:two-factor")
