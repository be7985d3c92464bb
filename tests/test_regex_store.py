"""Compiled patterns kept on disk come back as the very patterns re.compile makes."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from archwise import regex_store
from archwise.requirements import brief

PATTERNS = [
    r"(?P<n>\d+)\s*(?P<unit>ms|s)\b",
    r"(?m)^#[ \t]{1,8}(?P<v>[^\n#]{2,80}?)[ \t]*$",
    r"(?<![\w.])(?:go|rust|(?-i:Go))(?![\w])",
    r"\b(?:five|twenty)[- ](?:one|two)\b|(?P<both>both)",
    r"(?:a|b)++c|x{2,5}?y|(?=z)z(?!q)",
    r"caf\u00e9|stra\u00dfe|\u0130stanbul",
    r"(?P<q>\d+)(?:\s*-\s*(?P<q_1>\d+))?\s+(?:users?|people)",
]
TEXTS = [
    "p99 under 300 ms, then 2 s; # Title line\nGo and Rust, GO, go; five-one, Twenty two, BOTH",
    "aac abc xxxy zz CAFÉ Straße istanbul İstanbul 10 - 20 users, 300 people",
]


def _matches(pattern: re.Pattern[str]) -> list[tuple[tuple[int, int], dict[str, str | None]]]:
    return [(m.span(), m.groupdict()) for t in TEXTS for m in pattern.finditer(t)]


def _same(a: re.Pattern[str], b: re.Pattern[str]) -> None:
    assert (a.pattern, a.flags, a.groups, a.groupindex) == (
        b.pattern,
        b.flags,
        b.groups,
        b.groupindex,
    )
    assert _matches(a) == _matches(b)


@pytest.mark.parametrize("flags", [0, re.IGNORECASE])
def test_a_pattern_built_from_its_program_is_the_pattern_re_compile_makes(flags: int) -> None:
    for source in PATTERNS:
        built = regex_store.from_program(source, regex_store.program(source, flags))
        _same(built, re.compile(source, flags))


def test_the_brief_rules_built_from_their_programs_match_as_compiled() -> None:
    text = (
        Path(__file__).parent.parent / "benchmarks/briefs/01-founder-email-marketplace.md"
    ).read_text(encoding="utf-8")
    for template in brief._templates()[:40]:
        if "{TECH" in template:
            continue
        source = brief._with_techs(template, "")
        built = regex_store.from_program(source, regex_store.program(source, re.IGNORECASE))
        compiled = re.compile(source, re.IGNORECASE)
        assert [(m.span(), m.groupdict()) for m in built.finditer(text)] == [
            (m.span(), m.groupdict()) for m in compiled.finditer(text)
        ]


def _fresh_process(monkeypatch: pytest.MonkeyPatch) -> None:
    """Forget the stores read so far, as a new process starts without them."""
    regex_store.save()
    monkeypatch.setattr(regex_store, "_STORES", {})


def _no_compiling(pattern: str, flags: int) -> regex_store.Program:
    raise AssertionError(f"compiled again instead of read back: {pattern}")


def test_patterns_are_compiled_once_then_read_back_by_the_next_process(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("ARCHWISE_CACHE_DIR", str(tmp_path))
    _fresh_process(monkeypatch)
    first = regex_store.compile_all(PATTERNS, re.IGNORECASE)
    single = regex_store.compiled(PATTERNS[0])
    _fresh_process(monkeypatch)
    assert len(list(tmp_path.rglob("programs-*.pickle"))) == 1
    with monkeypatch.context() as mp:
        mp.setattr(regex_store, "program", _no_compiling)
        again = regex_store.compile_all(PATTERNS, re.IGNORECASE)
        assert regex_store.compiled(PATTERNS[0]).flags == single.flags
    for a, b in zip(first, again, strict=True):
        assert a is not b
        _same(a, b)


def test_a_store_past_its_size_keeps_what_its_last_process_used(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("ARCHWISE_CACHE_DIR", str(tmp_path))
    monkeypatch.setattr(regex_store, "MAX_PROGRAMS", 3)
    _fresh_process(monkeypatch)
    regex_store.compile_all(PATTERNS[:3])
    _fresh_process(monkeypatch)
    regex_store.compile_all(PATTERNS[2:4])  # one read back, one new: four in all, one too many
    _fresh_process(monkeypatch)
    with monkeypatch.context() as mp:
        mp.setattr(regex_store, "program", _no_compiling)
        regex_store.compile_all(PATTERNS[2:4])
        with pytest.raises(AssertionError, match="compiled again"):
            regex_store.compiled(PATTERNS[0])


def test_a_damaged_store_is_compiled_afresh_and_no_cache_compiles_every_time(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("ARCHWISE_CACHE_DIR", str(tmp_path))
    _fresh_process(monkeypatch)
    regex_store.compile_all(PATTERNS)
    _fresh_process(monkeypatch)
    (file,) = tmp_path.rglob("programs-*.pickle")
    file.write_bytes(b"not a pickle")
    for built, source in zip(regex_store.compile_all(PATTERNS), PATTERNS, strict=True):
        _same(built, re.compile(source))
    monkeypatch.setenv("ARCHWISE_CACHE_DIR", "off")
    for built, source in zip(regex_store.compile_all(PATTERNS), PATTERNS, strict=True):
        _same(built, re.compile(source))


def test_a_bad_pattern_raises_as_re_compile_does(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("ARCHWISE_CACHE_DIR", str(tmp_path))
    with pytest.raises(re.error):
        regex_store.compiled("(unclosed")


def test_an_interpreter_without_the_private_compiler_stores_nothing_and_compiles_each_pattern(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("ARCHWISE_CACHE_DIR", str(tmp_path))
    monkeypatch.setattr(regex_store, "_sre", None)
    monkeypatch.setattr(regex_store, "_compiler", None)
    monkeypatch.setattr(regex_store, "_parser", None)
    _fresh_process(monkeypatch)
    for built, source in zip(regex_store.compile_all(PATTERNS), PATTERNS, strict=True):
        _same(built, re.compile(source))
    regex_store.save()
    assert not list(tmp_path.rglob("programs-*.pickle"))
    with pytest.raises(re.error):
        regex_store.compiled("(unclosed")
