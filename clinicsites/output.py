"""Build into a staging folder, then swap it in: a failed build leaves output/ as it was."""

from __future__ import annotations

import contextlib
import os
import shutil
import tempfile
from pathlib import Path

from .errors import InputError, Problem, display_path
from .writer import pending_name

#: Written into every output folder, so a build never replaces a folder it did not make.
MARKER = ".clinic-sites-output"
#: Folder in the staging area holding files new to a clinic's site until they are moved in.
PATCHES = ".patches"


def check_replaceable(output: Path) -> None:
    """Refuse to replace an existing, non-empty folder that an earlier build did not make."""
    if output.exists() and (not output.is_dir() or (any(output.iterdir()) and not (output / MARKER).exists())):
        raise InputError([Problem(display_path(output), None, "--output",
                                  "expected a new folder or one made by an earlier build; this one holds other files, "
                                  "so it is left alone (choose another --output or empty it)")])


@contextlib.contextmanager
def staging(output: Path):
    """Yield an empty folder beside ``output``; remove it if the build fails."""
    check_replaceable(output)
    output.parent.mkdir(parents=True, exist_ok=True)
    folder = Path(tempfile.mkdtemp(prefix=f".{output.name}.building-", dir=output.parent))
    folder.chmod(0o755)  # mkdtemp makes it private; the published folder must be readable by web servers
    (folder / MARKER).write_text("Built by clinicsites; `invoke build` replaces this folder.\n", encoding="utf-8")
    try:
        yield folder
    except BaseException:
        shutil.rmtree(folder, ignore_errors=True)
        raise


def swap_all(staged: Path, output: Path) -> None:
    """Replace ``output`` with ``staged`` by renames, so readers never see half a site."""
    old = None
    if output.exists():
        old = output.with_name(f".{output.name}.old-{os.getpid()}")
        shutil.rmtree(old, ignore_errors=True)
        output.rename(old)
    staged.rename(output)
    if old:
        shutil.rmtree(old, ignore_errors=True)


def commit(staged: Path, output: Path, results, keep_others: bool) -> None:
    """Apply a finished build to ``output``: swap in clinics built whole, apply the others' changes, and
    replace the directory files. ``results`` are (slug, site.Built); ``keep_others`` (a one-clinic build)
    leaves folders of clinics not built alone, where a full build removes them.

    Each file is replaced by a rename, so a reader never sees half a file; files that did not change
    are never touched, which is what makes a rebuild of one clinic out of 1,000 cheap.
    """
    if not (output / MARKER).is_file():
        swap_all(staged, output)  # nothing of ours to keep: every clinic was built whole
        return
    trash = staged / ".trash"
    trash.mkdir()
    built = {slug for slug, _ in results}
    for slug, result in results:
        if result.mode == "fresh":
            if (output / slug).exists():
                (output / slug).rename(trash / slug)
            (staged / slug).rename(output / slug)
        elif result.mode == "patch":
            apply_changes(output / slug, staged / PATCHES / slug, result.changes)
    # The directory page, root sitemap, robots.txt, stylesheet, marker.
    root = [e for e in staged.iterdir() if e.name not in built and e.name not in (PATCHES, ".trash")]
    for entry in root:
        if entry.is_dir() and (output / entry.name).exists():
            (output / entry.name).rename(trash / entry.name)
        os.replace(entry, output / entry.name)
    if not keep_others:
        current = built | {e.name for e in root}
        for entry in output.iterdir():
            if entry.name not in current:  # a clinic taken out of clinics.yaml, a CNAME no longer wanted
                entry.rename(trash / entry.name)
    shutil.rmtree(staged, ignore_errors=True)


def apply_changes(site: Path, spill: Path, changes) -> None:
    """Rename a clinic's changed files over their old versions, move new ones in, delete removed ones."""
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
