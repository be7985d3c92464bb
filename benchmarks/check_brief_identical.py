"""Check: `archwise brief FILE --json` prints the same bytes before and after a change.

Saves the output (stdout and exit code) of every brief under benchmarks/briefs*/ (NAME.md beside
NAME.expected.yaml), or compares a new run with a saved one and lists every brief whose output
differs. A brief is named by its absolute path, which the JSON repeats, so both runs must use the
same checkout's files (point --archwise at the other checkout's script instead).

With --src SRC (a checkout's src folder) every brief is read in one process of that checkout
instead, through the call `--json` prints (`archwise.api.requirements.brief_report`): the same
document without a process start and a compile per brief, for corpora of hundreds of briefs.
Save and compare in the same mode. --only keeps the briefs whose path contains a string.

Run: python benchmarks/check_brief_identical.py save DIR      (before the change)
     python benchmarks/check_brief_identical.py compare DIR   (after it; exit 1 on a difference)
     [--jobs 2] [--archwise PATH | --src SRC] [--only TEXT]
"""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
import tempfile
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

from check_recommend_identical import base_parser, save_or_compare
from check_recommend_identical import run as run_command

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
    return run_command(script, path, "brief")


# one process of a checkout reads every brief and writes what `--json` would print for it
IN_PROCESS = """
import sys
from pathlib import Path
from archwise.api.requirements import brief_report
out = Path(sys.argv[1])
for line in sys.stdin.read().splitlines():
    brief, name = line.split("\\t")
    try:
        text = "exit 0\\n" + brief_report(brief).model_dump_json(indent=2, by_alias=True) + "\\n"
    except Exception as exc:
        text = f"exit {type(exc).__name__}\\n"
    (out / name).write_text(text, encoding="utf-8")
"""


def run_in_process(src: Path, files: list[Path]) -> list[bytes]:
    """What `archwise brief PATH --json` prints for every file, read by one process of src."""
    with tempfile.TemporaryDirectory() as out:
        subprocess.run(
            [sys.executable, "-c", IN_PROCESS, out],
            input="".join(f"{path}\t{key(path)}\n" for path in files),
            text=True,
            cwd=ROOT,
            env={**os.environ, "PYTHONHASHSEED": "0", "PYTHONPATH": str(src.resolve())},
            check=True,
        )
        return [(Path(out) / key(path)).read_bytes() for path in files]


def main() -> int:
    parser = base_parser(__doc__)
    parser.add_argument("--src", type=Path, help="read in one process of this src folder")
    parser.add_argument("--only", default="", help="only briefs whose path contains this")
    args = parser.parse_args()
    script = args.archwise or shutil.which("archwise", path=os.path.dirname(sys.executable))
    if script is None:
        print("the archwise console script is not installed next to this python", file=sys.stderr)
        return 2
    files = [path for path in briefs() if args.only in str(path)]
    if args.src is not None:
        outputs = run_in_process(args.src, files)
    else:
        with ThreadPoolExecutor(args.jobs) as pool:
            outputs = list(pool.map(lambda p: run(script, p), files))
    return save_or_compare(args.mode, args.dir, files, outputs, "briefs", key)


if __name__ == "__main__":
    sys.exit(main())
