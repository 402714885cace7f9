"""The county map's arithmetic, without a database."""

from django.template import engines

from amparo.outreach.maps import (
    HEIGHT,
    SHADE_FILLS,
    WIDTH,
    Circle,
    CountyPoint,
    county_circles,
    project,
    quartile_cuts,
    svg_circles,
)


def test_points_project_inside_the_drawing_and_far_ones_fall_outside() -> None:
    x, y = project(34.05, -118.24)  # type: ignore[misc]  # Los Angeles
    assert 0 < x < WIDTH / 4 and HEIGHT / 2 < y < HEIGHT
    east = project(40.7, -74.0)  # New York
    assert east is not None and east[0] > x
    assert project(61.2, -149.9) is None  # Anchorage
    assert project(21.3, -157.9) is None  # Honolulu


def test_circle_area_follows_reach_and_shade_follows_the_office_rate() -> None:
    points = [
        CountyPoint(34.05, -118.24, 400, "Los Angeles", "LAX"),
        CountyPoint(41.88, -87.63, 100, "Cook", "CHI"),
        CountyPoint(61.2, -149.9, 50, "Anchorage", "SEA"),
    ]
    circles, outside = county_circles(points, {"LAX": 1.0, "CHI": 9.0, "SEA": None})
    assert outside == 1
    largest, smaller = circles
    assert largest.label == "Los Angeles"
    # Four times the reach, twice the radius: the area is what the eye compares.
    assert abs(largest.radius / smaller.radius - 2.0) < 0.05
    assert smaller.shade > largest.shade


def test_quartile_cuts_of_no_rates_are_empty() -> None:
    assert quartile_cuts([]) == []
    assert quartile_cuts([1.0, 2.0, 3.0, 4.0]) == [2.0, 3.0, 4.0]


def test_the_svg_circles_are_what_the_template_loop_would_write_with_labels_escaped() -> None:
    circles = [Circle(10.5, 20.0, 3.2, 1, "Doña Ana (NM): 12"), Circle(1, 2, 3, 0, "<b>&</b>")]
    loop = engines["django"].from_string(
        "{% for c in circles %}"
        '<circle cx="{{ c.x|stringformat:"s" }}" cy="{{ c.y|stringformat:"s" }}" '
        'r="{{ c.radius|stringformat:"s" }}" fill="{{ c.fill }}">'
        "<title>{{ c.label }}</title></circle>{% endfor %}"
    )
    expected = loop.render(
        {"circles": [{**vars(c), "fill": SHADE_FILLS[c.shade]} for c in circles]}
    )
    assert str(svg_circles(circles)) == expected
    assert "&lt;b&gt;&amp;&lt;/b&gt;" in expected
