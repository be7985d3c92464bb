"""schemathesis against the OpenAPI document: no generated request gets a server error."""

from __future__ import annotations

from pathlib import Path

import schemathesis
from hypothesis import HealthCheck, settings
from schemathesis.checks import not_a_server_error

from archwise.web.app import create_app
from tests.web.conftest import TOKEN, make_workspace

_root = Path(__import__("tempfile").mkdtemp(prefix="archwise-schemathesis-"))
schema = schemathesis.openapi.from_asgi(
    "/api/openapi.json",
    # schemathesis's ASGI client names the host "testserver"; the app allows it explicitly.
    create_app(make_workspace(_root), token=TOKEN, hosts=["testserver"]),
)


@schema.parametrize()
@settings(max_examples=15, deadline=None, suppress_health_check=list(HealthCheck))
def test_no_server_error(case: schemathesis.Case) -> None:
    # The first call of /api/recommendation computes it: seconds on a busy machine, not an error.
    case.call_and_validate(checks=[not_a_server_error], timeout=120)
