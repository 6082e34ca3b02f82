"""Whatever an owner writes in clinics.yaml or a page's front matter, the commands answer with located problems.

Hypothesis mutates the fixture's clinics.yaml and front matter the way hand edits go wrong (a key deleted,
renamed, misspelt or wrapped in a list; a value of another YAML type, unicode, very long, null, a mapping where
text belongs; a key the schema declares at that place, with any value; a stray edit of the text itself), then runs
`./run check` and `./run build` as the command line does. Each must exit 0 or 2; on 2 every problem names its file
and line, and output/ is untouched; never exit 1, an exception's name or a traceback.

The mutations come from the data and the declared fields (clinics/spec.py, content/frontmatter.py), so a field
added there is mutated too, with no change here. CI runs a fixed set of examples (derandomised); to search
longer, set ``INPUT_EXAMPLES``, e.g. ``INPUT_EXAMPLES=5000 ./run test --args tests/test_input_never_crashes.py``.
"""

import builtins
import os
import re
import shutil
import tempfile
from pathlib import Path

import pytest
import yaml
from conftest import FIXTURE, REPO
from hypothesis import HealthCheck, example, given, settings
from hypothesis import strategies as st

from clinicsites import build as engine
from clinicsites import commands
from clinicsites.clinics import spec as clinic_spec
from clinicsites.clinics.fields import Spec
from clinicsites.clinics.shapes import AnyOf, Dict, ListOf, Mapping
from clinicsites.clinics.yamlsource import load_text
from clinicsites.content import frontmatter

EXAMPLES = int(os.environ.get("INPUT_EXAMPLES", "150"))
PAGES = sorted(p.relative_to(FIXTURE).as_posix() for p in (FIXTURE / "content").rglob("*.md"))
#: Names no message may show: they mean the engine, not the input, was at fault.
EXCEPTIONS = re.compile(
    r"\b(?:Traceback|"
    + "|".join(n for n in dir(builtins) if n.endswith(("Error", "Exception")))
    + r"|YAMLError|TemplateError|UndefinedError)\b"
)
LOCATED = re.compile(r"^(?:clinics\.yaml|content/[^:]+\.md):\d+: \S")

# Values of every kind YAML can hold, and the kinds owners type: unicode, very long, empty, look-alikes.
texts = st.one_of(
    st.text(st.characters(exclude_categories=["Cs"]), max_size=40),
    st.text(st.characters(exclude_categories=["Cs"]), min_size=300, max_size=3000),
    st.sampled_from(["", " ", "all", "closed", "none", "yes", "NO", "09:00-17:00", "2026-02-30", "+1 202-555-0111",
                     "{{ clinic.name }}", "{{ clinic.adress }}", "{% if clinic.email %}", "shared/images/x.heic",
                     "https://example.org", "neck-pain", "#123", "purple", "en", "ur", "\u202e", "ا" * 50]),
)  # fmt: skip
scalars = st.one_of(
    st.none(), st.booleans(), st.integers(), st.integers(min_value=-(10**30), max_value=10**30), st.floats(), texts
)
values = st.recursive(
    scalars,
    lambda inner: st.lists(inner, max_size=4) | st.dictionaries(st.one_of(texts, st.sampled_from(["", "name"])),
                                                                inner, max_size=4),
    max_leaves=12,
)  # fmt: skip


def places(data, path=()):
    """Every value in ``data`` with its path: the root, each mapping's values, each list's items."""
    yield path
    if isinstance(data, dict):
        for key, value in data.items():
            yield from places(value, (*path, key))
    elif isinstance(data, list):
        for i, value in enumerate(data):
            yield from places(value, (*path, i))


def declared(spec: Spec | None, path) -> list[str]:
    """The keys the schema declares for the mapping at ``path``, however nested (lists, alternatives, dicts)."""
    for part in path:
        spec = _inner(spec, part)
    found = [spec] if isinstance(spec, Mapping) else [s for _, s in getattr(spec, "options", ())]
    return sorted({name for s in found if isinstance(s, Mapping) for name in s.fields})


def _inner(spec, part):
    if isinstance(spec, AnyOf):
        spec = next((s for _, s in spec.options if isinstance(s, (Mapping, ListOf, Dict))), None)
    if isinstance(spec, Mapping) and isinstance(part, str) and part in spec.fields:
        return spec.fields[part].spec
    if isinstance(spec, ListOf) and isinstance(part, int):
        return spec.item
    if isinstance(spec, Dict):
        return spec.value
    return None


def get(data, path):
    for part in path:
        data = data[part]
    return data


@st.composite
def mutated(draw, data, schema: Spec):
    """``data`` after one to three hand-edit mistakes."""
    for _ in range(draw(st.integers(1, 3))):
        path = draw(st.sampled_from(list(places(data))))
        parent = get(data, path[:-1]) if path else None
        how = draw(st.sampled_from(["delete", "rename", "wrap", "replace", "nest", "add"]))
        if how == "add" or not path:
            target = get(data, path)
            if isinstance(target, dict):
                key = draw(st.sampled_from(declared(schema, path) or ["x"]) | texts)
                target[key] = draw(values)
            elif isinstance(target, list):
                target.insert(draw(st.integers(0, len(target))), draw(values))
            continue
        key = path[-1]
        if how == "delete":
            del parent[key]
        elif how == "rename" and isinstance(parent, dict):
            new = draw(st.sampled_from(declared(schema, path[:-1]) or ["x"]) | texts | st.just(key[::-1]))
            parent[new] = parent.pop(key)
        elif how == "wrap":
            parent[key] = [parent[key]]
        elif how == "nest":
            parent[key] = {draw(texts): parent[key]}
        else:
            parent[key] = draw(values)
    return data


