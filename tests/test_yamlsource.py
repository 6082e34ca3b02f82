"""The YAML loader: lines for every value, and refusals of what YAML should not do here."""

import time

import pytest

from clinicsites.clinics.yamlsource import load_text
from clinicsites.errors import InputError


def problems(text):
    with pytest.raises(InputError) as caught:
        load_text(text, "x.yaml")
    return [str(p) for p in caught.value.problems]


def test_yaml_1_2_scalars_keep_country_codes_and_times():
    doc = load_text("country: NO\nopen: 09:30\nok: yes\nn: 5\n", "x.yaml")
    assert doc.data == {"country": "NO", "open": "09:30", "ok": "yes", "n": 5}


def test_lines_are_remembered():
    doc = load_text("a:\n  b:\n    - 1\n    - c: 2\n", "x.yaml")
    assert doc.line(("a", "b", 1, "c")) == 4
    assert doc.line(("a", "b", 0)) == 3


def test_syntax_error_has_a_line():
    assert problems("a: [1, 2\nb: 3\n") == [
        "x.yaml:2: YAML syntax error: did not find expected ',' or ']' "
        "(while parsing a flow sequence that starts on line 1)"
    ]


def test_tab_indentation_is_named():
    assert problems("a:\n\tb: 1\n") == ["x.yaml:2: indentation uses a tab; YAML needs spaces"]


def test_python_tags_are_refused_with_their_line():
    doc = load_text("a: 1\nb: !!python/object/apply:os.system [ls]\n", "x.yaml")
    assert [str(p) for p in doc.problems] == [
        "x.yaml:2: b: YAML tag !!python/object/apply:os.system is not allowed here; write a plain value"
    ]


def test_duplicate_keys_are_refused():
    doc = load_text("a: 1\nb: 2\na: 3\n", "x.yaml")
    assert [str(p) for p in doc.problems] == ["x.yaml:3: a: duplicate key (first set on line 1)"]


def test_alias_bomb_fails_fast():
    bomb = "a: &a [x, x, x, x, x, x, x, x, x, x]\n"
    for n in range(ord("b"), ord("k")):
        prev = chr(n - 1)
        bomb += f"{chr(n)}: &{chr(n)} [" + ", ".join([f"*{prev}"] * 10) + "]\n"
    started = time.perf_counter()
    found = problems(bomb)
    assert time.perf_counter() - started < 2, "the bomb must be refused before it expands"
    assert found == [
        "x.yaml:1: aliases expand to more than 200,000 values; write the values out instead of nesting anchors"
    ]


def test_small_aliases_are_fine():
    doc = load_text("std: &std '09:00-17:00'\nmonday: *std\n", "x.yaml")
    assert doc.data["monday"] == "09:00-17:00"


def test_invalid_utf8_names_the_line(tmp_path):
    from clinicsites.clinics.yamlsource import load_file

    path = tmp_path / "bad.yaml"
    path.write_bytes(b"a: 1\nb: caf\xe9\n")
    with pytest.raises(InputError) as caught:
        load_file(path, "bad.yaml")
    assert str(caught.value) == "bad.yaml:2: invalid UTF-8 (byte 0xe9); save the file as UTF-8"
