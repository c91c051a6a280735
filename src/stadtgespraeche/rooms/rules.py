"""Permission predicates of online rooms: joining and ending a meeting (django-rules)."""

from typing import Any

import rules

from stadtgespraeche.accounts.rules import is_organiser


# Online rooms (docs/rooms.md): join only inside the window, end by organisers.
@rules.predicate
def can_join_room(user: Any, event: Any) -> bool:
    from stadtgespraeche.rooms import queries as queries_rooms

    return event is not None and queries_rooms.room_access(user, event).can_join


@rules.predicate
def event_has_bbb_room(user: Any, event: Any) -> bool:
    from stadtgespraeche.network.enums import RoomKind
    from stadtgespraeche.rooms import queries as queries_rooms

    return event is not None and queries_rooms.has_room(event, provider=RoomKind.BBB)


rules.add_perm("rooms.join_room", can_join_room)


# Only a BigBlueButton meeting can be ended from here; a plain link has nothing to end.
rules.add_perm("rooms.end_room", is_organiser & event_has_bbb_room)
