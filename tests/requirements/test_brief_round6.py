"""Round-six brief mechanisms (teams, dates, money, where it runs), each on sentences written for the test."""

from __future__ import annotations

import pytest

from ._brief import values as _values

CLIENTS = "functional.clients"


@pytest.mark.parametrize(
    ("text", "clients"),
    [
        # the web as the adjective of what someone uses
        ("Shops order through a web system; the pickers have Android tablets.", ["web", "android"]),
        (
            "Drivers snap the receipt on Android and dispatchers do a web upload.",
            ["android", "web"],
        ),
        ("Apps: iOS, Android; web for admins.", ["ios", "android", "web"]),
        ("Claimants use the apps (iOS/Android) and a web form.", ["ios", "android", "web"]),
        ("mobile apps (iOS, Android) + web", ["ios", "android", "web"]),
        ("| Devices | scanners (Android) + supervisor web |", ["android", "web"]),
        # the web as a technology is no client
        ("Our iOS app calls a few web services and web hooks.", ["ios"]),
        # put off with a hedge, or ruled out after the name
        ("iOS and Android, web later maybe", ["ios", "android"]),
        ("Customers use Android, iOS later but not now.", ["android"]),
        ("The app is for Android and iOS, web we don't do for now.", ["android", "ios"]),
        ("Drivers do not use iPhone, too expensive; Android only.", ["android"]),
    ],
)
def test_clients_in_other_words(text: str, clients: list[str]) -> None:
    assert sorted(_values(text)[CLIENTS]) == sorted(clients)  # type: ignore[arg-type]


ENGINEERS = "constraints.team.engineers"
HIRING = "constraints.team.hiring"


@pytest.mark.parametrize(
    ("text", "engineers"),
    [
        # a total restated after the list outranks the list
        ("Team is still us two + Wen? Plus Marco from data, so four.", 4),
        ("3 backend developer (Golang), 1 mobile developer, and me as CTO. So total 5 orang.", 5),
        ("The team: Rita (Flutter), Joao and me (Python), Ines (design). So three devs.", 3),
        # "so N" with no team talked about before is no team
        ("EU customers go to Frankfurt, everyone else to Virginia, so two regions.", None),
        # groups times their size, with a bracket or a comma between
        ("team: 3 squads, 7 developers each, mostly Go", 21),
        ("2 teams (bookings, access) of 4 engineers each", 8),
        # groups under their names add up
        ("2 teams: Points (4 devs) and App (3 devs + 1 designer).", 7),
        ("Squad Falcon, 5 engineers (Kotlin, Go); Squad Otter, 3 engineers (Kotlin).", 8),
        # a total, then its parts
        ("Our team: 5 devs, 2 are frontend (React) and 3 backend (Java).", 5),
        # the team in other words
        ("Our IT team is 2 person: me and my colleague Emre.", 2),
        ("the agency team is, he said, four people, two of them do React Native", 4),
        ("And you're doing it alone, I know, with your Python.", 1),
        ("My brother-in-law Pete and his friend Callum will build it.", 2),
        ("D5: team = Karim, Sofie and Piotr (Python; Piotr also writes C)", 3),
        ("Guests: Tom Berger (backend), Ines Lund (frontend), Ola Nygaard (PM)", 2),
        ("us three (Kofi, Aleksandra, Jun) are Python people", 3),
        # a person still to join is a hire, not the team
        ("us three are Python people; + 1 data scientist starting in June", 3),
        # money charged to us is no team
        ("Our provider charges us 4,200 a month.", None),
    ],
)
def test_team_sizes(text: str, engineers: int | None) -> None:
    assert _values(text).get(ENGINEERS) == engineers


@pytest.mark.parametrize(
    "text",
    [
        "+ 1 data scientist starting in June (hire approved)",
        "Team: 6 engineers; one SRE joins in January",
        "hiring 2 more SREs",
        "The supplier adds 3 more developers from April.",
        "Two backend positions are open.",
        "our CTO plus two engineers we hire with this round",
    ],
)
def test_hires_in_other_words(text: str) -> None:
    assert _values(text).get(HIRING) is True


MVP = "constraints.timeline.mvp_months"
PROD = "constraints.timeline.production_months"


