"""Make the compact state outlines shipped with the municipalities app (one-off, no dependencies).

Reads the BKG VG5000 state outlines (GeoJSON, WGS84) from the shared reference data,
simplifies every ring with Douglas–Peucker, drops rings that collapse or are tiny islands,
rounds coordinates and writes a small GeoJSON beside the other reference data:

    python scripts/simplify_state_outlines.py \
        ../shared/data/geo/de_states_vg5000_2021.geojson \
        src/stadtgespraeche/municipalities/data/geo/de_states_simplified.geojson

Source: © GeoBasis-DE / BKG 2021, dl-de/by-2-0 (Daten verändert).
"""

import argparse
import json
import math
from pathlib import Path

Point = tuple[float, float]


def _distance_to_segment(p: Point, a: Point, b: Point) -> float:
    (px, py), (ax, ay), (bx, by) = p, a, b
    dx, dy = bx - ax, by - ay
    if dx == 0 and dy == 0:
        return math.hypot(px - ax, py - ay)
    t = max(0.0, min(1.0, ((px - ax) * dx + (py - ay) * dy) / (dx * dx + dy * dy)))
    return math.hypot(px - (ax + t * dx), py - (ay + t * dy))


def simplify(points: list[Point], tolerance: float) -> list[Point]:
    """Douglas–Peucker on an open polyline (iterative, keeps both ends)."""
    if len(points) < 3:
        return points
    keep = [False] * len(points)
    keep[0] = keep[-1] = True
    stack = [(0, len(points) - 1)]
    while stack:
        start, end = stack.pop()
        best, index = 0.0, -1
        for i in range(start + 1, end):
            distance = _distance_to_segment(points[i], points[start], points[end])
            if distance > best:
                best, index = distance, i
        if index != -1 and best > tolerance:
            keep[index] = True
            stack.extend([(start, index), (index, end)])
    return [p for p, k in zip(points, keep, strict=True) if k]


def _area(ring: list[Point]) -> float:
    return abs(
        sum(x1 * y2 - x2 * y1 for (x1, y1), (x2, y2) in zip(ring, ring[1:] + ring[:1], strict=True))
        / 2
    )


def simplify_ring(ring: list[Point], tolerance: float, digits: int) -> list[Point] | None:
    # Split the closed ring in two halves so Douglas–Peucker has two fixed anchors.
    ring = [(float(x), float(y)) for x, y in ring]
    if ring[0] == ring[-1]:
        ring = ring[:-1]
    if len(ring) < 4:
        return None
    half = len(ring) // 2
    first = simplify(ring[: half + 1], tolerance)
    second = simplify([*ring[half:], ring[0]], tolerance)
    out = [(round(x, digits), round(y, digits)) for x, y in first[:-1] + second[:-1]]
    deduplicated = [p for i, p in enumerate(out) if i == 0 or p != out[i - 1]]
    if len(deduplicated) < 3:
        return None
    return deduplicated


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("source", type=Path)
    parser.add_argument("target", type=Path)
    parser.add_argument("--tolerance", type=float, default=0.008, help="degrees")
    parser.add_argument("--min-area", type=float, default=0.002, help="square degrees")
    parser.add_argument("--digits", type=int, default=3)
    args = parser.parse_args()

    source = json.loads(args.source.read_text(encoding="utf-8"))
    features = []
    for feature in source["features"]:
        geometry = feature["geometry"]
        polygons = (
            geometry["coordinates"]
            if geometry["type"] == "MultiPolygon"
            else [geometry["coordinates"]]
        )
        out_polygons = []
        for polygon in polygons:
            rings = []
            for ring_index, ring in enumerate(polygon):
                simplified = simplify_ring(ring, args.tolerance, args.digits)
                if simplified is None or _area(simplified) < args.min_area:
                    if ring_index == 0:
                        break  # outer ring gone: drop the whole polygon
                    continue
                rings.append([[x, y] for x, y in simplified])
            if rings:
                out_polygons.append(rings)
        properties = feature["properties"]
        features.append(
            {
                "type": "Feature",
                "properties": {
                    "ags": properties["ags"],
                    "name": properties["name"],
                    "label_lat": properties["label_lat"],
                    "label_lon": properties["label_lon"],
                },
                "geometry": {"type": "MultiPolygon", "coordinates": out_polygons},
            }
        )
    result = {
        "type": "FeatureCollection",
        "attribution": "© GeoBasis-DE / BKG 2021, dl-de/by-2-0 (Daten verändert)",
        "features": features,
    }
    args.target.parent.mkdir(parents=True, exist_ok=True)
    args.target.write_text(
        json.dumps(result, ensure_ascii=False, separators=(",", ":")), encoding="utf-8"
    )
    points = sum(len(r) for f in features for p in f["geometry"]["coordinates"] for r in p)
    print(f"{len(features)} states, {points} points, {args.target.stat().st_size} bytes")


if __name__ == "__main__":
    main()
