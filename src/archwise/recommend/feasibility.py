"""The feasibility verdict: requirements that no design can meet together, with the numbers."""

from __future__ import annotations

import math
import re
from collections.abc import Mapping, Sequence
from typing import Any

from archwise.kb.schemas.place import Place
from archwise.recommend.expr import allowance_gb_per_day, gb_per_day, link_mbps
from archwise.recommend.limits import stated_limit_conflicts
from archwise.recommend.models import Conflict, Feasibility, Option
from archwise.recommend.rulebook import KBLike, RuleBook

MINUTES_PER_MONTH = 43_800.0
DAYS_PER_MONTH = 30.44
BIG_THREE = frozenset({"aws", "gcp", "azure"})
# Price roles of the colder storage classes: millisecond reads (the floor for data that must be
# readable on demand), and archive (hours to restore; named as a way out, never assumed).
COLD_ROLE, ARCHIVE_ROLE = "object-storage-cold", "object-storage-archive"
SECONDS_PER_DAY = 86_400.0
MBIT_PER_GB = 8_000.0


def _get(data: Mapping[str, Any], path: str) -> Any:
    value: Any = data
    for part in path.split("."):
        if not isinstance(value, Mapping):
            return None
        value = value.get(part)
    return value


def cheapest(options: Sequence[Option]) -> tuple[float, str] | None:
    """The lowest monthly cost of a priced option at its launch load, and whose it is."""
    priced = [(o.cost_usd_per_month.low, o.name) for o in options if o.cost_usd_per_month.lines]
    return min(priced) if priced else None


def budget_conflict(
    req: Mapping[str, Any], options: Sequence[Option], book: RuleBook
) -> list[Conflict]:
    """Budget against the cheapest design that carries the load, even at its launch load."""
    budget = _get(req, "constraints.budget.infra_usd_per_month")
    low = cheapest(options)
    # Cost estimates are ranges with rounding: only a clear overrun is a conflict.
    margin = book.setting("feasibility.budget_margin", 2.0)
    if budget is None or low is None or low[0] <= budget * margin:
        return []
    cost, name = low
    users = _get(req, "non_functional.users.concurrent")
    avail = _get(req, "non_functional.availability_percent")
    relax = [f"raise the budget to at least ${cost:,.0f}/month"]
    if users:
        relax.append(
            f"lower the scale target: at ${budget:,.0f}/month about "
            f"{max(1, int(users * budget / cost)):,} concurrent users fit"
        )
    if avail is not None and avail > 99.9:
        relax.append("accept a lower availability target (fewer redundant nodes)")
    relax.append("buy a hosted product instead of building and running the system")
    numbers: dict[str, float] = {
        "budget_usd_per_month": float(budget),
        "cheapest_design_usd_per_month": float(cost),
    }
    if users:
        numbers["concurrent_users"] = float(users)
    return [
        Conflict(
            requirements=[
                "constraints.budget.infra_usd_per_month",
                "non_functional.users.concurrent",
                *(["non_functional.availability_percent"] if avail is not None else []),
            ],
            why=f"the cheapest design that carries the stated load ({name}) costs about "
            f"${cost:,.0f}/month, over the ${budget:,.0f}/month budget",
            numbers=numbers,
            relax=relax,
        )
    ]


def several_sites(req: Mapping[str, Any], concerns: Sequence[str] = ()) -> bool:
    """Whether the system runs in more than one region, or on owned sites in two data centres."""
    if _get(req, "non_functional.multi_region") is True:
        return True
    # The providers' region commitments do not bound the organisation's own sites: two owned
    # data centres are two failure domains, as two regions are.
    own = _get(req, "constraints.deployment") in ("on-prem", "hybrid")
    return own and "two-data-centres" in concerns


