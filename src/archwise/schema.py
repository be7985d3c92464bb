"""The base of every archwise pydantic model."""

from __future__ import annotations

from pydantic import BaseModel, ConfigDict


class Model(BaseModel):
    """A pydantic model whose validator and serializer are built on first use, not at import."""

    # Building every model's validator at import cost about a third of a second per command on a
    # slow machine; a command touches a few of them, and models loaded from a cache none at all.
    model_config = ConfigDict(defer_build=True)
