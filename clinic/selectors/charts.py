"""Lab trend charts: the geometry of a small server-rendered SVG, in the canonical unit."""

from __future__ import annotations

import math
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date
from html import escape

from django.utils.safestring import SafeString, mark_safe

from clinic.formats import day_text, number_text

WIDTH, HEIGHT = 320, 150
# TOP leaves room for the unit written above the y-axis.
LEFT, RIGHT, TOP, BOTTOM = 44, 12, 22, 24
# Tick steps a reader can count in: 1, 2, 2.5 or 5 times a power of ten.
NICE_STEPS = (1.0, 2.0, 2.5, 5.0, 10.0)
TICKS_WANTED = 4


@dataclass(frozen=True, slots=True)
class Point:
    x: float
    y: float
    day: date
    value: float
    crosses: bool  # across a threshold: drawn filled and named in the table
    label: str = ""  # its date and value in words: the point's title and its description


@dataclass(frozen=True, slots=True)
class Limit:
    """A threshold line: where to draw it and the words that say what it is."""

    value: float
    text: str
    y: float = 0.0
    kind: str = "threshold"  # or "band": a band boundary, drawn quieter than a threshold


@dataclass(frozen=True, slots=True)
class Marker:
    """An event drawn as a vertical line, e.g. the start of iron therapy on the ferritin chart."""

    day: date
    text: str
    x: float = 0.0


@dataclass(frozen=True, slots=True)
class Chart:
    width: int
    height: int
    points: tuple[Point, ...]
    limits: tuple[Limit, ...]
    y_ticks: tuple[tuple[float, str], ...]
    x_labels: tuple[tuple[float, str], ...]
    unit: str
    markers: tuple[Marker, ...] = ()
    left: int = LEFT
    top: int = TOP
    right_edge: int = WIDTH - RIGHT
    bottom_edge: int = HEIGHT - BOTTOM

    @property
    def polyline(self) -> str:
        return " ".join(f"{p.x:.1f},{p.y:.1f}" for p in self.points)

    # The SVG's repeated parts (readings, ticks, limits, markers) are written here rather than
    # looped over in the template: a heavy record's fifteen charts, each number formatted by
    # template filters, cost more than the rest of its record page.

    @property
    def readings_text(self) -> str:
        """Every reading in words, for the chart's description (screen readers)."""
        return " ".join(
            f"{p.label}{' (across the threshold)' if p.crosses else ''}." for p in self.points
        )

    @property
    def points_svg(self) -> SafeString:
        """A circle per reading, each titled with its date and value."""
        return _svg_join(
            "",
            '<circle class="{}" cx="{}" cy="{}" r="3.5"><title>{}</title></circle>',
            (
                (
                    "point crosses" if p.crosses else "point",
                    f"{p.x:.1f}",
                    f"{p.y:.1f}",
                    p.label,
                )
                for p in self.points
            ),
        )

    @property
    def scale_svg(self) -> SafeString:
        """The axes, the unit, the value ticks, the first and last dates, limits and markers."""
        left, right, bottom = self.left, self.right_edge, self.bottom_edge
        last = len(self.x_labels) - 1
        lines = [
            _svg_join(
                "\n  ",
                '<line class="axis" x1="{}" y1="{}" x2="{}" y2="{}"/>',
                [(left, bottom, right, bottom), (left, self.top, left, bottom)],
            ),
            _svg_join(
                "",
                '<text class="unit" x="{}" y="10" text-anchor="start">{}</text>',
                [(left - 4, self.unit)],
            ),
            _svg_join(
                "",
                '<line class="grid" x1="{}" y1="{}" x2="{}" y2="{}"/><text class="tick y-tick" '
                'x="{}" y="{}" text-anchor="end" dominant-baseline="middle">{}</text>',
                (
                    (left - 3, _px(y), right, _px(y), left - 5, _px(y), text)
                    for y, text in self.y_ticks
                ),
            ),
            _svg_join(
                "",
                '<text class="tick" x="{}" y="{}" text-anchor="{}">{}</text>',
                (
                    (_px(x), self.height - 6, _anchor(i, last), text)
                    for i, (x, text) in enumerate(self.x_labels)
                ),
            ),
            _svg_join(
                "",
                '<line class="{}" x1="{}" y1="{}" x2="{}" y2="{}"><title>{}</title></line>',
                ((lim.kind, left, _px(lim.y), right, _px(lim.y), lim.text) for lim in self.limits),
            ),
            _svg_join(
                "",
                '<line class="marker" x1="{}" y1="8" x2="{}" y2="{}"><title>{}, {}</title></line>',
                ((_px(m.x), _px(m.x), bottom, m.text, day_text(m.day)) for m in self.markers),
            ),
        ]
        return mark_safe("\n  ".join(lines))  # each line is escaped by _svg_join


