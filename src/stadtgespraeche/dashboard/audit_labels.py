"""Readable names of the audit log's actions and data keys (DESIGN.md: German sentences,
never codes). The codes stay stable identifiers (docs/architecture.md); an action without a
name here is shown by its code."""

from enum import Enum
from typing import Any

from django.db.models import TextChoices
from django.utils.translation import pgettext_lazy

from stadtgespraeche.events.enums import AttendanceMode, EventStatus
from stadtgespraeche.network.enums import MembershipStatus
from stadtgespraeche.registrations.enums import RegistrationStatus
from stadtgespraeche.wishes.enums import Phase

ACTION_LABELS = {
    "accounts.consent.given": pgettext_lazy("audit action", "Consent to the privacy notice given"),
    "accounts.consent.withdrawn": pgettext_lazy("audit action", "Consent withdrawn"),
    "accounts.data.exported": pgettext_lazy("audit action", "Personal data downloaded"),
    "accounts.deletion.cancelled": pgettext_lazy("audit action", "Account deletion cancelled"),
    "accounts.deletion.completed": pgettext_lazy("audit action", "Account deleted"),
    "accounts.deletion.requested": pgettext_lazy("audit action", "Account deletion requested"),
    "accounts.email_change.confirmed": pgettext_lazy("audit action", "E-mail address changed"),
    "accounts.email_change.requested": pgettext_lazy(
        "audit action", "Change of e-mail address requested"
    ),
    "accounts.invitation.accepted": pgettext_lazy("audit action", "Invitation accepted"),
    "accounts.invitation.revoked": pgettext_lazy("audit action", "Invitation withdrawn"),
    "accounts.invitation.sent": pgettext_lazy("audit action", "Invitation sent"),
    "accounts.login.failed": pgettext_lazy("audit action", "Login failed"),
    "accounts.login.locked_out": pgettext_lazy(
        "audit action", "Login locked after failed attempts"
    ),
    "accounts.login.succeeded": pgettext_lazy("audit action", "Logged in"),
    "accounts.logout": pgettext_lazy("audit action", "Logged out"),
    "accounts.password.changed": pgettext_lazy("audit action", "Password changed"),
    "accounts.password_reset.completed": pgettext_lazy(
        "audit action", "New password set with the reset link"
    ),
    "accounts.password_reset.requested": pgettext_lazy("audit action", "Password reset requested"),
    "accounts.two_factor.disabled": pgettext_lazy(
        "audit action", "Two-factor authentication switched off"
    ),
    "accounts.two_factor.enabled": pgettext_lazy(
        "audit action", "Two-factor authentication switched on"
    ),
    "accounts.two_factor.failed": pgettext_lazy("audit action", "Wrong second-factor code"),
    "accounts.two_factor.recovery_code_used": pgettext_lazy("audit action", "Recovery code used"),
    "accounts.two_factor.recovery_codes_renewed": pgettext_lazy(
        "audit action", "Recovery codes renewed"
    ),
    "directory.abuse_report.created": pgettext_lazy("audit action", "Person reported for abuse"),
    "directory.abuse_report.handled": pgettext_lazy("audit action", "Abuse report handled"),
    "directory.affiliation.added": pgettext_lazy("audit action", "Person added to a municipality"),
    "directory.affiliation.visibility_changed": pgettext_lazy(
        "audit action", "Visibility on the municipality page changed"
    ),
    "directory.contact_request.accepted": pgettext_lazy("audit action", "Contact request accepted"),
    "directory.contact_request.created": pgettext_lazy("audit action", "Contact request sent"),
    "directory.contact_request.declined": pgettext_lazy("audit action", "Contact request declined"),
    "directory.contact_request.withdrawn": pgettext_lazy(
        "audit action", "Contact request withdrawn"
    ),
    "directory.mandate.added": pgettext_lazy("audit action", "Mandate added"),
    "directory.mandate.removed": pgettext_lazy("audit action", "Mandate removed"),
    "directory.mandate.updated": pgettext_lazy("audit action", "Mandate changed"),
    "directory.person.blocked": pgettext_lazy("audit action", "Person blocked"),
    "directory.person.invited": pgettext_lazy("audit action", "Person invited for a municipality"),
    "directory.person.unblocked": pgettext_lazy("audit action", "Person unblocked"),
    "directory.profile.created": pgettext_lazy("audit action", "Profile created"),
    "directory.profile.photo_removed": pgettext_lazy("audit action", "Profile photo removed"),
    "directory.profile.photo_set": pgettext_lazy("audit action", "Profile photo set"),
    "directory.profile.updated": pgettext_lazy("audit action", "Profile changed"),
    "directory.profile.visibility_changed": pgettext_lazy(
        "audit action", "Profile visibility changed"
    ),
    "directory.suggestion.hidden": pgettext_lazy("audit action", "Peer suggestion hidden"),
    "directory.suggestion.shown_again": pgettext_lazy(
        "audit action", "Peer suggestion shown again"
    ),
    "discussions.code_of_conduct.accepted": pgettext_lazy(
        "audit action", "Code of conduct accepted"
    ),
    "discussions.post.created": pgettext_lazy("audit action", "Post written"),
    "discussions.post.deleted": pgettext_lazy("audit action", "Post deleted"),
    "discussions.post.edited": pgettext_lazy("audit action", "Post edited"),
    "discussions.post.hidden": pgettext_lazy("audit action", "Post hidden by the moderation"),
    "discussions.post.restored": pgettext_lazy(
        "audit action", "Post shown again by the moderation"
    ),
    "discussions.report.created": pgettext_lazy("audit action", "Post reported"),
    "discussions.report.dismissed": pgettext_lazy("audit action", "Report dismissed"),
    "discussions.thread.started": pgettext_lazy("audit action", "Discussion started"),
    "events.agenda_item.created": pgettext_lazy("audit action", "Agenda item added"),
    "events.agenda_item.deleted": pgettext_lazy("audit action", "Agenda item removed"),
    "events.agenda_item.updated": pgettext_lazy("audit action", "Agenda item changed"),
    "events.application.accepted": pgettext_lazy("audit action", "Membership application accepted"),
    "events.application.declined": pgettext_lazy("audit action", "Membership application declined"),
    "events.application.submitted": pgettext_lazy(
        "audit action", "Membership application submitted"
    ),
    "events.attachment.added": pgettext_lazy("audit action", "File added to the documentation"),
    "events.attachment.deleted": pgettext_lazy(
        "audit action", "File removed from the documentation"
    ),
    "events.calendar_token.created": pgettext_lazy(
        "audit action", "Personal calendar address created"
    ),
    "events.calendar_token.regenerated": pgettext_lazy(
        "audit action", "Personal calendar address renewed"
    ),
    "events.calendar_token.revoked": pgettext_lazy(
        "audit action", "Personal calendar address switched off"
    ),
    "events.documentation.published": pgettext_lazy("audit action", "Documentation published"),
    "events.event.created": pgettext_lazy("audit action", "Stadtgespräch created"),
    "events.event.duplicated": pgettext_lazy("audit action", "Stadtgespräch duplicated"),
    "events.event.sequence_raised": pgettext_lazy(
        "audit action", "Calendar entry of the Stadtgespräch updated"
    ),
    "events.event.status_changed": pgettext_lazy(
        "audit action", "Status of the Stadtgespräch changed"
    ),
    "events.event.updated": pgettext_lazy("audit action", "Stadtgespräch changed"),
    "events.feedback.given": pgettext_lazy("audit action", "Feedback given"),
    "events.impulse.accepted": pgettext_lazy("audit action", "Impulse accepted"),
    "events.impulse.declined": pgettext_lazy("audit action", "Impulse declined"),
    "events.impulse.proposed": pgettext_lazy("audit action", "Impulse proposed"),
    "events.membership.status_changed": pgettext_lazy("audit action", "Membership status changed"),
    "network.series.name_forms_changed": pgettext_lazy(
        "audit action", "Declined forms of the series name changed"
    ),
    "events.minutes.questions_imported": pgettext_lazy(
        "audit action", "Questions taken into the minutes"
    ),
    "events.minutes.saved": pgettext_lazy("audit action", "Minutes saved"),
    "events.question.answered": pgettext_lazy("audit action", "Question marked as answered"),
    "events.question.asked": pgettext_lazy("audit action", "Question asked"),
    "events.question.hidden": pgettext_lazy("audit action", "Question hidden"),
    "events.registration.attendance": pgettext_lazy("audit action", "Attendance recorded"),
    "events.registration.cancelled": pgettext_lazy("audit action", "Registration cancelled"),
    "events.registration.cancelled_by_organiser": pgettext_lazy(
        "audit action", "Registration cancelled by the organisers"
    ),
    "events.registration.created": pgettext_lazy("audit action", "Registered for a Stadtgespräch"),
    "events.registration.moved": pgettext_lazy(
        "audit action", "Registration moved to another attendance mode"
    ),
    "events.registration.promoted": pgettext_lazy("audit action", "Moved up from the waitlist"),
    "events.room.ended": pgettext_lazy("audit action", "Online room closed"),
    "events.room.joined": pgettext_lazy("audit action", "Online room joined"),
    "events.series.balance_share_changed": pgettext_lazy(
        "audit action", "Balance limit of the series changed"
    ),
    "events.series.room_changed": pgettext_lazy(
        "audit action", "Online room setting of the series changed"
    ),
    "knowledge.attachment.added": pgettext_lazy("audit action", "File added to a good practice"),
    "knowledge.attachment.deleted": pgettext_lazy(
        "audit action", "File removed from a good practice"
    ),
    "knowledge.practice.created": pgettext_lazy("audit action", "Good practice created"),
    "knowledge.practice.deleted": pgettext_lazy("audit action", "Good practice deleted"),
    "knowledge.practice.published": pgettext_lazy("audit action", "Good practice published"),
    "knowledge.practice.returned": pgettext_lazy(
        "audit action", "Good practice returned with a note"
    ),
    "knowledge.practice.submitted": pgettext_lazy(
        "audit action", "Good practice submitted for review"
    ),
    "knowledge.practice.unpublished": pgettext_lazy("audit action", "Good practice withdrawn"),
    "knowledge.practice.updated": pgettext_lazy("audit action", "Good practice changed"),
    "notifications.unsubscribed": pgettext_lazy(
        "audit action", "Unsubscribed from notification e-mails"
    ),
    "oparl.endpoint.added": pgettext_lazy("audit action", "Council information interface added"),
    "pages.accessibility_feedback.sent": pgettext_lazy(
        "audit action", "Accessibility feedback sent"
    ),
    "pages.sitetext.updated": pgettext_lazy("audit action", "Site text changed"),
    "topics.topic.activated": pgettext_lazy("audit action", "Topic shown again"),
    "topics.topic.created": pgettext_lazy("audit action", "Topic created"),
    "topics.topic.deactivated": pgettext_lazy("audit action", "Topic hidden"),
    "topics.topic.updated": pgettext_lazy("audit action", "Topic changed"),
    "wishes.round.created": pgettext_lazy("audit action", "Wish round created"),
    "wishes.round.phase_changed": pgettext_lazy("audit action", "Phase of the wish round changed"),
    "wishes.vote.cast": pgettext_lazy("audit action", "Vote cast"),
    "wishes.vote.withdrawn": pgettext_lazy("audit action", "Vote withdrawn"),
    "wishes.wish.declined": pgettext_lazy("audit action", "Topic wish declined"),
    "wishes.wish.merged": pgettext_lazy("audit action", "Topic wish merged"),
    "wishes.wish.planned": pgettext_lazy("audit action", "Topic wish planned"),
    "wishes.wish.submitted": pgettext_lazy("audit action", "Topic wish submitted"),
    "wishes.wish.supported": pgettext_lazy("audit action", "Topic wish supported"),
    "wishes.wish.unsupported": pgettext_lazy("audit action", "Support of a topic wish withdrawn"),
    "municipalities.profile.updated": pgettext_lazy(
        "audit action", "Public profile of a municipality changed"
    ),
    "events.agenda_item.speaker_confirmed": pgettext_lazy(
        "audit action", "Impulse confirmed by its speaker"
    ),
    "events.agenda_item.updated_by_speaker": pgettext_lazy(
        "audit action", "Title or abstract of an impulse changed by its speaker"
    ),
    "directory.mandate.prefilled": pgettext_lazy(
        "audit action", "Mandate taken over from the council information system"
    ),
    "directory.person.invited_with_mandate": pgettext_lazy(
        "audit action",
        "Council member invited with the mandate from the council information system",
    ),
    "oparl.topic_keywords.changed": pgettext_lazy(
        "audit action", "Keywords of a topic for council papers changed"
    ),
    "oparl.sync.requested": pgettext_lazy("audit action", "Import of council data started"),
    "events.message.sent": pgettext_lazy("audit action", "Message sent to the registered"),
    "wishes.feedback.taken_over": pgettext_lazy(
        "audit action", "Topic wishes from feedback taken over into a wish round"
    ),
    "wishes.round.call_sent": pgettext_lazy("audit action", "Call for topic wishes sent"),
}

