"""./run listings: the Google Business Profile upload file, checked against Google's documented headers, with
only confirmed facts, hours in the shape Google documents, and phones in E.164."""

import csv
import re

import pytest
import yaml
from conftest import REPO, write

from clinicsites.errors import BuildError
from clinicsites.listings import files
from clinicsites.listings.formats import GOOGLE

CLINICS = """
brand:
  name: Test Group
  base_url: {base_url}
clinics:
  - slug: lafayette
    name: Lafayette Needling
    address: {{street: 12 Pine Street, locality: Lafayette, region: LA, postal_code: "70501", country: US}}
    phones: ["+1 337-555-0123", {{number: "(337) 555-0199", label: Fax}}]
    geo: {{lat: 30.22, lng: -92.02}}
    timezone: America/Chicago
    hours: {{monday: "09:00-17:00", tuesday: "09:00-12:00, 13:00-17:00", saturday: closed}}
    special_hours:
      - {{date: "2026-11-19", hours: closed, note: A day already past}}
      - {{date: "2026-12-24", hours: "09:00-12:00, 13:00-15:00"}}
      - {{date: "2026-12-25", hours: closed}}
  - slug: saddar
    name: Saddar Physio
    address: {{street: "1 Mall Road, Saddar", locality: Rawalpindi, region: Punjab, country: PK}}
    phones: [{{number: "0335 2855522", whatsapp: true}}]
  - slug: sample-name
    name: Not The Real Name
    sample: [name]
    address: {{street: 9 Elm Street, locality: Lafayette, country: US}}
    phones: ["+1 337-555-0177"]
  - slug: sample-address
    name: Real Name Clinic
    sample: [address]
    address: {{street: 1 Sample Road, locality: Sample Town, country: US}}
    phones: ["+1 337-555-0188"]
  - slug: no-street
    name: Town Only Clinic
    address: {{locality: Lafayette, country: US}}
    phones: ["+1 337-555-0166"]
"""
TIME = r"(?:[01]\d|2[0-4]):[0-5]\d"
DAY = re.compile(rf"x|{TIME}-{TIME}(?:, {TIME}-{TIME})*")  # Google: "09:00-17:00", "11:30-14:00, 17:00-22:00", x
SPECIAL = re.compile(rf"\d{{4}}-\d{{2}}-\d{{2}}: (?:x|{TIME}-{TIME})")  # Google: "YYYY-MM-DD: HH:MM-HH:MM", x
E164 = re.compile(r"\+[1-9]\d{6,14}")


def listed(tmp_path, base_url="https://clinics.test-group.org"):
    clinics = write(tmp_path / "clinics.yaml", CLINICS.format(base_url=base_url))
    done = files.write_all(clinics, tmp_path / "listings", REPO / "publishconf.py")
    with open(tmp_path / "listings" / GOOGLE.file, encoding="utf-8", newline="") as f:
        table = list(csv.reader(f))
    return done, table[0], [dict(zip(table[0], row, strict=True)) for row in table[1:]]


def listable(text: str) -> list[str]:
    """Counted from the YAML itself: clinics with no sample name or address, a street and a phone."""
    data = yaml.safe_load(text)
    return [c["slug"] for c in data["clinics"] if not {"name", "address"} & set(c.get("sample", []))
            and c["address"].get("street") and c.get("phones")]  # fmt: skip


def test_the_file_has_only_googles_documented_columns_and_the_required_ones(tmp_path):
    _, header, _ = listed(tmp_path)
    assert set(header) <= set(GOOGLE.headers)
    assert set(GOOGLE.required) <= set(header)
    assert header == [h for h in GOOGLE.headers if h in header]  # the template's order


def test_every_listable_clinic_is_a_row_and_sample_facts_are_left_out_with_a_reason(tmp_path):
    done, _, rows = listed(tmp_path)
    assert [row["Store code"] for row in rows] == listable(CLINICS.format(base_url="x"))
    content = (tmp_path / "listings" / GOOGLE.file).read_text(encoding="utf-8")
    for sample in ("Not The Real Name", "Sample Town", "1 Sample Road", "+13375550177", "+13375550188"):
        assert sample not in content
    reasons = {line.split(":")[0]: line for line in done.lines() if line.startswith("Left out")}
    assert "name is a sample" in reasons["Left out sample-name"]
    assert "address is a sample" in reasons["Left out sample-address"]
    assert "no street address" in reasons["Left out no-street"]
    assert any(line.startswith("Not written: Apple Business Connect") for line in done.lines())


def test_phones_are_e164_and_hours_are_in_googles_shape(tmp_path):
    _, header, rows = listed(tmp_path)
    us, pk = rows
    assert us["Primary phone"] == "+13375550123" and us["Additional phones"] == "+13375550199"
    assert pk["Primary phone"] == "+923352855522"
    for row in rows:
        assert E164.fullmatch(row["Primary phone"])
        for name in (h for h in header if h.endswith(" hours") and h != "Special hours"):
            assert row[name] == "" or DAY.fullmatch(row[name]), (name, row[name])
    assert (us["Monday hours"], us["Tuesday hours"], us["Saturday hours"], us["Sunday hours"]) == (
        "09:00-17:00", "09:00-12:00, 13:00-17:00", "x", "x")  # fmt: skip
    assert pk["Monday hours"] == ""  # no hours given: nothing claimed


def test_special_hours_list_only_days_to_come(tmp_path):
    _, _, (us, _) = listed(tmp_path)
    entries = us["Special hours"].split(", ")
    assert all(SPECIAL.fullmatch(e) for e in entries), entries
    assert entries == ["2026-12-24: 09:00-12:00", "2026-12-24: 13:00-15:00", "2026-12-25: x"]


def test_the_website_is_the_published_address_and_never_a_placeholder(tmp_path):
    _, _, rows = listed(tmp_path)
    assert [r["Website"] for r in rows] == [
        "https://clinics.test-group.org/lafayette/",
        "https://clinics.test-group.org/saddar/",
    ]
    done, header, rows = listed(tmp_path, base_url="https://example.github.io/clinic-sites")
    assert "Website" not in header
    assert any("placeholder" in line for line in done.lines())


def test_a_column_google_does_not_document_is_refused():
    with pytest.raises(BuildError):
        files.check(GOOGLE, ["Store code", "Business name", "Opening hours"])
    with pytest.raises(BuildError):
        files.check(GOOGLE, ["Store code", "Store code"])


def test_the_real_clinics_are_all_left_out_while_their_facts_are_samples(tmp_path):
    done = files.write_all(REPO / "clinics.yaml", tmp_path / "listings", REPO / "publishconf.py")
    assert done.listed == []
    assert len([line for line in done.lines() if line.startswith("Left out")]) == 3
