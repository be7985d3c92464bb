"""Benchmark: does archwise's advice agree with what an experienced architect would sign?

Each corpus folder holds `scenarios/NAME.yaml` (a requirements file) and `expectations/NAME.yaml`
(written before the engine ran on it; format in benchmarks/advice/README.md). For every scenario the
recommendation is computed in-process through `archwise.api` and scored per topic:

- the answer the user is told is the LOWER of the topic's first choice (`decisions[topic].chosen`,
  or not-needed when `needed` is false) and the recommended option's component for the topic (a
  topic the option has no component for counts as not-needed);
- right = 1, acceptable = 1/2, anything else = 0; names match case- and punctuation-insensitively
  and through the knowledge base's aliases;
- every must-not answer given (first choice or option) is listed with its reason;
- a hard problem is named when one of its keywords starts a word (keywords of 3 characters or fewer:
  is a whole word) in the text of the archetypes' hard problems (`problem` and `addressed_by`);
- the feasibility verdict is compared where the expectation states one (no verdict = "unknown");
- precision: how many hard problems the recommendation leads with (its top-level `hard_problems`,
  or every archetype's when it has none) and how many of them match no expected hard problem
  ("unsupported"); "hard problems named" counts every archetype's (the lead and the rest, also
  worth a look, as earlier rounds did), "named in the lead" only those it leads with.

Fields the engine does not give yet (archetypes, needed, feasibility) count as not named, needed and
unknown. Exit 0 whatever the score; 2 with file and field when an input is malformed.

Run: python benchmarks/bench_advice.py [PATH ...] [--json]    (default PATH: benchmarks/advice)
"""

from __future__ import annotations

import argparse
import json
import re
import sys
import time
from collections import Counter
from collections.abc import Callable, Iterable, Mapping, Sequence
from dataclasses import asdict, dataclass, field
from pathlib import Path
from typing import Any

from pydantic import BaseModel, ConfigDict, Field, model_validator

from archwise import yamlio
from archwise.errors import InputError
from archwise.kb.schemas.technology import Topic

ROOT = Path(__file__).resolve().parents[1]
DEFAULT_CORPUS = ROOT / "benchmarks" / "advice"
NOT_NEEDED = "not-needed"
SCORES = {"right": 1.0, "acceptable": 0.5}

Name = str


class TopicExpectation(BaseModel):
    """What an architect signs for one topic."""

    model_config = ConfigDict(extra="forbid")

    right: list[Name] = Field(min_length=1)
    acceptable: list[Name] = Field(default_factory=list)
    must_not: dict[Name, str] = Field(default_factory=dict)

    @model_validator(mode="after")
    def _disjoint(self) -> TopicExpectation:
        """A name is in one list only."""
        seen: dict[str, str] = {}
        for kind, names in (
            ("right", self.right),
            ("acceptable", self.acceptable),
            ("must_not", list(self.must_not)),
        ):
            for name in names:
                if not name.strip():
                    raise ValueError(f"an empty name in {kind}")
                key = normal(name)
                if key in seen:
                    raise ValueError(f"'{name}' is in both {seen[key]} and {kind}")
                seen[key] = kind
        return self


class Expectation(BaseModel):
    """One scenario's expectations."""

    model_config = ConfigDict(extra="forbid")

    archetypes: list[str] = Field(min_length=1)
    feasible: bool | None = None
    topics: dict[Topic, TopicExpectation] = Field(min_length=1)
    hard_problems: list[list[str]] = Field(default_factory=list)
    notes: str | None = None

    @model_validator(mode="after")
    def _keywords(self) -> Expectation:
        """Every hard problem has at least one non-empty keyword."""
        for i, keywords in enumerate(self.hard_problems):
            if not keywords or any(not k.strip() for k in keywords):
                raise ValueError(f"hard_problems[{i}] needs one or more non-empty keywords")
        return self


