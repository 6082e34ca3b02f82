"""Validated clinics.yaml kept between builds: with many clinics, validating is a large part of a one-post rebuild."""

from __future__ import annotations

import dataclasses
import sys
from importlib.metadata import version
from pathlib import Path

from .. import cache, memory
from ..errors import display_path
from .load import load_config
from .model import Config

#: The configs clinics files gave in this process, by key: a long-running preview then skips even the unpickling,
#: which grows with the number of clinics. Configs are never changed after loading.
_CONFIGS = memory.store("clinics", 4)


def load_config_cached(path, cache_folder) -> Config:
    """``load_config``, answered from ``cache_folder`` when the file's bytes, its name as shown in messages and
    the engine are those of a file that validated before. Files with problems are never cached."""
    try:
        data = Path(path).read_bytes()
    except OSError:
        return load_config(path)  # reports the problem
    shown = display_path(path)
    key = cache.digest(cache.engine_digest(), sys.version, version("phonenumbers"), shown, data)
    remembered = _CONFIGS.get(key)
    if remembered is not None:
        return remembered
    where = Path(cache_folder) / f"clinics-{cache.digest(Path(path).resolve())[:12]}.pickle"
    saved = cache.read_pickle(where)
    if isinstance(saved, tuple) and len(saved) == 2 and saved[0] == key:
        cache.touch(where)
        _CONFIGS.put(key, saved[1])
        return saved[1]
    config = dataclasses.replace(load_config(path), digest=key)
    cache.write_pickle(where, (key, config))
    _CONFIGS.put(key, config)
    return config
