"""The good practices section of the topic page (registered in `topics.sections`)."""

from typing import Any

from django.utils.translation import gettext_lazy as _

from stadtgespraeche.topics.models import Topic
from stadtgespraeche.topics.sections import TopicSection

from . import queries


def practices_section(topic: Topic, viewer: Any) -> TopicSection:
    return TopicSection(
        key="knowledge.practices",
        title=_("Good practices"),
        template="knowledge/topic_section.html",
        items=queries.published_for_topic(topic),
        empty_text=_("No good practice on this topic has been published yet."),
    )
