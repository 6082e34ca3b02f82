"""What a process remembers never changes what it builds: after an edit to any kind of input, a rebuild in the
same process (as the preview makes) equals a fresh process's build from an empty cache, bytes and exit code."""

import ast
import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
from conftest import FIXTURE, REPO
from PIL import Image

from clinicsites import build as engine
from clinicsites import commands, memory


def tree(folder: Path) -> dict[str, bytes]:
    return {p.relative_to(folder).as_posix(): p.read_bytes() for p in sorted(folder.rglob("*")) if p.is_file()}


def replace(path: Path, old: str, new: str) -> None:
    text = path.read_text(encoding="utf-8")
    assert old in text, f"{old!r} not in {path}"
    path.write_text(text.replace(old, new, 1), encoding="utf-8")


def photo(path: Path, colour: str) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    Image.new("RGB", (900, 600), colour).save(path, quality=90)


@pytest.fixture
def project(tmp_path, monkeypatch):
    """The fixture with its own theme, settings and a photo, and an Urdu site for its second clinic."""
    root = tmp_path / "project"
    shutil.copytree(FIXTURE, root)
    shutil.copytree(REPO / "themes/clinic", root / "theme")
    shutil.copy(REPO / "countries.yaml", root / "countries.yaml")
    shutil.copy(REPO / "claims.yaml", root / "claims.yaml")
    settings = (REPO / "pelicanconf.py").read_text(encoding="utf-8").replace('"themes/clinic"', '"theme"')
    (root / "pelicanconf.py").write_text(settings, encoding="utf-8")
    photo(root / "content/clinics/north/images/front.jpg", "#4a7")
    replace(root / "clinics.yaml", "    hours:\n", "    photos:\n      - src: clinics/north/images/front.jpg\n"
            "        alt: The front door\n    hours:\n")  # fmt: skip
    urdu = "    conditions: [neck-pain]\n    languages: [en, ur]\n"
    replace(root / "clinics.yaml", "    conditions: [neck-pain]\n", urdu)
    monkeypatch.chdir(root)  # problems name files as the fresh process, run from here, names them
    return root


def translate_home(root: Path) -> None:
    catalogue = root / "theme/translations/ur/LC_MESSAGES/messages.po"
    replace(catalogue, 'msgid "Home"\nmsgstr "', 'msgid "Home"\nmsgstr "سرورق ')


def claim_rule(root: Path) -> None:
    """A new rule that the fixture's neck page breaks ("Neck pain may ease."): both builds must refuse it."""
    replace(root / "claims.yaml", "      - phrases: [best | finest", "      - phrases: [may ease | best | finest")


def feed_name(root: Path) -> None:
    replace(root / "pelicanconf.py", 'NEWS_FEED_ATOM = "news/atom.xml"', 'NEWS_FEED_ATOM = "news/feed.xml"')


#: One edit of each kind of input a build reads.
EDITS = {
    "markdown": lambda root: replace(root / "content/shared/conditions/neck-pain.md", "neck", "neck and shoulders"),
    "clinics.yaml": lambda root: replace(root / "clinics.yaml", "Northside Needling", "Northside Needling Rooms"),
    "clinics.yaml, broken": lambda root: replace(root / "clinics.yaml", '"+1 202-555-0111"', '"+1 202-555"'),
    "countries.yaml": lambda root: replace(root / "countries.yaml", "Edhi ambulance", "Edhi Foundation ambulance"),
    "claims.yaml, a rule a page breaks": claim_rule,
    "catalogue": translate_home,
    "template": lambda root: replace(root / "theme/templates/base.html", "</body>", "<p>Edited</p></body>"),
    "template, a claim that breaks the rules": lambda root: replace(
        root / "theme/templates/partials/footer.html", "</footer>", "<p>Guaranteed results.</p></footer>"
    ),
    "image": lambda root: photo(root / "content/clinics/north/images/front.jpg", "#a47"),
    "settings": feed_name,
}


