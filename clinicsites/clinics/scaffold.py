"""invoke new-clinic: add a clinic to clinics.yaml (keeping its comments) and make its content folder."""

from __future__ import annotations

import json
import os
import re
import tempfile
from pathlib import Path

from ..errors import InputError, Problem
from .load import load_config
from .yamlsource import load_text, read_utf8

CLINIC_README = """\
# {name}

Pages and news for this clinic only; every other clinic's site is unaffected.

- `pages/*.md`: the clinic's own pages (an about page, prices, team...). A page
  with the same file name as one in `content/shared/pages/` replaces it here.
- `conditions/*.md`, `benefits/*.md`: replace a shared condition or benefit
  page for this clinic only, or add one of its own.
- `posts/YYYY-MM-DD-title.md`: news posts, newest first on the news page.

Each file starts with front matter (`title:`, `description:` and, for posts,
`date:`) between `---` lines; see README.md at the top of the repository.
"""


def new_entry(
    slug: str,
    name: str,
    locality: str,
    country: str,
    phone: str,
    *,
    whatsapp: bool = False,
    street: str | None = None,
    region: str | None = None,
    postal_code: str | None = None,
    language: str | None = None,
    timezone: str | None = None,
) -> dict:
    """The clinics.yaml entry for a new clinic, leaving out what was not given."""
    address = {"street": street, "locality": locality, "region": region, "postal_code": postal_code, "country": country}
    entry = {
        "slug": slug,
        "name": name,
        "address": {k: v for k, v in address.items() if v},
        "phones": [{"number": phone, **({"whatsapp": True} if whatsapp else {})}],
        "language": language,
        "timezone": timezone,
    }
    return {k: v for k, v in entry.items() if v}


def add_clinic(clinics_file, content_root, entry: dict) -> Path:
    """Append ``entry`` to the clinics list, validate the whole file, then write it and the folder."""
    clinics_file = Path(clinics_file)
    text = read_utf8(clinics_file, str(clinics_file))
    load_config(clinics_file)  # refuse to edit a file that is already broken
    updated = insert_entry(text, entry, str(clinics_file))
    candidate = _write_temp(clinics_file, updated)
    try:
        load_config(candidate)
    except InputError as exc:
        os.unlink(candidate)
        # The new entry's lines are not in the file: name the option that gave the value instead.
        raise InputError([_as_option(p, entry["slug"], str(clinics_file)) for p in exc.problems]) from None
    os.replace(candidate, clinics_file)
    folder = Path(content_root) / "clinics" / entry["slug"]
    for sub in ("pages", "posts"):
        (folder / sub).mkdir(parents=True, exist_ok=True)
    readme = folder / "README.md"
    if not readme.exists():
        readme.write_text(CLINIC_README.format(name=entry["name"]), encoding="utf-8")
    return folder


#: Where each option's value goes in the new entry, as problems name it.
OPTIONS = {"slug": "--slug", "name": "--name", "address.locality": "--locality", "address.country": "--country",
           "address.street": "--street", "address.region": "--region", "address.postal_code": "--postal-code",
           "phones #1.number": "--phone", "phones #1": "--phone", "language": "--language", "timezone": "--timezone",
           "address": "--locality"}  # fmt: skip


def _as_option(problem: Problem, slug: str, clinics_file: str) -> Problem:
    prefix = f"clinic {slug}, "
    field = problem.where.removeprefix(prefix) if problem.where.startswith(prefix) else problem.where
    option = OPTIONS.get(field)
    if option is None:
        return Problem(clinics_file, None, problem.where, problem.message)
    message = problem.message.replace("the clinic on line", f"the clinic on {clinics_file} line")
    return Problem("new-clinic", None, option, message)


def insert_entry(text: str, entry: dict, display: str) -> str:
    """Insert ``entry`` as the last item of the top-level clinics list, touching no other line."""
    doc = load_text(text, display)
    lines = text.splitlines(keepends=True)
    clinics = doc.data.get("clinics") if isinstance(doc.data, dict) else None
    if not isinstance(clinics, list) or not clinics:
        raise InputError([Problem(display, None, "clinics", "expected an existing list of clinics to add to")])
    first_item_line = lines[doc.lines[("clinics", 0)] - 1]
    indent = len(first_item_line) - len(first_item_line.lstrip(" -")) - 2
    pad = " " * max(indent, 0)
    block = to_yaml(entry)
    item = "".join((pad + "- " if i == 0 else pad + "  ") + line + "\n" for i, line in enumerate(block))
    # The list ends where the next top-level key starts, or at the end of the file.
    later = sorted(doc.lines[(key,)] for key in doc.data if doc.lines[(key,)] > doc.lines[("clinics",)])
    at = later[0] - 1 if later else len(lines)
    while at > 0 and (not lines[at - 1].strip() or lines[at - 1].lstrip().startswith("#")) and later:
        at -= 1
    if lines and not lines[-1].endswith("\n") and at == len(lines):
        lines[-1] += "\n"
    return "".join(lines[:at]) + "\n" + item + "".join(lines[at:])


def to_yaml(value: dict, indent: str = "") -> list[str]:
    """Write a small mapping in the style of clinics.yaml: block style, lists indented, text quoted when needed."""
    lines = []
    for key, item in value.items():
        if isinstance(item, dict):
            lines.append(f"{indent}{key}:")
            lines += to_yaml(item, indent + "  ")
        elif isinstance(item, list):
            lines.append(f"{indent}{key}:")
            for element in item:
                inner = to_yaml(element, indent + "    ")
                lines.append(f"{indent}  - {inner[0].lstrip()}")
                lines += inner[1:]
        else:
            lines.append(f"{indent}{key}: {_scalar(item)}")
    return lines


def _scalar(value) -> str:
    if isinstance(value, bool):
        return "true" if value else "false"
    text = str(value)
    plain = re.fullmatch(r"[A-Za-z][\w ./-]*", text) and text.lower() not in ("true", "false", "null", "yes", "no")
    return text if plain and text == text.strip() else json.dumps(text, ensure_ascii=False)


def _write_temp(beside: Path, text: str) -> str:
    fd, name = tempfile.mkstemp(prefix=f".{beside.name}.", suffix=".new", dir=beside.parent or ".")
    with os.fdopen(fd, "w", encoding="utf-8") as f:
        f.write(text)
    return name
