"""The GitHub Actions workflows: actionlint finds nothing, and the Pages workflow deploys only from main."""

import re
import shutil
import subprocess
import sys
import sysconfig
from pathlib import Path

import pytest
import yaml
from conftest import REPO

WORKFLOWS = sorted((REPO / ".github" / "workflows").glob("*.yml"))
PAGES = REPO / ".github" / "workflows" / "pages.yml"

# The events a run can start from, as GitHub describes them in the `github` context.
PULL_REQUEST = {"github.event_name": "pull_request", "github.ref": "refs/pull/7/merge"}
PUSH_TO_MAIN = {"github.event_name": "push", "github.ref": "refs/heads/main"}
MANUAL_ON_MAIN = {"github.event_name": "workflow_dispatch", "github.ref": "refs/heads/main"}
MANUAL_ON_BRANCH = {"github.event_name": "workflow_dispatch", "github.ref": "refs/heads/try-colours"}
WEEKLY = {"github.event_name": "schedule", "github.ref": "refs/heads/main"}  # schedules run on the default branch
PUBLISH = './run publish --allow-sample-facts --pages-url "$PAGES_URL"'


def load(path):
    return yaml.safe_load(path.read_text(encoding="utf-8"))


def actionlint():
    """The binary requirements-dev.txt installs beside this Python (the venv need not be on PATH)."""
    for folder in (Path(sys.executable).parent, Path(sysconfig.get_path("scripts"))):
        if (folder / "actionlint").is_file():
            return str(folder / "actionlint")
    found = shutil.which("actionlint")
    assert found, "actionlint is missing: requirements-dev.txt installs it (run ./run test)"
    return found


def condition_holds(condition, event):
    """Evaluate a workflow `if:` made of ==, !=, &&, ||, ! and parentheses over `event`."""
    if condition is None:
        return True
    text = str(condition).strip()
    if text.startswith("${{") and text.endswith("}}"):
        text = text[3:-2]
    words = {"&&": " and ", "||": " or ", "!": " not ", "==": "==", "!=": "!=", "(": "(", ")": ")"}
    python = []
    for token in re.findall(r"'[^']*'|[A-Za-z_][\w.-]*|==|!=|&&|\|\||!|\(|\)|\S", text):
        if token.startswith("'"):
            python.append(repr(token[1:-1]))
        elif token in words:
            python.append(words[token])
        elif token in event:
            python.append(repr(event[token]))
        else:
            raise AssertionError(f"condition {condition!r} uses {token!r}, which this test cannot evaluate")
    return eval("".join(python), {"__builtins__": {}}, {})  # only literals and operators remain


def triggers(workflow):
    # YAML 1.1 reads the key `on` as the boolean True.
    return workflow.get("on", workflow.get(True))


def job_runs(workflow, name, event):
    job = workflow["jobs"][name]
    return condition_holds(job.get("if"), event) and all(job_runs(workflow, n, event) for n in needs(job))


def needs(job):
    value = job.get("needs", [])
    return [value] if isinstance(value, str) else value


def steps_run(workflow, job, event):
    """What each step that runs does: its `uses:` action (without the ref) or its `run:` command."""
    if not job_runs(workflow, job, event):
        return []
    return [
        step["uses"].split("@")[0] if "uses" in step else step["run"].strip()
        for step in workflow["jobs"][job]["steps"]
        if condition_holds(step.get("if"), event)
    ]


def uses_lines(path):
    """(action@ref, comment) for every `uses:` line of a workflow file."""
    return re.findall(
        r"^\s*(?:-\s*)?uses:\s*(\S+)[ \t]*(?:#[ \t]*(.*?))?\s*$", path.read_text(encoding="utf-8"), flags=re.MULTILINE
    )


def test_there_is_a_pages_workflow():
    assert PAGES in WORKFLOWS


@pytest.mark.parametrize("path", WORKFLOWS, ids=lambda p: p.name)
def test_actionlint_finds_nothing(path):
    result = subprocess.run(
        [actionlint(), "-no-color", str(path.relative_to(REPO))], cwd=REPO, capture_output=True, text=True, timeout=120
    )
    assert (result.returncode, result.stdout, result.stderr) == (0, "", "")


def test_runs_on_pull_requests_pushes_to_main_by_hand_and_weekly():
    on = triggers(load(PAGES))
    assert set(on) == {"pull_request", "push", "workflow_dispatch", "schedule"}
    assert on["push"] == {"branches": ["main"]}
    (cron,) = on["schedule"]
    _minute, _hour, day, month, weekday = cron["cron"].split()
    assert (day, month) == ("*", "*") and weekday.isdigit(), "once a week, so dates on the sites stay current"


