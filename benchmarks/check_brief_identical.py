"""Check: `archwise brief FILE --json` prints the same bytes before and after a change.

Saves the output (stdout and exit code) of every brief under benchmarks/briefs*/ (NAME.md beside
NAME.expected.yaml), or compares a new run with a saved one and lists every brief whose output
differs. A brief is named by its absolute path, which the JSON repeats, so both runs must use the
same checkout's files (point --archwise at the other checkout's script instead).

Run: python benchmarks/check_brief_identical.py save DIR      (before the change)
     python benchmarks/check_brief_identical.py compare DIR   (after it; exit 1 on a difference)
     [--jobs 2] [--archwise PATH]
"""

from __future__ import annotations

import argparse
import os
import shutil
import subprocess
import sys
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]


def briefs() -> list[Path]:
    """Every brief of every brief corpus (a .md with its expectations beside it), in order."""
    return sorted(
        path
        for path in ROOT.glob("benchmarks/briefs*/*.md")
        if path.with_name(path.stem + ".expected.yaml").exists()
    )


def key(path: Path) -> str:
    """A file name for a brief's saved output: corpus and brief name."""
    return f"{path.parent.name}__{path.stem}.out"


def run(script: str, path: Path) -> bytes:
    """The exit code and stdout of `archwise brief PATH --json`."""
    done = subprocess.run(
        [script, "brief", str(path), "--json"],
        capture_output=True,
        cwd=ROOT,
        env={**os.environ, "PYTHONHASHSEED": "0", "COLUMNS": "100"},
        check=False,
    )
    return f"exit {done.returncode}\n".encode() + done.stdout


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("mode", choices=["save", "compare"])
    parser.add_argument("dir", type=Path)
    parser.add_argument("--jobs", type=int, default=2)
    parser.add_argument("--archwise", default=None, help="the archwise script to run")
    args = parser.parse_args()
    script = args.archwise or shutil.which("archwise", path=os.path.dirname(sys.executable))
    if script is None:
        print("the archwise console script is not installed next to this python", file=sys.stderr)
        return 2
    files = briefs()
    with ThreadPoolExecutor(args.jobs) as pool:
        outputs = list(pool.map(lambda p: run(script, p), files))
    if args.mode == "save":
        args.dir.mkdir(parents=True, exist_ok=True)
        for path, out in zip(files, outputs, strict=True):
            (args.dir / key(path)).write_bytes(out)
        print(f"saved {len(files)} outputs to {args.dir}")
        return 0
    differ = []
    for path, out in zip(files, outputs, strict=True):
        saved = args.dir / key(path)
        if not saved.exists() or saved.read_bytes() != out:
            differ.append(path.relative_to(ROOT))
    for path in differ:
        print(f"differs: {path}")
    print(f"{len(files) - len(differ)} of {len(files)} briefs identical")
    return 1 if differ else 0


if __name__ == "__main__":
    sys.exit(main())
