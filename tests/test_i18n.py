"""Clinic sites in more than one language: a site per language, translations linked both ways, right to left."""

import re
import shutil
from html.parser import HTMLParser

import pytest
from conftest import REPO, build_project, write

from clinicsites import build as engine
from clinicsites import commands
from clinicsites.render import i18n

NECK_UR = """
    ---
    title: گردن کا درد
    headline: "{{ clinic.address.locality }} میں گردن کے درد کے لیے ڈرائی نیڈلنگ"
    description: "{{ clinic.address.locality }} میں گردن کے درد کی دیکھ بھال۔"
    translation_reviewed: 2026-11-30
    ---

    گردن کا درد کم ہو سکتا ہے۔ نتائج ہر شخص میں مختلف ہوتے ہیں۔
    """
FAQ_UR = """
    ---
    title: سوالات
    description: عام سوالات اور جواب۔
    translation_reviewed: false
    ---

    ## کیا اس میں درد ہوتا ہے؟

    عام طور پر تھوڑی سی دکھن۔
    """


class Links(HTMLParser):
    def __init__(self, html):
        super().__init__()
        self.alternates, self.switch, self.html_attrs = [], [], {}
        self.feed(html)

    def handle_starttag(self, tag, attrs):
        a = dict(attrs)
        if tag == "html":
            self.html_attrs = a
        elif tag == "link" and a.get("rel") == "alternate" and a.get("hreflang"):
            self.alternates.append((a["hreflang"], a["href"]))
        elif tag == "a" and a.get("hreflang"):
            self.switch.append((a["hreflang"], a["href"]))


def reviewed_theme(folder):
    """A copy of the theme whose Urdu catalogue a fluent speaker has marked reviewed."""
    theme = folder / "theme"
    shutil.copytree(REPO / "themes/clinic", theme)
    po = theme / "translations/ur/LC_MESSAGES/messages.po"
    po.write_text(po.read_text(encoding="utf-8").replace('"X-Reviewed: no\\n"', '"X-Reviewed: yes\\n"'), "utf-8")
    assert i18n.reviewed(theme, "ur")
    return theme


@pytest.fixture
def bilingual(project):
    """South publishes in English and Urdu; one shared page is translated and reviewed, the FAQ not yet reviewed,
    and the theme's Urdu words are reviewed."""
    clinics = project / "clinics.yaml"
    clinics.write_text(clinics.read_text().replace("    conditions: [neck-pain]", "    conditions: [neck-pain]\n"
                                                   "    languages: [en, ur]\n    shared_pages: index"))  # fmt: skip
    write(project / "content/shared/conditions/neck-pain.ur.md", NECK_UR)
    write(project / "content/shared/pages/faq.ur.md", FAQ_UR)
    build_project(project, reviewed_theme(project.parent))
    return project / "output"


def test_each_language_is_a_site_of_its_own_with_only_the_pages_written_in_it(bilingual):
    ur = bilingual / "south/ur"
    assert (ur / "index.html").is_file() and (ur / "contact/index.html").is_file()
    assert (ur / "conditions/neck-pain/index.html").is_file() and (ur / "faq/index.html").is_file()
    assert not (ur / "about-treatment").exists(), "an untranslated page is not published in Urdu"
    assert not (ur / "benefits").exists() and not (ur / "news").exists()
    page = Links((ur / "conditions/neck-pain/index.html").read_text())
    assert page.html_attrs == {"lang": "ur", "dir": "rtl"}
    assert (
        "<h1>Southville میں گردن کے درد کے لیے ڈرائی نیڈلنگ</h1>"
        in (ur / "conditions/neck-pain/index.html").read_text()
    )
    assert not (bilingual / "north/ur").exists()


def test_hreflang_alternates_are_reciprocal_and_lead_to_pages_that_exist(bilingual):
    base = "http://127.0.0.1:8000/"
    found = {}
    for path in sorted((bilingual / "south").rglob("*.html")):
        address = base + path.relative_to(bilingual).as_posix().removesuffix("index.html")
        found[address] = Links(path.read_text())
    with_alternates = {a: p for a, p in found.items() if p.alternates}
    assert len(with_alternates) >= 4  # home, contact, the conditions list and neck pain, in both languages
    for address, page in with_alternates.items():
        langs = dict(page.alternates)
        assert langs["x-default"] == langs["en"]
        assert address in langs.values(), address
        for _lang, href in page.alternates:
            assert href in found, (address, href)
            assert address in dict(found[href].alternates).values(), (address, href)


