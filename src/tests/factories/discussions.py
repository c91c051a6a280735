import factory

from stadtgespraeche.discussions import code_of_conduct
from stadtgespraeche.discussions.models import CodeOfConductAcceptance, Post, Report, Thread
from stadtgespraeche.events.threads import EventThread
from stadtgespraeche.network.threads import MunicipalityThread, TopicThread

from .accounts import UserFactory
from .events import EventFactory
from .municipalities import MunicipalityFactory
from .topics import TopicFactory


class ThreadFactory(factory.django.DjangoModelFactory):
    """A thread without owner link; use EventThreadFactory & co. for a thread people see."""

    class Meta:
        model = Thread

    title = factory.Sequence(lambda n: f"Diskussion {n + 1}")
    owner_kind = "event"


class EventThreadFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = EventThread

    event = factory.SubFactory(EventFactory)
    thread = factory.SubFactory(ThreadFactory, owner_kind="event")


class TopicThreadFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = TopicThread

    topic = factory.SubFactory(TopicFactory)
    thread = factory.SubFactory(ThreadFactory, owner_kind="topic")


class MunicipalityThreadFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = MunicipalityThread

    municipality = factory.SubFactory(MunicipalityFactory)
    thread = factory.SubFactory(ThreadFactory, owner_kind="municipality")


class PostFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Post

    thread = factory.SubFactory(ThreadFactory)
    author = factory.SubFactory(UserFactory)
    body = factory.Sequence(lambda n: f"Beitrag Nummer {n + 1} mit *Markdown*.")


class ReportFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Report

    post = factory.SubFactory(PostFactory)
    reporter = factory.SubFactory(UserFactory)
    reason = "Beleidigend."


class AcceptanceFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = CodeOfConductAcceptance

    user = factory.SubFactory(UserFactory)
    version = code_of_conduct.VERSION
