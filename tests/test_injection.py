"""Clinic text is only ever text: whatever a name or address holds, it adds no markup to any page."""

import json
import re
import shutil
import tempfile
import xml.etree.ElementTree as ET
from collections import Counter
from html.parser import HTMLParser
from pathlib import Path

import pytest
from conftest import FIXTURE, build_project
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from clinicsites.errors import InputError

#: The north clinic with every free-text field it has; south stays as in the fixture.
CLINICS = """\
brand:
  name: {brand}
  base_url: https://example.org/sites
  shared_pages: noindex
clinics:
  - slug: north
    name: {name}
    address:
      street: {street}
      locality: {locality}
      region: {region}
      postal_code: {postal_code}
      country: US
    phones:
      - number: "+1 202-555-0111"
        label: {label}
    hours:
      monday: "09:00-17:00"
    special_hours:
      - date: "2026-12-25"
        hours: closed
        note: {note}
    practitioners:
      - name: {practitioner}
        credentials: {credentials}
        licence: {licence}
    registration: {registration}
  - slug: south
    name: Southside Physio
    address:
      locality: Southville
      country: PK
    phones:
      - "+92 300 0000001"
"""
PLAIN = {
    "brand": "Test Group",
    "name": "Northside Needling",
    "street": "1 Fiction Road",
    "locality": "Northtown",
    "region": "LA",
    "postal_code": "70801",
    "label": "Front desk",
    "note": "Christmas Day",
    "practitioner": "Sam Lee",
    "credentials": "PT, DPT",
    "licence": "PT-1234",
    "registration": "REG-1",
}
#: Fragments that break HTML, JSON or templates when pasted in unescaped.
NASTY = [
    "</script>",
    "<script>alert(1)</script>",
    "<!--",
    "-->",
    "&",
    "&amp;",
    '"',
    "'",
    "<",
    ">",
    "\\",
    "<img src=x onerror=alert(1)>",
    "</title>",
    "</style>",
    "]]>",
    "{{ clinic.name }}",
    "{% raw %}",
    "{static}/x",
    "javascript:alert(1)",
    "\u202e",
    "\u2028",
    "مرکز صحت",
    "שלום",
    "zz-injected=1",
    "<zz-injected>",
]
#: Control characters are refused by validation (tests/test_bad_input.py); leave them out so most examples build.
TEXT = (
    st.lists(
        st.one_of(st.sampled_from(NASTY), st.text(st.characters(blacklist_categories=("Cs", "Cc")), max_size=8)),
        min_size=1,
        max_size=5,
    )
    .map("".join)
    .filter(str.strip)
)
#: Each field's longest allowed value in clinics.yaml.
LIMITS = {"postal_code": 20, "label": 40, "licence": 60, "registration": 60}
VALUES = st.fixed_dictionaries({key: TEXT.map(lambda text, n=LIMITS.get(key, 100): text[:n]) for key in PLAIN})  # noqa: B008


def yaml_quoted(text: str) -> str:
    """A YAML double-quoted scalar that reads back as exactly ``text`` (line breaks and controls escaped)."""
    out = []
    for char in text:
        if char in '"\\':
            out.append("\\" + char)
        elif char.isprintable() and char not in "\x85\u2028\u2029\ufeff" and not 0xD800 <= ord(char) <= 0xDFFF:
            out.append(char)
        else:
            out.append(f"\\U{ord(char):08x}")
    return '"' + "".join(out) + '"'


class _Page(HTMLParser):
    """Every element, attribute name and comment of a page, its text, and its JSON-LD blocks."""

    def __init__(self, html: str):
        super().__init__(convert_charrefs=True)
        self.tags: Counter = Counter()
        self.attributes: set[str] = set()
        self.comments = 0
        self.text: list[str] = []
        self.json_ld: list[str] = []
        self.html_attrs: dict = {}
        self._in_json = False
        self.feed(html)
        self.close()

    def handle_starttag(self, tag, attrs):
        self.tags[tag] += 1
        self.attributes |= {name for name, _ in attrs}
        if tag == "html":
            self.html_attrs = dict(attrs)
        self._in_json = tag == "script" and ("type", "application/ld+json") in attrs
        if self._in_json:
            self.json_ld.append("")

    handle_startendtag = handle_starttag

    def handle_endtag(self, tag):
        self.tags["/" + tag] += 1
        self._in_json = False

    def handle_data(self, data):
        if self._in_json:
            self.json_ld[-1] += data
        else:
            self.text.append(data)

    def handle_comment(self, data):
        self.comments += 1

    def shape(self):
        return self.tags, self.attributes, self.comments, len(self.json_ld)


