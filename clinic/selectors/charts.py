"""Lab trend charts: the geometry of a small server-rendered SVG, in the canonical unit."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

WIDTH, HEIGHT = 320, 140
LEFT, RIGHT, TOP, BOTTOM = 44, 12, 12, 24


@dataclass(frozen=True, slots=True)
class Point:
    x: float
    y: float
    day: date
    value: float
    crosses: bool  # across a threshold: drawn filled and named in the table


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
    right_edge: int = WIDTH - RIGHT
    bottom_edge: int = HEIGHT - BOTTOM

    @property
    def polyline(self) -> str:
        return " ".join(f"{p.x:.1f},{p.y:.1f}" for p in self.points)


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
    low, high = min(values), max(values)
    margin = (high - low) * 0.1 or max(abs(high) * 0.1, 1.0)
    low, high = max(low - margin, 0.0) if low >= 0 else low - margin, high + margin
    first, last = readings[0][0], readings[-1][0]
    span_days = (last - first).days or 1

    def x_of(day: date) -> float:
        if first == last:
            return (LEFT + WIDTH - RIGHT) / 2
        return LEFT + (day - first).days / span_days * (WIDTH - LEFT - RIGHT)

    def y_of(value: float) -> float:
        return TOP + (high - value) / (high - low) * (HEIGHT - TOP - BOTTOM)

    points = tuple(Point(x_of(d), y_of(v), d, v, crosses) for d, v, crosses in readings)
    placed = tuple(Limit(lim.value, lim.text, y_of(lim.value), lim.kind) for lim in limits)
    ticks = tuple((y_of(v), f"{v:.4g}") for v in (low, high))
    x_labels: tuple[tuple[float, str], ...] = ((x_of(first), f"{first:%b %Y}"),)
    if first != last:
        x_labels += ((x_of(last), f"{last:%b %Y}"),)
    shown = tuple(Marker(m.day, m.text, x_of(m.day)) for m in markers if first < m.day <= last)
    return Chart(WIDTH, HEIGHT, points, placed, ticks, x_labels, unit, shown)
