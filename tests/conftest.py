"""A tiny two-clinic project built into tmp_path with the real engine, theme and settings."""

import shutil
import textwrap
from pathlib import Path

import pytest

from clinicsites import build as engine
from clinicsites.settings import CACHE_ENV, TODAY_ENV

REPO = Path(__file__).resolve().parent.parent
FIXTURE = Path(__file__).resolve().parent / "fixture"
#: The day every test build takes as today.
TODAY = "2026-11-20"


@pytest.fixture(autouse=True, scope="session")
def _caches_outside_the_checkout(tmp_path_factory):
    """Every build in the tests, in this process or a task run as a command, keeps its caches in a temporary folder,
    and takes the same day as today (past special hours are left out: a test must not change with the calendar)."""
    folder = tmp_path_factory.mktemp("cache")
    with pytest.MonkeyPatch.context() as patch:
        patch.setenv(CACHE_ENV, str(folder))
        patch.setenv(TODAY_ENV, TODAY)
        yield folder


def write(path: Path, text: str) -> Path:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(textwrap.dedent(text).lstrip("\n"), encoding="utf-8")
    return path


@pytest.fixture
def project(tmp_path, monkeypatch):
    """A copy of tests/fixture (clinics.yaml + content/) in tmp_path, as the working directory."""
    shutil.copytree(FIXTURE, tmp_path / "project")
    root = tmp_path / "project"
    monkeypatch.chdir(root)
    return root


def build_project(root: Path, theme: Path | None = None, **kwargs):
    """Build a fixture project with the repository's pelicanconf.py and theme (or another theme)."""
    kwargs.setdefault("output", root / "output")
    # The project's own cache, so tests neither share parsed files nor leave them in the repository.
    override = {
        "PATH": str(root / "content"),
        "CACHE_PATH": str(root / ".cache"),
        **({"THEME": str(theme)} if theme else {}),
    }
    return engine.build(root / "clinics.yaml", settings_file=REPO / "pelicanconf.py", override=override, **kwargs)
