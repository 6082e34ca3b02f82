"""Where one site's files go: straight into a new folder, or only the changed ones over the last build.

Rendering is Python work; creating a file is mostly waiting for the disk, and comparing a file's
bytes with the last build's digest costs far less than writing it. So every file passes through
``SiteFiles.put``: over a previous build, a file whose bytes are unchanged is not written at all, a
changed one is written beside the file it replaces (and renamed over it only at commit, see
transaction.py), and a new one waits in the staging folder. Writes run on background threads: the GIL
is released during system calls.
"""

from __future__ import annotations

import enum
import hashlib
import os
from concurrent.futures import Future, ThreadPoolExecutor
from dataclasses import dataclass, field
from pathlib import Path

from .records import Record, unpack

#: Threads per process doing disk work: enough to hide latency, few enough to stay light.
IO_THREADS = 4
#: Suffix of a changed file written beside the one it will replace.
PENDING = ".clinicsites-new"

_pool: tuple[int, ThreadPoolExecutor] | None = None


class Mode(enum.Enum):
    """How a build changes one site's folder."""

    UNCHANGED = "unchanged"  # nothing to write: the last build's files stand
    NEW = "new"  # written whole into a new folder in staging, swapped in at commit
    PATCH = "patch"  # changed files beside their old versions, new ones in staging, applied at commit


@dataclass
class Changes:
    """What a build changed in a previous build's folder."""

    replaced: list[str] = field(default_factory=list)  # written beside their old versions
    added: list[str] = field(default_factory=list)  # written into the spill folder
    removed: list[str] = field(default_factory=list)

    def __bool__(self) -> bool:
        return bool(self.replaced or self.added or self.removed)


@dataclass(frozen=True)
class Written:
    """What building one site did; plain data, sent back from a worker process."""

    name: str
    mode: Mode
    pages: int = 0  # rendered
    changes: Changes = field(default_factory=Changes)
    record: Record | None = None  # None: the last build's record stands
    remade: tuple[str, ...] = ()  # folders made from other files again by this build (the search index)

    @property
    def files(self) -> int:
        """Files new or changed in the site's folder."""
        if self.mode is Mode.NEW:
            return len(self.record.files) if self.record else 0
        return len(self.changes.replaced) + len(self.changes.added)


@dataclass(frozen=True)
class Target:
    """Where one site's files go; plain data, sent to a worker process."""

    name: str
    live: Path  # the site's folder in the output
    staged: Path  # where a new folder is written
    spill: Path  # where files new to a live folder wait
    record: bytes | None = None  # the last build's record, pickled

    def open(self, full: bool = False, threaded: bool = True) -> SiteFiles:
        """Start writing the site. Unless ``full``, only the folders' times are compared with the record."""
        previous = unpack(self.record)
        if previous is not None and not previous.intact(self.live, files=full):
            previous = None  # changed by hand since its build: rebuilt whole
        return SiteFiles(self, previous, io_pool() if threaded else None)


def io_pool() -> ThreadPoolExecutor:
    """This process's disk-writing threads, started once (a forked worker starts its own)."""
    global _pool
    if _pool is None or _pool[0] != os.getpid():
        _pool = (os.getpid(), ThreadPoolExecutor(IO_THREADS, thread_name_prefix="clinicsites-io"))
    return _pool[1]


def stop_io_pool() -> None:
    """Stop this process's disk threads (before forking workers: a fork copies no threads, only their locks)."""
    global _pool
    if _pool is not None and _pool[0] == os.getpid():
        _pool[1].shutdown(wait=True)
    _pool = None


def file_digest(data: bytes) -> str:
    return hashlib.blake2b(data, digest_size=16).hexdigest()


def pending_name(name: str) -> str:
    """Where a changed file waits, in the same folder as the file it replaces."""
    folder, _, base = name.rpartition("/")
    return f"{folder}/.{base}{PENDING}" if folder else f".{base}{PENDING}"


def discard_changes(site: Path, changes: Changes) -> None:
    """Remove the changed files a build wrote beside their old versions."""
    for name in changes.replaced:
        (site / pending_name(name)).unlink(missing_ok=True)


