"""Putting a build on disk, all or nothing.

``build`` opens a ``Transaction`` on the output folder and asks it for each site's ``Target``; a worker
opens the target (``Target.open``) and puts every file of the site into the ``SiteFiles`` it gets back,
which writes only the files whose bytes changed and returns a ``Written`` saying what it did (a
``Mode``, the changes, and the record the next build compares against). ``build`` hands each
``Written`` to the transaction, then commits. Nothing else in the engine sees staging folders,
pending file names or records.
"""

from .files import Changes, Mode, SiteFiles, Target, Written, stop_io_pool
from .records import Record
from .transaction import COMPLETED, MARKER, Transaction, check_replaceable

__all__ = [
    "COMPLETED",
    "MARKER",
    "Changes",
    "Mode",
    "Record",
    "SiteFiles",
    "Target",
    "Transaction",
    "Written",
    "check_replaceable",
    "stop_io_pool",
]
