"""``./run test``: install the pinned checkers if missing or stale, then run the suite in its two parts.

Every test but Lighthouse's runs on all cores (each file's tests in one worker, so a module's fixtures are
made once), then Lighthouse's alone (marker ``alone``): it times the pages it loads and must not share the
cores with builds.
"""

from __future__ import annotations

import hashlib
import shlex
import shutil
import subprocess
import sys
from pathlib import Path

from . import EXIT_FAILED, EXIT_OK

LOCK = Path("package-lock.json")


def main(args: str = "") -> int:
    """Run pytest with ``args``, or the whole suite in two parts; return the exit code."""
    npm_ci()
    pytest = [sys.executable, "-m", "pytest"]
    if args:
        return subprocess.run([*pytest, *shlex.split(args)], check=False).returncode
    parts = [[*pytest, "-n", "auto", "--dist", "loadfile", "-m", "not alone"], [*pytest, "-m", "alone"]]
    failed = [" ".join(part) for part in parts if subprocess.run(part, check=False).returncode]  # both run
    if failed:
        print(f"tests failed in: {', '.join(failed)}", file=sys.stderr)
        return EXIT_FAILED
    return EXIT_OK


def npm_ci() -> None:
    """``npm ci`` once per package-lock.json (vnu.jar, axe-core, Lighthouse): without them the quality gates
    are skipped on a developer's machine, so a fresh clone's ``./run test`` would check less than CI does."""
    if not LOCK.is_file() or not shutil.which("npm"):
        return  # the gates say what is missing
    stamp = Path("node_modules") / f".installed-{hashlib.sha256(LOCK.read_bytes()).hexdigest()[:16]}"
    if stamp.is_file():
        return
    subprocess.run(["npm", "ci", "--no-audit", "--no-fund", "--loglevel=error"], check=True)
    stamp.touch()
