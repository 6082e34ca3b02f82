"""A tiny two-clinic project built into tmp_path with the real engine, theme and settings."""

import re
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


def with_guide(root: Path) -> Path:
    """Turn the fixture project at ``root`` into one with the brand's guide (shared pages indexed once there), its
    shared pages free of clinic facts (the guide shows them with none), and a third clinic in English and Urdu,
    as Rawalpindi's is, with a post in both."""
    clinics = root / "clinics.yaml"
    text = clinics.read_text().replace("  shared_pages: noindex\n", "")
    clinics.write_text(
        text + "  - slug: east\n    name: Eastside Dry Needling\n"
        "    address: {street: 3 Fiction Lane, locality: Easttown, country: PK}\n"
        '    phones: [{number: "+92 300 0000002", whatsapp: true}]\n'
        "    languages: [en, ur]\n    timezone: Asia/Karachi\n"
        "    conditions: [knee-pain, neck-pain]\n    benefits: [pain-reduction]\n"
    )
    shared = root / "content/shared"
    for path in shared.rglob("*.md"):  # the guide shows shared pages with no clinic: their facts are taken out
        text = path.read_text().replace(" in {{ clinic.address.locality }}", "")
        path.write_text(re.sub(r"^.*\{\{ clinic\..*\n", "", text, flags=re.M))
    neck = shared / "conditions/neck-pain.md"
    neck.write_text(neck.read_text() + "\nStiff necks and trapezius knots may ease.\n")
    write(shared / "conditions/neck-pain.ur.md", """
        ---
        title: گردن کا درد
        description: گردن کے درد کا علاج۔
        headline: گردن کے درد کے لیے ڈرائی نیڈلنگ
        translation_reviewed: false
        ---

        ## کیا مدد کرتا ہے

        گردن کے سخت پٹھوں کی گرہیں نرم ہو سکتی ہیں۔ نتائج ہر شخص میں مختلف ہوتے ہیں۔
    """)  # fmt: skip
    posts = root / "content/clinics/east/posts"
    write(
        posts / "2026-11-05-welcome.md",
        "---\ntitle: Evening sessions\ndescription: East news.\ndate: 2026-11-05\n"
        "---\n\nStiff neck after work? Easttown clinic now has evening sessions.\n",
    )
    write(
        posts / "2026-11-05-welcome.ur.md",
        "---\ntitle: شام کے اوقات\ndescription: کلینک کی خبر۔\n"
        "translation_reviewed: false\n---\n\nکام کے بعد گردن اکڑ جاتی ہے؟ ایسٹ ٹاؤن کلینک میں اب شام کے اوقات بھی ہیں۔\n",
    )
    return root
