"""The W3C Nu HTML Checker over every HTML file of a folder, in one JVM."""

from __future__ import annotations

import json
import logging
import subprocess
from pathlib import Path
from typing import NamedTuple
from urllib.parse import unquote, urlsplit

from . import tools

logger = logging.getLogger(__name__)


class HtmlError(NamedTuple):
    """One error the checker reported: the file (relative to the folder checked), its line, the message."""

    file: str
    line: int | None
    message: str

    def __str__(self) -> str:
        return f"{self.file}:{self.line or '?'}: {self.message}"


def check(root: Path | str) -> list[HtmlError]:
    """Validate every .html file under ``root``; return the errors (warnings are not errors)."""
    root = Path(root).resolve()
    if not root.is_dir():
        raise FileNotFoundError(f"{root} is not a folder")  # vnu would report nothing, which looks like a pass
    command = [
        tools.java(),
        "-jar",
        str(tools.vnu_jar()),
        "--format",
        "json",
        "--skip-non-html",
        # --errors-only drops "info" messages (warnings such as "Section lacks heading") but keeps
        # "error" and "non-document-error" (a file it could not read); the exit code then tells only
        # whether there were errors, which the JSON already says, so it is made 0 and a crash is the
        # only failure.
        "--errors-only",
        "--exit-zero-always",
        str(root),
    ]
    logger.debug("running %s", command)
    done = subprocess.run(command, capture_output=True, text=True, encoding="utf-8", check=False)
    if done.returncode:
        raise RuntimeError(f"vnu.jar exited with {done.returncode}: {done.stderr.strip()[-2000:]}")
    # The report goes to stderr; stdout stays empty.
    return parse(done.stderr, root)


def parse(report: str, root: Path) -> list[HtmlError]:
    """Read the checker's JSON report; name files relative to ``root``."""
    errors = []
    for message in json.loads(report)["messages"]:
        if message.get("type") not in ("error", "non-document-error"):
            continue
        errors.append(
            HtmlError(
                _relative(message.get("url", ""), root), message.get("lastLine"), message.get("message", "").strip()
            )
        )
    return sorted(errors, key=lambda e: (e.file, e.line or 0, e.message))


def _relative(url: str, root: Path) -> str:
    path = Path(unquote(urlsplit(url).path)) if url.startswith("file:") else Path(url)
    try:
        return path.relative_to(root).as_posix()
    except ValueError:
        return url
