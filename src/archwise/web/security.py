"""Write protection for the web front end: a bearer token, signed browser sessions and CSRF."""

from __future__ import annotations

import hashlib
import hmac
import secrets
from dataclasses import dataclass, field

SESSION_COOKIE = "archwise_session"
CSRF_FIELD = "csrf_token"


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
        return hmac.compare_digest(presented.encode(), self.token.encode())

    def session_value(self) -> str:
        """A fresh signed session value for a browser that presented the token."""
        nonce = secrets.token_urlsafe(18)
        return f"{nonce}.{self._sign('session:' + nonce)}"

    def session_ok(self, value: str | None) -> bool:
        """True when a session cookie was signed by this server."""
        if not value or "." not in value or not self.writable:
            return False
        nonce, sig = value.rsplit(".", 1)
        return hmac.compare_digest(sig, self._sign("session:" + nonce))

    def csrf_for(self, session: str | None) -> str:
        """The CSRF token bound to a browser session (empty without one)."""
        return self._sign("csrf:" + session) if session else ""

    def csrf_ok(self, session: str | None, presented: str | None) -> bool:
        """True when a form's CSRF token matches its session."""
        if not session or not presented:
            return False
        return hmac.compare_digest(presented, self.csrf_for(session))

    def _sign(self, text: str) -> str:
        return hmac.new(self.secret, text.encode(), hashlib.sha256).hexdigest()
