"""The `adr` console script: a drop-in replacement for adr-tools (and its completion helper)."""

from __future__ import annotations

import sys
from collections.abc import Sequence


def main() -> None:
    """Entry point of the `adr` console script."""
    from archwise.api.adr import adr_tools_main

    sys.exit(adr_tools_main(sys.argv[1:]))


def autocomplete(words: Sequence[str]) -> str | None:
    """The completions adr-tools' `_adr_autocomplete` prints for these words."""
    from archwise.api.adr import adr_autocomplete

    return adr_autocomplete(words)


def autocomplete_main() -> None:
    """Entry point of `_adr_autocomplete adr WORD [SUBWORD]`, which shell completions call."""
    found = autocomplete(sys.argv[1:])
    if found is not None:
        sys.stdout.write(found + "\n")


if __name__ == "__main__":
    main()
