"""One build's changes to the output folder, all or nothing.

Sites are rendered into a staging folder beside the output (new sites) or beside the files they replace
(changed files, see files.py); nothing in the output changes until ``commit``, which renames everything
into place with SIGINT and SIGTERM held back, so readers never see half a build. Whatever stops a build
before that (bad input, a theme error, Ctrl+C, SIGTERM, a failed write) removes every file it wrote,
leaving the output byte for byte as it was. A journal file beside the output is written when a build
starts and removed when it ends; one left behind by a build that was killed outright (SIGKILL, a power
cut) makes the next build remove that build's stray files first.
"""

from __future__ import annotations

import logging
import os
import shutil
import signal
import tempfile
import threading
from pathlib import Path

from ..errors import BuildError, InputError, Problem, display_path
from . import records
from .files import PENDING, Mode, SiteFiles, Target, Written, discard_changes, pending_name

logger = logging.getLogger(__name__)

#: Written into every output folder, so a build never replaces a folder it did not make.
MARKER = ".clinic-sites-output"
#: Folder in the staging area holding files new to a live site until they are moved in.
_SPILL = ".patches"
_TRASH = ".trash"
#: Given with the KeyboardInterrupt raised when a signal arrives during the commit, which it lets finish.
COMPLETED = "the build was complete"
_SIGNALS = {signal.SIGINT, signal.SIGTERM}


def check_replaceable(output: Path) -> None:
    """Refuse to replace an existing, non-empty folder that an earlier build did not make."""
    if output.exists() and (not output.is_dir() or (any(output.iterdir()) and not (output / MARKER).exists())):
        raise InputError(
            [
                Problem(
                    display_path(output),
                    None,
                    "--output",
                    "expected a new folder or one made by an earlier build; this one holds other files, "
                    "so it is left alone (choose another --output or empty it)",
                )
            ]
        )


