"""Map geometry: border simplification keeps every dropped point within the tolerance, and the
projected paths are valid SVG path data."""

import math
import re

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from samordna.organisations.geo import _segment_distance, project_shapes, simplify_ring
from samordna.organisations.models import Municipality

coordinate = st.floats(min_value=-500, max_value=500, allow_nan=False, allow_infinity=False)
rings = st.lists(st.tuples(coordinate, coordinate), min_size=4, max_size=60, unique=True)


def _distance_to_outline(point, outline) -> float:
    closed = [*outline, outline[0]]
    return min(_segment_distance(point, a, b) for a, b in zip(closed, closed[1:], strict=False))


@settings(max_examples=200, deadline=None)
@given(rings, st.sampled_from([0.1, 0.4, 2.0]))
def test_every_dropped_point_lies_within_the_tolerance(ring, tolerance):
    simplified = simplify_ring(ring, tolerance=tolerance)
    assert simplified[0] == ring[0]
    assert set(simplified) <= set(ring)
    # Kept points stay in their original order.
    positions = [ring.index(point) for point in simplified]
    assert positions == sorted(positions)
    for point in ring:
        assert _distance_to_outline(point, simplified) <= tolerance + 1e-9


def test_a_square_with_a_small_bump_loses_the_bump_but_keeps_its_corners():
    ring = [(0, 0), (1, 0.1), (2, 0), (2, 1), (2, 2), (1, 2), (0, 2), (0, 1)]
    assert simplify_ring(ring, tolerance=0.4) == [(0, 0), (2, 0), (2, 2), (0, 2)]
    assert (1, 0.1) in simplify_ring(ring, tolerance=0.05)


@pytest.mark.django_db
def test_county_map_paths_are_valid_svg_path_data():
    municipalities = list(Municipality.objects.filter(county__code="08"))
    shapes, width, height = project_shapes(
        [(m.code, m.name, m.boundary) for m in municipalities], width=600
    )
    assert len(shapes) == len(municipalities) == 12
    number = r"-?\d+\.\d"
    subpath = rf"M{number},{number}(?: {number},{number})+Z"
    for shape in shapes:
        assert re.fullmatch(rf"{subpath}(?: {subpath})*", shape.path), shape.path[:80]
        coordinates = [float(v) for v in re.findall(number, shape.path)]
        assert all(0 <= v <= max(width, height) for v in coordinates)
        assert math.isfinite(shape.label_x) and math.isfinite(shape.label_y)
