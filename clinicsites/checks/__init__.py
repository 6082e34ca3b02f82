"""Quality gates over built output: HTML validity, links, accessibility, reflow, page weight, Lighthouse.

Each module wraps one real tool and returns plain records (never prints):
``vnu`` (W3C Nu HTML Checker), ``links`` (LinkChecker), ``axe`` (axe-core and
reflow in headless Chromium), ``budgets`` (gzip size), ``lighthouse``.
``server`` serves the output on 127.0.0.1 for the tools that need HTTP,
``pagetypes`` picks one page of each kind per clinic, ``tools`` finds the
programs and ``audit`` runs every gate for ``invoke audit``.
"""
