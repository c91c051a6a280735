"""Council decisions on the pages of higher and sibling apps, through their ports.

"So haben andere Räte entschieden": the newest decisions on papers of a topic, on the topic
page (`topics.sections`) and on pages about something with topics, such as a good practice
(`topics.related`). Registered in `OparlConfig.ready()`. No section when no paper matches,
so pages of installations without council data stay as they were.
"""

from collections.abc import Sequence
from typing import Any

from django.utils.translation import gettext_lazy as _

from stadtgespraeche.topics.models import Topic
from stadtgespraeche.topics.sections import TopicSection

from . import queries

LIMIT = 5


def _section(topic_ids: list[int]) -> TopicSection | None:
    decisions = queries.latest_decisions(topic_ids, limit=LIMIT)
    if not decisions:
        return None
    return TopicSection(
        key="oparl.decisions",
        title=_("How other councils decided"),
        template="oparl/decisions_section.html",
        items=decisions,
    )


def topic_decisions(topic: Topic, viewer: Any) -> TopicSection | None:
    return _section([topic.pk])


def related_decisions(topics: Sequence[Topic], viewer: Any) -> TopicSection | None:
    return _section([topic.pk for topic in topics])
