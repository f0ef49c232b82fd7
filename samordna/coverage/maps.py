"""Server-rendered coverage maps and the progress chart (SVG, no JavaScript).

The maps reuse the municipalities' projection (``organisations.geo``) and the survey maps'
colour scale and contrast rule. Colour is never the only carrier: the county map prints the share
on each municipality, municipalities without goals get a hatch pattern, and a table follows."""

from dataclasses import dataclass

from django.utils.translation import gettext as _

from samordna.organisations.geo import project_shapes
from samordna.surveys.maps import DARK_TEXT, NO_DATA_FILL, PALETTE, LegendItem, text_colour_on

# Share of goals met, in per cent: five classes, the last one only for "all met".
SHARE_CLASSES = [(0, 25), (25, 50), (50, 75), (75, 100), (100, 101)]


@dataclass
class CoverageArea:
    code: str
    name: str
    path: str
    label_x: float
    label_y: float
    fill: str
    text_fill: str
    value_text: str
    has_value: bool
    url: str


def format_share(value: float | None, *, binary: bool = False) -> str:
    if value is None:
        return "–"
    if binary:
        return _("Completed") if value >= 100 else _("Not completed")
    return f"{round(value)}\u00a0%"


def _fill(value: float) -> str:
    for (low, high), fill in zip(SHARE_CLASSES, PALETTE, strict=True):
        if low <= value < high:
            return fill
    return PALETTE[-1]


def legend(*, binary: bool) -> list[LegendItem]:
    if binary:
        items = [
            LegendItem(PALETTE[-1], _("Completed")),
            LegendItem(PALETTE[0], _("Not completed")),
        ]
    else:
        items = [
            LegendItem(PALETTE[0], _("Less than 25 %")),
            LegendItem(PALETTE[1], _("25 to 49 %")),
            LegendItem(PALETTE[2], _("50 to 74 %")),
            LegendItem(PALETTE[3], _("75 to 99 %")),
            LegendItem(PALETTE[4], _("All goals met (100 %)")),
        ]
    items.append(LegendItem(NO_DATA_FILL, _("No goals"), pattern=True))
    return items


def coverage_map(
    municipalities,
    values_by_code: dict[str, float | None],
    *,
    width: int = 600,
    labels: bool = True,
    binary: bool = False,
    urls: dict[str, str] | None = None,
) -> dict:
    """Everything the map template needs: areas with fill, label and link, the legend, size."""
    shapes, map_width, map_height = project_shapes(
        [(m.code, m.name, m.boundary) for m in municipalities], width=width
    )
    urls = urls or {}
    areas = []
    for shape in shapes:
        value = values_by_code.get(shape.key)
        if value is None:
            fill, text_fill = NO_DATA_FILL, DARK_TEXT
        else:
            fill = (
                PALETTE[-1] if binary and value >= 100 else PALETTE[0] if binary else _fill(value)
            )
            text_fill = text_colour_on(fill)
        areas.append(
            CoverageArea(
                code=shape.key,
                name=shape.label,
                path=shape.path,
                label_x=shape.label_x,
                label_y=shape.label_y,
                fill=fill,
                text_fill=text_fill,
                value_text=format_share(value, binary=binary),
                has_value=value is not None,
                url=urls.get(shape.key, ""),
            )
        )
    return {
        "areas": areas,
        "legend": legend(binary=binary),
        "width": map_width,
        "height": map_height,
        "labels": labels,
    }


# --- progress chart --------------------------------------------------------------------------

# Lines differ by dash pattern and marker shape as well as colour, and each line is labelled.
LINE_STYLES = [
    ("#08519c", "", "circle"),
    ("#a63603", "6 3", "square"),
    ("#006d2c", "2 3", "diamond"),
    ("#54278f", "10 3 2 3", "circle"),
    ("#252525", "1 2", "square"),
]


@dataclass
class ChartLine:
    label: str
    colour: str
    dash: str
    marker: str
    path: str
    points: list[dict]  # x, y, corner_x, corner_y (square markers), text


def progress_chart(years: list[int], series, *, width: int = 640, height: int = 300) -> dict:
    """A line chart of the share of organisations that have met each goal, per year."""
    left, right, top, bottom = 48, 16, 16, 40
    plot_w, plot_h = width - left - right, height - top - bottom
    step = plot_w / max(len(years) - 1, 1)

    def x_of(index: int) -> float:
        return round(left + index * step, 1)

    def y_of(share: float) -> float:
        return round(top + plot_h * (1 - share / 100), 1)

    lines = []
    for index, one in enumerate(series):
        colour, dash, marker = LINE_STYLES[index % len(LINE_STYLES)]
        points = []
        for i, value in enumerate(one.values):
            share = 100 * value / one.total if one.total else 0
            x, y = x_of(i), y_of(share)
            points.append(
                {
                    # Strings: the template must not localise coordinates ("45,3").
                    "x": f"{x:.1f}",
                    "y": f"{y:.1f}",
                    "corner_x": f"{x - 4:.1f}",
                    "corner_y": f"{y - 4:.1f}",
                    "label_x": f"{x - 8:.1f}",
                    "label_y": f"{y - 10:.1f}",
                    "text": f"{value}/{one.total}",
                }
            )
        path = "M" + " L".join(f"{p['x']},{p['y']}" for p in points) if points else ""
        lines.append(
            ChartLine(
                label=f"{index + 1}. {one.goal.short_label}",
                colour=colour,
                dash=dash,
                marker=marker,
                path=path,
                points=points,
            )
        )
    grid = [(f"{y_of(share):.1f}", f"{share}\u00a0%") for share in (0, 25, 50, 75, 100)]
    ticks = [(f"{x_of(i):.1f}", str(year)) for i, year in enumerate(years)]
    return {
        "width": str(width),
        "height": str(height),
        "left": str(left),
        "grid_label_x": str(left - 6),
        "right": str(width - right),
        "tick_y": str(top + plot_h + 20),
        "grid": grid,
        "ticks": ticks,
        "lines": lines,
    }
