"""Incremental builds: only what changed is rendered again, and the result equals a clean build byte for byte."""

import shutil

import pytest
from conftest import REPO, build_project

# output/index.html and output/404.html: rendered again only when clinics.yaml, the theme or the settings change
# (a process that builds again, as the preview and these tests do, keeps what it rendered last time).
DIRECTORY_PAGES = 2


def snapshot(folder):
    return {p.relative_to(folder).as_posix(): p.read_bytes() for p in sorted(folder.rglob("*")) if p.is_file()}


def assert_same_as_clean_build(project, **kwargs):
    clean = build_project(project, output=project / "clean", full=True, **kwargs)
    assert snapshot(project / "output") == snapshot(project / "clean")
    return clean


def edit(path, old, new):
    text = path.read_text()
    assert old in text
    path.write_text(text.replace(old, new))


def test_nothing_changed_renders_no_page(project):
    build_project(project)
    assert build_project(project).pages == 0
    assert_same_as_clean_build(project)


def test_editing_a_post_renders_only_that_post(project):
    build_project(project)
    post = project / "content/clinics/north/posts/2026-11-01-open.md"
    post.write_text(post.read_text() + "\nA new paragraph.\n")
    assert build_project(project).pages == 1
    assert "A new paragraph." in (project / "output/north/news/open/index.html").read_text()
    assert_same_as_clean_build(project)


def test_editing_a_shared_page_body_renders_it_once_per_clinic_that_shows_it(project):
    build_project(project)
    edit(project / "content/shared/conditions/neck-pain.md", "\n\n", "\n\nNeck muscles may tighten.\n\n")
    assert build_project(project).pages == 2  # north and south both show neck pain
    assert_same_as_clean_build(project)


@pytest.mark.parametrize("page", ["conditions/neck-pain/index.html", "faq/index.html"])
def test_after_a_partial_rebuild_the_record_still_knows_every_folder(project, page):
    # The commit looks again only at the folders the rebuild changed (neck pain's); the record must still match
    # the disk everywhere: nothing is rendered when nothing changed, and a page removed by hand afterwards, from
    # the changed folder or another, is noticed and put back.
    build_project(project)
    edit(project / "content/shared/conditions/neck-pain.md", "\n\n", "\n\nNeck muscles may tighten.\n\n")
    build_project(project)
    assert build_project(project).pages == 0
    (project / "output/north" / page).unlink()
    assert build_project(project).pages > 0
    assert_same_as_clean_build(project)


def test_editing_a_title_rebuilds_the_clinics_that_list_it(project):
    build_project(project)
    edit(project / "content/shared/conditions/knee-pain.md", "title:", "title: Sore")
    report = build_project(project)
    assert report.pages > 10  # north lists knee pain on many pages; south does not show it
    assert "Sore" in (project / "output/north/conditions/index.html").read_text()
    assert_same_as_clean_build(project)


def test_editing_a_clinic_entry_rebuilds_only_that_clinic(project):
    first = build_project(project)
    edit(project / "clinics.yaml", "+92 300 0000001", "+92 300 0000002")
    south_pages = len(list((project / "output/south").rglob("*.html")))
    assert build_project(project).pages == south_pages + DIRECTORY_PAGES < first.pages
    directory = (project / "output/index.html").read_text()
    assert "0000002" in directory and "0000001" not in directory  # the directory's card shows the new number
    assert_same_as_clean_build(project)


def test_editing_a_template_rebuilds_everything(project):
    theme = project / "theme"
    shutil.copytree(REPO / "themes/clinic", theme)
    first = build_project(project, theme=theme)
    edit(theme / "templates/partials/action_panel.html", "Talk to", "Speak with")
    edit(theme / "templates/base.html", "Skip to content", "Skip to main content")
    assert build_project(project, theme=theme).pages == first.pages
    assert "Skip to main content" in (project / "output/north/index.html").read_text()
    assert_same_as_clean_build(project, theme=theme)


