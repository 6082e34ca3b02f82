"""End-to-end: build the two-clinic fixture with the real engine, settings and theme."""

import multiprocessing
import os
import re
import shutil
import signal
import subprocess
import time
from concurrent.futures import ProcessPoolExecutor, ThreadPoolExecutor
from html.parser import HTMLParser
from pathlib import Path
from urllib.parse import urljoin, urlsplit

import pytest
from conftest import REPO, build_project, write

from clinicsites import build as engine
from clinicsites import commands, parallel
from clinicsites.errors import InputError
from clinicsites.output import Transaction, files

PHONES = {"north": ("(202) 555-0111", "tel:+12025550111"), "south": ("0300 0000001", "tel:+923000000001")}
NAMES = {"north": "Northside Needling", "south": "Southside Physio"}
SHARED = [
    "about-treatment/index.html",
    "faq/index.html",
    "conditions/neck-pain/index.html",
    "benefits/pain-reduction/index.html",
]


@pytest.fixture
def built(project):
    build_project(project)
    return project / "output"


def pages(site: Path):
    return sorted(site.rglob("*.html"))


def test_each_clinic_shows_its_own_phone_and_name_and_never_the_other(built):
    for slug, (display, tel) in PHONES.items():
        other = "south" if slug == "north" else "north"
        site_pages = pages(built / slug)
        assert len(site_pages) >= 11
        for page in site_pages:
            html = page.read_text()
            assert tel in html and display in html, page
            assert NAMES[slug] in html, page
            assert PHONES[other][1] not in html and PHONES[other][0] not in html, page
            assert NAMES[other] not in html, page


def test_shared_pages_exist_for_every_clinic(built):
    for slug in PHONES:
        for page in SHARED:
            assert (built / slug / page).is_file(), f"{slug}/{page}"


def test_shared_markdown_is_rendered_with_each_clinics_facts(built):
    north = (built / "north/about-treatment/index.html").read_text()
    south = (built / "south/about-treatment/index.html").read_text()
    assert "Northside Needling in Northtown uses thin needles." in north
    assert "Southside Physio in Southville uses thin needles." in south
    assert (
        "<title>Dry needling for neck pain in Southville"
        in (built / "south/conditions/neck-pain/index.html").read_text()
    )


def test_override_replaces_the_shared_page_for_one_clinic_only(built):
    assert "Only the north clinic answers this." in (built / "north/faq/index.html").read_text()
    south = (built / "south/faq/index.html").read_text()
    assert "Does it hurt?" in south and "north clinic" not in south


def test_clinic_pages_and_posts_stay_on_their_clinic(built):
    assert (built / "north/parking/index.html").is_file()
    assert not (built / "south/parking").exists()
    assert (built / "north/news/open/index.html").is_file()
    assert (built / "south/news/hello/index.html").is_file()
    assert "We are open" in (built / "north/news/index.html").read_text()
    assert "We are open" not in (built / "south/news/index.html").read_text()


def test_excluded_condition_is_absent_and_links_to_it_become_text(built):
    assert (built / "north/conditions/knee-pain/index.html").is_file()
    assert not (built / "south/conditions/knee-pain").exists()
    south = (built / "south/about-treatment/index.html").read_text()
    assert "and knee pain." in south and "knee-pain" not in south
    assert "Knee pain" not in (built / "south/conditions/index.html").read_text()
    assert 'href="../../conditions/knee-pain/"' in (built / "north/conditions/neck-pain/index.html").read_text()


def test_directory_lists_every_clinic_with_town_phone_and_link(built):
    html = (built / "index.html").read_text()
    for slug, (display, tel) in PHONES.items():
        assert f'href="./{slug}/"' in html and NAMES[slug] in html and tel in html and display in html
    assert "Northtown" in html and "Southville" in html


class _Links(HTMLParser):
    def __init__(self):
        super().__init__()
        self.urls = []

    def handle_starttag(self, tag, attrs):
        for name, value in attrs:
            if name in ("href", "src") and value:
                self.urls.append(value)


