"""The notifications section of "Ihre Daten": notifications, follows and e-mail settings."""

from typing import Any

from django.db.models import Model
from django.utils.translation import gettext_lazy as _

from stadtgespraeche.core import personal_data

from . import kinds, queries, services
from .models import Notification, Preference

LABELS = {
    "notifications": _("Notifications"),
    "follows": _("What you follow"),
    "preferences": _("E-mail settings"),
    "title": _("Title"),
    "kind": _("Kind"),
    "text": _("Text"),
    "link": _("Link"),
    "created": _("Created"),
    "read": _("Read"),
    "emailed": _("E-mailed"),
    "type": _("Type"),
    "name": _("Name"),
    "since": _("Since"),
    "email": _("E-mail"),
}


def _kind_label(key: str) -> str:
    kind = kinds.get(key)
    return str(kind.label) if kind else key


def _type_label(model: type[Model] | None, fallback: str) -> str:
    return str(model._meta.verbose_name) if model is not None else fallback


def export(user: Any) -> dict[str, Any]:
    notifications = Notification.objects.filter(recipient=user).order_by("created_at", "pk")
    return {
        "notifications": [
            {
                "title": item.title,
                "kind": _kind_label(item.kind),
                "text": item.body,
                "link": item.url,
                "created": item.created_at,
                "read": item.read_at,
                "emailed": item.emailed_at,
            }
            for item in notifications
        ],
        "follows": [
            {
                "type": _type_label(entry.target_type.model_class(), entry.target_type.model),
                "name": str(entry.target),
                "since": entry.created_at,
            }
            for entry in queries.follows_of(user)
        ],
        "preferences": [
            {
                "kind": _kind_label(pref.kind) if pref.kind != "*" else str(_("All kinds")),
                "email": pref.get_cadence_display(),
            }
            for pref in Preference.objects.filter(user=user).order_by("kind")
        ],
    }


def register() -> None:
    personal_data.register(
        "notifications",
        title=_("Notifications and follows"),
        exporter=export,
        eraser=services.erase_personal_data,
        order=60,
        labels=LABELS,
    )
