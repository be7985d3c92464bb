"""Cities by their coordinates, for the distance light must cover between people the text names."""

from __future__ import annotations

import re

from pydantic import ConfigDict, Field, field_validator

from archwise.schema import Model


class Place(Model):
    """One city: the names people write it with and where it is."""

    model_config = ConfigDict(extra="forbid")

    name: str = Field(min_length=1, description="the city's usual English name")
    aliases: list[str] = Field(default_factory=list, description="other names, e.g. nyc")
    country: str = Field(pattern=r"^[a-z]{2}$", description="ISO 3166-1 alpha-2, lower case")
    lat: float = Field(ge=-90, le=90, description="latitude in degrees")
    lon: float = Field(ge=-180, le=180, description="longitude in degrees")


class Area(Model):
    """A country or larger region people say users are in, by the countries of its cities."""

    model_config = ConfigDict(extra="forbid")

    name: str = Field(min_length=1, description="the area's usual English name")
    aliases: list[str] = Field(default_factory=list, description="other names, e.g. usa")
    countries: list[str] = Field(
        min_length=1,
        description="ISO 3166-1 alpha-2 codes, lower case; the area is as near as its nearest city",
    )

    @field_validator("countries")
    @classmethod
    def _codes(cls, value: list[str]) -> list[str]:
        bad = [c for c in value if not re.fullmatch(r"[a-z]{2}", c)]
        if bad:
            raise ValueError(f"'{bad[0]}' is not a lower-case ISO 3166-1 alpha-2 code")
        return value


class Gazetteer(Model):
    """A list of places with the source it was taken from."""

    model_config = ConfigDict(extra="forbid")

    id: str = Field(pattern=r"^[a-z0-9][a-z0-9-]*$")
    source: str = Field(pattern=r"^https://", description="where the coordinates were read")
    as_of: str = Field(pattern=r"^\d{4}-\d{2}$", description="when they were read, YYYY-MM")
    places: list[Place] = Field(min_length=1)
    areas: list[Area] = Field(
        default_factory=list, description="countries and regions, placed by the cities above"
    )
