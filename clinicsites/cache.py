"""Digests and atomic pickle files: what the engine's caches (parsed Markdown, clinics.yaml, build records) share."""

from __future__ import annotations

import contextlib
import functools
import hashlib
import logging
import os
import pickle
import re
import shutil
import tempfile
from pathlib import Path

logger = logging.getLogger(__name__)
_ADDRESS = re.compile(r" at 0x[0-9a-f]+")  # object addresses differ between runs, not between settings
#: What unpickling a stale or foreign cache file can raise; any of them means "no cache".
UNREADABLE = (OSError, EOFError, pickle.UnpicklingError, ValueError, TypeError, AttributeError, ImportError)


def digest(*parts) -> str:
    """A short, stable hash of ``parts`` (bytes, or anything with a stable str)."""
    h = hashlib.sha256()
    for part in parts:
        h.update(part if isinstance(part, bytes) else str(part).encode("utf-8", "surrogatepass"))
        h.update(b"\0")
    return h.hexdigest()[:32]


def tree_digest(path) -> str:
    """Hash of every file under ``path`` (names and bytes), in a stable order."""
    root = Path(path)
    files = sorted(p for p in root.rglob("*") if p.is_file() and "__pycache__" not in p.parts)
    return digest(*(part for p in files for part in (p.relative_to(root).as_posix(), p.read_bytes())))


@functools.lru_cache(maxsize=1)
def engine_digest() -> str:
    """Hash of this package's own source: a new engine version invalidates every cache."""
    return tree_digest(Path(__file__).parent)


def settings_repr(settings: dict) -> str:
    """The settings as stable text for hashing (no object addresses)."""
    return _ADDRESS.sub("", repr(sorted(settings.items(), key=lambda kv: kv[0])))


def read_pickle(path: Path, default=None):
    """The value pickled at ``path``, or ``default`` when there is none or it cannot be read."""
    try:
        with open(path, "rb") as file:
            return pickle.load(file)
    except UNREADABLE:
        return default


def write_pickle(path: Path, value) -> None:
    """Pickle ``value`` to ``path`` atomically; a read-only checkout still builds, without the cache."""
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        fd, tmp = tempfile.mkstemp(prefix=f".{path.stem}-", dir=path.parent)
        try:
            with os.fdopen(fd, "wb") as file:
                pickle.dump(value, file, protocol=pickle.HIGHEST_PROTOCOL)
            os.replace(tmp, path)
        except BaseException:
            Path(tmp).unlink(missing_ok=True)
            raise
    except OSError as exc:
        logger.warning("could not save the cache %s: %s", path, exc)


def touch(path) -> None:
    """Mark a cache as used now, so ``prune`` keeps it."""
    with contextlib.suppress(OSError):
        os.utime(path)


def prune(folder, keep: int = 6) -> None:
    """Keep the ``keep`` most recently used caches of each kind (parsed-*, clinics-*, output-*,
    claims-*) in ``folder``.

    Each clinics file, content folder and output folder has caches of its own; previews, tests and audits into
    temporary folders would otherwise leave theirs behind for ever.
    """
    root = Path(folder)
    if not root.is_dir():
        return
    kinds: dict[str, list[Path]] = {}
    for entry in root.iterdir():
        kind = entry.name.split("-", 1)[0]
        if kind in ("parsed", "clinics", "output", "claims"):
            kinds.setdefault(kind, []).append(entry)
    for entries in kinds.values():
        entries.sort(key=lambda p: p.stat().st_mtime, reverse=True)
        for old in entries[keep:]:
            try:
                shutil.rmtree(old) if old.is_dir() else old.unlink()
            except OSError as exc:
                logger.warning("could not remove the old cache %s: %s", old, exc)
