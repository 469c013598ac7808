"""Trend chart geometry and the severity/category filters the templates use."""

from __future__ import annotations

from datetime import date

from django.template.defaultfilters import date as date_filter

from clinic.selectors.charts import HEIGHT, LEFT, RIGHT, WIDTH, Limit, Marker, trend_chart
from clinic.selectors.record import RowFlag
from clinic.templatetags.clinic_tags import (
    category_icon,
    day,
    irls,
    row_flags,
    severity_icon,
    severity_label,
)


def test_it_spans_the_dates_from_left_to_right():
    chart = trend_chart(
        [(date(2026, 1, 1), 40.0, True), (date(2026, 7, 1), 90.0, False)],
        [Limit(75.0, "ferritin ≤ 75 µg/L")],
        "µg/L",
    )

    first, last = chart.points
    assert (first.x, last.x) == (LEFT, WIDTH - RIGHT)
    assert first.y > last.y  # a lower value sits lower on the chart
    assert last.y < chart.limits[0].y < first.y  # the threshold lies between the two values
    assert chart.polyline.count(",") == 2


def test_it_keeps_the_threshold_in_view_when_all_values_are_far_from_it():
    chart = trend_chart([(date(2026, 1, 1), 300.0, False)], [Limit(75.0, "limit")], "µg/L")

    assert 0 < chart.limits[0].y < HEIGHT
    assert chart.points[0].x == (LEFT + WIDTH - RIGHT) / 2


def test_it_handles_a_flat_series_without_dividing_by_zero():
    chart = trend_chart([(date(2026, 1, 1), 0.0, False), (date(2026, 2, 1), 0.0, False)], [], "%")

    assert all(0 <= p.y <= HEIGHT for p in chart.points)


def test_it_names_severity_by_word_and_icon():
    assert severity_label("critical") == "Critical"
    assert severity_icon("warning") == "bi-exclamation-triangle-fill"
    assert severity_icon("unknown") == "bi-info-circle-fill"
    assert category_icon("aggravating_drug") == "bi-capsule"


def test_it_shows_an_irls_score_with_its_band():
    assert irls(24) == "24 (severe)"
    assert irls(None) == "—"


def test_it_writes_a_date_as_the_date_filter_does():
    for month in range(1, 13):
        assert day(date(2025, month, 4)) == date_filter(date(2025, month, 4), "j M Y")
    assert day(None) == ""


def test_it_writes_a_rows_flags_escaped_with_the_safer_alternative():
    flags = [
        RowFlag("drug.x", "warning", "Aggravating", "<b>Reglan</b>: Dopamine", ("Domperidone",)),
        RowFlag("cause.y", "critical", "Anemia", "Across the threshold: < 12 g/dL"),
    ]
    html = row_flags(flags)
    assert html.count('<div class="row-flag small sev-') == 2
    assert 'data-finding-code="drug.x"' in html
    assert "&lt;b&gt;Reglan&lt;/b&gt;: Dopamine — safer alternative: Domperidone" in html
    assert '<span class="visually-hidden">Critical:</span>' in html
    assert "&lt; 12 g/dL\n</div>" in html
    assert row_flags([]) == ""


def test_it_writes_each_reading_as_a_titled_point_and_in_the_description():
    readings = [(date(2026, 1, 5), 12.0, True), (date(2026, 6, 1), 90.5, False)]
    chart = trend_chart(readings, [Limit(75, "ferritin < 75 µg/L")], "µg/L")

    svg = str(chart.points_svg)

    assert svg.count("<circle ") == 2
    assert '<circle class="point crosses"' in svg
    assert "<title>5 Jan 2026: 12 µg/L</title>" in svg
    assert "<title>1 Jun 2026: 90.5 µg/L</title>" in svg
    assert chart.readings_text == (
        "5 Jan 2026: 12 µg/L (across the threshold). 1 Jun 2026: 90.5 µg/L."
    )


def test_it_escapes_what_it_writes_into_the_svg():
    chart = trend_chart([(date(2026, 1, 5), 1.0, False)], [], "<b>")

    assert "&lt;b&gt;" in str(chart.points_svg)


def test_it_writes_the_scale_with_ticks_dates_limits_and_markers():
    readings = [(date(2026, 1, 5), 12.0, True), (date(2026, 6, 1), 90.5, False)]
    iron = Marker(date(2026, 3, 1), "Oral iron <started>")
    chart = trend_chart(readings, [Limit(75, "ferritin < 75 µg/L")], "µg/L", [iron])

    svg = str(chart.scale_svg)

    assert svg.count('<line class="axis"') == 2
    assert svg.count('class="tick y-tick"') == len(chart.y_ticks)
    assert 'text-anchor="start">Jan 2026</text>' in svg
    assert 'text-anchor="end">Jun 2026</text>' in svg
    assert f'<line class="threshold" x1="{LEFT}" y1="{chart.limits[0].y:.1f}"' in svg
    assert "<title>ferritin &lt; 75 µg/L</title>" in svg
    assert "<title>Oral iron &lt;started&gt;, 1 Mar 2026</title>" in svg


def test_it_centres_the_date_of_a_single_reading():
    chart = trend_chart([(date(2026, 1, 5), 1.0, False)], [], "<b>")

    svg = str(chart.scale_svg)

    assert 'text-anchor="middle">Jan 2026</text>' in svg
    assert "&lt;b&gt;</text>" in svg
