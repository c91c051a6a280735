"""Permission predicates of the events app (django-rules)."""

from typing import Any

import rules

from . import queries, queries_documentation
from .enums import PROPOSAL_EVENT_STATUSES, ApplicationStatus


@rules.predicate
def is_organiser(user: Any) -> bool:
    return bool(
        user is not None
        and user.is_authenticated
        and user.is_active
        and getattr(user, "is_organiser", False)
    )


@rules.predicate
def is_pending_application(user: Any, application: Any) -> bool:
    return application is not None and application.status == ApplicationStatus.PENDING


# The organiser overview of the network (dashboard start page).
rules.add_perm("events.view_network_overview", is_organiser)
# The review queue and an application's details.
rules.add_perm("events.review_applications", is_organiser)
# Accept or decline one application: only while it is pending.
rules.add_perm("events.decide_application", is_organiser & is_pending_application)
# Memberships of a series: list, status changes and history.
rules.add_perm("events.manage_memberships", is_organiser)

# Stadtgespräche: organisers plan, edit, change the status and edit the agenda.
rules.add_perm("events.manage_events", is_organiser)


@rules.predicate
def is_event_in_planning(user: Any, event: Any) -> bool:
    return event is not None and event.status in PROPOSAL_EVENT_STATUSES


@rules.predicate
def coordinates_member_municipality(user: Any, event: Any) -> bool:
    if event is None:
        return False
    return queries.coordinated_member_municipalities(user, event.series).exists()


# A coordinator of a member municipality proposes an impulse for an event in planning.
rules.add_perm("events.propose_impulse", coordinates_member_municipality & is_event_in_planning)


# --- Documentation and feedback (events/queries_documentation.py, docs/events.md) ---------
@rules.predicate
def can_view_documentation(user: Any, event: Any) -> bool:
    return event is not None and queries_documentation.can_view_documentation(user, event)


@rules.predicate
def sees_speakers(user: Any, event: Any) -> bool:
    return event is not None and queries_documentation.shows_speakers(user, event)


@rules.predicate
def can_give_feedback(user: Any, event: Any) -> bool:
    return event is not None and queries_documentation.can_give_feedback(user, event)


# Minutes, results, recording link, attachments, slides and the PDF of an event.
rules.add_perm("events.view_documentation", can_view_documentation)
# Speaker names (Chatham House: only participants and organisers).
rules.add_perm("events.view_speakers", sees_speakers)
# Organisers write minutes, upload files and publish; they see the feedback aggregate.
rules.add_perm("events.manage_documentation", is_organiser)
rules.add_perm("events.view_feedback", is_organiser)
# Participants give feedback once, after the event.
rules.add_perm("events.give_feedback", can_give_feedback)


# Online rooms (docs/rooms.md): join only inside the window, end by organisers.
@rules.predicate
def can_join_room(user: Any, event: Any) -> bool:
    from . import queries_rooms

    return event is not None and queries_rooms.room_access(user, event).can_join


@rules.predicate
def event_has_bbb_room(user: Any, event: Any) -> bool:
    from . import queries_rooms
    from .enums import RoomKind

    return event is not None and queries_rooms.has_room(event, provider=RoomKind.BBB)


rules.add_perm("events.join_room", can_join_room)
# Only a BigBlueButton meeting can be ended from here; a plain link has nothing to end.
rules.add_perm("events.end_room", is_organiser & event_has_bbb_room)


# Live Q&A (docs/events.md): participants ask and vote while it is open, moderators moderate.
@rules.predicate
def is_question_participant(user: Any, event: Any) -> bool:
    from . import queries_questions

    return event is not None and queries_questions.is_participant(user, event)


@rules.predicate
def is_event_moderator(user: Any, event: Any) -> bool:
    from . import queries_rooms

    return event is not None and queries_rooms.is_event_moderator(user, event)


@rules.predicate
def are_questions_open(user: Any, event: Any) -> bool:
    from . import queries_questions

    return event is not None and queries_questions.is_open(event)


rules.add_perm("events.view_questions", is_question_participant)
rules.add_perm("events.ask_question", is_question_participant & are_questions_open)
rules.add_perm("events.moderate_questions", is_event_moderator)
rules.add_perm("events.export_questions", is_organiser)
