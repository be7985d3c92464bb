"""Check: `archwise recommend FILE --json` prints the same bytes before and after a change.

Saves the output (stdout and exit code) of every scenario under benchmarks/advice*/scenarios/, or
compares a new run with a saved one and lists every scenario whose output differs.

Run: python benchmarks/check_recommend_identical.py save DIR      (before the change)
     python benchmarks/check_recommend_identical.py compare DIR   (after it; exit 1 on a difference)
     [--jobs 2] [--archwise PATH]
"""

from __future__ import annotations

import argparse
import os
import shutil
import subprocess
import sys
from collections.abc import Callable
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]


def scenarios() -> list[Path]:
    """Every scenario file of every advice corpus, in a stable order."""
    return sorted(ROOT.glob("benchmarks/advice*/scenarios/*.yaml"))


def key(path: Path) -> str:
    """A file name for a scenario's saved output: corpus and scenario name."""
    return f"{path.parent.parent.name}__{path.stem}.out"


def run(script: str, path: Path, command: str = "recommend") -> bytes:
    """The exit code and stdout of `archwise COMMAND PATH --json`."""
    done = subprocess.run(
        [script, command, str(path), "--json"],
        capture_output=True,
        cwd=ROOT,
        env={**os.environ, "PYTHONHASHSEED": "0", "COLUMNS": "100"},
        check=False,
    )
    return f"exit {done.returncode}\n".encode() + done.stdout


def save_or_compare(
    mode: str,
    folder: Path,
    files: list[Path],
    outputs: list[bytes],
    noun: str,
    key_of: Callable[[Path], str] = key,
) -> int:
    """Save each file's output under folder, or compare with what was saved; 1 when any differ."""
    if mode == "save":
        folder.mkdir(parents=True, exist_ok=True)
        for path, out in zip(files, outputs, strict=True):
            (folder / key_of(path)).write_bytes(out)
        print(f"saved {len(files)} outputs to {folder}")
        return 0
    differ = []
    for path, out in zip(files, outputs, strict=True):
        saved = folder / key_of(path)
        if not saved.exists() or saved.read_bytes() != out:
            differ.append(path.relative_to(ROOT))
    for path in differ:
        print(f"differs: {path}")
    print(f"{len(files) - len(differ)} of {len(files)} {noun} identical")
    return 1 if differ else 0


def base_parser(doc: str) -> argparse.ArgumentParser:
    """The arguments every identity check takes: save or compare, the folder, jobs, archwise."""
    parser = argparse.ArgumentParser(description=doc.splitlines()[0])
    parser.add_argument("mode", choices=["save", "compare"])
    parser.add_argument("dir", type=Path)
    parser.add_argument("--jobs", type=int, default=2)
    parser.add_argument("--archwise", default=None, help="the archwise script to run")
    return parser


def main() -> int:
    args = base_parser(__doc__).parse_args()
    script = args.archwise or shutil.which("archwise", path=os.path.dirname(sys.executable))
    if script is None:
        print("the archwise console script is not installed next to this python", file=sys.stderr)
        return 2
    files = scenarios()
    with ThreadPoolExecutor(args.jobs) as pool:
        outputs = list(pool.map(lambda p: run(script, p), files))
    return save_or_compare(args.mode, args.dir, files, outputs, "scenarios")


if __name__ == "__main__":
    sys.exit(main())
