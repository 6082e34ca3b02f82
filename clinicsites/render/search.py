"""Static search for each clinic's site, with Pagefind: an index of its pages (each language apart), written into
its ``pagefind/`` folder and queried by a small script on its search page only.

Pagefind reads HTML from a folder, so the site's pages are written to a scratch folder first: those rendered
by this build from memory, the others from the live site. Only the text inside ``data-pagefind-body`` (the
page's main content) is indexed; ``data-pagefind-ignore`` leaves out what every page repeats.
"""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import tempfile
from pathlib import Path

import pagefind_bin

from ..errors import BuildError, Problem

#: Where the index lives in a site.
FOLDER = "pagefind"
#: Pagefind's own ready-made interfaces: the search page has its own few lines of script instead.
_UNUSED = ("pagefind-ui.", "pagefind-component-ui.", "pagefind-modular-ui.", "pagefind-highlight.")


#: Memory-backed scratch space, where the system has it (Linux). Pagefind indexes pages in the order the file
#: system lists them, and the bytes of its index follow that order: tmpfs lists files in the order they were
#: made, so writing them sorted gives the same index on every machine, where a disk's file system (ext4 lists by
#: a hash seeded per file system) would not. It also spares the disk a few hundred short-lived files a site.
_MEMORY = Path("/dev/shm")


def scratch_folder(fallback: Path) -> Path:
    """Where to lay out a site's pages for Pagefind: memory if the system offers it, else ``fallback``."""
    if _MEMORY.is_dir() and os.access(_MEMORY, os.W_OK):
        return _MEMORY
    return fallback


def build_index(pages: dict[str, bytes], scratch_parent: Path) -> dict[str, bytes]:
    """The search bundle for a site whose pages are ``pages`` (name in the site -> HTML), by name in the site."""
    scratch_parent.mkdir(parents=True, exist_ok=True)
    with tempfile.TemporaryDirectory(prefix="clinicsites-search-", dir=scratch_parent) as tmp:
        site, bundle = Path(tmp) / "site", Path(tmp) / "bundle"
        for name, html in sorted(pages.items()):  # in order: see _MEMORY
            path = site / name
            path.parent.mkdir(parents=True, exist_ok=True)
            path.write_bytes(html)
        command = [str(pagefind_bin.get_executable()), "--site", str(site), "--output-path", str(bundle), "--quiet"]
        result = subprocess.run(command, capture_output=True, text=True, timeout=300)
        if result.returncode != 0:
            detail = (result.stderr or result.stdout).strip().splitlines()
            raise BuildError([Problem("search", None, "pagefind", detail[-1] if detail else "indexing failed")])
        found = {p.relative_to(bundle).as_posix(): p.read_bytes() for p in sorted(bundle.rglob("*")) if p.is_file()}
        # Pagefind lists a site's languages in no fixed order; the same pages must give the same bytes.
        entry = json.loads(found["pagefind-entry.json"])
        entry["languages"] = dict(sorted(entry["languages"].items()))
        found["pagefind-entry.json"] = json.dumps(entry, ensure_ascii=False, separators=(",", ":")).encode()
        shutil.rmtree(site, ignore_errors=True)
    return {f"{FOLDER}/{name}": data for name, data in found.items() if not name.startswith(_UNUSED)}
