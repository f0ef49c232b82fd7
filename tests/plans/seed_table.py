"""Reads the activity tables of the source action plan (shared/seeds/003, text extracted from
Word) so the tests can compare the demo plan and its exports with the source, area by area."""

import re
from pathlib import Path

from django.conf import settings

SEED_NAME = "003_cf681654f83e3c18.txt"
HEADER = ["Aktivitet", "Målgrupp", "Utfall", "Regionalt delmål"]
# Word artefacts of the extraction, removed (the same as in the demo data's docstring).
ARTEFACTS = {" Formatmall": "", "organisa-tioner": "organisationer", "kom-petens": "kompetens"}


def seed_path() -> Path | None:
    for base in (Path(settings.BASE_DIR).parent / "shared", Path("/work/shared")):
        candidate = base / "seeds" / SEED_NAME
        if candidate.exists():
            return candidate
    return None


def normalise(text: str) -> str:
    """Whitespace collapsed per line, hyphenated line breaks joined, artefacts removed."""
    text = re.sub(r"\[footnoteRef:\d+\]", "", text)
    text = re.sub(r"\s*\[\d+:[^\]]*\]", "", text)
    text = re.sub(r"\[bookmark: [^\]]*\]", "", text)
    for artefact, replacement in ARTEFACTS.items():
        text = text.replace(artefact, replacement)
    text = re.sub(r"-\n(?=[a-zåäö])", "", text)
    lines = [" ".join(line.split()) for line in text.splitlines()]
    return "\n".join(line for line in lines if line)


def seed_areas(path: Path) -> list[tuple[str, list[list[str]]]]:
    """[(area name, [[activity, target group, outcome, sub-goal label], …]), …]"""
    text = path.read_text(encoding="utf-8")
    areas = []
    current = None
    cells: list[str] = []
    for raw in text.splitlines():
        heading = (
            None if raw.startswith("\t") else re.match(r"^\s*\[bookmark: [^\]]+\](.+?)\s*$", raw)
        )
        if heading:
            if current is not None:
                areas.append((current, cells))
            title = heading.group(1).strip()
            current = title[len("Område ") :] if title.startswith("Område ") else None
            cells = []
            continue
        if current is None:
            continue
        if raw.startswith("\t"):
            cells.append(raw[1:])
        elif raw.strip() and cells:
            cells[-1] += "\n" + raw
    if current is not None:
        areas.append((current, cells))
    result = []
    for name, area_cells in areas:
        values = [normalise(cell) for cell in area_cells]
        values = [value for value in values if value]
        filtered: list[str] = []
        index = 0
        while index < len(values):
            if values[index : index + 4] == HEADER:
                index += 4
                continue
            filtered.append(values[index])
            index += 1
        assert len(filtered) % 4 == 0, (name, filtered)
        rows = [filtered[i : i + 4] for i in range(0, len(filtered), 4)]
        result.append((name, rows))
    return result
