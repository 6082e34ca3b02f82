"""Health claims are refused in every build, sentence by sentence, wherever patients would read them."""

import shutil
import subprocess
import sys
from pathlib import Path

import pytest
import yaml
from conftest import REPO, build_project, write

from clinicsites import claims, commands

FM = "---\ntitle: About\ndescription: About.\n---\n\n"
PAGE = "content/shared/pages/about-treatment.md"
CORPUS = REPO / "corpus"


def run_build(project, capsys, theme=None):
    code = commands.run(lambda: build_project(project, theme=theme))
    return code, capsys.readouterr().err.splitlines()


def categories(markdown_body: str) -> set[str]:
    """The categories the engine refuses a Markdown body under, read as a build reads it."""
    return {hit.rule.name for hit in claims.scan(FM + markdown_body, "x.md") if not hit.allowed}


def corpus_texts() -> set[str]:
    """Every sentence in the labelled corpus (tests below must use others, so they test generality)."""
    return {entry["text"] for path in CORPUS.glob("claims-*.yaml") for entry in yaml.safe_load(path.read_text())}


# Sentences written for these tests only, one or more per category and language (none is in corpus/).
RISKY = [
    ("absolute", "Our needling programme cures stubborn shoulder pain once and for all."),
    ("absolute", "We guarantee results from your very first appointment."),
    ("efficacy", "Dry needling treats runner's knee and tendon pain."),
    ("efficacy", "Needling heals strained calf muscles."),
    ("scope", "Our sessions help women with hormonal imbalance."),
    ("scope", "Dry needling lowers high blood pressure naturally."),
    ("comparison", "Dry needling works better than a cortisone injection."),
    ("safety", "Dry needling is completely safe for the elderly."),
    ("safety", "There are no side effects at all."),
    ("authority", "Research confirms that needling relieves knee pain."),
    ("speed", "Walk out of the clinic with instant results."),
    ("speed", "We tackle the root cause of your back pain."),
    ("numbers", "97% of our clients report less pain."),
    ("testimonial", '"I can finally play golf again, my elbow pain is gone" - Tom.'),
    ("mechanism", "Each session flushes the toxins out of your shoulders."),
    ("superiority", "The leading dry needling team in Louisiana."),
    ("absolute", "ہمارے پاس گھٹنے کے درد کا مکمل علاج موجود ہے۔"),
    ("efficacy", "ڈرائی نیڈلنگ کندھے کے درد کا علاج کرتی ہے۔"),
    ("scope", "یہ طریقہ ذیابیطس کے مریضوں کی شوگر کم کرتا ہے۔"),
    ("comparison", "اب آپریشن کی ضرورت نہیں، سوئیوں سے علاج کروائیں۔"),
    ("safety", "یہ علاج سو فیصد محفوظ ہے اور اس کا کوئی نقصان نہیں۔"),
    ("authority", "یہ طریقہ سائنسی طور پر ثابت شدہ ہے۔"),
    ("speed", "ایک ہی سیشن میں درد سے فوری آرام پائیں۔"),
    ("numbers", "ہمارے 90% مریض ایک ہفتے میں ٹھیک ہو جاتے ہیں۔"),
    ("testimonial", "میری گردن کا درد پہلے ہی سیشن کے بعد ختم ہو گیا۔"),
    ("mechanism", "سوئی جسم سے زہریلے مادے خارج کرتی ہے۔"),
    ("superiority", "اسلام آباد کا بہترین ڈرائی نیڈلنگ کلینک۔"),
    ("safety", "Dry needling بالکل safe ہے اور 100% محفوظ۔"),
]

CAREFUL = [
    "Dry needling may ease calf tightness for some runners, and results vary.",
    "It does not cure arthritis, and we will say so.",
    "Tell your practitioner if you take medicine for blood pressure.",
    "Soreness after a session usually settles within a day or two.",
    "Studies of small groups suggest short-term relief for some people with shoulder pain.",
    "Works with cyclists, gardeners and people at desks all day.",
    "کچھ لوگوں کو کندھے کے درد میں وقتی آرام مل سکتا ہے، اور نتائج مختلف ہوتے ہیں۔",
    "اگر آپ کو شوگر ہے تو سیشن سے پہلے ہمیں بتائیں۔",
]


def test_the_sentences_here_are_not_in_the_corpus():
    assert not {text for _, text in RISKY} & corpus_texts()
    assert not set(CAREFUL) & corpus_texts()


@pytest.mark.parametrize("category, text", RISKY)
def test_each_category_in_each_language_is_found(category, text):
    assert category in categories(text + "\n")


@pytest.mark.parametrize("text", CAREFUL)
def test_careful_sentences_pass(text):
    assert categories(text + "\n") == set()