DATA_KEY_LABELS = {
    "from": pgettext_lazy("audit data", "from"),
    "to": pgettext_lazy("audit data", "to"),
    "status": pgettext_lazy("audit data", "status"),
    "role": pgettext_lazy("audit data", "role"),
    "mode": pgettext_lazy("audit data", "attendance"),
    "phase": pgettext_lazy("audit data", "phase"),
    "title": pgettext_lazy("audit data", "title"),
    "event": pgettext_lazy("audit data", "Stadtgespräch"),
    "municipality": pgettext_lazy("audit data", "municipality"),
    "series": pgettext_lazy("audit data", "series"),
    "reason": pgettext_lazy("audit data", "reason"),
    "fields": pgettext_lazy("audit data", "fields"),
    "email": pgettext_lazy("audit data", "e-mail address"),
    "new_email": pgettext_lazy("audit data", "new e-mail address"),
    "old_email": pgettext_lazy("audit data", "old e-mail address"),
    "kind": pgettext_lazy("audit data", "kind"),
    "note": pgettext_lazy("audit data", "note"),
    "version": pgettext_lazy("audit data", "version"),
    "votes": pgettext_lazy("audit data", "votes"),
    "into": pgettext_lazy("audit data", "merged into"),
    "person": pgettext_lazy("audit data", "person"),
    "notified": pgettext_lazy("audit data", "notified"),
    "scope": pgettext_lazy("audit data", "scope"),
}