def test_every_internal_link_and_asset_resolves_when_served_under_slug(built):
    """Serve-free check: resolve each relative URL against the page's URL under /<slug>/."""
    broken = []
    for page in pages(built):
        url = "/" + page.relative_to(built).as_posix()
        parser = _Links()
        parser.feed(page.read_text())
        for link in parser.urls:
            if urlsplit(link).scheme or link.startswith("#"):
                continue
            target = urlsplit(urljoin(url, link)).path
            path = built / target.lstrip("/")
            if not (path.is_file() or (path / "index.html").is_file()):
                broken.append(f"{url} -> {link}")
    assert broken == []


def test_two_builds_are_byte_identical(project, tmp_path):
    build_project(project, output=tmp_path / "a")
    build_project(project, output=tmp_path / "b")
    files_a = {p.relative_to(tmp_path / "a"): p.read_bytes() for p in (tmp_path / "a").rglob("*") if p.is_file()}
    files_b = {p.relative_to(tmp_path / "b"): p.read_bytes() for p in (tmp_path / "b").rglob("*") if p.is_file()}
    assert files_a == files_b


def snapshot(folder: Path) -> dict:
    return {p.relative_to(folder).as_posix(): p.read_bytes() for p in folder.rglob("*") if p.is_file()}


def test_failed_build_leaves_previous_output_untouched(project):
    build_project(project)
    before = snapshot(project / "output")
    write(project / "content/shared/pages/faq.md", "---\ntitle: FAQ\n---\n\n{{ clinic.nope }}\n")
    with pytest.raises(InputError):
        build_project(project)
    assert snapshot(project / "output") == before
    assert not [p for p in project.iterdir() if p.name.startswith(".output")], "no staging folder left behind"


def test_theme_error_is_a_located_build_failure_and_output_survives(project, tmp_path):
    from clinicsites.errors import BuildError

    build_project(project)
    before = snapshot(project / "output")
    theme = tmp_path / "theme"
    shutil.copytree(REPO / "themes/clinic", theme)
    page = theme / "templates/page.html"
    page.write_text(page.read_text().replace("{{ page.content }}", "{{ page.content }}\n{{ clinic.no_such_fact }}"))
    from clinicsites import build as engine

    with pytest.raises(BuildError) as caught:
        engine.build(
            project / "clinics.yaml",
            project / "output",
            REPO / "pelicanconf.py",
            override={"PATH": str(project / "content"), "THEME": str(theme)},
        )
    message = str(caught.value)
    assert re.match(r".*theme/templates/page\.html:\d+: template: clinic north: .*no_such_fact", message), message
    assert snapshot(project / "output") == before


def test_single_clinic_build_replaces_only_that_clinic(project):
    build_project(project)
    south_before = snapshot(project / "output/south")
    faq = project / "content/clinics/north/pages/faq.md"
    faq.write_text(faq.read_text().replace("Only the north clinic answers this.", "Edited answer."))
    report = build_project(project, only="north")
    assert report.clinics == 1
    assert "Edited answer." in (project / "output/north/faq/index.html").read_text()
    assert snapshot(project / "output/south") == south_before
    assert "Southside Physio" in (project / "output/index.html").read_text()


def test_unknown_clinic_slug_for_single_build(project):
    with pytest.raises(InputError) as caught:
        build_project(project, only="west")
    assert str(caught.value) == 'clinics.yaml: --clinic: expected one of: north, south, got "west"'


def add_clinics(project, count: int) -> None:
    clinics = project / "clinics.yaml"
    extra = "".join(
        f"  - slug: extra-{i}\n    name: Extra {i}\n    address: {{locality: Town {i}, country: US}}\n"
        f'    phones: ["+1 202-555-01{20 + i}"]\n'
        for i in range(count)
    )
    clinics.write_text(clinics.read_text() + extra)


def test_many_clinics_build_in_parallel_workers(project):
    """Above PARALLEL_FROM clinics the build forks workers; the result must be the same sites."""
    add_clinics(project, 10)
    report = build_project(project, jobs=2)
    assert report.clinics == 12
    for i in range(10):
        assert f"tel:+120255501{20 + i}" in (project / f"output/extra-{i}/index.html").read_text()


