"""Permission predicates of documentation and feedback (django-rules)."""

from typing import Any

import rules

from stadtgespraeche.accounts.rules import is_organiser
from stadtgespraeche.documentation import queries as queries_documentation
from stadtgespraeche.events import speakers


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
rules.add_perm("documentation.view_documentation", can_view_documentation)


# Speaker names (Chatham House: only participants and organisers).
rules.add_perm("documentation.view_speakers", sees_speakers)


# Organisers write minutes, upload files and publish; they see the feedback aggregate.
rules.add_perm("documentation.manage_documentation", is_organiser)


rules.add_perm("documentation.view_feedback", is_organiser)


# Participants give feedback once, after the event.
rules.add_perm("documentation.give_feedback", can_give_feedback)


@rules.predicate
def is_speaker_of(user: Any, item: Any) -> bool:
    return item is not None and speakers.is_speaker(user, item)


# A speaker's page of their agenda item: confirm, title and abstract, own slides.
rules.add_perm("documentation.prepare_impulse", is_speaker_of)
