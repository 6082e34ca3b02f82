"""What a patient reads, checked in the real sites' HTML (issue 23): text written once, Urdu pages in Urdu, the
Urdu font holding every letter they use, questions that open without JavaScript, headings that promise only
what the clinic offers, a body map whose numbers agree, and every theme word offered for translation."""

import json
import re
from html.parser import HTMLParser
from pathlib import Path

import pytest
from babel.messages.pofile import read_po
from conftest import build_project, write
from fontTools.ttLib import TTFont

from clinicsites import build as engine
from clinicsites import fonts
from clinicsites.clinics import load_config

REPO = Path(__file__).resolve().parent.parent
CONFIG = load_config(REPO / "clinics.yaml")
THEME = REPO / "themes/clinic"
#: An entity escaped a second time ("This clinic&amp;rsquo;s fees"): the page shows "&rsquo;" to the patient.
DOUBLE_ESCAPED = re.compile(r"&amp;(#\d+|#x[0-9a-f]+|[a-z][a-z0-9]*);", re.I)
LATIN_WORD = re.compile(r"[A-Za-z]{2,}")


@pytest.fixture(scope="module")
def site(tmp_path_factory):
    output = tmp_path_factory.mktemp("patient") / "output"
    engine.build(REPO / "clinics.yaml", output, REPO / "pelicanconf.py", search=False)
    return output


#: A clinic in English and Urdu that shows every condition, beside the real ones (the real clinics show only the
#: conditions their own pages list, which leaves parts of the body map empty).
EVERY_CONDITION = """
  - slug: every-condition
    name: Every Condition Physio
    address: {street: 3 Test Road, locality: Rawalpindi, region: Punjab, country: PK}
    phones: ["+92 300 0000003"]
    languages: [en, ur]
    conditions: all
"""


@pytest.fixture(scope="module")
def every_condition(tmp_path_factory):
    root = tmp_path_factory.mktemp("every-condition")
    clinics = root / "clinics.yaml"
    clinics.write_text((REPO / "clinics.yaml").read_text(encoding="utf-8") + EVERY_CONDITION, encoding="utf-8")
    engine.build(
        clinics, root / "output", REPO / "pelicanconf.py", search=False, override={"PATH": str(REPO / "content")}
    )
    return root / "output"


def urdu_pages(site: Path) -> list[Path]:
    found = [p for p in sorted(site.rglob("*.html")) if 'dir="rtl"' in p.read_text(encoding="utf-8")[:300]]
    assert found, "the real clinics publish Urdu pages"
    return found


def test_no_page_shows_an_entity_escaped_twice(site):
    assert DOUBLE_ESCAPED.search("This clinic&amp;rsquo;s fees"), "the check finds what it looks for"
    assert not DOUBLE_ESCAPED.search("Fish &amp; chips, This clinic&rsquo;s fees")
    found = [f"{p.relative_to(site)}: {m.group()}" for p in sorted(site.rglob("*.html"))
             for m in DOUBLE_ESCAPED.finditer(p.read_text(encoding="utf-8"))]  # fmt: skip
    assert not found, found[:20]
    # The contents list names a heading with an apostrophe as the heading itself does.
    cost = (site / "baton-rouge/cost/index.html").read_text()
    assert "This clinic&rsquo;s fees</a>" in cost or "This clinic’s fees</a>" in cost


class Words(HTMLParser):
    """Latin-script words a reader meets on a page: its text, title, description and the labels of its controls,
    but what is marked as another language (lang="en"), scripts and styles."""

    SKIP = frozenset({"script", "style"})
    VOID = frozenset(
        {"area", "base", "br", "col", "embed", "hr", "img", "input", "link", "meta", "source", "track", "wbr"}
    )

    def __init__(self, html: str):
        super().__init__(convert_charrefs=True)
        self.stack: list[tuple[str, dict]] = []
        self.words: list[tuple[str, str]] = []  # (where, word)
        self.feed(html)

    def _hidden(self) -> bool:
        return any(tag in self.SKIP or (tag != "html" and attrs.get("lang", "ur") != "ur") for tag, attrs in self.stack)

    def handle_starttag(self, tag, attrs):
        a = {k: v or "" for k, v in attrs}
        if not self._hidden():
            texts = [a.get(k, "") for k in ("alt", "title", "aria-label", "placeholder")]
            texts += [a.get("content", "")] if tag == "meta" and a.get("name") == "description" else []
            self.words += [(f"<{tag}> attribute", w) for text in texts for w in LATIN_WORD.findall(text)]
        if tag not in self.VOID:
            self.stack.append((tag, a))

    def handle_endtag(self, tag):
        while self.stack and self.stack.pop()[0] != tag:
            pass

    def handle_data(self, data):
        if not self._hidden():
            where = f"<{self.stack[-1][0]}>" if self.stack else "text"
            self.words += [(where, w) for w in LATIN_WORD.findall(data)]


