"""The annual wheel (årshjul): a server-rendered SVG of the twelve months with the plan's
activities by month and campaign periods as arcs, coloured by area (Okabe–Ito palette, plus a
shape per area so colour is never the only carrier), and the same items as a list."""

import calendar
import datetime
import math
from dataclasses import dataclass, field

from django.utils.dates import MONTHS_3
from django.utils.html import escape
from django.utils.safestring import SafeString, mark_safe
from django.utils.text import capfirst
from django.utils.translation import gettext as _

from .models import ActionPlan, Activity
from .selectors import activity_months

# Okabe & Ito (2008), colour-blind safe; text colour chosen for ≥ 4.5:1 contrast on each.
PALETTE = [
    ("#0072B2", "#ffffff"),
    ("#E69F00", "#000000"),
    ("#009E73", "#000000"),
    ("#D55E00", "#000000"),
    ("#56B4E9", "#000000"),
    ("#CC79A7", "#000000"),
    ("#F0E442", "#000000"),
    ("#000000", "#ffffff"),
]
SHAPES = ["circle", "square", "diamond", "hexagon"]
OUTLINE = "#222222"
CAMPAIGN_KINDS = {Activity.ItemKind.CAMPAIGN, Activity.ItemKind.CAMPAIGN_WEEK}

SIZE = 800
CX = CY = 400
R_OUTER = 392
R_MONTH_INNER = 318
LANE_START = 304
LANE_STEP = 24
MARKER = 13
LEGEND_TOP = 812
LEGEND_ROW = 30


@dataclass
class Group:
    name: str
    fill: str
    text: str
    shape: str


@dataclass
class Entry:
    """One item on the wheel and in its list alternative."""

    number: int
    title: str
    group: Group
    months: list[int]
    # Arcs as ((month, fraction), (month, fraction)) pairs, one per run of months.
    spans: list = field(default_factory=list)
    period: str = ""
    is_period: bool = False
    lane: int = 0
    detail: str = ""
    extra: dict = field(default_factory=dict)


@dataclass
class Wheel:
    svg: SafeString
    entries: list[Entry]
    unplaced: list[Entry]
    groups: list[Group]
    year: int
    layout: "Layout | None" = None


def _month_name(month: int) -> str:
    return capfirst(str(MONTHS_3[month]))


def _runs(months: list[int]) -> list[tuple[int, int]]:
    """Consecutive months as (first, last) pairs: [2, 3, 6, 8] → [(2, 3), (6, 6), (8, 8)]."""
    runs: list[tuple[int, int]] = []
    for month in sorted(set(months)):
        if runs and month == runs[-1][1] + 1:
            runs[-1] = (runs[-1][0], month)
        else:
            runs.append((month, month))
    return runs


def _months_label(months: list[int]) -> str:
    return ", ".join(
        _month_name(a) if a == b else f"{_month_name(a)}\u2013{_month_name(b)}"
        for a, b in _runs(months)
    )


def _point(radius: float, angle: float) -> tuple[float, float]:
    theta = math.radians(angle)
    return CX + radius * math.sin(theta), CY - radius * math.cos(theta)


def _angle(month: int, fraction: float = 0.0) -> float:
    return (month - 1 + fraction) * 30.0


def _fmt(value: float) -> str:
    return f"{value:.1f}"


def _date_position(value: datetime.date, year: int, *, end: bool) -> tuple[int, float]:
    if value.year < year:
        return (1, 0.0)
    if value.year > year:
        return (12, 1.0)
    days = calendar.monthrange(value.year, value.month)[1]
    return (value.month, (value.day - (0 if end else 1)) / days)


def _campaign_periods(plan: ActionPlan):
    """Campaign periods from the campaigns module when it offers them."""
    try:
        from samordna.campaigns.selectors import campaign_periods_for_wheel
    except (ImportError, AttributeError):
        return []
    return list(campaign_periods_for_wheel(county=plan.county, year=plan.year))


