"""``./run golden``: digests of every file the fixture and the real clinics build into, kept in tests/golden/
to prove a change leaves the output byte for byte as it was (tests/test_golden.py); re-recorded after a
deliberate change, with a readable diff of what changed since the last commit."""

from __future__ import annotations

import difflib
import hashlib
import re
import subprocess
import sys
import tempfile
from pathlib import Path

from .. import build as engine
from . import EXIT_OK

REPO = Path(__file__).resolve().parents[2]
GOLDEN = REPO / "tests" / "golden"
#: Each snapshot: its inputs (clinics file and content folder, relative to the repository), and the settings.
SNAPSHOTS = {
    "fixture": ("tests/fixture/clinics.yaml", "tests/fixture/content"),
    "real": ("clinics.yaml", "content"),
}
SETTINGS = ("pelicanconf.py", "publishconf.py")
#: The day the snapshots are built as of (past special hours are not shown), so they do not change with the date.
TODAY = "2026-11-20"
#: How much of the diff to show: lines per file, files in all.
_LINES, _FILES = 12, 25
_TAG_BREAK = re.compile(r">\s*<")


def inputs_digest(name: str, repo: Path = REPO) -> str:
    """Hash of a snapshot's inputs, so a snapshot recorded for other content is told apart from a regression."""
    clinics, content = (repo / p for p in SNAPSHOTS[name])
    files = [clinics, *sorted(p for p in content.rglob("*") if p.is_file())]
    h = hashlib.sha256()
    for path in files:
        h.update(path.relative_to(repo).as_posix().encode() + b"\0" + path.read_bytes() + b"\0")
    return h.hexdigest()[:16]


def build_all(name: str, folder: Path, repo: Path = REPO) -> None:
    """Build snapshot ``name`` with each settings file into ``folder/<settings file>/``."""
    clinics, content = (repo / p for p in SNAPSHOTS[name])
    for settings in SETTINGS:
        override = {"PATH": str(content), "CACHE_PATH": str(folder / ".cache"), "TODAY": TODAY}
        engine.build(clinics, folder / settings, repo / settings, jobs=1, override=override)


def digests(folder: Path) -> dict[str, str]:
    """Digest of every file built into ``folder`` (by settings file and path), as tests/golden/ records them."""
    found = {}
    for settings in SETTINGS:
        out = folder / settings
        for path in sorted(out.rglob("*")):
            if path.is_file():
                found[f"{settings}/{path.relative_to(out).as_posix()}"] = hashlib.sha256(path.read_bytes()).hexdigest()[
                    :20
                ]
    return found


def build_digests(name: str) -> dict[str, str]:
    """Build snapshot ``name`` into an empty folder; the digest of every file, by path."""
    with tempfile.TemporaryDirectory(prefix="golden-") as tmp:
        build_all(name, Path(tmp))
        return digests(Path(tmp))


def read(name: str) -> tuple[str | None, dict[str, str]]:
    """The recorded inputs digest and file digests of snapshot ``name``."""
    path = GOLDEN / f"{name}.txt"
    if not path.is_file():
        return None, {}
    lines = path.read_text(encoding="utf-8").splitlines()
    inputs = lines[0].removeprefix("inputs ")
    return inputs, dict(line.split(" ", 1)[::-1] for line in lines[1:])


def write(name: str, found: dict[str, str]) -> Path:
    GOLDEN.mkdir(exist_ok=True)
    path = GOLDEN / f"{name}.txt"
    rows = [f"{digest} {file}" for file, digest in found.items()]
    path.write_text(f"inputs {inputs_digest(name)}\n" + "\n".join(rows) + "\n", encoding="utf-8")
    return path


def committed_tree(folder: Path, ref: str = "HEAD") -> Path | None:
    """The repository as committed at ``ref``, unpacked into ``folder`` (None outside a git checkout)."""
    archive = subprocess.run(["git", "-C", str(REPO), "archive", ref], capture_output=True, check=False)
    if archive.returncode:
        return None
    folder.mkdir(parents=True)
    subprocess.run(["tar", "-x", "-C", str(folder)], input=archive.stdout, check=True)
    return folder


def build_committed(tree: Path, name: str, out: Path) -> bool:
    """Build snapshot ``name`` with the committed engine, in its own process; False if it cannot."""
    clinics, content = SNAPSHOTS[name]
    script = (
        "import sys; from pathlib import Path; from clinicsites import build as b\n"
        f"for s in {SETTINGS!r}:\n"
        f"    b.build({clinics!r}, Path(sys.argv[1]) / s, s, jobs=1,\n"
        f"            override={{'PATH': {content!r}, 'CACHE_PATH': sys.argv[1] + '/.cache', 'TODAY': {TODAY!r}}})\n"
    )
    result = subprocess.run([sys.executable, "-c", script, str(out)], cwd=tree, capture_output=True, check=False)
    return result.returncode == 0


def text_lines(path: Path) -> list[str]:
    """A file as lines a diff reads well: one HTML tag per line."""
    try:
        text = path.read_text(encoding="utf-8")
    except (UnicodeDecodeError, OSError):
        return [f"(binary, {path.stat().st_size:,} bytes)"] if path.exists() else []
    return _TAG_BREAK.sub(">\n<", text).splitlines()


def describe(old: dict[str, str], new: dict[str, str], old_root: Path | None, new_root: Path) -> list[str]:
    """What changed between two recordings: files gone, new, and a short diff of each changed file."""
    lines = [f"  gone: {f}" for f in sorted(old.keys() - new.keys())]
    lines += [f"  new:  {f}" for f in sorted(new.keys() - old.keys())]
    changed = sorted(f for f in old.keys() & new.keys() if old[f] != new[f])
    for f in changed[:_FILES]:
        lines.append(f"  changed: {f}")
        if old_root is not None:
            diff = difflib.unified_diff(text_lines(old_root / f), text_lines(new_root / f), lineterm="", n=0)
            body = [line for line in diff if not line.startswith(("---", "+++"))]
            lines += [f"      {line[:160]}" for line in body[:_LINES]]
            if len(body) > _LINES:
                lines.append(f"      ... {len(body) - _LINES} more lines")
    if len(changed) > _FILES:
        lines.append(f"  ... and {len(changed) - _FILES} more changed files")
    return lines


def main(ref: str = "HEAD") -> int:
    """Record every snapshot again and print what changed against the output of ``ref``'s engine and inputs."""
    with tempfile.TemporaryDirectory(prefix="golden-") as tmp:
        committed = committed_tree(Path(tmp) / "committed", ref)
        for name in SNAPSHOTS:
            new_root, old_root = Path(tmp) / f"new-{name}", Path(tmp) / f"old-{name}"
            build_all(name, new_root)
            found = digests(new_root)
            _, recorded = read(name)
            shown = old_root if committed and build_committed(committed, name, old_root) else None
            path = write(name, found)
            changes = describe(recorded, found, shown, new_root)
            status = "changes since the last recording:" if changes else "no change"
            print(f"Wrote {path.relative_to(REPO)}: {len(found)} files, {status}")
            for line in changes:
                print(line)
    return EXIT_OK
