"""The commands, one module each (``./run <name>`` and ``invoke <name>`` call ``commands.<name>.main``), and
the runner they share: friendly errors on stderr and the right exit code.

Exit codes: 0 success, 1 build failure (or an engine bug), 2 bad input or usage.
"""

from __future__ import annotations

import logging
import sys
import traceback
from collections.abc import Callable

from ..errors import ClinicSitesError
from ..output import COMPLETED

EXIT_OK, EXIT_FAILED, EXIT_BAD_INPUT = 0, 1, 2


def setup_logging(verbose: bool = False) -> None:
    """Plain one-line log messages on stderr; Pelican's per-file INFO lines only when verbose."""
    logging.basicConfig(
        level=logging.INFO if verbose else logging.WARNING,
        format="%(levelname)s: %(message)s",
        stream=sys.stderr,
        force=True,
    )


def run(action: Callable[[], object], debug: bool = False, verbose: bool = False) -> int:
    """Call ``action``; report problems one per line as path:line: where: message; return the exit code."""
    setup_logging(verbose or debug)
    try:
        action()
    except ClinicSitesError as exc:
        for problem in exc.problems:
            print(problem, file=sys.stderr)
        count = len(exc.problems)
        print(f"{count} problem{'s' if count != 1 else ''} found; nothing was written.", file=sys.stderr)
        return exc.exit_code
    except KeyboardInterrupt as exc:
        if exc.args == (COMPLETED,):  # the signal came while the commit finished: the new output is in place
            print("interrupted after the new build was written in full; the output folder holds it.", file=sys.stderr)
        else:
            print("interrupted; nothing was written.", file=sys.stderr)
        return EXIT_FAILED
    except Exception as exc:  # an engine bug, not the user's input: keep it short unless asked
        if debug:
            traceback.print_exc()
        else:
            print(f"error: {type(exc).__name__}: {exc}", file=sys.stderr)
            print("The build failed and nothing was written. Run again with --debug for the details.", file=sys.stderr)
        return EXIT_FAILED
    return EXIT_OK


def usage(message: str) -> int:
    """A usage mistake (a missing option, a port in use): say it on stderr and return the bad-input code."""
    print(message, file=sys.stderr)
    return EXIT_BAD_INPUT


# Every command, so ``commands.build.main`` and the rest are at hand (they import run() and usage() from here).
from . import (  # noqa: E402
    audit,
    bench,
    build,
    check,
    claims,
    clean,
    fonts,
    golden,
    icons,
    listings,
    new_clinic,
    publish,
    schema,
    screenshots,
    serve,
    test,
    translations,
)

__all__ = [
    "EXIT_BAD_INPUT",
    "EXIT_FAILED",
    "EXIT_OK",
    "audit",
    "bench",
    "build",
    "check",
    "claims",
    "clean",
    "fonts",
    "golden",
    "icons",
    "listings",
    "new_clinic",
    "publish",
    "run",
    "schema",
    "screenshots",
    "serve",
    "setup_logging",
    "test",
    "translations",
    "usage",
]  # fmt: skip
