"""Pages from pre-built parts (render/parts.py): joined pages equal full renders byte for byte, and a template
that decides on a page's value in a way the stand-ins cannot follow still gives every page right, in full."""

import shutil
from collections import Counter

import pytest
from conftest import REPO, build_project

from clinicsites import bench
from clinicsites import build as engine
from clinicsites.render import parts


@pytest.fixture
def synthetic(tmp_path, monkeypatch):
    """Synthetic clinics of the benchmark (alike, as most of a group's are), enough for parts to be used, with the
    real shared content."""
    monkeypatch.chdir(REPO)
    bench.make_input(tmp_path, parts.USED_FROM)
    return tmp_path


def build_synthetic(root, output=None, theme=None, **kwargs):
    kwargs.setdefault("search", False)  # the search index is not what these tests look at
    kwargs.setdefault("jobs", 1)  # in this process, where the tests count what parts did
    override = {"PATH": str(root / "content"), "CACHE_PATH": str(root / ".cache"),
                "THEME": str(theme or REPO / "themes/clinic")}  # fmt: skip
    return engine.build(root / "clinics.yaml", output or root / "output", settings_file=REPO / "pelicanconf.py",
                        override=override, **kwargs)  # fmt: skip


def snapshot(folder):
    return {p.relative_to(folder).as_posix(): p.read_bytes() for p in sorted(folder.rglob("*")) if p.is_file()}


@pytest.fixture
def joins(monkeypatch):
    """How many pages were joined from parts, and how many learnt a new kind, in this process."""
    counts = {"joined": 0, "learned": 0, "templates learnt from": []}

    def counting(name, method):
        def wrapper(self, *args, **kwargs):
            counts[name] += 1
            if name == "learned":
                counts["templates learnt from"].append(args[0])  # (template, language, the site's names...)
            return method(self, *args, **kwargs)

        return wrapper

    monkeypatch.setattr(parts.Parts, "_join", counting("joined", parts.Parts._join))
    monkeypatch.setattr(parts.Parts, "_learn", counting("learned", parts.Parts._learn))
    return counts


def build_in_full(root, output, monkeypatch, **kwargs):
    """The same build with every page rendered by Jinja alone, as before parts existed."""
    with monkeypatch.context() as patch:
        patch.setattr(parts.Parts, "render", lambda self, template, context, variables, language: template.render(
            {**context, **variables}))  # fmt: skip
        build_synthetic(root, output=root / output, full=True, **kwargs)


def copy_theme(root):
    theme = root / "theme"
    shutil.copytree(REPO / "themes/clinic", theme)
    return theme


def test_a_build_of_few_clinics_renders_in_full(project, joins):
    build_project(project, full=True)
    assert joins == {"joined": 0, "learned": 0, "templates learnt from": []}


def test_pages_joined_from_parts_equal_pages_rendered_in_full(synthetic, joins, monkeypatch):
    report = build_synthetic(synthetic, full=True)
    # Most pages are of a kind met before (the other clinic's copy of a shared page, a second post...).
    assert joins["joined"] >= report.pages // 3, joins
    build_in_full(synthetic, "in-full", monkeypatch)
    assert snapshot(synthetic / "output") == snapshot(synthetic / "in-full")


def test_a_template_deciding_on_a_page_value_unseen_falls_back_to_rendering_in_full(synthetic, joins, monkeypatch):
    # `page.slug in "..."` asks the string, not the value: a stand-in cannot answer it, so the pages of that
    # template are rendered in full, and each still shows the note only where its slug is named.
    theme = copy_theme(synthetic)
    page = theme / "templates/page.html"
    page.write_text(page.read_text().replace(
        "{% block content %}", '{% block content %}{% if page.slug in "faq safety" %}<p id="named">named</p>{% endif %}',
        1))  # fmt: skip
    build_synthetic(synthetic, theme=theme, full=True)
    out = synthetic / "output"
    for clinic in ("clinic-0000", "clinic-0007"):
        assert '<p id="named">' in (out / clinic / "faq/index.html").read_text()
        assert '<p id="named">' in (out / clinic / "safety/index.html").read_text()
        assert '<p id="named">' not in (out / clinic / "cost/index.html").read_text()
    assert joins["joined"] > 0  # the other templates still join their pages
    # 7 shared pages in every clinic use page.html: after 8 failed lessons its pages stop being probed (the
    # guide's 7 pages are another tree: a site without a clinic).
    lessons = Counter(key for key in joins["templates learnt from"] if key[0] == "page.html")
    assert sorted(lessons.values()) == [7, 8]
    build_in_full(synthetic, "in-full", monkeypatch, theme=theme)
    assert snapshot(out) == snapshot(synthetic / "in-full")


