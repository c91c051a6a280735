"""What events holds about a person, for export and erasure (core.personal_data).

Membership applications name a contact person by e-mail; those whose contact address is
the person's are theirs, including the consent given with the application.
Registered from EventsConfig.ready().
"""

from contextlib import suppress
from typing import Any

from django.utils.translation import gettext_lazy as _

from stadtgespraeche.core import personal_data

from . import services_registration
from .exceptions_registration import RegistrationError
from .models import MembershipApplication, Registration
from .queries_registration import ACTIVE_STATUSES

LABELS = {
    "applications": _("Membership applications"),
    "series": _("Series"),
    "municipality": _("Municipality"),
    "submitted_at": _("Submitted at"),
    "contact_name": _("Contact person"),
    "contact_email": _("E-mail address"),
    "contact_role": _("Position or department"),
    "message": _("Message"),
    "status": _("Status"),
    "consent_given_at": _("Consent to processing given at"),
    "consent_text_version": _("Version of the consent text"),
    "decision_message": _("Message to the applicant"),
}
ERASED = "gelöschte Person"


def _applications(user: Any) -> Any:
    return MembershipApplication.objects.filter(contact_email__iexact=user.email)


def export_events(user: Any) -> dict[str, Any]:
    applications = _applications(user).select_related("series", "municipality")
    return {
        "applications": [
            {
                "series": str(application.series),
                "municipality": str(application.municipality),
                "submitted_at": application.created_at,
                "contact_name": application.contact_name,
                "contact_email": application.contact_email,
                "contact_role": application.contact_role,
                "message": application.message,
                "status": str(application.get_status_display()),
                "consent_given_at": application.consent_given_at,
                "consent_text_version": application.consent_text_version,
                "decision_message": application.decision_message,
            }
            for application in applications
        ]
    }


def erase_events(user: Any) -> None:
    """The applications stay (a municipality applied), without the contact person."""
    _applications(user).update(
        contact_name=ERASED,
        contact_email=f"deleted-{user.pk}@invalid",
        contact_role="",
        message="",
    )


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
    personal_data.register(
        "events",
        title=_("Membership applications"),
        exporter=export_events,
        eraser=erase_events,
        order=40,
        labels=LABELS,
    )
