"""Write and read the solution file of a Curtois & Qu run.

One line per employee, in the order of SECTION_STAFF: the employee ID, then one
tab-separated entry per day, each a shift ID or `-` for a day off. Lines starting
with `#` are comments; a run writes its objective, bound, time and status there.
The reader keeps the lines as written (a repeated or unknown employee, a wrong
number of days) so that the evaluator can report them instead of hiding them.
"""

from __future__ import annotations

from collections.abc import Iterator, Mapping, Sequence
from dataclasses import dataclass
from pathlib import Path

DAY_OFF = "-"
COMMENT_PREFIX = "#"


class SolutionFormatError(ValueError):
    """A solution file that is missing, unreadable or has no roster in it."""


@dataclass(frozen=True, slots=True)
class RosterLine:
    employee_id: str
    shifts: tuple[str | None, ...]  # one entry per day, None for a day off


@dataclass(frozen=True, slots=True)
class Solution:
    lines: tuple[RosterLine, ...]
    # Comment text after `#`, split at the first space: "objective 607" → {"objective": "607"}.
    comments: dict[str, str]

    def assignments(self) -> Iterator[tuple[str, int, str]]:
        """Yield (employee ID, day, shift ID) for every worked day of every line."""
        for line in self.lines:
            for day, shift_id in enumerate(line.shifts):
                if shift_id is not None:
                    yield line.employee_id, day, shift_id


def format_solution(
    shifts_by_employee: Mapping[str, Sequence[str | None]], comments: Mapping[str, object]
) -> str:
    """Return the file text: comment lines first, then one roster line per employee."""
    text_lines = [f"{COMMENT_PREFIX} {key} {value}" for key, value in comments.items()]
    for employee_id, shifts in shifts_by_employee.items():
        entries = [DAY_OFF if shift_id is None else shift_id for shift_id in shifts]
        text_lines.append("\t".join([employee_id, *entries]))
    return "\n".join(text_lines) + "\n"


def write_solution(
    path: str | Path,
    shifts_by_employee: Mapping[str, Sequence[str | None]],
    comments: Mapping[str, object],
) -> None:
    """Write the roster (employees in the mapping's order) and the comments to `path`."""
    Path(path).write_text(format_solution(shifts_by_employee, comments), encoding="ascii")


def parse_solution(text: str) -> Solution:
    """Parse solution text; blank lines are skipped and entries may be split by any whitespace."""
    lines: list[RosterLine] = []
    comments: dict[str, str] = {}
    for raw in text.splitlines():
        stripped = raw.strip()
        if stripped.startswith(COMMENT_PREFIX):
            key, _, value = stripped.removeprefix(COMMENT_PREFIX).strip().partition(" ")
            comments[key] = value.strip()
        elif stripped:
            employee_id, *entries = stripped.split()
            shifts = tuple(None if entry == DAY_OFF else entry for entry in entries)
            lines.append(RosterLine(employee_id, shifts))
    return Solution(tuple(lines), comments)


def read_solution(path: str | Path) -> Solution:
    """Read a solution file; raise `SolutionFormatError` if it is missing or holds no roster."""
    path = Path(path)
    try:
        text = path.read_text(encoding="utf-8")
    except FileNotFoundError:
        raise SolutionFormatError(f"solution file not found: {path}") from None
    except (OSError, UnicodeDecodeError) as error:
        raise SolutionFormatError(f"cannot read solution file {path}: {error}") from None
    solution = parse_solution(text)
    if not solution.lines:
        raise SolutionFormatError(f"solution file {path} contains no roster line")
    return solution
