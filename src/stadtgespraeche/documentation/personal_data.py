"""The feedback a person gave on Stadtgespräche, for export and erasure (core.personal_data).

Erasure keeps the rating for the anonymous aggregate but removes the person and the free
texts (they may contain personal details). Registered from EventsConfig.ready().
"""

from typing import Any

from django.utils.translation import gettext_lazy as _

from stadtgespraeche.core import personal_data
from stadtgespraeche.documentation.models import Feedback

LABELS = {
    "feedback": _("Feedback on Stadtgespräche"),
    "event": _("Stadtgespräch"),
    "given_at": _("Given at"),
    "rating": _("Rating"),
    "useful": _("What was useful"),
    "topic_wishes": _("Topic wishes for next time"),
}


def export_feedback(user: Any) -> dict[str, Any]:
    feedback = Feedback.objects.filter(user=user).select_related("event").order_by("created_at")
    return {
        "feedback": [
            {
                "event": str(entry.event),
                "given_at": entry.created_at,
                "rating": entry.rating,
                "useful": entry.useful,
                "topic_wishes": entry.topic_wishes,
            }
            for entry in feedback
        ]
    }


def erase_feedback(user: Any) -> None:
    Feedback.objects.filter(user=user).update(user=None, useful="", topic_wishes="")


def register() -> None:
    personal_data.register(
        "events_feedback",
        title=_("Feedback on Stadtgespräche"),
        exporter=export_feedback,
        eraser=erase_feedback,
        order=45,
        labels=LABELS,
    )
