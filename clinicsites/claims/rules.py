"""The rules in claims.yaml: categories of claims, each with phrases and the sentence-level conditions around them."""

from __future__ import annotations

from dataclasses import dataclass
from importlib.metadata import version
from pathlib import Path

from .. import cache, memory
from ..clinics.fields import Checker, Choice, Flag, Number, Text
from ..clinics.shapes import Dict, Field, ListOf, Mapping
from ..clinics.yamlsource import load_text
from ..errors import InputError, Problem, display_path
from .phrases import PhraseSet, parse
from .sentences import lemma_table, possessives, tokens, urdu_forms

#: The rules file, at the top of the repository.
RULES_FILE = Path(__file__).resolve().parent.parent.parent / "claims.yaml"

_PHRASES = ListOf(Text(max_length=400))
_RULE = Mapping({
    "phrases": Field(ListOf(Text(max_length=400), min_items=1), required=True),
    "with": Field(_PHRASES, default=()),
    "near": Field(Number(minimum=1, maximum=20, integer=True)),
    "side": Field(Choice(["after", "before", "either"]), default="after"),
    "unless": Field(_PHRASES, default=()),
    "except": Field(_PHRASES, default=()),
    "listed": Field(Flag(), default=False),
    "opens": Field(Flag(), default=False),
})  # fmt: skip
_CATEGORY = Mapping({
    "why": Field(Text(max_length=300), required=True),
    "try": Field(Text(max_length=300), required=True),
    "hedged": Field(Flag(), default=False),
    "rules": Field(ListOf(_RULE, min_items=1), required=True),
})  # fmt: skip
_FILE = Mapping({
    "hedges": Field(_PHRASES, required=True),
    "negations": Field(_PHRASES, default=()),
    "clauses": Field(_PHRASES, default=()),
    "rhetoric": Field(_PHRASES, default=()),
    "disclaimers": Field(_PHRASES, default=()),
    "contrasts": Field(_PHRASES, default=()),
    "questions": Field(_PHRASES, default=()),
    "answers": Field(_PHRASES, default=()),
    "asides": Field(_PHRASES, default=()),
    "conditionals": Field(_PHRASES, default=()),
    "consequents": Field(_PHRASES, default=()),
    "wishes": Field(_PHRASES, default=()),
    "categories": Field(Dict(Text(pattern=r"[a-z][a-z-]*", max_length=40), _CATEGORY), required=True),
})  # fmt: skip


@dataclass(frozen=True)
class Category:
    """A kind of claim regulators name: what is wrong with it, and what to write instead."""

    name: str
    why: str
    suggestion: str
    hedged: bool  # a hedge in the sentence softens it


@dataclass(frozen=True, eq=False)
class Rule:
    """Phrases of one category, and what else the sentence must (``needs``) or must not (``unless``) say."""

    category: Category
    needs: PhraseSet | None
    unless: PhraseSet | None
    exceptions: PhraseSet | None
    near: int | None = None  # the needed phrase within this many words of the phrase...
    side: str = "after"  # ...after it, "before" it or on "either" side (in Urdu, after and before swap)
    listed: bool = False  # only in a list item read with its lead-in, and no hedge softens it
    opens: bool = False  # only as the sentence's first words ("No pills.")


@dataclass(frozen=True)
class Rules:
    """Everything claims.yaml says, compiled: the categories, every rule's phrases in one set, the hedges."""

    categories: dict[str, Category]
    triggers: PhraseSet  # payload: the Rule a phrase belongs to
    listed: PhraseSet  # the same, for rules of list items only (looked for only in a list item with a lead-in)
    hedges: PhraseSet
    negations: frozenset
    clauses: frozenset  # words that end a clause: a negation before one does not reach past it
    rhetoric: frozenset  # words after a negation that make it rhetoric ("not only", "don't suffer")
    disclaimers: PhraseSet  # phrases that take every claim out of their clause ("we cannot promise ...")
    contrasts: frozenset  # words that end a disclaimer's reach ("but", "لیکن")
    questions: frozenset
    answers: frozenset  # words that answer a question yes: the question is then read with its answer
    asides: frozenset  # words that open an aside between commas, which a negation reaches across
    conditionals: frozenset  # words that open a condition ("if"), whose clause supposes and does not claim
    consequents: frozenset  # words that end a condition's clause ("then", "تو")
    wishes: PhraseSet  # phrases that make a condition a wish, which claims ("if you want ...")
    digest: str
    lemmas: dict  # forms -> the word the rules name ("treats" -> "treat", "موٹاپے" -> "موٹاپا")