class Transaction:
    """A build's writes into ``output``: use as a context manager, add each site's result, then commit.

    ``keep_others``: sites not built this time stay (a one-clinic build); otherwise they are removed.
    """

    def __init__(self, output: Path, cache_folder, keep_others: bool = False):
        self.output = Path(output).resolve()
        self.keep_others = keep_others
        self.journal = self.output.with_name(f".{self.output.name}.journal")
        self.records_file = records.path_for(cache_folder, self.output)
        self.staged: Path | None = None
        self.results: dict[str, Written] = {}
        self.lost: set[str] = set()  # sites whose worker died: what it wrote is unknown
        self._records: dict[str, bytes] = {}
        self._root: SiteFiles | None = None
        self._old_handlers: dict = {}
        self.stopped: list[int] = []  # Ctrl+C and SIGTERM received while the build ran
        self._committed = False

    def __enter__(self) -> Transaction:
        check_replaceable(self.output)
        self.output.parent.mkdir(parents=True, exist_ok=True)
        self._recover()
        self.staged = Path(tempfile.mkdtemp(prefix=f".{self.output.name}.building-", dir=self.output.parent))
        self.staged.chmod(0o755)  # mkdtemp makes it private; the published folder must be readable by web servers
        self.journal.write_text(self.staged.name + "\n", encoding="utf-8")
        (self.staged / MARKER).write_text(
            "Built by clinicsites; `./run build` replaces this folder.\n", encoding="utf-8"
        )
        # Only a folder a build made has records that describe it.
        self._records = records.load(self.records_file) if (self.output / MARKER).is_file() else {}
        if threading.current_thread() is threading.main_thread():
            # SIGTERM (a CI job cancelled, a service stopped) cleans up like Ctrl+C. Each is noted as well as
            # raised: Python swallows an exception raised in a finaliser, and some libraries turn it into their
            # own error, but the note still stops the build before the commit and names the cause.
            self._old_handlers = {s: signal.signal(s, self._stop) for s in _SIGNALS}
        return self

    def _stop(self, signum, frame):
        self.stopped.append(signum)
        raise KeyboardInterrupt(_signal_name(signum))

    def __exit__(self, kind, error, tb) -> None:
        try:
            if error is not None:
                self._discard()
                if self._committed and isinstance(error, KeyboardInterrupt):
                    raise KeyboardInterrupt(COMPLETED) from None  # the signal came just after the commit
                if self.stopped and not isinstance(error, KeyboardInterrupt):
                    # The stop surfaced as another error (a pool or a service cut short): report the stop.
                    raise KeyboardInterrupt(_signal_name(self.stopped[0])) from error
                if isinstance(error, OSError):
                    raise BuildError([_disk_problem(error)]) from error
        finally:
            for number, handler in self._old_handlers.items():
                signal.signal(number, handler)
            if self.staged is not None:
                shutil.rmtree(self.staged, ignore_errors=True)
            self.journal.unlink(missing_ok=True)

    def target(self, name: str) -> Target:
        """Where site ``name`` (a clinic's slug) goes, with what the last build wrote there."""
        return Target(
            name, self.output / name, self.staged / name, self.staged / _SPILL / name, self._records.get(name)
        )

    def add(self, written: Written) -> None:
        """Take one site's result; from now on a failure removes what it wrote."""
        self.results[written.name] = written

    def root(self) -> SiteFiles:
        """Files at the top of the output (the directory of clinics, sitemap index, stylesheet): always new."""
        if self._root is None:
            self._root = SiteFiles(Target("", self.staged, self.staged, self.staged), None, None)
        return self._root

    def commit(self) -> None:
        """Move every site's changes into the output, then save the records for the next build.

        Ctrl+C or SIGTERM during the commit is noted, not obeyed, until every file is in place; then it stops the
        command with ``KeyboardInterrupt(COMPLETED)``. Python runs signal handlers in the main thread whichever
        thread the signal reaches (the write threads, too), so replacing the handlers holds signals back where
        blocking them for the main thread alone would not.
        """
        if self.stopped:  # a stop whose exception was swallowed on the way: nothing is committed
            raise KeyboardInterrupt(_signal_name(self.stopped[0]))
        caught: list[int] = []
        held = threading.current_thread() is threading.main_thread()
        previous = {s: signal.signal(s, lambda signum, frame: caught.append(signum)) for s in _SIGNALS} if held else {}
        try:
            self._apply()
            self._save_records()
        finally:
            for number, handler in previous.items():
                signal.signal(number, handler)
        self.results.clear()  # committed: nothing left to discard
        self._committed = True
        if caught:
            raise KeyboardInterrupt(COMPLETED)

    def _apply(self) -> None:
        if not (self.output / MARKER).is_file():
            _swap(self.staged, self.output)  # nothing of ours to keep: every site was built new
            self.staged = None
            return
        trash = self.staged / _TRASH
        trash.mkdir()
        for name, result in self.results.items():
            if result.mode is Mode.NEW:
                if (self.output / name).exists():
                    (self.output / name).rename(trash / name)
                (self.staged / name).rename(self.output / name)
            elif result.mode is Mode.PATCH:
                _apply_changes(self.output / name, self.staged / _SPILL / name, result.changes)
        built = set(self.results)
        top = [e for e in self.staged.iterdir() if e.name not in built and e.name not in (_SPILL, _TRASH)]
        for entry in top:
            if entry.is_dir() and (self.output / entry.name).exists():
                (self.output / entry.name).rename(trash / entry.name)
            os.replace(entry, self.output / entry.name)
        if not self.keep_others:
            current = built | {e.name for e in top}
            for entry in self.output.iterdir():
                if entry.name not in current:  # a clinic taken out of clinics.yaml, a CNAME no longer wanted
                    entry.rename(trash / entry.name)

    def _save_records(self) -> None:
        saved = dict(self._records) if self.keep_others else {}
        for name, result in self.results.items():
            if result.record is None:
                if name in self._records:
                    saved[name] = self._records[name]
                continue
            if result.mode is Mode.NEW:
                result.record.note_folders(self.output / name)
            elif result.changes:
                result.record.note_folders(self.output / name, result.changes)
            saved[name] = records.pack(result.record)
        if saved != self._records:
            records.save(self.records_file, saved)

    def _discard(self) -> None:
        """Remove every file this build wrote beside the output's own."""
        for name, result in self.results.items():
            if result.mode is Mode.PATCH:
                discard_changes(self.output / name, result.changes)
        for name in self.lost:
            _sweep(self.output / name)
        if self.stopped and self.output.is_dir():
            # A stop can land between a site's last write and the transaction taking its result, which then
            # names nothing to remove: on a stop, every pending file goes (one walk of the output).
            _sweep(self.output)

    def _recover(self) -> None:
        """Remove what a build killed outright left behind (its journal names its staging folder)."""
        if not self.journal.is_file():
            return
        staged = self.journal.read_text(encoding="utf-8").strip()
        if staged.startswith(f".{self.output.name}.building-"):
            shutil.rmtree(self.output.parent / staged, ignore_errors=True)
        removed = _sweep(self.output) if self.output.is_dir() else 0
        logger.warning(
            "%s: an earlier build was stopped before it finished; removed %d file(s) it left behind",
            display_path(self.output),
            removed,
        )
        self.journal.unlink(missing_ok=True)


def _signal_name(signum: int) -> str:
    return f"signal {signal.Signals(signum).name}"


def _disk_problem(error: OSError) -> Problem:
    where = display_path(error.filename) if error.filename else "output"
    return Problem(where, None, "", f"could not write: {error.strerror or error}; nothing in the output was changed")


def _swap(staged: Path, output: Path) -> None:
    """Replace ``output`` with ``staged`` by renames, so readers never see half a site."""
    old = None
    if output.exists():
        old = output.with_name(f".{output.name}.old-{os.getpid()}")
        shutil.rmtree(old, ignore_errors=True)
        output.rename(old)
    staged.rename(output)
    if old:
        shutil.rmtree(old, ignore_errors=True)


def _apply_changes(site: Path, spill: Path, changes) -> None:
    """Rename a site's changed files over their old versions, move new ones in, delete removed ones."""
    for name in changes.replaced:
        os.replace(site / pending_name(name), site / name)
    for name in changes.added:
        (site / name).parent.mkdir(parents=True, exist_ok=True)
        os.replace(spill / name, site / name)
    for name in changes.removed:
        path = site / name
        path.unlink(missing_ok=True)
        for parent in path.parents:  # folders left empty go too
            if parent == site or any(parent.iterdir()):
                break
            parent.rmdir()


def _sweep(folder: Path) -> int:
    """Delete every pending file under ``folder``; return how many."""
    removed = 0
    for root, _dirs, names in os.walk(folder):
        for name in names:
            if name.endswith(PENDING):
                os.unlink(os.path.join(root, name))
                removed += 1
    return removed