def normal(name: str) -> str:
    """A spelling-insensitive key ('Cloud Run', 'cloud-run'); + and # stay (C++ is not C#)."""
    return re.sub(r"[^a-z0-9+#]", "", name.casefold())


Resolver = Callable[[str], str | None]


class Matcher:
    """Compares names through the knowledge base's canonical names and aliases."""

    def __init__(self, resolve: Resolver) -> None:
        self._resolve = resolve

    def key(self, name: str) -> str:
        """The comparison key of a name (not-needed has its own)."""
        if normal(name) == normal(NOT_NEEDED):
            return normal(NOT_NEEDED)
        return normal(self._resolve(name) or name)

    def known(self, name: str) -> bool:
        """Whether the knowledge base has name (not-needed always counts as known)."""
        return self.key(name) == normal(NOT_NEEDED) or self._resolve(name) is not None

    def grade(self, answer: str | None, exp: TopicExpectation) -> str:
        """'right', 'acceptable', 'must_not' or 'other' for one answer (None = no answer)."""
        if answer is None:
            return "none"
        key = self.key(answer)
        if any(self.key(n) == key for n in exp.right):
            return "right"
        if any(self.key(n) == key for n in exp.acceptable):
            return "acceptable"
        if any(self.key(n) == key for n in exp.must_not):
            return "must_not"
        return "other"

    def why_not(self, answer: str, exp: TopicExpectation) -> str:
        """The expectation's reason why answer must not be given."""
        key = self.key(answer)
        return next(why for n, why in exp.must_not.items() if self.key(n) == key)


def _name_of(value: Any) -> str | None:
    if isinstance(value, str):
        return value
    if isinstance(value, Mapping):
        name = value.get("name")
        return name if isinstance(name, str) else None
    return None


def first_choice(output: Mapping[str, Any], topic: str) -> str | None:
    """The topic's first choice: chosen, not-needed when needed is false/"no", None when absent."""
    decision = (output.get("decisions") or {}).get(topic)
    if not isinstance(decision, Mapping):
        return None
    needed = decision.get("needed")
    # Today's engine says "yes" | "no" | "unknown"; the contract says true | false.
    if needed is False or (isinstance(needed, str) and needed.casefold() in {"no", "false"}):
        return NOT_NEEDED
    return _name_of(decision.get("chosen"))


def recommended_option(output: Mapping[str, Any]) -> Mapping[str, Any] | None:
    """The option the recommendation names, or None."""
    name = (output.get("recommendation") or {}).get("option")
    for option in output.get("options") or []:
        if isinstance(option, Mapping) and option.get("name") == name:
            return option
    return None


def option_component(output: Mapping[str, Any], topic: str) -> str | None:
    """The recommended option's component for topic; absent = not-needed; no option = None."""
    option = recommended_option(output)
    if option is None:
        return None
    components = option.get("components") or {}
    if topic not in components:
        return NOT_NEEDED
    return _name_of(components[topic])


def _problem_texts(problem: Any) -> list[str]:
    """The texts of one hard problem: the problem and what addresses it."""
    if isinstance(problem, str):
        return [problem] if problem else []
    if not isinstance(problem, Mapping):
        return []
    texts = [str(problem.get("problem") or "")]
    addressed = problem.get("addressed_by") or []
    if isinstance(addressed, str):
        addressed = [addressed]
    texts.extend(_name_of(a) or str(a) for a in addressed)
    return [t for t in texts if t]


def all_problems(output: Mapping[str, Any]) -> list[list[str]]:
    """Every archetype's hard problems, each as its texts."""
    return [
        texts
        for archetype in output.get("archetypes") or []
        if isinstance(archetype, Mapping)
        for problem in archetype.get("hard_problems") or []
        if (texts := _problem_texts(problem))
    ]