def availability_conflict(
    req: Mapping[str, Any], book: RuleBook, concerns: Sequence[str] = ()
) -> list[Conflict]:
    """Availability against the people who must restore service when it fails."""
    avail = _get(req, "non_functional.availability_percent")
    if avail is None:
        return []
    engineers = _get(req, "constraints.team.engineers")
    on_call = _get(req, "constraints.ops.on_call")
    downtime = (1 - avail / 100) * MINUTES_PER_MONTH
    out: list[Conflict] = []
    round_the_clock = book.setting("feasibility.round_the_clock_above_percent", 99.95)
    rotation = book.setting("feasibility.rotation_engineers", 5)
    rotation_at = book.setting("feasibility.rotation_above_percent", 99.95)
    numbers = {"availability_percent": float(avail), "downtime_minutes_per_month": downtime}
    if avail > round_the_clock and on_call in ("none", "business-hours"):
        out.append(
            Conflict(
                requirements=["non_functional.availability_percent", "constraints.ops.on_call"],
                why=f"{avail:g}% allows {downtime:.1f} minutes of downtime a month, but with "
                f"on-call '{on_call}' a failure at night waits hours for a person",
                numbers=numbers,
                relax=[
                    "staff a 24x7 on-call rotation",
                    f"lower the target to {round_the_clock:g}% or less",
                ],
            )
        )
    if avail > rotation_at and engineers is not None and engineers < rotation:
        out.append(
            Conflict(
                requirements=["non_functional.availability_percent", "constraints.team.engineers"],
                why=f"{avail:g}% ({downtime:.1f} minutes of downtime a month) needs a 24x7 "
                f"rotation of at least {rotation:g} engineers; the team has {engineers}",
                numbers={**numbers, "engineers": float(engineers), "rotation_needs": rotation},
                relax=[
                    f"grow the team to {rotation:g}+ engineers who share on-call",
                    f"lower the target to {rotation_at:g}% or less",
                    "buy the availability: a fully managed platform whose provider is on call",
                ],
            )
        )
    single = book.setting("feasibility.single_region_max_percent", 99.99)
    if avail > single and not several_sites(req, concerns):
        out.append(
            Conflict(
                requirements=["non_functional.availability_percent", "non_functional.multi_region"],
                why=f"{avail:g}% ({downtime:.1f} minutes of downtime a month) is more than one "
                f"region promises: the providers' region-level commitments stop at {single:g}%, "
                "and the file does not run in several regions",
                numbers={**numbers, "single_region_max_percent": single},
                relax=[
                    "run in two or more regions with failover (multi_region: true), or on "
                    "owned sites in two data centres each able to carry the load",
                    f"lower the target to {single:g}% or less",
                ],
            )
        )
    return out


def latency_conflict(req: Mapping[str, Any], book: RuleBook) -> list[Conflict]:
    """Cross-region strong consistency against the latency target (a quorum is a round trip)."""
    if _get(req, "non_functional.multi_region") is not True:
        return []
    if _get(req, "non_functional.consistency") != "strong":
        return []
    targets = {
        f"non_functional.latency.{k}": _get(req, f"non_functional.latency.{k}")
        for k in ("p50_ms", "p95_ms", "p99_ms")
    }
    known = {k: v for k, v in targets.items() if v is not None}
    if not known:
        return []
    rtt = book.setting("feasibility.cross_region_rtt_ms", 60.0)
    path, target = min(known.items(), key=lambda kv: kv[1])
    if target >= rtt:
        return []
    return [
        Conflict(
            requirements=["non_functional.multi_region", "non_functional.consistency", path],
            why=f"a strongly consistent write across regions waits for a quorum in another "
            f"region (about {rtt:g} ms round trip), beyond the {target:g} ms target",
            numbers={"target_ms": float(target), "cross_region_round_trip_ms": rtt},
            relax=[
                "keep strong consistency within one region (home region per user or tenant)",
                "accept eventual consistency across regions",
                f"relax the latency target to {rtt * 2:g} ms or more for writes",
            ],
        )
    ]


def technology_conflicts(req: Mapping[str, Any], kb: KBLike) -> list[Conflict]:
    """Required technologies against the forbidden list and the radar's hold ring."""
    required = _get(req, "constraints.technologies.required") or []
    forbidden = _get(req, "constraints.technologies.forbidden") or []
    out: list[Conflict] = []

    def canon(name: str) -> str:
        found = kb.find(name)
        return found.name if found is not None else name.casefold()

    banned = {canon(f) for f in forbidden}
    for name in required:
        if canon(name) in banned:
            out.append(
                Conflict(
                    requirements=[
                        "constraints.technologies.required",
                        "constraints.technologies.forbidden",
                    ],
                    why=f"{name} is both required and forbidden",
                    relax=[f"remove {name} from one of the two lists"],
                )
            )
        found = kb.find(name)
        if found is not None and kb.ring(found.name) == "hold":
            out.append(
                Conflict(
                    requirements=["constraints.technologies.required", "radar"],
                    why=f"{found.name} is required, but the organisation's radar puts it on hold",
                    relax=[
                        f"get an exception for {found.name} from the radar's owners",
                        f"drop {found.name} from the required list",
                    ],
                )
            )
    return out


def kept_gb(req: Mapping[str, Any]) -> float | None:
    """Data kept a year from now by the stated numbers: size plus growth, capped by retention."""
    size = _get(req, "functional.data.size_gb")
    grow = _get(req, "functional.data.growth_gb_per_month")
    if size is None and grow is None:
        return None
    size, grow = float(size or 0.0), float(grow or 0.0)
    in_a_year = size + grow * 12
    keep = _get(req, "functional.data.retention_days")
    if keep is None:
        return in_a_year
    # Data older than the retention is deleted: a steady inflow keeps growth x retention.
    return min(in_a_year, max(size, grow * float(keep) / DAYS_PER_MONTH))


