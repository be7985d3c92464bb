"""Random documents fed to the loader: it either loads them or raises InputError, nothing else."""

from __future__ import annotations

import io
import string

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from ruamel.yaml import YAML

from archwise.errors import InputError
from archwise.requirements.loader import parse_requirements
from archwise.requirements.schema import field_specs, section_specs

KEYS = sorted(
    {part for path in [*field_specs(), *section_specs()] for part in path.split(".")}
    | {"p99", "latncy", "", "0"}
)
scalars = st.one_of(
    st.none(),
    st.booleans(),
    st.integers(min_value=-(10**20), max_value=10**20),
    st.floats(allow_nan=True, allow_infinity=True),
    st.text(max_size=20),
    st.sampled_from(["strong", "eventual", "web", "five", "1e3", "0x10", "~", "yes", "100ms"]),
)
keys = st.one_of(st.sampled_from(KEYS), st.text(alphabet=string.ascii_lowercase + "_", max_size=8))
trees = st.recursive(
    scalars,
    lambda children: st.one_of(
        st.lists(children, max_size=4),
        st.dictionaries(keys, children, max_size=5),
    ),
    max_leaves=25,
)
documents = st.dictionaries(
    st.sampled_from(["name", "summary", "functional", "non_functional", "constraints", "x"]),
    trees,
    max_size=5,
)


def _dump(data: object) -> str:
    buf = io.StringIO()
    YAML(typ="safe").dump(data, buf)
    return buf.getvalue()


def _load(text: str) -> None:
    try:
        parse_requirements(text, "fuzz.yaml")
    except InputError as exc:
        assert str(exc)
        assert exc.problems


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(documents)
def test_random_documents_load_or_raise_input_error(doc: dict) -> None:
    _load(_dump(doc))


@settings(max_examples=50, deadline=None)
@given(trees)
def test_random_trees_load_or_raise_input_error(tree: object) -> None:
    _load(_dump(tree))


@settings(max_examples=100, deadline=None)
@given(st.text(alphabet=st.characters(codec="utf-8"), max_size=200))
def test_random_text_loads_or_raises_input_error(text: str) -> None:
    _load(text)


@settings(max_examples=100, deadline=None)
@given(st.text(alphabet="name:{}[]&*!|>-#'\"\t\n ,?%@`abc0123", max_size=120))
def test_yaml_punctuation_soup(text: str) -> None:
    _load(text)


BRIEF_WORDS = st.sampled_from(
    [
        "100k",
        "concurrent",
        "users",
        "p99",
        "under",
        "ms",
        "10-20k",
        "five",
        "engineers",
        "team",
        "of",
        "$5k",
        "/month",
        "months",
        "to",
        "MVP",
        "GDPR",
        "and",
        "SOC 2",
        "nines",
        "four",
        "on AWS",
        "strong in",
        "TypeScript",
        "Go",
        "no",
        "real-time",
        "days retention",
        "between",
        "1.5 million",
        "%",
        "99.9",
        ",",
        ".",
        "\n",
        "#",
    ]
)


@settings(max_examples=50, deadline=None)
@given(st.lists(st.one_of(BRIEF_WORDS, st.text(max_size=6)), max_size=30))
def test_random_briefs_never_crash_and_quote_the_text(words: list[str]) -> None:
    from archwise.requirements.brief import extract_brief

    text = " ".join(words)
    for item in extract_brief(text).values.values():
        for phrase in item.phrases:
            assert phrase in text