@pytest.mark.parametrize(
    ("text", "mvp", "prod"),
    [
        # a second time in the sentence of an MVP is production
        ("Thu 14 Jan 2027. Pilot on site 1 by end of March, both sites by 1 July.", 2.5, 5.52),
        (
            "Today is 9 November 2026. First version until end of March, the rest until 1st of June.",
            4.66,
            6.7,
        ),
        # an unnamed target followed by "N months later" is the first delivery
        (
            "Date: 3 May 2027\nTarget: region North using it by 1 August; all regions 3 months later",
            2.96,
            5.96,
        ),
        # counted back from a date named before
        (
            "today is 18 Aug. Season opens 5 Dec and the pilot needs to run 3 weeks before that.",
            2.89,
            3.58,
        ),
        # a bare number takes the unit of the time before it on its line
        ("first festival season (MVP) in 5 months; full launch in 9", 5, 9),
        # "after" with nothing after it, and "version 1"
        ("Timeline: version 1 for Surabaya in 3 month, Bandung 2 month after.", 3, 5),
        # the milestone after "from now for"
        ("say 10 weeks from now for something usable", 2.3, None),
        # "by <month>" is the month's first day; its end only when the brief says so
        (
            "Date: 22 July 2026. A pilot by November, everything live before the end of January.",
            3.35,
            6.34,
        ),
        (
            "Today is 2nd of June. I need it for this harvest, which starts the 10th of September.",
            None,
            3.29,
        ),
    ],
)
def test_timelines(text: str, mvp: float | None, prod: float | None) -> None:
    values = _values(text)
    assert values.get(MVP) == pytest.approx(mvp, abs=0.02) if mvp else MVP not in values
    assert values.get(PROD) == pytest.approx(prod, abs=0.02) if prod else PROD not in values


@pytest.mark.parametrize(
    "text",
    [
        "If we win: 3 hospitals for 6 months, starting when the paperwork is done.",  # a length
        "We want to ship several times a day once it's stable.",  # a rate
        "Every walk ends with photos, maybe fifty gigs a month.",  # a rate
    ],
)
def test_no_timeline(text: str) -> None:
    values = _values(text)
    assert MVP not in values and PROD not in values


BUDGET = "constraints.budget.infra_usd_per_month"


@pytest.mark.parametrize(
    ("text", "budget"),
    [
        ("Budget for running it? Under two grand a month in hosting.", 2000),
        # a ceiling on the new system outranks what is charged today
        (
            "They charge $1,300 a month for the VMs; I'd cap the new thing at three thousand a month.",
            3000,
        ),
        ("Cloud spend $42k/month today; the plan caps it at $35k/month after the merge", 35000),
        # no money at all is an answer; money spent on something else is none
        ("Budget: zero for hosting. The club spent $1,850 on a new amplifier last year.", 0),
        ("Our old SMS gateway cost us €120 a month, the new one is cheaper.", None),
        # other currencies are kept as written
        ("For servers we can pay maybe 300 zł monthly, not more.", 300),
    ],
)
def test_budgets(text: str, budget: int | None) -> None:
    assert _values(text).get(BUDGET) == budget


@pytest.mark.parametrize(
    ("text", "deployment", "cloud"),
    [
        (
            "3.6 The service must be hosted on the Government Cloud framework (Microsoft Azure).",
            "cloud",
            "azure",
        ),
        ("Platform\n• Azure — group-wide decision, not negotiable\n", "cloud", "azure"),
        ("Azure consumption forecast £11,500/month.", "cloud", "azure"),
        ("- Assume AWS; the company already has an account.", "cloud", "aws"),
        ("- FedRAMP Moderate authorized cloud; data stays in the United States.", "cloud", None),
        (
            "We have own server room in the factory, we prefer to put there, not cloud.",
            "on-prem",
            None,
        ),
        ("| Hosting | airport data centre (2 rooms), no public cloud |", "on-prem", None),
    ],
)
def test_where_it_runs(text: str, deployment: str, cloud: str | None) -> None:
    values = _values(text)
    assert values.get("constraints.deployment") == deployment
    assert values.get("constraints.cloud") == cloud


EXPERTISE = "constraints.team.expertise"


