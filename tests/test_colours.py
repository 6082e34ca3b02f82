"""Brand colours: checked for WCAG contrast when clinics.yaml is read, then used by every page."""

import pytest
from conftest import build_project

from clinicsites.clinics import load_config
from clinicsites.errors import InputError


def with_colours(project, text):
    path = project / "clinics.yaml"
    path.write_text(path.read_text().replace("    conditions: [neck-pain]", "    conditions: [neck-pain]\n" + text))
    return path


@pytest.mark.parametrize(
    "colours, message",
    [
        (
            "    colors: {primary: '#aaaaaa'}",
            "clinics.yaml:32: clinic south, colors.primary: expected a darker colour: #aaaaaa on white has contrast 2.32:1, "
            'and text needs at least 4.5:1, got "#aaaaaa"',
        ),
        (
            "    colors: {accent: '#333'}",
            "clinics.yaml:32: clinic south, colors.accent: expected a lighter colour: text on #333333 has contrast 1.38:1, "
            'and text needs at least 4.5:1, got "#333"',
        ),
        (
            "    colors: {primary: '#767676', accent: '#e6e6e6'}",
            "clinics.yaml:32: clinic south, colors: expected primary and accent colours with at least 4.5:1 contrast "
            "(links sit on the accent tint), got 3.64:1",
        ),
        (
            "    colors: {primary: teal}",
            'clinics.yaml:32: clinic south, colors.primary: expected a hex colour such as "#0b5563", got "teal"',
        ),
    ],
)
def test_unreadable_colours_are_refused(project, colours, message):
    with pytest.raises(InputError) as caught:
        load_config(with_colours(project, colours))
    assert [str(p) for p in caught.value.problems] == [message]


def test_a_clinics_colours_style_every_page_of_its_site_only(project):
    with_colours(project, "    colors: {primary: '#6a1b4d', accent: '#fdf1f6'}")
    build_project(project)
    for page in (project / "output/south").rglob("*.html"):
        assert "<style>:root{--brand:#6a1b4d;--accent:#fdf1f6}</style>" in page.read_text(), page
    assert "#6a1b4d" not in (project / "output/north/index.html").read_text()