def _volume(gb: float) -> str:
    if gb >= 1e6:
        return f"{gb / 1e6:,.1f} PB"
    return f"{gb / 1e3:,.0f} TB" if gb >= 1e3 else f"{gb:,.0f} GB"


def _storage_floor(book: RuleBook, role: str, provider: str | None, gb: float) -> float | None:
    found = [
        p.monthly_usd(gb)
        for p in book.prices.values()
        if role in p.serves and (provider is None or p.provider == provider)
    ]
    return min(found) if found else None


def storage_conflict(req: Mapping[str, Any], book: RuleBook) -> list[Conflict]:
    """Size x retention on the cheapest storage class with on-demand reads, against the budget."""
    budget = _get(req, "constraints.budget.infra_usd_per_month")
    gb = kept_gb(req)
    if budget is None or not gb or _get(req, "constraints.deployment") == "on-prem":
        return []
    cloud = _get(req, "constraints.cloud")
    provider = cloud if cloud in BIG_THREE else None
    cold = _storage_floor(book, COLD_ROLE, provider, gb)
    margin = book.setting("feasibility.budget_margin", 2.0)
    # A few dollars of storage never decide feasibility (free tiers, static hosts' allowances).
    floor = book.setting("feasibility.storage_min_usd", 100.0)
    if cold is None or cold <= max(budget * margin, floor):
        return []
    archive = _storage_floor(book, ARCHIVE_ROLE, provider, gb)
    keep = _get(req, "functional.data.retention_days")
    grow = _get(req, "functional.data.growth_gb_per_month")
    numbers: dict[str, float] = {
        "budget_usd_per_month": float(budget),
        "stored_gb": float(round(gb)),
        "cold_storage_usd_per_month": float(round(cold)),
    }
    relax = [f"raise the budget to at least ${cold:,.0f}/month for storage alone"]
    if keep and grow:
        fits = budget / cold * min(float(keep), 365.0)
        relax.append(f"keep the data for about {max(1, int(fits)):,} days instead of {keep:g}")
    relax.append(
        "store less: lower bitrate or resolution, compression, or only the events at full "
        "fidelity (the rest at the source)"
    )
    if archive is not None:
        numbers["archive_storage_usd_per_month"] = float(round(archive))
        if archive <= budget * margin:
            relax.append(
                f"accept restores that take hours: the archive class costs about "
                f"${archive:,.0f}/month"
            )
    return [
        Conflict(
            requirements=[
                "constraints.budget.infra_usd_per_month",
                *(
                    f"functional.data.{k}"
                    for k in ("size_gb", "growth_gb_per_month", "retention_days")
                    if _get(req, f"functional.data.{k}") is not None
                ),
            ],
            why=f"{_volume(gb)} kept (size, growth and retention as stated) costs about "
            f"${cold:,.0f}/month on the cheapest storage class with on-demand reads, over the "
            f"${budget:,.0f}/month budget",
            numbers=numbers,
            relax=relax,
        )
    ]


# Each provider's offline transfer appliance, named in the ways out of a link conflict.
_APPLIANCE = {
    "aws": "AWS Snowball",
    "azure": "Azure Data Box",
    "gcp": "Google Transfer Appliance",
}


def _described(req: Mapping[str, Any]) -> list[str]:
    """What the requirements say in words: workflows, critical features and the summary."""
    return [
        *(_get(req, "functional.workflows") or []),
        *(_get(req, "functional.critical_features") or []),
        _get(req, "summary") or "",
    ]


def _said(req: Mapping[str, Any], book: RuleBook, concept_id: str) -> bool:
    """Whether the requirements' text says a concept of the lexicon."""
    # archetypes imports scoring, which imports this module: read the concept at call time.
    from archwise.recommend.archetypes import concept_said, requirement_text

    concept = book.concepts.get(concept_id)
    return concept is not None and concept_said(concept, requirement_text(req))


def _raw_daily(req: Mapping[str, Any], book: RuleBook, texts: list[str]) -> float | None:
    """The GB a day the text says must travel, unless it says the data is reduced at the site."""
    daily = gb_per_day(texts)
    if daily is None or _said(req, book, "reduced-at-site"):
        return None
    return daily


def metered_conflict(req: Mapping[str, Any], book: RuleBook) -> list[Conflict]:
    """The data a day against a metered link's allowance (a data plan a month, a day)."""
    texts = _described(req)
    allowance, daily = allowance_gb_per_day(texts), _raw_daily(req, book, texts)
    if allowance is None or daily is None or allowance <= 0 or daily <= allowance:
        return []
    share = 100 * allowance / daily
    return [
        Conflict(
            requirements=["functional.workflows"],
            why=f"about {_mb(daily)} a day must cross a metered link whose allowance is about "
            f"{_mb(allowance)} a day, {daily / allowance:,.0f} times less",
            numbers={
                "gb_per_day": float(round(daily, 4)),
                "allowance_gb_per_day": float(round(allowance, 6)),
            },
            relax=[
                "process the data where it is produced (classify, filter, compress) and send "
                "results or thumbnails, not the raw data",
                f"a plan or a link that carries at least {_mb(daily)} a day",
                "collect the bulk physically (cards or disks picked up on visits) and send only "
                "what is urgent over the metered link",
                f"send a share of the data: the allowance carries about {share:.2g}% of a day's "
                "volume",
            ],
        )
    ]


