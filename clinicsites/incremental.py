"""Content hashes that let a build reuse what the previous build wrote.

Each clinic has a manifest, kept in the cache folder: a *site key* (everything
every page of that clinic shows: engine code, theme, settings, the clinic's
facts, the brand, and the front matter of every page it lists), a *page key*
for each Markdown page (its body), the digest, size and modification time of
every file in its folder, and the modification time of each subfolder. When
the site key is unchanged, only pages whose key changed are rendered again;
otherwise every page is. Either way only files whose bytes changed are written (writer.py),
and a folder whose files no longer match their record (edited or deleted by
hand) is rebuilt whole. A clean build and an incremental one give the same bytes.
"""

from __future__ import annotations

import functools
import hashlib
import logging
import os
import pickle
import re
import tempfile
from importlib.metadata import version
from pathlib import Path

logger = logging.getLogger(__name__)
_ADDRESS = re.compile(r" at 0x[0-9a-f]+")  # object addresses differ between runs, not between settings


def digest(*parts) -> str:
    h = hashlib.sha256()
    for part in parts:
        h.update(part if isinstance(part, bytes) else str(part).encode("utf-8", "surrogatepass"))
        h.update(b"\0")
    return h.hexdigest()[:32]


def _tree(path: str) -> str:
    """Hash of every file under ``path`` (names and bytes), in a stable order."""
    root = Path(path)
    files = sorted(p for p in root.rglob("*") if p.is_file() and "__pycache__" not in p.parts)
    return digest(*(part for p in files for part in (p.relative_to(root).as_posix(), p.read_bytes())))


@functools.lru_cache(maxsize=1)
def package_tree() -> str:
    """Hash of this package's own source: a new engine version invalidates every cache."""
    return _tree(str(Path(__file__).parent))


def settings_repr(settings: dict) -> str:
    return _ADDRESS.sub("", repr(sorted(settings.items(), key=lambda kv: kv[0])))


def engine_key(settings: dict) -> str:
    """What every page of every clinic depends on: this package, the theme, library versions and settings."""
    shown = {k: v for k, v in settings.items() if k != "OUTPUT_PATH"}
    return digest(package_tree(), _tree(settings["THEME"]), *(version(p) for p in ("pelican", "jinja2", "markdown")),
                  settings_repr(shown))


def site_key(engine: str, config_part: str, sources: dict) -> str:
    """The clinic's site key: engine, clinic and brand facts, and every page's front matter and address."""
    fronts = tuple(_front_line(src) for _, src in sorted(sources.items()))
    return digest(engine, config_part, _joined(fronts))


@functools.lru_cache(maxsize=64)
def _joined(fronts: tuple[str, ...]) -> str:
    # Most clinics show the same shared pages: hash the same list once.
    return digest(*fronts)


def page_keys(sources: dict) -> dict[str, str]:
    """Each Markdown page's key, by "section/slug": its body's digest. Page keys are compared only
    when the site key is unchanged, so they need not repeat it."""
    return {f"{section}/{slug}": _body_digest(src) for (section, slug), src in sources.items()}


def _front_line(src) -> str:
    # Shared pages are the same object for every clinic: format each once per build.
    if "_front_line" not in src.__dict__:
        src.__dict__["_front_line"] = f"{src.key}={_front_digest(src)}"
    return src.__dict__["_front_line"]


def _front_digest(src) -> str:
    # Shared pages are the same object for every clinic: hash each once per build.
    if "_front_digest" not in src.__dict__:
        fields = sorted((k, t.source) for k, t in src.parsed.fields.items())
        meta = sorted((k, repr(v)) for k, v in src.parsed.meta.items())
        src.__dict__["_front_digest"] = digest(src.rel, src.owner, meta, fields, sorted(src.parsed.links))
    return src.__dict__["_front_digest"]


def _body_digest(src) -> str:
    if "_body_digest" not in src.__dict__:
        src.__dict__["_body_digest"] = digest(src.parsed.body.source)
    return src.__dict__["_body_digest"]


def state_path(settings: dict, output: Path) -> Path:
    """Where the record of what the last build wrote into ``output`` is kept: in the cache, not the site."""
    return Path(settings["CACHE_PATH"]) / f"output-{digest(str(output))[:12]}.pickle"


def load_state(path: Path) -> dict[str, bytes]:
    """Each clinic's manifest from the last build, pickled, by slug; empty when there is none (or it is
    unreadable). Each is unpickled only by the worker that builds that clinic."""
    try:
        with open(path, "rb") as file:
            data = pickle.load(file)  # pickle, not JSON: five times faster to read for 1,000 clinics
    except (OSError, EOFError, pickle.UnpicklingError, ValueError, TypeError, AttributeError, ImportError):
        return {}
    if not isinstance(data, dict):
        return {}
    return {slug: blob for slug, blob in data.items() if isinstance(blob, bytes)}


def unpack(blob: bytes | None) -> dict | None:
    """One clinic's manifest from its pickled form; None when missing or not a manifest."""
    try:
        found = pickle.loads(blob) if blob else None
    except (pickle.UnpicklingError, EOFError, ValueError, TypeError, AttributeError, ImportError):
        return None
    ok = isinstance(found, dict) and all(isinstance(found.get(k), dict) for k in ("pages", "files", "dirs"))
    return found if ok else None


def pack(manifest: dict) -> bytes:
    return pickle.dumps(manifest, protocol=pickle.HIGHEST_PROTOCOL)


def save_state(path: Path, state: dict) -> None:
    """Replace the record atomically: a build stopped half-way leaves the old one, which no longer matches."""
    write_pickle(path, state)


def write_pickle(path: Path, value) -> None:
    """Pickle ``value`` to ``path`` atomically; a read-only checkout still builds, without the cache."""
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        fd, tmp = tempfile.mkstemp(prefix=f".{path.stem}-", dir=path.parent)
        with os.fdopen(fd, "wb") as file:
            pickle.dump(value, file, protocol=pickle.HIGHEST_PROTOCOL)
        os.replace(tmp, path)
    except OSError as exc:
        logger.warning("could not save the cache %s: %s", path, exc)


def intact(folder: Path, record: dict, files: bool) -> bool:
    """Whether ``folder`` still holds what its manifest records. The modification time of each folder
    changes whenever a file in it is added, deleted or renamed, which catches most changes made by
    hand; ``files`` also compares each file's size and modification time (as git's index does), which
    catches a file edited in place, at twice the cost."""
    base = f"{folder}/"
    try:
        for name, mtime in record["dirs"].items():
            if os.lstat(base + name).st_mtime_ns != mtime:
                return False
        if files:
            for name, (_, size, mtime) in record["files"].items():
                stat = os.lstat(base + name)
                if stat.st_size != size or stat.st_mtime_ns != mtime:
                    return False
    except (OSError, ValueError, TypeError, AttributeError):
        return False
    return True


def folder_times(folder: Path, files) -> dict[str, int]:
    """The modification time of the site's own folder and of every folder its files are in, by name."""
    names = {""}
    for name in files:
        while "/" in name:
            name = name.rpartition("/")[0]
            if name in names:
                break
            names.add(name)
    return {name: os.lstat(f"{folder}/{name}").st_mtime_ns for name in sorted(names)}


def manifest(site: str, pages: dict[str, str], files: dict[str, list], dirs: dict | None) -> dict:
    """A clinic's manifest: site key, page keys, [digest, size, mtime_ns] of each file, and each folder's
    mtime_ns (known once the build's changes are in place: see folder_times)."""
    return {"site": site, "pages": dict(sorted(pages.items())), "files": files, "dirs": dirs}
