"""``./run serve``: build, serve on 127.0.0.1, watch the sources, rebuild, and reload the open page.

Pages are served with a few lines of script added on the way out (never written to the output) that listen
to the server's events: after a rebuild that worked the page reloads itself; after one that failed it shows
the problems in a banner, which goes away when the file is fixed, and the last good site stays on show. The
process keeps the parsed content between rebuilds, and an edit inside one clinic's folder rebuilds only that
clinic (and the directory).
"""

from __future__ import annotations

import functools
import http.server
import json
import threading
from collections.abc import Callable
from pathlib import Path

from .serve import HOST, QuietHandler

EVENTS = "/_preview/events"
#: Added before </body> of every page the preview serves: reload on "reload", a banner on "problems".
SCRIPT = b"""<script>(function(){var s=new EventSource("/_preview/events"),b;
s.addEventListener("reload",function(){location.reload()});
s.addEventListener("problems",function(e){if(!b){b=document.createElement("div");b.id="preview-problems";
b.setAttribute("role","alert");b.style.cssText="position:fixed;inset:0 0 auto 0;z-index:99;background:#a4262c;"+
"color:#fff;font:15px/1.4 monospace;padding:12px 16px;white-space:pre-wrap;max-height:50vh;overflow:auto";
document.body.prepend(b)}
b.textContent="The last edit did not build; the page shows the last good build.\\n\\n"+JSON.parse(e.data)});
s.addEventListener("ok",function(){if(b){b.remove();b=null}})})()</script>"""


class Events:
    """What the preview tells open pages: a numbered, latest-only message ("reload", "problems", "ok")."""

    def __init__(self):
        self._changed = threading.Condition()
        self._number, self._kind, self._data = 0, "ok", ""
        self.stopping = False

    def send(self, kind: str, data: str = "") -> None:
        with self._changed:
            self._number += 1
            self._kind, self._data = kind, data
            self._changed.notify_all()

    def wait(self, after: int, timeout: float) -> tuple[int, str, str]:
        with self._changed:
            self._changed.wait_for(lambda: self._number > after or self.stopping, timeout)
            return self._number, self._kind, self._data

    def stop(self) -> None:
        with self._changed:
            self.stopping = True
            self._changed.notify_all()


class PreviewHandler(QuietHandler):
    """Static files as GitHub Pages serves them, pages with the reload script, and the event stream."""

    events: Events

    def do_GET(self):
        if self.path.split("?")[0] == EVENTS:
            return self._stream()
        path = Path(self.translate_path(self.path))
        if path.is_dir() and self.path.split("?")[0].endswith("/"):
            path = path / "index.html"
        if path.suffix == ".html" and path.is_file():
            body = path.read_bytes().replace(b"</body>", SCRIPT + b"</body>", 1)
            self.send_response(200)
            self.send_header("Content-Type", "text/html; charset=utf-8")
            self.send_header("Content-Length", str(len(body)))
            self.send_header("Cache-Control", "no-store")
            self.end_headers()
            self.wfile.write(body)
            return None
        return super().do_GET()

    def _stream(self) -> None:
        self.send_response(200)
        self.send_header("Content-Type", "text/event-stream")
        self.send_header("Cache-Control", "no-store")
        self.end_headers()
        seen, kind, data = self.events.wait(-1, 0)
        if kind == "problems":  # a page opened while the last edit is broken shows the problems at once
            self._send(kind, data)
        try:
            while not self.events.stopping:
                number, kind, data = self.events.wait(seen, 15)
                if number == seen:
                    self.wfile.write(b": still here\n\n")  # keeps proxies and browsers from timing out
                else:
                    seen = number
                    self._send(kind, data)
                self.wfile.flush()
        except (BrokenPipeError, ConnectionResetError):
            pass

    def _send(self, kind: str, data: str) -> None:
        self.wfile.write(f"event: {kind}\ndata: {json.dumps(data)}\n\n".encode())
        self.wfile.flush()


def start_server(output: Path, port: int, events: Events, host: str = HOST) -> http.server.ThreadingHTTPServer:
    """Serve ``output`` with the reload script from a background thread; return the server."""
    handler = type("Handler", (PreviewHandler,), {"events": events})
    server = http.server.ThreadingHTTPServer((host, port), functools.partial(handler, directory=str(output)))
    server.daemon_threads = True
    threading.Thread(target=server.serve_forever, name="clinicsites-preview", daemon=True).start()
    return server


def affected(changes: set[str], content: Path) -> str | None:
    """The one clinic an edit touches (its own folder under content/clinics/), or None to rebuild everything."""
    slugs = set()
    for path in changes:
        try:
            parts = Path(path).resolve().relative_to(content.resolve()).parts
        except ValueError:
            return None  # the theme, clinics.yaml or settings: every site may change
        if len(parts) < 2 or parts[0] != "clinics":
            return None
        slugs.add(parts[1])
    return slugs.pop() if len(slugs) == 1 else None


def watch(paths: list[str], rebuild: Callable[[str | None], None], stop: threading.Event,
          content: Path) -> None:  # fmt: skip
    """Rebuild after each batch of changes to ``paths`` until ``stop`` is set."""
    from watchfiles import watch as watch_files

    for changes in watch_files(*paths, stop_event=stop, debounce=150, step=50, rust_timeout=500):
        names = {name for _, name in changes if not Path(name).name.startswith(".")}
        if names:
            rebuild(affected(names, content))


def run(clinics_file: str, output: str, port: int, host: str = HOST, settings_file: str = "pelicanconf.py") -> None:
    """Build, serve and rebuild on every change until Ctrl+C; problems go to the terminal and the open pages."""
    from . import build as engine
    from .errors import ClinicSitesError

    settings = engine.load_settings(settings_file)
    events = Events()

    def rebuild(only: str | None, first: bool = False) -> None:
        try:
            report = engine.build(clinics_file, output, settings_file, only=only, search=first)
        except ClinicSitesError as exc:
            text = "\n".join(str(p) for p in exc.problems)
            print(f"{text}\n{len(exc.problems)} problem(s); still showing the last good build.", flush=True)
            events.send("problems", text)
            return
        except Exception as exc:  # an engine bug: say so, keep serving the last good build
            print(f"error: {type(exc).__name__}: {exc}", flush=True)
            events.send("problems", f"{type(exc).__name__}: {exc}")
            return
        what = f"clinic {only}" if only else f"{report.clinics} clinic site(s)"
        print(f"Rebuilt {what} in {report.seconds:.2f} s: {report.pages} pages rendered, {report.files} files "
              "changed; reloading open pages.", flush=True)  # fmt: skip
        events.send("reload")

    rebuild(None, first=True)
    server = start_server(Path(output).resolve(), port, events, host)
    watched = engine.inputs(clinics_file, settings, settings_file)
    print(f"Previewing on http://{host}:{server.server_address[1]}/ (watching {', '.join(map(str, watched))}; "
          "Ctrl+C stops). Search results come from the first build.", flush=True)  # fmt: skip
    stop = threading.Event()
    try:
        watch([str(p) for p in watched], rebuild, stop, Path(settings["PATH"]))
    except KeyboardInterrupt:
        pass
    finally:
        stop.set()
        events.stop()
        server.shutdown()
        server.server_close()
        print("Stopped.", flush=True)
