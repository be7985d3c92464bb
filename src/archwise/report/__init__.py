"""The architecture document: Markdown, self-contained HTML and JSON, with diagrams."""
