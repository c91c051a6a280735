"""Permission predicates of the live Q&A (django-rules)."""

from typing import Any

import rules

from stadtgespraeche.accounts.rules import is_organiser


# Live Q&A (docs/events.md): participants ask and vote while it is open, moderators moderate.
@rules.predicate
def is_question_participant(user: Any, event: Any) -> bool:
    from stadtgespraeche.questions import queries as queries_questions

    return event is not None and queries_questions.is_participant(user, event)


@rules.predicate
def is_event_moderator(user: Any, event: Any) -> bool:
    from stadtgespraeche.rooms import queries as queries_rooms

    return event is not None and queries_rooms.is_event_moderator(user, event)


@rules.predicate
def are_questions_open(user: Any, event: Any) -> bool:
    from stadtgespraeche.questions import queries as queries_questions

    return event is not None and queries_questions.is_open(event)


rules.add_perm("questions.view_questions", is_question_participant)


rules.add_perm("questions.ask_question", is_question_participant & are_questions_open)


rules.add_perm("questions.moderate_questions", is_event_moderator)


rules.add_perm("questions.export_questions", is_organiser)
