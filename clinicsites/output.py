"""Build into a staging folder, then swap it in: a failed build leaves output/ as it was."""

from __future__ import annotations

import contextlib
import os
import shutil
import tempfile
from pathlib import Path

from .errors import InputError, Problem, display_path

#: Written into every output folder, so a build never replaces a folder it did not make.
MARKER = ".clinic-sites-output"


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


def swap_parts(staged: Path, output: Path, names: list[str]) -> None:
    """Replace only the named entries of ``output`` (one clinic and the directory) with staged ones."""
    if not output.exists():
        swap_all(staged, output)
        return
    for name in names:
        new, current = staged / name, output / name
        if new.is_dir():
            old = output / f".{name}.old-{os.getpid()}"
            shutil.rmtree(old, ignore_errors=True)
            if current.exists():
                current.rename(old)
            new.rename(current)
            shutil.rmtree(old, ignore_errors=True)
        else:
            os.replace(new, current)
    shutil.rmtree(staged, ignore_errors=True)
