"""The few exceptions the engine raises, and the problems they carry."""

from __future__ import annotations

import difflib
import re
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path


@dataclass(frozen=True, order=True)
class Problem:
    """One thing wrong with the input, located as precisely as we can."""

    path: str
    line: int | None
    where: str
    message: str

    def __str__(self) -> str:
        location = f"{self.path}:{self.line}" if self.line else self.path
        text = f"{location}: {self.where}: {self.message}" if self.where else f"{location}: {self.message}"
        return visible(text)


#: Characters that would break a problem's one line or reorder it on a terminal: line breaks, other control
#: characters, and the bidirectional overrides and isolates (a key or value quoted in a message may hold any).
_INVISIBLE = re.compile("[\x00-\x1f\x7f-\x9f\u2028\u2029\u202a-\u202e\u2066-\u2069]")


def visible(text: str) -> str:
    """``text`` on one line, with line breaks and other invisible controls written as escapes (``\\n``)."""
    return _INVISIBLE.sub(_escape, text)


def _escape(match: re.Match) -> str:
    char = match.group()
    return {"\n": "\\n", "\r": "\\r", "\t": "\\t"}.get(char) or f"\\u{ord(char):04x}"


class ClinicSitesError(Exception):
    """Base error: carries every problem found and the exit code to use."""

    exit_code = 1

    def __init__(self, problems: list[Problem] | str):
        if isinstance(problems, str):
            problems = [Problem("", None, "", problems)]
        self.problems = sorted(set(problems), key=_problem_key)
        super().__init__("\n".join(str(p) for p in self.problems))

    def __reduce__(self):
        # Keep the problems when an error crosses from a worker process.
        return (type(self), (self.problems,))


class InputError(ClinicSitesError):
    """The user's input (clinics.yaml, Markdown, front matter) is wrong: exit 2."""

    exit_code = 2


class BuildError(ClinicSitesError):
    """The input was valid but the build failed: exit 1."""

    exit_code = 1


def display_path(path) -> str:
    """Show a path relative to the working directory, as editors and terminals link it."""
    try:
        return str(Path(path).resolve().relative_to(Path.cwd().resolve()))
    except ValueError:
        return str(path)


def closest(word: str, choices) -> str | None:
    """The choice a typo most likely meant, if one is close enough."""
    match = difflib.get_close_matches(word, list(choices), n=1, cutoff=0.6)
    return match[0] if match else None


def did_you_mean(word: str, choices) -> str:
    """'; did you mean 'x'?' for a close choice, else ''."""
    close = closest(word, choices)
    return f"; did you mean '{close}'?" if close else ""


def traceback_location(exc: BaseException, wanted: Callable[[str], bool]) -> tuple[str | None, int | None]:
    """The file and line of the innermost frame of ``exc``'s traceback whose file name ``wanted`` accepts.

    Jinja rewrites tracebacks so template frames carry the template's file and line: this finds where in a
    template (or a compiled Markdown page) a render error happened.
    """
    found: tuple[str | None, int | None] = (None, None)
    tb = exc.__traceback__
    while tb is not None:
        name = tb.tb_frame.f_code.co_filename
        if wanted(name):
            found = (name, tb.tb_lineno)
        tb = tb.tb_next
    return found


def _problem_key(problem: Problem) -> tuple:
    # Report in file order: path, then line, so the list reads top to bottom.
    return (problem.path, problem.line or 0, problem.where, problem.message)