def trend_chart(
    readings: list[tuple[date, float, bool]],
    limits: list[Limit],
    unit: str,
    markers: list[Marker] | tuple[Marker, ...] = (),
) -> Chart:
    """Lay out readings (date, canonical value, crosses a limit) oldest first, with limit lines.

    Markers are drawn where they fall between the first and the last reading; one outside that
    span would have no readings on one side to compare with.
    """
    values = [v for _, v, _ in readings] + [limit.value for limit in limits]
    tick_values = axis_ticks(min(values), max(values))
    low, high = tick_values[0], tick_values[-1]
    first, last = readings[0][0], readings[-1][0]
    span_days = (last - first).days or 1

    def x_of(day: date) -> float:
        if first == last:
            return (LEFT + WIDTH - RIGHT) / 2
        return LEFT + (day - first).days / span_days * (WIDTH - LEFT - RIGHT)

    def y_of(value: float) -> float:
        return TOP + (high - value) / (high - low) * (HEIGHT - TOP - BOTTOM)

    points = tuple(
        Point(x_of(d), y_of(v), d, v, crosses, f"{day_text(d)}: {number_text(v)} {unit}")
        for d, v, crosses in readings
    )
    placed = tuple(Limit(lim.value, lim.text, y_of(lim.value), lim.kind) for lim in limits)
    ticks = tuple((y_of(v), number_text(round(v, 6))) for v in tick_values)
    x_labels: tuple[tuple[float, str], ...] = ((x_of(first), f"{first:%b %Y}"),)
    if first != last:
        x_labels += ((x_of(last), f"{last:%b %Y}"),)
    shown = tuple(Marker(m.day, m.text, x_of(m.day)) for m in markers if first < m.day <= last)
    return Chart(WIDTH, HEIGHT, points, placed, ticks, x_labels, unit, shown)


def _svg_join(separator: str, pattern: str, rows: Iterable[tuple[object, ...]]) -> SafeString:
    """Like `format_html_join`, every value escaped, for values that are never lazy or safe.

    Django's version checks each value for lazy and safe strings; for a heavy record's
    hundreds of readings those checks cost more than the formatting.
    """
    return mark_safe(
        separator.join(pattern.format(*(escape(str(value)) for value in row)) for row in rows)
    )


def _anchor(index: int, last: int) -> str:
    """Where a date label hangs from its point: the first and last inward, a lone one centred."""
    if index == 0 < last:
        return "start"
    return "end" if index == last > 0 else "middle"


def _px(coordinate: float) -> str:
    """Write an SVG coordinate to a tenth of a pixel."""
    return f"{coordinate:.1f}"


def axis_ticks(low: float, high: float) -> list[float]:
    """Return round tick values covering low..high, from zero up when no value is negative."""
    if high == low:
        pad = max(abs(high) * 0.1, 1.0)
        low, high = low - pad if low - pad >= 0 or low < 0 else 0.0, high + pad
    step = _nice_step((high - low) / TICKS_WANTED)
    start = math.floor(low / step) * step
    if low >= 0 > start:
        start = 0.0
    count = math.ceil(round((high - start) / step, 6))
    return [round(start + i * step, 9) for i in range(count + 1)]


def _nice_step(raw: float) -> float:
    magnitude = 10 ** math.floor(math.log10(raw))
    return next(s * magnitude for s in NICE_STEPS if s * magnitude >= raw * (1 - 1e-9))
