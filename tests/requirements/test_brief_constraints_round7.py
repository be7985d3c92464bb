"""Round-seven brief mechanisms (dates, teams, money, places), each on sentences written for the test."""

from __future__ import annotations

import pytest

from archwise.requirements.brief_time import reference_date

from ._brief import values as _values

MVP = "constraints.timeline.mvp_months"
PROD = "constraints.timeline.production_months"


def _months(text: str) -> tuple[object, object]:
    values = _values(text)
    return values.get(MVP), values.get(PROD)


@pytest.mark.parametrize(
    ("text", "mvp", "prod"),
    [
        # a trial, a demo or a test with a few is the first delivery; "from <date>" is its date
        ("Date: 2 March 2027\n\nA trial in the Leeds depot from June 2027.", 2.99, None),
        ("We want a demo for the investors in 2 months.", 2, None),
        ("We'd like to test with one school in 3 months.", 3, None),
        # a clinical trial is what the system serves, not a delivery
        ("Date: 2 March 2027\n\nThe clinical trial starts in June 2027.", None, None),
        # "everything", "in use by", "ready by" name the whole thing in production
        ("Posted 1 Feb 2027\n\nEverything, reports included, by the end of May 2027.", None, 3.91),
        ("1 Feb 2027\n\nWe would like it in use by 1 May 2027.", None, 2.92),
        ("Date: 1 Feb 2027\n\nThe new version ready by 1 June 2027 for the season.", None, 3.94),
        ("Date: 1 Feb 2027\n\nFull operation from 1 June 2027.", None, 3.94),
        # a plan's weeks and months, the milestone named later on the line the time heads
        ("Plan\n- Week 10: staff app. This is our MVP.\n- By end of month 6: everything.", 2.3, 6),
        ("- Prototype demo: end of week 4.\n- Final hand-in: end of week 10.", 0.92, 2.3),
        # an unnamed first target before production in its sentence is the MVP
        (
            "Date: 1 Feb 2027\n\nTwo depots by the end of April, all 9 depots by 31 July.",
            2.89,
            5.91,
        ),
        # "no date is set" leaves its milestone undated
        (
            "Date: 1 Feb 2027\n\nGo-live by 1 June 2027. A beta before then is welcome, no date is set.",
            None,
            3.94,
        ),
    ],
)
def test_milestones_in_other_words(text: str, mvp: object, prod: object) -> None:
    got_mvp, got_prod = _months(text)
    for got, want in ((got_mvp, mvp), (got_prod, prod)):
        if want is None:
            assert got is None
        else:
            assert got == pytest.approx(want, rel=0.02)


def test_a_duration_after_a_dated_event_counts_from_its_date() -> None:
    text = (
        "Vienna, 10.01.2027\n\nThe contract award is planned for 10.03.2027. Pilot two months after"
        " award; full operation from 01.12.2027."
    )
    mvp, prod = _months(text)
    assert mvp == pytest.approx(3.94, rel=0.02)  # 10 January -> 10 March, then two months
    assert prod == pytest.approx(10.69, rel=0.02)  # dots: day.month.year


def test_an_undated_event_counts_from_now() -> None:
    assert _months("Date: 1 Feb 2027\n\nPilot two months after award.")[0] == 2


@pytest.mark.parametrize(
    ("text", "day"),
    [
        # a comment stamped with its weekday and date dates the brief
        ("Card: register\n[ ] Live soon\n\nClerk (Tue 2 Feb 2027): approved.", "2027-02-02"),
        # a letter dated at its foot, with its place
        ("Dear Sirs,\n\nplease quote.\n\nKind regards\nOberfeld, 18.01.2027\n", "2027-01-18"),
        ("Dear Sirs,\n\nplease quote.\n\nYours,\nA. Smith\n23 October 2026\n", "2026-10-23"),
        # a target later in the text is no stamp
        (
            "Hi\n\nIt is a booking app.\nFor vets.\nWith reminders.\nWe go live on 3 May 2027.\n\nThanks",
            None,
        ),
    ],
)
def test_reference_dates_stamped_or_at_the_foot(text: str, day: str | None) -> None:
    found = reference_date(text)
    assert (str(found[0]) if found else None) == day


BUDGET = "constraints.budget.infra_usd_per_month"


