"""Hostile input: the workspace boundary, special files, no-clobber writes, bounded options."""
