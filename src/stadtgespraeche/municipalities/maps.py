"""A server-side SVG map of Germany: state outlines plus municipality points.

The outlines come from the simplified BKG VG5000 file shipped in data/geo. They are projected
once per process with an equirectangular projection scaled by cos(latitude of the map
centre), which keeps Germany's shape true enough at this scale, and cached as SVG path data.
"""

import json
import math
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, replace
from functools import cache
from pathlib import Path

from stadtgespraeche.municipalities.models import Municipality

OUTLINES_FILE = Path(__file__).resolve().parent / "data" / "geo" / "de_states_simplified.geojson"

# Geographic frame (degrees) a little larger than Germany's bounding box.
WEST, EAST, SOUTH, NORTH = 5.6, 15.3, 47.1, 55.2
CENTRE_LATITUDE = (SOUTH + NORTH) / 2
SCALE = 80.0  # SVG units (about CSS pixels on a desktop) per degree of latitude
X_FACTOR = SCALE * math.cos(math.radians(CENTRE_LATITUDE))
WIDTH = round((EAST - WEST) * X_FACTOR, 1)
HEIGHT = round((NORTH - SOUTH) * SCALE, 1)
VIEW_BOX = f"0 0 {WIDTH:g} {HEIGHT:g}"

# Presentation attributes (no CSS style attributes, for the Content Security Policy).
STATE_FILL = "#eef1f4"
STATE_STROKE = "#6b7580"
POINT_FILLS = {
    "member": "#0b57d0",
    "applied": "#8a4b00",
    "interested": "#6b3fa0",
    "paused": "#5c6670",
    "left": "#5c6670",
}
DEFAULT_POINT_FILL = "#1b1b1b"
LABELS_UP_TO = 12  # draw text labels beside the points when there are this few
POINT_RADIUS = 6
LABEL_FONT_SIZE = 13
_CHAR_WIDTH = 7.4  # average advance of the bold label font at LABEL_FONT_SIZE


@dataclass(frozen=True)
class StateShape:
    key: str
    name: str
    path: str


@dataclass(frozen=True)
class MapPoint:
    municipality: Municipality
    label: str
    variant: str
    x: float
    y: float
    fill: str
    # Where the text label goes; label_anchor is "" when no free place was found.
    label_x: float = 0.0
    label_y: float = 0.0
    label_anchor: str = ""


@dataclass(frozen=True)
class MapRow:
    """One line of the table alternative; `on_map` is False without coordinates."""

    municipality: Municipality
    label: str
    variant: str
    on_map: bool


@dataclass(frozen=True)
class LegendEntry:
    variant: str
    label: str
    fill: str


@dataclass(frozen=True)
class GermanyMap:
    legend: Sequence[LegendEntry]
    view_box: str
    width: float
    height: float
    states: Sequence[StateShape]
    points: Sequence[MapPoint]
    rows: Sequence[MapRow]
    show_labels: bool


def project(latitude: float, longitude: float) -> tuple[float, float]:
    """Map coordinates (x to the right, y downwards) of a WGS84 point."""
    x = (longitude - WEST) * X_FACTOR
    y = (NORTH - latitude) * SCALE
    return round(x, 1), round(y, 1)


def _ring_path(ring: Iterable[Sequence[float]]) -> str:
    parts = []
    previous = None
    for longitude, latitude in ring:
        x, y = project(latitude, longitude)
        if (x, y) == previous:
            continue
        parts.append(f"{x:g},{y:g}")
        previous = (x, y)
    return "M" + "L".join(parts) + "Z" if len(parts) >= 3 else ""


@cache
def state_shapes() -> tuple[StateShape, ...]:
    """The projected state outlines as SVG path data (computed once per process)."""
    data = json.loads(OUTLINES_FILE.read_text(encoding="utf-8"))
    shapes = []
    for feature in data["features"]:
        geometry = feature["geometry"]
        polygons = (
            geometry["coordinates"]
            if geometry["type"] == "MultiPolygon"
            else [geometry["coordinates"]]
        )
        path = "".join(_ring_path(ring) for polygon in polygons for ring in polygon)
        properties = feature["properties"]
        shapes.append(StateShape(key=properties["ags"], name=properties["name"], path=path))
    return tuple(shapes)


