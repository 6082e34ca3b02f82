"""The README's examples of error messages are real output: each is made here by `./run check` on the
repository's own clinics.yaml and content, with the mistakes the README describes, and compared line for line."""

import re
import shutil

import pytest
from conftest import REPO

from clinicsites import build as engine
from clinicsites import commands

README = (REPO / "README.md").read_text(encoding="utf-8")
#: A marked example: an HTML comment naming it, then the fenced block of output.
MARKED = re.compile(r"<!-- example: (?P<name>[\w-]+) [^>]*-->\n```\n(?P<output>.*?)```", re.S)
FAQ = "content/shared/pages/faq.md"
FIRST_ANSWER = (
    "linked to it. Read more about [what dry needling is]({filename}/shared/pages/what-is-dry-needling.md).\n"
)

#: Each example's mistakes, as (file, text as it is, text as the owner mistyped it).
EXAMPLES = {
    "phone-tag-link": [
        ("clinics.yaml", '"(225) 308-4064"', '"(225) 308-406"'),
        (FAQ, FIRST_ANSWER, FIRST_ANSWER + "\nWe are in {{ clinic.adress }}.\nSee [safety](safty.md).\n"),
    ],
    "relative-link": [
        (FAQ, FIRST_ANSWER, FIRST_ANSWER + "\nSee [neck pain](../conditions/nek-pain/).\n"),
    ],
}


def fenced_blocks(text: str) -> list[str]:
    """The text of every fenced code block, in order."""
    blocks, current = [], None
    for line in text.splitlines(keepends=True):
        if line.startswith("```"):
            if current is None:
                current = []
            else:
                blocks.append("".join(current))
                current = None
        elif current is not None:
            current.append(line)
    return blocks


def test_every_example_of_output_is_marked_and_made_here():
    shown = [b for b in fenced_blocks(README) if re.search(r"problems? found; nothing was written", b)]
    assert shown, "the README shows no example of the messages"
    assert len(shown) == len(MARKED.findall(README)), "an example of output in README.md is not checked"
    assert sorted(m.group("name") for m in MARKED.finditer(README)) == sorted(EXAMPLES)


@pytest.mark.parametrize("name", sorted(EXAMPLES))
def test_readme_example_is_what_check_prints(name, tmp_path, monkeypatch, capsys):
    root = tmp_path / "project"
    root.mkdir()
    shutil.copy(REPO / "clinics.yaml", root / "clinics.yaml")
    shutil.copytree(REPO / "content", root / "content")
    for rel, old, new in EXAMPLES[name]:
        path = root / rel
        text = path.read_text(encoding="utf-8")
        assert text.count(old) == 1, f"{old!r} is not once in {rel}"
        path.write_text(text.replace(old, new), encoding="utf-8")
    monkeypatch.chdir(root)  # messages name paths as an owner at the top of the repository sees them
    override = {"PATH": str(root / "content"), "CACHE_PATH": str(root / ".cache")}

    code = commands.run(lambda: engine.check(root / "clinics.yaml", REPO / "pelicanconf.py", override))

    expected = next(m.group("output") for m in MARKED.finditer(README) if m.group("name") == name)
    assert capsys.readouterr().err == expected
    assert code == 2
