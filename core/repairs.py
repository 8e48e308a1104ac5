"""Repairing a published roster after an absence, with the fewest changes, on a manager's yes.

When an absence opens shifts in the published roster, a background job asks the
solver for a repair: the past stays as it is, the open shifts are covered first,
then as few other person-days as possible change. The repaired roster is stored
as a proposal and the managers get its diff («Ola Nordmann: fri → N tirsdag
12. januar») with «Godkjenn» and «Avslå». Nothing in the published roster
changes until a manager approves, and an approval checks the proposal again
against the roster as it is then.
"""

from __future__ import annotations

import datetime as dt
import logging
from dataclasses import dataclass, replace
from typing import TYPE_CHECKING

from core.changes import ChangeChecker
from core.commands import DateRange
from core.context import Context, Services
from core.employees import Employee, Role
from core.errors import NotFound, UserError
from core.i18n import N_, Translator
from core.messages import (
    BackgroundJob,
    Button,
    ButtonAction,
    ButtonPress,
    ButtonStyle,
    Outcome,
    ProgressSink,
    Reply,
    ReplyKind,
)
from core.planning import assignments_from, build_problem
from core.roster_facts import compliance_context
from core.roster_report import HoursLine, hours_band_text, hours_lines
from core.rosters import Assignment, Roster, RosterStatus
from core.setup import access_unit
from core.units import Unit
from core.violation_texts import hours_text
from solver.problem import AssignedShift, BlockedDay, FixedShift, SolverProblem

if TYPE_CHECKING:
    from storage.database import Database
    from storage.store import Store

logger = logging.getLogger(__name__)

# A button value names a repair proposal with this prefix, a shift request without.
PROPOSAL_PREFIX = "roster:"
REPAIR_TIME_LIMIT_SECONDS = 5.0


@dataclass(frozen=True, slots=True)
class RosterDifference:
    """One person-day the proposal changes; None is a day off."""

    employee_id: int
    day: dt.date
    old_shift_code: str | None
    new_shift_code: str | None


@dataclass(frozen=True)
class RepairProposal:
    proposal: Roster
    differences: tuple[RosterDifference, ...]
    # People the repair leaves outside the hours band, further from target than before.
    hours_outside_band: tuple[HoursLine, ...] = ()


def differences_between(
    current: tuple[Assignment, ...], proposed: tuple[Assignment, ...]
) -> tuple[RosterDifference, ...]:
    """Return every person-day whose shift differs, sorted by day and employee."""
    old = {(a.employee_id, a.day): a.shift_code for a in current}
    new = {(a.employee_id, a.day): a.shift_code for a in proposed}
    return tuple(
        RosterDifference(employee_id, day, old.get((employee_id, day)), new.get((employee_id, day)))
        for employee_id, day in sorted(set(old) | set(new), key=lambda key: (key[1], key[0]))
        if old.get((employee_id, day)) != new.get((employee_id, day))
    )


def do_propose_repair(
    store: Store,
    unit: Unit,
    roster: Roster,
    released: list[Assignment],
    services: Services,
    *,
    now: dt.datetime,
    actor_id: int | None,
) -> RepairProposal | None:
    """Plan a repair of `roster`, whose `released` shifts an absence opened; store it as a proposal.

    Returns None when the repair changes nothing or finds no roster.
    """
    if services.repair is None:
        return None
    period = DateRange(roster.start, roster.end)
    planning = build_problem(store, unit, period)
    token_of = {employee.id: token for token, employee in planning.employees_by_token.items()}

    def pseudonymised(assignments: tuple[Assignment, ...]) -> list[AssignedShift]:
        return [
            AssignedShift(token_of[a.employee_id], (a.day - period.start).days, a.shift_code)
            for a in assignments
            if a.employee_id in token_of
        ]

    # The solver finds the days to repair from the released shifts in the published
    # roster, while the shifts fixed for today come from the roster as it is now.
    current = pseudonymised(roster.assignments)
    problem = with_started_shifts_fixed(planning.problem, current, now)
    locked_until_day = max(0, problem.date_index(now))
    repaired = services.repair(
        problem,
        current + pseudonymised(tuple(released)),
        locked_until_day=locked_until_day,
        time_limit_seconds=REPAIR_TIME_LIMIT_SECONDS,
    )
    if not repaired.result.has_roster:
        logger.info("no repair found for roster %s", roster.id)
        return None
    assignments = tuple(assignments_from(repaired.result, planning))
    differences = differences_between(roster.assignments, assignments)
    if not differences:
        return None
    proposal = store.rosters.add(
        Roster(0, unit.id, roster.start, roster.end, RosterStatus.PROPOSED, assignments),
        actor_id=actor_id,
    )
    outside = hours_pushed_outside_band(store, unit, roster, assignments)
    return RepairProposal(proposal, differences, outside)


