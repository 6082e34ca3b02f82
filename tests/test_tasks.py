"""The invoke tasks as a clinic owner runs them: exit codes, messages on stderr, no tracebacks."""

import os
import subprocess
import sys

import pytest
from conftest import REPO

INVOKE = [sys.executable, "-m", "clinicsites.cli"]  # what ./run runs
TASKS = [
    "build",
    "check",
    "clean",
    "serve",
    "livereload",
    "publish",
    "new-clinic",
    "test",
    "bench",
    "schema",
    "listings",
]


def invoke(*args, cwd=REPO):
    return subprocess.run(
        [*INVOKE, *args],
        cwd=cwd,
        capture_output=True,
        text=True,
        timeout=120,
        env={**os.environ, "PYTHONPATH": str(REPO)},
    )


def test_every_task_is_listed_with_a_one_line_docstring():
    listing = invoke("--list").stdout
    for name in TASKS:
        line = next((ln for ln in listing.splitlines() if ln.strip().startswith(name + " ")), "")
        assert len(line.split()) > 2, f"{name} has no docstring in `invoke --list`"


def test_check_on_a_broken_file_lists_every_problem_and_exits_2(tmp_path):
    broken = tmp_path / "clinics.yaml"
    broken.write_text(
        (REPO / "clinics.yaml")
        .read_text()
        .replace("slug: rawalpindi", "slug: Rawalpindi")
        .replace('"(225) 308-4064"', '"(225) 308-406"')
        .replace("    timezone: Asia/Karachi", "    timezone: Asia/Karachi\n    colour: red")
    )
    result = invoke("check", "--clinics", str(broken))
    assert result.returncode == 2
    lines = result.stderr.strip().splitlines()
    assert "Traceback" not in result.stderr
    assert any(
        ":28: clinic baton-rouge, phones #1.number: expected a phone number that exists in US" in ln for ln in lines
    )
    assert any(
        ": clinic #3, slug: expected a slug of lowercase letters" in ln and 'write it as "rawalpindi"' in ln
        for ln in lines
    )
    assert any(": clinic #3, colour: unknown key" in ln for ln in lines)
    assert lines[-1] == "3 problems found; nothing was written."


def test_build_with_other_clinics_file_and_output(tmp_path):
    result = invoke("build", "--clinics", str(REPO / "clinics.yaml"), "--output", str(tmp_path / "site"))
    assert result.returncode == 0, result.stderr
    assert "Built 3 clinic site(s)" in result.stdout
    assert (tmp_path / "site/index.html").is_file()
    assert (tmp_path / "site/rawalpindi/contact/index.html").is_file()


def test_bad_input_build_exits_2_and_writes_nothing(tmp_path):
    broken = tmp_path / "clinics.yaml"
    broken.write_text("brand: [\n")
    result = invoke("build", "--clinics", str(broken), "--output", str(tmp_path / "site"))
    assert result.returncode == 2
    assert "YAML syntax error" in result.stderr and "Traceback" not in result.stderr
    assert not (tmp_path / "site").exists()


def test_new_clinic_appends_a_valid_entry_keeping_comments(tmp_path):
    clinics = tmp_path / "clinics.yaml"
    original = (REPO / "clinics.yaml").read_text()
    clinics.write_text(original)
    (tmp_path / "pelicanconf.py").write_text('PATH = "content"\n')
    (tmp_path / "content").mkdir()
    result = invoke(
        "new-clinic",
        "--clinics",
        str(clinics),
        "--slug",
        "lafayette",
        "--name",
        "Lafayette Sample Clinic",
        "--locality",
        "Lafayette",
        "--country",
        "US",
        "--phone",
        "+1 202 555 0142",
        "--whatsapp",
        cwd=tmp_path,
    )
    assert result.returncode == 0, result.stderr
    text = clinics.read_text()
    assert text.startswith(original.rstrip("\n")), "existing lines and comments are kept as they were"
    assert "  - slug: lafayette\n    name: Lafayette Sample Clinic\n" in text
    assert (tmp_path / "content/clinics/lafayette/pages").is_dir()
    assert (tmp_path / "content/clinics/lafayette/posts").is_dir()
    from clinicsites.clinics import load_config

    clinic = load_config(clinics).clinic("lafayette")
    assert clinic.phone.e164 == "+12025550142" and clinic.whatsapp


def test_new_clinic_refuses_a_duplicate_and_leaves_the_file(tmp_path):
    clinics = tmp_path / "clinics.yaml"
    clinics.write_text((REPO / "clinics.yaml").read_text())
    before = clinics.read_bytes()
    result = invoke(
        "new-clinic",
        "--clinics",
        str(clinics),
        "--slug",
        "rawalpindi",
        "--name",
        "Again",
        "--locality",
        "Rawalpindi",
        "--country",
        "PK",
        "--phone",
        "0335 2855522",
    )
    assert result.returncode == 2
    line = next(n for n, text in enumerate(before.decode().splitlines(), 1) if "slug: rawalpindi" in text)
    assert result.stderr.splitlines()[0] == (
        f'new-clinic: --slug: slug "rawalpindi" is already used by the clinic on {clinics} line {line}; '
        "expected a slug of its own"
    )
    assert clinics.read_bytes() == before


def test_new_clinic_without_required_options_and_no_terminal(tmp_path):
    result = invoke("new-clinic", "--clinics", str(tmp_path / "clinics.yaml"), "--name", "X")
    assert result.returncode == 2
    assert result.stderr.startswith("new-clinic: missing --slug, --locality, --country, --phone ")


@pytest.mark.parametrize("args, message", [
    (["biuld"], "./run: no task called 'biuld'. Did you mean `./run build`?"),
    (["build", "--clnic", "north"], "./run: no option called '--clnic'. Did you mean --clinic?"),
])  # fmt: skip
def test_a_mistyped_task_or_option_is_bad_input(args, message):
    result = invoke(*args)
    assert result.returncode == 2
    assert result.stderr.startswith(message) and "Traceback" not in result.stderr


def test_no_task_has_one_letter_flags_that_mean_different_things():
    for task in ("build", "check", "publish"):
        assert "-c," not in invoke("--help", task).stdout


@pytest.mark.parametrize("task", ["build", "check"])
def test_debug_flag_is_accepted(task, tmp_path):
    args = ["--output", str(tmp_path / "o")] if task == "build" else []
    assert invoke(task, "--debug", *args).returncode == 0


def test_clean_removes_built_output_but_not_other_folders(tmp_path):
    site = tmp_path / "site"
    assert invoke("build", "--output", str(site)).returncode == 0
    assert invoke("clean", "--output", str(site)).returncode == 0
    assert not site.exists()
    other = tmp_path / "other"
    other.mkdir()
    (other / "keep.txt").write_text("x")
    result = invoke("clean", "--output", str(other))
    assert result.returncode == 2 and (other / "keep.txt").exists()
