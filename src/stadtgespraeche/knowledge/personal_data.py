"""What the knowledge base holds about a person, for export and erasure (core.personal_data).

Practices are shared knowledge of the network: on erasure they stay, but the person is
removed as author, contact person, reviewer and from the version history.
Registered from KnowledgeConfig.ready().
"""

from typing import Any

from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from stadtgespraeche.core import personal_data

from .models import Practice, PracticeVersion

LABELS = {
    "practices": _("Good practices"),
    "title": _("Title"),
    "role": _("Your role"),
    "editorial_state": _("Editorial state"),
    "created_at": _("Created"),
}


def export_knowledge(user: Any) -> dict[str, Any]:
    practices = Practice.objects.filter(Q(author=user) | Q(contact=user)).order_by("created_at")
    return {
        "practices": [
            {
                "title": practice.title,
                "role": str(_("author"))
                if practice.author_id == user.pk
                else str(_("contact person")),
                "editorial_state": str(practice.get_state_display()),
                "created_at": practice.created_at,
            }
            for practice in practices
        ]
    }


def erase_knowledge(user: Any) -> None:
    Practice.objects.filter(author=user).update(author=None)
    Practice.objects.filter(contact=user).update(contact=None)
    Practice.objects.filter(reviewed_by=user).update(reviewed_by=None)
    PracticeVersion.objects.filter(author=user).update(author=None)


def register() -> None:
    personal_data.register(
        "knowledge",
        title=_("Good practices"),
        exporter=export_knowledge,
        eraser=erase_knowledge,
        order=60,
        labels=LABELS,
    )
