from amparo.core.charts import HEIGHT, Series, nice_ceiling, stacked_bars


def test_the_axis_top_is_a_round_number_at_least_the_largest_bar() -> None:
    assert [nice_ceiling(n) for n in (0, 1, 3, 10, 11, 140, 201, 5000)] == [
        1, 1, 5, 10, 20, 200, 500, 5000,
    ]  # fmt: skip


def test_series_stack_bottom_up_and_the_table_keeps_every_figure() -> None:
    chart = stacked_bars(
        slug="t",
        title="Casos",
        category_heading="Mes",
        categories=["ene", "feb"],
        series=[Series("Penal", [10, 0]), Series("Laboral", [10, 5])],
    )

    penal, laboral_jan, laboral_feb = chart.bars  # a zero draws no bar
    assert penal.y + penal.height == HEIGHT - 28  # on the baseline
    assert laboral_jan.y + laboral_jan.height == penal.y  # on top of penal
    assert penal.height == laboral_jan.height == 2 * laboral_feb.height
    assert laboral_jan.title == "ene · Laboral: 10"
    assert penal.colour != laboral_jan.colour
    assert [(row.category, row.values, row.total) for row in chart.rows] == [
        ("ene", [10, 10], 20),
        ("feb", [0, 5], 5),
    ]
    assert [tick.label for tick in chart.ticks] == ["0", "5", "10", "15", "20"]
    assert chart.has_legend and not chart.is_empty


def test_many_categories_label_only_some_and_nothing_is_empty() -> None:
    hours = [f"{h:02d}" for h in range(24)]
    chart = stacked_bars(
        slug="h", title="Llamadas", category_heading="Hora", categories=hours,
        series=[Series("Llamadas", [0] * 24)],
    )  # fmt: skip
    assert [label.text for label in chart.labels] == hours[::2]
    assert chart.is_empty and chart.bars == []
