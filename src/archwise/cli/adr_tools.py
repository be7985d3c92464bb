"""The `adr` console script: a drop-in replacement for adr-tools."""

from __future__ import annotations

import sys


def main() -> None:
    """Entry point of the `adr` console script."""
    from archwise.api.adr import adr_tools_main

    sys.exit(adr_tools_main(sys.argv[1:]))


if __name__ == "__main__":
    main()
