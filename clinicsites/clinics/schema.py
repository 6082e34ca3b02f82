"""clinics.schema.json: the JSON Schema editors use to complete and check clinics.yaml."""

from __future__ import annotations

import json

from .spec import ROOT

SCHEMA_FILE = "clinics.schema.json"


def clinics_schema() -> dict:
    """The JSON Schema of clinics.yaml, made from the same field specs the validator uses."""
    return {
        "$schema": "https://json-schema.org/draft/2020-12/schema",
        "title": "clinics.yaml",
        **ROOT.schema(),
    }


def schema_text() -> str:
    return json.dumps(clinics_schema(), indent=2, ensure_ascii=False) + "\n"
