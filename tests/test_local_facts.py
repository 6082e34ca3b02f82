"""Local facts by country, and only facts someone gave us: the real content built for a US, two Pakistani and a
German clinic (a country countries.yaml does not know), read as a patient and a search engine would."""

import json
import re
from html.parser import HTMLParser

import pytest
from conftest import REPO, TODAY, write

from clinicsites import build as engine
from clinicsites.errors import InputError

CLINICS = """
brand:
  name: Test Group
  base_url: https://clinics.test-group.org
clinics:
  - slug: lafayette
    name: Lafayette Needling
    address: {street: 12 Pine Street, locality: Lafayette, region: LA, postal_code: "70501", country: US}
    phones: ["+1 337-555-0123"]
    timezone: America/Chicago
    services: [dry-needling]
    specialty: [Physiotherapy]
    conditions: all
    benefits: all
    hours: {monday: "09:00-17:00", tuesday: "09:00-12:00, 13:00-17:00"}
    special_hours:
      - {date: "2026-11-19", hours: closed, note: A day already past}
      - {date: "2026-12-24", hours: "09:00-12:00", note: Christmas Eve}
    practitioners:
      - {name: Sam Lee, profession: Physical therapist, licence: PT-1234}
  - slug: saddar
    name: Saddar Physio
    address: {street: 1 Mall Road, locality: Rawalpindi, region: Punjab, country: PK}
    phones: [{number: "+92 300 0000001", whatsapp: true}]
    languages: [en, ur]
    timezone: Asia/Karachi
    conditions: all
    benefits: all
    practitioners:
      - {name: Ayesha Khan, profession: Physiotherapist, licence: PPTA-77}
  - slug: karachi
    name: Clifton Physio
    address: {street: 2 Beach Avenue, locality: Karachi, region: Sindh, country: PK}
    phones: ["+92 300 0000002"]
    conditions: [neck-pain, knee-pain]
    benefits: [pain-reduction]
  - slug: berlin
    name: Mitte Physio
    address: {street: Teststrasse 1, locality: Berlin, country: DE}
    phones: ["+49 30 12345678"]
    conditions: [neck-pain, shoulder-pain, knee-pain]
    benefits: [pain-reduction]
"""
#: Text that only a US site may carry (a citation of a US study in a page's sources is not advice, and is
#: written "State Boards", so it is not matched).
US_TEXT = ("state licensing board", "state board", "US state", "in the US", "In the US", "tel:911",
           "Check with your insurer", "License or registration")  # fmt: skip
AMERICAN = re.compile(r"\blicenses?\b")  # the noun as Americans spell it (British: licence; "licensed" is both)
LUNG_PAGES = ("neck-pain", "shoulder-pain", "rotator-cuff-tendinitis", "headaches", "upper-back-pain")


@pytest.fixture(scope="module")
def site(tmp_path_factory):
    root = tmp_path_factory.mktemp("local")
    write(root / "clinics.yaml", CLINICS)
    settings = {"PATH": str(REPO / "content"), "CACHE_PATH": str(root / ".cache")}
    engine.build(root / "clinics.yaml", root / "output", REPO / "publishconf.py", override=settings)
    return root / "output"


class Main(HTMLParser):
    """The text and links a page shows: its <main> and footer, without scripts."""

    def __init__(self, html):
        super().__init__(convert_charrefs=True)
        self.text, self.links, self.ld, self.description = [], [], [], None
        self._skip = self._script = None
        self.feed(html)

    def handle_starttag(self, tag, attrs):
        a = dict(attrs)
        if tag == "a" and a.get("href"):
            self.links.append(a["href"])
        if tag == "meta" and a.get("name") == "description":
            self.description = a["content"]
        if tag == "script":
            self._script = "" if a.get("type") == "application/ld+json" else None
            self._skip = True

    def handle_endtag(self, tag):
        if tag == "script":
            if self._script is not None:
                self.ld.extend(json.loads(self._script)["@graph"])
            self._skip, self._script = None, None

    def handle_data(self, data):
        if self._script is not None:
            self._script += data
        elif not self._skip:
            self.text.append(data)

    @property
    def words(self) -> str:
        return " ".join(" ".join(self.text).split())


def pages(site, slug):
    return sorted(p for p in (site / slug).rglob("*.html"))