def build_wheel(plan: ActionPlan, *, id_prefix: str = "arshjul") -> Wheel:
    """The wheel for a plan whose areas and activities are prefetched."""
    areas = list(plan.areas.all())
    groups: dict[int, Group] = {}
    for index, area in enumerate(areas):
        fill, text = PALETTE[index % len(PALETTE)]
        groups[area.pk] = Group(area.name, fill, text, SHAPES[index % len(SHAPES)])
    entries: list[Entry] = []
    unplaced: list[Entry] = []
    campaign_titles = set()
    number = 0
    for area in areas:
        for activity in area.activities.all():
            months = activity_months(activity, plan.year)
            number += 1
            entry = Entry(
                number=number,
                title=activity.title.splitlines()[0],
                group=groups[area.pk],
                months=months,
                period=_months_label(months),
                detail=activity.get_kind_display(),
            )
            if not months:
                entry.period = _("Whole year / not placed")
                unplaced.append(entry)
                continue
            if activity.kind in CAMPAIGN_KINDS:
                entry.is_period = True
                campaign_titles.add(activity.title.strip().lower())
                if activity.start_date and not activity.months:
                    entry.spans = [
                        (
                            _date_position(activity.start_date, plan.year, end=False),
                            _date_position(
                                activity.end_date or activity.start_date, plan.year, end=True
                            ),
                        )
                    ]
                else:
                    entry.spans = [((a, 0.0), (b, 1.0)) for a, b in _runs(months)]
            entries.append(entry)
    periods = [p for p in _campaign_periods(plan) if p.title.strip().lower() not in campaign_titles]
    if periods:
        fill, text = PALETTE[len(areas) % len(PALETTE)]
        campaign_group = Group(_("Campaign period"), fill, text, SHAPES[len(areas) % len(SHAPES)])
        groups[-1] = campaign_group
        for period in periods:
            start, end = period.start_date, period.end_date or period.start_date
            if end.year < plan.year or start.year > plan.year:
                continue
            number += 1
            first = start.month if start.year == plan.year else 1
            last = end.month if end.year == plan.year else 12
            entries.append(
                Entry(
                    number=number,
                    title=period.title,
                    group=campaign_group,
                    months=list(range(first, last + 1)),
                    spans=[
                        (
                            _date_position(start, plan.year, end=False),
                            _date_position(end, plan.year, end=True),
                        )
                    ],
                    period=f"{start:%Y-%m-%d}\u2013{end:%Y-%m-%d}",
                    is_period=True,
                    detail=_("Campaign period"),
                )
            )
    _assign_lanes(entries)
    shapes = layout(plan, entries, list(groups.values()))
    return Wheel(
        svg=_render(shapes, id_prefix),
        entries=entries,
        unplaced=unplaced,
        groups=list(groups.values()),
        year=plan.year,
        layout=shapes,
    )


def _overlaps(a: list, b: list) -> bool:
    return any(
        _angle(*s0) < _angle(*e1) + 2 and _angle(*s1) < _angle(*e0) + 2
        for s0, e0 in a
        for s1, e1 in b
    )


def _assign_lanes(entries: list[Entry]) -> None:
    """Campaign bands share a lane unless they overlap in time."""
    lanes: list[list] = []
    periods = [e for e in entries if e.is_period and e.spans]
    for entry in sorted(periods, key=lambda e: _angle(*e.spans[0][0])):
        for index, lane in enumerate(lanes):
            if not _overlaps(lane, entry.spans):
                lane.extend(entry.spans)
                entry.lane = index
                break
        else:
            lanes.append(list(entry.spans))
            entry.lane = len(lanes) - 1


def polygon(shape: str, x: float, y: float, size: float) -> list[tuple[float, float]]:
    """Corners of a diamond or hexagon marker centred on (x, y)."""
    corners = 4 if shape == "diamond" else 6
    s = size * (1.2 if shape == "diamond" else 1.08)
    return [
        (
            x + s * math.sin(2 * math.pi * k / corners),
            y - s * math.cos(2 * math.pi * k / corners),
        )
        for k in range(corners)
    ]


def _shape(shape: str, x: float, y: float, size: float, fill: str) -> str:
    common = f'fill="{fill}" stroke="{OUTLINE}" stroke-width="1.5"'
    if shape == "square":
        s = size * 0.9
        return (
            f'<rect x="{_fmt(x - s)}" y="{_fmt(y - s)}" width="{_fmt(2 * s)}" '
            f'height="{_fmt(2 * s)}" rx="3" {common}/>'
        )
    if shape in ("diamond", "hexagon"):
        points = " ".join(f"{_fmt(px)},{_fmt(py)}" for px, py in polygon(shape, x, y, size))
        return f'<polygon points="{points}" {common}/>'
    return f'<circle cx="{_fmt(x)}" cy="{_fmt(y)}" r="{_fmt(size)}" {common}/>'


