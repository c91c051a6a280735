"""Writes for contacts between members: contact requests, blocks, abuse reports and hidden
suggestions. Every write is audited; e-mails name people only as the recipient may see them.
"""

from typing import Any

from django.conf import settings
from django.db import IntegrityError, transaction
from django.db.models import Q
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

from stadtgespraeche.contacts.models import (
    AbuseReport,
    Block,
    ContactRequest,
    ContactRequestStatus,
    HiddenSuggestion,
)
from stadtgespraeche.contacts.queries import display_name, is_blocked_between, visible_municipality
from stadtgespraeche.core.audit import log_action
from stadtgespraeche.core.mail import send_templated_mail
from stadtgespraeche.core.throttling import Throttle
from stadtgespraeche.notifications.services import notify

KIND_REQUEST_RECEIVED = "contacts.request_received"

# At most 10 contact requests per person and day; at most 5 abuse reports per person and day.
CONTACT_REQUEST_THROTTLE = Throttle("contact-request", limit=10, window=24 * 60 * 60)
ABUSE_REPORT_THROTTLE = Throttle("abuse-report", limit=5, window=24 * 60 * 60)


class ContactError(Exception):
    """A contact action is not possible; the message is safe to show to the acting person."""

    message: Any = _("This is not possible.")

    def __str__(self) -> str:
        return str(self.message)


class NotAvailable(ContactError):
    # Deliberately neutral: never reveals that the other person blocked the sender.
    message = _("Your contact request could not be sent. Please try again later.")


class RequestToSelf(ContactError):
    message = _("You cannot send a contact request to yourself.")


class AlreadyRequested(ContactError):
    message = _("There is already an open contact request between you and this person.")


class AlreadyConnected(ContactError):
    message = _("You are already in contact with this person.")


class RateLimited(ContactError):
    message = _(
        "You have sent the maximum of 10 contact requests for today. Please try again tomorrow."
    )


class ReportRateLimited(ContactError):
    message = _("You have sent several reports today. Please try again tomorrow.")


class NotAllowed(ContactError):
    message = _("This contact request can no longer be changed.")


def _mail_person(user: Any, *, template: str, context: dict[str, Any]) -> None:
    send_templated_mail(
        to=[user.email],
        template=template,
        context={"recipient": user, **context},
        language=getattr(user, "language", None),
    )


def _notify_recipient(contact_request: ContactRequest) -> None:
    """The recipient finds the request in their notifications; the e-mail about it is the
    request mail itself, so the notification is not mailed again."""
    recipient = contact_request.recipient
    name = display_name(contact_request.sender, recipient)
    with translation.override(recipient.language or settings.LANGUAGE_CODE):
        title = (
            gettext("New contact request from %(name)s") % {"name": name}
            if name
            else gettext("You received a new contact request")
        )
    notify(
        [recipient],
        kind=KIND_REQUEST_RECEIVED,
        title=title,
        url=reverse("contacts:contacts"),
        key=f"{KIND_REQUEST_RECEIVED}:{contact_request.pk}",
        mailed_separately=True,
    )


def request_contact(sender: Any, recipient: Any, *, message: str) -> ContactRequest:
    """`sender` asks `recipient` for contact; the recipient gets an e-mail."""
    if sender.pk == recipient.pk:
        raise RequestToSelf
    if not recipient.is_active or is_blocked_between(sender, recipient):
        raise NotAvailable
    pair = Q(sender=sender, recipient=recipient) | Q(sender=recipient, recipient=sender)
    existing = set(
        ContactRequest.objects.filter(
            pair, status__in=[ContactRequestStatus.PENDING, ContactRequestStatus.ACCEPTED]
        ).values_list("status", flat=True)
    )
    if ContactRequestStatus.ACCEPTED in existing:
        raise AlreadyConnected
    if ContactRequestStatus.PENDING in existing:
        raise AlreadyRequested
    if CONTACT_REQUEST_THROTTLE.is_blocked(str(sender.pk)):
        raise RateLimited
    try:
        with transaction.atomic():
            contact_request = ContactRequest.objects.create(
                sender=sender, recipient=recipient, message=message.strip()
            )
            log_action("directory.contact_request.created", actor=sender, obj=contact_request)
            _notify_recipient(contact_request)
    except IntegrityError as error:  # a parallel request won the race
        raise AlreadyRequested from error
    CONTACT_REQUEST_THROTTLE.hit(str(sender.pk))
    transaction.on_commit(
        lambda: _mail_person(
            recipient,
            template="contacts/emails/contact_request",
            context={
                "sender_name": display_name(sender, recipient),
                "sender_municipality": visible_municipality(sender, recipient),
                "message": contact_request.message,
                "contacts_url": settings.SITE_URL + reverse("contacts:contacts"),
            },
        )
    )
    return contact_request


def _answer(
    contact_request: ContactRequest, *, by: Any, status: ContactRequestStatus, action: str
) -> ContactRequest:
    with transaction.atomic():
        locked = ContactRequest.objects.select_for_update().get(pk=contact_request.pk)
        if locked.status != ContactRequestStatus.PENDING:
            raise NotAllowed
        locked.status = status
        locked.responded_at = timezone.now()
        locked.save(update_fields=["status", "responded_at", "updated_at"])
        log_action(action, actor=by, obj=locked)
    contact_request.status = locked.status
    contact_request.responded_at = locked.responded_at
    return contact_request