def _mb(gb: float) -> str:
    """A daily volume in the unit that reads best."""
    return f"{gb:,.1f} GB" if gb >= 1 else f"{gb * 1000:,.2g} MB"


def link_conflict(req: Mapping[str, Any], book: RuleBook) -> list[Conflict]:
    """The data a site produces a day against what its link carries in a day (all day, flat out)."""
    texts = _described(req)
    link, daily = link_mbps(texts), _raw_daily(req, book, texts)
    if link is None or daily is None or link <= 0:
        return []
    utilisation = book.setting("feasibility.link_utilisation", 1.0)
    carried = link * utilisation * SECONDS_PER_DAY / MBIT_PER_GB
    if daily <= carried:
        return []
    needed = daily * MBIT_PER_GB / SECONDS_PER_DAY / utilisation
    cloud = _get(req, "constraints.cloud")
    appliance = _APPLIANCE.get(cloud) if isinstance(cloud, str) else None
    return [
        Conflict(
            requirements=["functional.workflows"],
            why=f"about {daily:,.0f} GB a day must cross a link of {link:g} Mbit/s, which carries "
            f"at most about {carried:,.0f} GB a day running flat out",
            numbers={
                "gb_per_day": float(round(daily, 1)),
                "link_mbps": float(link),
                "link_gb_per_day": float(round(carried, 1)),
                "needed_mbps": float(round(needed, 1)),
            },
            relax=[
                "process the data where it is produced and send results, summaries or events, "
                "not the raw data",
                f"a link of at least {needed:,.0f} Mbit/s",
                "move the bulk physically (shipped disks"
                + (f" or {appliance}" if appliance else ", or the provider's transfer appliance")
                + ") and send only what is urgent over the link",
                f"send a share of the data: the link carries about {100 * carried / daily:.0f}% "
                "of a day's volume",
            ],
        )
    ]


EARTH_KM = 6371.0
# "within 25 ms", "25 milliseconds", "at most 20ms": a time in milliseconds a sentence states.
_MS = re.compile(r"(?<![\w.])(\d+(?:\.\d+)?)\s*(?:ms|milliseconds?)\b", re.IGNORECASE)
_LINE = re.compile(r"[^.;!?\n]+")


def _km(a: Place, b: Place) -> float:
    """The great-circle distance between two places (haversine)."""
    p1, p2 = math.radians(a.lat), math.radians(b.lat)
    dp, dl = p2 - p1, math.radians(b.lon - a.lon)
    h = math.sin(dp / 2) ** 2 + math.cos(p1) * math.cos(p2) * math.sin(dl / 2) ** 2
    return 2 * EARTH_KM * math.asin(math.sqrt(h))


def _named_places(sentence: str, places: Sequence[Place]) -> list[Place]:
    low = sentence.casefold()
    return [
        p
        for p in places
        if any(
            re.search(r"(?<![a-z])" + re.escape(n.casefold()) + r"(?![a-z])", low)
            for n in (p.name, *p.aliases)
        )
    ]


def distance_conflict(req: Mapping[str, Any], book: RuleBook) -> list[Conflict]:
    """Two cities one sentence names against the milliseconds it allows between them."""
    km_per_ms = book.setting("feasibility.fibre_km_per_ms", 200.0)
    texts = _described(req)
    worst: tuple[float, float, Place, Place] | None = None
    for text in texts:
        for sentence in _LINE.findall(str(text)):
            limits = [float(m.group(1)) for m in _MS.finditer(sentence)]
            named = _named_places(sentence, book.places) if limits else []
            if len(named) < 2:
                continue
            a, b = max(
                ((x, y) for i, x in enumerate(named) for y in named[i + 1 :]),
                key=lambda pair: _km(*pair),
            )
            floor = _km(a, b) / km_per_ms
            target = min(limits)
            if target < floor and (worst is None or floor - target > worst[1] - worst[0]):
                worst = (target, floor, a, b)
    if worst is None:
        return []
    target, floor, a, b = worst
    km = floor * km_per_ms
    return [
        Conflict(
            requirements=["functional.workflows"],
            why=f"{a.name} and {b.name} are about {km:,.0f} km apart: light in fibre takes at "
            f"least {floor:.0f} ms one way, beyond the {target:g} ms the requirements allow",
            numbers={
                "distance_km": float(round(km)),
                "target_ms": target,
                "fibre_one_way_ms": float(round(floor, 1)),
            },
            relax=[
                f"a target of {floor * 1.5:.0f} ms or more between {a.name} and {b.name} (real "
                "fibre routes are about half as long again as the great circle)",
                f"keep the {target:g} ms target for people within about "
                f"{target * km_per_ms:,.0f} km of each other, served from a region near them",
                "predict locally and reconcile (client-side prediction), so the far side's delay "
                "is hidden rather than removed",
            ],
        )
    ]


