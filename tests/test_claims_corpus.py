"""The claims rules measured on the labelled corpus: recall and false positives in each language."""

import subprocess
import sys

import yaml
from conftest import REPO

from clinicsites import claims
from clinicsites.claims import evaluate

CORPUS = REPO / "corpus"


def totals():
    """Tallies per language over every corpus file present (the development sets and any held-out set)."""
    found = {}
    for path in evaluate.corpus_files(CORPUS):
        tally = evaluate.measure(path, claims.load_rules())["all"]
        found.setdefault(evaluate.language(path), evaluate.Tally()).add(tally)
    return found


def test_every_language_meets_the_thresholds_over_every_corpus_file():
    names = {p.name for p in evaluate.corpus_files(CORPUS)}
    assert {"claims-dev-en.yaml", "claims-dev-ur.yaml"} <= names
    assert names == {p.name for p in CORPUS.glob("claims-*.yaml")}  # held-out sets are read when present
    for lang, tally in totals().items():
        missed = "\n".join(f"  {text!r} {found}" for _, text, found in tally.missed)
        alarms = "\n".join(f"  {text!r} {found}" for _, text, found in tally.alarms)
        assert tally.recall >= evaluate.MIN_RECALL, f"{lang}: recall {tally.recall:.0%}; missed:\n{missed}"
        assert tally.false_positives <= evaluate.MAX_FALSE_POSITIVES, f"{lang}: false positives:\n{alarms}"


def test_the_evaluation_counts_every_entry_of_the_corpus():
    for path in evaluate.corpus_files(CORPUS):
        entries = yaml.safe_load(path.read_text(encoding="utf-8"))
        tally = evaluate.measure(path, claims.load_rules())["all"]
        assert tally.risky == sum(e["label"] == "risky" for e in entries)
        assert tally.careful == sum(e["label"] == "careful" for e in entries)
    dev = {evaluate.language(p): len(yaml.safe_load(p.read_text())) for p in CORPUS.glob("claims-dev-*.yaml")}
    assert dev["en"] >= 200 and dev["ur"] >= 60


def test_the_evaluation_fails_when_the_rules_lose_a_category():
    text = claims.RULES_FILE.read_text(encoding="utf-8")
    start, end = text.index("\n  safety:\n"), text.index("\n  authority:\n")
    weaker = claims.compile_rules(text[:start] + text[end:], "claims.yaml")
    tallies = evaluate.measure(CORPUS / "claims-dev-en.yaml", claims.load_rules())
    assert tallies["safety"].recall >= 0.9
    table, passed = evaluate.run(CORPUS, rules=weaker)
    assert not passed and "FAIL" in table


def test_a_name_is_never_flagged_and_a_bio_is_read_as_a_build_reads_it():
    rules = claims.load_rules()
    assert evaluate.flagged({"text": 'The "Best" Clinic', "form": "name"}, rules) == set()
    assert evaluate.flagged({"text": "Cures sciatica in one visit.", "form": "bio"}, rules) >= {"absolute"}
    assert evaluate.flagged({"text": "It is totally\nsafe.", "form": "list"}, rules) == {"safety"}
    assert evaluate.flagged({"text": "Guaranteed relief", "form": "title"}, rules) == {"absolute"}


def test_the_command_prints_the_table_and_exits_0_when_every_language_passes():
    result = subprocess.run([sys.executable, "-m", "clinicsites.cli", "claims", "--evaluate"], cwd=REPO,
                            capture_output=True, text=True, timeout=300)  # fmt: skip
    assert result.returncode == 0, result.stdout + result.stderr
    assert "en: recall" in result.stdout and "ur: recall" in result.stdout
    assert "category      risky  recall  other careful  false+" in result.stdout


def test_a_sentence_wrapped_in_curly_quotes_loads_as_written(tmp_path):
    # Corpus text is content (a quoted review), not a value an owner typed: its curly quotes are its own.
    path = tmp_path / "claims-x-en.yaml"
    path.write_text('- text: "“My back pain vanished after one visit.”"\n  label: risky\n  category: testimonial\n'
                    '- text: "“Parking was easy.”"\n  label: careful\n  category: none\n', encoding="utf-8")  # fmt: skip
    entries = evaluate.load(path, claims.load_rules())
    assert [e["text"] for e in entries] == ["“My back pain vanished after one visit.”", "“Parking was easy.”"]
    tally = evaluate.measure(path, claims.load_rules())["all"]
    assert (tally.caught, tally.flagged) == (1, 0)


def test_names_are_counted_apart_a_warning_is_listed_and_never_a_false_positive(tmp_path):
    path = tmp_path / "claims-x-en.yaml"
    names = ["Best Physio Uptown", "Miracle Cure Rehab", "Riverside Physiotherapy"]  # two make a claim on their own
    path.write_text("".join(f'- text: "{n}"\n  label: careful\n  category: none\n  form: name\n' for n in names))
    tally = evaluate.measure(path, claims.load_rules())["all"]
    assert (tally.careful, tally.flagged, tally.names) == (3, 0, 3)
    assert [text for _, text, _ in tally.warned] == names[:2]
    table, _ = evaluate.run(tmp_path)
    assert "names 3, warned about 2" in table and "name warned 1: 'Best Physio Uptown' ['superiority']" in table
