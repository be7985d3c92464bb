"""One catalogue loader: the brief reader's names are the analyzer's validated entries, and an
entry that contradicts another (a second spelling, an alias leading to two technologies) stops it."""

from __future__ import annotations

from pathlib import Path

import pytest

from archwise.errors import InputError
from archwise.kb.stack_catalog import load_catalog, stack_names


def test_every_catalogue_entry_is_read_with_its_category_and_aliases() -> None:
    unskilled = {e.name for e in load_catalog() if not e.skill}
    loaded = [
        (e.name, e.category, tuple(e.aliases)) for e in load_catalog() if e.name not in unskilled
    ]
    assert list(stack_names()) == loaded
    assert len(loaded) > 3000


def test_a_name_marked_not_a_skill_is_left_to_the_analyzer() -> None:
    # "a Postgres/SQL person" names the database (tests/requirements: skills in more words)
    assert "SQL" in {e.name for e in load_catalog()}
    assert "SQL" not in {n for n, _, _ in stack_names()}


def test_every_name_and_alias_leads_to_one_technology() -> None:
    owner: dict[str, str] = {}
    for e in load_catalog():
        for n in (e.name, *e.aliases):
            assert owner.setdefault(n.casefold(), e.name.casefold()) == e.name.casefold(), n


def _folder(tmp_path: Path, text: str) -> Path:
    (tmp_path / "stack").mkdir()
    (tmp_path / "stack" / "house.yaml").write_text(text, encoding="utf-8")
    return tmp_path


@pytest.mark.parametrize(
    ("text", "field", "line"),
    [
        # an alias that is another technology's name
        (
            "technologies:\n  - {name: House Queue, category: messaging, aliases: [Kafka]}\n",
            "aliases",
            2,
        ),
        # a second spelling of a catalogued name
        (
            "technologies:\n  - {name: Other, category: lint}\n  - {name: POSTGRESQL, category: database}\n",
            "name",
            3,
        ),
        # an alias given to two new technologies
        (
            "technologies:\n  - {name: Ab One, category: lint, aliases: [zqx house]}\n"
            "  - {name: Ab Two, category: lint, aliases: [zqx house]}\n",
            "aliases",
            3,
        ),
    ],
)
def test_a_contradicting_entry_is_an_error_naming_file_line_and_field(
    tmp_path: Path, text: str, field: str, line: int
) -> None:
    folder = _folder(tmp_path, text)
    with pytest.raises(InputError) as err:
        load_catalog([folder])
    problem = err.value.problems[0]
    assert (Path(str(problem.file)).name, problem.line, problem.field) == (
        "house.yaml",
        line,
        field,
    )


def test_the_fast_reader_gives_the_catalogue_the_round_trip_reader_gives() -> None:
    from archwise import yamlio
    from archwise.kb.stack_catalog import StackCatalog, _parse, catalogue_files

    for file in catalogue_files():
        slow = yamlio.load_model(StackCatalog, file, what="stack catalogue")
        assert _parse(file) == slow, file.name


def test_a_bad_catalogue_file_is_reported_with_its_line(tmp_path: Path) -> None:
    from archwise.kb.stack_catalog import _parse

    bad = tmp_path / "bad.yaml"
    bad.write_text("technologies:\n  - {name: X, category: nonsense}\n", encoding="utf-8")
    with pytest.raises(InputError) as err:
        _parse(bad)
    assert "bad.yaml" in str(err.value) and ":2" in str(err.value)