def test_a_file_removed_by_hand_is_rebuilt(project):
    build_project(project)
    (project / "output/north/contact/index.html").unlink()
    build_project(project)
    assert (project / "output/north/contact/index.html").is_file()
    assert_same_as_clean_build(project)


@pytest.mark.parametrize("jobs", [1, 2])
def test_parallel_incremental_build_equals_clean(project, jobs, monkeypatch):
    monkeypatch.setattr("clinicsites.parallel.PARALLEL_FROM", 1)
    build_project(project, jobs=jobs)
    edit(project / "content/shared/conditions/neck-pain.md", "\n\n", "\n\nChanged in parallel.\n\n")
    assert build_project(project, jobs=jobs).pages == 2
    assert_same_as_clean_build(project, jobs=jobs)


def clinic_file_times(output):
    """Modification time of every file in the clinics' folders (the directory files are rewritten each build)."""
    return {
        p.relative_to(output).as_posix(): p.stat().st_mtime_ns
        for folder in ("north", "south")
        for p in sorted((output / folder).rglob("*"))
        if p.is_file()
    }


def test_a_full_build_renders_everything_but_rewrites_no_unchanged_file(project):
    first = build_project(project)
    before = clinic_file_times(project / "output")
    again = build_project(project, full=True)
    assert again.pages == first.pages  # every page rendered again...
    assert clinic_file_times(project / "output") == before  # ...and none written: the bytes are the same
    assert_same_as_clean_build(project)


def test_a_file_edited_by_hand_is_put_right_by_a_full_build(project):
    build_project(project)
    contact = project / "output/north/contact/index.html"
    contact.write_text(contact.read_text().replace("Contact", "Kontakt"))
    build_project(project, full=True)
    assert "Kontakt" not in contact.read_text()
    assert_same_as_clean_build(project)


def test_a_file_added_by_hand_is_removed_by_the_next_build(project):
    build_project(project)
    (project / "output/north/conditions/stray.html").write_text("left over")
    build_project(project)
    assert not (project / "output/north/conditions/stray.html").exists()
    assert_same_as_clean_build(project)


def test_a_rebuild_that_fails_for_one_clinic_leaves_every_clinic_as_it_was(project):
    from clinicsites.errors import BuildError

    theme = project / "theme"
    shutil.copytree(REPO / "themes/clinic", theme)
    build_project(project, theme=theme)
    before = snapshot(project / "output")
    # North renders (its changed pages wait beside the old ones); south then fails.
    edit(
        theme / "templates/base.html",
        "Skip to content",
        'Skip to main content{% if clinic is defined and clinic.slug == "south" %}{{ no_such_fact }}{% endif %}',
    )
    with pytest.raises(BuildError):
        build_project(project, theme=theme)
    assert snapshot(project / "output") == before
    assert not [p for p in (project / "output").rglob("*") if p.name.endswith(".clinicsites-new")]
    edit(
        theme / "templates/base.html",
        '{% if clinic is defined and clinic.slug == "south" %}{{ no_such_fact }}{% endif %}',
        "",
    )
    build_project(project, theme=theme)
    assert "Skip to main content" in (project / "output/south/index.html").read_text()
    assert_same_as_clean_build(project, theme=theme)


def test_a_shared_page_outgrowing_a_clinics_note_is_no_longer_its_own_after_a_rebuild(project):
    """Whether a note makes a shared page the clinic's own depends on the page's length, so editing only its body
    can change what the sitemap lists: that clinic is rebuilt whole."""
    edit(project / "clinics.yaml", "    hours:\n", "    notes:\n      conditions:\n        neck-pain: Many office "
                                              "workers come to us with stiff necks.\n    hours:\n")  # fmt: skip
    build_project(project)
    assert "/north/conditions/neck-pain/</loc>" in (project / "output/north/sitemap.xml").read_text()
    edit(project / "content/shared/conditions/neck-pain.md", "Results vary.", "Results vary. " + "Words " * 20)
    build_project(project)
    assert "conditions/neck-pain/" not in (project / "output/north/sitemap.xml").read_text()
    assert_same_as_clean_build(project)
