"""Where the system runs, from the clause that says it: providers and their products by name.

A provider or one of its products (read from the knowledge base: a service only one provider
sells, or a provider's managed offering such as "Cloud SQL" or "Amazon EKS") named in a clause
about hosting ("Hosting stays where it is: Google Cloud (Cloud Run + Cloud SQL)", "Infra is AWS
Seoul region (EKS, RDS)") places the system there; a hosting company (Heroku, DigitalOcean)
names a cloud the schema has no value for. The phrase rules come first: this pass only fills a
field they left empty.
"""

from __future__ import annotations

import functools
import re
from dataclasses import dataclass

from archwise.requirements.brief_rules import HOSTERS

BIG_THREE = ("aws", "gcp", "azure")
# the providers' own names, spelled as people write them
_PROVIDER_NAMES = {
    "aws": r"AWS|Amazon\s+Web\s+Services",
    "gcp": r"GCP|Google\s+Cloud(?:\s+Platform)?",
    "azure": r"(?:Microsoft\s+)?Azure",
}
# a product name this generic is said of any provider ("cloud storage", "functions")
_GENERIC = frozenset(
    {"storage", "cloud storage", "functions", "monitor", "observability", "distro", "mq"}
)
_PREFIX = re.compile(r"^(?:Amazon|AWS|Google(?:\s+Cloud)?|GCP)\s+")
_SUFFIX = re.compile(r"\s+(?:for|with|on)\s+.*$|\s*\(.*\)$")


@functools.cache
def product_providers() -> tuple[tuple[str, str], ...]:
    """(spelling, provider) for products one of the three big providers alone sells."""
    from archwise.kb.loader import load_kb

    out: dict[str, str] = {}

    def add(spelling: str, provider: str) -> None:
        spelling = spelling.strip()
        if len(spelling) < 2 or spelling.lower() in _GENERIC:
            return
        if out.setdefault(spelling, provider) != provider:
            out[spelling] = ""  # two providers sell it under this name: it places nothing

    for tech in load_kb().technologies.values():
        providers = {m.provider for m in tech.managed}
        if tech.managed_only and len(providers) == 1 and providers <= set(BIG_THREE):
            (provider,) = providers
            for spelling in (tech.name, *tech.aliases):
                # aliases in lower case ("lambda", "dynamo") are everyday words too
                if spelling != spelling.lower():
                    add(spelling, provider)
        for offer in tech.managed:
            if offer.provider in BIG_THREE:
                full = _SUFFIX.sub("", offer.name)
                add(full, offer.provider)
                short = _PREFIX.sub("", full)
                if not short.startswith(("Managed", "Red Hat")):
                    add(short, offer.provider)
    return tuple(sorted((s, p) for s, p in out.items() if p))


@functools.cache
def _named() -> re.Pattern[str]:
    alternatives = [f"(?P<{p}>{spelling})" for p, spelling in _PROVIDER_NAMES.items()]
    by_provider: dict[str, list[str]] = {}
    for spelling, provider in product_providers():
        by_provider.setdefault(provider, []).append(re.escape(spelling).replace(r"\ ", r"\s+"))
    for provider, spellings in by_provider.items():
        body = "|".join(sorted(spellings, key=len, reverse=True))
        alternatives.append(f"(?P<{provider}_product>{body})")
    alternatives.append(f"(?P<hoster>{HOSTERS})")
    # products are matched as written: "Lambda" is AWS's, "lambda" is any function
    return re.compile(r"(?<![\w.-])(?:" + "|".join(alternatives) + r")(?![\w-])")


# words that make a clause one about where the system runs or what running it costs
_HOSTING = re.compile(
    r"\b(?:host\w*|infra\w*|runs?|running|deploy\w*|cloud|servers?|region|bill|costs?|spend"
    r"|credits|account|tenant|tenancy|tenancies|subscription|where\s+(?:will\s+)?it\s+(?:run|live)s?)\b",
    re.IGNORECASE,
)
# a provider named to leave, avoid or compare is no choice of where it runs
_NOT_CHOSEN = re.compile(
    r"\b(?:no|not|never|without|avoid\w*|rather\s+not|instead\s+of|away\s+from|leav\w+|off|from"
    r"|except|unlike|than|vs\.?|versus|banned|forbid\w*|maybe|perhaps|or)\s+"
    # "no AWS/GCP", "not Azure or AWS": the names listed after the negation
    r"(?:[\w+-]{1,15}(?:\s*[/,&]\s*|\s+(?:or|and|nor)\s+|\s+)){0,3}$",
    re.IGNORECASE,
)
_UNSURE = re.compile(
    r"\b(?:maybe|perhaps|not\s+sure|undecided|not\s+(?:yet\s+)?decided|might|could|either"
    # "(AWS GovCloud or Azure Government) are acceptable": options, not where it runs
    r"|acceptable|options?|alternatives?)\b",
    re.IGNORECASE,
)
_CLAUSE = re.compile(r"[^.;!?\n]+(?:[.;!?](?!\s)[^.;!?\n]*)*")
_LABEL = re.compile(r"[^\n]{0,60}[?:][ \t]*$")


@dataclass(frozen=True)
class Place:
    """A provider or hosting company named where the system runs."""

    field: str  # "cloud" or "deployment"
    value: str
    start: int
    end: int
    note: str


def hosting_places(text: str) -> list[Place]:
    """Providers named in clauses about hosting, with the clause's label or question as lead."""
    out: list[Place] = []
    lines = text.split("\n")
    offset = 0
    previous = ""
    for line in lines:
        for clause in _CLAUSE.finditer(line):
            body = clause.group(0)
            if not _HOSTING.search(body) and not (
                _LABEL.search(previous) and _HOSTING.search(previous)
            ):
                continue
            if _UNSURE.search(body):
                continue
            for m in _named().finditer(body):
                if _NOT_CHOSEN.search(body[: m.start()][-40:]):
                    continue
                start = offset + clause.start() + m.start()
                end = offset + clause.start() + m.end()
                kind = next(k for k, v in m.groupdict().items() if v)
                if kind == "hoster":
                    out.append(Place("deployment", "cloud", start, end, "a hosting company"))
                    continue
                provider = kind.removesuffix("_product")
                note = (
                    f"{m.group(0)!r} is a {provider.upper()} product (knowledge base)"
                    if kind.endswith("_product")
                    else "the provider named in a clause about hosting"
                )
                out.append(Place("cloud", provider, start, end, note))
        if line.strip():
            previous = line
        offset += len(line) + 1
    return out