def _marker(entry: Entry, x: float, y: float) -> str:
    group = entry.group
    return (
        f"<g>{_shape(group.shape, x, y, MARKER, group.fill)}"
        f'<text x="{_fmt(x)}" y="{_fmt(y + 4.5)}" text-anchor="middle" font-size="13" '
        f'font-weight="700" fill="{group.text}">{entry.number}</text></g>'
    )


def _sector(r_in: float, r_out: float, a0: float, a1: float, fill: str) -> str:
    x0, y0 = _point(r_out, a0)
    x1, y1 = _point(r_out, a1)
    x2, y2 = _point(r_in, a1)
    x3, y3 = _point(r_in, a0)
    return (
        f'<path d="M{_fmt(x0)},{_fmt(y0)} A{r_out},{r_out} 0 0 1 {_fmt(x1)},{_fmt(y1)} '
        f'L{_fmt(x2)},{_fmt(y2)} A{r_in},{r_in} 0 0 0 {_fmt(x3)},{_fmt(y3)} Z" fill="{fill}" '
        f'stroke="#ffffff" stroke-width="2"/>'
    )


def _arc(radius: float, a0: float, a1: float) -> str:
    span = max(a1 - a0, 1.0)
    if span >= 359.9:
        a1 = a0 + 359.9
    x0, y0 = _point(radius, a0)
    x1, y1 = _point(radius, a1)
    large = 1 if span > 180 else 0
    return f"M{_fmt(x0)},{_fmt(y0)} A{radius},{radius} 0 {large} 1 {_fmt(x1)},{_fmt(y1)}"