def hours_pushed_outside_band(
    store: Store, unit: Unit, current: Roster, proposed: tuple[Assignment, ...]
) -> tuple[HoursLine, ...]:
    """Return the people `proposed` leaves outside the hours band, further from target than now.

    Someone already outside the band in `current` is named only if the repair moves
    them further away, so the note shows the effect of the repair alone.
    """
    checker_context = compliance_context(store, unit, DateRange(current.start, current.end))
    staff = store.employees.list_for_unit(unit.id)
    before = {
        line.employee.id: abs(line.deviation_minutes)
        for line in hours_lines(current.assignments, staff, checker_context)
    }
    after = hours_lines(proposed, staff, checker_context)
    pushed = [
        line
        for line in after
        if line.outside_band and abs(line.deviation_minutes) > before[line.employee.id]
    ]
    return tuple(sorted(pushed, key=lambda line: line.employee.name))


def with_started_shifts_fixed(
    problem: SolverProblem, current: list[AssignedShift], now: dt.datetime
) -> SolverProblem:
    """Return the problem with today's started shifts kept and no new shift that has started.

    The repair may change today, because a night or evening shift still lies ahead,
    but whoever is at work now stays, and nobody is put on a shift already under way.
    """
    today = problem.date_index(now)
    if not 0 <= today < problem.days:
        return problem
    minute = now.hour * 60 + now.minute
    started = {shift.code for shift in problem.shifts if shift.start_minute <= minute}
    working = {s.token: s.shift_code for s in current if s.day == today}
    fixed = [FixedShift(token, today, code) for token, code in working.items() if code in started]
    blocked = [
        BlockedDay(member.token, today, code)
        for member in problem.staff
        for code in sorted(started)
        if working.get(member.token) != code
    ]
    return replace(
        problem, fixed=problem.fixed + tuple(fixed), blocked=problem.blocked + tuple(blocked)
    )


def describe_differences(
    translator: Translator,
    differences: tuple[RosterDifference, ...],
    names: dict[int, str],
    today: dt.date,
) -> list[str]:
    """Write each change as «Ola Nordmann: fri → N tirsdag 12. januar»."""
    off = translator.gettext(N_("off"))
    return [
        f"{names.get(d.employee_id, '?')}: {d.old_shift_code or off} → "
        f"{d.new_shift_code or off} {translator.date(d.day, today=today)}"
        for d in differences
    ]


def repair_job(
    database: Database,
    services: Services,
    unit_id: int,
    roster_id: int,
    released: list[Assignment],
    *,
    actor_id: int,
    now: dt.datetime,
) -> BackgroundJob:
    """Return the job that proposes a repair and sends it to the unit's managers."""

    def run(progress: ProgressSink) -> tuple[Reply, ...]:
        with database.store() as store:
            unit = access_unit(store, unit_id)
            roster = store.rosters.get(roster_id)
            if roster is None or roster.status != RosterStatus.PUBLISHED:
                return ()
            repair = do_propose_repair(
                store, unit, roster, released, services, now=now, actor_id=actor_id
            )
            if repair is None:
                return ()
            staff = store.employees.list_for_unit(unit.id, active_only=False)
            return tuple(notify_proposal(store, repair, staff, now.date()))

    return BackgroundJob(name="repair_roster", run=run)


def notify_proposal(
    store: Store, repair: RepairProposal, staff: list[Employee], today: dt.date
) -> list[Reply]:
    """Send the proposal with its diff to each manager, in the manager's language."""
    names = {employee.id: employee.name for employee in staff}
    replies = []
    for manager in (e for e in staff if e.active and Role.MANAGER in e.roles):
        translator = Translator.for_locale(store.languages.chosen(manager.id))
        lines = describe_differences(translator, repair.differences, names, today)
        text = "\n".join(
            [
                translator.gettext(
                    N_(
                        "An absence opened shifts. I propose this repair of the roster, with as "
                        "few changes as possible:"
                    )
                ),
                *lines,
            ]
        )
        if repair.hours_outside_band:
            text += "\n" + _hours_band_note(repair, translator)
        value = f"{PROPOSAL_PREFIX}{repair.proposal.id}"
        buttons = (
            Button(
                translator.gettext(N_("Approve")),
                ButtonPress(ButtonAction.APPROVE, value),
                ButtonStyle.PRIMARY,
            ),
            Button(
                translator.gettext(N_("Reject")),
                ButtonPress(ButtonAction.REJECT, value),
                ButtonStyle.DANGER,
            ),
        )
        replies.append(
            Reply(text, kind=ReplyKind.APPROVAL, buttons=buttons, recipient_employee_id=manager.id)
        )
    return replies