def test_what_a_filter_makes_of_a_page_value_is_made_again_for_each_page(synthetic, joins, monkeypatch):
    # A filter's result is derived per page, not copied from the page the kind was learnt from.
    theme = copy_theme(synthetic)
    page = theme / "templates/page.html"
    page.write_text(page.read_text().replace(
        "{% block content %}", '{% block content %}<p id="shout">{{ page.title|upper|truncate(12) }} & '
        "{{ (page.title ~ '<&>')|length }}</p>", 1))  # fmt: skip
    build_synthetic(synthetic, theme=theme, full=True)
    assert joins["joined"] > 0
    build_in_full(synthetic, "in-full", monkeypatch, theme=theme)
    assert snapshot(synthetic / "output") == snapshot(synthetic / "in-full")
    shouts = {p.read_text().split('<p id="shout">')[1].split("</p>")[0] for p in (synthetic / "output").rglob("*.html")
              if '<p id="shout">' in p.read_text()}  # fmt: skip
    assert len(shouts) > 2  # a different title on different pages, not one learnt title everywhere


def test_values_with_html_characters_are_escaped_as_jinja_escapes_them(synthetic, joins, monkeypatch):
    # A clinic's name (the site's slot, in the header, footer and titles) and a post's title (the page's slot)
    # with every character HTML escapes; the other clinics' pages are joined from what clinic-0001's taught.
    clinics = synthetic / "clinics.yaml"
    clinics.write_text(clinics.read_text().replace("name: Synthetic Clinic 2", 'name: O\'Brien & "Sons" <Clinic>'))
    post = synthetic / "content/clinics/clinic-0002/posts/2026-01-15-update-0.md"
    post.write_text(post.read_text().replace("title: Update 0 from clinic 2", "title: 'Open <late> & \"early\"'"))
    build_synthetic(synthetic, full=True)
    assert joins["joined"] > 0
    page = (synthetic / "output/clinic-0002/news/update-0/index.html").read_text()
    assert "O&#39;Brien &amp; &#34;Sons&#34; &lt;Clinic&gt;" in page
    assert "<h1>Open &lt;late&gt; &amp; &#34;early&#34;</h1>" in page
    build_in_full(synthetic, "in-full", monkeypatch)
    assert snapshot(synthetic / "output") == snapshot(synthetic / "in-full")


def test_a_clinics_own_facts_make_no_kinds_of_their_own(tmp_path, joins, monkeypatch):
    # Every clinic's name and town differ from the others'. A template that compares them ("is the town in the
    # name?") decides on the comparison, so twice the clinics learn no more kinds and most pages are joined; the
    # clinic whose name holds its town still gets the page Jinja alone would give.
    monkeypatch.chdir(REPO)
    learned = {}
    for count in (parts.USED_FROM, 2 * parts.USED_FROM):
        root = tmp_path / str(count)
        clinics = bench.make_input(root, count)
        clinics.write_text(clinics.read_text().replace("name: Synthetic Clinic 1\n", "name: Town 1 Dry Needling\n"))
        joins["learned"] = joins["joined"] = 0
        report = build_synthetic(root, full=True)
        learned[count] = joins["learned"]
    assert learned[2 * parts.USED_FROM] == learned[parts.USED_FROM], learned
    assert joins["joined"] >= 0.75 * report.pages, (joins["joined"], report.pages)
    build_in_full(root, "in-full", monkeypatch)
    assert snapshot(root / "output") == snapshot(root / "in-full")
    assert 'class="town in-name"' in (root / "output/clinic-0001/index.html").read_text()
    assert 'class="town in-name"' not in (root / "output/clinic-0010/index.html").read_text()
