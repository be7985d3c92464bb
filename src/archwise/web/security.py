"""Protection for the web front end: allowed Host names, the workspace boundary, a bearer token,
signed browser sessions and CSRF."""

from __future__ import annotations

import hashlib
import hmac
import secrets
from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from starlette.types import ASGIApp, Receive, Scope, Send

SESSION_COOKIE = "archwise_session"
CSRF_FIELD = "csrf_token"
LOOPBACK_HOSTS = ("localhost", "127.0.0.1", "::1")
ANY_ADDRESS = {"0.0.0.0", "::", ""}


def allowed_hosts(bind: str | None = None, extra: Iterable[str] = ()) -> list[str]:
    """Host names a request may carry: loopback names, the bound address, and those allowed.

    A page on a foreign name that DNS-rebinds to this machine carries that name in Host, so
    anything else is refused.
    """
    names: list[str] = []
    for name in (*LOOPBACK_HOSTS, bind or "", *extra):
        host = name.strip().strip("[]").lower()
        if host in ANY_ADDRESS:
            continue
        # Starlette keeps the brackets of an IPv6 literal in the Host it compares.
        for form in (host, f"[{host}]") if ":" in host else (host,):
            if form not in names:
                names.append(form)
    return names


class Confined:
    """ASGI middleware: every request runs with reads and writes confined to the workspace."""

    def __init__(self, app: ASGIApp, root: Path) -> None:
        self.app = app
        self.root = root

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        from archwise.fileio import confined

        # The boundary is a context variable: the thread pool that runs sync endpoints copies it.
        with confined(self.root):
            await self.app(scope, receive, send)


def _same(presented: str, expected: str) -> bool:
    """Constant-time comparison that takes any text (a non-ASCII cookie is just wrong)."""
    return hmac.compare_digest(
        presented.encode("utf-8", "surrogatepass"), expected.encode("utf-8", "surrogatepass")
    )


@dataclass
class Guard:
    """Checks write tokens; read-only when no token is configured."""

    token: str | None
    secret: bytes = field(default_factory=lambda: secrets.token_bytes(32))

    @property
    def writable(self) -> bool:
        """True when a write token is configured."""
        return bool(self.token)

    def token_ok(self, presented: str | None) -> bool:
        """Constant-time comparison of a presented token with the configured one."""
        if not self.token or not presented:
            return False
        return _same(presented, self.token)

    def session_value(self) -> str:
        """A fresh signed session value for a browser that presented the token."""
        nonce = secrets.token_urlsafe(18)
        return f"{nonce}.{self._sign('session:' + nonce)}"

    def session_ok(self, value: str | None) -> bool:
        """True when a session cookie was signed by this server."""
        if not value or "." not in value or not self.writable:
            return False
        nonce, sig = value.rsplit(".", 1)
        return _same(sig, self._sign("session:" + nonce))

    def csrf_for(self, session: str | None) -> str:
        """The CSRF token bound to a browser session (empty without one)."""
        return self._sign("csrf:" + session) if session else ""

    def csrf_ok(self, session: str | None, presented: str | None) -> bool:
        """True when a form's CSRF token matches its session."""
        if not session or not presented:
            return False
        return _same(presented, self.csrf_for(session))

    def _sign(self, text: str) -> str:
        data = text.encode("utf-8", "surrogatepass")
        return hmac.new(self.secret, data, hashlib.sha256).hexdigest()
