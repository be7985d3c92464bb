"""Round 12: the people of a brief, who of them builds, and whose skills are the team's."""

from __future__ import annotations

import pytest

from archwise.requirements.brief_team import read_team

from ._brief import values as _values

C = "constraints"
TEAM = f"{C}.team.engineers"
TEAMS = f"{C}.team.teams"
SKILLS = f"{C}.team.expertise"


@pytest.mark.parametrize(
    ("text", "size"),
    [
        # a roster with the role first, on bullets, with a colon or a dash
        (
            "Who is on it\n- Owner: Hanna (me)\n- Mobile: Teo (Kotlin)\n- Backend — Ines "
            "(part-time)\n- Design: Gus, freelance\n",
            2,
        ),
        # a table whose first column is the role
        (
            "| Role | Person | Notes |\n|---|---|---|\n| Sponsor | Abena Owusu | signs off |\n"
            "| Backend engineer | Kwame Mensah | Go |\n| Frontend engineer | Efua Boateng | "
            "three days a week |\n| Tester | Yaw Asante | manual checks only |\n",
            2,
        ),
        # plain labels, one builder per line, and a relative who keeps the accounts
        (
            "Roles\nProduct owner: me (Ilse)\nDev: Bram, full-time\nDev: Joost, two days a week\n"
            "Accounts: my sister Fenna\n",
            2,
        ),
        # the person described by what they are ("is a real developer")
        (
            "My nephew Aarav and his friend Kabir will make the site. Aarav is learning to code, "
            "Kabir is a real developer (Vue, Laravel). I run the shop and won't touch the code.",
            2,
        ),
        # the build named as its people, one non-builder with a past skill
        (
            "Our CTO, Mirela, wrote the first version in Go, but she won't write code for this. "
            "The build is Dragan and Ana, both Kotlin people.",
            2,
        ),
        # one builder, the rest of the organisation does other work
        (
            "There are 9 of us at the pottery studio. Our IT person, Sione, will build it in his "
            "spare time. The rest of us make pots.",
            1,
        ),
        # one person said to be the only one who writes code
        (
            "We are 30 volunteers and 2 paid staff. One volunteer, Marguerite, spent twenty years "
            "writing Java and will build it. She will be the only person writing code.",
            1,
        ),
        # a squad's label alone on its line: its counts are on the next line
        (
            "Squad Kite: 5 engineers and a product manager.\nSquad Reef:\n2 engineers and 1 "
            "designer.\n",
            7,
        ),
        # a builder and a classmate who builds with her
        (
            "Our son Luca studies informatics and will build the app together with his classmate "
            "Matteo over the summer.",
            2,
        ),
        # the one who builds named after the building ("built by"), the rest do not code
        ("We have 12 staff. None of them code; the site will be built by a freelancer, Dario.", 1),
        ("Built by: Sam & Priya (both Go).", 2),
        # a table with the name first and the role in a capitalised cell
        (
            "| Name | Role |\n|---|---|\n| Ola | Developer (part-time) |\n| Per | Developer |\n"
            "| Kari | Chair, does not code |\n",
            2,
        ),
        # a bracket after the first name does not cut it from the verb after the list
        (
            "Our client, Jane Doe, approves the designs. Ana (part-time) and Ben build it; Carla "
            "manages the project.",
            2,
        ),
        # each subject with its own verb
        ("I code the backend and my friend does the Android app.", 2),
        # a relative described in a relative clause
        ("My daughter and her boyfriend, who is a software engineer, will build it.", 2),
        # part of a larger group named by its size
        (
            "The firm is 40 people, 8 of whom are developers. Three of those eight will work on "
            "the new portal.",
            3,
        ),
    ],
)
def test_the_people_a_brief_names_give_the_builders(text: str, size: int) -> None:
    assert _values(text).get(TEAM) == size


@pytest.mark.parametrize(
    "text",
    [
        # a count of people who do other work is no team
        "Our IT is three people who look after the tills and the Wi-Fi.",
        # a team said not to build
        "We are the library's web team of two (me and an editor); neither of us codes.",
    ],
)
def test_people_who_do_other_work_are_no_team(text: str) -> None:
    assert TEAM not in _values(text)


def test_squad_counts_under_a_label_line_add_up_to_two_teams() -> None:
    got = _values("Squad Kite: 5 engineers.\nSquad Reef:\n2 engineers and 1 designer.\n")
    assert got.get(TEAM) == 7
    assert got.get(TEAMS) == 2


@pytest.mark.parametrize(
    ("text", "want"),
    [
        # a hedge before the next technology is that technology's
        ("Noor knows Python and some Vue.", {"python": "strong", "vue": "some"}),
        (
            "Only Pablo programs (PHP and a bit of Vue); the other partners run the shop.",
            {"php": "strong", "vue": "some"},
        ),
        # a middling level said after the technology
        (
            "The two developers write Kotlin, and one also knows Angular moderately well.",
            {"kotlin": "strong", "angular": "some"},
        ),
        # what both builders use every day, said after the stack
        (
            "Dev: Jakub\nDev: Oleh\nStack: PHP / Laravel, which both devs use daily.",
            {"php": "strong", "laravel": "strong"},
        ),
        # "They both ..." speaks of the builders named just before
        (
            "Our daughter Sofia will build it together with her classmate Nils. They both "
            "programme in Python.",
            {"python": "strong"},
        ),
    ],
)
def test_skill_levels_belong_to_the_words_around_each_technology(
    text: str, want: dict[str, str]
) -> None:
    got = _values(text).get(SKILLS)
    assert isinstance(got, dict)
    for name, level in want.items():
        assert got.get(name) == level, (name, got)


def test_a_skill_of_someone_who_will_not_build_is_not_the_teams() -> None:
    got = _values(
        "Our CTO, Mirela, wrote the first version in Go, but she won't write code for this. "
        "The build is Dragan and Ana, both Kotlin people."
    ).get(SKILLS)
    assert isinstance(got, dict)
    assert "go" not in got
    assert got.get("kotlin") == "strong"


def test_a_role_label_is_no_name_of_its_own() -> None:
    text = "- Backend: Tom (Django)\n- Frontend: Ama\n- Design: Kai\n"
    reading = read_team(text, ("django",))
    assert [text[a:b] for a, b in reading.builders] == ["Tom", "Ama"]
    assert reading.engineers is not None and reading.engineers.value == 2
    assert _values(text).get(SKILLS) == {"django": "strong"}


@pytest.mark.parametrize(
    "text",
    [
        # a person who is no coder, said in words
        "The captain, Greg, sets the rules but he's no coder. Charlotte and I will build it.",
    ],
)
def test_no_coder_is_not_counted(text: str) -> None:
    assert _values(text).get(TEAM) == 2


def test_a_name_inside_another_name_is_still_a_name() -> None:
    # "Dana" holds the letters of "Ana", but no word "ana" the brief writes in lower case
    text = (
        "| Name | Role |\n|---|---|\n| Ana | Backend developer (Go) |\n| Ben | Frontend developer |"
        "\n| Dana | Product manager |\n"
    )
    assert _values(text).get(TEAM) == 2
    reading = read_team(text, ("go",))
    assert [text[a:b] for a, b in reading.builders] == ["Ana", "Ben"]
