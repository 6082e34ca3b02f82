"""The own-text figure ``./run check`` prints: the same as a second, deliberately simple count of what search engines
see on the built sites, and it moves the right way when a clinic adds its own words."""

import re
import shutil
from html.parser import HTMLParser

import pytest
from conftest import REPO, build_project, write

from clinicsites import build as engine
from clinicsites import own_text
from clinicsites.clinics import load_config
from clinicsites.settings import load_settings

BASE = "https://acme.github.io/clinic-sites/"
#: The real clinics with their names confirmed: with sample: [name], every page of theirs is kept out of search.
CONFIRMED = (REPO / "clinics.yaml").read_text(encoding="utf-8").replace("    sample: [name]\n", "")
FIGURE = re.compile(r"^(\S+): (\d+)% of its indexed text is its own \(([\d,]+) of ([\d,]+) words")


class Reader(HTMLParser):
    """What a search engine takes from a page: its robots meta, canonical link and the text of <main>."""

    def __init__(self, html):
        super().__init__(convert_charrefs=True)
        self.noindex, self.canonical, self.text = False, None, []
        self._main = self._hidden = 0
        self.feed(html)

    def handle_starttag(self, tag, attrs):
        a = dict(attrs)
        if tag == "meta" and a.get("name") == "robots" and "noindex" in a.get("content", ""):
            self.noindex = True
        elif tag == "link" and a.get("rel") == "canonical":
            self.canonical = a.get("href")
        elif tag == "main":
            self._main += 1
        elif tag in ("script", "style", "template"):
            self._hidden += 1

    def handle_endtag(self, tag):
        if tag == "main":
            self._main -= 1
        elif tag in ("script", "style", "template"):
            self._hidden -= 1

    def handle_data(self, data):
        if self._main and not self._hidden:
            self.text.append(data)


def independent_count(output, base, slugs):
    """(own words, indexed words) per clinic: pages without noindex whose canonical is themselves, their <main>
    words, a word shared if in a run of five that another clinic's site or the guide also has."""
    sites = {}
    for site in [*slugs, "guide"]:
        sites[site] = []
        for path in sorted((output / site).rglob("*.html")):
            address = path.relative_to(output).as_posix().removesuffix("index.html")
            page = Reader(path.read_text(encoding="utf-8"))
            words = re.findall(r"\w+", " ".join(page.text).lower())
            sites[site].append((words, not page.noindex and page.canonical in (None, base + address)))
    counts = {}
    for slug in slugs:
        elsewhere = {tuple(words[i : i + 5]) for other, pages in sites.items() if other != slug
                     for words, _ in pages for i in range(len(words) - 4)}  # fmt: skip
        own = total = 0
        for words, indexed in sites[slug]:
            if indexed:
                shared = {j for i in range(len(words) - 4) if tuple(words[i : i + 5]) in elsewhere
                          for j in range(i, i + 5)}  # fmt: skip
                own, total = own + len(words) - len(shared), total + len(words)
        counts[slug] = (own, total)
    return counts


def figures(lines):
    """(own words, indexed words) per clinic from the lines ./run check prints."""
    found = {}
    for line in lines:
        match = FIGURE.match(line)
        if match:
            found[match[1]] = (int(match[3].replace(",", "")), int(match[4].replace(",", "")))
    return found


@pytest.fixture(scope="module")
def confirmed(tmp_path_factory):
    """The real clinics, names confirmed, published under a real address; and what ./run check prints for them."""
    root = tmp_path_factory.mktemp("confirmed")
    clinics = root / "clinics.yaml"
    clinics.write_text(CONFIRMED, encoding="utf-8")
    output = root / "public"
    engine.publish(clinics, output, REPO / "publishconf.py", base_url=BASE, allow_sample_facts=True)
    return clinics, output, engine.check(clinics, REPO / "pelicanconf.py").own_text


def test_the_figure_check_prints_is_the_independent_count_of_the_published_sites(confirmed):
    clinics, output, lines = confirmed
    config = load_config(clinics)
    slugs = [c.slug for c in config.clinics]
    counted = independent_count(output, BASE, slugs)
    settings = load_settings(REPO / "publishconf.py", {"BASE_URL": BASE})
    measured = {s.slug: (s.own, s.indexed) for s in own_text.measure(output, config, settings)}
    printed = figures(lines)
    assert set(printed) == {"baton-rouge", "rawalpindi"}, lines  # ms-thera-cure still has sample facts
    assert counted["ms-thera-cure"] == (0, 0) and measured["ms-thera-cure"] == (0, 0)
    for slug in printed:
        assert printed[slug] == measured[slug] == counted[slug], slug
        own, total = counted[slug]
        assert 0 < own < total and f"{own / total:.0%} of its indexed text is its own" in "\n".join(lines)


