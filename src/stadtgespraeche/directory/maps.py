"""A server-side SVG map of Germany: state outlines plus municipality points.

The outlines come from the simplified BKG VG5000 file shipped in data/geo. They are projected
once per process with an equirectangular projection scaled by cos(latitude of the map
centre), which keeps Germany's shape true enough at this scale, and cached as SVG path data.
"""

import json
import math
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from functools import cache
from pathlib import Path

from .models import Municipality

OUTLINES_FILE = Path(__file__).resolve().parent / "data" / "geo" / "de_states_simplified.geojson"

# Geographic frame (degrees) a little larger than Germany's bounding box.
WEST, EAST, SOUTH, NORTH = 5.6, 15.3, 47.1, 55.2
CENTRE_LATITUDE = (SOUTH + NORTH) / 2
SCALE = 60.0  # SVG units per degree of latitude
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
    "interested": "#8a4b00",
    "paused": "#5c6670",
    "left": "#5c6670",
}
DEFAULT_POINT_FILL = "#1b1b1b"
LABELS_UP_TO = 12  # draw text labels beside the points when there are this few


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

    @property
    def label_anchor(self) -> str:
        return "end" if self.x > WIDTH - 120 else "start"

    @property
    def label_x(self) -> float:
        return round(self.x - 7, 1) if self.label_anchor == "end" else round(self.x + 7, 1)

    @property
    def label_y(self) -> float:
        return round(self.y + 4, 1)


@dataclass(frozen=True)
class MapRow:
    """One line of the table alternative; `point` is None without coordinates."""

    municipality: Municipality
    label: str
    variant: str
    point: MapPoint | None


@dataclass(frozen=True)
class GermanyMap:
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
        variant = item[2] if len(item) > 2 else ""  # type: ignore[misc]
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
        rows.append(MapRow(municipality=municipality, label=label, variant=variant, point=point))
    # Southern points last, so they are drawn on top of their northern neighbours.
    points.sort(key=lambda p: (p.y, p.x))
    return GermanyMap(
        view_box=VIEW_BOX,
        width=WIDTH,
        height=HEIGHT,
        states=state_shapes(),
        points=points,
        rows=rows,
        show_labels=0 < len(points) <= LABELS_UP_TO,
    )
