"""Discussions on a topic or a municipality: the owner links and their access policies.

`topics` and `discussions` must not import each other, and `directory` is the lowest app
that may import both (docs/architecture.md, "Who holds the link to a thread"). So the link
of a topic's threads lives here beside the link of a municipality's threads. Both kinds are
network discussions: every logged-in, active account may read, post and start a thread;
the public does not see them (posts name their authors, who are not public by default).
"""

from typing import Any

from django.db import models, transaction
from django.db.models import QuerySet
from django.utils.translation import gettext_lazy as _

from stadtgespraeche.accounts.models import User
from stadtgespraeche.discussions import access
from stadtgespraeche.discussions import queries as discussion_queries
from stadtgespraeche.discussions import services as discussion_services
from stadtgespraeche.discussions.exceptions import NotAllowed
from stadtgespraeche.discussions.models import Thread
from stadtgespraeche.municipalities.models import Municipality
from stadtgespraeche.topics.models import Topic

TOPIC_KIND = "topic"
MUNICIPALITY_KIND = "municipality"


class TopicThread(models.Model):
    """Links a thread to the topic it discusses (one topic, many threads)."""

    topic = models.ForeignKey(
        Topic, verbose_name=_("topic"), on_delete=models.CASCADE, related_name="+"
    )
    thread = models.OneToOneField(
        Thread, verbose_name=_("discussion"), on_delete=models.CASCADE, related_name="+"
    )

    class Meta:
        verbose_name = _("discussion of a topic")
        verbose_name_plural = _("discussions of topics")

    def __str__(self) -> str:
        return f"{self.topic} – {self.thread}"


class MunicipalityThread(models.Model):
    """Links a thread to the municipality it is about (one municipality, many threads)."""

    municipality = models.ForeignKey(
        Municipality,
        verbose_name=_("municipality"),
        on_delete=models.CASCADE,
        related_name="+",
    )
    thread = models.OneToOneField(
        Thread, verbose_name=_("discussion"), on_delete=models.CASCADE, related_name="+"
    )

    class Meta:
        verbose_name = _("discussion of a municipality")
        verbose_name_plural = _("discussions of municipalities")

    def __str__(self) -> str:
        return f"{self.municipality} – {self.thread}"


def _network(thread: Thread, user: Any) -> bool:
    return access.is_active_person(user)


def topic_of(thread: Thread) -> Topic | None:
    if not hasattr(thread, "_owner_topic"):
        link = TopicThread.objects.select_related("topic").filter(thread=thread).first()
        thread._owner_topic = link.topic if link else None  # type: ignore[attr-defined]
    return thread._owner_topic  # type: ignore[attr-defined]


def municipality_of(thread: Thread) -> Municipality | None:
    if not hasattr(thread, "_owner_municipality"):
        link = (
            MunicipalityThread.objects.select_related("municipality").filter(thread=thread).first()
        )
        thread._owner_municipality = link.municipality if link else None  # type: ignore[attr-defined]
    return thread._owner_municipality  # type: ignore[attr-defined]


def _owner(obj: Any) -> access.Owner | None:
    return access.Owner(label=str(obj), url=obj.get_absolute_url()) if obj is not None else None


@transaction.atomic
def start_topic_thread(topic_id: int, *, title: str, body: str, by: User) -> Thread:
    topic = Topic.objects.filter(pk=topic_id, is_active=True).first()
    if topic is None or not access.is_active_person(by):
        raise NotAllowed
    thread = discussion_services.start_thread(owner_kind=TOPIC_KIND, title=title, by=by)
    TopicThread.objects.create(topic=topic, thread=thread)
    discussion_services.add_post(thread, body=body, by=by)
    return thread


@transaction.atomic
def start_municipality_thread(municipality_id: int, *, title: str, body: str, by: User) -> Thread:
    municipality = Municipality.objects.filter(pk=municipality_id).first()
    if municipality is None or not access.is_active_person(by):
        raise NotAllowed
    thread = discussion_services.start_thread(owner_kind=MUNICIPALITY_KIND, title=title, by=by)
    MunicipalityThread.objects.create(municipality=municipality, thread=thread)
    discussion_services.add_post(thread, body=body, by=by)
    return thread


def _ordered(threads: QuerySet[Thread]) -> QuerySet[Thread]:
    return discussion_queries.with_post_counts(threads).order_by(
        models.F("last_posted_at").desc(nulls_last=True), "-pk"
    )


def topic_threads(topic: Topic) -> QuerySet[Thread]:
    links = TopicThread.objects.filter(topic=topic).values("thread_id")
    return _ordered(Thread.objects.filter(owner_kind=TOPIC_KIND, pk__in=links))


def municipality_threads(municipality: Municipality) -> QuerySet[Thread]:
    links = MunicipalityThread.objects.filter(municipality=municipality).values("thread_id")
    return _ordered(Thread.objects.filter(owner_kind=MUNICIPALITY_KIND, pk__in=links))


def register() -> None:
    access.register(
        TOPIC_KIND,
        label=_("topic"),
        can_view=_network,
        can_post=_network,
        owner=lambda thread: _owner(topic_of(thread)),
        owner_by_id=lambda pk: _owner(Topic.objects.filter(pk=pk).first()),
        can_start=lambda pk, user: Topic.objects.filter(pk=pk, is_active=True).exists(),
        start=start_topic_thread,
    )
    access.register(
        MUNICIPALITY_KIND,
        label=_("municipality"),
        can_view=_network,
        can_post=_network,
        owner=lambda thread: _owner(municipality_of(thread)),
        owner_by_id=lambda pk: _owner(Municipality.objects.filter(pk=pk).first()),
        can_start=lambda pk, user: Municipality.objects.filter(pk=pk).exists(),
        start=start_municipality_thread,
    )
