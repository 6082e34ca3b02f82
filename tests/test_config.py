"""clinics.yaml validation: every kind of mistake gets one clear, located message."""

import pytest

from clinicsites.clinics import load_config
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
    path.write_text(
        brand + "clinics:" + ("\n" if clinics_yaml.startswith(" ") else " ") + clinics_yaml, encoding="utf-8"
    )
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


# Slugs, required fields, phones, e-mail, booking URL, hours and geo are in tests/test_bad_input.py.
@pytest.mark.parametrize(
    "change, expected",
    [
        (
            ('"+1 202-555-0111"', "+1 202-555-0111 ext. 12"),
            '11: clinic north, phones #1.number: expected a phone number like "+1 225 308 4064", got "+1 202-555-0111 ext. 12"; '
            "phones on the site are tapped to call, and an extension cannot be dialled that way; give the direct number, "
            'and put the extension in label: (e.g. label: "Reception, ext. 12")',
        ),
        (
            ("      country: US", "      country: XX"),
            '9: clinic north, address.country: expected a two-letter ISO country code such as "US" or "PK", got "XX"',
        ),
        (
            ("    phones:\n", "    hours:\n      mondey: closed\n    phones:\n"),
            "11: clinic north, hours.mondey: unknown key; did you mean 'monday'?",
        ),
        (
            ("    phones:\n", "    timezone: Mars/Olympus\n    phones:\n"),
            '10: clinic north, timezone: expected an IANA time zone such as "America/Chicago" or "Asia/Karachi", got "Mars/Olympus"',
        ),
        (
            ("    phones:\n", "    language: English\n    phones:\n"),
            '10: clinic north, language: expected a language tag such as "en", "en-US" or "ur", got "English"; '
            'write "en"',
        ),
        (
            ("    phones:\n", "    conditions: some\n    phones:\n"),
            '10: clinic north, conditions: expected one of all, got "some"',
        ),
        (
            ("    phones:\n", "    domain: https://example.com\n    phones:\n"),
            '10: clinic north, domain: expected a domain name like example.com, got "https://example.com"',
        ),
        (
            ('      - number: "+1 202-555-0111"\n', ""),
            '10: clinic north, phones: expected a list of phone numbers, like - "+1 225 308 4064", got nothing (this field is required)',
        ),
    ],
)
def test_each_mistake_has_its_message(tmp_path, change, expected):
    old, new = change
    assert old in VALID_CLINIC
    expected = [expected] if isinstance(expected, str) else sorted(expected)
    assert sorted(problems_for(tmp_path, VALID_CLINIC.replace(old, new))) == expected


def test_every_problem_is_reported_in_one_run(tmp_path):
    broken = VALID_CLINIC.replace("slug: north", "slug: No").replace("US", "XX") + VALID_CLINIC.replace(
        "Northside Needling", ""
    ).replace("north", "second")
    problems = problems_for(tmp_path, broken)
    assert [p.split(":")[1].strip() for p in problems] == [
        "clinic #1, slug",
        "clinic #1, address.country",
        "clinic second, name",
    ]


def test_missing_brand(tmp_path):
    assert problems_for(tmp_path, VALID_CLINIC, brand="") == [
        "1: brand: expected a mapping of keys, got nothing (this field is required)"
    ]


@pytest.mark.parametrize("written", ["03352855522", "0335 2855522", '"0335 2855522"'])
def test_a_phone_number_is_read_as_written_quoted_or_not(tmp_path, written):
    path = tmp_path / "clinics.yaml"
    text = "brand:\n  name: G\n  base_url: https://example.org\nclinics:\n" + VALID_CLINIC
    path.write_text(text.replace("US", "PK").replace('"+1 202-555-0111"', written), encoding="utf-8")
    assert load_config(path).clinics[0].phone.e164 == "+923352855522"


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