# A time in a sentence that states it as a bound: "within 150 ms", "acknowledged in 200 ms".
_BOUND = re.compile(
    r"\b(?:within|under|below|less than|at most|no more than|round[\s-]trip|respon|acknowledg|"
    r"answer|latency|delay)",
    re.IGNORECASE,
)
_EVERY = re.compile(r"\bevery\s+\d", re.IGNORECASE)
_LINK_RTT = "feasibility.link_round_trip_ms."


def _stated_bounds(texts: Sequence[str]) -> list[float]:
    """Times in milliseconds the text states as bounds (not intervals such as 'every 10 ms')."""
    return [
        float(m.group(1))
        for text in texts
        for sentence in _LINE.findall(str(text))
        if _BOUND.search(sentence) and not _EVERY.search(sentence)
        for m in _MS.finditer(sentence)
    ]


def propagation_conflict(req: Mapping[str, Any], book: RuleBook) -> list[Conflict]:
    """A link kind's own round trip (a geostationary hop) against a bound the text states."""
    kinds = {
        key[len(_LINK_RTT) :]: float(value)
        for rule in book.by_kind.get("settings", [])
        for key, value in rule.settings.items()
        if key.startswith(_LINK_RTT)
    }
    said = [(rtt, cid) for cid, rtt in kinds.items() if _said(req, book, cid)]
    bounds = _stated_bounds(_described(req))
    if not said or not bounds:
        return []
    rtt, cid = max(said)
    target = min(bounds)
    if target >= rtt:
        return []
    concept = book.concepts[cid]
    return [
        Conflict(
            requirements=["functional.workflows", "non_functional.latency"],
            why=f"the path crosses {concept.name}, whose round trip alone takes at least "
            f"{rtt:g} ms, beyond the {target:g} ms the requirements allow",
            numbers={"link_round_trip_ms": rtt, "target_ms": target},
            relax=[
                "close the tight loop at the site (local control or an edge server) and send "
                "results and supervision over the link",
                f"a link kind with a shorter round trip (terrestrial, or a low Earth orbit "
                f"service) if the {target:g} ms must cross it",
                f"a target of {rtt * 1.3:.0f} ms or more for what crosses the link",
            ],
        )
    ]


# Words that make a city a site of the system's own (where its machines or people work).
_SITE = re.compile(
    r"\b(?:site|sites|centre|center|plant|factory|warehouse|depot|mine|port|yard|hospital|store|"
    r"branch|office|floor|venue|stadium|studio|farm|terminal|station)\b",
    re.IGNORECASE,
)


def site_conflict(req: Mapping[str, Any], book: RuleBook) -> list[Conflict]:
    """A site the text places in a city against the cloud region it names, for a tight target."""
    if _get(req, "constraints.deployment") != "cloud":
        return []
    targets = [
        float(v)
        for k in ("p50_ms", "p95_ms", "p99_ms", "p999_ms")
        if (v := _get(req, f"non_functional.latency.{k}")) is not None
    ]
    if not targets or min(targets) >= book.setting("feasibility.metro_latency_ms", 10.0):
        return []
    target = min(targets)
    text = " ".join(str(t) for t in _described(req))
    low = text.casefold()
    regions = [
        r
        for p in book.regions
        for r in p.regions
        if re.search(r"(?<![a-z0-9-])" + re.escape(r.code.casefold()) + r"(?![a-z0-9-])", low)
    ]
    homes = [h for r in regions for h in _named_places(r.city, book.places)]
    sites = [
        s
        for sentence in _LINE.findall(text)
        if _SITE.search(sentence)
        for s in _named_places(sentence, book.places)
    ]
    pairs = [(s, h) for s in sites for h in homes if s.name != h.name]
    if not pairs:
        return []
    site, home = max(pairs, key=lambda pair: _km(*pair))
    per_ms = book.setting("feasibility.fibre_km_per_ms", 200.0)
    km = _km(site, home)
    round_trip = 2 * km / per_ms
    if round_trip <= target:
        return []
    return [
        Conflict(
            requirements=["non_functional.latency", "constraints.deployment"],
            why=f"the site at {site.name} is about {km:,.0f} km from the cloud region at "
            f"{home.name}: a round trip takes light in fibre at least {round_trip:.0f} ms, "
            f"beyond the {target:g} ms target",
            numbers={
                "distance_km": float(round(km)),
                "target_ms": target,
                "fibre_round_trip_ms": float(round(round_trip, 1)),
            },
            relax=[
                "run the tight loop on servers at the site (an edge or on-premises cell) and "
                "keep the rest in the cloud",
                f"a cloud region or edge zone within about {target / 2 * per_ms:,.0f} km of "
                "the site",
                f"a latency target of {round_trip * 1.5:.0f} ms or more for calls that cross "
                "to the region",
            ],
        )
    ]


