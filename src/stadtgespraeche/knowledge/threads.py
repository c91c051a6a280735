"""Discussions of a good practice: the owner link and its access policy.

`knowledge` sits above `discussions` (docs/architecture.md), so, as the owner, it holds the
link (`PracticeThread`) and registers at start-up (`KnowledgeConfig.ready`) who may read,
post and start threads. Practice discussions are network discussions: active accounts who
may see the practice read and post; the public does not see them (posts name their authors).
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

from .models import Practice

PRACTICE_KIND = "practice"


class PracticeThread(models.Model):
    """Links a thread to the good practice it discusses (one practice, many threads)."""

    practice = models.ForeignKey(
        Practice, verbose_name=_("good practice"), on_delete=models.CASCADE, related_name="+"
    )
    thread = models.OneToOneField(
        Thread, verbose_name=_("discussion"), on_delete=models.CASCADE, related_name="+"
    )

    class Meta:
        verbose_name = _("discussion of a good practice")
        verbose_name_plural = _("discussions of good practices")

    def __str__(self) -> str:
        return f"{self.practice} – {self.thread}"


def practice_of(thread: Thread) -> Practice | None:
    if not hasattr(thread, "_owner_practice"):
        link = PracticeThread.objects.select_related("practice").filter(thread=thread).first()
        thread._owner_practice = link.practice if link else None  # type: ignore[attr-defined]
    return thread._owner_practice  # type: ignore[attr-defined]


def _may_see(practice: Practice | None, user: Any) -> bool:
    return (
        practice is not None
        and access.is_active_person(user)
        and user.has_perm("knowledge.view_practice", practice)
    )


def _can_view(thread: Thread, user: Any) -> bool:
    return _may_see(practice_of(thread), user)


def _owner(practice: Practice | None) -> access.Owner | None:
    if practice is None:
        return None
    return access.Owner(label=str(practice), url=practice.get_absolute_url())


@transaction.atomic
def start_practice_thread(practice_id: int, *, title: str, body: str, by: User) -> Thread:
    practice = Practice.objects.filter(pk=practice_id).first()
    if not _may_see(practice, by):
        raise NotAllowed
    thread = discussion_services.start_thread(owner_kind=PRACTICE_KIND, title=title, by=by)
    PracticeThread.objects.create(practice=practice, thread=thread)
    discussion_services.add_post(thread, body=body, by=by)
    return thread


def practice_threads(practice: Practice) -> QuerySet[Thread]:
    links = PracticeThread.objects.filter(practice=practice).values("thread_id")
    return discussion_queries.with_post_counts(
        Thread.objects.filter(owner_kind=PRACTICE_KIND, pk__in=links)
    ).order_by(models.F("last_posted_at").desc(nulls_last=True), "-pk")


def register() -> None:
    access.register(
        PRACTICE_KIND,
        label=_("good practice"),
        can_view=_can_view,
        can_post=_can_view,
        owner=lambda thread: _owner(practice_of(thread)),
        owner_by_id=lambda pk: _owner(Practice.objects.filter(pk=pk).first()),
        can_start=lambda pk, user: _may_see(Practice.objects.filter(pk=pk).first(), user),
        start=start_practice_thread,
    )