@st.composite
def raw_edit(draw, text: str) -> str:
    """A stray edit of the text itself: characters typed, pasted or deleted anywhere."""
    start = draw(st.integers(0, len(text)))
    end = draw(st.integers(start, min(len(text), start + 20)))
    return text[:start] + draw(st.text(max_size=10)) + text[end:]


def dump(data) -> str:
    return yaml.safe_dump(data, allow_unicode=True, sort_keys=False, width=1000)


CLINICS_TEXT = (FIXTURE / "clinics.yaml").read_text(encoding="utf-8")
CLINICS_DATA = load_text(CLINICS_TEXT, "clinics.yaml").data


def _front_matter(rel: str):
    text = (FIXTURE / rel).read_text(encoding="utf-8")
    head, body = text.split("\n---\n", 1)
    return load_text(head.removeprefix("---\n"), rel).data, body


def _page_schema(rel: str) -> Spec:
    section = rel.split("/")[-2]
    return frontmatter.TRANSLATION if rel.count(".") > 1 else frontmatter.SECTIONS[section]


@st.composite
def edits(draw):
    """What one owner's session changes: clinics.yaml, a page's front matter, or both."""
    chosen = {}
    if draw(st.booleans()):
        if draw(st.integers(0, 9)) == 0:
            chosen["clinics.yaml"] = draw(raw_edit(CLINICS_TEXT))
        else:
            chosen["clinics.yaml"] = dump(draw(mutated(_copy(CLINICS_DATA), clinic_spec.ROOT)))
    if not chosen or draw(st.booleans()):
        rel = draw(st.sampled_from(PAGES))
        data, body = _front_matter(rel)
        chosen[rel] = f"---\n{dump(draw(mutated(data, _page_schema(rel))))}---\n{body}"
    return chosen


def _copy(data):
    return load_text(dump(data), "x").data


@pytest.fixture(scope="module")
def project():
    """The fixture, built once; each example edits it, runs the commands, then puts the files back."""
    with tempfile.TemporaryDirectory() as folder:
        root = Path(folder) / "project"
        shutil.copytree(FIXTURE, root)
        cwd = os.getcwd()
        os.chdir(root)  # messages name paths relative to the working directory
        try:
            _run(root, "build")
            yield root
        finally:
            os.chdir(cwd)


def _run(root: Path, command: str) -> tuple[int, str]:
    override = {"PATH": str(root / "content"), "CACHE_PATH": str(root / ".cache")}
    if command == "check":
        action = lambda: engine.check(root / "clinics.yaml", REPO / "pelicanconf.py", override)  # noqa: E731
    else:
        action = lambda: engine.build(root / "clinics.yaml", root / "output", REPO / "pelicanconf.py",  # noqa: E731
                                      override=override, jobs=1)  # fmt: skip
    with tempfile.TemporaryFile("w+", encoding="utf-8") as err:
        saved, commands.sys.stderr = commands.sys.stderr, err
        try:
            code = commands.run(action)
        finally:
            commands.sys.stderr = saved
        err.seek(0)
        return code, err.read()


def _snapshot(folder: Path) -> dict:
    return {p: p.read_bytes() for p in sorted(folder.rglob("*")) if p.is_file()}


@settings(max_examples=EXAMPLES, deadline=None, derandomize=True, database=None,
          suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large])  # fmt: skip
@given(change=edits())
# The crash issue 21 reported: a brand mistake while a clinic's name is a sample (as in the shipped clinics.yaml).
@example(
    change={
        "clinics.yaml": CLINICS_TEXT.replace("  name: Test Group\n", "  langauge: en\n").replace(
            "    conditions: [neck-pain]\n", "    conditions: [neck-pain]\n    sample: [name]\n"
        )
    }
)
def test_any_edit_gets_exit_0_or_2_with_located_problems(project, change):
    before = _snapshot(project / "output")
    originals = {rel: (project / rel).read_bytes() for rel in change}
    try:
        for rel, text in change.items():
            (project / rel).write_text(text, encoding="utf-8")
        for command in ("check", "build"):
            code, err = _run(project, command)
            shown = "".join(f"--- {rel}\n{text}\n" for rel, text in change.items())
            assert code in (0, 2), f"./run {command} exited {code}:\n{err}\n{shown}"
            assert not EXCEPTIONS.search(err) or EXCEPTIONS.search(shown), f"./run {command}:\n{err}\n{shown}"
            if code == 2:
                *lines, summary = err.splitlines()
                assert summary.endswith("found; nothing was written."), err
                unlocated = [line for line in lines if not LOCATED.match(line) and not line.startswith("WARNING")]
                assert not unlocated, f"./run {command}: problems without file:line:\n{err}\n{shown}"
                assert _snapshot(project / "output") == before
    finally:
        for rel, data in originals.items():
            (project / rel).write_bytes(data)