def test_check_names_the_pages_that_pull_the_figure_down(confirmed):
    _, output, lines = confirmed
    worst = lines[lines.index(next(x for x in lines if x.startswith("baton-rouge:"))) + 1]
    assert worst.startswith("  most shared: /baton-rouge/ ")  # the home page: mostly the theme's shared words
    for address, words, own in re.findall(r"(/\S+) ([\d,]+) words, (\d+)% own", worst):
        html = (output / address.strip("/") / "index.html").read_text()
        assert f'<link rel="canonical" href="{BASE}{address[1:]}">' in html, "only indexed pages are measured"
        assert int(words.replace(",", "")) > 0 and 0 <= int(own) <= 100


@pytest.fixture
def real_project(tmp_path):
    root = tmp_path / "project"
    shutil.copytree(REPO / "content", root / "content")
    (root / "clinics.yaml").write_text(CONFIRMED, encoding="utf-8")
    return root


def check(root, lines=None):
    found = engine.check(root / "clinics.yaml", REPO / "pelicanconf.py", {"PATH": str(root / "content")}).own_text
    if lines is not None:
        lines[:] = found
    return figures(found)["baton-rouge"]


def add_notes(root, lines):
    """Add lines to the end of Baton Rouge's entry."""
    path = root / "clinics.yaml"
    text = path.read_text(encoding="utf-8")
    end = text.index("\n\n  # Clinic B")
    path.write_text(text[:end] + "\n" + lines.rstrip("\n") + text[end:], encoding="utf-8")


OWN_PAGE = """
    ---
    title: Parking and the way in
    description: "Where to park and how to find the door."
    ---

    The car park behind the building is free for patients for the first two hours. Take the side door marked
    with the blue sign, then the lift to the second floor; the waiting room is the first door on the left. If the
    lift is out of order, ring the bell by the stairs and someone will come down to help you up.
    """
LONG_NOTE = ("We are on the second floor above the bakery; the side door with the blue sign leads to the lift. Free "
             "parking behind the building for two hours. Ring the bell by the stairs if the lift is out of order and "
             "someone will come down. Bring loose clothing and a list of the medicines you take.")  # fmt: skip


def test_the_figure_moves_the_right_way_when_a_clinic_adds_its_own_words(real_project):
    own, total = start = check(real_project)
    # Its own page: more own words, and a larger share.
    write(real_project / "content/clinics/baton-rouge/pages/parking.md", OWN_PAGE)
    with_page = check(real_project)
    assert with_page[0] >= own + 60 and with_page[0] / with_page[1] > own / total, (start, with_page)
    # A short note on a long shared page: shown, but the copy still points to the guide, so nothing is indexed anew.
    add_notes(real_project, "    notes:\n      conditions:\n        neck-pain: We treat many office workers.\n")
    lines = []
    assert check(real_project, lines) == with_page
    assert re.search(r"^  notes shown but too short .*: conditions/neck-pain \(5 words; \d{3} needed\)$",
                     "\n".join(lines), re.M), lines  # fmt: skip
    # A note that is most of a short shared page makes that page the clinic's own: indexed, and counted.
    add_notes(real_project, f"      pages:\n        visit-tips: {LONG_NOTE}\n")
    write(real_project / "content/shared/pages/visit-tips.md", """
        ---
        title: Tips for your visit
        description: "What to bring."
        ---

        Wear loose clothing. Bring a list of your medicines.
        """)  # fmt: skip
    with_note = check(real_project)
    assert with_note[0] > with_page[0] + 30 and with_note[0] / with_note[1] > with_page[0] / with_page[1]
    build_project(real_project)
    site = real_project / "output/baton-rouge"
    neck = (site / "conditions/neck-pain/index.html").read_text()
    assert "We treat many office workers." in neck
    assert '<link rel="canonical" href="http://127.0.0.1:8000/guide/conditions/neck-pain/">' in neck
    tips = (site / "visit-tips/index.html").read_text()
    assert '<link rel="canonical" href="http://127.0.0.1:8000/baton-rouge/visit-tips/">' in tips
    rawalpindi = (real_project / "output/rawalpindi/visit-tips/index.html").read_text()
    assert '<link rel="canonical" href="http://127.0.0.1:8000/guide/visit-tips/">' in rawalpindi


def test_a_build_sums_the_figure_up_in_one_line(confirmed, tmp_path):
    clinics, _, lines = confirmed
    engine.build(clinics, tmp_path / "output", REPO / "pelicanconf.py")
    line = engine.own_text_summary(clinics, tmp_path / "output", REPO / "pelicanconf.py")
    shares = [f"{slug} {own / total:.0%}" for slug, (own, total) in figures(lines).items()]
    assert line.startswith(f"Own text on the pages search engines index: {', '.join(shares)} ")
