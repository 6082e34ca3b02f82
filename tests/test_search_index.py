"""The search indexes: shared text indexed once (in the guide), each clinic's own pages in its own small index,
the text they hold free of cards and with its word breaks, and an index made again only when its text changes."""

import gzip
import json
import re
import shutil
from html.parser import HTMLParser

import pytest
from conftest import REPO, build_project, with_guide

from clinicsites.errors import BuildError

JOBS = ("east", "guide", "north", "south")


@pytest.fixture
def guide(project):
    with_guide(project)
    build_project(project)
    return project


def fragments(site):
    """Each page in a site's index: its address and the text Pagefind stored for it (decoded as its script does)."""
    found = {}
    for path in sorted((site / "pagefind/fragment").iterdir()):
        data = json.loads(gzip.decompress(path.read_bytes()).removeprefix(b"pagefind_dcd"))
        found[data["url"]] = data["content"]
    return found


def languages(site):
    entry = json.loads((site / "pagefind/pagefind-entry.json").read_text())
    return {lang: meta["page_count"] for lang, meta in entry["languages"].items()}


def test_shared_text_is_indexed_once_in_the_guide_and_each_clinic_indexes_its_own_pages(guide):
    content, output = guide / "content", guide / "output"
    # Counted from the content folder: every shared page in the guide, each translation in its language's index.
    shared = [p for p in (content / "shared").rglob("*.md") if p.suffixes == [".md"]]
    translated = list((content / "shared").rglob("*.ur.md"))
    assert languages(output / "guide") == {"en": len(shared), "ur": len(translated)}
    # A clinic: its own files, and its home and contact pages, in each of its languages.
    for slug, langs in (("north", ["en"]), ("south", ["en"]), ("east", ["en", "ur"])):
        own = [p.suffixes[-2][1:] if len(p.suffixes) > 1 else "en" for p in (content / "clinics" / slug).rglob("*.md")]
        expected = {lang: own.count(lang) + 2 for lang in langs}
        assert languages(output / slug) == expected, slug
        text = " ".join(fragments(output / slug).values())
        assert "trapezius" not in text and "two to four" not in text, slug  # shared text is the guide's alone
    assert "trapezius" in " ".join(fragments(output / "guide").values())


class Words(HTMLParser):
    """Every word a page's main content shows, read independently of the indexer: a break at every tag."""

    def __init__(self, html):
        super().__init__()
        self.depth, self.skip, self.words = 0, 0, set()
        self.feed(html)

    def handle_starttag(self, tag, attrs):
        self.depth += tag == "main" or (self.depth > 0 and tag not in ("br", "img", "input", "meta", "link"))
        self.skip += self.depth > 0 and tag in ("script", "style", "svg")

    def handle_endtag(self, tag):
        self.skip -= self.skip > 0 and tag in ("script", "style", "svg")
        self.depth -= self.depth > 0

    def handle_data(self, data):
        if self.depth and not self.skip:
            self.words.update(_words(data))


def _words(text):
    return {w for w in re.split(r"[\s.,;:!?؟۔،“”\"'()’‘–—·/]+", text) if w}  # punctuation and dashes part words


def test_indexed_text_keeps_every_word_apart_and_leaves_out_cards_and_contents(guide):
    output = guide / "output"
    for job in JOBS:
        for url, text in fragments(output / job).items():
            page = (output / job / url.lstrip("/") / "index.html").read_text()
            shown = Words(page).words
            joined = _words(text) - shown
            assert not joined, (job, url, joined)  # e.g. "دردڈرائی": two words run together
            assert "Related pages" not in text and "Contents" not in text, (job, url)
            for card in re.findall(r'<li class="card">.*?<p>(.*?)</p>', page):
                assert card not in text, (job, url, card)


def made(project, **kwargs):
    """Build, and say which jobs' indexes were made again."""
    return set(build_project(project, **kwargs).indexed)


