"""Choropleth maps of indicator values per municipality (server-rendered SVG, no JavaScript).

Colours: a five-step sequential blue scale (ColorBrewer "Blues", readable for the common forms of
colour blindness). Colour is never the only carrier: the county map prints each value on its
municipality, municipalities without an answer get a hatch pattern, and a table follows the map.
Text drawn on a fill gets black or white, whichever contrasts at least 4.5:1."""

from dataclasses import dataclass

from django.utils.translation import gettext as _

from samordna.organisations.geo import project_shapes

from .models import Indicator

PALETTE = ["#eff3ff", "#bdd7e7", "#6baed6", "#3182bd", "#08519c"]
NO_DATA_FILL = "url(#no-data)"
DARK_TEXT = "#1b1b1b"
LIGHT_TEXT = "#ffffff"


def _luminance(hex_colour: str) -> float:
    hex_colour = hex_colour.lstrip("#")
    channels = [int(hex_colour[i : i + 2], 16) / 255 for i in (0, 2, 4)]
    linear = [c / 12.92 if c <= 0.03928 else ((c + 0.055) / 1.055) ** 2.4 for c in channels]
    return 0.2126 * linear[0] + 0.7152 * linear[1] + 0.0722 * linear[2]


def contrast_ratio(a: str, b: str) -> float:
    high, low = sorted((_luminance(a), _luminance(b)), reverse=True)
    return (high + 0.05) / (low + 0.05)


def text_colour_on(fill: str) -> str:
    """Black or white text, whichever contrasts more with ``fill`` (always ≥ 4.5:1 here)."""
    if contrast_ratio(fill, DARK_TEXT) >= contrast_ratio(fill, LIGHT_TEXT):
        return DARK_TEXT
    return LIGHT_TEXT


def format_value(indicator: Indicator, value: float | None, *, level: str = "organisation") -> str:
    """A value for people: shares in per cent, yes/no per organisation, decimal comma."""
    if value is None:
        return "–"
    if indicator.kind == Indicator.Kind.YES_NO and level == "organisation":
        return _("Yes") if value >= 1 else _("No")
    if indicator.kind in (Indicator.Kind.SHARE_YES, Indicator.Kind.SHARE_OPTION):
        if level == "organisation":
            return _("Yes") if value >= 50 else _("No")
        return f"{round(value)} %"
    if float(value).is_integer():
        text = f"{int(value):,}".replace(",", "\u00a0")
    else:
        text = f"{value:.1f}".replace(".", ",")
    return f"{text} {indicator.unit}".strip()


@dataclass
class LegendItem:
    fill: str
    label: str
    pattern: bool = False


@dataclass
class MapArea:
    code: str
    name: str
    path: str
    label_x: float
    label_y: float
    fill: str
    text_fill: str
    value_text: str
    has_value: bool


def _classes(indicator: Indicator, values: list[float]) -> tuple[list[tuple], list[LegendItem]]:
    """Class limits [(low, high, fill)] and the legend for the organisations' values."""
    if indicator.kind in (
        Indicator.Kind.SHARE_YES,
        Indicator.Kind.SHARE_OPTION,
        Indicator.Kind.YES_NO,
    ):
        no_fill, yes_fill = PALETTE[1], PALETTE[4]
        threshold = 1 if indicator.kind == Indicator.Kind.YES_NO else 50
        limits = [(float("-inf"), threshold, no_fill), (threshold, float("inf"), yes_fill)]
        return limits, [LegendItem(yes_fill, _("Yes")), LegendItem(no_fill, _("No"))]
    if not values:
        return [], []
    low, high = min(values), max(values)
    if low == high:
        fill = PALETTE[2]
        return [(float("-inf"), float("inf"), fill)], [
            LegendItem(fill, format_value(indicator, low, level="county"))
        ]
    step = (high - low) / len(PALETTE)
    limits, legend = [], []
    for index, fill in enumerate(PALETTE):
        start = low + index * step
        end = low + (index + 1) * step
        limits.append((start, end if index < len(PALETTE) - 1 else float("inf"), fill))
        legend.append(
            LegendItem(
                fill,
                _("%(low)s to %(high)s")
                % {
                    "low": format_value(indicator, start, level="county"),
                    "high": format_value(indicator, end, level="county"),
                },
            )
        )
    return limits, legend


def _fill_for(limits: list[tuple], value: float) -> str:
    for low, high, fill in limits:
        if low <= value < high:
            return fill
    return limits[-1][2]


def choropleth(
    indicator: Indicator,
    municipalities: list,
    values_by_code: dict[str, float | None],
    *,
    width: int = 600,
    labels: bool = True,
) -> dict:
    """Everything the map template needs: areas with fill and label, legend, size."""
    shapes, map_width, map_height = project_shapes(
        [(m.code, m.name, m.boundary) for m in municipalities], width=width
    )
    present = [v for v in values_by_code.values() if v is not None]
    limits, legend = _classes(indicator, present)
    areas = []
    for shape in shapes:
        value = values_by_code.get(shape.key)
        if value is None or not limits:
            fill, text_fill = NO_DATA_FILL, DARK_TEXT
        else:
            fill = _fill_for(limits, value)
            text_fill = text_colour_on(fill)
        areas.append(
            MapArea(
                code=shape.key,
                name=shape.label,
                path=shape.path,
                label_x=shape.label_x,
                label_y=shape.label_y,
                fill=fill,
                text_fill=text_fill,
                value_text=format_value(indicator, value),
                has_value=value is not None,
            )
        )
    legend.append(LegendItem(NO_DATA_FILL, _("No answer"), pattern=True))
    return {
        "areas": areas,
        "legend": legend,
        "width": map_width,
        "height": map_height,
        "labels": labels,
    }