# Which choices the values of "from", "to", "status", "mode" and "phase" come from, by the
# beginning of the action.
_VALUE_CHOICES: list[tuple[str, list[type[TextChoices]]]] = [
    ("events.event.", [EventStatus]),
    ("events.registration.", [RegistrationStatus, AttendanceMode]),
    ("events.membership.", [MembershipStatus]),
    ("wishes.round.", [Phase]),
]
_VALUE_KEYS = {"from", "to", "status", "mode", "phase"}


def action_label(action: str) -> str:
    label = ACTION_LABELS.get(action)
    return str(label) if label is not None else action


def _value_label(action: str, key: str, value: Any) -> str:
    if key in _VALUE_KEYS and isinstance(value, str):
        for prefix, choices in _VALUE_CHOICES:
            if action.startswith(prefix):
                for choice in choices:
                    if value in choice.values:
                        return str(choice(value).label)
    if isinstance(value, bool):
        return str(
            pgettext_lazy("audit data", "yes") if value else pgettext_lazy("audit data", "no")
        )
    if isinstance(value, list):
        return ", ".join(str(item) for item in value)
    if isinstance(value, Enum):
        return str(value.value)
    return str(value)


def data_details(action: str, data: dict[str, Any]) -> list[tuple[str, str]]:
    """The entry's data as (readable key, readable value) pairs, known keys in the order of
    DATA_KEY_LABELS ("from" before "to"), then the rest by name: PostgreSQL's jsonb does not
    keep the order in which the keys were written."""
    order = {key: position for position, key in enumerate(DATA_KEY_LABELS)}
    keys = sorted(data or {}, key=lambda key: (order.get(key, len(order)), key))
    return [
        (str(DATA_KEY_LABELS.get(key, key)), _value_label(action, key, data[key])) for key in keys
    ]
