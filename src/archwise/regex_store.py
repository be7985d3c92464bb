"""Compiled regular expressions kept in the per-user cache, so a process need not compile them.

`re.compile` parses a pattern and writes the program its matcher runs: for the brief reader's
rules (a megabyte of patterns, most of it the shared number slots) that is seconds of CPU in every
process. The program is a list of integers; kept on disk with the pattern, it becomes the very
Pattern `re.compile` returns through the matcher's own constructor, in milliseconds. The store is
one file per interpreter build and matcher version, so no other Python reads it; what a process
compiles anew is added when it exits; anything unexpected falls back to `re.compile`.
"""

from __future__ import annotations

import atexit
import contextlib
import hashlib
import importlib
import pickle
import re
import sys
import threading
import zlib
from array import array
from collections.abc import Sequence
from pathlib import Path
from typing import Any

from archwise.cache import cache_dir, load_pickle, save_pickle

# the standard library's own compiler and matcher: private modules with no stubs; an
# interpreter without them stores nothing and every pattern goes through re.compile
_sre: Any
_compiler: Any
_parser: Any
try:
    _sre = importlib.import_module("_sre")
    _compiler = importlib.import_module("re._compiler")
    _parser = importlib.import_module("re._parser")
except ImportError:
    _sre = _compiler = _parser = None

# a program's words are 32-bit (_sre.CODESIZE 4): kept as such and compressed, the brief
# reader's megabyte of patterns makes about 0.4 MB on disk
_WORD = "I" if array("I").itemsize >= 4 else "L"
# what a program needs beside its pattern: flags, code, group count, names both ways
Program = tuple[int, "array[int]", int, dict[str, int], tuple[str | None, ...]]
# past this many programs the store keeps only those its last process used (patterns edited
# while developing would otherwise pile up)
MAX_PROGRAMS = 3000


def program(pattern: str, flags: int) -> Program:
    """What re.compile hands the matcher for pattern: the same two steps, kept apart."""
    parsed = _parser.parse(pattern, flags)
    code = _compiler._code(parsed, flags)
    groupindex: dict[str, int] = dict(parsed.state.groupdict)
    indexgroup: list[str | None] = [None] * parsed.state.groups
    for name, index in groupindex.items():
        indexgroup[index] = name
    return (
        int(flags | parsed.state.flags),
        array(_WORD, code),
        parsed.state.groups - 1,
        groupindex,
        tuple(indexgroup),
    )


def from_program(pattern: str, prog: Program) -> re.Pattern[str]:
    """The Pattern of a program, built by the matcher's constructor as re.compile builds it."""
    flags, code, groups, groupindex, indexgroup = prog
    built: re.Pattern[str] = _sre.compile(
        pattern, flags, code.tolist(), groups, groupindex, indexgroup
    )
    return built


class _Store:
    """The programs of one interpreter, read once per process and written back at its exit."""

    def __init__(self, path: Path | None) -> None:
        self.path = path
        self.programs: dict[tuple[str, int], Program] = {}
        self.used: set[tuple[str, int]] = set()
        self.added = False
        self.lock = threading.Lock()
        packed = load_pickle(path) if path is not None else None
        if isinstance(packed, bytes):
            with contextlib.suppress(zlib.error, pickle.UnpicklingError, EOFError, ValueError):
                saved = pickle.loads(zlib.decompress(packed))
                if isinstance(saved, dict):
                    self.programs = saved

    def compiled(self, pattern: str, flags: int) -> re.Pattern[str]:
        key = (pattern, flags)
        with self.lock:
            self.used.add(key)
            prog = self.programs.get(key)
        if prog is not None:
            try:
                return from_program(pattern, prog)
            except (TypeError, ValueError, RuntimeError):
                pass  # not what this Python wrote: compiled afresh below
        try:
            prog = program(pattern, flags)
            built = from_program(pattern, prog)
        except (AttributeError, TypeError, ValueError, RuntimeError):
            return re.compile(pattern, flags)  # a Python whose re works otherwise
        with self.lock:
            self.programs[key] = prog
            if not self.added and self.path is not None:
                atexit.register(self.save)
            self.added = True
        return built

    def save(self) -> None:
        """Write the programs back, when this process compiled any anew."""
        with self.lock:
            if not self.added or self.path is None:
                return
            keep = self.programs
            if len(keep) > MAX_PROGRAMS:
                keep = {k: v for k, v in keep.items() if k in self.used}
            packed = zlib.compress(pickle.dumps(keep, pickle.HIGHEST_PROTOCOL), 6)
            self.added = False
        save_pickle(self.path, packed)


_STORES: dict[Path | None, _Store] = {}
_STORES_LOCK = threading.Lock()


def _interpreter() -> str:
    """The interpreter build and matcher version, which a stored program is only valid for."""
    stamp = f"{sys.version}\0{sys.implementation.cache_tag}\0{_sre.MAGIC}\0{_sre.CODESIZE}"
    return hashlib.sha256(stamp.encode()).hexdigest()[:16]


def _store() -> _Store:
    folder = cache_dir("regex") if _compiler is not None else None
    path = folder / f"programs-{_interpreter()}.pickle" if folder is not None else None
    with _STORES_LOCK:
        store = _STORES.get(path)
        if store is None:
            store = _STORES[path] = _Store(path)
        return store


def compiled(pattern: str, flags: int = 0) -> re.Pattern[str]:
    """re.compile(pattern, flags), from the store when a process before compiled it."""
    if isinstance(flags, re.RegexFlag):
        flags = flags.value
    return _store().compiled(pattern, flags)


def compile_all(patterns: Sequence[str], flags: int = 0) -> list[re.Pattern[str]]:
    """Every pattern compiled with flags, each from the store when it was compiled before.

    What the set added is written at once: a server stopped without exiting keeps it too.
    """
    store = _store()
    if isinstance(flags, re.RegexFlag):
        flags = flags.value
    out = [store.compiled(p, flags) for p in patterns]
    store.save()
    return out


def save() -> None:
    """Write what this process compiled anew now rather than at its exit."""
    for store in list(_STORES.values()):
        store.save()
