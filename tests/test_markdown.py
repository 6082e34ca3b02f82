"""Markdown with clinic tags: errors name the file and the Markdown line, never an empty string."""

import pytest

from clinicsites import build as engine
from clinicsites.errors import InputError
from conftest import REPO, write

PAGE = "content/shared/pages/about-treatment.md"


def check_problems(root):
    with pytest.raises(InputError) as caught:
        engine.check(root / "clinics.yaml", REPO / "pelicanconf.py", {"PATH": str(root / "content")})
    return [str(p) for p in caught.value.problems]


def test_fixture_checks_clean(project):
    config = engine.check(project / "clinics.yaml", REPO / "pelicanconf.py", {"PATH": str(project / "content")})
    assert [c.slug for c in config.clinics] == ["north", "south"]


def test_unknown_clinic_field_names_line_and_suggests(project):
    write(project / PAGE, """
        ---
        title: About
        description: About.
        ---

        Text.

        We are in {{ clinic.adress.locality }}.
        """)
    assert check_problems(project) == [
        f"{PAGE}:8: {{{{ clinic.adress.locality }}}}: clinic has no field 'adress'; did you mean 'clinic.address'?"]


def test_unknown_name(project):
    write(project / PAGE, "---\ntitle: About\ndescription: About.\n---\n\nHello {{ doctor }}.\n")
    assert check_problems(project) == [
        f"{PAGE}:6: {{{{ doctor }}}}: unknown name 'doctor'; expected one of: clinic.<field>, brand.<field>"]


def test_template_syntax_error(project):
    write(project / PAGE, "---\ntitle: About\ndescription: About.\n---\n\nOne\n\nTwo {{ clinic.name }\n")
    assert check_problems(project) == [f"{PAGE}:8: {{{{: expected }}}} to close this tag on or after this line"]


def test_unclosed_block_tag(project):
    write(project / PAGE, "---\ntitle: About\ndescription: About.\n---\n\n{% if clinic.email %}\nMail us.\n")
    problems = check_problems(project)
    assert len(problems) == 1 and problems[0].startswith(f"{PAGE}:6: {{% if clinic.email %}}: template syntax error")


@pytest.mark.parametrize("expression", ["''.__class__", "clinic|attr('__class__')", "clinic.__class__", "clinic._private", "().__class__.__bases__"])
def test_sandbox_escape_is_refused(project, expression):
    write(project / PAGE, "---\ntitle: About\ndescription: About.\n---\n\n{{ " + expression + " }}\n")
    problems = check_problems(project)
    assert len(problems) == 1 and problems[0].startswith(f"{PAGE}:6: ")
    assert "not allowed" in problems[0] or "unsafe" in problems[0]


def test_fact_missing_for_one_clinic_names_that_clinic(project):
    write(project / PAGE, "---\ntitle: About\ndescription: About.\n---\n\nLine\n\nWe are at {{ clinic.address.street }}.\n")
    assert check_problems(project) == [
        f"{PAGE}:8: {{{{ clinic.address.street }}}}: has no value for clinic south; "
        "guard it with {% if ... %}...{% endif %} or give the clinic that fact"]


def test_guarded_fact_is_fine(project, tmp_path):
    write(project / PAGE, "---\ntitle: About\ndescription: About.\n---\n\n"
          "{% if clinic.address.street %}\nWe are at {{ clinic.address.street }}.\n{% endif %}\n")
    report = engine.build(project / "clinics.yaml", tmp_path / "out", REPO / "pelicanconf.py",
                          override={"PATH": str(project / "content")})
    assert report.clinics == 2
    north = (tmp_path / "out/north/about-treatment/index.html").read_text()
    south = (tmp_path / "out/south/about-treatment/index.html").read_text()
    assert "We are at 1 Fiction Road." in north
    assert "We are at" not in south and "<p></p>" not in south


def test_front_matter_title_error_names_its_line(project):
    write(project / PAGE, "---\ntitle: About\ndescription: \"In {{ clinic.town_name }}\"\n---\n\nText\n")
    assert check_problems(project) == [
        f"{PAGE}:3: {{{{ clinic.town_name }}}}: clinic has no field 'town_name'; did you mean 'clinic.town'?"]


