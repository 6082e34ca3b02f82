"""``./run build``: validate, then build every clinic's site and the directory (only what changed)."""

from __future__ import annotations

from .. import build as engine
from ..progress import terminal_bar
from . import run


def summary(report, preview: bool = True, own_text: str | None = None) -> str:
    """The lines a finished build prints (with ``own_text``, the line on each clinic's own share of its text)."""
    text = (
        f"Built {report.clinics} clinic site(s) into {report.output} in {report.seconds:.2f} s: "
        f"{report.pages} pages rendered, {report.files} files new or changed in the clinics' folders, "
        f"{len(report.indexed)} search index(es) made (pages whose inputs did not change are not rendered; files "
        "whose bytes did not change are not written; an index whose text did not change is not made)."
    )
    if own_text:
        text += "\n" + own_text
    if preview:
        # Opened from disk, a folder link shows a file listing; the sites are meant to be served.
        text += (
            "\nPreview: ./run serve, then open http://127.0.0.1:8000/ (opening output/index.html from disk shows "
            "folder listings instead of pages)."
        )
    return text


def main(clinics: str, output: str, clinic: str | None = None, jobs: int = 0, full: bool = False,
         debug: bool = False, verbose: bool = False) -> int:  # fmt: skip
    """Build into ``output``; return the exit code."""

    def action():
        report = engine.build(clinics, output, only=clinic, jobs=jobs or None, full=full, progress=terminal_bar)
        print(summary(report, own_text=engine.own_text_summary(clinics, output)))

    return run(action, debug, verbose)
