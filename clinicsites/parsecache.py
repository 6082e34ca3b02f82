"""A cache of parsed Markdown keyed by each file's bytes, so an unchanged file is never parsed twice.

Parsing (YAML front matter, Markdown, tag checks, Jinja compilation) costs about 3 ms a file;
a franchise has thousands of posts. The cache stores what ``ClinicMarkdownReader.parse``
returns for files that parsed cleanly, with each template's compiled code. Its key covers
the engine's own code, the library and Python versions and the settings, so any change to
how files are read starts it afresh. Files with problems are never cached: they are parsed
(and reported) every time.
"""

from __future__ import annotations

import logging
import os
import pickle
import sys
import tempfile
from importlib.metadata import version
from pathlib import Path

from . import incremental

logger = logging.getLogger(__name__)


class ParseCache:
    """Parsed files by (path, section, bytes) digest, loaded once and saved with only the entries used."""

    def __init__(self, settings: dict):
        self.path = Path(settings["CACHE_PATH"]) / f"parsed-{incremental.digest(settings['PATH'])[:12]}.pickle"
        shown = {k: v for k, v in settings.items() if k not in ("OUTPUT_PATH", "THEME")}
        self.version = incremental.digest(incremental.package_tree(), sys.version, version("jinja2"),
                                          version("markdown"), version("pelican"),
                                          incremental.settings_repr(shown))
        self.entries: dict[str, object] = {}
        self.used: dict[str, object] = {}
        try:
            with open(self.path, "rb") as file:
                saved_version, entries = pickle.load(file)
            if saved_version == self.version:
                self.entries = entries
        except (OSError, EOFError, pickle.UnpicklingError, ValueError, TypeError, AttributeError, ImportError):
            pass  # no cache yet, or one from another version: parse everything

    def key(self, display: str, section: str, data: bytes) -> str:
        return incremental.digest(display, section, data)

    def get(self, key: str):
        found = self.entries.get(key)
        if found is not None:
            self.used[key] = found
        return found

    def put(self, key: str, parsed) -> None:
        self.used[key] = parsed

    def save(self) -> None:
        """Write the entries this build used (so deleted files drop out), atomically."""
        if self.used.keys() == self.entries.keys():
            return
        try:
            self.path.parent.mkdir(parents=True, exist_ok=True)
            fd, tmp = tempfile.mkstemp(prefix=".parsed-", dir=self.path.parent)
            with os.fdopen(fd, "wb") as file:
                pickle.dump((self.version, self.used), file, protocol=pickle.HIGHEST_PROTOCOL)
            os.replace(tmp, self.path)
        except OSError as exc:  # a read-only checkout still builds, just without the cache
            logger.warning("could not save the parse cache %s: %s", self.path, exc)