def test_the_sites_are_published_at_the_address_pages_reports_never_a_placeholder():
    steps = load(PAGES)["jobs"]["build"]["steps"]
    pages = next(i for i, s in enumerate(steps) if s.get("uses", "").startswith("actions/configure-pages@"))
    build = next(i for i, s in enumerate(steps) if s.get("run", "").startswith("./run publish"))
    assert pages < build and steps[pages]["id"] == "pages"
    assert steps[build]["run"] == PUBLISH
    assert steps[build]["env"] == {"PAGES_URL": "${{ steps.pages.outputs.base_url }}"}
    text = PAGES.read_text(encoding="utf-8")
    assert "--allow-placeholders" not in text and "--preview" not in text


def test_a_pull_request_builds_and_tests_only():
    workflow = load(PAGES)
    ran = steps_run(workflow, "build", PULL_REQUEST)
    assert "./run test" in ran and PUBLISH in ran
    assert "./run audit" not in ran
    assert "actions/upload-pages-artifact" not in ran


@pytest.mark.parametrize("event", [PULL_REQUEST, MANUAL_ON_BRANCH], ids=["pull request", "manual run on a branch"])
def test_only_main_is_deployed(event):
    assert not job_runs(load(PAGES), "deploy", event)


@pytest.mark.parametrize("event", [PUSH_TO_MAIN, MANUAL_ON_MAIN, WEEKLY], ids=["push to main", "manual run on main",
                                                                         "weekly"])  # fmt: skip
def test_main_is_tested_built_checked_uploaded_then_deployed(event):
    workflow = load(PAGES)
    ran = steps_run(workflow, "build", event)
    order = ["./run test", PUBLISH, "./run audit", "actions/upload-pages-artifact"]
    assert [step for step in ran if step in order] == order
    assert ran.index("npm ci") < ran.index("./run audit")
    assert steps_run(workflow, "deploy", event) == ["actions/deploy-pages"]


def test_the_deployed_artifact_is_the_output_folder():
    steps = load(PAGES)["jobs"]["build"]["steps"]
    upload = next(s for s in steps if s.get("uses", "").startswith("actions/upload-pages-artifact@"))
    assert upload["with"]["path"] == "output"


def test_deploy_needs_build():
    assert needs(load(PAGES)["jobs"]["deploy"]) == ["build"]


def test_only_the_deploy_job_may_write():
    workflow = load(PAGES)
    assert workflow["permissions"] == {"contents": "read"}
    assert workflow["jobs"]["deploy"]["permissions"] == {"pages": "write", "id-token": "write"}
    # The build job only reads: the code, and the Pages site's address (actions/configure-pages).
    assert workflow["jobs"]["build"]["permissions"] == {"contents": "read", "pages": "read"}
    for name, job in workflow["jobs"].items():
        if name not in ("deploy", "build"):
            assert "permissions" not in job, f"{name} must keep the read-only default"


def test_deployments_queue_in_the_pages_group_and_are_never_cancelled():
    deploy = load(PAGES)["jobs"]["deploy"]
    assert deploy["concurrency"] == {"group": "pages", "cancel-in-progress": False}
    assert deploy["environment"] == {"name": "github-pages", "url": "${{ steps.deployment.outputs.page_url }}"}


def test_dependency_caches_follow_the_pinned_requirements():
    steps = {s["uses"].split("@")[0]: s.get("with", {}) for s in load(PAGES)["jobs"]["build"]["steps"] if "uses" in s}
    assert steps["actions/setup-python"]["cache"] == "pip"
    assert steps["actions/setup-python"]["cache-dependency-path"] == "requirements*.txt"
    if (REPO / "package-lock.json").exists():
        assert steps["actions/setup-node"]["cache"] == "npm"


@pytest.mark.parametrize("path", WORKFLOWS, ids=lambda p: p.name)
def test_every_action_is_pinned_to_a_commit_or_an_exact_release(path):
    lines = uses_lines(path)
    assert len(lines) == len(re.findall(r"\buses:", path.read_text(encoding="utf-8")))
    for action, comment in lines:
        if action.startswith("./"):
            continue  # an action in this repository is pinned by the commit itself
        _, _, ref = action.partition("@")
        if re.fullmatch(r"[0-9a-f]{40}", ref):
            assert re.fullmatch(r"v\d+\.\d+\.\d+", comment or ""), f"{action}: name its release, e.g. # v1.2.3"
        else:
            assert re.fullmatch(r"v\d+\.\d+\.\d+", ref), f"{action}: pin a full commit SHA or an exact vX.Y.Z"
