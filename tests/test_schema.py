"""clinics.schema.json: up to date, and in agreement with the validator."""

import json
from pathlib import Path

import jsonschema
import pytest
import yaml

from clinicsites.clinics import load_config
from clinicsites.clinics.schema import SCHEMA_FILE, schema_text
from clinicsites.errors import InputError

REPO = Path(__file__).resolve().parent.parent
SCHEMA = json.loads((REPO / SCHEMA_FILE).read_text())


def test_committed_schema_matches_the_validator_fields():
    assert (REPO / SCHEMA_FILE).read_text() == schema_text(), "run `invoke schema` and commit clinics.schema.json"


def test_clinics_yaml_points_editors_at_the_schema():
    assert (REPO / "clinics.yaml").read_text().startswith(f"# yaml-language-server: $schema={SCHEMA_FILE}\n")


@pytest.mark.parametrize("path", ["clinics.yaml", "tests/fixture/clinics.yaml"])
def test_schema_and_validator_both_accept_the_sample_files(path):
    jsonschema.Draft202012Validator.check_schema(SCHEMA)
    jsonschema.validate(yaml.safe_load((REPO / path).read_text()), SCHEMA)
    assert load_config(REPO / path).clinics


BROKEN = [
    ("unknown key", lambda c: c.update(adress="x")),
    ("missing name", lambda c: c.pop("name")),
    ("unsafe slug", lambda c: c.update(slug="../x")),
    ("bad time", lambda c: c.update(hours={"monday": "25:00"})),
    ("bad weekday", lambda c: c.update(hours={"mon": "09:00-10:00"})),
    ("javascript url", lambda c: c.update(booking_url="javascript:alert(1)")),
    ("bad email", lambda c: c.update(email="nope")),
    ("latitude", lambda c: c.update(geo={"lat": 91, "lng": 0})),
    ("yes-no phone", lambda c: c.update(phones=[True])),
    ("no phones", lambda c: c.update(phones=[])),
    ("lowercase country", lambda c: c["address"].update(country="us")),
]


@pytest.mark.parametrize("name, breaks", BROKEN, ids=[b[0] for b in BROKEN])
def test_schema_and_validator_both_reject(tmp_path, name, breaks):
    data = yaml.safe_load((REPO / "tests/fixture/clinics.yaml").read_text())
    breaks(data["clinics"][0])
    with pytest.raises(jsonschema.ValidationError):
        jsonschema.validate(data, SCHEMA)
    path = tmp_path / "clinics.yaml"
    path.write_text(yaml.safe_dump(data))
    with pytest.raises(InputError):
        load_config(path)
