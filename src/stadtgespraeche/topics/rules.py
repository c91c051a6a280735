"""Who may see and edit the topic catalogue."""

import rules

from stadtgespraeche.accounts.models import User
from stadtgespraeche.accounts.rules import is_organiser

from .models import Topic


@rules.predicate
def is_active_topic(user: User, topic: Topic | None) -> bool:
    return topic is not None and topic.is_active


rules.add_perm("topics.view_topic", is_active_topic | is_organiser)
rules.add_perm("topics.add_topic", is_organiser)
rules.add_perm("topics.change_topic", is_organiser)
