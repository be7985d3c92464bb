"""CLI verb: `archwise mcp` serves the MCP tools over stdio or streamable HTTP."""

from __future__ import annotations

import importlib.util
import os
from pathlib import Path
from typing import Annotated

import typer

from archwise.cli._common import handle_errors
from archwise.errors import InputError, MissingExtraError


def _client_workspace() -> Path:
    """The workspace an MCP client names through its environment, else the current folder."""
    for var in ("ARCHWISE_WORKSPACE", "CLAUDE_PROJECT_DIR", "WORKSPACE_FOLDER_PATHS"):
        value = os.environ.get(var, "")
        first = next((p for p in value.replace(",", os.pathsep).split(os.pathsep) if p), "")
        if first:
            return Path(first)
    return Path.cwd()


def register(app: typer.Typer) -> None:
    """Add `archwise mcp` to the app."""

    @app.command("mcp")
    @handle_errors
    def mcp_command(
        workspace: Annotated[
            Path | None,
            typer.Option(
                "--workspace",
                "-w",
                help=(
                    "Workspace folder; tools see only paths inside it. Default: "
                    "ARCHWISE_WORKSPACE, the folder the client names "
                    "(CLAUDE_PROJECT_DIR, WORKSPACE_FOLDER_PATHS), "
                    "else the current folder."
                ),
            ),
        ] = None,
        http: Annotated[
            int | None,
            typer.Option(
                "--http",
                help="Serve streamable HTTP on this port instead of stdio.",
                min=1,
                max=65535,
            ),
        ] = None,
        host: Annotated[
            str, typer.Option("--host", help="Address to bind with --http (loopback by default).")
        ] = "127.0.0.1",
    ) -> None:
        """Serve archwise's tools, resources and prompts to an MCP client (stdio by default)."""
        if importlib.util.find_spec("mcp") is None:
            raise MissingExtraError("mcp", "the mcp SDK")
        folder = workspace if workspace is not None else _client_workspace()
        if not folder.is_dir():
            raise InputError("workspace folder not found", file=folder, field="--workspace")
        if workspace is None and folder.resolve() == Path(folder.resolve().anchor):
            raise InputError(
                "the client started archwise in the file system root; pass --workspace FOLDER "
                "so tools cannot reach every file",
                field="--workspace",
            )
        if http is not None and not 0 < http < 65536:
            raise InputError(f"port must be 1-65535, got {http}", field="--http")
        from archwise.mcp.server import serve

        serve(folder, http_port=http, host=host)
