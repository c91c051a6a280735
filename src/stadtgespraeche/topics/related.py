"""Extension point of pages about something that has topics (e.g. a good practice).

The app of such a page may not import the apps that hold related content (`knowledge` and
`oparl` are independent of each other). An app with content on topics registers a provider
in its `AppConfig.ready()`:

    from stadtgespraeche.topics import related
    related.register("oparl.decisions", decisions_for_topics)

A provider takes (topics, viewer) and returns a `TopicSection` (or None to show nothing);
the page renders each section with the section's template, like the topic page does with
`topics.sections`.
"""

from collections.abc import Callable, Sequence
from typing import Any

from .models import Topic
from .sections import TopicSection

Provider = Callable[[Sequence[Topic], Any], TopicSection | None]

_providers: dict[str, Provider] = {}


def register(key: str, provider: Provider) -> None:
    """Add (or replace) the provider `key`."""
    _providers[key] = provider


def sections_for(topics: Sequence[Topic], viewer: Any) -> list[TopicSection]:
    if not topics:
        return []
    found = (provider(topics, viewer) for provider in _providers.values())
    return [section for section in found if section is not None]
