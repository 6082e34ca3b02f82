"""Health claims are refused in every build, wherever patients would read them: Markdown, the theme, clinics.yaml."""

import shutil
import subprocess
import sys

import pytest
from conftest import REPO, build_project, write

from clinicsites import claims, commands

FM = "---\ntitle: About\ndescription: About.\n---\n\n"
PAGE = "content/shared/pages/about-treatment.md"


def run_build(project, capsys, theme=None):
    code = commands.run(lambda: build_project(project, theme=theme))
    return code, capsys.readouterr().err.splitlines()


@pytest.mark.parametrize("text, line", [
    ("Dry needling cures back pain.", 'content/shared/pages/about-treatment.md:6: claims: "cures": an absolute '
     'promise no treatment can keep, and a cure claim regulators reject; try: "may help", "short-term relief", '
     '"results vary"'),
    ("It is completely safe.", 'content/shared/pages/about-treatment.md:6: claims: "completely safe": safety stated '
     'without its risks; patients must weigh the risks beside it; try: "usually well tolerated; common side effects '
     'are soreness and bruising"'),
    ("We are the best clinic in town.", 'content/shared/pages/about-treatment.md:6: claims: "best": a comparison with '
     "every other clinic or treatment that cannot be backed up; try: say what the clinic does, without comparing it"),
    ("It boosts immunity.", 'content/shared/pages/about-treatment.md:6: claims: "boosts immunity": says the treatment '
     'works for a condition, which needs strong evidence and results vary; try: "may help with", "is used for", '
     '"has been studied for"'),
])  # fmt: skip
def test_a_claim_in_markdown_is_refused_with_its_line(project, capsys, text, line):
    write(project / PAGE, FM + text + "\n")
    code, err = run_build(project, capsys)
    assert code == 2 and err[0] == line and not (project / "output").exists()


def test_safety_with_its_risks_beside_it_and_words_that_only_look_like_claims_pass(project):
    write(project / PAGE, FM + "Serious problems are rare, so it is low risk, but soreness and bruising are common.\n\n"
          "It is best to ask your doctor first. The physio who treats you will explain.\n")  # fmt: skip
    build_project(project)


def test_a_reviewed_sentence_passes_with_a_marker_that_names_the_rule_and_gives_a_reason(project, capsys):
    write(project / PAGE, FM + "See the guideline *Proven care* {# claims-ok absolute: the guideline's title #}\n")
    build_project(project)
    write(project / PAGE, FM + "See the guideline *Proven care* {# claims-ok absolute #}\n")
    code, err = run_build(project, capsys)
    assert code == 2 and ('content/shared/pages/about-treatment.md:6: claims: "claims-ok absolute": a claims-ok '
                          'marker needs a reason after its rule; try: "claims-ok absolute: why this sentence is '
                          'acceptable"') in err  # fmt: skip


def test_a_claim_in_clinics_yaml_is_refused_and_a_marker_in_a_comment_lets_it_pass(project, capsys):
    clinics = project / "clinics.yaml"
    clinics.write_text(clinics.read_text().replace("name: Southside Physio", "name: Best Southside Physio"))
    code, err = run_build(project, capsys)
    assert code == 2 and err[0].startswith('clinics.yaml:24: claims: "Best": a comparison with every other clinic')
    clinics.write_text(
        clinics.read_text().replace(
            "name: Best Southside Physio",
            "name: Best Southside Physio  # claims-ok superiority: the name it trades under",
        )
    )
    build_project(project)


def test_a_claim_in_the_theme_is_refused_with_its_template_line(project, tmp_path, capsys):
    theme = tmp_path / "theme"
    shutil.copytree(REPO / "themes/clinic", theme)
    footer = theme / "templates/partials/footer.html"
    footer.write_text(footer.read_text().replace("<footer", "<p>Guaranteed results.</p>\n<footer", 1))
    code, err = run_build(project, capsys, theme=theme)
    assert code == 2
    assert err[0].endswith('/templates/partials/footer.html:2: claims: "Guaranteed": an absolute promise no '
                           'treatment can keep, and a cure claim regulators reject; try: "may help", '
                           '"short-term relief", "results vary"')  # fmt: skip


def test_the_claims_report_counts_each_rule_and_exits_2_on_a_claim(tmp_path):
    hits = claims.scan("It cures.\nProven {# claims-ok absolute: a quoted title #}\nThe best.\n", "x.md")
    report = claims.report(hits)
    assert 'x.md:1: absolute: "cures" (REFUSED)' in report
    assert 'x.md:2: absolute: "Proven" (allowed: a quoted title)' in report
    assert "absolute               1       1" in report and "superiority            1       0" in report
    result = subprocess.run([sys.executable, "-m", "clinicsites.cli", "claims"], cwd=REPO, capture_output=True,
                            text=True, timeout=120)  # fmt: skip
    assert result.returncode == 0, result.stdout + result.stderr
    assert "rule             refused allowed" in result.stdout
