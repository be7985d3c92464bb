"""The base of every archwise pydantic model."""

from __future__ import annotations

import datetime as dt
from typing import Any

from pydantic import BaseModel, ConfigDict


class Model(BaseModel):
    """A pydantic model whose validator and serializer are built on first use, not at import."""

    # Building every model's validator at import cost about a third of a second per command on a
    # slow machine; a command touches a few of them, and models loaded from a cache none at all.
    model_config = ConfigDict(defer_build=True)


class BodyModel(BaseModel):
    """A model a FastAPI route takes as its request body: built at import, as FastAPI expects."""

    # FastAPI wraps a body model in its own Annotated type; a model built there (deferred) is
    # built with the route's Body() metadata and pydantic warns about the parameter's alias.


def plain(value: Any, *, by_alias: bool = False) -> Any:
    """A model as JSON values, as `model_dump(mode="json")` gives, without building a serializer.

    For archwise's input models (strings, numbers, booleans, dates, lists, string-keyed dicts
    and nested models): ones read back from the cache were never validated in this process, and
    building their serializers only to read their data would cost more than the engine's work.
    A test holds this equal to model_dump on the whole knowledge base and every example.
    """
    if isinstance(value, BaseModel):
        fields = type(value).model_fields
        out: dict[str, Any] = {}
        for name, item in value.__dict__.items():
            info = fields.get(name)
            key = (info.serialization_alias or info.alias or name) if by_alias and info else name
            out[key] = plain(item, by_alias=by_alias)
        return out
    if isinstance(value, (list, tuple)):
        return [plain(item, by_alias=by_alias) for item in value]
    if isinstance(value, dict):
        return {key: plain(item, by_alias=by_alias) for key, item in value.items()}
    if isinstance(value, dt.date):
        return value.isoformat()
    return value
