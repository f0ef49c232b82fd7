"""Server-rendered SVG maps from the municipalities' GeoJSON boundaries (no map service, no CDN).

Coordinates are projected with a simple equirectangular projection scaled by cos(latitude), which
keeps Swedish shapes recognisable at county and national scale."""

import hashlib
import math
from collections.abc import Iterable
from dataclasses import dataclass

from samordna.core.memo import generation_cached


@dataclass(frozen=True)
class MapShape:
    key: str
    label: str
    path: str  # SVG path data
    label_x: float
    label_y: float


def _rings(geometry: dict) -> Iterable[list[list[float]]]:
    if not geometry:
        return
    if geometry.get("type") == "Polygon":
        yield from geometry["coordinates"]
    elif geometry.get("type") == "MultiPolygon":
        for polygon in geometry["coordinates"]:
            yield from polygon


# How far (in pixels) a simplified border may stray from the real one: well under the 0.6 px
# stroke, so the map looks the same while the national map's paths shrink by about 40 %.
SIMPLIFY_TOLERANCE = 0.4


def simplify_ring(
    points: list[tuple[float, float]], *, tolerance: float
) -> list[tuple[float, float]]:
    """A closed ring with fewer points (Douglas–Peucker): every dropped point lies within
    ``tolerance`` of the simplified outline. The first point is kept; the ring stays closed."""
    if len(points) < 4:
        return list(points)
    ring = [*points, points[0]] if points[0] != points[-1] else list(points)
    keep = [False] * len(ring)
    keep[0] = keep[-1] = True
    # The closing point equals the first, so the first split is at the point farthest from it.
    first = max(range(1, len(ring) - 1), key=lambda i: math.dist(ring[i], ring[0]))
    keep[first] = True
    stack = [(0, first), (first, len(ring) - 1)]
    while stack:
        start, end = stack.pop()
        farthest, index = -1.0, None
        for i in range(start + 1, end):
            distance = _segment_distance(ring[i], ring[start], ring[end])
            if distance > farthest:
                farthest, index = distance, i
        if index is not None and farthest > tolerance:
            keep[index] = True
            stack += [(start, index), (index, end)]
    return [point for point, kept in zip(ring[:-1], keep[:-1], strict=True) if kept]


def _segment_distance(p, a, b) -> float:
    """Distance from ``p`` to the segment ``a``–``b``."""
    dx, dy = b[0] - a[0], b[1] - a[1]
    length_sq = dx * dx + dy * dy
    if length_sq == 0:
        return math.dist(p, a)
    t = max(0.0, min(1.0, ((p[0] - a[0]) * dx + (p[1] - a[1]) * dy) / length_sq))
    return math.dist(p, (a[0] + t * dx, a[1] + t * dy))


def project_shapes(
    items: list[tuple[str, str, dict]], *, width: int = 600, padding: int = 8
) -> tuple[list[MapShape], int, int]:
    """Project (key, label, geometry) items into SVG paths that fit ``width``.

    Returns the shapes and the SVG's width and height. The result is kept under the page-cache
    generation (boundaries change only with the reference data, which is a write), keyed by the
    items' keys and labels and the size."""
    digest = hashlib.sha256(
        repr([(key, label) for key, label, _geometry in items]).encode()
    ).hexdigest()
    return generation_cached(
        f"geo:shapes:{width}:{padding}:{digest}",
        lambda: _project_shapes(items, width=width, padding=padding),
    )


def _project_shapes(
    items: list[tuple[str, str, dict]], *, width: int, padding: int
) -> tuple[list[MapShape], int, int]:
    rings_by_item = [(key, label, list(_rings(geometry))) for key, label, geometry in items]
    points = [pt for _k, _l, rings in rings_by_item for ring in rings for pt in ring]
    if not points:
        return [], width, width // 2
    min_lon = min(p[0] for p in points)
    max_lon = max(p[0] for p in points)
    min_lat = min(p[1] for p in points)
    max_lat = max(p[1] for p in points)
    mid_lat = math.radians((min_lat + max_lat) / 2)
    x_span = max((max_lon - min_lon) * math.cos(mid_lat), 1e-9)
    y_span = max(max_lat - min_lat, 1e-9)
    scale = (width - 2 * padding) / x_span
    height = int(y_span * scale + 2 * padding)

    def project(lon: float, lat: float) -> tuple[float, float]:
        x = padding + (lon - min_lon) * math.cos(mid_lat) * scale
        y = padding + (max_lat - lat) * scale
        return x, y

    shapes = []
    for key, label, rings in rings_by_item:
        parts = []
        xs, ys = [], []
        for ring in rings:
            projected = [project(lon, lat) for lon, lat, *_rest in ring]
            # First drop points closer than half a pixel to the previous one (cheap), then
            # simplify what is left.
            near = [projected[0]]
            for x, y in projected[1:]:
                px, py = near[-1]
                if abs(x - px) + abs(y - py) >= 0.5:
                    near.append((x, y))
            simplified = simplify_ring(near, tolerance=SIMPLIFY_TOLERANCE)
            if len(simplified) < 3:
                continue
            xs.extend(x for x, _y in simplified)
            ys.extend(y for _x, y in simplified)
            # After "M", further coordinate pairs are implicit line-tos (SVG 1.1, 8.3.2).
            parts.append("M" + " ".join(f"{x:.1f},{y:.1f}" for x, y in simplified) + "Z")
        if not parts:
            continue
        shapes.append(
            MapShape(
                key=key,
                label=label,
                path=" ".join(parts),
                label_x=round(sum(xs) / len(xs), 1),
                label_y=round(sum(ys) / len(ys), 1),
            )
        )
    return shapes, width, height