def test_the_switcher_names_each_language_in_itself_and_offers_only_existing_pages(bilingual):
    page = (bilingual / "south/conditions/neck-pain/index.html").read_text()
    link = re.search(r'<a class="header-control lang-link" href="../../ur/conditions/neck-pain/" hreflang="ur">(.*?)</a>',
                     page)  # fmt: skip
    assert link and link.group(1).endswith('<span lang="ur">اردو</span>'), "the link names Urdu in Urdu, marked so"
    about = Links((bilingual / "south/about-treatment/index.html").read_text())
    assert about.switch == [], "no Urdu version, so no Urdu link"


def test_an_unreviewed_translation_is_published_noindex_and_says_so(bilingual):
    faq = (bilingual / "south/ur/faq/index.html").read_text()
    assert '<meta name="robots" content="noindex">' in faq
    assert faq.index('class="notice-translation"') < faq.index("<main")
    english = Links((bilingual / "south/faq/index.html").read_text())
    assert "ur" not in dict(english.alternates), "hreflang never points at a page search engines are told to skip"


def test_theme_words_dates_and_structured_data_are_in_the_site_language(bilingual):
    home = (bilingual / "south/ur/index.html").read_text()
    assert "کال کریں" in home and '"inLanguage":"ur"' in home
    assert '<link rel="stylesheet" href="../theme/css/lang-ur.css">' in home
    assert "lang-ur.css" not in (bilingual / "south/index.html").read_text()
    assert (bilingual / "south/theme/fonts/ur/naskh-regular.woff2").is_file()
    assert not (bilingual / "north/theme/fonts").exists(), "an English-only site does not carry the Urdu font"
    assert (
        i18n.Language("ur").day("monday") == "پیر"
        and i18n.Language("en", "US").date(__import__("datetime").date(2026, 11, 20)) == "November 20, 2026"
    )


def test_a_translation_must_have_an_original_and_the_same_clinic_tags(project, capsys):
    write(
        project / "content/shared/pages/missing.ur.md",
        "---\ntitle: x\ndescription: x\ntranslation_reviewed: false\n---\n",
    )
    write(
        project / "content/shared/conditions/neck-pain.ur.md",
        NECK_UR.replace('description: "{{ clinic.address.locality }}', 'description: "{{ clinic.name }}'),
    )
    code = commands.run(lambda: build_project(project))
    err = capsys.readouterr().err.splitlines()
    assert code == 2
    assert (
        "content/shared/conditions/neck-pain.ur.md:4: translation: expected the same clinic tags as the original "
        "({{ clinic.address.locality }}), got {{ clinic.address.locality }}, {{ clinic.name }}"
    ) in err
    assert (
        "content/shared/pages/missing.ur.md:1: translation: expected its original, missing.md, beside it "
        "(a translation is named after its original)"
    ) in err


def test_check_fails_for_a_theme_word_not_translated_into_a_published_language(project, tmp_path):
    import shutil

    theme = tmp_path / "theme"
    shutil.copytree(REPO / "themes/clinic", theme)
    po = theme / "translations/ur/LC_MESSAGES/messages.po"
    po.write_text(re.sub(r'msgid "Book online"\nmsgstr "[^"]*"', 'msgid "Book online"\nmsgstr ""', po.read_text()))
    clinics = project / "clinics.yaml"
    clinics.write_text(clinics.read_text().replace("    conditions: [neck-pain]", "    conditions: [neck-pain]\n"
                                                   "    languages: [en, ur]"))  # fmt: skip
    code = commands.run(lambda: engine.check(clinics, REPO / "pelicanconf.py",
                                             {"PATH": str(project / "content"), "THEME": str(theme)}))  # fmt: skip
    assert code == 2


def test_a_change_a_translation_inherits_from_its_original_reaches_its_page(project, tmp_path):
    # The Urdu page takes front matter it does not set (here whether the lung-risk safety note shows) from the
    # English original; a clinic that publishes in Urdu alone has only the translation in its site.
    clinics = project / "clinics.yaml"
    clinics.write_text(clinics.read_text().replace("    conditions: [neck-pain]", "    conditions: [neck-pain]\n"
                                                   "    languages: [ur]\n    shared_pages: index"))  # fmt: skip
    write(project / "content/shared/conditions/neck-pain.ur.md", NECK_UR)
    theme = reviewed_theme(tmp_path)
    build_project(project, theme)
    page = project / "output/south/conditions/neck-pain/index.html"
    before = page.read_text()
    original = project / "content/shared/conditions/neck-pain.md"
    original.write_text(original.read_text().replace("lung_risk: true", "lung_risk: false"))
    build_project(project, theme)
    build_project(project, theme, output=project / "clean", full=True)
    assert page.read_text() != before
    assert page.read_text() == (project / "clean/south/conditions/neck-pain/index.html").read_text()
