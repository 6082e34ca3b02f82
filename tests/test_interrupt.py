"""Whatever stops a build, output/ is the last build byte for byte or the complete new one, with no stray file.

Real builds in separate processes, as an owner runs them: Ctrl+C (SIGINT to the whole process group, as a
terminal sends it), SIGTERM to the build alone (a cancelled CI job), SIGKILL (the next build cleans up), and
a write that fails (RLIMIT_FSIZE makes big writes fail with EFBIG, as a full disk fails them with ENOSPC).
"""

import os
import resource
import shutil
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest
from conftest import REPO

from clinicsites import bench

CLINICS = 12  # enough pages that a rebuild is still rendering when it is stopped


def tree(folder: Path) -> dict[str, bytes]:
    return {p.relative_to(folder).as_posix(): p.read_bytes() for p in sorted(folder.rglob("*")) if p.is_file()}


def stray(project: Path) -> list[str]:
    """Files and folders a build may leave only while it runs."""
    found = [str(p) for p in (project / "output").rglob("*clinicsites-new")]
    found += [p.name for p in project.iterdir() if p.name.startswith(".output.")]
    return found


@pytest.fixture(scope="module")
def built(tmp_path_factory):
    """A project of synthetic clinics with its own settings, theme and content, built once for the module."""
    base = tmp_path_factory.mktemp("interrupt")
    root = base / "project"
    root.mkdir()
    bench.make_input(root, CLINICS, REPO / "content")
    shutil.copytree(REPO / "themes/clinic", root / "theme")
    settings = (REPO / "pelicanconf.py").read_text().replace('THEME = "themes/clinic"', 'THEME = "theme"')
    (root / "pelicanconf.py").write_text(settings)
    for name in ("countries.yaml", "claims.yaml"):  # named by pelicanconf.py, beside it
        shutil.copy(REPO / name, root / name)
    assert run(root, "build").returncode == 0
    pristine = base / "pristine"
    shutil.copytree(root, pristine, symlinks=True)
    return root, pristine


@pytest.fixture
def project(built):
    """That project as its first build left it. Copied back to the same path, because a build's records and
    caches are keyed by where the output is: elsewhere the next build would not be a rebuild."""
    root, pristine = built
    shutil.rmtree(root)
    shutil.copytree(pristine, root, symlinks=True)
    return root


def run(root: Path, *args, wait=True, limit=None, env=None):
    def limited():
        os.setpgrp()  # its own process group, as a shell job has: the test signals the group like a terminal
        if limit:
            signal.signal(signal.SIGXFSZ, signal.SIG_IGN)  # the write fails with EFBIG instead of killing the process
            resource.setrlimit(resource.RLIMIT_FSIZE, (limit, limit))

    command = [sys.executable, "-m", "clinicsites.cli", *args]
    # The project's caches inside it, so a copy of the project is a copy of its state.
    environment = {**os.environ, "PYTHONPATH": str(REPO), "CLINICSITES_CACHE": str(root / ".cache"), **(env or {})}
    process = subprocess.Popen(command, cwd=root, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True,
                               preexec_fn=limited, env=environment)  # fmt: skip
    if not wait:
        return process
    out, err = process.communicate(timeout=300)
    return subprocess.CompletedProcess(command, process.returncode, out, err)


def change_every_page(root: Path) -> None:
    with open(root / "theme/templates/base.html", "a", encoding="utf-8") as file:
        file.write("\n<!-- changed -->\n")


def stop_while_writing(process, root: Path, send) -> None:
    """Signal the build once it has written changed files beside the live ones, i.e. in the middle of rendering."""
    deadline = time.monotonic() + 60
    while not any((root / "output").rglob("*clinicsites-new")):
        assert process.poll() is None, "the build finished before it could be stopped"
        assert time.monotonic() < deadline
        time.sleep(0.005)
    send(process)


@pytest.mark.parametrize("send", [
    lambda p: os.killpg(p.pid, signal.SIGINT),  # Ctrl+C in a terminal reaches the build and its workers
    lambda p: p.send_signal(signal.SIGTERM),  # a cancelled CI job stops the build alone
], ids=["ctrl-c", "sigterm"])  # fmt: skip
def test_a_stopped_rebuild_leaves_the_last_build_as_it_was(project, send):
    before = tree(project / "output")
    change_every_page(project)
    process = run(project, "build", wait=False)
    stop_while_writing(process, project, send)
    _, err = process.communicate(timeout=120)
    assert process.returncode == 1, err
    assert "interrupted; nothing was written" in err and "Traceback" not in err
    assert tree(project / "output") == before
    assert stray(project) == []
    assert not (project / ".output.journal").exists()


def test_the_build_after_one_killed_outright_removes_its_stray_files(project):
    change_every_page(project)
    process = run(project, "build", wait=False)
    stop_while_writing(process, project, lambda p: os.killpg(p.pid, signal.SIGKILL))
    process.communicate(timeout=60)
    assert stray(project), "a killed build cannot clean up after itself"
    result = run(project, "build")
    assert result.returncode == 0, result.stderr
    assert "an earlier build was stopped before it finished" in result.stderr
    assert stray(project) == []
    clean = run(project, "build", "--full", "--output", "clean")
    assert clean.returncode == 0 and tree(project / "output") == tree(project / "clean")


def test_a_failed_write_leaves_the_last_build_as_it_was(project):
    before = tree(project / "output")
    change_every_page(project)
    # Pages are larger than this, so writing the first changed page fails as it would on a full disk.
    result = run(project, "build", limit=4096)
    assert result.returncode == 1
    assert "could not write: File too large; nothing in the output was changed" in result.stderr
    assert "Traceback" not in result.stderr
    assert tree(project / "output") == before
    assert stray(project) == []


def test_an_incremental_build_equals_a_clean_one_built_by_another_process_with_its_own_cache(project, tmp_path):
    change_every_page(project)
    post = next((project / "content/clinics/clinic-0003/posts").iterdir())
    post.write_text(post.read_text() + "\nOne more line.\n")
    (project / "content/shared/conditions/neck-pain.md").write_text(
        (project / "content/shared/conditions/neck-pain.md").read_text().replace("Neck pain", "Neck ache", 1)
    )
    incremental = run(project, "build", env={"CLINICSITES_CACHE": str(tmp_path / "cache-a")})
    clean = run(project, "build", "--output", "clean", env={"CLINICSITES_CACHE": str(tmp_path / "cache-b")})
    assert incremental.returncode == 0 and clean.returncode == 0, incremental.stderr + clean.stderr
    assert tree(project / "output") == tree(project / "clean")
