"""``./run new-clinic``: add a clinic to clinics.yaml (comments kept) and create its content folder."""

from __future__ import annotations

import sys

from ..clinics import scaffold
from ..settings import load_settings
from . import run, usage

#: Asked for when not given as options.
REQUIRED = ("slug", "name", "locality", "country", "phone")


def main(clinics: str, debug: bool = False, ask=input, **options) -> int:
    """Add the clinic described by ``options`` (asking for missing required values on a terminal)."""
    missing = [key for key in REQUIRED if not options.get(key)]
    if missing and not sys.stdin.isatty():
        flags = ", ".join(f"--{key}" for key in missing)
        return usage(f"new-clinic: missing {flags} (all five of --slug, --name, --locality, --country and --phone "
                     "are needed; ./run --help new-clinic describes each)")  # fmt: skip
    for key in missing:
        options[key] = ask(f"{key.replace('_', ' ').capitalize()}: ").strip()
    entry = scaffold.new_entry(**options)

    def action():
        folder = scaffold.add_clinic(clinics, load_settings()["PATH"], entry)
        print(f"Added {entry['slug']} to {clinics} and created {folder}/. Run `./run build --clinic {entry['slug']}`.")

    return run(action, debug)