def lead_problems(output: Mapping[str, Any]) -> list[list[str]]:
    """The hard problems the recommendation leads with (top-level), else every archetype's."""
    lead = output.get("hard_problems")
    if isinstance(lead, list):
        return [texts for problem in lead if (texts := _problem_texts(problem))]
    return all_problems(output)


def hard_problem_texts(output: Mapping[str, Any]) -> list[str]:
    """Every text of the archetypes' hard problems: the problem and what addresses it."""
    return [t for texts in all_problems(output) for t in texts]


def keyword_in(keyword: str, texts: Iterable[str]) -> bool:
    """Whether keyword starts a word of one of texts (a short keyword must be a whole word)."""
    word = keyword.strip()
    tail = r"(?![a-z0-9])" if len(word) <= 3 else ""
    pattern = re.compile(r"(?<![a-z0-9])" + re.escape(word.casefold()) + tail)
    return any(pattern.search(t.casefold()) for t in texts)


def feasibility(output: Mapping[str, Any]) -> bool | None:
    """The engine's verdict, or None when it gives none."""
    verdict = output.get("feasibility")
    if isinstance(verdict, Mapping) and isinstance(verdict.get("feasible"), bool):
        return bool(verdict["feasible"])
    return None


@dataclass
class TopicResult:
    """One topic of one scenario."""

    topic: str
    first: str | None
    component: str | None
    first_grade: str
    component_grade: str
    score: float
    right: list[str]
    acceptable: list[str]


@dataclass
class MustNot:
    """A must-not answer the engine gave."""

    scenario: str
    topic: str
    name: str
    where: str
    why: str


@dataclass
class ScenarioResult:
    """The score of one scenario."""

    scenario: str
    corpus: str
    archetypes: list[str]
    topics: list[TopicResult]
    must_not: list[MustNot]
    hard_problems_named: list[list[str]]
    hard_problems_unnamed: list[list[str]]
    engine_archetypes: list[str]
    feasible_expected: bool | None
    feasible_given: bool | None
    problems_given: int = 0
    problems_unsupported: int = 0
    named_in_lead: int = 0
    problems_listed: int = 0
    problems_listed_unsupported: int = 0
    seconds: float = 0.0
    agreement: float = field(init=False)

    def __post_init__(self) -> None:
        self.agreement = sum(t.score for t in self.topics) / len(self.topics)


def score_scenario(
    output: Mapping[str, Any], exp: Expectation, matcher: Matcher, *, scenario: str, corpus: str
) -> ScenarioResult:
    """Score one engine output (JSON-shaped) against one expectation."""
    topics: list[TopicResult] = []
    must_not: list[MustNot] = []
    for topic, te in exp.topics.items():
        first, component = first_choice(output, topic), option_component(output, topic)
        fg, cg = matcher.grade(first, te), matcher.grade(component, te)
        score = min(SCORES.get(fg, 0.0), SCORES.get(cg, 0.0))
        topics.append(
            TopicResult(topic, first, component, fg, cg, score, list(te.right), list(te.acceptable))
        )
        given = [(first, fg, "first choice"), (component, cg, "recommended option")]
        if (
            first is not None
            and component is not None
            and matcher.key(first) == matcher.key(component)
        ):
            given = [(first, fg, "first choice and recommended option")]
        for name, grade, where in given:
            if grade == "must_not" and name is not None:
                must_not.append(MustNot(scenario, topic, name, where, matcher.why_not(name, te)))
    texts = hard_problem_texts(output)
    named = [k for k in exp.hard_problems if any(keyword_in(w, texts) for w in k)]
    lead, every = lead_problems(output), all_problems(output)
    led = [t for ts in lead for t in ts]
    keywords = [w for k in exp.hard_problems for w in k]
    unnamed = [k for k in exp.hard_problems if k not in named]
    engine_archetypes = [
        str(a.get("id") or a.get("name"))
        for a in output.get("archetypes") or []
        if isinstance(a, Mapping)
    ]
    return ScenarioResult(
        scenario=scenario,
        corpus=corpus,
        archetypes=list(exp.archetypes),
        topics=topics,
        must_not=must_not,
        hard_problems_named=named,
        hard_problems_unnamed=unnamed,
        engine_archetypes=engine_archetypes,
        feasible_expected=exp.feasible,
        feasible_given=feasibility(output),
        problems_given=len(lead),
        problems_unsupported=sum(not any(keyword_in(w, ts) for w in keywords) for ts in lead),
        named_in_lead=sum(any(keyword_in(w, led) for w in k) for k in exp.hard_problems),
        problems_listed=len(every),
        problems_listed_unsupported=sum(
            not any(keyword_in(w, ts) for w in keywords) for ts in every
        ),
    )


