"""clinics.yaml validation: every kind of mistake gets one clear, located message."""

import pytest

from clinicsites.config import load_config
from clinicsites.errors import InputError

VALID_CLINIC = """\
  - slug: north
    name: Northside Needling
    address:
      locality: Northtown
      country: US
    phones:
      - number: "+1 202-555-0111"
"""


def problems_for(tmp_path, clinics_yaml: str, brand: str = "brand:\n  name: G\n  base_url: https://example.org\n"):
    path = tmp_path / "clinics.yaml"
    path.write_text(brand + "clinics:" + ("\n" if clinics_yaml.startswith(" ") else " ") + clinics_yaml, encoding="utf-8")
    with pytest.raises(InputError) as caught:
        load_config(path)
    return [f"{p.line}: {p.where}: {p.message}" for p in caught.value.problems]


def test_valid_clinic_is_stored_in_e164_and_shown_nationally(tmp_path):
    path = tmp_path / "clinics.yaml"
    path.write_text("brand:\n  name: G\n  base_url: https://example.org\nclinics:\n" + VALID_CLINIC, encoding="utf-8")
    clinic = load_config(path).clinics[0]
    assert clinic.phone.e164 == "+12025550111"
    assert str(clinic.phone) == "(202) 555-0111"
    assert clinic.phone.tel_url == "tel:+12025550111"
    assert clinic.language == "en"  # the brand's default


@pytest.mark.parametrize("change, expected", [
    (("slug: north", "slug: ../north"),
     '5: clinics[0].slug: expected a slug of lowercase letters, digits and hyphens, like baton-rouge, got "../north"'),
    (("slug: north", "slug: North/Side"),
     '5: clinics[0].slug: expected a slug of lowercase letters, digits and hyphens, like baton-rouge, got "North/Side"'),
    (("    name: Northside Needling\n", ""),
     "5: clinics[0].name: expected text, got nothing (this field is required)"),
    (("    address:", "    adress:"), ("7: clinics[0].adress: unknown key; did you mean 'address'?",
                                      "5: clinics[0].address: expected a mapping of keys, got nothing (this field is required)")),
    (("+1 202-555-0111", "+1 202-555-011"),
     '11: clinics[0].phones[0].number: expected a phone number that exists in US (check the digits and country code), '
     'got "+1 202-555-011"'),
    (('"+1 202-555-0111"', "2025550111"),
     '11: clinics[0].phones[0].number: expected a phone number in quotes, like "+1 225 308 4064", got the number 2025550111'),
    (("      country: US", "      country: XX"),
     '9: clinics[0].address.country: expected a two-letter ISO country code such as "US" or "PK", got "XX"'),
    (("    phones:\n", "    email: not-an-email\n    phones:\n"),
     '10: clinics[0].email: expected an e-mail address like info@example.com, got "not-an-email"'),
    (("    phones:\n", "    booking_url: javascript:alert(1)\n    phones:\n"),
     '10: clinics[0].booking_url: expected a web address starting with https://, got "javascript:alert(1)"'),
    (("    phones:\n", "    hours:\n      monday: \"25:00-26:00\"\n    phones:\n"),
     '11: clinics[0].hours.monday: expected times from 00:00 to 24:00 (25:00 is not a time of day), got "25:00-26:00"'),
    (("    phones:\n", "    hours:\n      monday: \"17:00-09:00\"\n    phones:\n"),
     '11: clinics[0].hours.monday: expected a closing time after the opening time (17:00 to 09:00 closes first), '
     'got "17:00-09:00"'),
    (("    phones:\n", "    hours:\n      mondey: closed\n    phones:\n"),
     "11: clinics[0].hours.mondey: unknown key; did you mean 'monday'?"),
    (("    phones:\n", "    geo: {lat: 95, lng: 10}\n    phones:\n"),
     "10: clinics[0].geo.lat: expected a number from -90 to 90, got the number 95"),
    (("    phones:\n", "    timezone: Mars/Olympus\n    phones:\n"),
     '10: clinics[0].timezone: expected an IANA time zone such as "America/Chicago" or "Asia/Karachi", got "Mars/Olympus"'),
    (("    phones:\n", "    language: English\n    phones:\n"),
     '10: clinics[0].language: expected a language tag such as "en", "en-US" or "ur", got "English"'),
    (("    phones:\n", "    conditions: some\n    phones:\n"),
     '10: clinics[0].conditions: expected one of all, got "some"'),
    (("    phones:\n", "    domain: https://example.com\n    phones:\n"),
     '10: clinics[0].domain: expected a domain name like example.com, got "https://example.com"'),
    (("      - number: \"+1 202-555-0111\"\n", ""),
     '10: clinics[0].phones: expected a list of phone numbers, like - "+1 225 308 4064", got nothing (this field is required)'),
])
def test_each_mistake_has_its_message(tmp_path, change, expected):
    old, new = change
    assert old in VALID_CLINIC
    expected = [expected] if isinstance(expected, str) else sorted(expected)
    assert sorted(problems_for(tmp_path, VALID_CLINIC.replace(old, new))) == expected


def test_duplicate_slug_names_the_first_one(tmp_path):
    problems = problems_for(tmp_path, VALID_CLINIC + VALID_CLINIC)
    assert problems == ['12: clinics[1].slug: slug "north" is already used by clinics[0] (line 5); expected a slug of its own']


def test_every_problem_is_reported_in_one_run(tmp_path):
    broken = VALID_CLINIC.replace("slug: north", "slug: No").replace("US", "XX") + VALID_CLINIC.replace(
        "Northside Needling", "").replace("north", "second")
    problems = problems_for(tmp_path, broken)
    assert [p.split(":")[1].strip() for p in problems] == ["clinics[0].slug", "clinics[0].address.country", "clinics[1].name"]


def test_empty_clinic_list(tmp_path):
    assert problems_for(tmp_path, "[]\n") == ["4: clinics: expected at least 1 item, got an empty list"]


def test_missing_brand(tmp_path):
    assert problems_for(tmp_path, VALID_CLINIC, brand="") == [
        "1: brand: expected a mapping of keys, got nothing (this field is required)"]


def test_national_number_uses_the_clinic_country(tmp_path):
    path = tmp_path / "clinics.yaml"
    text = "brand:\n  name: G\n  base_url: https://example.org\nclinics:\n" + VALID_CLINIC
    path.write_text(text.replace("US", "PK").replace("+1 202-555-0111", "0335 2855522"), encoding="utf-8")
    assert load_config(path).clinics[0].phone.e164 == "+923352855522"


def test_real_clinics_file_is_valid():
    config = load_config("clinics.yaml")
    assert {c.slug for c in config.clinics} == {"baton-rouge", "ms-thera-cure", "rawalpindi"}
    assert config.clinic("baton-rouge").phone.e164 == "+12253084064"
    assert config.clinic("rawalpindi").phone.e164 == "+923352855522"
    assert config.clinic("rawalpindi").whatsapp is not None
