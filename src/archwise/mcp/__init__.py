"""The MCP front end: a small set of tools, resources and prompts over archwise.api."""
