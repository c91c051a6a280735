"""Stadtgespräche with their agenda and, once published, their minutes and results.

Visibility follows events.queries.visible_events: drafts only for organisers, network-only
and Chatham House events for network members, public events for everyone.
"""

from typing import Any

from django.apps import apps
from django.db.models import Prefetch, QuerySet

from stadtgespraeche.documentation.models import Minutes
from stadtgespraeche.events.enums import Confidentiality, EventStatus
from stadtgespraeche.events.models import AgendaItem, Event

from ..enums import Kind, Level
from . import Document, Provider, register, register_dependent


def _minutes_texts(event: Event) -> list[str]:
    """Minutes and results, only once the documentation is published (and the event is
    "documented", as documentation.queries.can_view_documentation requires)."""
    if event.status != EventStatus.DOCUMENTED:
        return []
    minutes = Minutes.objects.filter(event=event, published_at__isnull=False).first()
    return [minutes.body, minutes.results] if minutes else []


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
        # Chatham House: content may be used, speakers are not attributed outside the
        # participants, so their names are not findable.
        attributed = event.confidentiality != Confidentiality.CHATHAM_HOUSE
        for item in event.agenda.all():
            texts += [item.title, item.abstract]
            if attributed:
                texts += [item.external_speaker, item.external_organisation]
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
register_dependent("documentation.minutes", _event_of("documentation.minutes"))
