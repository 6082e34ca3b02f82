"""``./run claims``: every health claim in the content, theme and clinics.yaml, with counts per rule; with
``--evaluate``, the rules' recall and false positives on the labelled sentences in corpus/."""

from __future__ import annotations

from pathlib import Path

from .. import claims as rules
from ..claims import evaluate as measure
from ..settings import load_settings
from . import EXIT_BAD_INPUT, EXIT_FAILED, EXIT_OK, run

CORPUS = Path("corpus")


def main(clinics: str, evaluate: bool = False) -> int:
    """Print the report (exit 2 while any claim is refused), or the evaluation (exit 1 below the thresholds)."""
    failed = []

    def action():
        if evaluate:
            text, passed = measure.run(CORPUS)
            failed.append(not passed)
        else:
            text, refused = rules.everywhere(load_settings(), Path(clinics))
            failed.append(refused)
        print(text)

    code = run(action)
    if code or not failed[0]:
        return code or EXIT_OK
    return EXIT_FAILED if evaluate else EXIT_BAD_INPUT