@pytest.mark.parametrize(
    ("text", "levels"),
    [
        ("Team: 4 of us, Jana does the Flutter app (iOS + Android)", {"flutter": "strong"}),
        ("we all write Go; Marco's a Python person really", {"go": "strong", "python": "strong"}),
        ("sysadmin by trade: I know Linux and Bash well", {"linux": "strong", "bash": "strong"}),
        ("Jun knows PyTorch well.", {"pytorch": "strong"}),
        ("Tom knows Ruby inside out.", {"ruby": "strong"}),
        ("one of them has used FastAPI a lot", {"fastapi": "strong"}),
        ("my day job is Ruby on Rails, so that's what I'm fastest in", {"ruby on rails": "strong"}),
        (
            "the agency team is four people, two of them do React Native and the other two backend"
            " in Node",
            {"react native": "strong", "node.js": "strong"},
        ),
        ("my colleague Emre which is junior, he learns Laravel now", {"laravel": "learning"}),
        ("nobody in house has run Kubernetes", {"kubernetes": "none"}),
        # a hedged part of a team's bracket is no strength of the whole group
        (
            "- team: 5 engs (TypeScript, 2 of them ok-ish in Go) + me (not coding)",
            {"typescript": "strong", "go": "some"},
        ),
        # a name between two bracketed ones, accents included
        (
            "The team: Rita (Flutter), João and me (both Python), Inês (design, doesn't code).",
            {"flutter": "strong", "python": "strong"},
        ),
    ],
)
def test_expertise_in_other_words(text: str, levels: dict[str, str]) -> None:
    assert _values(text)[EXPERTISE] == levels


@pytest.mark.parametrize(
    "text",
    [
        "- D3: managed services over self-hosted wherever possible",
        "- Aleksandra: we go managed — S3, SQS, SageMaker endpoints",
        "| DL-12 | Managed Pub/Sub and Cloud SQL instead of self-run Kafka/Postgres |",
    ],
)
def test_managed_services_preferred(text: str) -> None:
    assert _values(text)["constraints.ops.managed_services_preferred"] is True


@pytest.mark.parametrize(
    ("text", "field", "value"),
    [
        ("We have 12 engineers but only 3 will work on this.", ENGINEERS, 3),
        ("The platform team (6 people) supports 40 product engineers.", ENGINEERS, 6),
        ("It has to run on the hospital's own servers.", "constraints.deployment", "on-prem"),
        # a launch later than a beta is production
        ("Date: 4 March 2027. Launch by end of Q2, beta in 6 weeks.", PROD, 3.88),
        ("Date: 4 March 2027. Launch by end of Q2, beta in 6 weeks.", MVP, 1.38),
        # a month and year as the brief's date
        ("It's March 2027. Beta in June, GA in October.", PROD, 7),
    ],
)
def test_more_forms(text: str, field: str, value: object) -> None:
    assert _values(text).get(field) == value


@pytest.mark.parametrize(
    ("text", "field", "value"),
    [
        ("Me + 2 contractors from Upwork.", ENGINEERS, 3),
        # a count of things after a role word is no team
        ("We will deploy on-premises in our two data centers.", ENGINEERS, None),
        ("We need 3 mobile apps and 2 backend devs.", ENGINEERS, 2),
        (
            "Cloud: none. Everything runs on a VM in our office.",
            "constraints.deployment",
            "on-prem",
        ),
    ],
)
def test_team_and_place_edges(text: str, field: str, value: object) -> None:
    assert _values(text).get(field) == value


def test_a_date_after_a_label_or_comma() -> None:
    values = _values("Written 1 June 2027. Deadline: Sept 15 for the pilot, Dec 1 for everyone.")
    assert values[MVP] == pytest.approx(3.48, abs=0.02)
    assert values[PROD] == pytest.approx(6.01, abs=0.02)


def test_a_hedge_touching_a_skill_qualifies_it() -> None:
    values = _values("I know Python little bit (Django) and he knows JavaScript very good.")
    # the bracket right after the hedge shares it (dev8's l04 expects django: some)
    assert values[EXPERTISE] == {"python": "some", "javascript": "strong", "django": "some"}
    # a level stated elsewhere does not lower one stated outright
    assert _values("I know Python. We use Go a bit too.")[EXPERTISE] == {
        "python": "strong",
        "go": "some",
    }
