"""Contact requests, blocks, reports and hidden suggestions of a person, for export and erasure.

Registered from DirectoryConfig.ready() beside `personal_data` (profile, mandates, roles).
"""

from typing import Any

from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from stadtgespraeche.contacts.models import AbuseReport, Block, ContactRequest, HiddenSuggestion
from stadtgespraeche.core import personal_data

LABELS = {
    "contact_requests": _("Contact requests"),
    "blocked_people": _("People you blocked"),
    "reports": _("Your reports to the organisers"),
    "hidden_suggestions": _("Suggestions you hid"),
    "direction": _("Direction"),
    "person": _("Person"),
    "status": _("Status"),
    "message": _("Message"),
    "reason": _("Reason"),
    "created_at": _("Date"),
}


def export_contacts(user: Any) -> dict[str, Any]:
    requests = ContactRequest.objects.filter(Q(sender=user) | Q(recipient=user)).select_related(
        "sender", "recipient"
    )
    return {
        "contact_requests": [
            {
                "direction": "sent" if request.sender_id == user.pk else "received",
                "person": str(
                    request.recipient if request.sender_id == user.pk else request.sender
                ),
                "status": str(request.get_status_display()),
                "message": request.message,
                "created_at": request.created_at,
            }
            for request in requests.order_by("created_at", "pk")
        ],
        "blocked_people": [
            {"person": str(block.blocked), "created_at": block.created_at}
            for block in Block.objects.filter(blocker=user).select_related("blocked")
        ],
        "reports": [
            {
                "person": str(report.reported),
                "reason": report.reason,
                "created_at": report.created_at,
            }
            for report in AbuseReport.objects.filter(reporter=user).select_related("reported")
        ],
        "hidden_suggestions": [
            {"person": str(hidden.hidden), "created_at": hidden.created_at}
            for hidden in HiddenSuggestion.objects.filter(user=user).select_related("hidden")
        ],
    }


def erase_contacts(user: Any) -> None:
    """Requests, blocks and hidden suggestions in both directions and reports about the person
    are deleted; the person's own reports stay for the organisers, without the reporter."""
    ContactRequest.objects.filter(Q(sender=user) | Q(recipient=user)).delete()
    Block.objects.filter(Q(blocker=user) | Q(blocked=user)).delete()
    HiddenSuggestion.objects.filter(Q(user=user) | Q(hidden=user)).delete()
    AbuseReport.objects.filter(reported=user).delete()
    AbuseReport.objects.filter(reporter=user).update(reporter=None)


def register() -> None:
    personal_data.register(
        "contacts",
        title=_("Contacts, blocks and reports"),
        exporter=export_contacts,
        eraser=erase_contacts,
        order=30,
        labels=LABELS,
    )
