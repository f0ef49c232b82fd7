"""The annual wheel as a PNG for the DOCX export (python-docx cannot embed SVG). Drawn with
Pillow from the same layout as the SVG, supersampled twice and reduced for smooth edges."""

import io
import math
from functools import cache
from pathlib import Path

from PIL import Image, ImageDraw, ImageFont

from .wheel import CX, CY, OUTLINE, Layout, Wheel, polygon

FONT_DIR = Path("/usr/share/fonts/truetype/dejavu")
TEXT = "#1a1a1a"
SUPERSAMPLE = 2


@cache
def _font(size: int, bold: bool) -> ImageFont.FreeTypeFont | ImageFont.ImageFont:
    path = FONT_DIR / ("DejaVuSans-Bold.ttf" if bold else "DejaVuSans.ttf")
    if path.exists():
        return ImageFont.truetype(str(path), size)
    return ImageFont.load_default(size=size)


def _ring(k: float, r_in: float, r_out: float, a0: float, a1: float) -> list[tuple[float, float]]:
    """An annular sector as a polygon, angles in degrees clockwise from 12 o'clock."""
    steps = max(2, math.ceil(a1 - a0))
    angles = [a0 + (a1 - a0) * i / steps for i in range(steps + 1)]

    def point(radius: float, angle: float) -> tuple[float, float]:
        theta = math.radians(angle)
        return (k * (CX + radius * math.sin(theta)), k * (CY - radius * math.cos(theta)))

    return [point(r_out, a) for a in angles] + [point(r_in, a) for a in reversed(angles)]


def _marker(draw, k: float, shape: str, x: float, y: float, size: float, fill: str) -> None:
    line = max(1, round(1.5 * k))
    if shape == "square":
        s = size * 0.9 * k
        draw.rounded_rectangle(
            (k * x - s, k * y - s, k * x + s, k * y + s),
            radius=3 * k,
            fill=fill,
            outline=OUTLINE,
            width=line,
        )
    elif shape in ("diamond", "hexagon"):
        points = [(k * px, k * py) for px, py in polygon(shape, x, y, size)]
        draw.polygon(points, fill=fill, outline=OUTLINE, width=line)
    else:
        r = size * k
        draw.ellipse(
            (k * x - r, k * y - r, k * x + r, k * y + r), fill=fill, outline=OUTLINE, width=line
        )


def render_png(wheel: Wheel, width: int = 1600) -> bytes:
    """The wheel as PNG bytes, ``width`` pixels wide (1600 prints sharply at 16 cm)."""
    shapes: Layout = wheel.layout
    k = width * SUPERSAMPLE / shapes.width
    size = (width * SUPERSAMPLE, round(shapes.height * k))
    image = Image.new("RGB", size, "#ffffff")
    draw = ImageDraw.Draw(image)
    for r_in, r_out, a0, a1, fill in shapes.sectors:
        draw.polygon(
            _ring(k, r_in, r_out, a0, a1), fill=fill, outline="#ffffff", width=round(2 * k)
        )
    for label in shapes.labels:
        draw.text(
            (k * label.x, k * label.y),
            label.text,
            fill=TEXT,
            font=_font(round(label.size * k), label.bold),
            anchor="mm",
        )
    for radius, a0, a1, fill in shapes.bands:
        a1 = min(max(a1, a0 + 1.0), a0 + 359.9)
        draw.polygon(_ring(k, radius - 8.5, radius + 8.5, a0, a1), fill=OUTLINE)
        draw.polygon(_ring(k, radius - 6.5, radius + 6.5, a0, a1), fill=fill)
    number_font = _font(round(13 * k), True)
    for entry, x, y in shapes.markers:
        group = entry.group
        _marker(draw, k, group.shape, x, y, 13, group.fill)
        draw.text((k * x, k * y), str(entry.number), fill=group.text, font=number_font, anchor="mm")
    legend_font = _font(round(17 * k), False)
    for group, x, y in shapes.legend:
        _marker(draw, k, group.shape, x + 10, y, 10, group.fill)
        draw.text((k * (x + 28), k * y), group.name, fill=TEXT, font=legend_font, anchor="lm")
    if shapes.band_legend:
        x, y, text = shapes.band_legend
        draw.rectangle(
            (k * x, k * (y - 7), k * (x + 22), k * (y + 7)),
            fill="#ffffff",
            outline=OUTLINE,
            width=round(3 * k),
        )
        draw.text((k * (x + 28), k * y), text, fill=TEXT, font=legend_font, anchor="lm")
    image = image.reduce(SUPERSAMPLE)
    buffer = io.BytesIO()
    image.save(buffer, format="PNG", optimize=True)
    return buffer.getvalue()