@pytest.mark.parametrize(
    ("text", "budget"),
    [
        # a price of one thing, an hourly rate, one week's cost: no monthly running cost
        ("The scanners cost €900 each; the rest is software.", None),
        ("Our consultants bill £120/h, so time matters.", None),
        ("Hosting for the event weekend cost $800 last year.", None),
        ("The trucks cost $2,000 a month to lease, but that is not an IT number.", None),
        ("The yearly upkeep budget is 600,000 yen, but this is for the printers.", None),
        # a fee in a clause that names no infrastructure, even with 'below' after it
        ("Credits: 5% of the monthly fee (currently £3,100) for each hour below target.", None),
        ("I'd rather avoid Azure costs: our licences already cost EUR 900 a month.", None),
        # a budget for something else
        ("Our fees (£9,000) are charged to the legal budget.", None),
        ("The project budget is EUR 90,000. Hosting must not exceed EUR 700 per month.", 700),
        # today's spend with no budget set for the new system
        (
            "Infrastructure cost: about $1,400 a month. No budget has been set for the new app.",
            None,
        ),
        # a target outranks today's spend
        ("Spend today is ~$6k/month on the old app; target for the new one is $4k/month.", 4000),
        # dollars the writer gives in brackets replace another currency
        ("We got R$ 300 per month for hosting (around 60 dollars).", 60),
        ("Money for the server: around 3 million VND one month (~120 USD).", 120),
        # other currencies are read and kept as written
        ("Servers: maximum 9 000 rubles a month.", 9000),
    ],
)
def test_money_that_is_not_an_infrastructure_budget(text: str, budget: object) -> None:
    assert _values(text).get(BUDGET) == budget


ENGINEERS = "constraints.team.engineers"
EXPERTISE = "constraints.team.expertise"


@pytest.mark.parametrize(
    ("text", "engineers"),
    [
        # a group added after the team in its sentence
        (
            "The work is done by our team of four developers, who use Go, supplemented by one contractor.",
            5,
        ),
        (
            "Three of us in IT (me, Ola and Bo), all Java people, plus one freelancer for the app.",
            4,
        ),
        ("We have 4 Java developers + 1 DBA.", 5),
        # a bracket after a person in a roll says what they do; one who does not code is left out
        ("Our team: me (I know a little Python), and 2 volunteers from the university.", 3),
        ("Build: Ana, Rui and Tom (all three Ruby), plus me for the money side (I don't code).", 3),
        ("Built by Core (Mia, Leo and Sam - Rust) plus one contractor for the drivers.", 4),
        ("myself (I do PHP very well), one other developer, and an admin who does not code.", 2),
        ("- Build: two members who are professional developers have offered their time.", 2),
        ("Made by the research software group: 3 RSEs.", 3),
        # a person in a list whose bracket wraps to the next line
        ("Us: Lan (frontend, Vue), Minh (Go), Hieu\n  (new graduate, learning Go).", 3),
        # people who will not build it are no team
        (
            "Our IT department (2 developers, Java) will run it; they will not develop the app.",
            None,
        ),
        (
            "- One web developer (me, WordPress) - I will coordinate the agency, not code on this.",
            None,
        ),
        # a relative clause about one more person does not take the team away
        ("- Squad Kite: 4 engineers (Kotlin) + a QA analyst who does not code.", 4),
    ],
)
def test_team_sizes_in_more_shapes(text: str, engineers: object) -> None:
    assert _values(text).get(ENGINEERS) == engineers


def test_skills_of_people_who_will_not_build_are_not_the_teams() -> None:
    text = (
        "Our IT department (2 developers, Java and Oracle) will run it; they will not develop it."
    )
    assert EXPERTISE not in _values(text)


HIRING = "constraints.team.hiring"


@pytest.mark.parametrize(
    ("text", "hiring", "engineers"),
    [
        ("We are three. No budget for extra people.", False, 3),
        ("Team: 2 developers. No open roles.", False, 2),
        ("Two members build it. No one else will be recruited.", False, None),
        ("Management approved one more developer position for May.", True, None),
        ("I look for 2-3 developers to build it.", True, None),
        ("One Go developer leaves in March; backfill approved.", True, None),
        # a person moving over later is a hire, not yet the team
        ("Team: 3 devs (Java). One Kotlin dev\nmoves over from Team Crane in Sprint 3.", True, 3),
    ],
)
def test_hiring_in_more_words(text: str, hiring: bool, engineers: object) -> None:
    values = _values(text)
    assert values.get(HIRING) is hiring
    assert values.get(ENGINEERS) == engineers


