"""Reads for contacts between members: requests, accepted contacts, blocks, abuse reports.

Contact details (e-mail, phone) are not a visibility group: only the person themself and
people with an accepted contact request see them (`accepted_contact_between`).
"""

from dataclasses import dataclass
from typing import Any

from django.db.models import Q, QuerySet

from stadtgespraeche.contacts.models import AbuseReport, Block, ContactRequest, ContactRequestStatus
from stadtgespraeche.people import privacy
from stadtgespraeche.people.enums import FieldGroup
from stadtgespraeche.people.models import Profile

_PEOPLE = (
    "sender",
    "sender__profile",
    "sender__profile__municipality",
    "recipient",
    "recipient__profile",
    "recipient__profile__municipality",
)


def accepted_contact_between(a: Any, b: Any) -> bool:
    """Whether `a` and `b` (users) have an accepted contact request, in either direction."""
    if a is None or b is None or not getattr(a, "pk", None) or not getattr(b, "pk", None):
        return False
    if a.pk == b.pk:
        return True
    return ContactRequest.objects.filter(
        Q(sender=a, recipient=b) | Q(sender=b, recipient=a),
        status=ContactRequestStatus.ACCEPTED,
    ).exists()


def is_blocked_between(a: Any, b: Any) -> bool:
    return Block.objects.filter(Q(blocker=a, blocked=b) | Q(blocker=b, blocked=a)).exists()


def display_name(user: Any, viewer: Any) -> str:
    """The person's name as `viewer` may see it (privacy.can_see on the identity group)."""
    profile = getattr(user, "profile", None) if user is not None else None
    if user is not None and viewer is not None and user.pk == getattr(viewer, "pk", None):
        return str(user)
    if profile is not None and privacy.can_see(profile, FieldGroup.IDENTITY, viewer):
        return str(user)
    return ""


def visible_municipality(user: Any, viewer: Any) -> Any:
    profile = getattr(user, "profile", None)
    if profile is not None and privacy.can_see(profile, FieldGroup.IDENTITY, viewer):
        return profile.municipality
    return None


@dataclass(frozen=True)
class ContactEntry:
    """One request as the viewer sees the other person."""

    request: ContactRequest | None
    other: Any
    name: str
    municipality: Any
    profile: Any


def _entries(requests: list[ContactRequest], viewer: Any) -> list[ContactEntry]:
    entries = []
    for item in requests:
        other = item.recipient if item.sender_id == viewer.pk else item.sender
        entries.append(
            ContactEntry(
                request=item,
                other=other,
                name=display_name(other, viewer),
                municipality=visible_municipality(other, viewer),
                profile=getattr(other, "profile", None),
            )
        )
    return entries


@dataclass(frozen=True)
class ContactsOverview:
    incoming: list[ContactEntry]
    outgoing: list[ContactEntry]
    accepted: list[ContactEntry]
    blocked: list[ContactEntry]


def contacts_overview(user: Any) -> ContactsOverview:
    """Everything of "Meine Kontakte" in a fixed number of queries."""
    requests = list(
        ContactRequest.objects.filter(
            Q(sender=user) | Q(recipient=user),
            status__in=[ContactRequestStatus.PENDING, ContactRequestStatus.ACCEPTED],
        ).select_related(*_PEOPLE)
    )
    pending = [r for r in requests if r.status == ContactRequestStatus.PENDING]
    incoming = [r for r in pending if r.recipient_id == user.pk]
    outgoing = [r for r in pending if r.sender_id == user.pk]
    accepted = [r for r in requests if r.status == ContactRequestStatus.ACCEPTED]
    blocks = Block.objects.filter(blocker=user).select_related(
        "blocked", "blocked__profile", "blocked__profile__municipality"
    )
    blocked = [
        ContactEntry(
            request=None,
            other=block.blocked,
            name=display_name(block.blocked, user),
            municipality=visible_municipality(block.blocked, user),
            profile=getattr(block.blocked, "profile", None),
        )
        for block in blocks
    ]
    return ContactsOverview(
        incoming=_entries(incoming, user),
        outgoing=_entries(outgoing, user),
        accepted=_entries(accepted, user),
        blocked=blocked,
    )


def profile_for_contact(user_pk: int, viewer: Any) -> Profile | None:
    """The profile of the person with id `user_pk` if `viewer` may see who it is."""
    return (
        Profile.objects.filter(privacy.group_visible_q(FieldGroup.IDENTITY, viewer))
        .select_related("user", "municipality")
        .filter(user_id=user_pk, user__is_active=True)
        .first()
    )


def open_abuse_reports(*, handled: bool = False) -> QuerySet[AbuseReport]:
    return AbuseReport.objects.filter(handled_at__isnull=not handled).select_related(
        "reporter", "reported", "handled_by"
    )
