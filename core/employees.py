"""Employees (ansatte) of a unit and the roles they act in."""

from __future__ import annotations

from dataclasses import dataclass
from enum import StrEnum


class Position(StrEnum):
    """Position types (stillinger) as HR exports name them."""

    NURSE = "sykepleier"
    SPECIALIST_NURSE = "spesialsykepleier"
    HEALTHCARE_WORKER = "helsefagarbeider"
    AUXILIARY_NURSE = "hjelpepleier"
    SOCIAL_EDUCATOR = "vernepleier"
    ASSISTANT = "assistent"
    WARD_MANAGER = "avdelingsleder"


# Positions outside the rotating roster: a ward manager works days and is not planned.
UNROSTERED_POSITIONS = frozenset({Position.WARD_MANAGER})


# Positions that count as a registered nurse for the unit's nurse minimums.
NURSE_POSITIONS = frozenset({Position.NURSE, Position.SPECIALIST_NURSE})
# The competence name that the staffing plan's nurse minimums use.
NURSE_COMPETENCE = "sykepleier"


class Role(StrEnum):
    EMPLOYEE = "employee"
    MANAGER = "manager"
    PLANNER = "planner"
    ADMIN = "admin"


@dataclass(frozen=True, slots=True)
class Employee:
    """One employee; `name` and `email` are personal data and stored encrypted."""

    id: int
    unit_id: int
    name: str
    position: Position
    position_percent: int
    competences: frozenset[str] = frozenset()
    email: str | None = None
    roles: frozenset[Role] = frozenset({Role.EMPLOYEE})
    # Works nights only (fast nattevakt); the planner may give such a person no other shift.
    night_only: bool = False
    active: bool = True

    def __post_init__(self) -> None:
        if not 0 < self.position_percent <= 100:
            raise ValueError(f"position_percent must be 1–100, got {self.position_percent}")

    @property
    def first_name(self) -> str:
        return self.name.split()[0] if self.name.split() else self.name

    @property
    def qualifications(self) -> frozenset[str]:
        """Return the competences including the one implied by a nurse position."""
        if self.position in NURSE_POSITIONS:
            return self.competences | {NURSE_COMPETENCE}
        return self.competences

    @property
    def rostered(self) -> bool:
        return self.active and self.position not in UNROSTERED_POSITIONS

    def has_role(self, role: Role) -> bool:
        return role in self.roles or Role.ADMIN in self.roles
