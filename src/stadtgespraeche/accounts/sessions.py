"""How long a login lasts: shorter for organisers (docs/accounts.md, "Session lifetime").

The session remembers when its login happened; its expiry is that moment plus the age for
the person's role (`SESSION_AGE_HOURS`, `SESSION_AGE_ORGANISER_HOURS`). Every `login()`
sets it (a receiver of Django's `user_logged_in`, connected in AccountsConfig.ready(), so no
login path can skip it); `SessionAgeMiddleware` applies it on every request, so a role
changed while the person is logged in shortens (never lengthens) the running session.
"""

import time
from datetime import UTC, datetime

from django.conf import settings
from django.contrib.sessions.backends.base import SessionBase
from django.http import HttpRequest

from stadtgespraeche.accounts.models import User

LOGGED_IN_AT_KEY = "accounts_logged_in_at"
# Expiry dates later than the role allows by less than this are left alone (no session write).
_TOLERANCE_SECONDS = 60


def max_age(user: User) -> int:
    """Seconds a login of `user` may last."""
    if user.is_organiser:
        return int(settings.SESSION_AGE_ORGANISER_HOURS) * 60 * 60
    hours = settings.SESSION_AGE_HOURS
    return int(hours) * 60 * 60


def start(session: SessionBase, user: User) -> None:
    """Start the clock of a fresh login of `user`."""
    now = time.time()
    session[LOGGED_IN_AT_KEY] = now
    session.set_expiry(datetime.fromtimestamp(now + max_age(user), tz=UTC))


def on_login(sender: object, request: HttpRequest, user: User, **kwargs: object) -> None:
    """Receiver of `user_logged_in`: start the session clock of the new login."""
    if isinstance(user, User) and hasattr(request, "session"):
        start(request.session, user)


def _logged_in_at(session: SessionBase, user: User) -> float:
    value = session.get(LOGGED_IN_AT_KEY)
    if isinstance(value, int | float):
        return float(value)
    # A session from before this clock existed: its login was at the latest the last one.
    return user.last_login.timestamp() if user.last_login else time.time()


def enforce(session: SessionBase, user: User) -> bool:
    """Apply the age of `user`'s role to a logged-in session; False when it is over."""
    ends_at = _logged_in_at(session, user) + max_age(user)
    if ends_at <= time.time():
        return False
    if session.get("_session_expiry") is not None:
        too_late = session.get_expiry_date().timestamp() > ends_at + _TOLERANCE_SECONDS
    else:  # Django's default: SESSION_COOKIE_AGE after the session's last write
        too_late = max_age(user) < settings.SESSION_COOKIE_AGE
    if too_late:
        session.set_expiry(datetime.fromtimestamp(ends_at, tz=UTC))
    return True