# A clause about where the system's machines are, and one about where its people are.
_HOSTED = re.compile(
    r"\b(?:servers?|data ?cent(?:re|er)s?|datacent(?:re|er)s?|hosted|hosting|racks?|"
    r"cloud regions?|regions?|clusters?|machines)\b",
    re.IGNORECASE,
)
_AUDIENCE = re.compile(
    r"\b(?:users?|players?|customers?|viewers?|listeners?|visitors?|members?|subscribers?|"
    r"traders?|shoppers?|fans|audiences?|students?|patients?|guests?|drivers?|riders?|people)\b",
    re.IGNORECASE,
)


def _area_places(clause: str, book: RuleBook) -> list[tuple[str, list[Place]]]:
    """The places a clause names, each a named group: a city alone, or an area's cities."""
    groups = [(p.name, [p]) for p in _named_places(clause, book.places)]
    low = clause.casefold()
    for area in book.areas:
        if any(
            re.search(r"(?<![a-z])" + re.escape(n.casefold()) + r"(?![a-z])", low)
            for n in (area.name, *area.aliases)
        ):
            cities = [p for p in book.places if p.country in area.countries]
            if cities:
                groups.append((area.name, cities))
    return groups


def audience_conflict(req: Mapping[str, Any], book: RuleBook) -> list[Conflict]:
    """Servers the text puts in one place against users it puts far away, for the latency target.

    A clause that says where the machines are ("all servers sit in one data centre in Frankfurt")
    and one that says where the people are ("our players are in Australia") set a floor on the
    round trip: twice the distance over light's speed in fibre. An area is as near as its nearest
    city, so the floor is never overstated. Systems in several regions or at the edge are left to
    the other checks.
    """
    if _get(req, "non_functional.multi_region") is True or _get(req, "constraints.deployment") == (
        "edge"
    ):
        return []
    targets = [
        float(v)
        for k in ("p50_ms", "p95_ms", "p99_ms", "p999_ms")
        if isinstance(v := _get(req, f"non_functional.latency.{k}"), (int, float))
    ]
    texts = _described(req)
    targets += _stated_bounds(texts)
    if not targets:
        return []
    hosts: list[Place] = []
    audiences: list[tuple[str, list[Place]]] = []
    for text in texts:
        for clause in _LINE.findall(str(text)):
            hosted, people = _HOSTED.search(clause), _AUDIENCE.search(clause)
            if hosted and not people:
                hosts += [p for _, group in _area_places(clause, book) for p in group]
            elif people and not hosted:
                audiences += _area_places(clause, book)
    if not hosts or not audiences:
        return []
    # The farthest audience, each at its nearest city to the nearest server.
    km, host, near, where = max(
        (
            min(((_km(h, p), h, p, name) for h in hosts for p in group), key=lambda t: t[0])
            for name, group in audiences
        ),
        key=lambda t: t[0],
    )
    per_ms = book.setting("feasibility.fibre_km_per_ms", 200.0)
    round_trip = 2 * km / per_ms
    target = min(targets)
    if round_trip <= target:
        return []
    return [
        Conflict(
            requirements=["non_functional.latency", "functional.workflows"],
            why=f"the servers in {host.name} are about {km:,.0f} km from the users in {where}"
            + (f" (at its nearest, {near.name})" if near.name != where else "")
            + f": a round trip takes light in fibre at least {round_trip:.0f} ms, beyond the "
            f"{target:g} ms target",
            numbers={
                "distance_km": float(round(km)),
                "target_ms": target,
                "fibre_round_trip_ms": float(round(round_trip, 1)),
            },
            relax=[
                f"servers within about {target / 2 * per_ms:,.0f} km of the users (a region or "
                "edge site near them), one per area served",
                f"a latency target of {round_trip * 1.5:.0f} ms or more for users that far away "
                "(real fibre routes are about half as long again as the great circle)",
                "hide the delay on the client (prediction, optimistic updates) where the "
                "interaction allows it",
            ],
        )
    ]


