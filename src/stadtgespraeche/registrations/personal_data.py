"""The registrations of a person, for export and erasure (core.personal_data).

Registered from RegistrationsConfig.ready(). The section key stays "events_registrations"
(a stable key of the data export).
"""

from contextlib import suppress
from typing import Any

from django.utils.translation import gettext_lazy as _

from stadtgespraeche.core import personal_data
from stadtgespraeche.registrations.exceptions import RegistrationError
from stadtgespraeche.registrations.models import Registration
from stadtgespraeche.registrations.queries import ACTIVE_STATUSES
from stadtgespraeche.registrations.services import registration as services_registration

REGISTRATION_LABELS = {
    "registrations": _("Registrations for Stadtgespräche"),
    "event": _("Stadtgespräch"),
    "starts_at": _("Start"),
    "mode": _("Attendance"),
    "status": _("Status"),
    "registered_at": _("Registered at"),
    "registered_by": _("Registered by"),
    "accessibility_needs": _("Accessibility needs"),
    "dietary_needs": _("Dietary needs"),
    "on_participant_list": _("On the participant list"),
    "promoted_at": _("Moved up from the waitlist at"),
    "cancelled_at": _("Cancelled at"),
}


def export_registrations(user: Any) -> dict[str, Any]:
    registrations = (
        Registration.objects.filter(user=user)
        .select_related("event", "registered_by")
        .order_by("created_at", "pk")
    )
    return {
        "registrations": [
            {
                "event": registration.event.title,
                "starts_at": registration.event.starts_at,
                "mode": str(registration.get_mode_display()),
                "status": str(registration.get_status_display()),
                "registered_at": registration.created_at,
                "registered_by": str(registration.registered_by or ""),
                "accessibility_needs": registration.accessibility_needs,
                "dietary_needs": registration.dietary_needs,
                "on_participant_list": registration.on_participant_list,
                "promoted_at": registration.promoted_at,
                "cancelled_at": registration.cancelled_at,
            }
            for registration in registrations
        ]
    }


def erase_registrations(user: Any) -> None:
    """Free the person's places of coming events (the waitlist moves up), then delete every
    registration of theirs."""
    active = Registration.objects.filter(user=user, status__in=ACTIVE_STATUSES).select_related(
        "event"
    )
    for registration in active:
        with suppress(RegistrationError):  # an event that is over has no place to pass on
            services_registration.cancel_registration(registration, by=user)
    Registration.objects.filter(user=user).delete()


def register() -> None:
    personal_data.register(
        "events_registrations",
        title=_("Registrations for Stadtgespräche"),
        exporter=export_registrations,
        eraser=erase_registrations,
        order=41,
        labels=REGISTRATION_LABELS,
    )
