"""Images in Markdown: copied into each site that shows them, linked relatively from every page depth."""

from conftest import build_project, write

PNG = b"\x89PNG\r\n\x1a\n" + b"\0" * 16
JPEG = b"\xff\xd8\xff\xe0" + b"\0" * 16


def test_images_are_copied_per_clinic_and_linked_relatively(project):
    (project / "content/shared/images").mkdir()
    (project / "content/shared/images/needle.png").write_bytes(PNG)
    (project / "content/clinics/north/images").mkdir()
    (project / "content/clinics/north/images/door.jpg").write_bytes(JPEG)
    write(
        project / "content/shared/conditions/neck-pain.md",
        (project / "content/shared/conditions/neck-pain.md").read_text()
        + "\n![A thin needle]({static}/shared/images/needle.png)\n",
    )
    write(
        project / "content/clinics/north/pages/parking.md",
        """
        ---
        title: Parking
        description: Where to park.
        ---

        ![The front door of the north clinic]({static}/clinics/north/images/door.jpg)
        """,
    )
    build_project(project)
    out = project / "output"
    for slug in ("north", "south"):
        html = (out / slug / "conditions/neck-pain/index.html").read_text()
        assert '<img alt="A thin needle" src="../../images/shared/needle.png">' in html
        assert (out / slug / "images/shared/needle.png").read_bytes() == PNG
    parking = (out / "north/parking/index.html").read_text()
    assert '<img alt="The front door of the north clinic" src="../images/clinic/door.jpg">' in parking
    assert (out / "north/images/clinic/door.jpg").read_bytes() == JPEG
    assert not (out / "south/images/clinic").exists()


def test_image_used_by_no_page_of_a_clinic_is_not_copied(project):
    (project / "content/shared/images").mkdir()
    (project / "content/shared/images/knee.png").write_bytes(PNG)
    knee = project / "content/shared/conditions/knee-pain.md"
    knee.write_text(knee.read_text() + "\n![A knee]({static}/shared/images/knee.png)\n")
    build_project(project)
    assert (project / "output/north/images/shared/knee.png").is_file()
    assert not (project / "output/south/images").exists()  # south does not show knee pain
