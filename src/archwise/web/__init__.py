"""The web front end and the decision registry, over archwise.api."""