def _misplaced(
    req: Mapping[str, Any], kb: KBLike, isolated: bool
) -> list[tuple[str, Any, list[str], str]]:
    """Required managed-only entries that cannot run where the system runs, and where."""
    required = _get(req, "constraints.technologies.required") or []
    deployment = _get(req, "constraints.deployment")
    cloud = _get(req, "constraints.cloud")
    out: list[tuple[str, Any, list[str], str]] = []
    for name in required:
        entry = kb.find(name)
        if entry is None or not getattr(entry, "managed_only", False):
            continue
        providers = sorted({m.provider for m in getattr(entry, "managed", [])})
        if deployment == "on-prem" or isolated:
            out.append((name, entry, providers, "premises"))
        elif (
            cloud in BIG_THREE
            and providers
            and set(providers) <= BIG_THREE
            and cloud not in providers
        ):
            out.append((name, entry, providers, "cloud"))
    return out


def unusable_required(req: Mapping[str, Any], kb: KBLike, isolated: bool = False) -> set[str]:
    """Required technologies (as the file names them) that cannot run where the system runs."""
    return {name for name, _, _, _ in _misplaced(req, kb, isolated)}


def placement_conflicts(
    req: Mapping[str, Any], kb: KBLike, isolated: bool = False
) -> list[Conflict]:
    """Required managed-only technologies against where the system must run."""
    cloud = _get(req, "constraints.cloud")
    out: list[Conflict] = []
    for _, entry, providers, kind in _misplaced(req, kb, isolated):
        where = ", ".join(providers) if providers else "its vendor"
        if kind == "premises":
            place = "an isolated network" if isolated else "premises"
            out.append(
                Conflict(
                    requirements=["constraints.technologies.required", "constraints.deployment"],
                    why=f"{entry.name} is required, but it exists only as a managed service "
                    f"({where}) and cannot run on {place}",
                    relax=[
                        f"drop {entry.name} from the required list and use a self-hosted "
                        "equivalent",
                        "run the system in the cloud that offers it",
                    ],
                )
            )
        else:
            out.append(
                Conflict(
                    requirements=["constraints.technologies.required", "constraints.cloud"],
                    why=f"{entry.name} is required, but it is a managed service of {where} "
                    f"and the system runs on {cloud}",
                    relax=[
                        f"drop {entry.name} from the required list for {cloud}'s equivalent",
                        f"run the system on {where}",
                    ],
                )
            )
    return out


def _places(book: RuleBook) -> dict[str, set[str]]:
    """Each listed provider's jurisdictions: the countries of its regions and their groups."""
    return {p.id: {x for r in p.regions for x in (r.country, *r.groups)} for p in book.regions}


def _residency(req: Mapping[str, Any], places: Mapping[str, set[str]]) -> list[str]:
    """The file's residency jurisdictions that some provider's region list can be judged by."""
    known = set().union(*places.values()) if places else set()
    wanted = [str(v).casefold() for v in _get(req, "non_functional.data_residency") or []]
    return [v for v in wanted if v in known]


def residency_gaps(entry: Any, req: Mapping[str, Any], book: RuleBook) -> list[str]:
    """Required jurisdictions where none of a managed-only entry's providers has a region."""
    if not getattr(entry, "managed_only", False):
        return []
    if not _get(req, "non_functional.data_residency"):
        return []
    places = _places(book)
    providers = {m.provider for m in getattr(entry, "managed", [])}
    # A provider whose regions archwise does not list is not judged: no claim either way.
    if not providers or not providers <= set(places):
        return []
    return [v for v in _residency(req, places) if not any(v in places[p] for p in providers)]


def cloud_residency_gaps(req: Mapping[str, Any], book: RuleBook) -> list[str]:
    """Required jurisdictions where constraints.cloud has no region."""
    cloud = _get(req, "constraints.cloud")
    if not _get(req, "non_functional.data_residency"):
        return []
    places = _places(book)
    if cloud not in places:
        return []
    return [v for v in _residency(req, places) if v not in places[cloud]]


def residency_blocked(req: Mapping[str, Any], kb: KBLike, book: RuleBook) -> set[str]:
    """Required technologies (as the file names them) with no region where the data must stay."""
    required = _get(req, "constraints.technologies.required") or []
    return {n for n in required if residency_gaps(kb.find(n), req, book)}


