"""Everything a core action needs to know about the message it serves."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from dataclasses import dataclass, replace
from typing import TYPE_CHECKING, Protocol

from core.commands import ParsedCommand
from core.employees import Employee, Role
from core.errors import PermissionDenied
from core.i18n import N_, Translator
from core.units import Unit

if TYPE_CHECKING:
    from solver.explain import Explanation
    from solver.problem import SolverResult
    from solver.repair import RepairResult
    from storage.database import Database
    from storage.store import Store


class ParseFunction(Protocol):
    def __call__(
        self, text: str, now: dt.datetime, *, lang: str | None = None
    ) -> ParsedCommand: ...


SolveFunction = Callable[..., "SolverResult"]

ROLE_NAMES = {
    Role.MANAGER: N_("a manager"),
    Role.PLANNER: N_("a planner"),
    Role.ADMIN: N_("an administrator"),
    Role.EMPLOYEE: N_("an employee"),
}

# A decider named by role and name, as in «approved by the manager Marit Solberg».
DECIDER_PHRASES = {
    Role.MANAGER: N_("the manager %(name)s"),
    Role.ADMIN: N_("the administrator %(name)s"),
}


def decider_phrase(context: Context, decider: Employee | None) -> str:
    """Name the decider with the role that let them decide, e.g. «the manager Marit Solberg».

    Without a stored decider, the phrase names only the role.
    """
    if decider is None:
        return context._(ROLE_NAMES[Role.MANAGER])
    for role, phrase in DECIDER_PHRASES.items():
        if role in decider.roles:
            return context._(phrase, name=decider.name)
    return decider.name


# Work limit of the search for a new roster, in CP-SAT's deterministic time, so the
# same registrations give the same roster (see solver.search). The demo uses it too.
# On a 2-core VM at load averages of 2–5 from other jobs, the demo ward's next six
# weeks (32 people) took 59–111 s of wall time and 41–44 s of CPU time. The
# 34-person ward of benchmarks/solver_ward.py took 44–74 s of wall time.
# NOTE: an idle machine should need at most about the CPU time, but that is an
# estimate, because no idle machine was measured.
DEFAULT_ROSTER_SEARCH_WORK = 12.0


@dataclass(frozen=True, slots=True)
class Services:
    """The replaceable collaborators of the core: the parser and the solver."""

    parse: ParseFunction
    solve: Callable[..., SolverResult]
    solver_time_limit_seconds: float = 30.0
    # Work limit of a new roster's search, in CP-SAT's deterministic time (see
    # core.actions.rosters). Improving a draft gets half. Tests plan small wards
    # and set less, because their searches rarely end sooner than at this limit.
    roster_search_work: float = DEFAULT_ROSTER_SEARCH_WORK
    # Repairs a published roster with the fewest changes (solver.repair); None turns
    # repair proposals off.
    repair: Callable[..., RepairResult] | None = None
    # Explains which demands and rules collide when a roster has gaps
    # (solver.explain_infeasibility); None leaves gaps unexplained.
    explain: Callable[..., Explanation] | None = None
    # Where roster files for chat replies are written.
    export_folder: str | None = None


@dataclass(frozen=True, slots=True)
class Context:
    # The open transaction this message is handled in, and the database for work
    # that outlives it (a background roster solve opens its own transaction).
    store: Store
    database: Database
    actor: Employee
    unit: Unit
    translator: Translator
    now: dt.datetime  # aware, Europe/Oslo
    conversation_key: str
    services: Services

    @property
    def today(self) -> dt.date:
        return self.now.date()

    def _(self, message: str, **params: object) -> str:
        return self.translator.gettext(message, **params)

    def date(self, day: dt.date) -> str:
        return self.translator.date(day, today=self.today)

    def for_recipient(self, employee_id: int) -> Context:
        """Return this context speaking the language another employee chose (bokmål if none).

        Messages to other people are written in their language, not the sender's.
        """
        chosen = self.store.languages.chosen(employee_id)
        return replace(self, translator=Translator.for_locale(chosen))

    def check_role(self, role: Role) -> None:
        """Raise PermissionDenied unless the actor has `role` (admins have every role)."""
        if self.actor.has_role(role):
            return
        role_name = self.translator.gettext(ROLE_NAMES[role])
        holders = self._role_holders(role) or self._role_holders(Role.ADMIN)
        if not holders:
            raise PermissionDenied(
                N_("Only %(role)s can do that. Ask your manager to do it for you."), role=role_name
            )
        raise PermissionDenied(
            N_("Only %(role)s can do that. Ask %(names)s to do it for you."),
            role=role_name,
            names=self.translator.join([holder.name for holder in holders]),
        )

    def _role_holders(self, role: Role) -> list[Employee]:
        """Return the unit's active employees except the actor with `role` itself, not as admins."""
        return [
            employee
            for employee in self.store.employees.list_for_unit(self.unit.id)
            if role in employee.roles and employee.id != self.actor.id
        ]
