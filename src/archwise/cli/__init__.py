"""The terminal front end: thin Typer verbs over archwise.api."""
