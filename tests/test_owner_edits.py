"""Edits an owner makes that are not mistakes: the build takes them as meant."""

from conftest import build_project

from clinicsites.clinics import load_config


def test_windows_line_endings_and_a_byte_order_mark_are_read_as_usual(project):
    clinics = project / "clinics.yaml"
    clinics.write_bytes(b"\xef\xbb\xbf" + clinics.read_bytes().replace(b"\n", b"\r\n"))
    page = project / "content/shared/pages/about-treatment.md"
    page.write_bytes(b"\xef\xbb\xbf" + page.read_bytes().replace(b"\n", b"\r\n"))
    build_project(project)
    html = (project / "output/north/about-treatment/index.html").read_text()
    assert "\r" not in html and "<h1>" in html


def test_hours_with_spaces_and_single_digit_hours_are_read(project):
    clinics = project / "clinics.yaml"
    clinics.write_text(clinics.read_text().replace('monday: "09:00-17:00"', "monday: 9:00 - 17:00"))
    monday = load_config(clinics).clinic("north").hours[0]
    assert str(monday) == "09:00–17:00"


def test_an_unquoted_number_keeps_its_leading_zeros(project):
    clinics = project / "clinics.yaml"
    clinics.write_text(clinics.read_text().replace('"+92 300 0000001"', "03000000001"))
    assert load_config(clinics).clinic("south").phone.e164 == "+923000000001"
