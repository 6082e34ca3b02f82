"""Build into a staging folder, then swap it in: a failed build leaves output/ as it was."""

from __future__ import annotations

import contextlib
import os
import shutil
import tempfile
from pathlib import Path


@contextlib.contextmanager
def staging(output: Path):
    """Yield an empty folder beside ``output``; remove it if the build fails."""
    output.parent.mkdir(parents=True, exist_ok=True)
    folder = Path(tempfile.mkdtemp(prefix=f".{output.name}.building-", dir=output.parent))
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
