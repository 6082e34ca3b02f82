"""What the last build wrote for each site, kept in the cache folder (never in the published output).

A record holds the site's *site key* and *page keys* (see render/keys.py), the digest, size and
modification time of every file in its folder, the modification time of every folder, and the key of
what each folder made from other files (the search index) was made from. The times
let the next build spot changes made by hand without reading any file.
"""

from __future__ import annotations

import os
import pickle
from dataclasses import dataclass, field
from pathlib import Path

from .. import cache


@dataclass
class Record:
    """One site's files as the last build left them."""

    site: str  # the site key
    pages: dict[str, str]  # "section/slug" -> page key
    files: dict[str, list]  # name -> [digest, size, mtime_ns]
    dirs: dict[str, int] = field(default_factory=dict)  # folder ("" for the site's own) -> mtime_ns
    derived: dict[str, str] = field(default_factory=dict)  # folder made from other files -> key of what from

    def intact(self, folder: Path, files: bool) -> bool:
        """Whether ``folder`` still holds what this record says. A folder's time changes whenever a file in it
        is added, deleted or renamed, which catches most hand edits; ``files`` also compares each file's size
        and time (as git's index does), which catches a file edited in place, at twice the cost."""
        base = f"{folder}/"
        try:
            for name, mtime in self.dirs.items():
                if os.lstat(base + name).st_mtime_ns != mtime:
                    return False
            if files:
                for name, (_, size, mtime) in self.files.items():
                    stat = os.lstat(base + name)
                    if stat.st_size != size or stat.st_mtime_ns != mtime:
                        return False
        except (OSError, ValueError, TypeError, AttributeError):
            return False
        return True

    def note_folders(self, folder: Path, changes=None) -> None:
        """Take the times of the site's folder and of every folder its files are in, as they are now. With
        ``changes`` (files.py ``Changes``: what a build did to the last build's folder), only the folders of the
        files it replaced, added or removed, and the folders above them, are looked at again: no other folder's
        time can have changed since the build found them as the record says (a build of 1,000 clinics' one shared
        page looked at 40,000)."""
        if changes is None or not self.dirs:
            names = looked = _folders(self.files)
        else:
            looked = _folders(changes.replaced + changes.added + changes.removed)
            # Files only replaced leave the site's folders as they were.
            names = _folders(self.files) if changes.added or changes.removed else set(self.dirs)
        self.dirs = {name: os.lstat(f"{folder}/{name}").st_mtime_ns if name in looked or name not in self.dirs
                     else self.dirs[name] for name in sorted(names)}  # fmt: skip


def _folders(files) -> set[str]:
    """The folders ``files`` (names in a site) are in, and every folder above them, the site's own ("") too."""
    names = {""}
    for name in files:
        while "/" in name:
            name = name.rpartition("/")[0]
            if name in names:
                break
            names.add(name)
    return names


def pack(record: Record) -> bytes:
    return pickle.dumps(record, protocol=pickle.HIGHEST_PROTOCOL)


def unpack(blob: bytes | None) -> Record | None:
    """A record from its pickled form; None when missing or not a record."""
    try:
        found = pickle.loads(blob) if blob else None
    except cache.UNREADABLE:
        return None
    return found if isinstance(found, Record) else None


def path_for(cache_folder, output: Path) -> Path:
    """Where the records of the builds into ``output`` are kept."""
    return Path(cache_folder) / f"output-{cache.digest(str(output))[:12]}.pickle"


def load(path: Path) -> dict[str, bytes]:
    """Each site's record, still pickled, by name: each is unpickled only by the worker that builds it."""
    data = cache.read_pickle(path, {})
    cache.touch(path)
    if not isinstance(data, dict):
        return {}
    return {name: blob for name, blob in data.items() if isinstance(blob, bytes)}


def save(path: Path, records: dict[str, bytes]) -> None:
    """Replace the records atomically: a build stopped half-way leaves the old ones, which no longer match."""
    cache.write_pickle(path, records)
