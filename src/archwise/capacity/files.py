"""Reading capacity inputs from disk: load-test results (streamed) and YAML models."""

from __future__ import annotations

from pathlib import Path

from archwise.capacity.loadtest import LoadTest, parse, parse_jtl_bytes, sniff
from archwise.errors import InputError
from archwise.fileio import check_readable, read_text

STREAMED = {"k6-json"}
MAX_TEXT_BYTES = 200 * 1024 * 1024
MAX_JTL_BYTES = 4 * 1024 * 1024 * 1024


def read_loadtest(path: str | Path, fmt: str | None = None) -> LoadTest:
    """Read one load-test result file, detecting its format unless fmt is given."""
    p = Path(path)
    if not p.exists():
        raise InputError("load-test file not found", file=p)
    if p.is_dir():
        stats = p / "js" / "stats.json"
        if stats.is_file():
            p = stats
        else:
            raise InputError(
                "expected a load-test file, got a directory (for Gatling give the report "
                "folder's js/stats.json)",
                file=p,
            )
    check_readable(p, what="load-test file")
    with p.open("rb") as fh:
        head_bytes = fh.read(65536)
    if b"\x00" in head_bytes[:8192] or _looks_binary(head_bytes):
        if "simulation" in p.name and p.suffix == ".log":
            raise InputError(
                "this is a binary Gatling simulation.log (Gatling 3.12 and later write it in "
                "a binary format archwise cannot read); give the HTML report's js/stats.json",
                file=p,
            )
        raise InputError("binary file: expected a text or JSON load-test result", file=p)
    head = head_bytes.decode("utf-8-sig", errors="replace")
    kind = fmt or sniff(head, str(p))
    if kind == "jmeter-jtl":
        size = p.stat().st_size
        if size > MAX_JTL_BYTES:
            raise InputError(f"JTL is {size / 2**30:.1f} GiB; the limit is 4 GiB", file=p)
        return parse_jtl_bytes(p.read_bytes(), str(p))
    if kind in STREAMED:
        with p.open("r", encoding="utf-8-sig", newline="") as fh:
            return parse(kind, iter(fh), str(p))
    text = read_text(p, limit=MAX_TEXT_BYTES, what="load-test file")
    return parse(kind, text, str(p))


def _looks_binary(head: bytes) -> bool:
    if not head:
        return False
    sample = head[:4096]
    printable = sum(1 for b in sample if b in b"\t\n\r" or 32 <= b < 127 or b >= 128)
    try:
        sample.decode("utf-8")
    except UnicodeDecodeError as exc:
        # A multi-byte character cut at the sample's end is still text.
        if exc.start < len(sample) - 4:
            return True
    return printable / len(sample) < 0.9
