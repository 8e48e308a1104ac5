"""The solution file: tab-separated lines per employee, '-' for off, '#' comments."""

from __future__ import annotations

from pathlib import Path

import pytest

from solver.benchmarks.solution import (
    RosterLine,
    SolutionFormatError,
    format_solution,
    parse_solution,
    read_solution,
    write_solution,
)

ROSTER: dict[str, list[str | None]] = {
    "A": ["D", None, "d1"],
    "AB": [None, None, "N"],
}


def test_written_text_layout() -> None:
    """Comments come first, then one tab-separated line per employee in the given order."""
    text = format_solution(ROSTER, {"objective": 607, "bound": 600})
    assert text == "# objective 607\n# bound 600\nA\tD\t-\td1\nAB\t-\t-\tN\n"


def test_round_trip(tmp_path: Path) -> None:
    """Writing then reading returns the same lines, in order, and the comments as text."""
    path = tmp_path / "solution.txt"
    write_solution(path, ROSTER, {"objective": 607, "status": "FEASIBLE"})

    solution = read_solution(path)

    expected_lines = tuple(RosterLine(employee, tuple(days)) for employee, days in ROSTER.items())
    assert solution.lines == expected_lines
    assert solution.comments == {"objective": "607", "status": "FEASIBLE"}


def test_assignments_skip_days_off() -> None:
    """Only worked days become (employee, day, shift) assignments."""
    solution = parse_solution("A\tD\t-\td1\n")
    assert list(solution.assignments()) == [("A", 0, "D"), ("A", 2, "d1")]


def test_repeated_employee_lines_kept() -> None:
    """A repeated employee line is kept, so that the evaluator can report it."""
    solution = parse_solution("A\tD\nA\t-\n")
    assert [line.employee_id for line in solution.lines] == ["A", "A"]


def test_missing_solution_file(tmp_path: Path) -> None:
    """A missing file raises SolutionFormatError naming the path."""
    with pytest.raises(SolutionFormatError, match=r"solution file not found: .*absent\.txt"):
        read_solution(tmp_path / "absent.txt")


def test_solution_without_roster(tmp_path: Path) -> None:
    """A file with only comments is rejected with a plain message."""
    path = tmp_path / "empty.txt"
    path.write_text("# objective 3\n", encoding="ascii")
    with pytest.raises(SolutionFormatError, match="contains no roster line"):
        read_solution(path)
