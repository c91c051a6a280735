"""Who may see, post in and start threads: the registry the owners of threads fill.

A thread knows nothing of what it belongs to (DESIGN.md section 3). Each app that owns
threads (events for event threads, directory for topic and municipality threads, later
knowledge for practices) registers, in its `AppConfig.ready()`, one policy per owner kind:

    access.register(
        "event",
        label=_("Stadtgespräch"),
        can_view=lambda thread, user: ...,
        can_post=lambda thread, user: ...,
        show_names=lambda thread, user: ...,
        owner=lambda thread: Owner(label=..., url=...),
        can_start=lambda owner_id, user: ...,
        start=lambda owner_id, *, title, body, by: thread,
        owner_by_id=lambda owner_id: Owner(...) or None,
    )

The functions here add what holds for every thread: moderators (organisers) may always read
and post (they moderate), inactive or anonymous people never post, and a thread whose kind
nobody registered is visible to moderators only (closed by default).
"""

from collections.abc import Callable
from dataclasses import dataclass
from typing import Any, Protocol

from django.utils.functional import Promise

from .models import Thread


@dataclass(frozen=True)
class Owner:
    """What a thread belongs to, for breadcrumbs and headings."""

    label: str
    url: str


class Starter(Protocol):
    def __call__(self, owner_id: int, *, title: str, body: str, by: Any) -> Thread: ...


Check = Callable[[Thread, Any], bool]


def _always(thread: Thread, user: Any) -> bool:
    return True


@dataclass(frozen=True)
class Policy:
    kind: str
    label: str | Promise
    can_view: Check
    can_post: Check
    show_names: Check = _always
    owner: Callable[[Thread], Owner | None] = lambda thread: None
    can_start: Callable[[int, Any], bool] = lambda owner_id, user: False
    start: Starter | None = None
    owner_by_id: Callable[[int], Owner | None] = lambda owner_id: None


_registry: dict[str, Policy] = {}


def register(kind: str, **options: Any) -> Policy:
    """Register (or replace: ready() may run twice in tests) the policy of `kind`."""
    policy = Policy(kind=kind, **options)
    _registry[kind] = policy
    return policy


def unregister(kind: str) -> None:
    _registry.pop(kind, None)


def policy_for(kind: str) -> Policy | None:
    return _registry.get(kind)


def kinds() -> list[str]:
    return sorted(_registry)


def is_active_person(user: Any) -> bool:
    return bool(user is not None and user.is_authenticated and user.is_active)


def is_moderator(user: Any) -> bool:
    """Organisers moderate every discussion."""
    return is_active_person(user) and bool(getattr(user, "is_organiser", False))


def can_view(thread: Thread, user: Any) -> bool:
    if is_moderator(user):
        return True
    policy = policy_for(thread.owner_kind)
    return policy is not None and policy.can_view(thread, user)


def can_post(thread: Thread, user: Any) -> bool:
    if not is_active_person(user):
        return False
    if is_moderator(user):
        return True
    policy = policy_for(thread.owner_kind)
    return policy is not None and policy.can_view(thread, user) and policy.can_post(thread, user)


def show_names(thread: Thread, user: Any) -> bool:
    """Whether `user` sees who wrote the posts (not so in Chatham House threads for outsiders)."""
    if is_moderator(user):
        return True
    policy = policy_for(thread.owner_kind)
    return policy is not None and policy.show_names(thread, user)


def owner_of(thread: Thread) -> Owner | None:
    policy = policy_for(thread.owner_kind)
    return policy.owner(thread) if policy is not None else None


def can_start(kind: str, owner_id: int, user: Any) -> bool:
    policy = policy_for(kind)
    if policy is None or policy.start is None or not is_active_person(user):
        return False
    return policy.can_start(owner_id, user)
