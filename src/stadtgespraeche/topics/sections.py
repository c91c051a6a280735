"""Extension point of the topic page: further sections contributed by higher apps.

`topics` sits low in the layers and knows nothing of practices or discussions. An app
that has content about a topic registers a provider in its `AppConfig.ready()`:

    from stadtgespraeche.topics import sections
    sections.register("knowledge.practices", practices_section)

A provider takes (topic, viewer) and returns a `TopicSection` (or None to show nothing).
The full topic page (composed in `pages`, the view-level app) renders every section after
its own (Stadtgespräche, wishes, followers), in registration order, with the section's
template and items.
"""

from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

from django.utils.functional import Promise


@dataclass
class TopicSection:
    key: str
    title: str | Promise
    template: str  # rendered with {"section": section, "topic": topic}
    items: list[Any] = field(default_factory=list)
    empty_text: str | Promise = ""


Provider = Callable[[Any, Any], TopicSection | None]

_providers: dict[str, Provider] = {}


def register(key: str, provider: Provider) -> None:
    """Add (or replace) the section provider `key`."""
    _providers[key] = provider


def sections_for(topic: Any, viewer: Any) -> list[TopicSection]:
    found = (provider(topic, viewer) for provider in _providers.values())
    return [section for section in found if section is not None]