def test_build_refuses_to_replace_a_folder_it_did_not_make(project):
    precious = project / "precious"
    write(precious / "notes.txt", "keep me")
    with pytest.raises(InputError) as caught:
        build_project(project, output=precious)
    assert "--output: expected a new folder or one made by an earlier build" in str(caught.value)
    assert (precious / "notes.txt").read_text() == "keep me"


def test_rebuild_replaces_its_own_output(project):
    build_project(project)
    (project / "output/north/stale.html").write_text("old")
    build_project(project)
    assert not (project / "output/north/stale.html").exists()


def test_ctrl_c_while_the_commit_finishes_says_the_new_build_is_in_place(project, monkeypatch, capsys):
    # The commit holds SIGINT back until every file is in place, then stops: the message must say so.
    save = Transaction._save_records

    def save_then_interrupt(self):
        os.kill(os.getpid(), signal.SIGINT)
        save(self)

    monkeypatch.setattr(Transaction, "_save_records", save_then_interrupt)
    code = commands.run(lambda: build_project(project))
    err = capsys.readouterr().err
    assert code == 1
    assert "interrupted after the new build was written in full" in err and "nothing was written" not in err
    assert (project / "output/north/index.html").is_file()


def tree(folder):
    return {p.relative_to(folder).as_posix(): p.read_bytes() for p in sorted(folder.rglob("*")) if p.is_file()}


@pytest.mark.parametrize("swallow", ["finaliser", "library"])
@pytest.mark.filterwarnings("ignore::pytest.PytestUnraisableExceptionWarning")  # the finaliser's, on purpose
def test_a_stop_swallowed_on_the_way_still_stops_the_build_before_anything_is_written(
    project, monkeypatch, capsys, swallow
):
    # Python prints and ignores an exception raised in a finaliser, and a library may turn it into its own error;
    # a SIGTERM that lands there must still stop the build, and the message must say it was stopped.
    build_project(project)
    before = tree(project / "output")
    page = project / "content/clinics/north/pages/parking.md"
    page.write_text(page.read_text() + "\nMore about parking.\n")
    directory = engine.write_directory

    class Finalised:
        def __del__(self):
            signal.raise_signal(signal.SIGTERM)  # the handler runs here, inside the finaliser

    def stopped_in_finaliser(*args, **kwargs):
        Finalised()  # made and collected at once
        return directory(*args, **kwargs)

    def stopped_in_library(*args, **kwargs):
        try:
            signal.raise_signal(signal.SIGTERM)
        except BaseException as exc:
            raise RuntimeError("a worker pool cut short") from exc

    monkeypatch.setattr(
        engine, "write_directory", stopped_in_finaliser if swallow == "finaliser" else stopped_in_library
    )
    code = commands.run(lambda: build_project(project))
    err = capsys.readouterr().err
    assert code == 1
    assert "interrupted; nothing was written." in err and "The build failed" not in err
    assert tree(project / "output") == before


def test_a_stop_while_the_worker_pool_starts_leaves_no_worker_behind(project, monkeypatch):
    # Stopped after the pool has started its workers but before the thread that would stop them exists: a worker
    # left waiting for work keeps the build's process from ever exiting (Python waits for its children).
    add_clinics(project, 10)

    def start_then_stop(self):
        self._launch_processes()
        raise KeyboardInterrupt("signal SIGTERM")

    monkeypatch.setattr(ProcessPoolExecutor, "_start_executor_manager_thread", start_then_stop)
    before = running_children()
    with pytest.raises(KeyboardInterrupt):
        build_project(project, jobs=2)
    # Counted by the kernel, not by multiprocessing's own list: once pids wrap round (a long test run), that list
    # can hold a worker whose pid something else reaped, and would report it alive for ever.
    assert running_children() - before == set()


