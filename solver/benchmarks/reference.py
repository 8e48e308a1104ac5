"""Read the rosters printed by Strandmark's column generation solver (`InstanceN.colgen.out`).

These third-party rosters, with the costs the solver printed for them, are the
fixtures that show our evaluator computes the benchmark's cost. A file holds one or
more blocks: one line per employee, `  A: ` followed by one two-character cell per
day (` .` for a day off, else the shift ID padded with `=`), then three cost lines.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from pathlib import Path

from solver.benchmarks.solution import RosterLine

_TOTAL = re.compile(r"Final solution \(checked for feasibility\):\s*(\d+)")
_COVER = re.compile(r"-- Cover costs\s*:\s*(\d+)")
_ROSTER = re.compile(r"-- Roster costs\s*:\s*(\d+)")
_CELL_WIDTH = 2


@dataclass(frozen=True, slots=True)
class ReferenceRoster:
    lines: tuple[RosterLine, ...]
    total_cost: int
    cover_cost: int
    request_cost: int  # printed as "Roster costs"


def _parse_cell(cell: str) -> str | None:
    shift_id = cell.strip().rstrip("=")
    return None if shift_id in ("", ".") else shift_id


def _parse_roster_line(text: str) -> RosterLine:
    employee_id, _, cells = text.partition(":")
    cells = cells.removeprefix(" ")
    shifts = tuple(
        _parse_cell(cells[start : start + _CELL_WIDTH])
        for start in range(0, len(cells.rstrip()), _CELL_WIDTH)
    )
    return RosterLine(employee_id.strip(), shifts)


def read_reference_rosters(path: str | Path) -> list[ReferenceRoster]:
    """Return every roster block of the file with its printed total, cover and roster cost."""
    rosters: list[ReferenceRoster] = []
    lines: list[RosterLine] = []
    costs: dict[str, int] = {}
    for text in Path(path).read_text(encoding="ascii").splitlines():
        for name, pattern in (("total", _TOTAL), ("cover", _COVER), ("requests", _ROSTER)):
            match = pattern.search(text)
            if match:
                costs[name] = int(match.group(1))
                break
        else:
            if ":" in text:
                lines.append(_parse_roster_line(text))
        if len(costs) == 3:
            rosters.append(
                ReferenceRoster(tuple(lines), costs["total"], costs["cover"], costs["requests"])
            )
            lines, costs = [], {}
    return rosters
