"""The archwise skill for coding agents (Claude Code, Cursor, Codex, AGENTS.md readers)."""
