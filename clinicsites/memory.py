"""Everything a process remembers between builds, in one place, and the disk caches' bounds.

A process that builds again and again (the preview, the tests, the benchmark) keeps some results from one build
for the next: parsed Markdown, the validated clinics file, the compiled theme, translations, image sizes. Each
is kept in a named, bounded ``Store`` of this module and found by a key made of exactly the inputs it was made
from, as digests or as a file's stamp (size, modification time and inode, which stand for its bytes the way
git's index lets them): a changed input makes a new key, so a stale entry is never found, only left to age out.
Nothing else in the engine keeps state across builds (``tests/test_memory.py`` looks for any that does).

On disk, under ``CACHE_PATH``, the same rule holds, and ``prune`` keeps each kind of cache within its bounds.
"""

from __future__ import annotations

import functools
import logging
import os
import shutil
from collections import OrderedDict
from collections.abc import Callable, Hashable
from pathlib import Path

logger = logging.getLogger(__name__)


class Store:
    """A bounded map from a key to what was made from the inputs the key names; the least recently used goes
    first when it is full."""

    def __init__(self, name: str, limit: int):
        self.name, self.limit = name, limit
        self._entries: OrderedDict = OrderedDict()
        self.hits = self.misses = 0

    def get(self, key: Hashable, default=None):
        try:
            self._entries.move_to_end(key)
        except KeyError:
            self.misses += 1
            return default
        self.hits += 1
        return self._entries[key]

    def put(self, key: Hashable, value) -> None:
        self._entries[key] = value
        self._entries.move_to_end(key)
        while len(self._entries) > self.limit:
            self._entries.popitem(last=False)

    def make(self, key: Hashable, make: Callable[[], object]):
        """The value for ``key``, made now if it is not kept."""
        found = self.get(key, _MISSING)
        if found is _MISSING:
            found = make()
            self.put(key, found)
        return found

    def clear(self) -> None:
        self._entries.clear()

    def __len__(self) -> int:
        return len(self._entries)


_MISSING = object()
#: Every store, by name: the one place a process keeps state between builds.
_STORES: dict[str, Store] = {}


def store(name: str, limit: int) -> Store:
    """The store called ``name`` (made on first use); each kind of remembered result has its own."""
    found = _STORES.get(name)
    if found is None:
        found = _STORES[name] = Store(name, limit)
    return found


def remember(name: str, limit: int):
    """Keep a function's results in store ``name``, keyed by its arguments.

    Only for functions whose result depends on nothing but their arguments: a function that reads a file takes
    the file's stamp or digest as an argument (``file_stamp``), so an edited file makes a new key.
    """

    def decorate(function):
        kept = store(name, limit)

        @functools.wraps(function)
        def wrapper(*args, **options):
            key = (*args, *sorted(options.items())) if options else args
            return kept.make(key, lambda: function(*args, **options))

        wrapper.store = kept
        return wrapper

    return decorate


def forget() -> None:
    """Empty every store (a process that wants a build as a new process would make it)."""
    for kept in _STORES.values():
        kept.clear()


def sizes() -> dict[str, int]:
    """How many entries each store holds."""
    return {name: len(kept) for name, kept in sorted(_STORES.items())}


def file_stamp(path) -> tuple[int, int, int] | None:
    """What stands for a file's bytes in a key: (size, modification time in ns, inode); None if it is missing."""
    try:
        stat = os.stat(path)
    except OSError:
        return None
    return (stat.st_size, stat.st_mtime_ns, stat.st_ino)


#: Disk caches under CACHE_PATH by kind (the name's first part) and how many of each are kept: every clinics file,
#: content folder and output folder has caches of its own, and previews, tests and audits into temporary folders
#: would otherwise leave theirs behind for ever. A "measured" one is a whole build (``./run check`` measures each
#: clinic's own text on it), so fewer are kept.
KEEP = {"parsed": 6, "clinics": 6, "output": 6, "measured": 2, "claims": 4}
#: The resized images under CACHE_PATH/images are shared by every build; beyond this many bytes the least
#: recently used go (a build marks each image it uses).
IMAGES_BYTES = 512 * 1024 * 1024


def prune(folder, keep: dict[str, int] | None = None, image_bytes: int = IMAGES_BYTES) -> None:
    """Keep the most recently used caches of each kind in ``folder``, and its images within ``image_bytes``."""
    root = Path(folder)
    if not root.is_dir():
        return
    keep = KEEP if keep is None else keep
    kinds: dict[str, list[Path]] = {}
    for entry in root.iterdir():
        kind = entry.name.split("-", 1)[0]
        if kind in keep:
            kinds.setdefault(kind, []).append(entry)
    for kind, entries in kinds.items():
        entries.sort(key=_mtime, reverse=True)
        for old in entries[keep[kind] :]:
            _remove(old)
    _prune_images(root / "images", image_bytes)


def _prune_images(folder: Path, budget: int) -> None:
    if not folder.is_dir():
        return
    files = sorted((p for p in folder.iterdir() if p.is_file()), key=_mtime, reverse=True)
    total = 0
    for path in files:
        total += path.stat().st_size
        if total > budget:
            _remove(path)


def _mtime(path: Path) -> float:
    try:
        return path.stat().st_mtime
    except OSError:
        return 0.0


def _remove(path: Path) -> None:
    try:
        shutil.rmtree(path) if path.is_dir() else path.unlink()
    except OSError as exc:
        logger.warning("could not remove the old cache %s: %s", path, exc)
