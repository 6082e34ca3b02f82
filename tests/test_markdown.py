"""Markdown with clinic tags: errors name the file and the Markdown line, never an empty string."""

import pytest
from conftest import REPO, write

from clinicsites import build as engine
from clinicsites.errors import InputError

PAGE = "content/shared/pages/about-treatment.md"


def check_problems(root):
    with pytest.raises(InputError) as caught:
        engine.check(root / "clinics.yaml", REPO / "pelicanconf.py", {"PATH": str(root / "content")})
    return [str(p) for p in caught.value.problems]


def test_fixture_checks_clean(project):
    config = engine.check(project / "clinics.yaml", REPO / "pelicanconf.py", {"PATH": str(project / "content")}).config
    assert [c.slug for c in config.clinics] == ["north", "south"]


FM = "---\ntitle: About\ndescription: About.\n---\n\n"  # front matter: the body starts on line 6
BENEFIT = "content/shared/benefits/pain-reduction.md"
CONDITION = "content/shared/conditions/neck-pain.md"

# Sandbox escapes, unknown fields, front matter YAML and bad UTF-8 are in tests/test_bad_input.py.
BAD_FILES = [
    (
        "unknown name",
        PAGE,
        FM + "Hello {{ doctor }}.\n",
        [
            f"{PAGE}:6: {{{{ doctor }}}}: unknown name 'doctor'; expected one of: clinic.<field>, brand.<field>, country.<field>"
        ],
    ),
    (
        "unclosed expression",
        PAGE,
        FM + "One\n\nTwo {{ clinic.name }\n",
        [f"{PAGE}:8: {{{{: expected }}}} to close this tag on or after this line"],
    ),
    (
        "fact missing for one clinic",
        PAGE,
        FM + "Line\n\nWe are at {{ clinic.address.street }}.\n",
        [
            f"{PAGE}:8: {{{{ clinic.address.street }}}}: has no value for clinic south; "
            "guard it with {% if ... %}...{% endif %} or give the clinic that fact"
        ],
    ),
    (
        "bad tag in front matter",
        PAGE,
        '---\ntitle: About\ndescription: "In {{ clinic.town_name }}"\n---\n\nText\n',
        [f"{PAGE}:3: {{{{ clinic.town_name }}}}: clinic has no field 'town_name'; did you mean 'clinic.town'?"],
    ),
    (
        "front matter fields",
        CONDITION,
        "---\ntitle: Neck\ndescripton: x\nregion: nek\n---\n\nText\n",
        [
            f"{CONDITION}:2: description: expected text, got nothing (this field is required)",
            f"{CONDITION}:3: descripton: unknown key; did you mean 'description'?",
            f"{CONDITION}:4: region: expected one of head, neck, shoulder, upper-back, arm, elbow, wrist-hand, "
            "lower-back, hip, knee, leg, foot, whole-body, got \"nek\"; did you mean 'neck'?",
        ],
    ),
    (
        "no front matter",
        PAGE,
        "# About\n\nText\n",
        [
            f"{PAGE}:1: front matter: expected the file to start with a --- line, then title: and description:, "
            "then another --- line"
        ],
    ),
    (
        "broken link",
        PAGE,
        FM + "See [x]({filename}/shared/pages/nope.md).\n",
        [
            f'{PAGE}:6: link: expected a link to an existing page, got "{{filename}}/shared/pages/nope.md" '
            "(links start with {filename}/shared/... or {filename}/clinics/<this clinic>/...)"
        ],
    ),
    (
        "unknown related slug",
        BENEFIT,
        "---\ntitle: P\ndescription: x\nrelated_conditions: [neck-pain, elbow]\n---\n\nText\n",
        [f'{BENEFIT}:4: related_conditions: expected the slug of an existing condition page, got "elbow"'],
    ),
]


@pytest.mark.parametrize("name, path, text, expected", BAD_FILES, ids=[b[0] for b in BAD_FILES])
def test_bad_markdown_is_reported_with_file_and_line(project, name, path, text, expected):
    (project / path).write_text(text, encoding="utf-8")
    assert check_problems(project) == expected


def test_unclosed_block_tag(project):
    write(project / PAGE, FM + "{% if clinic.email %}\nMail us.\n")
    problems = check_problems(project)
    assert len(problems) == 1 and problems[0].startswith(f"{PAGE}:6: {{% if clinic.email %}}: template syntax error")


def test_guarded_fact_is_fine(project, tmp_path):
    write(project / PAGE, FM + "{% if clinic.address.street %}\nWe are at {{ clinic.address.street }}.\n{% endif %}\n")
    report = engine.build(
        project / "clinics.yaml", tmp_path / "out", REPO / "pelicanconf.py", override={"PATH": str(project / "content")}
    )
    assert report.clinics == 2
    north = (tmp_path / "out/north/about-treatment/index.html").read_text()
    south = (tmp_path / "out/south/about-treatment/index.html").read_text()
    assert "We are at 1 Fiction Road." in north
    assert "We are at" not in south and "<p></p>" not in south


def test_reserved_page_slug(project):
    write(project / "content/clinics/north/pages/news.md", "---\ntitle: News\ndescription: x\n---\n\nText\n")
    assert check_problems(project) == [
        'content/clinics/north/pages/news.md: slug: "news" is reserved for the site\'s own pages; rename the file'
    ]


def test_tags_survive_markdown_in_links_code_and_lists(project, tmp_path):
    write(
        project / PAGE,
        """
        ---
        title: About
        description: x
        ---

        - Call [{{ clinic.phone }}]({{ clinic.phone.tel_url }})
        - Name: **{{ clinic.name }}** and `{{ clinic.slug }}`

        ## In {{ clinic.address.locality }}

        Text.
        """,
    )
    engine.build(
        project / "clinics.yaml", tmp_path / "out", REPO / "pelicanconf.py", override={"PATH": str(project / "content")}
    )
    html = (tmp_path / "out/north/about-treatment/index.html").read_text()
    assert '<a href="tel:+12025550111">(202) 555-0111</a>' in html
    assert "<strong>Northside Needling</strong> and <code>north</code>" in html
    assert '<h2 id="in">In Northtown</h2>' in html


def test_safe_inline_html_and_markdown_extras_stay(project, tmp_path):
    write(
        project / PAGE,
        FM + 'Press <kbd>Ctrl</kbd>, see <abbr title="Physical therapist">PT</abbr>.<br>\n\n'
        "| Side | Time |\n|:-----|-----:|\n| Left | 5 min |\n\nA note[^1] and [mail](mailto:a@example.org).\n\n"
        "[^1]: The footnote.\n\n<!-- an editor's note -->\n",
    )
    engine.build(
        project / "clinics.yaml", tmp_path / "out", REPO / "pelicanconf.py", override={"PATH": str(project / "content")}
    )
    html = (tmp_path / "out/north/about-treatment/index.html").read_text()
    assert "<kbd>Ctrl</kbd>" in html and '<abbr title="Physical therapist">PT</abbr>' in html
    assert '<td style="text-align: right;">5 min</td>' in html
    assert 'class="footnote-ref"' in html and 'href="mailto:a@example.org"' in html
