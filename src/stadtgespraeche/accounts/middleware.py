"""Session lifetime per role, and organisers must use two-factor authentication first."""

from collections.abc import Callable

from django.conf import settings
from django.contrib.auth import logout
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect
from django.urls import reverse

from stadtgespraeche.accounts import sessions

# Pages an organiser without two-factor authentication may still open.
_ALLOWED_URL_NAMES = (
    "accounts:two-factor-setup",
    "accounts:recovery-codes",
    "accounts:logout",
    "set_language",
)


class TwoFactorMiddleware:
    """Sends a logged-in organiser without confirmed 2FA to the setup page.

    Reads only the user row Django already loaded (`two_factor_enabled`), so it costs no
    query. Static and media files, logout and the language switch stay reachable.
    """

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response
        self._allowed_paths: tuple[str, ...] | None = None

    def _is_allowed(self, path: str) -> bool:
        if self._allowed_paths is None:
            self._allowed_paths = tuple(reverse(name) for name in _ALLOWED_URL_NAMES)
        prefixes = tuple(p for p in (settings.STATIC_URL, settings.MEDIA_URL) if p)
        return path in self._allowed_paths or path.startswith(prefixes)

    def __call__(self, request: HttpRequest) -> HttpResponse:
        user = getattr(request, "user", None)
        if (
            user is not None
            and user.is_authenticated
            and getattr(user, "is_organiser", False)
            and not getattr(user, "two_factor_enabled", False)
            and not self._is_allowed(request.path)
        ):
            return redirect("accounts:two-factor-setup")
        return self.get_response(request)


class SessionAgeMiddleware:
    """Ends a login that is older than its person's role allows (accounts.sessions).

    Reads the user row Django already loaded and the session it already read, so it costs
    no query; it writes the session only when the expiry changes (first request after a
    login by another path, or after a role change to organiser).
    """

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        user = getattr(request, "user", None)
        if (
            user is not None
            and user.is_authenticated
            and not sessions.enforce(request.session, user)  # type: ignore[arg-type]
        ):
            logout(request)
        return self.get_response(request)
