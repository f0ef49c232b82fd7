"""The sub-goal label is written as in the source action plan."""

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from samordna.strategy.labels import format_subgoal_numbers, parse_subgoal_label, subgoal_label


@pytest.mark.parametrize(
    ("numbers", "label"),
    [
        ([1, 2, 3, 4, 5], "Delmål 1–5"),
        ([2, 3, 4, 5], "Delmål 2–5"),
        ([2, 3, 4], "Delmål 2–4"),
        ([2, 3, 5], "Delmål 2, 3, 5"),
        ([1, 5], "Delmål 1, 5"),
        ([2, 3], "Delmål 2, 3"),
        ([4], "Delmål 4"),
        ([5, 1, 3, 2, 4], "Delmål 1–5"),
        ([1, 2, 3, 5, 6, 7, 9], "Delmål 1–3, 5–7, 9"),
        ([], ""),
    ],
)
def test_label_is_written_like_the_source(numbers, label):
    assert subgoal_label(numbers) == label


def test_consecutive_runs_use_an_en_dash_not_a_hyphen():
    assert "\u2013" in format_subgoal_numbers([1, 2, 3])
    assert "-" not in format_subgoal_numbers([1, 2, 3])


@pytest.mark.parametrize(
    ("label", "numbers"),
    [
        ("Delmål 1–5", {1, 2, 3, 4, 5}),
        ("Delmål 2–3, 5", {2, 3, 5}),
        ("Delmål 3-4, 5", {3, 4, 5}),
        ("Delmål 4", {4}),
        ("Delmål 1, 2", {1, 2}),
    ],
)
def test_labels_of_the_source_parse_to_numbers(label, numbers):
    assert parse_subgoal_label(label) == numbers


def test_parse_rejects_text_that_is_not_a_label():
    with pytest.raises(ValueError, match="Not a sub-goal label"):
        parse_subgoal_label("Delmål alla")


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.sets(st.integers(min_value=1, max_value=30)))
def test_formatting_and_parsing_round_trip(numbers):
    assert parse_subgoal_label(subgoal_label(numbers)) == numbers


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.sets(st.integers(min_value=1, max_value=30), min_size=1))
def test_no_range_covers_fewer_than_three_numbers(numbers):
    for part in format_subgoal_numbers(numbers).split(", "):
        if "\u2013" in part:
            low, high = (int(x) for x in part.split("\u2013"))
            assert high - low >= 2