def build(values: dict, folder: Path) -> Path:
    shutil.copytree(FIXTURE, folder)
    (folder / "clinics.yaml").write_text(
        CLINICS.format(**{k: yaml_quoted(v) for k, v in values.items()}), encoding="utf-8"
    )
    build_project(folder, search=False)  # forty builds: markup is what is checked, not the search index
    return folder / "output"


def pages(output: Path) -> dict[str, _Page]:
    return {
        p.relative_to(output).as_posix(): _Page(p.read_text(encoding="utf-8")) for p in sorted(output.rglob("*.html"))
    }


@pytest.fixture(scope="module")
def plain_shapes(tmp_path_factory):
    """Each page's elements and attribute names when every field holds plain words."""
    output = build(PLAIN, tmp_path_factory.mktemp("plain") / "project")
    return {path: page.shape() for path, page in pages(output).items()}


def clinic_nodes(data):
    """Every JSON-LD node describing a clinic (its @id ends in #clinic), however deeply nested."""
    if isinstance(data, dict):
        if str(data.get("@id", "")).endswith("#clinic"):
            yield data
        for value in data.values():
            yield from clinic_nodes(value)
    elif isinstance(data, list):
        for item in data:
            yield from clinic_nodes(item)


@settings(
    max_examples=40,
    deadline=None,
    derandomize=True,
    database=None,
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.function_scoped_fixture],
)
@given(values=VALUES)
def test_clinic_text_never_becomes_markup(plain_shapes, values):
    with tempfile.TemporaryDirectory() as tmp:
        try:
            output = build(values, Path(tmp) / "project")
        except InputError as exc:
            # Refusing a value is fine, as long as it is a located problem in clinics.yaml.
            assert exc.problems and all(p.path.endswith("clinics.yaml") and p.line for p in exc.problems), exc
            return
        built = pages(output)
        assert set(built) == set(plain_shapes)
        described = set()  # pages whose JSON-LD describes the north clinic
        for path, page in built.items():
            assert page.shape() == plain_shapes[path], f"{path}: the clinic's text changed the page's markup"
            for block in page.json_ld:
                data = json.loads(block)
                for node in clinic_nodes(data):
                    if node.get("url", "").rstrip("/").endswith("/north"):
                        described.add(path)
                        assert node["name"] == values["name"].strip(), path
                        address = node.get("address", {})
                        for key, field in (
                            ("streetAddress", "street"),
                            ("addressLocality", "locality"),
                            ("addressRegion", "region"),
                            ("postalCode", "postal_code"),
                        ):
                            assert address.get(key, values[field].strip()) == values[field].strip(), (path, key)
        assert "north/index.html" in described
        home = "".join(built["north/index.html"].text)
        assert values["name"].strip() in home
        about = "".join(built["north/about-treatment/index.html"].text)
        assert f"{values['name'].strip()} in {values['locality'].strip()} uses thin needles." in about
        for feed in output.rglob("*.xml"):
            ET.parse(feed)  # feeds and sitemaps stay well-formed


def test_right_to_left_language_sets_dir_on_every_page(tmp_path):
    folder = tmp_path / "project"
    shutil.copytree(FIXTURE, folder)
    clinics = folder / "clinics.yaml"
    clinics.write_text(
        re.sub(
            r"name: Southside Physio\n",
            "name: مرکز فزیوتھراپی\n    language: ur\n",
            clinics.read_text(encoding="utf-8"),
        ),
        encoding="utf-8",
    )
    build_project(folder)
    for path, page in pages(folder / "output").items():
        expected = {"lang": "ur", "dir": "rtl"} if path.startswith("south/") else {"lang": "en", "dir": "ltr"}
        assert page.html_attrs == expected, path
    assert "مرکز فزیوتھراپی" in (folder / "output/south/index.html").read_text(encoding="utf-8")