def _slots(r_start: float) -> list[tuple[float, float]]:
    """Marker positions (radius, angle offset within the 30° sector) from outside in."""
    slots = []
    radius = r_start
    while radius > 60:
        arc = radius * math.pi / 6
        count = max(1, int((arc - 4) // (2 * MARKER + 5)))
        slots.extend((radius, 30.0 * (k + 0.5) / count) for k in range(count))
        radius -= 2 * MARKER + 5
    return slots


@dataclass
class Label:
    """Text centred on (x, y); ``dy`` moves the SVG baseline so the text looks centred."""

    x: float
    y: float
    text: str
    size: int
    dy: float
    bold: bool = True


@dataclass
class Layout:
    """The wheel's geometry in the 800-wide SVG user space, shared by the SVG and PNG."""

    width: int
    height: int
    title: str
    description: str
    # (inner radius, outer radius, start angle, end angle, fill), angles clockwise from 12.
    sectors: list = field(default_factory=list)
    # (radius, start angle, end angle, fill) of campaign bands.
    bands: list = field(default_factory=list)
    # (entry, x, y) numbered markers, drawn after every band.
    markers: list = field(default_factory=list)
    labels: list[Label] = field(default_factory=list)
    # (group, x, y): the shape at (x + 10, y), the name from x + 28.
    legend: list = field(default_factory=list)
    # (x, y, text) of the band's legend row, if any band is drawn.
    band_legend: tuple | None = None


def layout(plan: ActionPlan, entries: list[Entry], groups: list[Group]) -> Layout:
    lane_count = max((e.lane + 1 for e in entries if e.is_period), default=0)
    marker_start = LANE_START - lane_count * LANE_STEP - MARKER - 4
    legend_rows = math.ceil(len(groups) / 2) + (1 if lane_count else 0)
    result = Layout(
        width=SIZE,
        height=LEGEND_TOP + legend_rows * LEGEND_ROW + 10,
        title=_("Annual wheel %(year)s: %(plan)s") % {"year": plan.year, "plan": plan.title},
        description=_(
            "The twelve months of %(year)s with %(count)s planned items placed by month and "
            "coloured by area. The same items are listed in the table next to the wheel."
        )
        % {"year": plan.year, "count": len(entries)},
    )
    for month in range(1, 13):
        a0, a1 = _angle(month), _angle(month + 1)
        result.sectors.append(
            (R_MONTH_INNER, R_OUTER, a0, a1, "#e8e8e8" if month % 2 else "#d4d4d4")
        )
        result.sectors.append((60, R_MONTH_INNER, a0, a1, "#f7f7f7" if month % 2 else "#efefef"))
        x, y = _point((R_OUTER + R_MONTH_INNER) / 2, (a0 + a1) / 2)
        result.labels.append(Label(x, y, _month_name(month), 21, 7))
    result.labels.append(Label(CX, CY, str(plan.year), 30, 10))
    # Campaign periods as arcs in lanes just inside the month ring; their numbers are drawn
    # after all arcs so that no arc covers a number.
    for entry in entries:
        if not entry.is_period:
            continue
        radius = LANE_START - entry.lane * LANE_STEP
        for start, end in entry.spans:
            a0, a1 = _angle(*start), _angle(*end)
            result.bands.append((radius, a0, a1, entry.group.fill))
            result.markers.append((entry, *_point(radius, a0 + min(8.0, (a1 - a0) / 2))))
    # Other items as numbered markers in each of their months.
    slots = _slots(marker_start)
    for month in range(1, 13):
        in_month = [e for e in entries if not e.is_period and month in e.months]
        shown = in_month if len(in_month) <= len(slots) else in_month[: len(slots) - 1]
        for entry, (radius, offset) in zip(shown, slots, strict=False):
            result.markers.append((entry, *_point(radius, _angle(month) + offset)))
        if len(shown) < len(in_month):
            radius, offset = slots[len(shown)]
            x, y = _point(radius, _angle(month) + offset)
            result.labels.append(Label(x, y, f"+{len(in_month) - len(shown)}", 14, 5))
    # Legend: area colour and shape, and the campaign arc.
    for index, group in enumerate(groups):
        column, row = index % 2, index // 2
        result.legend.append((group, 30 + column * 390, LEGEND_TOP + row * LEGEND_ROW))
    if lane_count:
        result.band_legend = (
            30,
            LEGEND_TOP + math.ceil(len(groups) / 2) * LEGEND_ROW,
            _("Band: campaign or period over several months"),
        )
    return result


def _render(shapes: Layout, prefix: str) -> SafeString:
    width, height = shapes.width, shapes.height
    parts = [
        f'<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 {width} {height}" '
        f'width="{width}" height="{height}" role="img" class="plan-wheel" '
        f'aria-labelledby="{prefix}-title {prefix}-desc" font-family="sans-serif">',
        f'<title id="{prefix}-title">{escape(shapes.title)}</title>',
        f'<desc id="{prefix}-desc">{escape(shapes.description)}</desc>',
        f'<rect x="0" y="0" width="{width}" height="{height}" fill="#ffffff"/>',
    ]
    parts.extend(_sector(*sector) for sector in shapes.sectors)
    parts.extend(
        f'<text x="{_fmt(label.x)}" y="{_fmt(label.y + label.dy)}" text-anchor="middle" '
        f'font-size="{label.size}" font-weight="700" fill="#1a1a1a">'
        f"{escape(label.text)}</text>"
        for label in shapes.labels
    )
    for radius, a0, a1, fill in shapes.bands:
        d = _arc(radius, a0, a1)
        parts.append(
            f'<path d="{d}" fill="none" stroke="{OUTLINE}" stroke-width="17" '
            f'stroke-linecap="butt"/>'
            f'<path d="{d}" fill="none" stroke="{fill}" stroke-width="13" '
            f'stroke-linecap="butt"/>'
        )
    parts.extend(_marker(entry, x, y) for entry, x, y in shapes.markers)
    for group, x, y in shapes.legend:
        parts.append(_shape(group.shape, x + 10, y, 10, group.fill))
        parts.append(
            f'<text x="{x + 28}" y="{y + 6}" font-size="17" fill="#1a1a1a">'
            f"{escape(group.name)}</text>"
        )
    if shapes.band_legend:
        x, y, text = shapes.band_legend
        parts.append(
            f'<rect x="{x}" y="{y - 7}" width="22" height="14" fill="#ffffff" '
            f'stroke="{OUTLINE}" stroke-width="3"/>'
            f'<text x="{x + 28}" y="{y + 6}" font-size="17" fill="#1a1a1a">'
            f"{escape(text)}</text>"
        )
    parts.append("</svg>")
    return mark_safe("".join(parts))  # noqa: S308 - every text part is escaped above