def test_stopping_strays_never_signals_a_process_that_is_no_longer_our_child(tmp_path):
    # multiprocessing still lists a worker that something else reaped; its pid now names an unrelated process (as
    # after pids wrap round), here one whose parent has exited. Stopping strays must leave that process alone.
    worker = multiprocessing.get_context("fork").Process(target=time.sleep, args=(60,))
    worker.start()
    os.kill(worker.pid, signal.SIGKILL)
    os.waitpid(worker.pid, 0)  # reaped behind multiprocessing's back
    started = subprocess.run(["sh", "-c", "sleep 60 >/dev/null 2>&1 & echo $!"], capture_output=True, text=True)
    other = int(started.stdout)
    worker._popen.pid = other
    try:
        assert worker in multiprocessing.active_children()  # still listed, under the other process's pid
        parallel._stop_strays()
        assert (other, "sleep") in running(), "an unrelated process was stopped"
    finally:
        os.kill(other, signal.SIGKILL)
        multiprocessing.process._children.discard(worker)


def running_children() -> set[tuple[int, str]]:
    """This process's child processes that are still running (not zombies waiting to be reaped), from /proc."""
    return running(parent=os.getpid())


def running(parent: int | None = None) -> set[tuple[int, str]]:
    """Processes still running (not zombies), as (pid, name), from /proc; only ``parent``'s children if given."""
    found = set()
    for stat in Path("/proc").glob("[0-9]*/stat"):
        try:
            text = stat.read_text()
        except OSError:  # gone while we looked
            continue
        name, fields = text[text.index("(") + 1 : text.rindex(")")], text[text.rindex(")") + 2 :].split()
        if fields[0] != "Z" and (parent is None or int(fields[1]) == parent):
            found.add((int(stat.parent.name), name))
    return found


def test_a_stop_just_after_a_write_was_queued_leaves_no_stray_file(project, monkeypatch):
    # The stop lands after the write pool took a changed page and before the build kept its future: the file,
    # written a moment later, must still be waited for and removed, not left beside the live one.
    build_project(project)
    before = tree(project / "output")
    faq = project / "content/shared/pages/faq.md"
    faq.write_text(faq.read_text() + "\nOne more answer.\n")
    write, submit = files.SiteFiles._write, ThreadPoolExecutor.submit

    def slow_write(self, *args):
        time.sleep(0.2)
        write(self, *args)

    def submit_then_stop(self, *args, **kwargs):
        submit(self, *args, **kwargs)
        raise KeyboardInterrupt("signal SIGTERM")

    monkeypatch.setattr(files.SiteFiles, "_write", slow_write)
    monkeypatch.setattr(ThreadPoolExecutor, "submit", submit_then_stop)
    with pytest.raises(KeyboardInterrupt):
        build_project(project)
    time.sleep(0.5)  # a write left running has landed by now
    assert tree(project / "output") == before


def test_a_stop_before_a_sites_result_is_taken_still_removes_its_files(project, monkeypatch):
    # The site wrote its changed pages beside the live ones, then the stop landed before the transaction took
    # its result (which names them): they must go all the same.
    build_project(project)
    before = tree(project / "output")
    page = project / "content/clinics/north/pages/parking.md"
    page.write_text(page.read_text() + "\nMore about parking.\n")
    add = Transaction.add

    def stopped_before_taking(self, written):
        if written.changes.replaced:
            signal.raise_signal(signal.SIGTERM)
        add(self, written)

    monkeypatch.setattr(Transaction, "add", stopped_before_taking)
    with pytest.raises(KeyboardInterrupt):
        build_project(project)
    assert tree(project / "output") == before


def test_a_theme_can_show_pelicans_locale_date(project, tmp_path):
    # Pelican themes write a post's date as article.locale_date; it is worked out only when a template asks.
    theme = tmp_path / "theme"
    shutil.copytree(REPO / "themes/clinic", theme)
    article = theme / "templates/article.html"
    article.write_text(article.read_text().replace("{% block content %}", "{% block content %}<p id=\"when\">"
                                                   "{{ article.locale_date }}</p>", 1))  # fmt: skip
    build_project(project, theme)
    assert '<p id="when">1 November 2026</p>' in (project / "output/north/news/open/index.html").read_text()