def names_and_addresses() -> set[str]:
    """The Latin words of names and addresses as clinics.yaml writes them (and the initials the header shows)."""
    facts = [CONFIG.brand.name]
    for clinic in CONFIG.clinics:
        facts += [clinic.name, *(p.name for p in clinic.practitioners)]
        if clinic.address:
            facts += [clinic.address.street or "", clinic.address.locality, clinic.address.region or ""]
        facts += ["".join(w[0] for w in clinic.name.split()[:2]).upper()]
    return {w for fact in facts for w in LATIN_WORD.findall(fact)}


def test_urdu_pages_have_no_english_but_names_addresses_and_marked_terms(site):
    allowed = names_and_addresses()
    found = {}
    for page in urdu_pages(site):
        for where, word in Words(page.read_text(encoding="utf-8")).words:
            if word not in allowed:
                found.setdefault(f"{word} ({where})", []).append(str(page.relative_to(site)))
    assert not found, "Latin-script words on Urdu pages:\n" + "\n".join(
        f"{word}: {len(pages)} page(s), e.g. {pages[0]}" for word, pages in sorted(found.items())
    )


def test_urdu_pages_name_the_town_and_label_the_phone_in_urdu(site):
    home = (site / "rawalpindi/ur/index.html").read_text()
    assert re.search(r"<h1>راولپنڈی میں .*</h1>", home), "the heading names the town in Urdu"
    body = re.sub(r"<script.*?</script>|<[^>]+>", " ", home.split("</head>")[1], flags=re.S)  # what a patient reads
    assert "Rawalpindi" not in re.search(r"<title>(.*?)</title>", home).group(1) + body
    assert "موبائل" in home and ">Mobile<" not in home
    assert "راولپنڈی، پنجاب" in home, "an address written in Urdu is joined with the Urdu comma"
    condition = (site / "guide/ur/conditions/neck-pain/index.html").read_text()
    assert "متعلقہ صفحات" in condition and "Related pages" not in condition
    english = (site / "rawalpindi/index.html").read_text()
    assert "<h1>Dry needling in Rawalpindi</h1>" in english and "راولپنڈی" not in english


def test_every_character_on_urdu_pages_is_in_both_weights_of_the_font(site):
    used = fonts.used_characters(site)
    assert len(used) > 40, "Urdu pages use Urdu's letters"
    for face in ("naskh-regular.woff2", "naskh-bold.woff2"):
        cmap = TTFont(THEME / "static/fonts/ur" / face).getBestCmap()
        missing = sorted(ch for ch in used if ord(ch) not in cmap)
        assert not missing, f"{face} lacks {[f'U+{ord(c):04X} {c}' for c in missing]}: run ./run fonts"


def test_the_fallback_faces_are_sized_like_the_web_font(site):
    if not (fonts.SOURCE / fonts.FACES[0][0]).is_file():
        pytest.skip("Debian's fonts-noto-core is not installed")
    written = (THEME / "static/css/lang-ur.css").read_text()
    stack = re.search(r":root:lang\(ur\) \{ font-family: ([^;]+);", written).group(1)
    assert stack.index('"Urdu Naskh"') < stack.index('"Urdu Naskh Local"') < stack.index('"Urdu Sans Fallback"')
    expected = fonts.fallback_css(fonts.used_characters(site))
    for rule in expected.splitlines()[1:-1]:
        family, weight = re.search(r'font-family: "([^"]+)";.*font-weight: (\d+)', rule).groups()
        mine = re.search(rf'font-family: "{family}";[^}}]*font-weight: {weight};[^}}]*', written)
        assert mine, f"lang-ur.css has no {family} {weight} face: run ./run fonts"
        for descriptor in ("size-adjust", "ascent-override", "descent-override"):
            want = float(re.search(rf"{descriptor}: ([\d.]+)%", rule).group(1))
            have = float(re.search(rf"{descriptor}: ([\d.]+)%", mine.group()).group(1))
            assert abs(have - want) <= 1.0, f"{family} {weight} {descriptor} {have}% (measured {want}%)"


def test_each_urdu_page_preloads_both_weights_of_its_font(site):
    for page in urdu_pages(site)[:5]:
        head = page.read_text().split("</head>")[0]
        for face in ("naskh-regular.woff2", "naskh-bold.woff2"):
            assert re.search(rf'<link rel="preload" href="[^"]*/fonts/ur/{face}" as="font" type="font/woff2" crossorigin>',
                             head), (page, face)  # fmt: skip
        assert head.index('rel="preload"') < head.index("lang-ur.css")
    assert "preload" not in (site / "rawalpindi/index.html").read_text().split("</head>")[0]


