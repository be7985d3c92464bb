"""The knowledge base: technologies, patterns and the rest of what the spec knows, as data."""
