"""The team reader: people named or counted, placed as builders or not, squads summed once."""

from __future__ import annotations

import pytest

from archwise.requirements.brief_team import TeamWords, read_team, team_words

from ._brief import values as _values

C = "constraints"
TEAM = f"{C}.team.engineers"
TEAMS = f"{C}.team.teams"
HIRING = f"{C}.team.hiring"
TECHS = ("python", "django", "kotlin", "vue", "go", "rust", "php", "laravel", "svelte")


def test_the_shipped_words_validate_and_name_builders_and_others() -> None:
    words = team_words()
    assert isinstance(words, TeamWords)
    assert "developer*" in words.builder_nouns
    assert "designer*" in words.non_builder_roles
    assert words.company_min >= 2


@pytest.mark.parametrize(
    ("text", "size"),
    [
        # the writer and a relative, one of them said not to program
        (
            "For the app it is me and my sister Odile. I keep the books, I don't program.\n"
            "Odile is the one who programs, she knows Django well.",
            1,
        ),
        # people named one per line, with their roles in brackets
        ("Assignees: @marek (BE, Go), @sunita (FE, Svelte)\nWatchers: @olu (owner)", 2),
        # a table of people by role: the tester and the owner do not count
        (
            "| Who | Role |\n|---|---|\n| Harriet | backend developer (Go) |\n"
            "| Wojtek | embedded developer, writes the firmware in Rust |\n"
            "| Agnes | owner |\n| Piet | tester, does not code |",
            2,
        ),
        # a named pair who build, a third who only tests
        (
            "Present: Ulla (chair), Bram, Kees.\nBram and Kees, both of whom write Python at "
            "work, will build it on Sundays. Ulla helps with testing but made clear she doesn't "
            "code.",
            2,
        ),
    ],
)
def test_people_named_one_by_one_are_counted_when_they_build(text: str, size: int) -> None:
    reading = read_team(text, TECHS)
    assert reading.engineers is not None
    assert reading.engineers.value == size
    assert _values(text)[TEAM] == size


def test_one_builder_counts_only_when_said_to_build_it_alone() -> None:
    alone = "My neighbour Rafa will build it on his own, he knows PHP."
    assert read_team(alone, TECHS).engineers is not None
    assert read_team(alone, TECHS).engineers.value == 1  # type: ignore[union-attr]
    unsure = "My neighbour Rafa will build it, he knows PHP."
    assert read_team(unsure, TECHS).engineers is None  # someone else may be building too


def test_someone_we_cannot_place_leaves_the_size_unknown() -> None:
    text = "My nephew Ilya is programmer, he knows Laravel, and his friend also (same things)."
    assert read_team(text, TECHS).engineers is None
    text = "Who builds it: Noor plus three, all of them Kotlin people."
    assert read_team(text, TECHS).engineers is None


def test_squads_listed_apart_add_up_and_count_as_teams() -> None:
    text = (
        "Squad Falcon: 5 engineers, Kotlin on the backend\n"
        "Squad Heron: 4 engineers, Vue for the web screens\n"
        "Also in the room: the engineering manager, who doesn't code any more."
    )
    got = _values(text)
    assert got[TEAM] == 9
    assert got[TEAMS] == 2
    reading = read_team(text, TECHS)
    assert reading.squads is not None
    assert text[reading.squads.start : reading.squads.end] == "5 engineers"


def test_a_count_of_more_in_another_squad_adds_and_a_later_one_does_not() -> None:
    now = "- Billing squad (6 engineers): retries.\n- Ledger squad (3 more engineers, Go): refunds."
    assert _values(now)[TEAM] == 9
    later = "Delivery team: 6 developers (Go). The partner adds 3 more developers from April."
    assert read_team(later, TECHS).squads is None


