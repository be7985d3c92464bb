"""Architecture Decision Records in every common format, with lint, index, graph and links."""
