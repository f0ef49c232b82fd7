"""How sub-goal numbers are written in plans: "Delmål 1–5", "Delmål 2, 3, 5", "Delmål 4"."""

import re
from collections.abc import Iterable

EN_DASH = "\u2013"


def format_subgoal_numbers(numbers: Iterable[int]) -> str:
    """Numbers as the action plan writes them: runs of three or more consecutive numbers become
    a range with an en dash ("1–5", "2–4"); shorter runs are listed with commas ("2, 3, 5")."""
    ordered = sorted(set(numbers))
    parts: list[str] = []
    start = 0
    while start < len(ordered):
        end = start
        while end + 1 < len(ordered) and ordered[end + 1] == ordered[end] + 1:
            end += 1
        if end - start >= 2:
            parts.append(f"{ordered[start]}{EN_DASH}{ordered[end]}")
        else:
            parts.extend(str(number) for number in ordered[start : end + 1])
        start = end + 1
    return ", ".join(parts)


def subgoal_label(numbers: Iterable[int]) -> str:
    """ "Delmål 1–5" for the numbers, or an empty string when there are none."""
    text = format_subgoal_numbers(numbers)
    return f"Delmål {text}" if text else ""


_RANGE = re.compile(r"^(\d+)\s*[-\u2013\u2014]\s*(\d+)$")


def parse_subgoal_label(label: str) -> set[int]:
    """The numbers of a label such as "Delmål 2–3, 5" or "Delmål 3-4, 5" (hyphen or dash)."""
    text = re.sub(r"(?i)^\s*delmål\s*", "", label or "").strip()
    numbers: set[int] = set()
    for part in filter(None, (piece.strip() for piece in text.split(","))):
        match = _RANGE.match(part)
        if match:
            low, high = int(match.group(1)), int(match.group(2))
            numbers.update(range(min(low, high), max(low, high) + 1))
        elif part.isdigit():
            numbers.add(int(part))
        else:
            raise ValueError(f"Not a sub-goal label: {label!r}")
    return numbers
