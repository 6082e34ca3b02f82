"""A cache of parsed Markdown keyed by each file's bytes, so an unchanged file is never parsed twice.

Parsing (YAML front matter, Markdown, tag checks, Jinja compilation) is the costliest step per file,
and a franchise has thousands of posts. The cache stores what ``ClinicMarkdownReader.parse``
returns for files that parsed cleanly, with each template's compiled code. Its key covers
the engine's own code, the library and Python versions and the settings, so any change to
how files are read starts it afresh. Files with problems are never cached: they are parsed
(and reported) every time.
"""

from __future__ import annotations

import sys
import time
from importlib.metadata import version
from pathlib import Path

from .. import cache, claims, memory


class ParseCache:
    """Parsed files, one cache file per content folder tree (``shared``, each clinic's folder).

    An entry is found by the file's size, modification time and inode, as git's index does, so an
    unchanged file is not even read; a file whose time is too close to the cache's own to tell
    (a "racy" one) is read and its bytes compared. A one-post edit reads and saves one small shard.
    """

    def __init__(self, settings: dict):
        self.folder = Path(settings["CACHE_PATH"]) / f"parsed-{cache.digest(settings['PATH'])[:12]}"
        # Only the Markdown settings (and the claims rules) change how a file is read: dev, publish and audit builds
        # share the cache.
        #: The claim rules' digest: a file checked against other rules is read again (see reader.parse_cached).
        self.rules = claims.rules_digest(claims.rules_file(settings))
        self.version = cache.digest(
            cache.engine_digest(),
            sys.version,
            version("jinja2"),
            version("markdown"),
            version("pelican"),
            cache.settings_repr({"MARKDOWN": settings["MARKDOWN"]}),
            self.rules,  # the claim rules each file was checked against, and what reads sentences
            version("pysbd"),
            version("simplemma"),
        )
        self.shards: dict[str, _Shard] = {}
        cache.touch(self.folder)

    def shard(self, tree: str) -> _Shard:
        if tree not in self.shards:
            self.shards[tree] = _Shard(self.folder / f"{cache.digest(tree)[:16]}.pickle", self.version, self.rules)
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


#: Shards a long-running process (the preview) has loaded or saved, by (file, its stamp, version): (saved_ns,
#: entries). The next build in the same process takes them from here instead of unpickling them again. One shard
#: a clinic: room for a group of 4,000 (at 64, a group of 1,000 unpickled every shard again on every rebuild, a
#: third of a post edit's 0.8 s). The entries are the parsed files the build's library holds anyway.
_SHARDS = memory.store("parsed-shards", 4096)


class _Shard:
    """The parsed files of one folder tree: display path -> (stat stamp, bytes digest, parsed)."""

    def __init__(self, path: Path, version: str, rules: str = ""):
        self.path, self.version, self.rules = path, version, rules
        self.entries: dict[str, tuple] = {}
        self.saved_ns = 0
        remembered = _SHARDS.get((path, memory.file_stamp(path), version))
        if remembered:
            self.saved_ns, self.entries = remembered
        else:
            saved = cache.read_pickle(path)
            # No cache yet, or one from another version: parse everything.
            if isinstance(saved, tuple) and len(saved) == 3 and saved[0] == version:
                self.saved_ns, self.entries = saved[1], saved[2]
                _SHARDS.put((path, memory.file_stamp(path), version), (self.saved_ns, self.entries))
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
            saved_ns = time.time_ns()
            cache.write_pickle(self.path, (self.version, saved_ns, self.used))
            _SHARDS.put((self.path, memory.file_stamp(self.path), self.version), (saved_ns, self.used))