def accept_contact_request(contact_request: ContactRequest, *, by: Any) -> ContactRequest:
    """The recipient accepts; from now on both see each other's contact details."""
    if by.pk != contact_request.recipient_id:
        raise NotAllowed
    _answer(
        contact_request,
        by=by,
        status=ContactRequestStatus.ACCEPTED,
        action="directory.contact_request.accepted",
    )
    sender = contact_request.sender
    transaction.on_commit(
        lambda: _mail_person(
            sender,
            template="contacts/emails/contact_accepted",
            context={
                "recipient_name": display_name(by, sender),
                "contacts_url": settings.SITE_URL + reverse("contacts:contacts"),
            },
        )
    )
    return contact_request


def decline_contact_request(contact_request: ContactRequest, *, by: Any) -> ContactRequest:
    """The recipient declines; the sender is not notified by e-mail."""
    if by.pk != contact_request.recipient_id:
        raise NotAllowed
    return _answer(
        contact_request,
        by=by,
        status=ContactRequestStatus.DECLINED,
        action="directory.contact_request.declined",
    )


def withdraw_contact_request(contact_request: ContactRequest, *, by: Any) -> ContactRequest:
    if by.pk != contact_request.sender_id:
        raise NotAllowed
    return _answer(
        contact_request,
        by=by,
        status=ContactRequestStatus.WITHDRAWN,
        action="directory.contact_request.withdrawn",
    )


@transaction.atomic
def block_person(blocker: Any, blocked: Any) -> Block:
    """`blocker` blocks `blocked`: open requests between them are closed, an accepted contact
    ends, and neither is suggested to the other. Idempotent."""
    if blocker.pk == blocked.pk:
        raise ContactError
    block, created = Block.objects.get_or_create(blocker=blocker, blocked=blocked)
    if created:
        now = timezone.now()
        ContactRequest.objects.filter(
            sender=blocked, recipient=blocker, status=ContactRequestStatus.PENDING
        ).update(status=ContactRequestStatus.DECLINED, responded_at=now, updated_at=now)
        ContactRequest.objects.filter(
            sender=blocker, recipient=blocked, status=ContactRequestStatus.PENDING
        ).update(status=ContactRequestStatus.WITHDRAWN, responded_at=now, updated_at=now)
        ContactRequest.objects.filter(
            Q(sender=blocker, recipient=blocked) | Q(sender=blocked, recipient=blocker),
            status=ContactRequestStatus.ACCEPTED,
        ).update(status=ContactRequestStatus.ENDED, updated_at=now)
        log_action("directory.person.blocked", actor=blocker, obj=block)
    return block


@transaction.atomic
def unblock_person(blocker: Any, blocked: Any) -> bool:
    """Lift a block; returns whether there was one. An ended contact stays ended."""
    block = Block.objects.filter(blocker=blocker, blocked=blocked).first()
    if block is None:
        return False
    log_action("directory.person.unblocked", actor=blocker, obj=block)
    block.delete()
    return True


def report_abuse(reporter: Any, reported: Any, *, reason: str) -> AbuseReport:
    """Report `reported` to the organisers; they get an e-mail and see it in the dashboard."""
    if reporter.pk == reported.pk:
        raise ContactError
    if ABUSE_REPORT_THROTTLE.is_blocked(str(reporter.pk)):
        raise ReportRateLimited
    with transaction.atomic():
        report = AbuseReport.objects.create(
            reporter=reporter, reported=reported, reason=reason.strip()
        )
        log_action("directory.abuse_report.created", actor=reporter, obj=report)
    ABUSE_REPORT_THROTTLE.hit(str(reporter.pk))
    transaction.on_commit(
        lambda: send_templated_mail(
            to=[settings.ORGANISER_EMAIL],
            template="contacts/emails/contact_abuse_report",
            context={
                "report": report,
                "reports_url": settings.SITE_URL + reverse("dashboard:reports"),
            },
        )
    )
    return report


@transaction.atomic
def mark_report_handled(report: AbuseReport, *, by: Any, note: str = "") -> AbuseReport:
    if report.handled_at is not None:
        raise ContactError
    report.handled_at = timezone.now()
    report.handled_by = by
    report.note = note.strip()
    report.save(update_fields=["handled_at", "handled_by", "note", "updated_at"])
    log_action("directory.abuse_report.handled", actor=by, obj=report)
    return report


def hide_suggestion(user: Any, hidden: Any) -> HiddenSuggestion:
    """`user` no longer wants `hidden` among their suggestions. Idempotent."""
    with transaction.atomic():
        item, created = HiddenSuggestion.objects.get_or_create(user=user, hidden=hidden)
        if created:
            log_action("directory.suggestion.hidden", actor=user, obj=item)
    return item


def unhide_suggestion(user: Any, hidden: Any) -> bool:
    with transaction.atomic():
        deleted, _count = HiddenSuggestion.objects.filter(user=user, hidden=hidden).delete()
        if deleted:
            log_action("directory.suggestion.shown_again", actor=user, data={"hidden": hidden.pk})
    return bool(deleted)
