"""Where a clinic's files go: straight into a new folder, or only the changed ones over the last build.

Rendering is Python work; creating a file is mostly waiting for the disk, and
on these machines creating one costs about 0.8 ms while comparing its bytes
with the last build's costs microseconds. So every file passes through
``SiteFiles.put``: over a previous build, a file whose bytes are unchanged is
not written at all, a changed one is written beside the file it replaces (and
renamed over it only once every clinic has built, see ``commit``), and a new
one waits in the staging folder. Writes run on background threads: the GIL is
released during system calls.
"""

from __future__ import annotations

import hashlib
import io
import os
from concurrent.futures import Future, ThreadPoolExecutor
from dataclasses import dataclass, field
from pathlib import Path

from pelican.utils import get_relative_path, path_to_url
from pelican.writers import FileOverwriteFailedError, Writer

#: Threads per process doing disk work: enough to hide latency, few enough to stay light.
IO_THREADS = 4
#: Suffix of a changed file written beside the one it will replace.
NEW = ".clinicsites-new"


_pool: tuple[int, ThreadPoolExecutor] | None = None


def io_pool() -> ThreadPoolExecutor:
    """This process's disk-writing threads, started once: starting them for each of 1,000 clinics cost
    more than a one-page rebuild. A forked worker starts its own (threads do not survive a fork)."""
    global _pool
    if _pool is None or _pool[0] != os.getpid():
        _pool = (os.getpid(), ThreadPoolExecutor(IO_THREADS, thread_name_prefix="clinicsites-io"))
    return _pool[1]


def file_digest(data: bytes) -> str:
    return hashlib.blake2b(data, digest_size=16).hexdigest()


def pending_name(name: str) -> str:
    """Where a changed file waits, in the same folder as the file it replaces."""
    folder, _, base = name.rpartition("/")
    return f"{folder}/.{base}{NEW}" if folder else f".{base}{NEW}"


def discard_changes(site: Path, changes: Changes) -> None:
    """Remove the changed files a build wrote beside their old versions: the build failed."""
    for name in changes.replaced:
        (site / pending_name(name)).unlink(missing_ok=True)


@dataclass
class Changes:
    """What a build changed in a previous build's folder, applied by ``commit``."""

    replaced: list[str] = field(default_factory=list)  # written beside their old versions
    added: list[str] = field(default_factory=list)  # written into the spill folder
    removed: list[str] = field(default_factory=list)

    def __bool__(self) -> bool:
        return bool(self.replaced or self.added or self.removed)


class SiteFiles:
    """Every file of one clinic's site, with the digest, size and modification time of each.

    ``old`` is the previous build's record of the files in ``folder`` (name -> [digest, size, mtime_ns]);
    without it, ``folder`` is new and every file is written into it. Without a ``pool``, files are
    written at once.
    """

    def __init__(self, folder: Path, pool: ThreadPoolExecutor | None = None, old: dict | None = None,
                 spill: Path | None = None):
        self.folder, self.old, self.spill = folder, old, spill
        self.files: dict[str, list] = {}
        self.changes = Changes()
        self._pool = pool
        self._pending: list[Future] = []
        self._folders: set[str] = set()
        self._whole = False

    def put(self, name: str, data: bytes) -> None:
        if name in self.files:
            raise FileOverwriteFailedError(f'Failed to overwrite "{name}": already written by this build')
        record = self.files[name] = [file_digest(data), len(data), None]
        before = self.old.get(name) if self.old is not None else None
        if before is not None and before[0] == record[0]:
            self.files[name] = before  # the same bytes are on disk already
            return
        if self.old is None:
            path = self.folder / name
        elif before is not None:
            path = self.folder / pending_name(name)
            self.changes.replaced.append(name)
        else:
            path = self.spill / name
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

    def finish(self) -> None:
        """Wait for every file; re-raise the first error (a full disk, a permission problem)."""
        pending, self._pending = self._pending, []
        for future in pending:
            future.result()

    def complete(self) -> None:
        """Every file of the site has been put: the previous build's others are to be removed."""
        self._whole = True
        if self.old is not None:
            self.changes.removed = sorted(self.old.keys() - self.files.keys())

    def record(self) -> dict:
        """Name -> [digest, size, mtime_ns] of every file the site holds after this build."""
        kept = {} if self.old is None or self._whole else self.old  # pages not rendered again stay as they were
        return dict(sorted({**kept, **self.files}.items()))

    def discard(self) -> None:
        """Remove the changed files written beside their old versions: the build failed."""
        for future in self._pending:
            future.exception()  # wait, without raising again
        discard_changes(self.folder, self.changes)


class ThreadedWriter(Writer):
    """Pelican's Writer, handing each rendered file to a ``SiteFiles``."""

    def __init__(self, files: SiteFiles, settings):
        super().__init__(str(files.folder), settings)
        self.files = files
        self._prefix = len(str(files.folder)) + 1

    def _open_w(self, filename, encoding, override=False):
        return _Deferred(filename[self._prefix:].replace(os.sep, "/"), encoding, self.files)

    def render(self, name: str, template, context: dict, relative: bool = True, **variables) -> None:
        """``write_file(name, template, context, relative_urls=relative, **variables)`` for a page that is
        not paginated, without creating its folder yet: over a previous build, it is only written if changed."""
        local = context.copy()
        if relative:  # as Pelican does: SITEURL leads back to the site's root, and {filename} links follow it
            local["SITEURL"] = local["localsiteurl"] = context["localsiteurl"] = path_to_url(get_relative_path(name))
        else:
            local["localsiteurl"] = context.get("localsiteurl")
        local["output_file"] = name
        local.update(variables)
        self.files.put(name, template.render(local).encode("utf-8"))


class _Deferred(io.StringIO):
    """What Pelican writes a page into: handed to the site's files when closed."""

    def __init__(self, name: str, encoding: str, files: SiteFiles):
        super().__init__()
        self._target = (name, encoding, files)

    def close(self) -> None:
        if not self.closed:
            name, encoding, files = self._target
            files.put(name, self.getvalue().encode(encoding))
        super().close()