def build_here(root: Path, output: Path) -> int:
    return commands.run(lambda: engine.build(root / "clinics.yaml", output, root / "pelicanconf.py"))


def build_fresh(root: Path, output: Path, cache: Path) -> subprocess.CompletedProcess:
    environment = {**os.environ, "PYTHONPATH": str(REPO), "CLINICSITES_CACHE": str(cache)}
    command = [sys.executable, "-m", "clinicsites.cli", "build", "--output", str(output)]
    return subprocess.run(command, cwd=root, env=environment, capture_output=True, text=True, timeout=300)


@pytest.mark.parametrize("kind", EDITS)
def test_a_rebuild_after_an_edit_equals_a_fresh_process_build(project, kind, tmp_path, capsys):
    assert build_here(project, project / "output") == 0  # this process now remembers the inputs as they were
    EDITS[kind](project)
    code = build_here(project, project / "output")
    here = capsys.readouterr().err
    fresh = build_fresh(project, tmp_path / "fresh", tmp_path / "empty-cache")
    assert code == fresh.returncode, fresh.stderr
    if code == 0:
        assert tree(project / "output") == tree(tmp_path / "fresh")
    else:
        assert here.splitlines() == fresh.stderr.splitlines()


def test_edits_show_in_the_rebuild(project):
    # The comparison above would pass if neither build saw an edit: check that each kind of edit shows.
    assert build_here(project, project / "output") == 0
    before = tree(project / "output")
    for kind, edit in EDITS.items():
        if "broken" in kind or "breaks" in kind:
            continue
        edit(project)
        assert build_here(project, project / "output") == 0
        after = tree(project / "output")
        assert after != before, f"the {kind} edit changed nothing"
        before = after


def test_every_store_is_bounded(project):
    assert build_here(project, project / "output") == 0
    for name, size in memory.sizes().items():
        assert size <= memory.store(name, 0).limit, name


#: Module-level names a function rebinds with ``global``, and why none keeps a build's results for the next.
NOT_REMEMBERED = {
    "parallel.py:_shared": "a worker's share of one build, set when its pool starts, unset when it ends",
    "files.py:_pool": "the process's write threads: a resource that holds no result of a build",
    "pagefind_api.py:_state": "the process's Pagefind service: a resource; each index starts from an empty one",
}
_EMPTY_MAKERS = {"dict", "list", "set", "OrderedDict", "defaultdict"}


def _remembers(path: Path) -> list[str]:
    """Module-level state in a module: functools caches, containers made empty to be filled later, and names
    that functions rebind with ``global``."""
    module = ast.parse(path.read_text(encoding="utf-8"))
    found = []
    for node in ast.walk(module):
        if isinstance(node, ast.Attribute) and node.attr in ("lru_cache", "cache") and \
                getattr(node.value, "id", "") == "functools":  # fmt: skip
            found.append(f"{path.name}:{node.lineno}: functools.{node.attr}")
        if isinstance(node, ast.Global):
            found += [f"{path.name}:{name}" for name in node.names if f"{path.name}:{name}" not in NOT_REMEMBERED]
    for node in module.body:
        value = node.value if isinstance(node, ast.Assign | ast.AnnAssign) else None
        literal = isinstance(value, ast.Dict | ast.List | ast.Set) and not (
            value.keys if isinstance(value, ast.Dict) else value.elts
        )
        made = isinstance(value, ast.Call) and not value.args and getattr(value.func, "id", "") in _EMPTY_MAKERS
        if literal or made:
            found.append(f"{path.name}:{node.lineno}: {ast.unparse(node)[:60]}")
    return found


def test_nothing_but_the_memory_module_keeps_state_between_builds():
    package = REPO / "clinicsites"
    found = [hit for path in sorted(package.rglob("*.py")) if path.name != "memory.py" for hit in _remembers(path)]
    assert found == []