class SiteFiles:
    """Every file of one site, with the digest, size and modification time of each.

    Without a ``previous`` record the site is new and every file is written into its staged folder.
    Without a ``pool``, files are written at once.
    """

    def __init__(self, target: Target, previous: Record | None, pool: ThreadPoolExecutor | None):
        self.target, self.previous = target, previous
        self.folder = target.staged if previous is None else target.live
        self._old = previous.files if previous is not None else None
        self.files: dict[str, list] = {}
        self.changes = Changes()
        self._pool = pool
        self._pending: list[Future] = []
        self._folders: set[str] = set()
        self._whole = False
        self.pages: dict[str, bytes] = {}  # HTML put by this build, for the search index
        # Folders made from other files (the search index), by the key of what they were made from.
        self._last_derived: dict[str, str] = dict(getattr(previous, "derived", None) or {})
        self.derived: dict[str, str] = {}
        self._remade: list[str] = []

    def put(self, name: str, data: bytes) -> None:
        """Add one file of the site; it is written only if its bytes differ from the last build's."""
        if name in self.files:
            raise ValueError(f'"{name}" is written twice by this build')
        if name.endswith(".html"):
            self.pages[name] = data
        record = self.files[name] = [file_digest(data), len(data), None]
        before = self._old.get(name) if self._old is not None else None
        if before is not None and before[0] == record[0]:
            self.files[name] = before  # the same bytes are on disk already
            return
        if self._old is None:
            path = self.folder / name
        elif before is not None:
            path = self.folder / pending_name(name)
            self.changes.replaced.append(name)
        else:
            path = self.target.spill / name
            self.changes.added.append(name)
        if self._pool is None:
            self._write(path, data, record)
        else:
            self._pending.append(self._pool.submit(self._write, path, data, record))

    def _write(self, path: Path, data: bytes, record: list) -> None:
        folder = str(path.parent)
        if folder not in self._folders:
            os.makedirs(folder, exist_ok=True)
            self._folders.add(folder)
        with open(path, "wb") as file:
            file.write(data)
        # Renaming keeps the time, so the record matches the file once it is moved into place.
        record[2] = os.stat(path).st_mtime_ns

    @property
    def changed(self) -> bool:
        """Whether this build wrote, or will remove, anything in the site."""
        return self._old is None or bool(self.changes)

    def read(self, name: str) -> bytes:
        """A file of the site as it will be after this build: put now, or left from the last build."""
        if name in self.pages:
            return self.pages[name]
        return (self.target.live / name).read_bytes()

    def folder_key(self, folder: str) -> str | None:
        """The key of what the last build made ``folder``/ from (see ``replace_folder``), if it is still current."""
        return self._last_derived.get(folder)

    def replace_folder(self, folder: str, files: dict[str, bytes], key: str) -> None:
        """Put ``files`` (names under ``folder``/), made from what ``key`` stands for; the last build's other files
        there are to be removed."""
        for name, data in files.items():
            self.put(name, data)
        self.derived[folder] = key
        self._remade.append(folder)
        if self._old is not None and not self._whole:
            stale = [n for n in self._old if n.startswith(folder + "/") and n not in files]
            self.changes.removed = sorted(set(self.changes.removed) | set(stale))

    def keep_folder(self, folder: str, current: bool = True) -> None:
        """Keep the last build's files under ``folder``/ as they are: nothing they are made from changed, or
        (not ``current``) they are left out of date this time, and their key is forgotten."""
        for name, record in (self._old or {}).items():
            if name.startswith(folder + "/") and name not in self.files:
                self.files[name] = record
        key = self._last_derived.get(folder) if current else None
        if key is not None:
            self.derived[folder] = key
        else:
            self.derived.pop(folder, None)

    def complete(self) -> None:
        """Every file of the site has been put: the last build's others are to be removed."""
        self._whole = True
        if self._old is not None:
            self.changes.removed = sorted(self._old.keys() - self.files.keys())

    def finish(self, site: str, pages: dict[str, str], rendered: int) -> Written:
        """Wait for every file (re-raising the first error: a full disk, a permission problem); say what changed."""
        # Wait for every write, even after one failed: a write still running could land after the clean-up.
        errors = [future.exception() for future in self._pending]
        self._pending = []
        failed = next((error for error in errors if error is not None), None)
        if failed is not None:
            raise failed
        kept = {} if self._old is None or self._whole else self._old  # pages not rendered again stay as they were
        record = Record(
            site,
            dict(sorted(pages.items())),
            dict(sorted({**kept, **self.files}.items())),
            dict(self.previous.dirs) if self.previous else {},
            dict(sorted(self.derived.items())),
        )
        mode = Mode.NEW if self.previous is None else Mode.PATCH
        return Written(self.target.name, mode, rendered, self.changes, record, tuple(self._remade))

    def unchanged(self) -> Written:
        return Written(self.target.name, Mode.UNCHANGED)

    def discard(self) -> None:
        """Remove the changed files written beside their old versions: the build failed."""
        for future in self._pending:
            future.exception()  # wait, without raising again
        if self._pool is not None:
            # A stop can land after the pool took a write and before its future was kept in _pending: wait for
            # every write this process queued, so none lands after the clean-up (the next site starts a new pool).
            stop_io_pool()
        discard_changes(self.folder, self.changes)
