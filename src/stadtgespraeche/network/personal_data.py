"""What the network holds about a person, for export and erasure (core.personal_data).

Membership applications name a contact person by e-mail; those whose contact address is
the person's are theirs, including the consent given with the application.
Registered from NetworkConfig.ready(). The section key stays "events" (stable export key).
"""

from typing import Any

from django.utils.translation import gettext_lazy as _

from stadtgespraeche.core import personal_data
from stadtgespraeche.network.models import MembershipApplication

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


def register() -> None:
    personal_data.register(
        "events",
        title=_("Membership applications"),
        exporter=export_events,
        eraser=erase_events,
        order=40,
        labels=LABELS,
    )
