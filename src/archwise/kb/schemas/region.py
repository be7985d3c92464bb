"""A hosting provider's regions by country and jurisdiction, for data residency checks."""

from __future__ import annotations

from pydantic import ConfigDict, Field

from archwise.kb.schemas.technology import Provider
from archwise.schema import Model


class Region(Model):
    """One region of a provider: where its data centres are and which jurisdictions that is in."""

    model_config = ConfigDict(extra="forbid")

    code: str = Field(min_length=1, description="the provider's region code, e.g. eu-west-1")
    city: str = Field(min_length=1, description="the metro area or state it is in")
    country: str = Field(pattern=r"^[a-z]{2}$", description="ISO 3166-1 alpha-2, lower case")
    groups: list[str] = Field(
        default_factory=list, description="wider jurisdictions it is in, e.g. eu, eea"
    )
    operated_by: str | None = Field(
        None, description="a separate local operator, when the provider does not run it itself"
    )


class ProviderRegions(Model):
    """Every region of one provider, with the page the list was taken from."""

    model_config = ConfigDict(extra="forbid")

    id: Provider = Field(description="the provider, as technologies' managed offerings name it")
    source: str = Field(pattern=r"^https://", description="the provider's published region list")
    as_of: str = Field(pattern=r"^\d{4}-\d{2}$", description="when the list was read, YYYY-MM")
    regions: list[Region] = Field(min_length=1)
