"""Server-rendered bar charts for the report: SVG for the web page and the PDF, PNG (Pillow) for
the DOCX. Values are printed beside each bar, so no information depends on colour alone."""

from __future__ import annotations

import io
from dataclasses import dataclass
from functools import cache
from pathlib import Path

from django.utils.html import escape
from PIL import Image, ImageDraw, ImageFont

FONT_DIR = Path("/usr/share/fonts/truetype/dejavu")
BAR = "#1f5f8b"
TEXT = "#1a1a1a"
GRID = "#c9d1d9"


@dataclass
class BarChart:
    title: str
    description: str
    bars: list[tuple[str, int | float]]

    @property
    def maximum(self) -> float:
        return max([value for _label, value in self.bars] + [1])


LABEL_WIDTH = 260
BAR_AREA = 380
ROW = 30
TOP = 10
WIDTH = LABEL_WIDTH + BAR_AREA + 70


def _height(chart: BarChart) -> int:
    return TOP * 2 + ROW * max(len(chart.bars), 1)


def _shorten(label: str, limit: int = 34) -> str:
    return label if len(label) <= limit else label[: limit - 1] + "…"


def render_svg(chart: BarChart, chart_id: str) -> str:
    """An accessible SVG (role img with title and description)."""
    height = _height(chart)
    parts = [
        f'<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 {WIDTH} {height}" '
        f'class="report-chart" role="img" aria-labelledby="{chart_id}-t {chart_id}-d">',
        f'<title id="{chart_id}-t">{escape(chart.title)}</title>',
        f'<desc id="{chart_id}-d">{escape(chart.description)}</desc>',
        f'<line x1="{LABEL_WIDTH}" y1="{TOP - 4}" x2="{LABEL_WIDTH}" y2="{height - TOP + 4}" '
        f'stroke="{GRID}" stroke-width="1"/>',
    ]
    for index, (label, value) in enumerate(chart.bars):
        y = TOP + index * ROW
        width = round(BAR_AREA * value / chart.maximum, 1) if value else 0
        parts.append(
            f'<text x="{LABEL_WIDTH - 8}" y="{y + ROW / 2 + 5}" text-anchor="end" '
            f'font-family="DejaVu Sans, Arial, sans-serif" font-size="14" fill="{TEXT}">'
            f"{escape(_shorten(label))}</text>"
        )
        parts.append(
            f'<rect x="{LABEL_WIDTH}" y="{y + 5}" width="{width}" height="{ROW - 10}" '
            f'fill="{BAR}"/>'
        )
        parts.append(
            f'<text x="{LABEL_WIDTH + width + 6}" y="{y + ROW / 2 + 5}" '
            f'font-family="DejaVu Sans, Arial, sans-serif" font-size="14" font-weight="bold" '
            f'fill="{TEXT}">{_number(value)}</text>'
        )
    parts.append("</svg>")
    return "".join(parts)


def _number(value) -> str:
    if isinstance(value, float) and not value.is_integer():
        return f"{value:.1f}".replace(".", ",")
    return f"{int(value):,}".replace(",", "\u00a0")


@cache
def _font(size: int, bold: bool = False):
    path = FONT_DIR / ("DejaVuSans-Bold.ttf" if bold else "DejaVuSans.ttf")
    if path.exists():
        return ImageFont.truetype(str(path), size)
    return ImageFont.load_default(size=size)


def render_png(chart: BarChart, scale: int = 3) -> bytes:
    """The same chart as PNG bytes (for DOCX, which cannot embed SVG)."""
    height = _height(chart)
    image = Image.new("RGB", (WIDTH * scale, height * scale), "#ffffff")
    draw = ImageDraw.Draw(image)
    draw.line(
        (LABEL_WIDTH * scale, (TOP - 4) * scale, LABEL_WIDTH * scale, (height - TOP + 4) * scale),
        fill=GRID,
        width=scale,
    )
    font = _font(14 * scale)
    bold = _font(14 * scale, True)
    for index, (label, value) in enumerate(chart.bars):
        y = TOP + index * ROW
        width = BAR_AREA * value / chart.maximum if value else 0
        middle = (y + ROW / 2) * scale
        draw.text(
            ((LABEL_WIDTH - 8) * scale, middle), _shorten(label), fill=TEXT, font=font, anchor="rm"
        )
        if width:
            draw.rectangle(
                (
                    LABEL_WIDTH * scale,
                    (y + 5) * scale,
                    (LABEL_WIDTH + width) * scale,
                    (y + ROW - 5) * scale,
                ),
                fill=BAR,
            )
        draw.text(
            ((LABEL_WIDTH + width + 6) * scale, middle),
            _number(value),
            fill=TEXT,
            font=bold,
            anchor="lm",
        )
    buffer = io.BytesIO()
    image.save(buffer, format="PNG", optimize=True)
    return buffer.getvalue()
