"""The feedback a person gave on Stadtgespräche, for export and erasure (core.personal_data).

Feedback is anonymous: the export says only on which Stadtgespräch the person gave feedback,
never the rating or the texts (nobody, the person included, can tie them to a name).
Erasure keeps the rating for the anonymous aggregate but removes the person and the free
texts (they may contain personal details). Registered from DocumentationConfig.ready().
"""

from typing import Any

from django.utils.translation import gettext_lazy as _

from stadtgespraeche.core import personal_data
from stadtgespraeche.documentation.models import Feedback

LABELS = {
    "feedback": _("Feedback on Stadtgespräche"),
    "event": _("Stadtgespräch"),
}


def export_feedback(user: Any) -> dict[str, Any]:
    feedback = Feedback.objects.filter(user=user).select_related("event").order_by("event_id")
    return {"feedback": [{"event": str(entry.event)} for entry in feedback]}


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