def test_a_claim_in_markdown_is_refused_with_its_sentence_line_and_suggestion(project, capsys):
    write(project / PAGE, FM + "It is used for back pain.\nDry needling cures back pain.\n")
    code, err = run_build(project, capsys)
    assert code == 2 and not (project / "output").exists()
    assert err[0] == ('content/shared/pages/about-treatment.md:7: claims: "Dry needling cures back pain.": a promise '
                      'of a cure or a certain outcome, which no treatment can keep (CAP 12.6, FTC) ("cures"); try: '
                      '"may help some people", "results vary"')  # fmt: skip


def test_a_build_with_a_claim_leaves_the_output_untouched(project, capsys):
    build_project(project)
    before = {p: p.read_bytes() for p in (project / "output").rglob("*") if p.is_file()}
    write(project / PAGE, FM + "Guaranteed results for everyone.\n")
    code, _ = run_build(project, capsys)
    assert code == 2
    assert {p: p.read_bytes() for p in (project / "output").rglob("*") if p.is_file()} == before


def test_a_sentence_wrapped_over_lines_is_read_whole_and_reported_where_it_starts():
    hits = claims.scan(FM + "Needling is gentle.\nIt is completely\nsafe for everyone.\n", "x.md")
    assert {(h.line, h.phrase) for h in hits} == {(7, "It is completely safe for everyone.")}
    assert "safety" in {h.rule.name for h in hits}
    # A list item continued on the next line is one sentence too.
    assert "safety" in categories("- a treatment that is totally\n  safe\n- another item\n")


@pytest.mark.parametrize("text, category", [
    ("It is pain&#8209;free.", "absolute"),
    ("It is pain\u2011free.", "absolute"),
    ("It is completely&nbsp;safe.", "safety"),
    ("It is \u201ccompletely safe\u201d.", "safety"),
    ("One hundred percent of our patients improve.", "numbers"),
    ("100 per cent of clients feel better.", "numbers"),
    ("It is the end of your pain \u2013 for good.", "speed"),
])  # fmt: skip
def test_entities_typographic_variants_and_spelled_numbers_are_read_as_patients_read_them(text, category):
    assert category in categories(text + "\n")


def test_headings_titles_tables_and_alt_text_are_read(tmp_path):
    text = ('---\ntitle: "Cure your sciatica"\ndescription: Careful.\n---\n\n## Instant relief\n\n'
            "| Question | Answer |\n|---|---|\n| Is it safe? | It is 100% safe. |\n\n![The best clinic in town](x.jpg)\n")  # fmt: skip
    found = {(h.line, h.rule.name) for h in claims.scan(text, "x.md")}
    assert found == {(2, "absolute"), (6, "speed"), (10, "safety"), (12, "superiority")}


def test_clinic_tags_are_names_not_claims(project):
    clinics = project / "clinics.yaml"
    clinics.write_text(clinics.read_text().replace("name: Southside Physio", "name: Best Cure Physio"))
    write(project / PAGE, FM + "{{ clinic.name }} is in {{ clinic.town }}. Call {{ clinic.phone }}.\n")
    build_project(project)


@pytest.mark.parametrize("name", ['The "Best" Clinic', "شفا کلینک"])
def test_a_clinic_name_is_never_an_error_and_a_claiming_name_is_a_warning(project, caplog, name):
    clinics = project / "clinics.yaml"
    clinics.write_text(clinics.read_text().replace("name: Southside Physio", f"name: '{name}'"))
    build_project(project)
    warnings = [r.getMessage() for r in caplog.records if "claims" in r.getMessage()]
    assert warnings == ([f'clinics.yaml:24: claims: "{name}": a comparison with every other clinic or treatment '
                         "that cannot be backed up (CAP 3.33, FTC) (\"Best\"); try: say what the clinic does, without "
                         "comparing it (a name: a warning, not an error)"] if "Best" in name else [])  # fmt: skip


def test_shifa_is_a_name_beside_clinic_and_a_claim_as_complete_healing():
    assert categories("شفا کلینک میں خوش آمدید۔\n") == set()
    assert "absolute" in categories("ہمارے ہاں مکمل شفا ملتی ہے۔\n")


def test_a_practitioner_bio_is_read_and_treating_people_is_no_claim(project, capsys):
    clinics = project / "clinics.yaml"
    bio = "    practitioners:\n      - name: Sam Lee\n        bio: {}\n"
    original = clinics.read_text()
    clinics.write_text(original + bio.format("Treats runners and office workers."))
    build_project(project)
    clinics.write_text(original + bio.format("Treats sciatica and frozen shoulder."))
    code, err = run_build(project, capsys)
    assert code == 2 and err[0].startswith('clinics.yaml:35: claims: "Treats sciatica and frozen shoulder.": says')


