"""Tasks for building, checking, previewing and testing the clinic sites (run `invoke --list`).

Each task is a thin call to its command in ``clinicsites/commands/`` (one module per command), which returns
the exit code.
"""

import functools

import invoke
from invoke import Exit

from clinicsites import commands

# No automatic one-letter flags: -c would mean --clinic in one task and --clinics in another.
task = functools.partial(invoke.task, auto_shortflags=False)
CLINICS = "clinics.yaml"
OUTPUT = "output"
HOST, PORT = "127.0.0.1", 8000


def _exit(code: int) -> None:
    if code:
        raise Exit(code=code)


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
    _exit(commands.build.main(clinics, output, clinic=clinic, jobs=int(jobs), full=full, debug=debug, verbose=verbose))


@task(help={"clinics": "clinics file to check", "debug": "show tracebacks"})
def check(c, clinics=CLINICS, debug=False):
    """Validate clinics.yaml and all content without building anything."""
    _exit(commands.check.main(clinics, debug))


@task(help={"clinics": "clinics file to check", "evaluate": "measure the rules on the labelled sentences in corpus/"})
def claims(c, clinics=CLINICS, evaluate=False):
    """Report every health claim in the content, theme and clinics.yaml, with counts per rule (or measure them)."""
    _exit(commands.claims.main(clinics, evaluate))


@task(help={"clinics": "clinics file", "output": "folder for the files (default listings/, kept out of git)",
            "debug": "show tracebacks"})  # fmt: skip
def listings(c, clinics=CLINICS, output="listings", debug=False):
    """Write the Google Business Profile bulk-upload file from clinics.yaml (confirmed facts only)."""
    _exit(commands.listings.main(clinics, output, debug))


@task(help={"output": "the built folder to remove"})
def clean(c, output=OUTPUT):
    """Remove the built output folder."""
    _exit(commands.clean.main(output))


@task(
    help={
        "publish_conf": "settings file for production",
        "clinics": "clinics file",
        "output": "folder",
        "base_url": "publish at this https:// address instead of brand.base_url",
        "pages_url": "the address GitHub Pages reports (actions/configure-pages): used while brand.base_url is a "
        "placeholder",
        "allow_sample_facts": "publish although some clinics have facts marked sample (hidden; those clinics stay "
        "out of search engines)",
        "preview": "publish a preview kept out of search engines (every page noindex, robots.txt disallows all, no "
        "sitemap): the only way to publish under a placeholder address",
        "allow_placeholders": "old name of --allow-sample-facts (a placeholder address now needs --preview)",
        "debug": "show tracebacks",
    }
)
def publish(c, clinics=CLINICS, output=OUTPUT, publish_conf="publishconf.py", base_url=None, pages_url=None,
            allow_sample_facts=False, preview=False, allow_placeholders=False, debug=False):  # fmt: skip
    """Build every site with publishconf.py for GitHub Pages; refused while clinics.yaml has placeholders."""
    _exit(commands.publish.main(clinics, output, publish_conf, base_url, pages_url, allow_sample_facts, preview,
                                allow_placeholders, debug))  # fmt: skip


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
    _exit(commands.serve.main(clinics, output, port, host))


@task(help={"port": "port to serve on", "output": "folder to build into and serve", "clinics": "clinics file"})
def livereload(c, port=PORT, output=OUTPUT, clinics=CLINICS):
    """The same as serve: preview, rebuilding on every change and reloading the open page."""
    _exit(commands.serve.main(clinics, output, port, HOST))


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
        "clinics": "clinics file to add to",
        "debug": "show tracebacks",
    }
)
def new_clinic(c, slug=None, name=None, locality=None, country=None, phone=None, whatsapp=False, street=None,
               region=None, postal_code=None, language=None, timezone=None, clinics=CLINICS, debug=False):  # fmt: skip
    """Add a clinic to clinics.yaml (comments kept) and create content/clinics/<slug>/."""
    facts = {
        "slug": slug,
        "name": name,
        "locality": locality,
        "country": country,
        "phone": phone,
        "whatsapp": whatsapp,
        "street": street,
        "region": region,
        "postal_code": postal_code,
        "language": language,
        "timezone": timezone,
    }
    _exit(commands.new_clinic.main(clinics, debug, **facts))


@task(help={"args": "pytest arguments, quoted (instead of the whole suite in its two parts)"})
def test(c, args=""):
    """Install the pinned checkers if they are missing or stale, then run the test suite."""
    _exit(commands.test.main(args))


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
    _exit(commands.bench.main(int(clinics), json, preview_only, against))


@task(help={"ref": "commit whose output the printed diff compares with (default HEAD)"})
def golden(c, ref="HEAD"):
    """Record the output snapshots the tests compare against (after a deliberate change), showing what changed."""
    _exit(commands.golden.main(ref))


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
    _exit(commands.screenshots.main(clinics, folder, output, full, only))


@task(help={"add": "also start a catalogue for this language, e.g. ur"})
def translations(c, add=None):
    """Gather the theme's words into its gettext catalogues (then translate each new msgstr)."""
    _exit(commands.translations.main(add))


@task
def fonts(c):
    """Remake the Urdu pages' font files and fallback faces from Debian's fonts-noto-core."""
    _exit(commands.fonts.main())


@task
def icons(c):
    """Regenerate the theme's icon macros from the pinned lucide-static package (after npm ci)."""
    _exit(commands.icons.main())


@task
def schema(c):
    """Regenerate clinics.schema.json from the validator's field definitions."""
    _exit(commands.schema.main())


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
    _exit(commands.audit.main(clinics, output, port, lighthouse, debug))
