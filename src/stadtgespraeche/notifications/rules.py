"""Who may do what with notifications and follows.

Every active, logged-in person has a notification centre, settings and a "Gefolgt" page;
only the recipient sees or changes a notification. Following asks the owning app's
predicate from the followable registry (follows.py). Unsubscribing by link needs no login:
the signed token is the permission (views.unsubscribe).
"""

from typing import Any

import rules

from . import follows


@rules.predicate
def is_active_person(user: Any) -> bool:
    return bool(getattr(user, "is_authenticated", False) and user.is_active)


@rules.predicate
def is_recipient(user: Any, notification: Any) -> bool:
    return notification is not None and notification.recipient_id == getattr(user, "pk", None)


@rules.predicate
def may_follow(user: Any, target: Any) -> bool:
    return target is not None and follows.can_follow(user, target)


rules.add_perm("notifications.view_notifications", is_active_person)
rules.add_perm("notifications.change_notification", is_active_person & is_recipient)
rules.add_perm("notifications.change_preferences", is_active_person)
rules.add_perm("notifications.follow", is_active_person & may_follow)
