"""Stadtgespräche with their agenda (and published minutes once a Minutes model exists).

Visibility follows events.queries.visible_events: drafts only for organisers, network-only
and Chatham House events for network members, public events for everyone.
"""

from typing import Any

from django.apps import apps
from django.db.models import Prefetch, QuerySet

from stadtgespraeche.events.enums import Confidentiality, EventStatus
from stadtgespraeche.events.models import AgendaItem, Event

from ..enums import Kind, Level
from . import Document, Provider, register, register_dependent


def _minutes_texts(event: Event) -> list[str]:
    """Text of the event's published minutes; nothing while no Minutes model exists.

    Guarded: reads `events.Minutes` only if the model is there, and only rows marked
    published (a `published_at`, `is_published` or `status == "published"`)."""
    try:
        minutes_model: Any = apps.get_model("events", "Minutes")
    except LookupError:
        return []
    field_names = {field.name for field in minutes_model._meta.get_fields()}
    rows = minutes_model.objects.filter(event=event)
    if "published_at" in field_names:
        rows = rows.filter(published_at__isnull=False)
    elif "is_published" in field_names:
        rows = rows.filter(is_published=True)
    elif "status" in field_names:
        rows = rows.filter(status="published")
    else:
        return []
    texts = []
    for row in rows:
        texts += [
            str(getattr(row, name, "") or "") for name in ("title", "summary", "body", "text")
        ]
    return texts


def event_levels(event: Event) -> tuple[int, int]:
    if event.status == EventStatus.DRAFT:
        return Level.ORGANISERS, Level.ORGANISERS
    if event.confidentiality == Confidentiality.PUBLIC:
        return Level.PUBLIC, Level.ORGANISERS
    return Level.NETWORK, Level.ORGANISERS


class EventProvider(Provider):
    model_label = "events.event"
    kind = Kind.EVENT

    def queryset(self) -> QuerySet[Event]:
        return Event.objects.select_related("series").prefetch_related(
            "hosts",
            "co_hosts",
            "topics",
            Prefetch("agenda", queryset=AgendaItem.objects.order_by("starts_at", "pk")),
        )

    def documents(self, event: Event) -> list[Document]:
        min_level, max_level = event_levels(event)
        texts = [event.description, event.venue_address]
        municipality_ids = {m.pk for m in event.hosts.all()} | {m.pk for m in event.co_hosts.all()}
        if event.venue_municipality_id:
            municipality_ids.add(event.venue_municipality_id)
        for item in event.agenda.all():
            texts += [item.title, item.abstract, item.external_speaker, item.external_organisation]
            if item.municipality_id:
                municipality_ids.add(item.municipality_id)
        texts += _minutes_texts(event)
        return [
            Document(
                title=event.title,
                url=event.get_absolute_url(),
                kind=self.kind,
                body="\n".join(text for text in texts if text),
                date=event.starts_at,
                min_level=min_level,
                max_level=max_level,
                municipality_ids=municipality_ids,
                topic_ids={topic.pk for topic in event.topics.all()},
            )
        ]


def _event_of(label: str) -> Any:
    def resolve(pk: int) -> list[tuple[str, int]]:
        model = apps.get_model(label)
        event_id = model.objects.filter(pk=pk).values_list("event_id", flat=True).first()
        return [("events.event", event_id)] if event_id else []

    return resolve


register(EventProvider())
register_dependent("events.agendaitem", _event_of("events.agendaitem"))
if "minutes" in {model._meta.model_name for model in apps.get_app_config("events").get_models()}:
    register_dependent("events.minutes", _event_of("events.minutes"))
