"""{% germany_map items %}: the server-side SVG map of Germany with a table alternative."""

from collections.abc import Iterable
from typing import Any

from django import template

from stadtgespraeche.municipalities.maps import germany_map as build_map
from stadtgespraeche.municipalities.models import Municipality

register = template.Library()


@register.inclusion_tag("municipalities/includes/germany_map.html")
def germany_map(
    items: Iterable[tuple[Municipality, str] | tuple[Municipality, str, str]],
    map_id: str = "germany-map",
    title: str = "",
    description: str = "",
    caption: str = "",
) -> dict[str, Any]:
    """Render the map for (municipality, label[, variant]) items; see maps.germany_map."""
    return {
        "map": build_map(items),
        "map_id": map_id,
        "title": title,
        "description": description,
        "caption": caption,
    }
