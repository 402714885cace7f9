"""Bar charts drawn on the server: this module computes the geometry, the template
`partials/chart.html` draws it as inline SVG (no script, nothing the Content-Security-Policy
blocks) beside a table with the same figures for screen readers and for copying.

One kind of chart serves every use: stacked bars (a single series is a plain bar chart)."""

from collections.abc import Sequence
from dataclasses import dataclass
from math import ceil, log10

# Sober colours from the palette, each at least 3:1 against white (WCAG 1.4.11).
PALETTE = ("#691c32", "#1e5b4f", "#285c8f", "#8a5a19", "#6f3c8f", "#545454")

WIDTH = 640
HEIGHT = 220
LEFT = 48  # room for the value axis labels
BOTTOM = 28  # room for the category labels
TOP = 8
TICKS = 4
MAX_CATEGORY_LABELS = 12


@dataclass(frozen=True)
class Series:
    label: str
    values: list[int]
    colour: str = ""


@dataclass(frozen=True)
class Bar:
    x: float
    y: float
    width: float
    height: float
    colour: str
    title: str


@dataclass(frozen=True)
class Tick:
    y: float
    label: str


@dataclass(frozen=True)
class CategoryLabel:
    x: float
    text: str


@dataclass(frozen=True)
class TableRow:
    category: str
    values: list[int]
    total: int


@dataclass(frozen=True)
class Chart:
    slug: str  # unique in the page, for ids
    title: str
    category_heading: str
    series: list[Series]
    bars: list[Bar]
    ticks: list[Tick]
    labels: list[CategoryLabel]
    rows: list[TableRow]
    width: int = WIDTH
    height: int = HEIGHT
    left: int = LEFT
    baseline: int = HEIGHT - BOTTOM

    @property
    def is_empty(self) -> bool:
        return not any(row.total for row in self.rows)

    @property
    def has_legend(self) -> bool:
        return len(self.series) > 1


def nice_ceiling(value: int) -> int:
    """The smallest 1, 2 or 5 times a power of ten, at least `value` (and at least 1), so ticks read well."""
    if value <= 1:
        return 1
    magnitude = 10 ** int(log10(value))
    for step in (1, 2, 5, 10):
        if step * magnitude >= value:
            return step * magnitude
    return 10 * magnitude  # unreachable: 10 * magnitude > value always


def stacked_bars(
    *,
    slug: str,
    title: str,
    category_heading: str,
    categories: Sequence[str],
    series: Sequence[Series],
) -> Chart:
    """Bars per category, the series stacked bottom-up in the order given."""
    coloured = [
        Series(s.label, list(s.values), s.colour or PALETTE[i % len(PALETTE)])
        for i, s in enumerate(series)
    ]
    totals = [sum(s.values[i] for s in coloured) for i in range(len(categories))]
    top = nice_ceiling(max(totals, default=0))
    plot_height = HEIGHT - BOTTOM - TOP
    slot = (WIDTH - LEFT) / max(len(categories), 1)
    bar_width = slot * 0.7
    bars: list[Bar] = []
    for index, category in enumerate(categories):
        x = LEFT + index * slot + (slot - bar_width) / 2
        stacked = 0
        for s in coloured:
            value = s.values[index]
            if not value:
                continue
            height = plot_height * value / top
            y = HEIGHT - BOTTOM - plot_height * (stacked + value) / top
            label = (
                f"{category} · {s.label}: {value}" if len(coloured) > 1 else f"{category}: {value}"
            )
            bars.append(Bar(x, y, bar_width, height, s.colour, label))
            stacked += value
    step = ceil(len(categories) / MAX_CATEGORY_LABELS) or 1
    labels = [
        CategoryLabel(LEFT + index * slot + slot / 2, category)
        for index, category in enumerate(categories)
        if index % step == 0
    ]
    ticks = [
        Tick(HEIGHT - BOTTOM - plot_height * n / TICKS, _number(top * n // TICKS))
        for n in range(TICKS + 1)
    ]
    rows = [
        TableRow(category, [s.values[i] for s in coloured], totals[i])
        for i, category in enumerate(categories)
    ]
    return Chart(slug, title, category_heading, coloured, bars, ticks, labels, rows)


def _number(value: int) -> str:
    return f"{value:,}".replace(",", "\u202f")
