"""The README documents every clinics.yaml field and every task."""

from pathlib import Path

import pytest

from clinicsites.clinics.spec import BRAND, CLINIC_FIELDS

README = (Path(__file__).resolve().parent.parent / "README.md").read_text()


@pytest.mark.parametrize("field", list(CLINIC_FIELDS) + [f"brand.{k}" for k in BRAND.fields])
def test_every_field_is_documented(field):
    assert f"| `{field}` |" in README


@pytest.mark.parametrize(
    "task", ["build", "check", "serve", "livereload", "publish", "new-clinic", "test", "bench", "schema", "listings"]
)
def test_every_task_is_documented(task):
    assert f"`./run {task}" in README


def test_first_screen_gives_the_two_commands():
    first_screen = "\n".join(README.splitlines()[:20])
    assert "./run build" in first_screen and "./run test" in first_screen