def residency_conflicts(req: Mapping[str, Any], kb: KBLike, book: RuleBook) -> list[Conflict]:
    """The chosen cloud and required managed services against where the data must stay."""
    if not _get(req, "non_functional.data_residency"):
        return []
    places = _places(book)
    wanted = _residency(req, places)
    if not wanted:
        return []
    out: list[Conflict] = []
    cloud = _get(req, "constraints.cloud")
    where = ", ".join(wanted)
    missing = cloud_residency_gaps(req, book)
    if missing:
        hosts = sorted(p for p in places if all(v in places[p] for v in missing))
        move = "run the system on a provider with a region there: " + "; ".join(
            _operated(book, h, missing) for h in hosts
        )
        out.append(
            Conflict(
                requirements=["non_functional.data_residency", "constraints.cloud"],
                why=f"the data must stay in {', '.join(missing)}, but {cloud} has no region there",
                numbers={
                    f"{cloud}_regions": float(_count(book, cloud)),
                    f"{cloud}_regions_there": 0.0,
                },
                relax=[
                    *([move] if hosts else []),
                    f"run it on premises or with a local hosting provider in {', '.join(missing)}",
                    f"confirm with counsel whether the data may leave {', '.join(missing)}",
                ],
            )
        )
    for name in _get(req, "constraints.technologies.required") or []:
        entry = kb.find(name)
        gaps = residency_gaps(entry, req, book) if entry is not None else []
        if entry is None or not gaps:
            continue
        providers = ", ".join(sorted({m.provider for m in getattr(entry, "managed", [])}))
        out.append(
            Conflict(
                requirements=["constraints.technologies.required", "non_functional.data_residency"],
                why=f"{entry.name} is required, but it runs only in {providers} regions and "
                f"none is in {', '.join(gaps)} ({where} required)",
                relax=[
                    f"drop {entry.name} from the required list for a service that runs in "
                    f"{', '.join(gaps)}",
                    f"confirm with counsel whether the data may leave {', '.join(gaps)}",
                ],
            )
        )
    return out


def _operated(book: RuleBook, provider: str, wanted: Sequence[str]) -> str:
    """A provider, with the local operators of its regions there when it does not run them."""
    ops = sorted(
        {
            r.operated_by
            for p in book.regions
            if p.id == provider
            for r in p.regions
            if r.operated_by and ({r.country, *r.groups} & set(wanted))
        }
    )
    return f"{provider} (run there by {' and '.join(ops)})" if ops else provider


def _count(book: RuleBook, provider: str) -> int:
    return sum(len(p.regions) for p in book.regions if p.id == provider)


def latency_reach(req: Mapping[str, Any], book: RuleBook) -> str | None:
    """Physics for a round trip to a cloud region: how far the users may be, when it is tight."""
    if _get(req, "constraints.deployment") not in ("cloud", "hybrid"):
        return None
    targets = [
        float(v)
        for k in ("p50_ms", "p95_ms", "p99_ms", "p999_ms")
        if (v := _get(req, f"non_functional.latency.{k}")) is not None
    ]
    tight = book.setting("feasibility.metro_latency_ms", 10.0)
    if not targets or min(targets) >= tight:
        return None
    target = min(targets)
    # Light in glass covers about 200 km per millisecond; a request is a round trip.
    per_ms = book.setting("feasibility.fibre_km_per_ms", 200.0)
    reach = target / 2 * per_ms
    where = _get(req, "non_functional.regions")
    said = (
        f"non_functional.regions names {', '.join(map(str, where))}, a jurisdiction, not a distance"
        if where
        else "the file does not say where the users or sites are"
    )
    return (
        f"a {target:g} ms round trip reaches at most about {reach:,.0f} km of fibre from the "
        f"cloud region (light in glass covers about {per_ms:g} km per ms, before any "
        f"processing); {said}: confirm every site is that close to the region, or serve it "
        "from servers at the site or a nearby edge zone"
    )


def blocked_conflicts(blocked: Sequence[tuple[str, list[str], str]]) -> list[Conflict]:
    """Required technologies that a hard constraint of the requirements rules out."""
    return [
        Conflict(
            requirements=["constraints.technologies.required", *fields],
            why=f"{name} is required, but the requirements rule it out: {reason}",
            relax=[
                f"drop {name} from constraints.technologies.required",
                "relax the requirement that rules it out",
            ],
        )
        for name, fields, reason in blocked
    ]


def feasibility(
    req: Mapping[str, Any],
    kb: KBLike,
    book: RuleBook,
    options: Sequence[Option] = (),
    concerns: Sequence[str] = (),
    blocked: Sequence[tuple[str, list[str], str]] = (),
    contradicted: Sequence[Conflict] = (),
) -> Feasibility:
    """The verdict: every conflict found between the requirements (plain data)."""
    conflicts = [
        *contradicted,
        *technology_conflicts(req, kb),
        *blocked_conflicts(blocked),
        *placement_conflicts(req, kb, isolated="isolated-network" in concerns),
        *residency_conflicts(req, kb, book),
        *budget_conflict(req, options, book),
        *storage_conflict(req, book),
        *link_conflict(req, book),
        *metered_conflict(req, book),
        *propagation_conflict(req, book),
        *availability_conflict(req, book, concerns),
        *latency_conflict(req, book),
        *distance_conflict(req, book),
        *site_conflict(req, book),
        *audience_conflict(req, book),
        *stated_limit_conflicts(req, book),
    ]
    return Feasibility(feasible=not conflicts, conflicts=conflicts)
