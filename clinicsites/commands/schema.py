"""``./run schema``: regenerate clinics.schema.json from the validator's field definitions."""

from __future__ import annotations

from ..clinics.schema import SCHEMA_FILE, schema_text
from . import EXIT_OK


def main() -> int:
    """Write the schema file."""
    with open(SCHEMA_FILE, "w", encoding="utf-8") as f:
        f.write(schema_text())
    print(f"Wrote {SCHEMA_FILE}")
    return EXIT_OK
