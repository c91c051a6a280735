"""Bar charts drawn on the server as SVG (`reports/_bar_chart.html`), for the page and the PDF.

No chart library and no script: this module computes the geometry (bars, axis ticks,
labels) from the numbers, the template writes the SVG with `role="img"`, a `<title>` and a
`<desc>` that states every value, and the page shows the same numbers in a data table
beside the chart. Colours differ in lightness as well as hue and each series is named in the
legend, so the chart does not rely on colour alone.
"""

import math
from collections.abc import Sequence
from dataclasses import dataclass, field

from django.utils.translation import gettext as _

from stadtgespraeche.reports.queries import SeasonReport

WIDTH = 640
HEIGHT = 280
LEFT, RIGHT, TOP, BOTTOM = 44, 12, 36, 40
# Dark blue, orange, dark green: distinct in lightness, 4.5:1 or more against white.
COLOURS = ("#1d4f91", "#b34700", "#2e6b30")


@dataclass(frozen=True)
class Bar:
    x: float
    y: float
    width: float
    height: float
    colour: str
    value: float
    label: str  # "series: value" for the tooltip-free SVG text alternative


@dataclass(frozen=True)
class Tick:
    y: float
    label: str


@dataclass(frozen=True)
class CategoryLabel:
    x: float
    label: str


@dataclass(frozen=True)
class LegendEntry:
    x: float
    colour: str
    label: str


@dataclass
class BarChart:
    """A grouped bar chart: one group per category, one bar per series."""

    id: str
    title: str
    description: str
    width: int = WIDTH
    height: int = HEIGHT
    bars: list[Bar] = field(default_factory=list)
    ticks: list[Tick] = field(default_factory=list)
    categories: list[CategoryLabel] = field(default_factory=list)
    legend: list[LegendEntry] = field(default_factory=list)
    plot_left: int = LEFT
    plot_right: int = WIDTH - RIGHT
    baseline: int = HEIGHT - BOTTOM


def _nice_step(maximum: float, ticks: int = 4) -> float:
    """A round step (1, 2, 2.5 or 5 × 10ⁿ) so that about `ticks` steps cover `maximum`."""
    raw = maximum / ticks
    magnitude = 10 ** math.floor(math.log10(raw))
    for factor in (1, 2, 2.5, 5, 10):
        if raw <= factor * magnitude:
            return factor * magnitude
    return 10 * magnitude  # pragma: no cover - the loop always returns


def _format(value: float) -> str:
    if float(value).is_integer():
        return str(int(value))
    return f"{value:.1f}".replace(".", ",")


def bar_chart(
    *,
    id: str,
    title: str,
    description: str,
    categories: Sequence[str],
    series: Sequence[tuple[str, Sequence[float | None]]],
    maximum: float | None = None,
) -> BarChart:
    """The geometry of a grouped bar chart; `None` values draw no bar.

    `description` should name the values (the `<desc>` of the SVG); the data table beside the
    chart is the full text alternative.
    """
    chart = BarChart(id=id, title=title, description=description)
    values = [value for _label, column in series for value in column if value is not None]
    top = maximum if maximum is not None else max(values, default=0)
    # A fixed maximum (a rating scale) gets one tick per unit up to 5 ticks; counts never
    # get fractional ticks.
    step = _nice_step(top, 5 if maximum is not None else 4) if top > 0 else 1
    if all(float(value).is_integer() for value in values):
        step = max(step, 1)
    top = max(step * math.ceil(top / step), step) if top > 0 else step * 4
    plot_height = chart.baseline - TOP
    for index in range(round(top / step) + 1):
        value = index * step
        chart.ticks.append(
            Tick(y=round(chart.baseline - plot_height * value / top, 1), label=_format(value))
        )
    plot_width = chart.plot_right - chart.plot_left
    group_width = plot_width / max(len(categories), 1)
    bar_width = min(group_width * 0.8 / max(len(series), 1), 48)
    for category_index, category in enumerate(categories):
        group_left = chart.plot_left + category_index * group_width
        bars_left = group_left + (group_width - bar_width * len(series)) / 2
        chart.categories.append(
            CategoryLabel(x=round(group_left + group_width / 2, 1), label=category)
        )
        for series_index, (label, column) in enumerate(series):
            value = column[category_index]
            if value is None:
                continue
            height = plot_height * value / top
            chart.bars.append(
                Bar(
                    x=round(bars_left + series_index * bar_width, 1),
                    y=round(chart.baseline - height, 1),
                    width=round(bar_width - 2, 1),
                    height=round(height, 1),
                    colour=COLOURS[series_index % len(COLOURS)],
                    value=value,
                    label=f"{category}, {label}: {_format(value)}",
                )
            )
    for series_index, (label, _column) in enumerate(series):
        chart.legend.append(
            LegendEntry(
                x=chart.plot_left + series_index * 200,
                colour=COLOURS[series_index % len(COLOURS)],
                label=label,
            )
        )
    return chart


def season_charts(report: SeasonReport) -> dict[str, BarChart]:
    """The three charts of the season report, keyed by section."""
    sessions = report.sessions
    categories = [_("No. %(number)s") % {"number": row.event.number} for row in sessions]

    def listing(values: Sequence[object]) -> str:
        return "; ".join(
            f"{category}: {value}" for category, value in zip(categories, values, strict=True)
        )

    registered = [row.registered for row in sessions]
    attended = [row.attended for row in sessions]
    waitlisted = [row.waitlisted for row in sessions]
    municipalities = [row.total_municipalities for row in sessions]
    parties = [row.total_parties for row in sessions]
    averages = [row.feedback_average for row in sessions]
    return {
        "attendance": bar_chart(
            id="chart-attendance",
            title=_("Registrations and attendance per Stadtgespräch"),
            description=_("Registrations: %(registered)s. Attended: %(attended)s.")
            % {"registered": listing(registered), "attended": listing(attended)},
            categories=categories,
            series=[
                (_("Registrations"), registered),
                (_("Attended"), attended),
                (_("Waitlist"), waitlisted),
            ],
        ),
        "reach": bar_chart(
            id="chart-reach",
            title=_("Municipalities and parties reached so far"),
            description=_("Municipalities: %(municipalities)s. Parties: %(parties)s.")
            % {"municipalities": listing(municipalities), "parties": listing(parties)},
            categories=categories,
            series=[(_("Municipalities"), municipalities), (_("Parties"), parties)],
        ),
        "feedback": bar_chart(
            id="chart-feedback",
            title=_("Average feedback rating per Stadtgespräch (1 to 5)"),
            description=_("Average rating: %(averages)s.")
            % {"averages": listing([_format(v) if v is not None else "–" for v in averages])},
            categories=categories,
            series=[(_("Average rating"), averages)],
            maximum=5,
        ),
    }
