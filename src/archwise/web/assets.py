"""Static files: versioned URLs cached for a year, gzip compressed once, served from memory."""

from __future__ import annotations

import gzip
import hashlib
import mimetypes
import threading
from dataclasses import dataclass
from pathlib import Path

from fastapi import Request
from fastapi.responses import Response

from archwise.errors import NotFoundError

YEAR = 31_536_000
COMPRESSIBLE = (".js", ".css", ".svg", ".json", ".html", ".txt")


@dataclass(frozen=True)
class Asset:
    """One static file: its bytes, their gzip form (when smaller), type and content hash."""

    body: bytes
    gz: bytes | None
    media_type: str
    digest: str


class Assets:
    """The static folder, read on first use of each file and kept in memory."""

    def __init__(self, folder: Path) -> None:
        self.folder = folder.resolve()
        self.lock = threading.Lock()
        self.files: dict[str, Asset] = {}

    def _load(self, name: str) -> Asset:
        with self.lock:
            hit = self.files.get(name)
        if hit is not None:
            return hit
        path = (self.folder / name).resolve()
        if not path.is_relative_to(self.folder) or not path.is_file():
            raise NotFoundError(f"no static file {name!r}")
        body = path.read_bytes()
        gz = None
        if path.suffix in COMPRESSIBLE:
            packed = gzip.compress(body, compresslevel=9, mtime=0)
            gz = packed if len(packed) < len(body) else None
        media = mimetypes.guess_type(path.name)[0] or "application/octet-stream"
        if path.suffix == ".js":
            media = "text/javascript"
        if media.startswith("text/") or path.suffix == ".svg":
            media += "; charset=utf-8"
        asset = Asset(body, gz, media, hashlib.sha256(body).hexdigest()[:12])
        with self.lock:
            self.files[name] = asset
        return asset

    def url(self, name: str) -> str:
        """The file's URL with its content hash, so a changed file gets a new URL."""
        return f"/static/{name}?v={self._load(name).digest}"

    def response(self, name: str, request: Request) -> Response:
        """The file, compressed when the client accepts gzip; cached forever when versioned."""
        asset = self._load(name)
        etag = f'"{asset.digest}"'
        versioned = request.query_params.get("v") == asset.digest
        headers = {
            "ETag": etag,
            "Vary": "Accept-Encoding",
            "Cache-Control": f"public, max-age={YEAR}, immutable" if versioned else "no-cache",
        }
        if request.headers.get("if-none-match") == etag:
            return Response(status_code=304, headers=headers)
        if asset.gz is not None and "gzip" in request.headers.get("accept-encoding", ""):
            headers["Content-Encoding"] = "gzip"
            return Response(asset.gz, media_type=asset.media_type, headers=headers)
        return Response(asset.body, media_type=asset.media_type, headers=headers)