def page(site, path) -> Main:
    return Main((site / path).read_text(encoding="utf-8"))


def clinic_node(site, slug):
    return next(n for n in page(site, f"{slug}/index.html").ld if "MedicalClinic" in str(n["@type"]))


@pytest.mark.parametrize(
    "slug, calls, never",
    [
        ("lafayette", {"tel:911"}, {"tel:1122", "tel:115", "tel:999"}),
        ("saddar", {"tel:1122", "tel:115"}, {"tel:911", "tel:999"}),
        # Rescue 1122 is given only to clinics in the regions countries.yaml names (Punjab).
        ("karachi", {"tel:115"}, {"tel:1122", "tel:911", "tel:999"}),
        ("berlin", set(), {"tel:911", "tel:1122", "tel:115", "tel:999"}),
    ],
)
def test_every_page_names_the_emergency_numbers_of_the_clinics_country_and_no_other(site, slug, calls, never):
    for path in pages(site, slug):
        shown = page(site, path.relative_to(site))
        links = set(shown.links)
        assert calls <= links, path
        assert not never & links, path
        if not calls:
            assert "call your local emergency number" in shown.words, path


def test_urgent_care_cards_end_with_the_local_number(site):
    html = (site / "saddar/conditions/sciatica/index.html").read_text()
    cards = re.findall(r'<section class="care-card urgent".*?</section>', html, re.S)
    assert cards and all('href="tel:1122"' in card and 'href="tel:115"' in card for card in cards)
    assert (
        "In an emergency, call 1122 (Rescue 1122) or 115 (Edhi ambulance)."
        in page(site, "saddar/safety/index.html").words
    )


@pytest.mark.parametrize("slug", ["saddar", "karachi", "berlin"])
def test_no_us_text_on_pages_outside_the_us(site, slug):
    for path in pages(site, slug):
        words = page(site, path.relative_to(site)).words
        found = [text for text in US_TEXT if text in words] + AMERICAN.findall(words)
        assert not found, (path, found)


def test_the_guide_uses_neutral_words(site):
    for path in pages(site, "guide"):
        shown = page(site, path.relative_to(site))
        assert not {"tel:911", "tel:1122", "tel:115"} & set(shown.links), path
        assert not [text for text in US_TEXT if text in shown.words], path


def test_licence_checks_follow_the_country(site):
    us = page(site, "lafayette/who-treats-you/index.html").words
    assert "Look the number up with the licensing board for their profession in your state" in us
    assert "License or registration no. PT-1234" in page(site, "lafayette/index.html").words
    for slug in ("saddar", "berlin"):
        other = page(site, f"{slug}/who-treats-you/index.html").words
        assert "Ask the clinic for the practitioner\u2019s registration" in other
    assert "Licence or registration no. PPTA-77" in page(site, "saddar/index.html").words


def test_insurance_wording_follows_the_country(site):
    assert "Check with your insurer before you book." in page(site, "lafayette/cost/index.html").words
    for slug in ("saddar", "guide"):
        words = page(site, f"{slug}/cost/index.html").words
        assert "If you have health insurance" in words and "Check with your insurer" not in words


@pytest.mark.parametrize("slug", ["lafayette", "saddar", "berlin"])
def test_pages_that_needle_near_the_lungs_warn_of_a_collapsed_lung(site, slug):
    for name in LUNG_PAGES:
        path = site / slug / "conditions" / name / "index.html"
        if not path.exists():
            continue  # berlin shows only some conditions
        html = path.read_text()
        card = re.search(r'<section class="care-card urgent" aria-labelledby="lung-risk">.*?</section>', html, re.S)
        assert card, path
        text = Main(card.group(0)).words
        assert "short of breath" in text and "chest pain" in text and "dry cough" in text
        assert "pneumothorax" in text
    assert 'aria-labelledby="lung-risk"' not in (site / slug / "conditions/knee-pain/index.html").read_text()


def test_the_urdu_neck_page_warns_in_urdu_with_the_local_numbers(site):
    html = (site / "saddar/ur/conditions/neck-pain/index.html").read_text()
    card = re.search(r'<section class="care-card urgent" aria-labelledby="lung-risk">.*?</section>', html, re.S)
    assert card and "پھیپھڑا سکڑ جانا" in card.group(0) and "ریسکیو 1122" in card.group(0)
    assert 'href="tel:1122"' in card.group(0)


