"""./run serve, for real: build, serve on 127.0.0.1, rebuild on a change and reload the page open in Chromium."""

import os
import shutil
import signal
import socket
import subprocess
import sys
import time
import urllib.error
import urllib.request

import pytest
from conftest import FIXTURE, REPO

from clinicsites.checks import axe, tools

POST = "content/clinics/north/posts/2026-11-01-open.md"


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


@pytest.fixture
def preview(tmp_path):
    """The fixture project with settings of its own, previewed by ./run serve in a process of its own."""
    root = tmp_path / "project"
    shutil.copytree(FIXTURE, root)
    settings = (REPO / "pelicanconf.py").read_text()
    (root / "pelicanconf.py").write_text(settings.replace('THEME = "themes/clinic"', f'THEME = "{REPO}/themes/clinic"'))
    for name in ("countries.yaml", "claims.yaml"):  # named by pelicanconf.py, beside it
        shutil.copy(REPO / name, root / name)
    port = free_port()
    process = subprocess.Popen([sys.executable, "-m", "clinicsites.cli", "serve", "--port", str(port)], cwd=root,
                               stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True,
                               env={**os.environ, "PYTHONPATH": str(REPO)})  # fmt: skip
    base = f"http://127.0.0.1:{port}/"
    deadline = time.monotonic() + 60
    while True:
        try:
            urllib.request.urlopen(base, timeout=1)
            break
        except (urllib.error.URLError, ConnectionError):
            assert process.poll() is None, process.stdout.read()
            assert time.monotonic() < deadline, "the preview did not start"
            time.sleep(0.2)
    yield root, base, process
    if process.poll() is None:
        process.kill()
        process.wait()


@pytest.fixture
def chromium():
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=str(tools.chromium()), args=list(axe.LAUNCH_ARGS))
        yield browser
        browser.close()


def test_an_edit_reloads_the_open_page_and_a_broken_edit_shows_its_problem_until_fixed(preview, chromium):
    root, base, _ = preview
    page = chromium.new_page()
    page.goto(base + "north/news/open/")
    page.evaluate("window.notReloaded = true")
    post = root / POST
    post.write_text(post.read_text().replace("North clinic news.", "North clinic news, edited."))
    page.wait_for_function("!window.notReloaded", timeout=20_000)
    assert "North clinic news, edited." in page.content()

    page.evaluate("window.notReloaded = true")
    post.write_text(post.read_text().replace("date: 2026-11-01", "date: 1 November 2026"))
    banner = page.wait_for_selector("#preview-problems", timeout=20_000)
    assert (
        "content/clinics/north/posts/2026-11-01-open.md:4: date: expected a date written YYYY-MM-DD"
        in banner.inner_text()
    )
    assert page.evaluate("window.notReloaded"), "a failed rebuild does not reload the page"
    assert "North clinic news, edited." in (root / "output/north/news/open/index.html").read_text()

    post.write_text(post.read_text().replace("date: 1 November 2026", "date: 2026-11-01"))
    page.wait_for_function("!window.notReloaded", timeout=20_000)
    assert page.query_selector("#preview-problems") is None


def test_the_reload_script_is_served_but_never_written_to_the_output(preview):
    root, base, _ = preview
    served = urllib.request.urlopen(base + "north/").read().decode()
    assert "/_preview/events" in served
    for page in (root / "output").rglob("*.html"):
        assert "_preview" not in page.read_text(), page


def test_a_folder_without_a_page_is_not_listed_and_ctrl_c_stops_cleanly(preview):
    _, base, process = preview
    with pytest.raises(urllib.error.HTTPError) as missing:
        urllib.request.urlopen(base + "north/theme/")
    assert missing.value.code == 404 and b"Index of" not in missing.value.read()
    process.send_signal(signal.SIGINT)
    out, _ = process.communicate(timeout=30)
    assert process.returncode == 0
    assert f"Previewing on {base}" in out and out.rstrip().endswith("Stopped.")
