"""CLI verb: `archwise mcp` serves the MCP tools over stdio or streamable HTTP."""

from __future__ import annotations

import importlib.util
from pathlib import Path
from typing import Annotated

import typer

from archwise.cli._common import handle_errors
from archwise.errors import InputError, MissingExtraError


def register(app: typer.Typer) -> None:
    """Add `archwise mcp` to the app."""

    @app.command("mcp")
    @handle_errors
    def mcp_command(
        workspace: Annotated[
            Path,
            typer.Option(
                "--workspace", "-w", help="Workspace folder; tools see only paths inside it."
            ),
        ] = Path("."),
        http: Annotated[
            int | None,
            typer.Option("--http", help="Serve streamable HTTP on this port instead of stdio."),
        ] = None,
        host: Annotated[
            str, typer.Option("--host", help="Address to bind with --http (loopback by default).")
        ] = "127.0.0.1",
    ) -> None:
        """Serve archwise's tools, resources and prompts to an MCP client (stdio by default)."""
        if importlib.util.find_spec("mcp") is None:
            raise MissingExtraError("mcp", "the mcp SDK")
        if not workspace.is_dir():
            raise InputError("workspace folder not found", file=workspace, field="--workspace")
        if http is not None and not 0 < http < 65536:
            raise InputError(f"port must be 1-65535, got {http}", field="--http")
        from archwise.mcp.server import serve

        serve(workspace, http_port=http, host=host)
