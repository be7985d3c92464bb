"""Codebase analysis: languages, stack, import graphs, metrics, rules and decision drift."""