def test_faq_answers_open_without_javascript_and_stay_in_the_page_and_its_structured_data(site):
    questions = re.findall(r"^## (.+[?؟])\s*$", (REPO / "content/shared/pages/faq.md").read_text(), re.M)
    html = (site / "rawalpindi/faq/index.html").read_text()
    summaries = re.findall(r'<details class="expander" id="[^"]+"><summary>(.*?)</summary>', html)
    assert len(summaries) == len(questions) > 10
    assert "<h2" not in html.split('<article class="prose">')[1].split("</article>")[0].split('class="sources"')[0]
    data = json.loads(re.search(r'<script type="application/ld\+json">(.*?)</script>', html, re.S).group(1))
    faq = next(node for node in data["@graph"] if node["@type"] == "FAQPage")
    assert len(faq["mainEntity"]) == len(questions)
    first = faq["mainEntity"][0]["acceptedAnswer"]["text"]
    assert first.startswith("It is a treatment") and first in re.sub(r"<[^>]+>", "", html.replace("\n", " "))


@pytest.mark.parametrize(
    ("facts", "heading"),
    [
        ("", "Call us"),
        ("    email: desk@example.org\n", "Call or message"),
        ("    booking_url: https://example.org/book\n", "Call or book"),
        ("    email: desk@example.org\n    booking_url: https://example.org/book\n", "Call, message or book"),
    ],
)
def test_the_contact_heading_names_only_what_the_clinic_offers(project, facts, heading):
    clinics = project / "clinics.yaml"
    clinics.write_text(clinics.read_text().replace("  - slug: north\n", "  - slug: north\n" + facts))
    build_project(project)
    html = (project / "output/north/contact/index.html").read_text()
    assert f'<h2 id="reach-title">{heading}</h2>' in html
    assert ("book" in heading) == ("Book online" in html), "the heading offers booking only where there is a link"


def test_the_body_map_numbers_each_area_the_same_in_the_figures_and_the_list_and_mirrors_right_to_left(every_condition):
    site = every_condition

    def spots(page):
        html = (site / page).read_text()
        figure = {href: (float(x), n) for href, x, n in re.findall(
            r'<a href="#(region-[a-z-]+)" tabindex="-1" class="bm-spot">.*?<text x="([\d.]+)" y="[\d.]+">(\d+)</text>',
            html)}  # fmt: skip
        listed = dict(
            re.findall(r'<li><a href="#(region-[a-z-]+)"><span class="bm-num" aria-hidden="true">(\d+)<', html)
        )
        return figure, listed

    for page in ("every-condition/conditions/index.html", "every-condition/ur/conditions/index.html"):
        figure, listed = spots(page)
        assert figure and {k: n for k, (_, n) in figure.items()} == listed, page
        # Numbered down the front figure, then down the back one.
        assert sorted(listed.values(), key=int) == [str(i) for i in range(1, len(listed) + 1)]
    english = spots("every-condition/conditions/index.html")[0]
    urdu = spots("every-condition/ur/conditions/index.html")[0]
    assert english["region-head"][0] < 160 < urdu["region-head"][0], "the front figure comes first in reading order"
    assert "bm-off" not in (site / "every-condition/conditions/index.html").read_text(), "no unexplained grey dots"


def test_the_home_page_points_to_the_body_map_instead_of_listing_every_area(site):
    home = (site / "rawalpindi/index.html").read_text()
    assert 'class="regions"' not in home and home.count('class="chips"') == 1
    assert re.search(r'<a class="button secondary" href="\./conditions/">.*Find your problem on the body map</a>', home)


def test_every_word_in_the_templates_is_offered_for_translation():
    with open(THEME / "translations/messages.pot", "rb") as file:
        offered = {m.id if isinstance(m.id, str) else m.id[0] for m in read_po(file) if m.id}
    written = set()
    for template in sorted((THEME / "templates").rglob("*.html")):
        text = template.read_text()
        for quoted in re.findall(r'\b(?:_|gettext|ngettext)\(\s*("(?:[^"\\]|\\.)*"|\'(?:[^\'\\]|\\.)*\')', text):
            written.add(quoted[1:-1].replace('\\"', '"').replace("\\'", "'"))
    assert len(written) > 150
    assert not written - offered, f"not in messages.pot (./run translations): {sorted(written - offered)[:10]}"


def test_a_clinic_name_given_in_urdu_heads_its_urdu_pages(project):
    clinics = project / "clinics.yaml"
    text = clinics.read_text().replace(
        "    name: Southside Physio\n", "    name: {en: Southside Physio, ur: ساؤتھ سائیڈ فزیو}\n"
    )
    clinics.write_text(
        text.replace("    conditions: [neck-pain]", "    conditions: [neck-pain]\n    languages: [en, ur]")
    )
    write(
        project / "content/shared/conditions/neck-pain.ur.md",
        "---\ntitle: گردن کا درد\ndescription: گردن۔\ntranslation_reviewed: false\n---\n\n"
        "{{ clinic.address.locality }} میں گردن کا درد۔\n",
    )
    build_project(project)
    urdu = (project / "output/south/ur/conditions/neck-pain/index.html").read_text()
    english = (project / "output/south/conditions/neck-pain/index.html").read_text()
    assert '<bdi class="name">ساؤتھ سائیڈ فزیو</bdi>' in urdu and "Southside Physio" not in urdu.split("</head>")[1]
    assert '<bdi class="name">Southside Physio</bdi>' in english and "ساؤتھ" not in english
