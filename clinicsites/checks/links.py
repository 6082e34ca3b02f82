"""LinkChecker over a served site: every internal link and #anchor reachable from a start page."""

from __future__ import annotations

import logging
import re
import subprocess
import sys
import tempfile
import xml.etree.ElementTree as ET
from pathlib import Path
from typing import NamedTuple

logger = logging.getLogger(__name__)

#: Threads and requests per second are high because the only host is our own server on loopback, which sends
#: the header that lets LinkChecker go faster than 10 requests a second (see clinicsites/serve.py).
CONFIG = """\
[checking]
threads=4
maxrequestspersecond=1000
timeout=20
[filtering]
checkextern=0
[output]
status=0
verbose=1
[AnchorCheck]
"""


class BrokenLink(NamedTuple):
    """A link that does not lead anywhere: where it is, where it points, and what happened."""

    page: str
    line: int | None
    link: str
    result: str

    def __str__(self) -> str:
        return f"{self.page}:{self.line or '?'}: {self.link}: {self.result}"


class LinkReport(NamedTuple):
    checked: int  # URLs checked, pages and everything they link to
    found: tuple[str, ...]  # internal URLs that answered (pages, stylesheets), without #anchors
    broken: list[BrokenLink]


def check(*start_urls: str) -> LinkReport:
    """Check every link on the start pages' host, recursively; other hosts and schemes are only syntax-checked.

    Pass pages that nothing links to (404.html) as further start pages to have their links checked too.
    """
    origin = re.match(r"https?://[^/]+/", start_urls[0]) if start_urls else None
    if not origin or not all(url.startswith(origin.group(0)) for url in start_urls):
        raise ValueError(f"expected http:// URLs on one host, got {start_urls!r}")
    with tempfile.TemporaryDirectory(prefix="linkchecker-") as tmp:
        config = Path(tmp) / "linkcheckerrc"
        config.write_text(CONFIG, encoding="utf-8")
        command = [
            sys.executable,
            "-m",
            "linkcheck",
            "--config",
            str(config),
            "--output",
            "xml",
            # Everything but our server (other hosts, mailto:, tel:) is ignored: the build must not need
            # the internet, and external pages are not ours to fix.
            "--ignore-url",
            f"^(?!{re.escape(origin.group(0))})",
            *start_urls,
        ]
        logger.debug("running %s", command)
        done = subprocess.run(command, capture_output=True, text=True, encoding="utf-8", check=False)
    # Exit 1 means it found errors or warnings, which the report lists; 2 and up mean it failed.
    if done.returncode not in (0, 1):
        raise RuntimeError(f"linkchecker exited with {done.returncode}: {done.stderr.strip()[-2000:]}")
    return parse(done.stdout, origin.group(0))


def parse(report: str, origin: str) -> LinkReport:
    """Read LinkChecker's XML report; a link is broken if it failed or names an anchor its page lacks."""
    broken, found, checked = [], set(), 0
    for item in ET.fromstring(report).iter("urldata"):
        checked += 1
        real = item.findtext("realurl") or item.findtext("url") or ""
        parent = item.find("parent")
        page = _local(parent.text or "", origin) if parent is not None else "(start)"
        line = int(parent.get("line")) if parent is not None and parent.get("line", "").isdigit() else None
        valid = item.find("valid")
        warnings = [w.text or "" for w in item.iter("warning")]
        if valid is not None and valid.text == "1" and real.startswith(origin):
            found.add(_local(real.split("#")[0], origin))
        if valid is not None and valid.text == "0":
            broken.append(BrokenLink(page, line, item.findtext("url") or real, valid.get("result", "invalid")))
        for warning in warnings:
            if warning.startswith("Anchor "):
                broken.append(BrokenLink(page, line, item.findtext("url") or real, warning))
            else:
                logger.info("%s:%s: %s: %s", page, line, real, warning)
    return LinkReport(checked, tuple(sorted(found)), sorted(set(broken), key=lambda b: (b.page, b.line or 0, b.link)))


def _local(url: str, origin: str) -> str:
    return "/" + url[len(origin) :] if url.startswith(origin) else url