def load_expectation(path: Path) -> Expectation:
    """Read and validate one expectation file (InputError with file, line and field)."""
    return yamlio.validate(Expectation, yamlio.load(path, what="expectation file"), file=path)


def corpus_pairs(folder: Path) -> list[tuple[Path, Path]]:
    """(scenario, expectation) pairs of a corpus folder; InputError when one lacks its pair."""
    scenarios, expectations = folder / "scenarios", folder / "expectations"
    for sub in (scenarios, expectations):
        if not sub.is_dir():
            raise InputError(f"a corpus folder needs {sub.name}/ beside it", file=sub)
    s = {p.stem: p for p in sorted(scenarios.glob("*.yaml"))}
    e = {p.stem: p for p in sorted(expectations.glob("*.yaml"))}
    for stem in sorted(s.keys() ^ e.keys()):
        lone = s.get(stem) or e[stem]
        other = "expectations" if stem in s else "scenarios"
        raise InputError(f"no {other}/{stem}.yaml to pair with it", file=lone)
    if not s:
        raise InputError("no scenarios/*.yaml", file=folder)
    return [(s[stem], e[stem]) for stem in sorted(s)]


def run_engine(path: Path) -> dict[str, Any]:
    """archwise's recommendation for one requirements file, as its JSON document."""
    from archwise.api.recommend import recommend
    from archwise.jsonable import to_object

    return to_object(recommend(path))


def kb_matcher() -> Matcher:
    """A matcher over the knowledge base in effect."""
    from archwise.api.kb import open_kb

    return Matcher(open_kb().resolve)


def _pct(part: float, whole: float) -> float:
    return round(100.0 * part / whole, 1) if whole else 0.0


def _failure_kinds(results: Sequence[ScenarioResult], matcher: Matcher) -> Counter[str]:
    kinds: Counter[str] = Counter()
    nn = normal(NOT_NEEDED)
    for r in results:
        for t in r.topics:
            if t.score == 1.0:
                continue
            answers = [a for a in (t.first, t.component) if a is not None]
            right_keys = {matcher.key(n) for n in t.right}
            if nn in right_keys and any(matcher.key(a) != nn for a in answers):
                kinds["a component where not-needed is right"] += 1
            elif nn not in right_keys and any(matcher.key(a) == nn for a in answers):
                kinds["not-needed (or no component) where one is needed"] += 1
            if len(answers) == 2 and matcher.key(answers[0]) != matcher.key(answers[1]):
                kinds["first choice and recommended option disagree"] += 1
            if t.first is None:
                kinds["no first choice"] += 1
            if "must_not" in (t.first_grade, t.component_grade):
                kinds["a must-not answer"] += 1
    return kinds


