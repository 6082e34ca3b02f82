"""A cache of parsed Markdown keyed by each file's bytes, so an unchanged file is never parsed twice.

Parsing (YAML front matter, Markdown, tag checks, Jinja compilation) costs about 3 ms a file;
a franchise has thousands of posts. The cache stores what ``ClinicMarkdownReader.parse``
returns for files that parsed cleanly, with each template's compiled code. Its key covers
the engine's own code, the library and Python versions and the settings, so any change to
how files are read starts it afresh. Files with problems are never cached: they are parsed
(and reported) every time.
"""

from __future__ import annotations

import pickle
import sys
import time
from importlib.metadata import version
from pathlib import Path

from . import incremental
from .errors import display_path


class ParseCache:
    """Parsed files, one cache file per content folder tree (``shared``, each clinic's folder).

    An entry is found by the file's size, modification time and inode, as git's index does, so an
    unchanged file is not even read; a file whose time is too close to the cache's own to tell
    (a "racy" one) is read and its bytes compared. A one-post edit reads and saves one small shard.
    """

    def __init__(self, settings: dict):
        self.folder = Path(settings["CACHE_PATH"]) / f"parsed-{incremental.digest(settings['PATH'])[:12]}"
        shown = {k: v for k, v in settings.items() if k not in ("OUTPUT_PATH", "THEME")}
        self.version = incremental.digest(incremental.package_tree(), sys.version, version("jinja2"),
                                          version("markdown"), version("pelican"),
                                          incremental.settings_repr(shown))
        self.shards: dict[str, _Shard] = {}

    def shard(self, tree: str) -> _Shard:
        if tree not in self.shards:
            self.shards[tree] = _Shard(self.folder / f"{incremental.digest(tree)[:16]}.pickle", self.version)
        return self.shards[tree]

    def save(self, prune: bool) -> None:
        """Save the shards that changed; with ``prune`` (every folder was read), drop the others."""
        for shard in self.shards.values():
            shard.save()
        if prune and self.folder.is_dir():
            kept = {shard.path.name for shard in self.shards.values()}
            for path in self.folder.iterdir():
                if path.name not in kept:
                    path.unlink(missing_ok=True)


class _Shard:
    """The parsed files of one folder tree: display path -> (stat stamp, bytes digest, parsed)."""

    def __init__(self, path: Path, version: str):
        self.path, self.version = path, version
        self.entries: dict[str, tuple] = {}
        self.saved_ns = 0
        try:
            with open(path, "rb") as file:
                saved_version, self.saved_ns, entries = pickle.load(file)
            if saved_version == version:
                self.entries = entries
        except (OSError, EOFError, pickle.UnpicklingError, ValueError, TypeError, AttributeError, ImportError):
            pass  # no cache yet, or one from another version: parse everything
        self.used: dict[str, tuple] = {}

    def get(self, display: str, stamp: tuple):
        """The parsed file if its stamp matches and is not racy (modified within a second of the save)."""
        found = self.entries.get(display)
        if found is not None and found[0] == stamp and stamp[1] < self.saved_ns - 1_000_000_000:
            self.used[display] = found
            return found[2]
        return None

    def get_by_bytes(self, display: str, stamp: tuple, key: str):
        found = self.entries.get(display)
        if found is not None and found[1] == key:
            self.used[display] = (stamp, key, found[2])
            return found[2]
        return None

    def put(self, display: str, stamp: tuple, key: str, parsed) -> None:
        self.used[display] = (stamp, key, parsed)

    def save(self) -> None:
        """Write the entries this build used (so deleted files drop out), if anything changed."""
        if self.used != self.entries:
            incremental.write_pickle(self.path, (self.version, time.time_ns(), self.used))


def load_config_cached(path, settings: dict):
    """``config.load_config``, answered from the cache when the file's bytes, its name as shown in
    messages and the engine are those of a file that validated before (1,000 clinics take about
    half a second to validate, most of a one-post rebuild)."""
    from .config import load_config  # config imports this package's modules; keep the import local

    try:
        data = Path(path).read_bytes()
    except OSError:
        return load_config(path)  # reports the problem
    shown = display_path(path)
    key = incremental.digest(incremental.package_tree(), sys.version, version("phonenumbers"), shown, data)
    cache = Path(settings["CACHE_PATH"]) / f"clinics-{incremental.digest(Path(path).resolve())[:12]}.pickle"
    try:
        with open(cache, "rb") as file:
            saved_key, config = pickle.load(file)
        if saved_key == key:
            return config
    except (OSError, EOFError, pickle.UnpicklingError, ValueError, TypeError, AttributeError, ImportError):
        pass
    config = load_config(path)  # raises InputError for a file with problems: those are never cached
    incremental.write_pickle(cache, (key, config))
    return config
