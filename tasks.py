"""Tasks for building, checking, previewing and testing the clinic sites (run `invoke --list`)."""

import functools
import hashlib
import os
import shlex
import shutil
import sys
from pathlib import Path

import invoke
from invoke import Exit

from clinicsites import build as engine
from clinicsites import commands
from clinicsites.progress import terminal_bar

# No automatic one-letter flags: -c would mean --clinic in one task and --clinics in another.
task = functools.partial(invoke.task, auto_shortflags=False)
CLINICS = "clinics.yaml"
OUTPUT = "output"
HOST, PORT = "127.0.0.1", 8000


def _run(action, debug=False, verbose=False):
    code = commands.run(action, debug=debug, verbose=verbose)
    if code:
        raise Exit(code=code)


def _report(report, preview=True):
    print(
        f"Built {report.clinics} clinic site(s) into {report.output} in {report.seconds:.2f} s: "
        f"{report.pages} pages rendered, {report.files} files new or changed in the clinics' folders "
        "(pages whose inputs did not change are not rendered; files whose bytes did not change are not written)."
    )
    if preview:
        # Opened from disk, a folder link shows a file listing; the sites are meant to be served.
        print(
            "Preview: ./run serve, then open http://127.0.0.1:8000/ (opening output/index.html from disk shows "
            "folder listings instead of pages)."
        )


@task(
    help={
        "clinic": "build only this clinic (by slug) and refresh the directory",
        "clinics": "clinics file to use",
        "output": "folder to build into",
        "jobs": "worker processes (default: one per core)",
        "debug": "show tracebacks",
        "verbose": "log every file written",
        "full": "render every page, reusing nothing from the last build",
    }
)
def build(c, clinic=None, clinics=CLINICS, output=OUTPUT, jobs=0, debug=False, verbose=False, full=False):
    """Validate, then build every clinic's site and the directory into output/ (only what changed)."""
    _run(
        lambda: _report(
            engine.build(clinics, output, only=clinic, jobs=jobs or None, full=full, progress=terminal_bar)
        ),
        debug,
        verbose,
    )


@task(help={"clinics": "clinics file to check", "debug": "show tracebacks"})
def check(c, clinics=CLINICS, debug=False):
    """Validate clinics.yaml and all content without building anything."""

    def action():
        checked = engine.check(clinics)
        print(f"{checked.config.path}: {len(checked.config.clinics)} clinic(s) and all content are valid.")
        for line in checked.own_text:
            print(f"  {line}")

    _run(action, debug)


@task(help={"clinics": "clinics file to check"})
def claims(c, clinics=CLINICS):
    """Report every health claim in the content, theme and clinics.yaml, with counts per rule."""
    from clinicsites import claims as rules

    settings = engine.load_settings()
    hits = []
    for path in sorted(Path(settings["PATH"]).rglob("*.md")):
        hits += rules.scan(path.read_text(encoding="utf-8"), str(path.relative_to(Path.cwd())))
    hits += rules.theme_hits(Path(settings["THEME"]))
    hits += rules.scan_yaml(Path(clinics).read_text(encoding="utf-8-sig"), clinics)
    print(rules.report(hits))
    if any(not hit.allowed for hit in hits):
        raise Exit(code=2)


@task
def clean(c, output=OUTPUT):
    """Remove the built output folder."""
    from clinicsites.output import check_replaceable

    _run(lambda: (check_replaceable(Path(output)), shutil.rmtree(output, ignore_errors=True)))


@task(
    help={
        "publish_conf": "settings file for production",
        "clinics": "clinics file",
        "output": "folder",
        "base_url": "publish at this address instead of brand.base_url",
        "allow_placeholders": "publish although clinics.yaml still has placeholders (they stay hidden)",
    }
)
def publish(
    c,
    clinics=CLINICS,
    output=OUTPUT,
    publish_conf="publishconf.py",
    base_url=None,
    allow_placeholders=False,
    debug=False,
):
    """Build every site with publishconf.py for GitHub Pages; refused while clinics.yaml has placeholders."""
    _run(lambda: _report(engine.publish(clinics, output, publish_conf, base_url, allow_placeholders), preview=False),
         debug)  # fmt: skip


@task(
    help={
        "port": "port to serve on (default 8000)",
        "output": "folder to build into and serve",
        "clinics": "clinics file",
        "host": "address to listen on (default 127.0.0.1: this computer only)",
    }
)
def serve(c, port=PORT, output=OUTPUT, clinics=CLINICS, host=HOST):
    """Preview every site on http://127.0.0.1:8000/: rebuild on every change and reload the open page."""
    from clinicsites import preview

    commands.setup_logging()
    try:
        preview.run(clinics, output, int(port), host)
    except OSError as exc:
        raise Exit(
            f"serve: cannot listen on {host}:{port} ({exc.strerror}); is another preview running? Try --port 8001",
            code=2,
        ) from None


