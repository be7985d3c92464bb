"""A concept of the recognition lexicon: one idea and the words requirements say it with."""

from __future__ import annotations

from pydantic import ConfigDict, Field, model_validator

from archwise.schema import Model


class Concept(Model):
    """An idea archetype signals look for, with its synonyms and stems, shared by every signal."""

    model_config = ConfigDict(extra="forbid")

    id: str = Field(pattern=r"^[a-z0-9][a-z0-9-]*$")
    name: str = Field(min_length=1, description="what the words show, for `explain`")
    words: list[str] = Field(
        default_factory=list,
        description=(
            "phrases and stems; a phrase starts at a word boundary; a last word of six letters "
            "or more may run on as a stem ('reconcil' finds 'reconciliation'), a shorter one "
            "takes only its own endings ('scan' finds 'scanned', 'again' is not 'against'); "
            "three letters or fewer alone is a whole word or its plural"
        ),
    )
    together: list[list[str]] = Field(
        default_factory=list,
        description=(
            "groups of words that say the idea together: one sentence with a word of every group "
            "('signal' with 'without', 'law' with 'within'), however the sentence is worded"
        ),
    )

    @model_validator(mode="after")
    def _something_to_find(self) -> Concept:
        if not self.words and not self.together:
            raise ValueError("a concept needs words or together groups")
        if len(self.together) == 1 or any(not group for group in self.together):
            raise ValueError("together needs two or more non-empty groups")
        return self
