"""Digests of every file the fixture and the real clinics build into, kept in tests/golden/ to prove a change
leaves the output byte for byte as it was (``./run golden`` records them again after a deliberate change)."""

from __future__ import annotations

import hashlib
import shutil
import tempfile
from pathlib import Path

from clinicsites import build as engine

REPO = Path(__file__).resolve().parent.parent
GOLDEN = REPO / "tests" / "golden"
#: Each snapshot: its inputs (clinics file and content folder, relative to the repository), and the settings.
SNAPSHOTS = {
    "fixture": ("tests/fixture/clinics.yaml", "tests/fixture/content"),
    "real": ("clinics.yaml", "content"),
}
SETTINGS = ("pelicanconf.py", "publishconf.py")
#: The day the snapshots are built as of (past special hours are not shown), so they do not change with the date.
TODAY = "2026-11-20"


def inputs_digest(name: str) -> str:
    """Hash of a snapshot's inputs, so a snapshot recorded for other content is told apart from a regression."""
    clinics, content = (REPO / p for p in SNAPSHOTS[name])
    files = [clinics, *sorted(p for p in content.rglob("*") if p.is_file())]
    h = hashlib.sha256()
    for path in files:
        h.update(path.relative_to(REPO).as_posix().encode() + b"\0" + path.read_bytes() + b"\0")
    return h.hexdigest()[:16]


def build_digests(name: str) -> dict[str, str]:
    """Build snapshot ``name`` with each settings file into an empty folder; digest of every file, by path."""
    clinics, content = (REPO / p for p in SNAPSHOTS[name])
    digests = {}
    with tempfile.TemporaryDirectory(prefix="golden-") as tmp:
        for settings in SETTINGS:
            out = Path(tmp) / settings
            engine.build(
                clinics,
                out,
                REPO / settings,
                jobs=1,
                override={"PATH": str(content), "CACHE_PATH": str(Path(tmp) / "cache"), "TODAY": TODAY},
            )
            for path in sorted(out.rglob("*")):
                if path.is_file():
                    key = f"{settings}/{path.relative_to(out).as_posix()}"
                    digests[key] = hashlib.sha256(path.read_bytes()).hexdigest()[:20]
            shutil.rmtree(out)
    return digests


def read(name: str) -> tuple[str | None, dict[str, str]]:
    """The recorded inputs digest and file digests of snapshot ``name``."""
    path = GOLDEN / f"{name}.txt"
    if not path.is_file():
        return None, {}
    lines = path.read_text(encoding="utf-8").splitlines()
    inputs = lines[0].removeprefix("inputs ")
    return inputs, dict(line.split(" ", 1)[::-1] for line in lines[1:])


def record(name: str) -> Path:
    """Build snapshot ``name`` and write its digests to tests/golden/<name>.txt."""
    GOLDEN.mkdir(exist_ok=True)
    path = GOLDEN / f"{name}.txt"
    rows = [f"{digest} {file}" for file, digest in build_digests(name).items()]
    path.write_text(f"inputs {inputs_digest(name)}\n" + "\n".join(rows) + "\n", encoding="utf-8")
    return path
