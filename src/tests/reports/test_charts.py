"""Server-drawn bar charts: geometry from the numbers, round axis steps, missing values."""

import pytest

from stadtgespraeche.reports.charts import COLOURS, _nice_step, bar_chart

pytestmark = pytest.mark.unit


@pytest.mark.parametrize(
    ("maximum", "step"), [(4, 1), (5, 2), (7, 2), (10, 2.5), (37, 10), (180, 50), (0.9, 0.25)]
)
def test_nice_step_is_round(maximum, step):
    assert _nice_step(maximum) == step


def test_bar_chart_heights_follow_the_values():
    chart = bar_chart(
        id="c",
        title="T",
        description="D",
        categories=["Nr. 1", "Nr. 2"],
        series=[("Anmeldungen", [8, 4]), ("Teilnahmen", [6, None])],
    )

    plot_height = chart.baseline - chart.ticks[-1].y
    assert [tick.label for tick in chart.ticks] == ["0", "2", "4", "6", "8"]
    assert len(chart.bars) == 3  # the missing value draws no bar
    first, second, third = chart.bars
    assert first.height == pytest.approx(plot_height)
    assert second.height == pytest.approx(plot_height * 6 / 8, abs=0.1)
    assert third.height == pytest.approx(plot_height / 2, abs=0.1)
    assert first.y + first.height == pytest.approx(chart.baseline)
    assert (first.colour, second.colour) == COLOURS[:2]
    assert second.label == "Nr. 1, Teilnahmen: 6"
    assert [label.label for label in chart.categories] == ["Nr. 1", "Nr. 2"]
    assert [entry.label for entry in chart.legend] == ["Anmeldungen", "Teilnahmen"]
    assert all(chart.plot_left <= bar.x <= chart.plot_right for bar in chart.bars)


def test_bar_chart_with_fixed_maximum_and_decimal_labels():
    chart = bar_chart(
        id="c", title="T", description="D", categories=["a"], series=[("Ø", [4.5])], maximum=5
    )

    assert chart.ticks[-1].label == "5"
    assert chart.bars[0].label == "a, Ø: 4,5"
    assert chart.bars[0].height == pytest.approx(
        (chart.baseline - chart.ticks[-1].y) * 0.9, abs=0.1
    )


def test_bar_chart_without_values_has_an_axis_and_no_bars():
    chart = bar_chart(id="c", title="T", description="D", categories=[], series=[("x", [])])

    assert chart.bars == []
    assert chart.ticks[0].label == "0"
    assert len(chart.ticks) >= 2


def test_bar_chart_of_small_counts_has_whole_number_ticks():
    chart = bar_chart(id="c", title="T", description="D", categories=["a"], series=[("n", [1])])

    assert [tick.label for tick in chart.ticks] == ["0", "1"]
