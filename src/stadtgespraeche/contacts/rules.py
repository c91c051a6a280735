"""Who may do what for a municipality."""

from typing import Any

import rules

from stadtgespraeche.accounts.rules import is_coordinator, is_councillor, is_organiser, is_speaker
from stadtgespraeche.contacts.models import AbuseReport, ContactRequest, ContactRequestStatus
from stadtgespraeche.contacts.queries import accepted_contact_between

# Members of the network who may contact each other (organisers write e-mails instead).
is_network_member = is_councillor | is_coordinator | is_speaker


@rules.predicate
def is_other_person(user: Any, person: Any) -> bool:
    return person is not None and getattr(person, "pk", None) != getattr(user, "pk", None)


@rules.predicate
def is_request_sender(user: Any, contact_request: ContactRequest | None) -> bool:
    return contact_request is not None and contact_request.sender_id == user.pk


@rules.predicate
def is_request_recipient(user: Any, contact_request: ContactRequest | None) -> bool:
    return contact_request is not None and contact_request.recipient_id == user.pk


@rules.predicate
def is_pending(user: Any, contact_request: ContactRequest | None) -> bool:
    return contact_request is not None and contact_request.status == ContactRequestStatus.PENDING


@rules.predicate
def is_open_report(user: Any, report: AbuseReport | None) -> bool:
    return report is not None and report.handled_at is None


@rules.predicate
def has_accepted_contact(user: Any, person: Any) -> bool:
    """`user` is `person` or has an accepted contact request with them."""
    return accepted_contact_between(user, person)


# A person's contact details (e-mail, phone) on their profile: themself and accepted contacts.
# The profile page (people) asks for this permission by name; it cannot import contacts.
rules.add_perm("contacts.view_contact_details", has_accepted_contact)

rules.add_perm("contacts.view_contacts", is_network_member)


rules.add_perm("contacts.view_suggestions", is_councillor)


rules.add_perm("contacts.hide_suggestion", is_councillor & is_other_person)


# Object: the other person (a user). Blocks are checked by the service, never revealed.
rules.add_perm("contacts.add_contactrequest", is_network_member & is_other_person)


rules.add_perm("contacts.block_person", is_network_member & is_other_person)


rules.add_perm("contacts.report_person", is_network_member & is_other_person)


# Object: a contact request.
rules.add_perm(
    "contacts.view_contactrequest", is_network_member & (is_request_sender | is_request_recipient)
)


rules.add_perm(
    "contacts.answer_contactrequest", is_network_member & is_request_recipient & is_pending
)


rules.add_perm(
    "contacts.withdraw_contactrequest", is_network_member & is_request_sender & is_pending
)


# Organisers: abuse reports and group suggestions.
rules.add_perm("contacts.view_abusereport", is_organiser)


rules.add_perm("contacts.handle_abusereport", is_organiser & is_open_report)


rules.add_perm("contacts.suggest_groups", is_organiser)
