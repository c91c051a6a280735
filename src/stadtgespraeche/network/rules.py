"""Permission predicates of the network: overview, applications, memberships (django-rules)."""

from typing import Any

import rules

from stadtgespraeche.accounts.rules import is_organiser
from stadtgespraeche.network.enums import ApplicationStatus


@rules.predicate
def is_pending_application(user: Any, application: Any) -> bool:
    return application is not None and application.status == ApplicationStatus.PENDING


# The organiser overview of the network (dashboard start page).
rules.add_perm("network.view_network_overview", is_organiser)


# The review queue and an application's details.
rules.add_perm("network.review_applications", is_organiser)


# Accept or decline one application: only while it is pending.
rules.add_perm("network.decide_application", is_organiser & is_pending_application)


# Memberships of a series: list, status changes and history.
rules.add_perm("network.manage_memberships", is_organiser)
# The declined forms of a series name ("der Smarten Stadtgespräche").
rules.add_perm("network.change_series_names", is_organiser)
