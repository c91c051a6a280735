"""Who takes part in a Stadtgespräch, for the rules that `events` itself applies.

Under the Chatham House rule only participants see names and post in an event's threads
(`events/threads.py`). Taking part means holding a place through a registration, and
registrations sit above events (docs/architecture.md), so `registrations` answers the
question: it registers its check in `RegistrationsConfig.ready`. Without a registered
check nobody counts as a participant.
"""

from collections.abc import Callable
from typing import Any

from stadtgespraeche.events.models import Event

Check = Callable[[Event, Any], bool]
_check: list[Check] = []


def register(check: Check) -> None:
    """Set the function `check(event, user) -> bool` that decides participation."""
    _check[:] = [check]


def is_participant(event: Event, user: Any) -> bool:
    return bool(_check) and _check[0](event, user)
