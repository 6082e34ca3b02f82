"""Every use of Pagefind: one indexing service per process, fed pages from memory, returning each index's bundle.

Pagefind's Python package (``pagefind.index.PagefindIndex``) runs the indexer as a service and talks to it
over a pipe; many indexes can be made one after another in one service. A process starts its service the
first time it builds an index (a forked worker starts its own: a service's pipes are not shared between
processes) and keeps it for every later site; ``close`` stops it, and a service whose process has gone sees
its pipe close and stops itself. The bytes of an index depend only on the pages given, in order.
"""

from __future__ import annotations

import asyncio
import base64
import concurrent.futures
import json
import multiprocessing.util
import os
from importlib.metadata import version

from pagefind.index import PagefindIndex
from pagefind.service import PagefindService

from ..errors import BuildError, Problem

#: Pagefind's ready-made interfaces and highlighter: the search page has its own few lines of script instead.
UNUSED = ("pagefind-ui.", "pagefind-component-ui.", "pagefind-modular-ui.", "pagefind-highlight.")
#: What the bundle's bytes depend on besides the pages.
VERSION = version("pagefind_bin")
#: The largest message read from the service: a bundle with its scripts and language modules (1 MB or more).
_LIMIT = 2**27

_state: tuple[int, asyncio.AbstractEventLoop, PagefindService] | None = None


class _Service(PagefindService):
    """Pagefind's service with its reply loop reading each reply as it comes (the package's own loop sleeps before
    reading each one, which would make indexing many times slower: BENCHMARKS.md), and room for a reply as
    large as a bundle can be."""

    async def launch(self) -> _Service:
        # A session of its own: Ctrl+C in the terminal reaches the build, which decides what stops, not the
        # service, which ends when its process closes it or exits.
        self._backend = await asyncio.create_subprocess_exec(
            self._bin, "--service", stdin=asyncio.subprocess.PIPE, stdout=asyncio.subprocess.PIPE, limit=_LIMIT,
            start_new_session=True,
        )  # fmt: skip
        self._poll_task = self._loop.create_task(self._wait_for_responses())
        return self

    async def _wait_for_responses(self) -> None:
        try:
            while True:
                message = await self._backend.stdout.readuntil(b",")
                reply = json.loads(base64.b64decode(message[:-1]))
                future = self._responses.pop(reply.get("message_id"), None) if reply else None
                if future is None:
                    continue
                payload = reply["payload"]
                if payload.get("type") == "Error":
                    future.set_exception(RuntimeError(payload.get("message") or "indexing failed"))
                else:
                    future.set_result(payload)
        except (asyncio.IncompleteReadError, asyncio.LimitOverrunError, ValueError) as exc:
            # The service stopped or sent something unreadable: whoever waits for a reply is told, not left waiting.
            for future in self._responses.values():
                if not future.done():
                    future.set_exception(RuntimeError(f"the Pagefind service stopped ({type(exc).__name__})"))
            self._responses.clear()


def bundle(pages: list[tuple[str, str]]) -> dict[str, bytes]:
    """The search bundle (file name in the bundle -> bytes) of ``pages``: (address, HTML) in the order given."""
    loop, service = _service()
    try:
        return _run(loop, _bundle(service, pages))
    except (RuntimeError, OSError, asyncio.IncompleteReadError, asyncio.LimitOverrunError) as exc:
        close()  # a service that failed once is not trusted with the next site
        raise BuildError([Problem("search", None, "pagefind", str(exc) or type(exc).__name__)]) from exc


async def _bundle(service: PagefindService, pages: list[tuple[str, str]]) -> dict[str, bytes]:
    index: PagefindIndex = await service.create_index(None)
    try:
        for address, html in pages:
            await index.add_html_file(content=html, url=address)
        files = await index.get_files()
    finally:
        await index.delete_index()
    found = {f["path"]: f["content"] for f in files if not f["path"].startswith(UNUSED)}
    # Pagefind lists a site's languages in no fixed order; the same pages must give the same bytes.
    entry = json.loads(found["pagefind-entry.json"])
    entry["languages"] = dict(sorted(entry["languages"].items()))
    # A language module is loaded only for a language of the index (wasm.unknown for one Pagefind has none for).
    used = {f"wasm.{meta['wasm'] or 'unknown'}.pagefind" for meta in entry["languages"].values()}
    found = {name: data for name, data in found.items() if not name.startswith("wasm.") or name in used}
    found["pagefind-entry.json"] = json.dumps(entry, ensure_ascii=False, separators=(",", ":")).encode()
    return dict(sorted(found.items()))


def _run(loop: asyncio.AbstractEventLoop, step):
    """Run ``step`` on this process's loop; on a thread of its own when the caller's thread already runs a loop of
    its own (a test driving a browser, say), which asyncio does not allow a second one beside."""
    try:
        asyncio.get_running_loop()
    except RuntimeError:
        return loop.run_until_complete(step)
    with concurrent.futures.ThreadPoolExecutor(1, thread_name_prefix="clinicsites-pagefind") as pool:
        return pool.submit(loop.run_until_complete, step).result()


def _service() -> tuple[asyncio.AbstractEventLoop, PagefindService]:
    """This process's event loop and service, started on first use (a forked worker starts its own)."""
    global _state
    if _state is None or _state[0] != os.getpid():
        loop = asyncio.new_event_loop()

        async def launch() -> PagefindService:
            return await _Service().launch()  # made inside the loop, which it keeps

        _state = (os.getpid(), loop, _run(loop, launch()))
        # A worker process stops its service as it exits (multiprocessing runs these finalizers, then exits).
        multiprocessing.util.Finalize(None, close, exitpriority=10)
    return _state[1], _state[2]


def close() -> None:
    """Stop this process's service, if it started one (before forking workers, and at the end of a build)."""
    global _state
    if _state is not None and _state[0] == os.getpid():
        loop, service = _state[1], _state[2]
        try:
            _run(loop, service.close())
        except (OSError, RuntimeError, ProcessLookupError):
            pass  # already gone
        finally:
            loop.close()
    _state = None
