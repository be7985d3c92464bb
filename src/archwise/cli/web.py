"""CLI verbs of the web front end: `archwise serve`."""

from __future__ import annotations

import importlib.util
import os
from pathlib import Path
from typing import Annotated

import typer

from archwise.cli._common import err_console, handle_errors
from archwise.errors import InputError, MissingExtraError


def register(app: typer.Typer) -> None:
    """Add `archwise serve` to the app."""

    @app.command("serve")
    @handle_errors
    def serve(
        path: Annotated[Path, typer.Argument(help="Workspace folder to serve.")] = Path("."),
        host: Annotated[
            str, typer.Option("--host", help="Address to bind (loopback unless told).")
        ] = "127.0.0.1",
        port: Annotated[
            int, typer.Option("--port", help="Port to listen on.", min=1, max=65535)
        ] = 8000,
        token: Annotated[
            str | None,
            typer.Option(
                "--token",
                help="Write token; without one (or ARCHWISE_TOKEN) the server is read-only.",
            ),
        ] = None,
        db: Annotated[
            str | None,
            typer.Option("--db", help="Registry database URL (default: ARCHWISE_DB, .archwise/)."),
        ] = None,
        allow_host: Annotated[
            list[str] | None,
            typer.Option(
                "--allow-host",
                help=(
                    "Another Host name browsers may use (repeatable); loopback names and "
                    "--host are always allowed, any other Host gets 400."
                ),
            ),
        ] = None,
    ) -> None:
        """Serve the workspace in a browser: decisions, capacity, plan, ADRs and the radar."""
        for module in ("fastapi", "uvicorn"):
            if importlib.util.find_spec(module) is None:
                raise MissingExtraError("web", module)
        if not path.is_dir():
            raise InputError("workspace folder not found", file=path)
        if not 0 < port < 65536:
            raise InputError(f"port must be 1-65535, got {port}", field="--port")
        from archwise.web.app import serve as run

        secret = token or os.environ.get("ARCHWISE_TOKEN") or None
        mode = "writes need the token" if secret else "read-only"
        err_console.print(f"archwise serving {path.resolve()} on http://{host}:{port} ({mode})")
        run(path, host=host, port=port, token=secret, db=db, hosts=allow_host or ())