@pytest.mark.parametrize(
    ("text", "skills"),
    [
        (
            "She's deep in Elixir, I'm more of a Postgres/SQL person.",
            {"elixir": "strong", "postgresql": "strong"},
        ),
        ("It's just me and Ana; I'm more Python.", {"python": "strong"}),
        (
            "Both of them can write Python well. C++ nobody can write.",
            {"python": "strong", "c++": "none"},
        ),
        ("Four engineers (the apps in Swift and Kotlin).", {"swift": "strong", "kotlin": "strong"}),
        ("My son writes on Kotlin at a bank.", {"kotlin": "strong"}),
    ],
)
def test_skills_in_more_words(text: str, skills: dict[str, str]) -> None:
    assert _values(text)[EXPERTISE] == skills


@pytest.mark.parametrize(
    ("text", "field", "value"),
    [
        ("Hosting is on us, on our standard AWS setup.", "constraints.cloud", "aws"),
        ("**Infra.** GCP, serverless where possible.", "constraints.cloud", "gcp"),
        (
            "**Infra.** GCP, serverless where possible.",
            "constraints.ops.managed_services_preferred",
            True,
        ),
        ("- server in Leeds office, NOT cloud", "constraints.deployment", "on-prem"),
        (
            "We prefer PaaS over anything we have to patch.",
            "constraints.ops.managed_services_preferred",
            True,
        ),
        (
            "App Service and managed SQL, no Kubernetes.",
            "constraints.ops.managed_services_preferred",
            True,
        ),
        ("Nobody wants to babysit servers.", "constraints.ops.managed_services_preferred", True),
        ("Inspectors use web to see the history.", "functional.clients", ["web"]),
        ("no app. only web, people come from the link.", "functional.clients", ["web"]),
    ],
)
def test_places_services_and_clients_in_more_words(text: str, field: str, value: object) -> None:
    assert _values(text).get(field) == value


@pytest.mark.parametrize(
    ("text", "field", "value"),
    [
        # a client ruled out or put off after its name, or in a MoSCoW "Won't" row
        ("Almost all have Android, iPhone nobody has.", "functional.clients", ["android"]),
        (
            "Web first. An iOS app maybe next year - not in this scope.",
            "functional.clients",
            ["web"],
        ),
        ("| Must | Android app |\n| Won't | Desktop app |", "functional.clients", ["android"]),
        # a provider named as one option, or as what to avoid, is no choice
        ("Maybe we use AWS, maybe local hosting. Not sure.", "constraints.cloud", None),
        (
            "I'd rather not take on Azure costs; it runs on our own server.",
            "constraints.cloud",
            None,
        ),
        (
            "I'd rather not take on Azure costs; it runs on our own server.",
            "constraints.deployment",
            "on-prem",
        ),
        # a label and its value, a start of operation
        ("14. Deployment frequency: weekly.", "constraints.ops.deploy_frequency", "weekly"),
        ("nobody knows k8s → managed PaaS", "constraints.ops.managed_services_preferred", True),
        ("Today is 1 March 2027. We would like to start operation before 1 June 2027.", PROD, 3.02),
        # the same name twice is one person
        ("It's just me and Deirdre (part-time), and Deirdre writes C#.", ENGINEERS, 2),
    ],
)
def test_ruled_out_hedged_and_labelled(text: str, field: str, value: object) -> None:
    got = _values(text).get(field)
    if isinstance(value, float):
        assert got == pytest.approx(value, rel=0.02)
    else:
        assert got == value


def test_a_hedge_then_learning_on_one_skill_is_learning() -> None:
    text = "Our team: me (I know a little of Python, I am learning), and 2 volunteers."
    assert _values(text)[EXPERTISE] == {"python": "learning"}


def test_a_team_counted_in_spanish() -> None:
    assert _values("Luis: somos 3, todos en Laravel")[ENGINEERS] == 3


@pytest.mark.parametrize(
    ("text", "field", "value"),
    [
        ("My partner and I both write code, Go mostly.", ENGINEERS, 2),
        ("I run IT here (alone, I do Java at my day job).", ENGINEERS, 1),
        ("I run IT here (alone, I do Java at my day job).", EXPERTISE, {"java": "strong"}),
        ("We have 900 kronor per month for hosting.", BUDGET, 900),
    ],
)
def test_writers_who_code_and_kronor(text: str, field: str, value: object) -> None:
    assert _values(text).get(field) == value