def test_a_reviewed_sentence_passes_with_a_marker_in_it_and_only_that_sentence(project, capsys):
    write(project / PAGE, FM + "See the guideline *Proven care*. {# claims-ok authority: the guideline's title #}\n")
    build_project(project)
    write(project / PAGE, FM + "See *Proven care*. {# claims-ok authority: a title #} It cures back pain.\n")
    code, err = run_build(project, capsys)
    assert code == 2 and len(err) == 2 and '"It cures back pain."' in err[0]
    write(project / PAGE, FM + "See the guideline *Proven care* {# claims-ok authority #}\n")
    code, err = run_build(project, capsys)
    assert code == 2 and ('content/shared/pages/about-treatment.md:6: claims: "claims-ok authority": a claims-ok '
                          'marker needs a reason after its rule; try: "claims-ok authority: why this sentence is '
                          'acceptable"') in err  # fmt: skip
    write(project / PAGE, FM + "Nothing to see. {# claims-ok absolut: a typo #}\n")
    code, err = run_build(project, capsys)
    assert code == 2 and "a claims-ok marker names a category of claims.yaml: one of absolute, efficacy" in err[0]


def test_a_claim_in_clinics_yaml_is_refused_and_a_marker_in_a_comment_lets_it_pass(project, capsys):
    clinics = project / "clinics.yaml"
    original = clinics.read_text()
    clinics.write_text(original + "    insurance: Needling is 100% safe and insurers agree.\n")
    code, err = run_build(project, capsys)
    assert code == 2 and err[0].startswith('clinics.yaml:33: claims: "Needling is 100% safe and insurers agree.": '
                                           "safety stated as absolute")  # fmt: skip
    clinics.write_text(original + "    insurance: Needling is 100% safe.  # claims-ok safety: quoting the insurer\n")
    build_project(project)


def test_a_claim_in_the_theme_is_refused_with_its_template_line(project, tmp_path, capsys):
    theme = tmp_path / "theme"
    shutil.copytree(REPO / "themes/clinic", theme)
    footer = theme / "templates/partials/footer.html"
    footer.write_text(footer.read_text().replace("<footer", "<p>Guaranteed results.</p>\n<footer", 1))
    code, err = run_build(project, capsys, theme=theme)
    assert code == 2
    assert err[0].endswith('/templates/partials/footer.html:2: claims: "Guaranteed results.": a promise of a cure or '
                           'a certain outcome, which no treatment can keep (CAP 12.6, FTC) ("Guaranteed"); try: '
                           '"may help some people", "results vary"')  # fmt: skip


def test_a_claim_in_a_translation_catalogue_is_refused(project, tmp_path, capsys):
    theme = tmp_path / "theme"
    shutil.copytree(REPO / "themes/clinic", theme)
    po = theme / "translations/ur/LC_MESSAGES/messages.po"
    po.write_text(po.read_text() + '\nmsgid "Claim"\nmsgstr "یہ علاج بالکل محفوظ ہے۔"\n')
    code, err = run_build(project, capsys, theme=theme)
    assert code == 2 and "messages.po" in err[0] and "safety stated as absolute" in err[0]


def test_a_broken_rules_file_is_bad_input_with_its_line():
    with pytest.raises(claims.InputError) as raised:
        claims.compile_rules("hedges: [may]\ncategories:\n  absolute:\n    why: w\n    try: t\n"
                             "    rules:\n      - phrases: [..., cure]\n", "claims.yaml")  # fmt: skip
    assert [str(p) for p in raised.value.problems] == [
        'claims.yaml:7: categories.absolute.rules #1.phrases #1: expected a phrase, got "..." must start with a word '
        "or a number"
    ]


def test_the_claims_report_counts_each_category_and_the_command_exits_0_on_clean_content():
    hits = claims.scan("It cures.\nClinically proven. {# claims-ok authority: a quoted title #}\nThe best.\n", "x.md")
    report = claims.report(hits)
    assert 'x.md:1: absolute: "It cures." (REFUSED)' in report
    assert 'x.md:2: authority: "Clinically proven." (allowed: a quoted title)' in report
    assert "absolute               1       0" in report and "superiority            1       0" in report
    assert "authority              0       1" in report
    result = subprocess.run([sys.executable, "-m", "clinicsites.cli", "claims"], cwd=REPO, capture_output=True,
                            text=True, timeout=120)  # fmt: skip
    assert result.returncode == 0, result.stdout + result.stderr
    assert "rule             refused allowed" in result.stdout


def test_every_category_the_corpus_uses_is_a_category_of_the_rules():
    names = set(claims.load_rules().categories)
    assert names == {"absolute", "efficacy", "scope", "comparison", "safety", "authority", "speed", "numbers",
                     "testimonial", "mechanism", "superiority"}  # fmt: skip
    used = {entry["category"] for path in CORPUS.glob("claims-*.yaml") for entry in yaml.safe_load(path.read_text())}
    assert used <= names | {"none"}


def test_rules_are_compiled_once_per_rules_file_content(tmp_path):
    copy = tmp_path / "claims.yaml"
    copy.write_bytes(Path(claims.RULES_FILE).read_bytes())
    assert claims.load_rules(copy) is claims.load_rules()  # same bytes, same compiled rules, whatever the path
    copy.write_bytes(copy.read_bytes() + b"\n# a comment changes the bytes\n")
    assert claims.load_rules(copy) is not claims.load_rules()