def test_front_matter_problems(project):
    write(project / "content/shared/conditions/neck-pain.md",
          "---\ntitle: Neck\ndescripton: x\nregion: nek\n---\n\nText\n")
    assert check_problems(project) == [
        "content/shared/conditions/neck-pain.md:2: description: expected text, got nothing (this field is required)",
        "content/shared/conditions/neck-pain.md:3: descripton: unknown key; did you mean 'description'?",
        "content/shared/conditions/neck-pain.md:4: region: expected one of head, neck, shoulder, arm, elbow, "
        "wrist-hand, upper-back, lower-back, hip, knee, leg, foot, whole-body, got \"nek\"; did you mean 'neck'?",
    ]


def test_front_matter_yaml_error(project):
    write(project / PAGE, "---\ntitle: About\ndescription: [unclosed\n---\n\nText\n")
    problems = check_problems(project)
    assert problems == [f"{PAGE}:4: YAML syntax error: did not find expected ',' or ']' "
                        "(while parsing a flow sequence that starts on line 3)"]


def test_missing_front_matter(project):
    write(project / PAGE, "# About\n\nText\n")
    assert check_problems(project) == [
        f"{PAGE}:1: front matter: expected the file to start with a --- line, then title: and description:, "
        "then another --- line"]


def test_invalid_utf8_in_markdown(project):
    (project / PAGE).write_bytes(b"---\ntitle: About\ndescription: x\n---\n\nCaf\xe9\n")
    assert check_problems(project) == [f"{PAGE}:6: invalid UTF-8 (byte 0xe9); save the file as UTF-8"]


def test_broken_intrasite_link(project):
    write(project / PAGE, "---\ntitle: About\ndescription: x\n---\n\nSee [x]({filename}/shared/pages/nope.md).\n")
    assert check_problems(project) == [
        f"{PAGE}:6: link: expected a link to an existing page, got \"/shared/pages/nope.md\" "
        "(links start with {filename}/shared/... or {filename}/clinics/<this clinic>/...)"]


def test_unknown_related_slug(project):
    write(project / "content/shared/benefits/pain-reduction.md",
          "---\ntitle: P\ndescription: x\nrelated_conditions: [neck-pain, elbow]\n---\n\nText\n")
    assert check_problems(project) == [
        "content/shared/benefits/pain-reduction.md:4: related_conditions: "
        "expected the slug of an existing condition page, got \"elbow\""]


def test_clinic_condition_list_must_name_shared_pages(project):
    clinics = project / "clinics.yaml"
    clinics.write_text(clinics.read_text().replace("conditions: [neck-pain]", "conditions: [neck-pain, nek-pain]"))
    assert check_problems(project) == [
        'clinics.yaml:27: clinics[1].conditions[1]: expected the slug of a shared condition page '
        '(one of: knee-pain, neck-pain), got "nek-pain"']


def test_reserved_page_slug(project):
    write(project / "content/clinics/north/pages/news.md", "---\ntitle: News\ndescription: x\n---\n\nText\n")
    assert check_problems(project) == [
        "content/clinics/north/pages/news.md: slug: \"news\" is reserved for the site's own pages; rename the file"]


def test_tags_survive_markdown_in_links_code_and_lists(project, tmp_path):
    write(project / PAGE, """
        ---
        title: About
        description: x
        ---

        - Call [{{ clinic.phone }}]({{ clinic.phone.tel_url }})
        - Name: **{{ clinic.name }}** and `{{ clinic.slug }}`

        ## In {{ clinic.address.locality }}

        Text.
        """)
    engine.build(project / "clinics.yaml", tmp_path / "out", REPO / "pelicanconf.py",
                 override={"PATH": str(project / "content")})
    html = (tmp_path / "out/north/about-treatment/index.html").read_text()
    assert '<a href="tel:+12025550111">(202) 555-0111</a>' in html
    assert "<strong>Northside Needling</strong> and <code>north</code>" in html
    assert '<h2 id="in">In Northtown</h2>' in html
