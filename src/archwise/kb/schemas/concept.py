"""A concept of the recognition lexicon: one idea and the words requirements say it with."""

from __future__ import annotations

from pydantic import ConfigDict, Field

from archwise.schema import Model


class Concept(Model):
    """An idea archetype signals look for, with its synonyms and stems, shared by every signal."""

    model_config = ConfigDict(extra="forbid")

    id: str = Field(pattern=r"^[a-z0-9][a-z0-9-]*$")
    name: str = Field(min_length=1, description="what the words show, for `explain`")
    words: list[str] = Field(
        min_length=1,
        description=(
            "phrases and stems; a phrase starts at a word boundary and may run on ('retr' finds "
            "'retried'); three letters or fewer is a whole word or its plural"
        ),
    )
