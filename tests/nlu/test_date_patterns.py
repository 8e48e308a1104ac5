"""The date scanner finds each expression once, with its kind and fields."""

from __future__ import annotations

import pytest

from nlu.date_patterns import MAX_COUNT, AtomKind, WeekdayChoice, find_atoms

KINDS = [
    ("julaften", AtomKind.NAMED_DAY),
    ("2027-01-12", AtomKind.DAY_MONTH),
    ("12.01.2027", AtomKind.DAY_MONTH),
    ("12. januar", AtomKind.DAY_MONTH),
    ("12.1", AtomKind.DAY_MONTH),
    ("den 12.", AtomKind.BARE_DAY),
    ("uke 3", AtomKind.WEEKS),
    ("de neste to ukene", AtomKind.SPAN),
    ("i morgen", AtomKind.RELATIVE_DAY),
    ("fredag", AtomKind.WEEKDAY),
    ("neste uke", AtomKind.RELATIVE_WEEK),
    ("uka etter neste", AtomKind.RELATIVE_WEEK),
    ("om tre dager", AtomKind.RELATIVE_COUNT),
    ("to veker sidan", AtomKind.RELATIVE_COUNT),
    ("i helgen", AtomKind.WEEKEND),
    ("neste måned", AtomKind.RELATIVE_MONTH),
    ("januar", AtomKind.MONTH),
]


@pytest.mark.parametrize(("text", "expected"), KINDS, ids=[case[0] for case in KINDS])
def test_find_atoms_kind(text: str, expected: AtomKind) -> None:
    """Each kind of expression is recognised as that kind."""
    atoms = find_atoms(text)

    assert [atom.kind for atom in atoms] == [expected]


COUNTS = [
    ("om tre dager", 3, "days", 1),
    ("om 14 dager", 14, "days", 1),
    ("om et døgn", 1, "days", 1),
    ("in a week", 1, "weeks", 1),
    ("om tre tusen dager", 3000, "days", 1),
    ("om hundre dager", 100, "days", 1),
    ("om -3 dager", -3, "days", 1),
    ("for to veker sidan", 2, "weeks", -1),
    ("3 days ago", 3, "days", -1),
    ("om 123456789012 dager", MAX_COUNT, "days", 1),
]


@pytest.mark.parametrize(
    ("text", "count", "unit", "direction"), COUNTS, ids=[case[0] for case in COUNTS]
)
def test_find_atoms_relative_count(text: str, count: int, unit: str, direction: int) -> None:
    """A count of days or weeks keeps the count as written, its unit and its direction."""
    (atom,) = find_atoms(text)

    assert atom.count == count
    assert atom.unit == unit
    assert atom.offset == direction


def test_find_atoms_partial_day_before_range() -> None:
    """In «3.–5. januar» the «3.» is a day that waits for its month."""
    atoms = find_atoms("3.-5. januar")

    assert [atom.kind for atom in atoms] == [AtomKind.PARTIAL_DAY, AtomKind.DAY_MONTH]
    assert atoms[0].day == 3


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("uke 3-8", ((3, 8),)),
        ("uke 3, 5 og 7", ((3, 3), (5, 5), (7, 7))),
        ("uke 50 til 2", ((50, 2),)),
        ("veke tre og fire", ((3, 3), (4, 4))),
        ("weeks 3 to 5", ((3, 5),)),
    ],
)
def test_find_atoms_week_numbers(text: str, expected: tuple[tuple[int, int], ...]) -> None:
    """Week lists keep their ranges and separate weeks apart."""
    atoms = find_atoms(text)

    assert atoms[0].week_ranges == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("fredag", WeekdayChoice.UPCOMING),
        ("neste fredag", WeekdayChoice.NEXT_WEEK),
        ("fredag neste uke", WeekdayChoice.NEXT_WEEK),
        ("fredag denne uka", WeekdayChoice.THIS_WEEK),
        ("forrige fredag", WeekdayChoice.PREVIOUS_WEEK),
        ("last friday", WeekdayChoice.MOST_RECENT),
    ],
)
def test_find_atoms_weekday_choice(text: str, expected: WeekdayChoice) -> None:
    """The words around a weekday decide which week it is in."""
    atoms = find_atoms(text)

    assert atoms[0].choice == expected


@pytest.mark.parametrize(
    "text",
    ["man kan bytte", "tor du spørre?", "kl 12.30", "jeg tar 57", "fire timer", "may i swap"],
)
def test_find_atoms_skips_look_alikes(text: str) -> None:
    """The pronoun «man», the verb «tor», times, numbers and «may» are no dates."""
    assert find_atoms(text) == []


@pytest.mark.parametrize("text", ["fra man til ons", "man og tir", "på tor", "syk tor"])
def test_find_atoms_ambiguous_abbreviation_as_date(text: str) -> None:
    """«man» and «tor» in a date's place are weekdays."""
    kinds = [atom.kind for atom in find_atoms(text)]

    assert AtomKind.WEEKDAY in kinds