def test_specialty_and_services_only_where_clinics_yaml_declares_them(site):
    us = clinic_node(site, "lafayette")
    assert us["medicalSpecialty"] == ["https://schema.org/Physiotherapy"]
    assert [s["name"] for s in us["availableService"]] == ["Dry needling"]
    for slug in ("saddar", "berlin"):
        node = clinic_node(site, slug)
        assert "medicalSpecialty" not in node and "availableService" not in node, slug
        home = page(site, f"{slug}/index.html")
        assert "offers dry needling" not in home.description
        assert "Dry needling in" not in home.words  # neither the title nor the heading claims the service
    assert "offers dry needling" in page(site, "lafayette/index.html").description


def test_special_hours_already_past_are_not_shown(site):
    contact = page(site, "lafayette/contact/index.html")
    assert TODAY == "2026-11-20"
    assert "December 24, 2026" in contact.words and "A day already past" not in contact.words
    days = [s["validFrom"] for s in clinic_node(site, "lafayette")["specialOpeningHoursSpecification"]]
    assert days == ["2026-12-24"]


def test_descriptions_promise_only_facts_the_clinic_has(site):
    us, de = page(site, "lafayette/index.html").description, page(site, "berlin/index.html").description
    assert "opening hours" in us and "who treats you" in us
    for promise in ("opening hours", "fees", "book", "who treats you"):
        assert promise not in de, promise
    assert (
        page(site, "berlin/contact/index.html").description
        == "How to reach Mitte Physio: phone, address and directions."
    )
    assert "opening hours" in page(site, "lafayette/contact/index.html").description


def test_today_is_the_clinics_own_day(project):
    """Late on 20 November in UTC it is already the 21st in Karachi: a special day on the 20th is past there."""
    import datetime

    from clinicsites.clinics import load_config
    from clinicsites.clinics.local import as_of

    text = (project / "clinics.yaml").read_text()
    text = text.replace(
        'tuesday: "09:00-12:00, 13:00-17:00"\n',
        'tuesday: "09:00-12:00, 13:00-17:00"\n'
        '    timezone: America/Chicago\n    special_hours: [{date: "2026-11-20", hours: closed}]\n',
    )
    text = text.replace(
        "    conditions: [neck-pain]",
        "    conditions: [neck-pain]\n    timezone: Asia/Karachi\n"
        '    hours: {monday: "09:00-17:00"}\n    special_hours: [{date: "2026-11-20", hours: closed}]',
    )
    (project / "clinics.yaml").write_text(text)
    now = datetime.datetime(2026, 11, 20, 20, 0, tzinfo=datetime.UTC)
    config = as_of(load_config(project / "clinics.yaml"), {}, now=now)
    assert [len(c.special_hours) for c in config.clinics] == [1, 0]


def test_a_neck_page_without_lung_risk_is_refused_with_its_line(project):
    path = project / "content/shared/conditions/neck-pain.md"
    path.write_text(path.read_text().replace("lung_risk: true\n", ""))
    with pytest.raises(InputError) as caught:
        engine.build(project / "clinics.yaml", project / "output", REPO / "pelicanconf.py",
                     override={"PATH": str(project / "content"), "CACHE_PATH": str(project / ".cache")})  # fmt: skip
    (problem,) = caught.value.problems
    assert (problem.path, problem.line, problem.where) == ("content/shared/conditions/neck-pain.md", 5, "region")
    assert "expected lung_risk: true" in problem.message
    assert not (project / "output").exists()


@pytest.mark.parametrize(
    "tag, message",
    [
        ("{{ country.emergncy }}", "country has no field 'emergncy'; did you mean 'country.emergency'?"),
        ("{{ country.emergency._joined }}", "access to '_joined' is not allowed"),
        ("{{ country.emergency.numbers.__class__ }}", "access to '__class__' is not allowed"),
        (
            "{{ countries.US }}",
            "unknown name 'countries'; expected one of: clinic.<field>, brand.<field>, country.<field>",
        ),
    ],
)
def test_unknown_country_names_are_errors_with_their_line(project, tag, message):
    path = project / "content/shared/pages/faq.md"
    path.write_text(path.read_text() + f"\nCall {tag} now.\n")
    line = path.read_text().count("\n")
    with pytest.raises(InputError) as caught:
        engine.check(project / "clinics.yaml", REPO / "pelicanconf.py",
                     override={"PATH": str(project / "content"), "CACHE_PATH": str(project / ".cache")})  # fmt: skip
    (problem,) = caught.value.problems
    assert problem.line == line and message in problem.message, problem


