import datetime

import factory
from django.utils import timezone

from stadtgespraeche.events.enums import AgendaItemKind, EventStatus
from stadtgespraeche.events.models import AgendaItem, Event

from .network import DefaultSeriesFactory


class EventFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Event

    series = factory.SubFactory(DefaultSeriesFactory)
    number = factory.Sequence(lambda n: n + 1)
    title = factory.Sequence(lambda n: f"Stadtgespräch {n + 1}")
    slug = factory.Sequence(lambda n: f"stadtgespraech-{n + 1}")
    starts_at = factory.LazyFunction(lambda: timezone.now() + datetime.timedelta(days=14))
    ends_at = factory.LazyAttribute(lambda o: o.starts_at + datetime.timedelta(hours=2))
    status = EventStatus.PUBLISHED


class AgendaItemFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = AgendaItem

    event = factory.SubFactory(EventFactory)
    starts_at = factory.LazyAttribute(lambda o: o.event.starts_at)
    duration = 15
    kind = AgendaItemKind.IMPULSE
    title = factory.Sequence(lambda n: f"Impuls {n + 1}")
