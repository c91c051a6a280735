"""Who may read, write and review good practices."""

from typing import Any

import rules

from stadtgespraeche.accounts.rules import is_coordinator, is_councillor, is_organiser

from . import queries
from .enums import EditorialState


@rules.predicate
def is_active_member(user: Any) -> bool:
    return bool(user is not None and user.is_authenticated and user.is_active)


@rules.predicate
def is_author(user: Any, practice: Any) -> bool:
    return (
        practice is not None
        and practice.author_id is not None
        and practice.author_id == getattr(user, "pk", None)
    )


@rules.predicate
def reviews(user: Any, practice: Any) -> bool:
    return practice is not None and queries.is_reviewer(user, practice)


@rules.predicate
def is_published(user: Any, practice: Any) -> bool:
    return practice is not None and practice.state == EditorialState.PUBLISHED


@rules.predicate
def is_draft(user: Any, practice: Any) -> bool:
    return practice is not None and practice.state == EditorialState.DRAFT


@rules.predicate
def is_in_review(user: Any, practice: Any) -> bool:
    return practice is not None and practice.state == EditorialState.IN_REVIEW


writer = is_active_member & (is_organiser | is_coordinator | is_councillor)

rules.add_perm("knowledge.add_practice", writer)
rules.add_perm("knowledge.view_practice", is_published | (is_active_member & (is_author | reviews)))
# Authors edit their drafts; reviewers edit in every state (a published entry stays published).
rules.add_perm("knowledge.change_practice", is_active_member & ((is_author & is_draft) | reviews))
rules.add_perm("knowledge.view_versions", is_active_member & (is_author | reviews))
rules.add_perm("knowledge.submit_practice", is_active_member & is_draft & (is_author | reviews))
rules.add_perm("knowledge.review_practice", is_active_member & is_in_review & reviews)
rules.add_perm("knowledge.unpublish_practice", is_active_member & is_published & reviews)
rules.add_perm(
    "knowledge.delete_practice", is_active_member & ((is_author & is_draft) | is_organiser)
)
rules.add_perm("knowledge.view_review_queue", is_active_member & (is_organiser | is_coordinator))
