"""Who may see and edit the topic catalogue."""

import rules

from stadtgespraeche.accounts.models import User

from .models import Topic


@rules.predicate
def is_organiser(user: User) -> bool:
    return bool(user.is_authenticated and user.is_active and user.is_organiser)


@rules.predicate
def is_active_topic(user: User, topic: Topic | None) -> bool:
    return topic is not None and topic.is_active


rules.add_perm("topics.view_topic", is_active_topic | is_organiser)
rules.add_perm("topics.add_topic", is_organiser)
rules.add_perm("topics.change_topic", is_organiser)