def test_a_total_then_its_parts_is_counted_once() -> None:
    text = "The studio's 5 developers will build it: 3 Kotlin developers and 2 Vue developers."
    reading = read_team(text, TECHS)
    assert [g.value for g in reading.groups] == [5, 3, 2]
    assert _values(text)[TEAM] == 5


def test_counts_that_are_no_team_of_builders_are_dropped() -> None:
    company = (
        "We are a co-operative of about 400 of us in six towns; four backend developers build it."
    )
    got = _values(company)
    assert got.get(TEAM) != 400
    agents = (
        "- Support (Mira's team of 14 agents): a macro, no code.\n- Core squad (4 engineers): fix."
    )
    reading = read_team(agents, TECHS)
    assert reading.not_team
    assert _values(agents).get(TEAM) != 14


def test_a_person_added_in_another_sentence_joins_the_counted_group() -> None:
    text = (
        "The portal will be built by our two part-time developers, Ines and Bo, both strong in "
        "PHP. A volunteer, Tamsin, who knows some Vue, will build the public map page."
    )
    assert _values(text)[TEAM] == 3


def test_hired_people_questions_and_chat_speakers_are_not_builders() -> None:
    hired = "Team: Lior writes the Go code on his own. We're hiring a data engineer in May."
    assert read_team(hired, TECHS).engineers is not None
    assert read_team(hired, TECHS).engineers.value == 1  # type: ignore[union-attr]
    chat = (
        "10:01 Sanne: who's building it?\n"
        "10:02 Joost: me and Fenna, we both write Kotlin every single day at the office\n"
        "10:03 Sanne: and the budget for the servers, roughly, per month?\n"
        "10:04 Joost: about 300 a month, we can stretch it a bit if we really must"
    )
    reading = read_team(chat, TECHS)
    assert reading.engineers is not None and reading.engineers.value == 2
    assert [chat[a:b] for a, b in reading.builders] == ["me", "Fenna"]  # not Sanne who asks


@pytest.mark.parametrize(
    ("text", "hiring"),
    [
        ("We cannot pay for more people, so it is the two of us.", False),
        ("There is no budget for paying anyone else this year.", False),
        ("hiring?\nno: no new heads this year, the budget is fixed", False),
    ],
)
def test_hiring_ruled_out_by_money_or_answered_after_a_question(text: str, hiring: bool) -> None:
    assert _values(text)[HIRING] is hiring


def test_every_team_value_keeps_the_phrase_it_came_from() -> None:
    from archwise.requirements.brief import extract_brief

    text = "Assignees: @marek (BE, Go), @sunita (FE, Svelte)\nWatchers: @olu (owner)"
    found = extract_brief(text).values[TEAM]
    assert found.phrase == "@marek"
    assert found.note is not None and "@sunita" in found.note


def test_more_builders_in_another_sentence_add_to_the_team_counted_first() -> None:
    text = "Platform: 6 engineers keep the API running.\nThe partner lends 3 more engineers (Go)."
    assert _values(text)[TEAM] == 9


def test_one_more_person_introduced_after_a_named_pair_is_added() -> None:
    text = (
        "Developers: me and my cousin Aziz, both in Python.\n"
        "Also one student from the college helps Aziz with the code on Fridays."
    )
    assert _values(text)[TEAM] == 3


def test_a_job_post_counts_the_team_with_the_person_it_hires() -> None:
    text = "You'd join a team of two engineers (both on Django) and be the third; we hire once."
    assert _values(text)[TEAM] == 3


def test_what_a_named_builder_knows_is_their_skill_unless_a_clause_said_otherwise() -> None:
    text = "Assignees: @marek (BE, Go), @sunita (FE, Svelte)\nWatchers: @olu (owner)"
    skills = _values(text)[f"{C}.team.expertise"]
    assert skills == {"go": "strong", "svelte": "strong"}
    hedged = "Assignees: @marek (Go, learning Rust)\nWatchers: @olu (owner)"
    assert _values(hedged)[f"{C}.team.expertise"] == {"rust": "learning"}  # not made strong
