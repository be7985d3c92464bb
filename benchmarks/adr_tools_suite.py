"""Run adr-tools' own test suite against archwise's `adr` drop-in.

adr-tools (upstream) ships `tests/NAME.sh` scripts with the exact output each must print
(`tests/NAME.expected`), run by its Makefile as `/bin/sh -v NAME.sh` in an empty folder with
`ADR_DATE=1992-01-12`, the upstream `src/` and `tests/` on PATH. This script runs the same
scripts the same way with archwise's `adr` and `_adr_autocomplete` first on PATH instead, and
reports which produce the expected output.

Upstream writes "Supercedes" / "Superceded by"; its tests expect that spelling, so the run sets
ADR_SUPERSEDE_SPELLING=supercede (the drop-in's default, for a collection that has no supersede
links yet, is Debian's "Supersedes"). Use --spelling supersede for a suite that expects that.

Run: python benchmarks/adr_tools_suite.py PATH/TO/adr-tools [--spelling supercede] [--keep DIR]
"""

from __future__ import annotations

import argparse
import difflib
import os
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path


def shims(bindir: Path) -> None:
    """`adr` and `_adr_autocomplete` scripts that run archwise's drop-in with this Python."""
    bindir.mkdir(parents=True, exist_ok=True)
    for name, target in (
        ("adr", "main()"),
        ("_adr_autocomplete", "autocomplete_main()"),
    ):
        script = bindir / name
        script.write_text(
            f"#!{sys.executable}\n"
            f"from archwise.cli.adr_tools import main, autocomplete_main\n{target}\n"
        )
        script.chmod(0o755)


def run_one(test: Path, work: Path, bindir: Path, spelling: str) -> tuple[bool, str]:
    """Run one upstream test script; True and "" when its output is the expected one."""
    work.mkdir(parents=True)
    env = {
        "PATH": os.pathsep.join([str(bindir), str(test.parent), "/bin", "/usr/bin"]),
        "ADR_DATE": "1992-01-12",
        "VISUAL": "",
        "EDITOR": "",
        "PS4": "+ ",
        "HOME": str(work),
        "LC_ALL": "C.UTF-8",
        "ADR_SUPERSEDE_SPELLING": spelling,
    }
    proc = subprocess.run(
        ["/bin/sh", "-v", str(test)],
        cwd=work,
        env=env,
        stdout=subprocess.PIPE,
        stderr=subprocess.STDOUT,
        timeout=120,
        check=False,
    )
    got = proc.stdout.decode("utf-8", "replace")
    want = test.with_suffix(".expected").read_text(encoding="utf-8")
    if got == want:
        return True, ""
    diff = difflib.unified_diff(
        want.splitlines(), got.splitlines(), "expected", "archwise", lineterm=""
    )
    return False, "\n".join(diff)


def main() -> int:
    """Run every `tests/*.sh` of the given adr-tools checkout; exit 1 when one fails."""
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("source", type=Path, help="an adr-tools source tree (with tests/)")
    ap.add_argument("--spelling", default="supercede", choices=["supercede", "supersede"])
    ap.add_argument("--keep", type=Path, help="keep the work folders here")
    args = ap.parse_args()
    tests = sorted((args.source / "tests").glob("*.sh"))
    if not tests:
        print(f"no tests/*.sh under {args.source}", file=sys.stderr)
        return 2
    base = args.keep or Path(tempfile.mkdtemp(prefix="adr-tools-suite-"))
    bindir = base / "bin"
    shims(bindir)
    failed = 0
    for test in tests:
        ok, diff = run_one(test, base / "work" / test.stem, bindir, args.spelling)
        print(f"{'PASS' if ok else 'FAIL'} {test.stem}")
        if not ok:
            failed += 1
            print(diff)
    print(f"{len(tests) - failed}/{len(tests)} adr-tools tests pass")
    if args.keep is None:
        shutil.rmtree(base, ignore_errors=True)
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
