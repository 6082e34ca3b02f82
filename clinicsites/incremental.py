"""Content hashes that let a build reuse what the previous build wrote.

Each clinic's folder carries a manifest: a *site key* (everything every page
of that clinic shows: engine code, theme, settings, the clinic's facts, the
brand, and the front matter of every page it lists) and a *page key* for each
Markdown page (the site key plus that page's body). When the site key is
unchanged, only pages whose key changed are rendered again; otherwise the
clinic is rebuilt whole. A clean build and an incremental one give the same bytes.
"""

from __future__ import annotations

import hashlib
import json
import re
from importlib.metadata import version
from pathlib import Path

MANIFEST = ".build-keys.json"
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


def engine_key(settings: dict) -> str:
    """What every page of every clinic depends on: this package, the theme, library versions and settings."""
    shown = {k: v for k, v in settings.items() if k != "OUTPUT_PATH"}
    return digest(_tree(str(Path(__file__).parent)), _tree(settings["THEME"]),
                  *(version(p) for p in ("pelican", "jinja2", "markdown")),
                  _ADDRESS.sub("", repr(sorted(shown.items(), key=lambda kv: kv[0]))))


def site_key(engine: str, config_part: str, sources: dict) -> str:
    """The clinic's site key: engine, clinic and brand facts, and every page's front matter and address."""
    rows = []
    for key, src in sorted(sources.items()):
        fields = sorted((k, t.source) for k, t in src.parsed.fields.items())
        rows.append((key, src.rel, src.owner, sorted((k, repr(v)) for k, v in src.parsed.meta.items()), fields,
                     sorted(src.parsed.links)))
    return digest(engine, config_part, repr(rows))


def page_key(site: str, src) -> str:
    return digest(site, src.parsed.body.source)


def read_manifest(folder: Path) -> dict | None:
    try:
        data = json.loads((folder / MANIFEST).read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return None
    return data if isinstance(data, dict) and isinstance(data.get("pages"), dict) else None


def files_in(folder: Path) -> list[str]:
    """Every file in a clinic's folder but the manifest, as sorted site-relative names."""
    return sorted(p.relative_to(folder).as_posix() for p in folder.rglob("*")
                  if p.name != MANIFEST and not p.is_dir())


def manifest_text(site: str, pages: dict[str, str], files: list[str]) -> str:
    return json.dumps({"site": site, "pages": dict(sorted(pages.items())), "files": files}, indent=0) + "\n"
