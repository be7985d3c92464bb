"""The JSON Schema of archwise.yaml: valid draft 2020-12, accepts both examples, rejects typos."""

from __future__ import annotations

import json

import jsonschema
import pytest

from archwise import yamlio
from tests.conftest import EXAMPLES, invoke


@pytest.fixture(scope="module")
def schema(cli_module=None) -> dict:  # type: ignore[no-untyped-def]
    from typer.testing import CliRunner

    result = invoke(CliRunner(), "schema", "requirements")
    assert result.exit_code == 0
    return json.loads(result.stdout)


def test_schema_is_draft_2020_12(schema: dict) -> None:
    assert schema["$schema"] == "https://json-schema.org/draft/2020-12/schema"
    jsonschema.Draft202012Validator.check_schema(schema)


@pytest.mark.parametrize("name", ["chat-system.yaml", "requirements-reference.yaml"])
def test_schema_validates_examples(schema: dict, name: str) -> None:
    data = yamlio.to_plain(yamlio.load(EXAMPLES / name))
    jsonschema.Draft202012Validator(schema).validate(data)


def test_schema_rejects_unknown_key_and_bad_enum(schema: dict) -> None:
    validator = jsonschema.Draft202012Validator(schema)
    assert not validator.is_valid({"name": "x", "non_functionl": {}})
    assert not validator.is_valid({"name": "x", "non_functional": {"consistency": "maybe"}})
    assert not validator.is_valid({"summary": "no name"})


def test_schema_has_descriptions_and_enums(schema: dict) -> None:
    text = json.dumps(schema)
    assert '"enum": ["strong", "eventual", "hybrid"]' in text.replace("\n", "")
    team = schema["$defs"]["Team"]["properties"]
    assert "description" in team["engineers"]