@task(help={"port": "port to serve on", "output": "folder to build into and serve", "clinics": "clinics file"})
def livereload(c, port=PORT, output=OUTPUT, clinics=CLINICS):
    """The same as serve: preview, rebuilding on every change and reloading the open page."""
    serve(c, port=port, output=output, clinics=clinics)


@task(
    help={
        "slug": "short name for the site address, e.g. lafayette",
        "name": "clinic name",
        "locality": "town or city",
        "country": "two-letter country code, e.g. US",
        "phone": "main phone number",
        "whatsapp": "the phone takes WhatsApp messages",
        "street": "street address",
        "region": "state or region",
        "postal_code": "postal code",
        "language": "site language, e.g. en-US",
        "timezone": "e.g. America/Chicago",
    }
)
def new_clinic(
    c,
    slug=None,
    name=None,
    locality=None,
    country=None,
    phone=None,
    whatsapp=False,
    street=None,
    region=None,
    postal_code=None,
    language=None,
    timezone=None,
    clinics=CLINICS,
    debug=False,
):
    """Add a clinic to clinics.yaml (comments kept) and create content/clinics/<slug>/."""
    from clinicsites.clinics import scaffold

    asked = {"slug": slug, "name": name, "locality": locality, "country": country, "phone": phone}
    missing = [key for key, value in asked.items() if not value]
    if missing and not sys.stdin.isatty():
        options = ", ".join(f"--{key}" for key in missing)
        raise Exit(
            f"new-clinic: missing {options} (all five of --slug, --name, --locality, --country and --phone are "
            "needed; ./run --help new-clinic describes each)",
            code=2,
        )
    for key in missing:
        asked[key] = input(f"{key.replace('_', ' ').capitalize()}: ").strip()
    entry = scaffold.new_entry(
        **asked,
        whatsapp=whatsapp,
        street=street,
        region=region,
        postal_code=postal_code,
        language=language,
        timezone=timezone,
    )

    def action():
        folder = scaffold.add_clinic(clinics, engine.load_settings()["PATH"], entry)
        print(f"Added {entry['slug']} to {clinics} and created {folder}/. Run `./run build --clinic {entry['slug']}`.")

    _run(action, debug)


@task(help={"args": "pytest arguments, quoted (instead of the whole suite in its two parts)"})
def test(c, args=""):
    """Install the pinned checkers if they are missing or stale, then run the test suite.

    In two parts: every test but Lighthouse's on all cores (each file's tests in one worker, so a module's
    fixtures are made once), then Lighthouse's alone (``alone``), because it times the pages it loads and must
    not share the cores with builds.
    """
    _npm_ci(c)
    pytest = f"{shlex.quote(sys.executable)} -m pytest"
    if args:
        c.run(f"{pytest} {args}", pty=False)
        return
    parts = [f'{pytest} -n auto --dist loadfile -m "not alone"', f"{pytest} -m alone"]
    failed = [part for part in parts if c.run(part, pty=False, warn=True).failed]  # both run, whatever the first did
    if failed:
        raise Exit(f"tests failed in: {', '.join(failed)}", code=1)


def _npm_ci(c) -> None:
    """``npm ci`` once per package-lock.json (vnu.jar, axe-core, Lighthouse): without them the quality gates
    are skipped on a developer's machine, so a fresh clone's ``./run test`` would check less than CI does."""
    lock = Path("package-lock.json")
    if not lock.is_file() or not shutil.which("npm"):
        return  # the gates say what is missing
    stamp = Path("node_modules") / f".installed-{hashlib.sha256(lock.read_bytes()).hexdigest()[:16]}"
    if stamp.is_file():
        return
    c.run("npm ci --no-audit --no-fund --loglevel=error", pty=False)
    stamp.touch()


@task(
    help={
        "clinics": "number of synthetic clinics",
        "json": "also write the figures to this JSON file",
        "preview_only": "only the preview's rebuild after a post edit (minutes at 1,000 clinics, not half an hour)",
        "against": "also build the same clinics with a peer, side by side, and print the ratios: hugo (installs "
        "the pinned hugo package first if it is missing)",
    }
)
def bench(c, clinics=100, json=None, preview_only=False, against=None):
    """Build N synthetic clinics with the real theme and content; print the figures."""
    from clinicsites import bench as benchmark

    if against is not None:
        if against != "hugo":
            print(f'--against: expected hugo, got "{against}"', file=sys.stderr)
            sys.exit(2)
        from clinicsites.peer import compare

        _run(lambda: compare.run(int(clinics)))
    elif preview_only:
        _run(lambda: benchmark.preview_only(int(clinics)))
    else:
        _run(lambda: benchmark.run(int(clinics), json))


