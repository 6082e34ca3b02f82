"""Validated clinics.yaml kept between builds: with many clinics, validating is a large part of a one-post rebuild."""

from __future__ import annotations

import sys
from importlib.metadata import version
from pathlib import Path

from .. import cache
from ..errors import display_path
from .load import load_config
from .model import Config

#: The last config each clinics file gave in this process, with its key: a long-running preview then skips even
#: the unpickling, which grows with the number of clinics. Configs are never changed after loading.
_MEMORY: dict[Path, tuple[str, Config]] = {}


def load_config_cached(path, cache_folder) -> Config:
    """``load_config``, answered from ``cache_folder`` when the file's bytes, its name as shown in messages and
    the engine are those of a file that validated before. Files with problems are never cached."""
    try:
        data = Path(path).read_bytes()
    except OSError:
        return load_config(path)  # reports the problem
    shown = display_path(path)
    key = cache.digest(cache.engine_digest(), sys.version, version("phonenumbers"), shown, data)
    where = Path(cache_folder) / f"clinics-{cache.digest(Path(path).resolve())[:12]}.pickle"
    remembered = _MEMORY.get(where)
    if remembered and remembered[0] == key:
        return remembered[1]
    saved = cache.read_pickle(where)
    if isinstance(saved, tuple) and len(saved) == 2 and saved[0] == key:
        cache.touch(where)
        _MEMORY[where] = saved
        return saved[1]
    config = load_config(path)
    cache.write_pickle(where, (key, config))
    _MEMORY[where] = (key, config)
    return config
