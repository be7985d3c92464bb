"""Persistence: SQLite by default, PostgreSQL by URL, with named migrations."""