@task
def golden(c):
    """Record the output snapshots the tests compare against (after a deliberate change to the output)."""
    sys.path.insert(0, "tests")
    import snapshot

    for name in snapshot.SNAPSHOTS:
        print(f"Wrote {snapshot.record(name).relative_to(Path.cwd())}")


@task(
    help={
        "output": "folder to build into and photograph (default: a temporary one)",
        "folder": "where the pictures go",
        "full": "whole pages, not only what fits on the screen",
        "clinics": "clinics file to build",
        "only": "only pages whose label contains one of these, comma-separated, e.g. rawalpindi/home,guide",
    }
)
def screenshots(c, output=None, folder="screenshots", full=False, clinics=CLINICS, only=""):
    """Picture each page type of each clinic at 375, 768 and 1280 px in Debian's Chromium."""
    import tempfile

    from clinicsites.checks import screenshots as shots

    with tempfile.TemporaryDirectory(prefix="screenshots-") as tmp:
        if not output:
            output = os.path.join(tmp, "output")
            _run(lambda: _report(engine.build(clinics, output), preview=False))
        wanted = [part.strip() for part in only.split(",")]
        files = shots.take(output, folder, full_page=full, only=lambda page: any(w in page.label for w in wanted))
    print(f"Wrote {len(files)} pictures into {folder}/")


@task(help={"add": "also start a catalogue for this language, e.g. ur"})
def translations(c, add=None):
    """Gather the theme's words into its gettext catalogues (then translate each new msgstr)."""
    from clinicsites.render import catalogue

    theme = Path(engine.load_settings()["THEME"])
    folder = theme / "translations"
    languages = sorted({p.name for p in folder.iterdir() if (p / "LC_MESSAGES").is_dir()} if folder.is_dir() else set())
    for path in catalogue.update(theme, sorted(set(languages) | ({add} if add else set()))):
        print(f"Wrote {path}")


@task
def fonts(c):
    """Remake the Urdu pages' font files from Debian's fonts-noto-core (apt install fonts-noto-core)."""
    from clinicsites.fonts import make

    used = "".join(
        {ch for p in Path("content").rglob("*.ur.md") for ch in p.read_text(encoding="utf-8") if ch > "\u0600"}
    )
    for path in make(Path("themes/clinic/static/fonts/ur"), used):
        print(f"Wrote {path} ({path.stat().st_size:,} bytes)")


@task
def icons(c):
    """Regenerate the theme's icon macros from the pinned lucide-static package (after npm ci)."""
    from clinicsites.icons import macro

    target = Path("themes/clinic/templates/partials/icons.html")
    target.write_text(macro(Path("node_modules/lucide-static/icons")), encoding="utf-8")
    shutil.copy("node_modules/lucide-static/LICENSE", "themes/clinic/ICONS-LICENSE.txt")
    print(f"Wrote {target}")


@task
def schema(c):
    """Regenerate clinics.schema.json from the validator's field definitions."""
    from clinicsites.clinics.schema import SCHEMA_FILE, schema_text

    with open(SCHEMA_FILE, "w", encoding="utf-8") as f:
        f.write(schema_text())
    print(f"Wrote {SCHEMA_FILE}")


@task(
    help={
        "output": "audit this built folder instead of building clinics.yaml into a temporary one",
        "port": "serve --output on this port: the one its absolute links point at (default: PREVIEW_URL's)",
        "clinics": "clinics file to build",
        "lighthouse": "also run Lighthouse on every sampled page (slow)",
        "debug": "show tracebacks",
    }
)
def audit(c, output=None, port=None, clinics=CLINICS, lighthouse=False, debug=False):
    """Run the quality gates (vnu, links, axe, reflow, budgets, Lighthouse) and print the figures."""
    import tempfile
    from urllib.parse import urlsplit

    from clinicsites import serve as server
    from clinicsites.checks import audit as gates

    with tempfile.TemporaryDirectory(prefix="audit-") as tmp:
        if not output:
            # Built for the port it is served on, so its absolute links (404 pages, feeds) lead somewhere.
            port = server.free_port()
            output = os.path.join(tmp, "output")
            preview = {"PREVIEW_URL": f"http://{server.HOST}:{port}/"}
            _run(lambda: _report(engine.build(clinics, output, override=preview)), debug)
        elif not os.path.isfile(os.path.join(output, "index.html")):
            raise Exit(f"audit: {output}/index.html not found; build first or leave out --output", code=2)
        elif port is None:
            port = urlsplit(engine.load_settings().get("PREVIEW_URL") or "").port or 0
        try:
            report = gates.run(
                output, lighthouse=lighthouse, port=int(port), progress=lambda step: print(step, flush=True)
            )
        except OSError as exc:
            raise Exit(
                f"audit: cannot serve on port {port} ({exc.strerror}); stop `invoke serve` or pass --port", code=2
            ) from None
    print(gates.table(report))
    if not report.ok:
        raise Exit(code=1)
