"""Who may do what in a wish round: role × phase (docs/wishes.md has the matrix).

Objects: a `WishRound` for round-level permissions, a `TopicWish` for wish-level ones.
Rounds are network content: anonymous visitors see nothing.
"""

from typing import Any

import rules

from stadtgespraeche.accounts.rules import is_coordinator, is_councillor, is_organiser

from .enums import Phase


def _round_of(obj: Any) -> Any:
    return getattr(obj, "round", obj)


@rules.predicate
def is_network_member(user: Any) -> bool:
    return bool(getattr(user, "is_authenticated", False) and getattr(user, "is_active", False))


@rules.predicate
def is_collecting(user: Any, obj: Any) -> bool:
    return obj is not None and _round_of(obj).collecting_is_open()


@rules.predicate
def is_voting(user: Any, obj: Any) -> bool:
    return obj is not None and _round_of(obj).voting_is_open()


@rules.predicate
def collects_or_votes(user: Any, obj: Any) -> bool:
    return obj is not None and _round_of(obj).phase in (Phase.COLLECT, Phase.VOTE)


@rules.predicate
def voting_has_started(user: Any, obj: Any) -> bool:
    return obj is not None and _round_of(obj).phase in (Phase.VOTE, Phase.PLANNED)


@rules.predicate
def voting_is_over(user: Any, obj: Any) -> bool:
    return obj is not None and _round_of(obj).phase in (Phase.PLANNED, Phase.CLOSED)


@rules.predicate
def is_open_wish(user: Any, wish: Any) -> bool:
    return wish is not None and getattr(wish, "is_open", True)


is_participant = is_councillor | is_coordinator

rules.add_perm("wishes.view_round", is_network_member)
rules.add_perm("wishes.submit_wish", is_participant & is_collecting)
rules.add_perm("wishes.collect_wishes", is_coordinator & is_collecting)
rules.add_perm("wishes.support_wish", is_participant & collects_or_votes & is_open_wish)
rules.add_perm("wishes.vote", is_participant & is_voting & is_open_wish)
# Results: organisers at any time, members once voting is over (no bandwagon effect).
rules.add_perm("wishes.view_results", is_organiser | (is_network_member & voting_is_over))
rules.add_perm("wishes.manage_round", is_organiser)
rules.add_perm("wishes.merge_wish", is_organiser & collects_or_votes & is_open_wish)
rules.add_perm("wishes.plan_wish", is_organiser & voting_has_started & is_open_wish)
