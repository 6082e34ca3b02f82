"""Render a theme template with stand-ins (probe.py) for every variable, through the theme's own Jinja
environment: the hooks that keep what filters, tests, functions and ``~`` make from a stand-in a stand-in.

Outside such a render the hooks step aside: ``PartsContext.call`` and the joins check one flag, and the
filters and tests are the theme's own.
"""

from __future__ import annotations

from jinja2 import Environment, TemplateError
from jinja2.ext import Extension
from jinja2.nodes import EvalContext
from jinja2.runtime import Context, Macro
from jinja2.utils import _PassArg

from . import probe
from .probe_paths import Paths


class PartsContext(Context):
    """Jinja's context, whose calls keep stand-ins stand-ins during a render with them."""

    def call(__self, __obj, *args, **kwargs):
        if not getattr(__self.environment, "parts_probing", False):
            return Context.call(__self, __obj, *args, **kwargs)
        if isinstance(__obj, probe.Probe):
            kwargs.pop("_loop_vars", None)
            kwargs.pop("_block_vars", None)
            return __obj(*args, **kwargs)
        if not (probe.has_probe(args) or probe.has_probe(kwargs)):
            return Context.call(__self, __obj, *args, **kwargs)
        if _passes_through(__obj):
            # A number given on is a decision: gettext's plural forms and "%d" need the number itself.
            args = tuple(_number(a) for a in args)
            kwargs = {k: _number(v) for k, v in kwargs.items()}
            return Context.call(__self, __obj, *args, **kwargs)
        kwargs.pop("_loop_vars", None)
        kwargs.pop("_block_vars", None)
        return probe.derive(probe.trace_of((args, kwargs)), __obj, args, kwargs)


def _number(value):
    return value._whole() if isinstance(value, probe.ScalarProbe) else value


def _passes_through(fn) -> bool:
    """Callables that are given stand-ins as they are: macros and functions written for Jinja (which print
    them or pass them on), the methods that put them into a template's own lists and dicts, extensions."""
    if isinstance(fn, Macro) or _PassArg.from_obj(fn) is not None:
        return True
    owner = getattr(fn, "__self__", None)
    return type(owner) in (list, dict, set) or isinstance(owner, Extension)


def prepare(env: Environment) -> None:
    """Make ``env`` able to render with stand-ins (once per environment)."""
    if getattr(env, "parts_probing", None) is not None:
        return
    env.parts_probing = False
    env.context_class = PartsContext
    env.parts_canon = {True: EvalContext(env), False: EvalContext(env)}
    env.parts_canon[False].autoescape = False
    env.parts_canon["context"] = PartsContext(env, {}, None, {})
    env.parts_filters = {name: _hooked(env, fn) for name, fn in env.filters.items()}
    env.parts_tests = {name: _hooked(env, fn) for name, fn in env.tests.items()}
    # A stand-in is never undefined (a missing value stays Jinja's Undefined): no decision to record.
    env.parts_tests["defined"] = _defined(env.tests["defined"], True)
    env.parts_tests["undefined"] = _defined(env.tests["undefined"], False)


def _hooked(env: Environment, fn):
    """A filter or test that, given a stand-in, derives its result (probe.derive)."""
    pass_arg = _PassArg.from_obj(fn)

    def hooked(*args, **kwargs):
        if not (probe.has_probe(args) or probe.has_probe(kwargs)):
            return fn(*args, **kwargs)
        if pass_arg is _PassArg.eval_context:
            args = (env.parts_canon[args[0].autoescape], *args[1:])
        elif pass_arg is _PassArg.context:
            args = (env.parts_canon["context"], *args[1:])
        return probe.derive(probe.trace_of((args, kwargs)), fn, args, kwargs)

    if pass_arg is not None:
        hooked.jinja_pass_arg = pass_arg
    return hooked


def _defined(test, answer: bool):
    def defined(value):
        return answer if isinstance(value, probe.Probe) else test(value)

    return defined


def hook_joins(env: Environment) -> None:
    """Jinja's ``~`` (``markup_join``, ``str_join`` in each compiled template) derives when given stand-ins.

    Compiles every template of the theme: call it again after a template may have been compiled anew."""
    for name in env.list_templates(filter_func=lambda n: n.endswith(".html")):
        try:
            space = env.get_template(name).root_render_func.__globals__
        except TemplateError:
            continue  # reported where a page uses it, by the page's own render
        for join in ("markup_join", "str_join"):
            if not getattr(space[join], "parts_hooked", False):
                space[join] = _hooked_join(env, space[join])


def _hooked_join(env: Environment, join):
    def hooked(seq):
        seq = tuple(seq)
        if env.parts_probing and probe.has_probe(seq):
            return probe.derive(probe.trace_of(seq), join, (seq,), {})
        return join(seq)

    hooked.parts_hooked = True
    return hooked


def render(template, context: dict, variables: dict, paths: Paths, padded: bool) -> tuple[str, probe.Trace]:
    """``template`` rendered with a stand-in for every variable of ``context`` (the site's) and ``variables``
    (the page's), and what the render found."""
    env = template.environment
    trace = probe.Trace(paths, padded)
    values = {k: probe.wrap(trace, v, paths.name(k, True)) for k, v in context.items() if k not in variables}
    values.update({k: probe.wrap(trace, v, paths.name(k, False)) for k, v in variables.items()})
    filters, tests = env.filters, env.tests
    env.parts_probing, env.filters, env.tests = True, env.parts_filters, env.parts_tests
    try:
        return env.concat(template.root_render_func(template.new_context(values))), trace
    finally:
        env.parts_probing, env.filters, env.tests = False, filters, tests
