"""Pelican's Writer, with the disk work moved to background threads.

Rendering is Python work; creating folders and writing files is mostly waiting
for the disk (about a millisecond each here). Threads overlap that waiting with
rendering the next page: the GIL is released during system calls.
"""

from __future__ import annotations

import io
import os
from concurrent.futures import Future, ThreadPoolExecutor

from pelican.writers import FileOverwriteFailedError, Writer

#: Threads per process doing disk work: enough to hide latency, few enough to stay light.
IO_THREADS = 4


class ThreadedWriter(Writer):
    """A Writer whose files are written by a thread pool; call ``finish()`` to wait and surface errors."""

    def __init__(self, output_path, settings, pool: ThreadPoolExecutor):
        super().__init__(output_path, settings)
        self._pool = pool
        self._pending: list[Future] = []

    def make_folders(self, names) -> None:
        """Create the folders these site-relative files will go in, ahead of rendering them."""
        for folder in sorted({os.path.dirname(os.path.join(self.output_path, n)) for n in names}):
            self._pending.append(self._pool.submit(os.makedirs, folder, exist_ok=True))

    def _open_w(self, filename, encoding, override=False):
        if filename in self._written_files:
            raise FileOverwriteFailedError(f'Failed to overwrite "{filename}": already written by this build')
        self._written_files.add(filename)
        return _Deferred(filename, encoding, self)

    def save(self, filename: str, text: str, encoding: str) -> None:
        self._pending.append(self._pool.submit(_save, filename, text, encoding))

    def finish(self) -> None:
        """Wait for every file; re-raise the first error (a full disk, a permission problem)."""
        pending, self._pending = self._pending, []
        for future in pending:
            future.result()


class _Deferred(io.StringIO):
    """What Pelican writes a page into: handed to the writer's threads when closed."""

    def __init__(self, filename: str, encoding: str, writer: ThreadedWriter):
        super().__init__()
        self._target = (filename, encoding, writer)

    def close(self) -> None:
        if not self.closed:
            filename, encoding, writer = self._target
            writer.save(filename, self.getvalue(), encoding)
        super().close()


def _save(filename: str, text: str, encoding: str) -> None:
    os.makedirs(os.path.dirname(filename), exist_ok=True)
    with open(filename, "w", encoding=encoding) as file:
        file.write(text)