def edit(path, old, new):
    text = path.read_text()
    assert old in text, path
    path.write_text(text.replace(old, new))


def test_the_first_build_indexes_every_job_and_an_unchanged_one_none(project):
    with_guide(project)
    assert made(project) == set(JOBS)
    assert made(project) == set()
    assert made(project, full=True) == set()  # every page rendered again, the same text


def test_a_post_edit_reindexes_only_its_clinic(guide):
    edit(guide / "content/clinics/east/posts/2026-11-05-welcome.md", "evening", "late evening")
    assert made(guide) == {"east"}
    assert "late evening" in " ".join(fragments(guide / "output/east").values())


def test_a_shared_page_edit_reindexes_only_the_guide(guide):
    edit(guide / "content/shared/conditions/neck-pain.md", "trapezius knots", "trapezius and scalene knots")
    assert made(guide) == {"guide"}
    assert "scalene" in " ".join(fragments(guide / "output/guide").values())


def test_a_template_edit_reindexes_only_where_the_indexed_text_changes(guide, tmp_path):
    theme = tmp_path / "theme"
    shutil.copytree(REPO / "themes/clinic", theme)
    build_project(guide, theme=theme)  # the same templates from another folder: every page rendered again
    # The action panel is left out of the index: every page changes, no index does.
    edit(theme / "templates/partials/action_panel.html", "</section>", "<p>Walk-ins welcome.</p></section>")
    assert made(guide, theme=theme) == set()
    assert "Walk-ins welcome." in (guide / "output/north/conditions/neck-pain/index.html").read_text()
    # The contact page's heading is indexed text: every clinic's index changes, the guide's does not.
    edit(theme / "templates/contact.html", '<h2 id="address-title">', '<h2 id="address-title">Visit us: ')
    assert made(guide, theme=theme) == {"east", "north", "south"}


def test_a_build_without_indexes_leaves_them_to_be_made_by_the_next(guide):
    edit(guide / "content/clinics/north/posts/2026-11-01-open.md", "North clinic news.", "North clinic hamstrings.")
    assert made(guide, search=False) == set()  # the preview's rebuilds
    assert "hamstrings" not in " ".join(fragments(guide / "output/north").values())
    assert made(guide) == {"north"}
    assert "hamstrings" in " ".join(fragments(guide / "output/north").values())


def snapshot(folder):
    return {p.relative_to(folder).as_posix(): p.read_bytes() for p in sorted(folder.rglob("*")) if p.is_file()}


def test_indexes_are_the_same_bytes_whatever_the_workers_and_however_built(guide, monkeypatch):
    monkeypatch.setattr("clinicsites.parallel.PARALLEL_FROM", 1)
    build_project(guide, output=guide / "workers", jobs=2)
    edit(guide / "content/shared/conditions/neck-pain.md", "trapezius knots", "trapezius and scalene knots")
    build_project(guide, jobs=2)  # incremental, in worker processes
    build_project(guide, output=guide / "clean", jobs=1, full=True)
    build_project(guide, output=guide / "workers", jobs=2)
    for job in JOBS:
        clean = snapshot(guide / "clean" / job / "pagefind")
        assert snapshot(guide / "output" / job / "pagefind") == clean, job
        assert snapshot(guide / "workers" / job / "pagefind") == clean, job


def test_markup_the_indexer_does_not_read_is_a_located_build_error(project, tmp_path):
    theme = tmp_path / "theme"
    shutil.copytree(REPO / "themes/clinic", theme)
    edit(theme / "templates/contact.html", '<h2 id="hours-title">', '<h2 id="hours-title" data-pagefind-meta="x">')
    with pytest.raises(BuildError) as caught:
        build_project(project, theme=theme)
    assert str(caught.value).startswith(
        "search: north/contact/index.html: expected no data-pagefind- attribute but "
        "-body and -ignore (the index reads no other), got data-pagefind-meta on <h2>"
    )
