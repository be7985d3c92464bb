"""Finished responses and their gzip form, kept while the data they were built from holds."""

from __future__ import annotations

import asyncio
import contextvars
import gzip
import threading
import time
from collections import OrderedDict
from collections.abc import Callable
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass
from typing import Any

from fastapi import Request
from fastapi.responses import Response

MIN_GZIP = 1024
# Responses are built by a few threads taking requests in arrival order: enough to overlap the
# database's work (SQLite and psycopg release the GIL), few enough that queued requests are not
# served out of order by the GIL's hand-offs, which is what a thread per request did to p99.
BUILDERS = ThreadPoolExecutor(max_workers=2, thread_name_prefix="archwise-build")


@dataclass(frozen=True)
class Built:
    """A response body, its gzip form (None when not worth it) and media type."""

    body: bytes
    gz: bytes | None
    media_type: str


class ResponseCache:
    """Bodies keyed by URL and a data version, which is re-read at most every `recheck` s."""

    def __init__(
        self, version: Callable[[], Any], *, size: int = 512, recheck: float = 0.5
    ) -> None:
        self._version_of = version
        self._recheck = recheck
        self._size = size
        self._lock = threading.Lock()
        self._entries: OrderedDict[str, tuple[Any, Built]] = OrderedDict()
        self._version: Any = None
        self._checked = -1e9

    def version(self) -> Any:
        """The data version, re-read when the last look is older than `recheck` seconds."""
        now = time.monotonic()
        with self._lock:
            if now - self._checked < self._recheck:
                return self._version
        current = self._version_of()
        with self._lock:
            self._version, self._checked = current, now
        return current

    def invalidate(self) -> None:
        """Forget every body and the version (after a write through this server)."""
        with self._lock:
            self._entries.clear()
            self._checked = -1e9

    async def respond(
        self, request: Request, build: Callable[[], tuple[bytes, str]], *, cacheable: bool = True
    ) -> Response:
        """The response for this URL: from the cache while the version holds, else built now.

        A hit is answered on the event loop; building runs on one of the BUILDERS threads.
        """
        key = str(request.url.path) + "?" + str(request.url.query)
        version = self.version() if cacheable else None
        hit = None
        if cacheable:
            with self._lock:
                entry = self._entries.get(key)
                if entry is not None and entry[0] == version:
                    self._entries.move_to_end(key)
                    hit = entry[1]
        if hit is None:
            context = contextvars.copy_context()  # the workspace boundary travels along
            loop = asyncio.get_running_loop()
            hit = await loop.run_in_executor(BUILDERS, context.run, _built, build)
            if cacheable:
                with self._lock:
                    self._entries[key] = (version, hit)
                    while len(self._entries) > self._size:
                        self._entries.popitem(last=False)
        headers = {"Vary": "Accept-Encoding"}
        if hit.gz is not None and "gzip" in request.headers.get("accept-encoding", ""):
            headers["Content-Encoding"] = "gzip"
            return Response(hit.gz, media_type=hit.media_type, headers=headers)
        return Response(hit.body, media_type=hit.media_type, headers=headers)


def _built(build: Callable[[], tuple[bytes, str]]) -> Built:
    body, media = build()
    packed = gzip.compress(body, compresslevel=6, mtime=0) if len(body) >= MIN_GZIP else None
    return Built(body, packed if packed and len(packed) < len(body) else None, media)
