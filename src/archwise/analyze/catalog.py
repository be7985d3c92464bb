"""The stack catalogue as the analyzer names it (loaded in `archwise.kb.stack_catalog`)."""

from archwise.kb.stack_catalog import (
    DATA_DIR,
    StackCatalog,
    StackCategory,
    StackEntry,
    catalogue_files,
    load_catalog,
    names,
)

__all__ = [
    "DATA_DIR",
    "StackCatalog",
    "StackCategory",
    "StackEntry",
    "catalogue_files",
    "load_catalog",
    "names",
]
