"""Write the listing files for every clinic that can be listed, each checked against its format's headers."""

from __future__ import annotations

import csv
import io
import os
from dataclasses import dataclass, field
from pathlib import Path

from ..clinics.cache import load_config_cached
from ..clinics.local import for_build
from ..errors import BuildError, display_path
from ..publishing import placeholder_url
from ..render.seo import clinic_url
from ..settings import load_settings
from . import rows
from .formats import FORMATS, GOOGLE, NOT_WRITTEN, Format


@dataclass
class Written:
    """What ``write_all`` did: the files, the clinics in them, and a line for each clinic or format left out."""

    files: list[Path] = field(default_factory=list)
    listed: list[str] = field(default_factory=list)
    skipped: list[str] = field(default_factory=list)

    def lines(self) -> list[str]:
        out = [f"Wrote {display_path(f)} ({len(self.listed)} clinic(s): {', '.join(self.listed) or 'none'})"
               for f in self.files]  # fmt: skip
        return out + self.skipped


def write_all(clinics_file="clinics.yaml", output="listings", settings_file="publishconf.py") -> Written:
    """Write every format's file into ``output`` from the clinics file as it would be published (special hours
    already past left out); clinics with sample facts or without a street address or phone are left out."""
    settings = load_settings(settings_file)
    config = for_build(load_config_cached(clinics_file, settings["CACHE_PATH"]), settings)
    done = Written()
    google = []
    for clinic in config.clinics:
        reason = rows.skip_reason(clinic)
        if reason:
            done.skipped.append(f"Left out {clinic.slug}: {reason}.")
            continue
        website = clinic_url(settings, config.brand, clinic)
        if placeholder_url(website):
            website = None  # a placeholder address is no place to send people from a map listing
        google.append(rows.google_row(clinic, website))
        done.listed.append(clinic.slug)
    folder = Path(output)
    folder.mkdir(parents=True, exist_ok=True)
    done.files.append(_write(folder, GOOGLE, google))
    if any(not row.get("Website") for row in google):
        done.skipped.append("Website left empty: brand.base_url is a placeholder (set the published address).")
    for name, why in NOT_WRITTEN.items():
        done.skipped.append(f"Not written: {name}: {why}.")
    return done


def columns(fmt: Format, table: list[dict[str, str]]) -> list[str]:
    """The format's columns, in its order: the required ones, and the others only where some clinic has a value
    (Google: an empty column in an update would clear what the listing already shows)."""
    return [h for h in fmt.headers if h in fmt.required or any(row.get(h) for row in table)]


def check(fmt: Format, header: list[str]) -> None:
    """Refuse a file whose columns are not all documented headers of its format (an engine bug, exit 1)."""
    unknown = [h for h in header if h not in fmt.headers]
    if unknown or len(set(header)) != len(header):
        raise BuildError(f"{fmt.file}: columns {unknown or header} are not the documented headers of {fmt.name}")


def _write(folder: Path, fmt: Format, table: list[dict[str, str]]) -> Path:
    header = columns(fmt, table)
    check(fmt, header)
    buffer = io.StringIO(newline="")
    writer = csv.DictWriter(buffer, fieldnames=header, extrasaction="raise", lineterminator="\r\n")
    writer.writeheader()
    writer.writerows({h: row.get(h, "") for h in header} for row in table)
    path = folder / fmt.file
    temporary = path.with_name(f".{path.name}.tmp")
    temporary.write_text(buffer.getvalue(), encoding="utf-8", newline="")
    os.replace(temporary, path)  # never a half-written file under the real name
    return path


__all__ = ["FORMATS", "Written", "check", "columns", "write_all"]