def germany_map(
    items: Iterable[tuple[Municipality, str] | tuple[Municipality, str, str]],
) -> GermanyMap:
    """Build the map for `items`: (municipality, label) or (municipality, label, variant).

    The label (e.g. a membership status) is shown in the point's tooltip and the table;
    the variant ("member", "applied", …) picks the point colour.
    """
    points: list[MapPoint] = []
    rows: list[MapRow] = []
    for item in items:
        municipality, label = item[0], item[1]
        variant = item[2] if len(item) > 2 else ""
        point = None
        if municipality.latitude is not None and municipality.longitude is not None:
            x, y = project(municipality.latitude, municipality.longitude)
            point = MapPoint(
                municipality=municipality,
                label=label,
                variant=variant,
                x=x,
                y=y,
                fill=POINT_FILLS.get(variant, DEFAULT_POINT_FILL),
            )
            points.append(point)
        rows.append(
            MapRow(
                municipality=municipality, label=label, variant=variant, on_map=point is not None
            )
        )
    # Southern points last, so they are drawn on top of their northern neighbours.
    points.sort(key=lambda p: (p.y, p.x))
    show_labels = 0 < len(points) <= LABELS_UP_TO
    if show_labels:
        points = _place_labels(points)
    legend: dict[str, LegendEntry] = {}
    for point in points:
        if point.label and point.variant not in legend:
            legend[point.variant] = LegendEntry(point.variant, point.label, point.fill)
    return GermanyMap(
        legend=sorted(legend.values(), key=_legend_order),
        view_box=VIEW_BOX,
        width=WIDTH,
        height=HEIGHT,
        states=state_shapes(),
        points=points,
        rows=rows,
        show_labels=show_labels,
    )


def _legend_order(entry: LegendEntry) -> tuple[int, str]:
    order = list(POINT_FILLS)
    return (order.index(entry.variant) if entry.variant in order else len(order), entry.label)


Box = tuple[float, float, float, float]


def _overlaps(a: Box, b: Box) -> bool:
    return a[0] < b[2] and b[0] < a[2] and a[1] < b[3] and b[1] < a[3]


def _place_labels(points: list[MapPoint]) -> list[MapPoint]:
    """Put each label right, left, above or below its point, wherever it covers neither
    another label nor another point; leave it out if no place is free (the point keeps
    its tooltip and the table row)."""
    r = POINT_RADIUS + 1
    taken: list[Box] = [(p.x - r, p.y - r, p.x + r, p.y + r) for p in points]
    placed = []
    for index, point in enumerate(points):
        width = len(point.municipality.name) * _CHAR_WIDTH
        ascent, descent = LABEL_FONT_SIZE * 0.8, LABEL_FONT_SIZE * 0.25
        candidates = [
            (point.x + r + 3, point.y + ascent / 2 - 1, "start"),
            (point.x - r - 3, point.y + ascent / 2 - 1, "end"),
            (point.x, point.y - r - 4, "middle"),
            (point.x, point.y + r + ascent + 2, "middle"),
        ]
        others = taken[:index] + taken[index + 1 :]
        for x, y, anchor in candidates:
            left = {"start": x, "end": x - width, "middle": x - width / 2}[anchor]
            box = (left, y - ascent, left + width, y + descent)
            inside = box[0] >= 0 and box[2] <= WIDTH and box[1] >= 0 and box[3] <= HEIGHT
            if inside and not any(_overlaps(box, other) for other in others):
                taken.append(box)
                point = replace(
                    point, label_x=round(x, 1), label_y=round(y, 1), label_anchor=anchor
                )
                break
        placed.append(point)
    return placed