def summarise(results: Sequence[ScenarioResult], matcher: Matcher) -> dict[str, Any]:
    """Totals over every scenario."""
    topics = [t for r in results for t in r.topics]
    hp_total = sum(len(r.hard_problems_named) + len(r.hard_problems_unnamed) for r in results)
    hp_named = sum(len(r.hard_problems_named) for r in results)
    stated = [r for r in results if r.feasible_expected is not None]
    agree = [r for r in stated if r.feasible_given == r.feasible_expected]
    per_topic: dict[str, dict[str, float]] = {}
    for name in sorted({t.topic for t in topics}):
        these = [t for t in topics if t.topic == name]
        per_topic[name] = {
            "expectations": len(these),
            "agreement_percent": _pct(sum(t.score for t in these), len(these)),
            "right": sum(t.score == 1.0 for t in these),
            "acceptable": sum(t.score == 0.5 for t in these),
        }
    return {
        "scenarios": len(results),
        "archetype_labels": len({a for r in results for a in r.archetypes}),
        "topic_expectations": len(topics),
        "agreement_percent": _pct(sum(t.score for t in topics), len(topics)),
        "fully_right_scenarios": sum(r.agreement == 1.0 for r in results),
        "topics_outside_kb": sum(
            not any(matcher.known(n) for n in (*t.right, *t.acceptable)) for t in topics
        ),
        "must_not_answers": sum(len(r.must_not) for r in results),
        "hard_problems": hp_total,
        "hard_problems_named": hp_named,
        "hard_problems_named_percent": _pct(hp_named, hp_total),
        "hard_problems_named_in_lead": sum(r.named_in_lead for r in results),
        "hard_problems_listed": sum(r.problems_listed for r in results),
        "hard_problems_listed_unsupported": sum(r.problems_listed_unsupported for r in results),
        "hard_problems_given_mean": round(sum(r.problems_given for r in results) / len(results), 2)
        if results
        else 0.0,
        "hard_problems_unsupported": sum(r.problems_unsupported for r in results),
        "hard_problems_given": sum(r.problems_given for r in results),
        "feasibility_stated": len(stated),
        "feasibility_agreed": len(agree),
        "seconds": round(sum(r.seconds for r in results), 2),
        "per_topic": per_topic,
        "failure_kinds": dict(_failure_kinds(results, matcher).most_common()),
    }


def _verdict(r: ScenarioResult) -> str:
    if r.feasible_expected is None:
        return ""
    given = {None: "unknown", True: "feasible", False: "infeasible"}[r.feasible_given]
    want = "feasible" if r.feasible_expected else "infeasible"
    return "" if r.feasible_given == r.feasible_expected else f"  feasibility {given}!={want}"


