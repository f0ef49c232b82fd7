"""Server-rendered SVG maps from the municipalities' GeoJSON boundaries (no map service, no CDN).

Coordinates are projected with a simple equirectangular projection scaled by cos(latitude), which
keeps Swedish shapes recognisable at county and national scale."""

import math
from collections.abc import Iterable
from dataclasses import dataclass


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


def project_shapes(
    items: list[tuple[str, str, dict]], *, width: int = 600, padding: int = 8
) -> tuple[list[MapShape], int, int]:
    """Project (key, label, geometry) items into SVG paths that fit ``width``.

    Returns the shapes and the SVG's width and height."""
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
            # Drop points closer than half a pixel to the previous one: smaller SVGs, same look.
            simplified = [projected[0]]
            for x, y in projected[1:]:
                px, py = simplified[-1]
                if abs(x - px) + abs(y - py) >= 0.5:
                    simplified.append((x, y))
            if len(simplified) < 3:
                continue
            xs.extend(x for x, _y in simplified)
            ys.extend(y for _x, y in simplified)
            parts.append("M" + " L".join(f"{x:.1f},{y:.1f}" for x, y in simplified) + " Z")
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