def _hours_band_note(repair: RepairProposal, translator: Translator) -> str:
    outside = repair.hours_outside_band
    period = DateRange(repair.proposal.start, repair.proposal.end)
    return translator.ngettext(
        "Note: the repair leaves %(count)s person outside the target ± %(tolerance)s that the "
        "unit allows: %(people)s. Approve only if that is intended.",
        "Note: the repair leaves %(count)s people outside the target ± %(tolerance)s that the "
        "unit allows: %(people)s. Approve only if that is intended.",
        len(outside),
        tolerance=hours_text(outside[0].tolerance_minutes, translator),
        people="; ".join(hours_band_text(line, period, translator) for line in outside),
    )


def access_proposal(context: Context, value: str) -> tuple[Roster, Roster]:
    """Load a pending repair proposal and the published roster it repairs."""
    context.check_role(Role.MANAGER)
    try:
        proposal_id = int(value.removeprefix(PROPOSAL_PREFIX))
    except ValueError:
        raise NotFound(what=context._(N_("that roster proposal"))) from None
    proposal = context.store.rosters.get(proposal_id)
    if proposal is None or proposal.unit_id != context.unit.id:
        raise NotFound(what=context._(N_("that roster proposal")))
    if proposal.status != RosterStatus.PROPOSED:
        raise UserError(N_("That proposal has already been decided."))
    published = context.store.rosters.covering(context.unit.id, proposal.start)
    if published is None or (published.start, published.end) != (proposal.start, proposal.end):
        raise UserError(N_("The roster this proposal repairs is no longer published."))
    return proposal, published


def decide_proposal(context: Context, press: ButtonPress) -> Outcome:
    """Apply or drop a repair proposal; an approval rechecks it against the roster as it is.

    The recheck refuses a new breach of a working-time rule. A new staffing gap does
    not stop it, because the repair may have had to trade coverage for legality.
    """
    proposal, published = access_proposal(context, press.value)
    if press.action == ButtonAction.REJECT:
        context.store.rosters.set_status(
            proposal.id, RosterStatus.SUPERSEDED, actor_id=context.actor.id
        )
        text = context._(
            N_("The repair proposal was rejected by %(name)s. The roster is unchanged."),
            name=context.actor.name,
        )
        return Outcome((Reply(text, kind=ReplyKind.DECISION, replace_original=True),))

    checker = ChangeChecker(context.store, context.unit, published)
    breaches = [v for v in checker.new_violations(proposal.assignments) if not v.is_coverage]
    if breaches:
        raise UserError(
            N_(
                "The roster has changed since this proposal was made, and the "
                "proposal no longer fits it. Nothing was changed."
            )
        )
    differences = differences_between(published.assignments, proposal.assignments)
    context.store.rosters.replace_assignments(
        published.id, list(proposal.assignments), actor_id=context.actor.id
    )
    context.store.rosters.set_status(
        proposal.id, RosterStatus.SUPERSEDED, actor_id=context.actor.id
    )
    text = context._(
        N_("The repair was approved by %(name)s and the roster is updated."),
        name=context.actor.name,
    )
    decision = Reply(text, kind=ReplyKind.DECISION, replace_original=True)
    return Outcome((decision, *notify_changed_shifts(context, differences)))


def notify_changed_shifts(
    context: Context, differences: tuple[RosterDifference, ...]
) -> list[Reply]:
    """Tell each employee whose shifts the repair changed, in their language."""
    by_employee: dict[int, list[RosterDifference]] = {}
    for difference in differences:
        by_employee.setdefault(difference.employee_id, []).append(difference)
    names = {e.id: e.name for e in context.store.employees.list_for_unit(context.unit.id)}
    replies = []
    for employee_id, changed in sorted(by_employee.items()):
        to_employee = context.for_recipient(employee_id)
        lines = describe_differences(to_employee.translator, tuple(changed), names, context.today)
        text = "\n".join([to_employee._(N_("Your roster has changed:")), *lines])
        replies.append(Reply(text, recipient_employee_id=employee_id))
    return replies