def load_rules(path: Path = RULES_FILE, cache_folder: Path | None = None) -> Rules:
    """The rules in ``path``; a broken rules file is bad input like any other. With ``cache_folder``, compiled
    rules are kept there for the next process."""
    try:
        data = Path(path).read_bytes()
    except OSError as exc:
        raise InputError([problem(display_path(path), None, f"expected the health-claim rules (the CLAIMS setting "
                                  f"names this file), but it cannot be read: {exc.strerror}")]) from None  # fmt: skip
    return remembered_rules(data, display_path(path), cache_folder)


#: Rules compiled from one rules file's bytes, by their digest: see remembered_rules.
_COMPILED = memory.store("claim-rules", 2)


def remembered_rules(data: bytes, shown_as: str, folder: Path | None = None) -> Rules:
    """Rules compiled from ``data``, remembered by its digest (never by path): in this process, and in ``folder``
    (with the engine's and simplemma's versions) so the next build does not read simplemma's dictionary again."""
    key = cache.digest(data)
    found = _COMPILED.get(key)
    if found is not None:
        return found
    stored = None
    if folder:
        stored = Path(folder) / f"claims-{cache.digest(key, version('simplemma'), cache.engine_digest())[:16]}.pickle"
    rules = cache.read_pickle(stored) if stored else None
    if not isinstance(rules, Rules) or rules.digest != key:
        rules = compile_rules(data.decode("utf-8-sig"), shown_as, key)
        if stored:
            cache.write_pickle(stored, rules)
    if stored:
        cache.touch(stored)
    _COMPILED.put(key, rules)
    return rules


def compile_rules(text: str, shown_as: str, key: str = "") -> Rules:
    """Validate and compile the text of a rules file; raise InputError naming every problem."""
    doc = load_text(text, shown_as)
    checker = Checker(doc)
    data = _FILE.check(doc.data, (), checker)
    problems = list(checker.problems)

    made = {}  # the same list of phrases (a YAML alias: *conditions) compiled once, and found once per block

    def phrase_set(items, where):
        if tuple(items) in made:
            return made[tuple(items)]
        entries = []
        for n, item in enumerate(items):
            try:
                entries += [(words, None) for words in parse(item)]
            except ValueError as exc:
                problems.append(doc.problem((*where, n), f"expected a phrase, got {exc}"))
        made[tuple(items)] = PhraseSet(entries) if entries else None
        return made[tuple(items)]

    categories, triggers, listed = {}, [], []
    for name, spec in (data.get("categories") or {}).items() if not problems else ():
        category = Category(name, spec["why"], spec["try"], spec["hedged"])
        categories[name] = category
        for n, rule_spec in enumerate(spec["rules"]):
            where = ("categories", name, "rules", n)
            rule = Rule(
                category,
                *(phrase_set(rule_spec[k], (*where, k)) for k in ("with", "unless", "except")),
                rule_spec.get("near"),
                rule_spec["side"],
                rule_spec["listed"],
                rule_spec["opens"],
            )
            for item_n, item in enumerate(rule_spec["phrases"]):
                try:
                    (listed if rule.listed else triggers).extend((words, rule) for words in parse(item))
                except ValueError as exc:
                    problems.append(doc.problem((*where, "phrases", item_n), f"expected a phrase, got {exc}"))
    hedges = phrase_set(data.get("hedges") or (), ("hedges",)) if not problems else None
    disclaimers = phrase_set(data.get("disclaimers") or (), ("disclaimers",)) if not problems else None
    wishes = phrase_set(data.get("wishes") or (), ("wishes",)) if not problems else None
    if problems:
        raise InputError(problems)
    words = lambda key: frozenset(t.text for item in data[key] for t in tokens(item))  # noqa: E731
    named = {t.text for t in tokens(text)}  # every word the file names: the only lemmas worth knowing
    return Rules(categories, PhraseSet(triggers), PhraseSet(listed), hedges or PhraseSet([]),
                 words("negations") | {"n't"}, words("clauses"), words("rhetoric"), disclaimers or PhraseSet([]),
                 words("contrasts"), words("questions"), words("answers"), words("asides"), words("conditionals"),
                 words("consequents"), wishes or PhraseSet([]), key,
                 _lemmas(named))  # fmt: skip


def _lemmas(named: set[str]) -> dict[str, str]:
    """Forms -> the word the rules name: English inflections and possessives, Urdu oblique and plural forms."""
    english = lemma_table(named)
    return {**urdu_forms(named), **possessives(english, named), **english}


def rules_file(settings: dict) -> Path:
    """The rules a build checks against: the ``CLAIMS`` setting (relative to the settings file), else claims.yaml at
    the top of the repository."""
    return Path(settings.get("CLAIMS") or RULES_FILE)


def rules_digest(path: Path = RULES_FILE) -> str:
    """What caches of checked files depend on: the rules' bytes."""
    return cache.digest(path.read_bytes()) if path.is_file() else ""


def problem(path: str, line: int | None, message: str) -> Problem:
    """A claims problem at ``path:line``."""
    return Problem(path, line, "claims", message)