def test_a_broken_countries_file_lists_every_problem_with_its_line(project, tmp_path):
    countries = write(tmp_path / "countries.yaml", """
        countries:
          UK:
            name: United Kingdom
          PK:
            name: Pakistan
            emergency:
              - number: "11 22"
            emergncy: []
            spelling: british
    """)  # fmt: skip
    with pytest.raises(InputError) as caught:
        engine.check(project / "clinics.yaml", REPO / "pelicanconf.py",
                     override={"PATH": str(project / "content"), "CACHE_PATH": str(project / ".cache"),
                               "COUNTRIES": str(countries)})  # fmt: skip
    found = sorted((p.line, p.where, p.message.split(";")[0]) for p in caught.value.problems)
    assert [(line, where) for line, where, _ in found] == [
        (2, "countries.UK"),
        (7, "countries.PK.emergency #1.number"),
        (8, "countries.PK.emergncy"),
        (9, "countries.PK.spelling"),
    ]
    assert all(p.path.endswith("countries.yaml") for p in caught.value.problems)


def test_the_real_countries_file_is_valid_and_matches_the_reference_numbers():
    from clinicsites.clinics.countries import load_countries

    countries = load_countries(REPO / "countries.yaml")
    numbers = {code: [e.number for e in c.emergency] for code, c in countries.items()}
    assert numbers == {"US": ["911"], "PK": ["1122", "115"], "GB": ["999"]}
    assert countries["US"].licence_lookup and not countries["PK"].licence_lookup


def test_an_unknown_country_never_gets_another_countrys_text(tmp_path):
    """A clinic with the real content in a country countries.yaml lacks: every page neutral (counted per page)."""
    root = tmp_path / "p"
    write(root / "clinics.yaml", CLINICS.split("  - slug: saddar")[0].replace("country: US", "country: CA"))
    engine.build(root / "clinics.yaml", root / "out", REPO / "pelicanconf.py",
                 override={"PATH": str(REPO / "content"), "CACHE_PATH": str(root / ".cache")})  # fmt: skip
    shown = [page(root / "out", p.relative_to(root / "out")) for p in pages(root / "out", "lafayette")]
    assert shown and all("tel:911" not in p.links for p in shown)
    assert sum("call your local emergency number" in p.words for p in shown) == len(shown)


def test_editing_a_country_rebuilds_only_its_clinics_and_equals_a_clean_build(project, tmp_path):
    countries = tmp_path / "countries.yaml"
    countries.write_text((REPO / "countries.yaml").read_text(encoding="utf-8"), encoding="utf-8")

    def build(output, full=False):
        settings = {
            "PATH": str(project / "content"),
            "CACHE_PATH": str(project / ".cache"),
            "COUNTRIES": str(countries),
        }
        return engine.build(project / "clinics.yaml", output, REPO / "pelicanconf.py", override=settings, full=full)

    build(project / "output")
    text = countries.read_text(encoding="utf-8")
    countries.write_text(text.replace("name: {en: Edhi ambulance", "name: {en: Edhi Foundation ambulance"), "utf-8")
    south_pages = len(list((project / "output/south").rglob("*.html")))
    # North (US) shows nothing from Pakistan's entry; the directory's two pages follow the clinics' facts.
    assert build(project / "output").pages == south_pages + 2
    assert "(Edhi Foundation ambulance)" in (project / "output/south/faq/index.html").read_text()
    build(project / "clean", full=True)
    snap = {p.relative_to(project / "output").as_posix(): p.read_bytes() for p in (project / "output").rglob("*")
            if p.is_file()}  # fmt: skip
    clean = {p.relative_to(project / "clean").as_posix(): p.read_bytes() for p in (project / "clean").rglob("*")
             if p.is_file()}  # fmt: skip
    assert snap == clean
