"""Images, one pipeline: Markdown images and clinics.yaml photos resized into AVIF, WebP and JPEG versions, with
srcset, sizes, width and height; metadata (a phone photo's GPS position) stripped; made once and cached."""

import io
import re

import pytest
from conftest import build_project, write
from PIL import Image

from clinicsites import commands


def photo(width=1600, height=1000, gps=True) -> bytes:
    """A real JPEG, with EXIF that says where it was taken, as a phone's camera writes it."""
    image = Image.new("RGB", (width, height), (40, 120, 110))
    exif = Image.Exif()
    exif[0x010F] = "PhoneMaker"  # camera make
    if gps:
        exif[0x8825] = {1: "N", 2: (30.0, 27.0, 0.0), 3: "W", 4: (91.0, 9.0, 0.0)}  # GPS: the patient's street
    buffer = io.BytesIO()
    image.save(buffer, "JPEG", exif=exif, quality=90)
    return buffer.getvalue()


def add_condition_image(project):
    (project / "content/shared/images").mkdir(exist_ok=True)
    (project / "content/shared/images/needle.jpg").write_bytes(photo())
    page = project / "content/shared/conditions/neck-pain.md"
    page.write_text(page.read_text() + "\n![A thin needle beside a ruler]({static}/shared/images/needle.jpg)\n")


def test_a_markdown_image_becomes_a_picture_of_sized_versions(project):
    add_condition_image(project)
    build_project(project)
    html = (project / "output/north/conditions/neck-pain/index.html").read_text()
    picture = re.search(r"<picture>.*?</picture>", html, re.S).group(0)
    assert '<source type="image/avif" srcset="../../images/needle-' in picture
    assert '<source type="image/webp"' in picture and " 320w, " in picture and " 1280w" in picture
    assert 'alt="A thin needle beside a ruler" width="1280" height="800" loading="lazy"' in picture
    for url in re.findall(r"(\.\./\.\./images/[^ \"]+)", picture):
        assert (project / "output/north/conditions/neck-pain" / url).is_file(), url


def test_photos_lose_their_metadata_gps_above_all(project):
    add_condition_image(project)
    build_project(project)
    versions = list((project / "output/north/images").glob("needle-*.jpg"))
    assert versions
    for path in versions:
        with Image.open(path) as image:
            assert not image.getexif(), f"{path.name} still has EXIF"
    assert b"PhoneMaker" not in b"".join(p.read_bytes() for p in (project / "output/north/images").iterdir())


def test_each_version_is_made_once_and_reused(project):
    add_condition_image(project)
    build_project(project)
    cached = {p: p.stat().st_mtime_ns for p in (project / ".cache/images").iterdir()}
    assert len(cached) >= 9  # three formats, several widths
    build_project(project, full=True)
    assert {p: p.stat().st_mtime_ns for p in (project / ".cache/images").iterdir()} == cached


def test_clinic_and_practitioner_photos_from_clinics_yaml(project):
    (project / "content/clinics/north/images").mkdir()
    (project / "content/clinics/north/images/front.jpg").write_bytes(photo())
    (project / "content/clinics/north/images/ana.jpg").write_bytes(photo(600, 600))
    clinics = project / "clinics.yaml"
    clinics.write_text(
        clinics.read_text().replace(
            "    hours:\n",
            "    photos:\n      - src: clinics/north/images/front.jpg\n        alt: The clinic's front door\n"
            "    practitioners:\n      - name: Ana Example\n        profession: Physical therapist\n"
            "        photo: {src: clinics/north/images/ana.jpg, alt: Ana Example}\n    hours:\n",
            1,
        )
    )
    build_project(project)
    home = (project / "output/north/index.html").read_text()
    hero = re.search(r'<div class="hero-media">\s*<picture>.*?</picture>', home, re.S).group(0)
    assert 'alt="The clinic&#39;s front door"' in hero and 'fetchpriority="high"' in hero and "loading" not in hero
    assert 'alt="Ana Example" width="600" height="600" class="person-photo" loading="lazy"' in home
    assert not list((project / "output/south").rglob("front-*"))


@pytest.mark.parametrize("data, message", [
    (b"\xff\xd8\xff\xe0" + b"\0" * 64, 'expected a JPEG image that can be opened, got a damaged file in '
                                       '"clinics/north/images/front.jpg"'),
    (photo(200, 150), 'expected a photo at least 320 pixels wide, got 200 in "clinics/north/images/front.jpg"'),
])  # fmt: skip
def test_a_broken_or_tiny_photo_is_refused_with_its_line(project, capsys, data, message):
    (project / "content/clinics/north/images").mkdir()
    (project / "content/clinics/north/images/front.jpg").write_bytes(data)
    clinics = project / "clinics.yaml"
    clinics.write_text(
        clinics.read_text().replace(
            "    hours:\n",
            "    photos:\n      - src: clinics/north/images/front.jpg\n        alt: Front door\n    hours:\n",
            1,
        )
    )
    code = commands.run(lambda: build_project(project))
    assert code == 2
    assert capsys.readouterr().err.splitlines()[0] == f"clinics.yaml:19: clinic north, photos #1.src: {message}"


def test_image_used_by_no_page_of_a_clinic_is_not_copied(project):
    (project / "content/clinics/north/images").mkdir()
    (project / "content/clinics/north/images/door.jpg").write_bytes(photo(800, 600))
    write(project / "content/clinics/north/pages/parking.md", """
        ---
        title: Parking
        description: Where to park.
        ---

        ![The front door of the north clinic]({static}/clinics/north/images/door.jpg)
        """)  # fmt: skip
    build_project(project)
    assert list((project / "output/north/images").glob("door-*"))
    assert not (project / "output/south/images").exists()