def render(results: Sequence[ScenarioResult], totals: Mapping[str, Any]) -> str:
    """The human report."""
    lines = ["per scenario (agreement, must-not answers, hard problems named):"]
    width = max(len(r.scenario) for r in results)
    for r in results:
        named = len(r.hard_problems_named)
        total = named + len(r.hard_problems_unnamed)
        lines.append(
            f"  {r.scenario:<{width}}  {100 * r.agreement:5.1f}%  must-not {len(r.must_not)}"
            f"  hard {named}/{total} (lead {r.named_in_lead})  led {r.problems_given}"
            f" (unsupported {r.problems_unsupported}){_verdict(r)}"
        )
        for t in r.topics:
            if t.score < 1.0:
                lines.append(
                    f"      {t.topic}: first {t.first or '-'} ({t.first_grade}),"
                    f" option {t.component or '-'} ({t.component_grade});"
                    f" right: {', '.join(t.right)}"
                )
    lines.append("")
    lines.append("must-not answers given:")
    lines += [
        f"  {m.scenario} / {m.topic}: {m.name} ({m.where}): {m.why}"
        for r in results
        for m in r.must_not
    ] or ["  none"]
    lines.append("")
    lines.append("hard problems not named:")
    lines += [
        f"  {r.scenario}: {' | '.join(k)}" for r in results for k in r.hard_problems_unnamed
    ] or ["  none"]
    lines.append("")
    lines.append("feasibility disagreements:")
    lines += [f"  {r.scenario}:{_verdict(r)}" for r in results if _verdict(r)] or ["  none"]
    lines.append("")
    lines.append("agreement per topic:")
    for name, row in totals["per_topic"].items():
        lines.append(
            f"  {name:<18} {row['agreement_percent']:5.1f}%  of {row['expectations']:>3}"
            f"  (right {row['right']}, acceptable {row['acceptable']})"
        )
    lines.append("")
    lines.append("failure kinds (topics not fully right):")
    lines += [f"  {n:>4}  {kind}" for kind, n in totals["failure_kinds"].items()] or ["  none"]
    lines.append("")
    lines.append(
        f"total: {totals['scenarios']} scenarios, {totals['archetype_labels']} archetype labels,"
        f" {totals['topic_expectations']} topic expectations"
    )
    lines.append(
        f"agreement {totals['agreement_percent']}%  (fully right scenarios:"
        f" {totals['fully_right_scenarios']})"
    )
    lines.append(
        f"topics whose right and acceptable answers are all outside the knowledge base:"
        f" {totals['topics_outside_kb']}"
    )
    lines.append(f"must-not answers {totals['must_not_answers']}")
    lines.append(
        f"hard problems named {totals['hard_problems_named']}/{totals['hard_problems']}"
        f" ({totals['hard_problems_named_percent']}%)"
    )
    lines.append(
        f"hard problems named in the lead {totals['hard_problems_named_in_lead']}"
        f"/{totals['hard_problems']}"
        f" ({_pct(totals['hard_problems_named_in_lead'], totals['hard_problems'])}%)"
    )
    lines.append(
        f"hard problems led with {totals['hard_problems_given']}"
        f" (mean {totals['hard_problems_given_mean']} a scenario),"
        f" unsupported {totals['hard_problems_unsupported']}"
        f" ({_pct(totals['hard_problems_unsupported'], totals['hard_problems_given'])}%);"
        f" listed in all {totals['hard_problems_listed']},"
        f" unsupported {totals['hard_problems_listed_unsupported']}"
        f" ({_pct(totals['hard_problems_listed_unsupported'], totals['hard_problems_listed'])}%)"
    )
    lines.append(
        f"feasibility agreed {totals['feasibility_agreed']}/{totals['feasibility_stated']}"
    )
    lines.append(f"engine time {totals['seconds']} s")
    return "\n".join(lines)


def evaluate(
    folders: Sequence[Path],
    engine: Callable[[Path], Mapping[str, Any]] = run_engine,
    matcher: Matcher | None = None,
) -> list[ScenarioResult]:
    """Validate every corpus first, then score every scenario (InputError on malformed input)."""
    pairs = [(folder, s, e) for folder in folders for s, e in corpus_pairs(folder)]
    expectations = {e: load_expectation(e) for _, _, e in pairs}
    matcher = matcher or kb_matcher()
    results = []
    for folder, scenario, exp_path in pairs:
        start = time.perf_counter()
        output = engine(scenario)
        result = score_scenario(
            output, expectations[exp_path], matcher, scenario=scenario.stem, corpus=str(folder)
        )
        result.seconds = round(time.perf_counter() - start, 3)
        results.append(result)
    return results


def main(argv: Sequence[str] | None = None) -> int:
    """Score the corpora and print the report (or one JSON document)."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("paths", nargs="*", type=Path, help="corpus folders (default: in-repo)")
    parser.add_argument("--json", action="store_true", help="print one JSON document")
    args = parser.parse_args(argv)
    folders = args.paths or [DEFAULT_CORPUS]
    try:
        matcher = kb_matcher()
        results = evaluate(folders, matcher=matcher)
    except InputError as exc:
        print(f"error: {exc}", file=sys.stderr)
        return 2
    totals = summarise(results, matcher)
    if args.json:
        doc = {
            "corpora": [str(f) for f in folders],
            "totals": totals,
            "scenarios": [asdict(r) for r in results],
        }
        print(json.dumps(doc, indent=2))
    else:
        print(render(results, totals))
    return 0


if __name__ == "__main__":
    sys.exit(main())
