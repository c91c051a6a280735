import re

import pytest
from django.template import Context, Template

from stadtgespraeche.municipalities import maps
from stadtgespraeche.municipalities.maps import germany_map, project, state_shapes
from tests.factories.municipalities import MunicipalityFactory

pytestmark = [pytest.mark.django_db, pytest.mark.unit]


def _compact(html: str) -> str:
    """The markup with whitespace collapsed and removed around tags (template formatting)."""
    return re.sub(r"\s*(<|>)\s*", r"\1", " ".join(html.split()))


def _view_box(svg: str) -> tuple[float, float, float, float]:
    match = re.search(r'viewBox="([\d.]+) ([\d.]+) ([\d.]+) ([\d.]+)"', svg)
    assert match, "no viewBox"
    return tuple(float(v) for v in match.groups())  # type: ignore[return-value]


def test_project_puts_north_up_and_east_right():
    kiel_x, kiel_y = project(54.32, 10.13)
    munich_x, munich_y = project(48.14, 11.58)
    aachen_x, _ = project(50.78, 6.08)

    assert kiel_y < munich_y
    assert aachen_x < kiel_x < munich_x
    for x, y in [(kiel_x, kiel_y), (munich_x, munich_y)]:
        assert 0 <= x <= maps.WIDTH
        assert 0 <= y <= maps.HEIGHT


def test_state_shapes_has_sixteen_states_inside_the_view_box():
    shapes = state_shapes()

    assert len(shapes) == 16
    assert {s.name for s in shapes} >= {"Bayern", "Berlin", "Rheinland-Pfalz"}
    numbers = [float(n) for s in shapes for n in re.findall(r"[\d.]+", s.path)]
    assert min(numbers) >= 0
    assert max(numbers) <= max(maps.WIDTH, maps.HEIGHT)
    assert all(s.path.startswith("M") and s.path.endswith("Z") for s in shapes)


def test_state_shapes_is_cached():
    assert state_shapes() is state_shapes()


def test_germany_map_places_points_and_keeps_rows_without_coordinates():
    kaiserslautern = MunicipalityFactory.build(
        name="Kaiserslautern", latitude=49.43, longitude=7.76
    )
    nowhere = MunicipalityFactory.build(name="Ohne Punkt", latitude=None, longitude=None)

    result = germany_map([(kaiserslautern, "Mitglied", "member"), (nowhere, "interessiert")])

    assert [p.municipality for p in result.points] == [kaiserslautern]
    assert result.points[0].fill == maps.POINT_FILLS["member"]
    assert (result.points[0].x, result.points[0].y) == project(49.43, 7.76)
    assert [(r.municipality, r.label, r.on_map) for r in result.rows] == [
        (kaiserslautern, "Mitglied", True),
        (nowhere, "interessiert", False),
    ]
    assert result.rows[1].variant == ""
    assert result.show_labels


def test_germany_map_hides_labels_for_many_points():
    items = [(MunicipalityFactory.build(), "") for _ in range(maps.LABELS_UP_TO + 1)]

    assert not germany_map(items).show_labels


def test_germany_map_tag_renders_svg_with_points_and_table():
    kaiserslautern = MunicipalityFactory(name="Kaiserslautern", latitude=49.43, longitude=7.76)
    bamberg = MunicipalityFactory(name="Bamberg", latitude=49.89, longitude=10.9)
    template = Template(
        '{% load municipality_maps %}{% germany_map items map_id="members" title="Mitglieder" %}'
    )

    html = _compact(
        template.render(
            Context({"items": [(kaiserslautern, "Mitglied", "member"), (bamberg, "beantragt")]})
        )
    )

    assert 'role="img"' in html
    assert 'aria-labelledby="members-title members-desc"' in html
    assert '<title id="members-title">Mitglieder</title>' in html
    x, y, width, height = _view_box(html)
    assert (x, y) == (0, 0)
    assert (width, height) == (maps.WIDTH, maps.HEIGHT)
    circles = re.findall(r'<circle class="germany-map__point[^>]*cx="([\d.]+)" cy="([\d.]+)"', html)
    assert len(circles) == 2
    for cx, cy in circles:
        assert 0 <= float(cx) <= width
        assert 0 <= float(cy) <= height
    assert "<title>Kaiserslautern: Mitglied</title>" in html
    assert html.count("<path ") == 16
    assert f'href="{kaiserslautern.get_absolute_url()}">Kaiserslautern</a>' in html
    assert "Rheinland-Pfalz" in html
    assert "beantragt" in html
    assert "style=" not in html


def test_germany_map_tag_without_items_shows_empty_row():
    html = Template("{% load municipality_maps %}{% germany_map items %}").render(
        Context({"items": []})
    )

    assert "<circle" not in html
    assert "No municipalities yet." in html or "Noch keine Kommunen." in html


def test_germany_map_legend_has_one_entry_per_variant():
    items = [
        (MunicipalityFactory.build(latitude=49.4, longitude=7.7), "Mitglied", "member"),
        (MunicipalityFactory.build(latitude=49.9, longitude=10.9), "Mitglied", "member"),
        (MunicipalityFactory.build(latitude=54.3, longitude=10.1), "beantragt", "applied"),
    ]

    legend = germany_map(items).legend

    assert [(e.variant, e.label, e.fill) for e in legend] == [
        ("member", "Mitglied", maps.POINT_FILLS["member"]),
        ("applied", "beantragt", maps.POINT_FILLS["applied"]),
    ]


def test_germany_map_labels_of_close_points_do_not_overlap():
    items = [
        (MunicipalityFactory.build(name="Kaiserslautern", latitude=49.43, longitude=7.76), ""),
        (
            MunicipalityFactory.build(
                name="Verband Region Rhein-Neckar", latitude=49.5, longitude=8.5
            ),
            "",
        ),
        (MunicipalityFactory.build(name="Mannheim", latitude=49.49, longitude=8.47), ""),
    ]

    points = germany_map(items).points

    boxes = []
    for point in points:
        if not point.label_anchor:
            continue
        width = len(point.municipality.name) * maps._CHAR_WIDTH
        left = {"start": 0, "end": -width, "middle": -width / 2}[point.label_anchor]
        boxes.append((point.label_x + left, point.label_y - 11, point.label_x + left + width))
        assert point.label_x + left >= 0
        assert point.label_x + left + width <= maps.WIDTH
    for i, a in enumerate(boxes):
        for b in boxes[i + 1 :]:
            assert not (a[0] < b[2] and b[0] < a[2] and abs(a[1] - b[1]) < 13)
    assert sum(1 for p in points if p.label_anchor) >= 2
