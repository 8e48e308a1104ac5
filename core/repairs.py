"""Repairing a published roster after an absence, with the fewest changes, on a manager's yes.

When an absence opens shifts in the published roster, a background job asks the
solver for a repair: the past stays as it is, the open shifts are covered first,
then as few other person-days as possible change. The repaired roster is stored
as a proposal, with a numbered repair request that keeps each changed person-day,
and the managers get its diff («Ola Nordmann: fri → N tirsdag 12. januar») with
«Godkjenn» and «Avslå». A manager may also write «godkjenn N» or «avslå N», and
«vis ventende bytter» lists the request. Nothing in the published roster changes
until a manager approves. An approval applies only the listed changes, and only
while the roster still has the shift from before on each changed day, no shift
gets more people than planned, and the result breaks no working-time rule.

A new proposal counts the changes of the waiting ones as made, so two absences
close together get two proposals that cover different shifts and may both be
approved. A waiting repair counts only while its approval would still succeed. A
repair that an approval finds out of date is closed, and the shifts it would have
given are planned again at once, or the managers are told that nobody can take them.
A rejected repair leads to the same, and the new plan gives nobody a shift that the
rejected one would have given them.
"""

from __future__ import annotations

import datetime as dt
import logging
from collections.abc import Iterable
from dataclasses import dataclass, replace
from typing import TYPE_CHECKING

from core.changes import ChangeChecker
from core.commands import DateRange
from core.compliance import Violation
from core.context import Context, Services, decider_phrase
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
from core.planning import PlanningInput, assignments_from, build_problem
from core.roster_facts import allowed_shift_codes, compliance_context, employee_key
from core.roster_report import HoursLine, hours_band_text, hours_lines
from core.rosters import Assignment, Roster, RosterDifference, RosterStatus
from core.setup import access_unit
from core.shift_requests import RequestEvent, RequestKind, RequestState, ShiftRequest
from core.units import Unit
from core.violation_texts import describe_violation, hours_text
from solver.problem import AssignedShift, BlockedDay, FixedShift, SolverProblem

if TYPE_CHECKING:
    from storage.database import Database
    from storage.store import Store

logger = logging.getLogger(__name__)

# A button value names a repair proposal with this prefix and its roster id, a shift
# request by its id alone.
PROPOSAL_PREFIX = "roster:"
REPAIR_TIME_LIMIT_SECONDS = 5.0
# How many times a repair job solves with no transaction open before it solves once more
# inside its write transaction, because the roster kept changing during each search.
REPAIR_ATTEMPTS = 3
# A line in «vis ventende bytter» lists this many changes of a repair, and counts the rest.
MAX_LISTED_CHANGES = 3


# A waiting repair request with its changes.
WaitingRepair = tuple[ShiftRequest, tuple[RosterDifference, ...]]
# A repaired roster's assignments, or None when the solver found none.
Assignments = tuple[Assignment, ...] | None


@dataclass(frozen=True)
class RepairProposal:
    proposal: Roster
    # The numbered request a manager approves or rejects.
    request: ShiftRequest
    differences: tuple[RosterDifference, ...]
    # People the repair leaves outside the hours band, further from target than before.
    hours_outside_band: tuple[HoursLine, ...] = ()
    # Waiting repair requests whose changes this proposal counts as made.
    builds_on: tuple[int, ...] = ()
    # The out-of-date or rejected repair request whose shifts this proposal plans again.
    replaces: int | None = None
    # Whether a manager rejected the replaced request, rather than it being out of date.
    replaces_rejected: bool = False


@dataclass(frozen=True)
class RepairPlan:
    """The solver's repair of a roster, before it is stored as a proposal."""

    # The published roster with the changes of the waiting repairs that still fit it.
    base: Roster
    waiting: tuple[WaitingRepair, ...]
    # The repaired roster, or None when the solver found none.
    assignments: tuple[Assignment, ...] | None


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
    plan: RepairPlan,
    *,
    absent_employee_id: int,
    actor_id: int | None,
    replaces: int | None = None,
    replaces_rejected: bool = False,
) -> RepairProposal | None:
    """Store a planned repair as a proposal, with a repair request of the absent employee.

    The request keeps the changed person-days. Returns None when the solver found no
    roster or the repair changes nothing.
    """
    if plan.assignments is None:
        return None
    differences = differences_between(plan.base.assignments, plan.assignments)
    if not differences:
        return None
    roster = plan.base
    proposal = store.rosters.add(
        Roster(0, unit.id, roster.start, roster.end, RosterStatus.PROPOSED, plan.assignments),
        actor_id=actor_id,
    )
    request = add_repair_request(
        store, proposal, absent_employee_id, differences, actor_id=actor_id
    )
    outside = hours_pushed_outside_band(store, unit, roster, plan.assignments)
    builds_on = tuple(waiting_request.id for waiting_request, _ in plan.waiting)
    return RepairProposal(
        proposal, request, differences, outside, builds_on, replaces, replaces_rejected
    )


@dataclass(frozen=True)
class RepairInputs:
    """Everything a repair's search reads from the database, read in one transaction.

    Two reads are equal only if nothing the search depends on changed between them.
    """

    unit: Unit
    planning: PlanningInput
    problem: SolverProblem
    # The roster as it is now, followed by the released shifts, pseudonymised.
    shifts: tuple[AssignedShift, ...]
    locked_until_day: int
    base: Roster
    waiting: tuple[WaitingRepair, ...]


def plan_repair(
    store: Store,
    unit: Unit,
    roster: Roster,
    released: list[Assignment],
    services: Services,
    *,
    now: dt.datetime,
    excluded: tuple[Assignment, ...] = (),
) -> RepairPlan:
    """Ask the solver for a repair of `roster` that covers the `released` shifts.

    The repair gives nobody a shift of `excluded`, such as the shifts of a rejected repair.
    """
    inputs = read_repair_inputs(store, unit, roster, released, now=now, excluded=excluded)
    return RepairPlan(inputs.base, inputs.waiting, solve_repair(inputs, services))


def read_repair_inputs(
    store: Store,
    unit: Unit,
    roster: Roster,
    released: list[Assignment],
    *,
    now: dt.datetime,
    excluded: tuple[Assignment, ...] = (),
) -> RepairInputs:
    """Read the solver problem for a repair of `roster` that covers the `released` shifts."""
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
    problem = with_released_shifts_blocked(planning.problem, pseudonymised(tuple(released)))
    problem = with_released_shifts_blocked(problem, pseudonymised(excluded))
    # A waiting repair's changes count as made and stay fixed, so that this repair covers
    # the shifts the new absence opened, not again the ones a waiting repair covers.
    waiting, base = with_waiting_repairs(store, unit, roster, problem, token_of)
    problem = with_waiting_changes_fixed(problem, waiting, token_of, period.start)
    current = pseudonymised(base.assignments)
    problem = with_started_shifts_fixed(problem, current, now)
    locked_until_day = max(0, problem.date_index(now))
    return RepairInputs(
        unit,
        planning,
        problem,
        tuple(current + pseudonymised(tuple(released))),
        locked_until_day,
        base,
        tuple(waiting),
    )


def solve_repair(inputs: RepairInputs, services: Services) -> tuple[Assignment, ...] | None:
    """Return the repaired roster's assignments, or None when the solver found none."""
    assert services.repair is not None
    repaired = services.repair(
        inputs.problem,
        list(inputs.shifts),
        locked_until_day=inputs.locked_until_day,
        time_limit_seconds=REPAIR_TIME_LIMIT_SECONDS,
    )
    if not repaired.result.has_roster:
        logger.info("no repair found for roster %s", inputs.base.id)
        return None
    return tuple(assignments_from(repaired.result, inputs.planning))


def with_waiting_repairs(
    store: Store, unit: Unit, roster: Roster, problem: SolverProblem, token_of: dict[int, str]
) -> tuple[list[WaitingRepair], Roster]:
    """Return the waiting repairs of `roster` that still fit it, and the roster with their changes.

    A repair fits while its approval would still succeed (`repair_conflict`), and it
    gives no shift that `problem` blocks, such as one on a day of absence or
    unavailability. The repairs are taken oldest first, each on the roster with the
    changes of those before it, so two repairs never change one person-day twice.
    """
    waiting: list[WaitingRepair] = []
    checker = ChangeChecker(store, unit, roster)
    for request in store.shift_requests.list_open(roster.unit_id):
        if request.kind != RequestKind.REPAIR:
            continue
        changes = store.shift_requests.repair_changes(request.id)
        if not changes or not fits_roster(roster, changes):
            continue
        if any(blocks(problem, token_of, roster.start, change) for change in changes):
            continue
        proposal = store.rosters.get(request.roster_id) if request.roster_id else None
        if repair_conflict(store, unit, roster, changes, proposal, checker) is not None:
            continue
        waiting.append((request, changes))
        roster = replace(roster, assignments=tuple(with_changes(roster, changes)))
        checker = ChangeChecker(store, unit, roster)
    return waiting, roster


def with_waiting_changes_fixed(
    problem: SolverProblem, waiting: list[WaitingRepair], token_of: dict[int, str], start: dt.date
) -> SolverProblem:
    """Return the problem with each person-day a waiting repair changes fixed to its new shift."""
    fixed = tuple(
        FixedShift(token_of[change.employee_id], (change.day - start).days, change.new_shift_code)
        for _, changes in waiting
        for change in changes
    )
    return replace(problem, fixed=problem.fixed + fixed)


def fits_roster(roster: Roster, changes: tuple[RosterDifference, ...]) -> bool:
    """Tell whether each changed person-day is in `roster` and has the old or the new shift."""
    return all(
        roster.start <= change.day <= roster.end
        and roster.shift_of(change.employee_id, change.day)
        in (change.old_shift_code, change.new_shift_code)
        for change in changes
    )


def blocks(
    problem: SolverProblem, token_of: dict[int, str], start: dt.date, change: RosterDifference
) -> bool:
    """Tell whether `problem` blocks the shift the change gives, or lacks the change's person."""
    token = token_of.get(change.employee_id)
    if token is None:
        return True
    day = (change.day - start).days
    return change.new_shift_code is not None and any(
        (blocked.token, blocked.day) == (token, day)
        and blocked.shift_code in (None, change.new_shift_code)
        for blocked in problem.blocked
    )


def add_repair_request(
    store: Store,
    proposal: Roster,
    absent_employee_id: int,
    differences: tuple[RosterDifference, ...],
    *,
    actor_id: int | None,
) -> ShiftRequest:
    """Store the request that waits for a manager to approve `proposal`, with its changes.

    `differences` is sorted by day, so its first and last entries give the days the
    request covers.
    """
    request = store.shift_requests.add(
        ShiftRequest(
            0,
            proposal.unit_id,
            RequestKind.REPAIR,
            RequestState.ACCEPTED,
            absent_employee_id,
            differences[0].day,
            "",
            last_day=differences[-1].day,
            roster_id=proposal.id,
        ),
        actor_id=actor_id,
    )
    store.shift_requests.add_repair_changes(request.id, differences, actor_id=actor_id)
    return request


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


def with_released_shifts_blocked(
    problem: SolverProblem, released: list[AssignedShift]
) -> SolverProblem:
    """Return the problem with each released shift blocked for the person who had it.

    The absence blocks the days it covers, but a night shift from the evening before
    it runs into its first day, and the absence opened that night too. Planning
    blocks only the shifts that start on the absent days, so without this the repair
    could give that night back to the absent person.
    """
    blocked = tuple(BlockedDay(shift.token, shift.day, shift.shift_code) for shift in released)
    return replace(problem, blocked=problem.blocked + blocked)


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
    absent_employee_id: int | None = None,
    replaces: int | None = None,
    rejected: tuple[Assignment, ...] | None = None,
) -> BackgroundJob:
    """Return the job that proposes a repair and sends it to the unit's managers.

    The repair request belongs to `absent_employee_id`, or else to the holder of the
    first released shift. With `replaces`, the job plans again the shifts of that
    out-of-date repair, and tells the managers which of them the new repair leaves
    understaffed. `rejected` marks that a manager rejected that repair instead. It
    contains the shifts that repair would have given, and the new repair gives none of them.
    """

    def read_inputs(store: Store) -> RepairInputs | None:
        """Read the search's inputs, or None when there is nothing to repair any more."""
        unit = access_unit(store, unit_id)
        roster = store.rosters.get(roster_id)
        if roster is None or roster.status != RosterStatus.PUBLISHED:
            return None
        if services.repair is None or not released:
            return None
        return read_repair_inputs(store, unit, roster, released, now=now, excluded=rejected or ())

    def propose(store: Store, inputs: RepairInputs, assignments: Assignments) -> tuple[Reply, ...]:
        """Store the repair as a proposal and return the managers' messages."""
        unit = inputs.unit
        plan = RepairPlan(inputs.base, inputs.waiting, assignments)
        absent = released[0].employee_id if absent_employee_id is None else absent_employee_id
        repair = do_propose_repair(
            store,
            unit,
            plan,
            absent_employee_id=absent,
            actor_id=actor_id,
            replaces=replaces,
            replaces_rejected=rejected is not None,
        )
        staff = store.employees.list_for_unit(unit.id, active_only=False)
        replies = notify_proposal(store, repair, staff, now.date()) if repair else []
        if replaces is not None:
            repaired = replace(plan.base, assignments=plan.assignments or plan.base.assignments)
            uncovered = understaffed_shifts(store, unit, repaired, released)
            replies += notify_uncovered(
                store, replaces, uncovered, staff, now.date(), rejected=rejected is not None
            )
        return tuple(replies)

    def run(progress: ProgressSink) -> tuple[Reply, ...]:
        # The search runs with no transaction open, so other users' messages need not wait
        # for it. The write transaction reads the inputs again and stores the result only
        # if they are unchanged: the roster still published, the same absences, wishes and
        # shifts, and the same waiting repairs, each still fitting the roster.
        with database.store() as store:
            inputs = read_inputs(store)
        for attempt in range(1, REPAIR_ATTEMPTS + 1):
            if inputs is None:
                return ()
            assignments = solve_repair(inputs, services)
            with database.store() as store:
                current = read_inputs(store)
                if current is not None and current == inputs:
                    return propose(store, current, assignments)
                if current is not None and attempt == REPAIR_ATTEMPTS:
                    # Searching inside the transaction (up to REPAIR_TIME_LIMIT_SECONDS)
                    # makes the messages wait, but stores a repair that fits for certain.
                    logger.info(
                        "roster %s kept changing; repairing it in one transaction", roster_id
                    )
                    return propose(store, current, solve_repair(current, services))
            logger.info("roster %s changed during repair attempt %s", roster_id, attempt)
            inputs = current
        return ()

    return BackgroundJob(name="repair_roster", run=run)


def understaffed_shifts(
    store: Store, unit: Unit, roster: Roster, shifts: list[Assignment]
) -> list[Assignment]:
    """Return those of `shifts` whose shift has fewer people in `roster` than the plan wants."""
    return sorted(
        (
            shift
            for shift in shifts
            if headcount(roster.assignments, shift.day, shift.shift_code)
            < wanted_headcount(store, unit, shift.day, shift.shift_code)
        ),
        key=lambda shift: (shift.day, shift.shift_code, shift.employee_id),
    )


def notify_uncovered(
    store: Store,
    replaced_id: int,
    uncovered: list[Assignment],
    staff: list[Employee],
    today: dt.date,
    *,
    rejected: bool = False,
) -> list[Reply]:
    """Tell each manager that nobody can take the shifts an out-of-date or rejected repair
    would have given."""
    # Two people missing on one shift name it once.
    missing = sorted({(shift.day, shift.shift_code) for shift in uncovered})
    if not missing:
        return []
    replies = []
    for manager in (e for e in staff if e.active and Role.MANAGER in e.roles):
        translator = Translator.for_locale(store.languages.chosen(manager.id))
        shifts = translator.join(
            [f"{code} {translator.date(day, today=today)}" for day, code in missing]
        )
        if rejected:
            text = translator.ngettext(
                "Repair proposal #%(id)s was rejected, and nobody else on the roster can take "
                "the shift it would have covered, %(shifts)s, without breaking a rule. Find "
                "cover another way, for example a substitute.",
                "Repair proposal #%(id)s was rejected, and nobody else on the roster can take "
                "the shifts it would have covered, %(shifts)s, without breaking a rule. Find "
                "cover another way, for example a substitute.",
                len(missing),
                id=replaced_id,
                shifts=shifts,
            )
        else:
            text = translator.ngettext(
                "Repair proposal #%(id)s no longer fits, and nobody on the roster can take the "
                "shift it would have covered, %(shifts)s, without breaking a rule. Find cover "
                "another way, for example a substitute.",
                "Repair proposal #%(id)s no longer fits, and nobody on the roster can take the "
                "shifts it would have covered, %(shifts)s, without breaking a rule. Find cover "
                "another way, for example a substitute.",
                len(missing),
                id=replaced_id,
                shifts=shifts,
            )
        replies.append(Reply(text, recipient_employee_id=manager.id))
    return replies


def notify_proposal(
    store: Store, repair: RepairProposal, staff: list[Employee], today: dt.date
) -> list[Reply]:
    """Send the proposal with its diff to each manager, in the manager's language."""
    names = {employee.id: employee.name for employee in staff}
    replies = []
    for manager in (e for e in staff if e.active and Role.MANAGER in e.roles):
        translator = Translator.for_locale(store.languages.chosen(manager.id))
        lines = describe_differences(translator, repair.differences, names, today)
        request_id = repair.request.id
        text = "\n".join([_proposal_heading(repair, translator), *lines])
        if repair.builds_on:
            text += "\n" + _builds_on_note(repair, translator)
        if repair.hours_outside_band:
            text += "\n" + _hours_band_note(repair, translator)
        text += "\n" + translator.gettext(
            N_(
                "Write «godkjenn %(request_id)s» to apply it, or «avslå %(request_id)s» to "
                "reject it. If you reject it, the roster stays as it is, and I look for "
                "another repair of the shifts it covers."
            ),
            request_id=request_id,
        )
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
            Reply(
                text,
                kind=ReplyKind.APPROVAL,
                buttons=buttons,
                recipient_employee_id=manager.id,
                request_id=request_id,
            )
        )
    return replies


def _proposal_heading(repair: RepairProposal, translator: Translator) -> str:
    if repair.replaces is not None and repair.replaces_rejected:
        return translator.gettext(
            N_(
                "Repair proposal #%(replaced)s was rejected, so the shifts it would have "
                "covered are still open. I propose this repair of the roster instead, "
                "#%(request_id)s, with as few changes as possible, and without giving anyone "
                "a shift that #%(replaced)s would have given them:"
            ),
            replaced=repair.replaces,
            request_id=repair.request.id,
        )
    if repair.replaces is not None:
        return translator.gettext(
            N_(
                "Repair proposal #%(replaced)s no longer fits, so the shifts it would have "
                "covered are open again. I propose this repair of the roster instead, "
                "#%(request_id)s, with as few changes as possible:"
            ),
            replaced=repair.replaces,
            request_id=repair.request.id,
        )
    return translator.gettext(
        N_(
            "An absence opened shifts. I propose this repair of the roster, #%(request_id)s, "
            "with as few changes as possible:"
        ),
        request_id=repair.request.id,
    )


def _builds_on_note(repair: RepairProposal, translator: Translator) -> str:
    return translator.ngettext(
        "It counts the changes of repair proposal %(requests)s, which still waits, as made. "
        "If you reject that one, I look for another repair of the shifts it covers.",
        "It counts the changes of repair proposals %(requests)s, which still wait, as made. "
        "If you reject one of them, I look for another repair of the shifts it covers.",
        len(repair.builds_on),
        requests=translator.join([f"#{request_id}" for request_id in repair.builds_on]),
    )


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


# The message for a repair request that is no longer open, by its state. An approval or
# a rejection names the manager who made it, as a decided swap does.
DECIDED_REPAIR_TEXTS = {
    RequestState.APPROVED: N_(
        "Repair proposal #%(request_id)s is already approved by %(decider)s, and the roster "
        "has its changes. Nothing more was changed."
    ),
    RequestState.REJECTED: N_(
        "Repair proposal #%(request_id)s is already rejected by %(decider)s, so the roster "
        "stays as it was. Nothing was changed."
    ),
    RequestState.OUTDATED: N_(
        "Repair proposal #%(request_id)s no longer fits the roster, which changed after the "
        "proposal was made, so it is closed. Nothing was changed."
    ),
}
DECIDED_REPAIR_BY_ACTOR_TEXTS = {
    RequestState.APPROVED: N_(
        "You have already approved repair proposal #%(request_id)s, and the roster has its "
        "changes. Nothing more was changed."
    ),
    RequestState.REJECTED: N_(
        "You have already rejected repair proposal #%(request_id)s, so the roster stays as it "
        "was. Nothing was changed."
    ),
}

# The button on a repair proposal card, as the event it applies to the repair request.
BUTTON_EVENTS = {
    ButtonAction.APPROVE: RequestEvent.APPROVE,
    ButtonAction.REJECT: RequestEvent.REJECT,
}


def decide_proposal(context: Context, press: ButtonPress) -> Outcome:
    """Carry out «Godkjenn» or «Avslå» on a repair proposal card; the press is the confirmation."""
    context.check_role(Role.MANAGER)
    request = access_repair_by_roster(context, press.value)
    event = BUTTON_EVENTS.get(press.action)
    if event is None:
        raise NotFound(what=context._(N_("that roster proposal")))
    return decide_repair(context, request, event)


def access_repair_by_roster(context: Context, value: str) -> ShiftRequest:
    """Load the repair request of the proposed roster that a button value names."""
    try:
        roster_id = int(value.removeprefix(PROPOSAL_PREFIX))
    except ValueError:
        raise NotFound(what=context._(N_("that roster proposal"))) from None
    request = context.store.shift_requests.for_roster(roster_id)
    if request is not None and request.unit_id == context.unit.id:
        return request
    proposal = context.store.rosters.get(roster_id)
    if proposal is not None and proposal.unit_id == context.unit.id:
        # A proposal stored before repairs became requests was closed by the upgrade.
        raise UserError(N_("That proposal has already been decided."))
    raise NotFound(what=context._(N_("that roster proposal")))


def check_may_decide_repair(context: Context, request: ShiftRequest, event: RequestEvent) -> None:
    """Raise unless a manager approves or rejects a repair that still waits for a decision."""
    if event not in BUTTON_EVENTS.values():
        raise UserError(
            N_(
                "Repair proposal #%(request_id)s comes from vaktbot, so nobody withdraws it. A "
                "manager approves it with «godkjenn %(request_id)s» or rejects it with «avslå "
                "%(request_id)s»."
            ),
            request_id=request.id,
        )
    context.check_role(Role.MANAGER)
    if not request.is_open:
        raise decided_repair_refusal(context, request)


def decided_repair_refusal(context: Context, request: ShiftRequest) -> UserError:
    """Return the refusal of a decision on a closed repair, naming who decided it and their role."""
    if request.state not in DECIDED_REPAIR_BY_ACTOR_TEXTS:
        return UserError(DECIDED_REPAIR_TEXTS[RequestState.OUTDATED], request_id=request.id)
    if request.decided_by_id == context.actor.id:
        return UserError(DECIDED_REPAIR_BY_ACTOR_TEXTS[request.state], request_id=request.id)
    decider = context.store.employees.get(request.decided_by_id or 0)
    return UserError(
        DECIDED_REPAIR_TEXTS[request.state],
        request_id=request.id,
        decider=decider_phrase(context, decider),
    )


def repair_read_back(context: Context, request: ShiftRequest, event: RequestEvent) -> str:
    """Say what «godkjenn N» or «avslå N» on a repair will do, with every change it makes."""
    check_may_decide_repair(context, request, event)
    if event == RequestEvent.REJECT:
        return context._(
            N_(
                "Rejecting repair proposal #%(request_id)s. The published roster stays as it "
                "is. If the shifts it would have covered are still open, I look for another "
                "repair of them, or tell you that nobody can take them."
            ),
            request_id=request.id,
        )
    changes = context.store.shift_requests.repair_changes(request.id)
    lines = describe_differences(context.translator, changes, staff_names(context), context.today)
    heading = context._(
        N_(
            "Approving repair proposal #%(request_id)s, with these changes to the published roster:"
        ),
        request_id=request.id,
    )
    told = context._(N_("Everyone whose shifts change is told."))
    return "\n".join([heading, *lines, told])


def describe_repair(context: Context, request: ShiftRequest) -> str:
    """Describe a repair request in one line, with its first changes, for the request list."""
    changes = context.store.shift_requests.repair_changes(request.id)
    lines = describe_differences(
        context.translator, changes[:MAX_LISTED_CHANGES], staff_names(context), context.today
    )
    if len(changes) > MAX_LISTED_CHANGES:
        unlisted = len(changes) - MAX_LISTED_CHANGES
        lines.append(
            context.translator.ngettext(
                "and %(count)s more change", "and %(count)s more changes", unlisted
            )
        )
    absent = context.store.employees.get(request.requester_id)
    return context._(
        N_("#%(id)s repair of the roster after the absence of %(name)s: %(changes)s"),
        id=request.id,
        name=absent.name if absent is not None else "?",
        changes="; ".join(lines),
    )


def staff_names(context: Context) -> dict[int, str]:
    staff = context.store.employees.list_for_unit(context.unit.id, active_only=False)
    return {employee.id: employee.name for employee in staff}


def decide_repair(
    context: Context, request: ShiftRequest, event: RequestEvent, *, reason: str = ""
) -> Outcome:
    """Approve or reject a repair request, and close its proposed roster either way.

    The request is read again under a row lock, so that of two managers deciding it
    at once, the second finds it decided.
    """
    locked = context.store.shift_requests.get_for_update(request.id)
    if locked is None:
        raise NotFound(what=context._(N_("that roster proposal")))
    request = locked
    check_may_decide_repair(context, request, event)
    if event == RequestEvent.REJECT:
        return reject_repair(context, request, reason)
    return approve_repair(context, request)


def reject_repair(context: Context, request: ShiftRequest, reason: str) -> Outcome:
    """Close the repair request and its proposal, and plan its shifts again without it.

    The published roster stays as it is. The shifts the repair would have given are
    still open, so they are planned again as for a repair that no longer fits, but the
    new plan gives nobody a shift that the rejected one would have given them.
    """
    close_repair(context, request, RequestEvent.REJECT, note=reason or request.note)
    changes = context.store.shift_requests.repair_changes(request.id)
    published = context.store.rosters.covering(context.unit.id, request.day)
    job = None
    if published is not None and published.status == RosterStatus.PUBLISHED:
        job = replan_job(context, request, published, changes, rejected=True)
    text = context._(
        N_("Repair proposal #%(request_id)s was rejected by %(name)s. The roster is unchanged."),
        request_id=request.id,
        name=context.actor.name,
    )
    if job is not None:
        text += " " + context._(
            N_(
                "I am looking for another repair of the shifts it would have covered, and "
                "send it, or tell you if nobody can take them."
            )
        )
    return Outcome((decision_reply(request, text),), job=job)


def approve_repair(context: Context, request: ShiftRequest) -> Outcome:
    """Apply the repair's changes to the published roster, unless the roster no longer fits them.

    The changes apply only where the roster still has the shift it had when the
    repair was proposed, or already the new one, so a swap approved since is kept,
    not undone. A change may not staff a shift above the plan because another repair
    or a request has covered it since, for example two repairs of one open shift.
    The result must break no working-time rule that the roster did not already
    break. A new staffing gap does not stop it, because the repair may have had to
    trade coverage for legality. A repair that no longer fits is closed as out of
    date, and the shifts it would have given are planned again in the background.
    Waiting swaps and offers of the shifts it removes are closed.
    """
    # Imported here, because core.actions.shift_requests imports this module.
    from core.actions.vacated_shifts import lock_requests_moving, outdate_vacated

    changes = context.store.shift_requests.repair_changes(request.id)
    # The swaps and offers of the shifts the repair removes are locked before the roster,
    # as their approval locks them, and closed once the roster has changed.
    vacated = lock_requests_moving(context, removed_shifts(changes))
    published = context.store.rosters.covering(context.unit.id, request.day)
    if published is not None:
        # Locked as a shift request's approval locks it, so that neither undoes the other.
        published = context.store.rosters.get_for_update(published.id)
    proposal = context.store.rosters.get(request.roster_id) if request.roster_id else None
    if published is None or (
        proposal is not None and (published.start, published.end) != (proposal.start, proposal.end)
    ):
        reason = context._(N_("The roster this proposal repairs is no longer published."))
        return outdate_repair(context, request, reason)

    conflict = repair_conflict(context.store, context.unit, published, changes, proposal)
    if conflict is not None:
        reason = conflict_reason(context, published, conflict)
        return replace(
            outdate_repair(context, request, reason),
            job=replan_job(context, request, published, changes),
        )
    assignments = with_changes(published, changes)
    context.store.rosters.replace_assignments(published.id, assignments, actor_id=context.actor.id)
    close_repair(context, request, RequestEvent.APPROVE)
    text = context._(
        N_("Repair proposal #%(request_id)s was approved by %(name)s, and the roster is updated."),
        request_id=request.id,
        name=context.actor.name,
    )
    return Outcome(
        (
            decision_reply(request, text),
            *notify_changed_shifts(context, changes),
            *outdate_vacated(context, vacated),
        )
    )


def replan_job(
    context: Context,
    request: ShiftRequest,
    published: Roster,
    changes: tuple[RosterDifference, ...],
    *,
    rejected: bool = False,
) -> BackgroundJob | None:
    """Return the job that plans again the shifts an out-of-date or rejected repair would
    have given.

    Those shifts are still open, and a waiting repair may have counted on them. The
    solver plans a repair around shifts that someone lost, so each one is handed to
    the solver as lost by someone off that day (`nominal_holder`). After a rejection,
    the new plan gives nobody a shift the rejected repair would have given them.
    """
    if context.services.repair is None:
        return None
    new_shifts = [
        Assignment(change.employee_id, change.day, change.new_shift_code)
        for change in changes
        if change.new_shift_code is not None
        and published.shift_of(change.employee_id, change.day) != change.new_shift_code
    ]
    shifts = [
        Assignment(holder, shift.day, shift.shift_code)
        for shift in new_shifts
        if (holder := nominal_holder(context, request, published, shift)) is not None
    ]
    # A shift that has as many people as planned needs no new repair.
    shifts = understaffed_shifts(context.store, context.unit, published, shifts)
    if not shifts:
        return None
    return repair_job(
        context.database,
        context.services,
        context.unit.id,
        published.id,
        shifts,
        actor_id=context.actor.id,
        now=context.now,
        absent_employee_id=request.requester_id,
        replaces=request.id,
        rejected=tuple(new_shifts) if rejected else None,
    )


def nominal_holder(
    context: Context, request: ShiftRequest, published: Roster, shift: Assignment
) -> int | None:
    """Return the rostered person who is handed `shift` as lost, so that the solver covers it.

    The solver takes one shift a day per person, so the holder must be off that day,
    and the repair keeps the holder off the shift. The person the repair gave the shift
    to comes first, then the absent employee. When both work that day, the holder is
    someone who could not take the shift anyway: away that day, or not allowed the shift.
    Returns None when everyone on the roster works that day.
    """
    staff = [e for e in context.store.employees.list_for_unit(context.unit.id) if e.rostered]
    off = [e.id for e in staff if published.shift_of(e.id, shift.day) is None]
    for preferred in (shift.employee_id, request.requester_id):
        if preferred in off:
            return preferred
    cannot_take = unable_to_take(context, staff, shift)
    # NOTE: a colleague who could take the shift is the holder only when nobody else is
    # off, and the new repair then keeps them off it.
    ranked = sorted(off, key=lambda employee_id: (employee_id not in cannot_take, employee_id))
    return ranked[0] if ranked else None


def unable_to_take(context: Context, staff: list[Employee], shift: Assignment) -> set[int]:
    """Return the ids of `staff` who may not work `shift`: away that day, or not allowed it."""
    day = DateRange(shift.day, shift.day)
    absent = context.store.absences.list_absences(unit_id=context.unit.id, within=day)
    unavailable = context.store.absences.list_unavailability(unit_id=context.unit.id, within=day)
    shift_types = context.store.organisations.shift_types(context.unit.id)
    away = {absence.employee_id for absence in absent} | {
        unavailability.employee_id
        for unavailability in unavailable
        if unavailability.shift_kind is None
    }
    not_allowed = {
        employee.id
        for employee in staff
        if (codes := allowed_shift_codes(employee, shift_types)) is not None
        and shift.shift_code not in codes
    }
    return away | not_allowed


def removed_shifts(changes: tuple[RosterDifference, ...]) -> list[Assignment]:
    """Return the shifts the changes take from someone, as they are in the roster before."""
    return [
        Assignment(change.employee_id, change.day, change.old_shift_code)
        for change in changes
        if change.old_shift_code is not None
    ]


@dataclass(frozen=True)
class RepairConflict:
    """The first reason found that approving a repair would now fail; one field is set."""

    # A changed person-day that has neither the shift from before nor the new one.
    changed: RosterDifference | None = None
    # A change that would staff its shift above both the plan and the proposal.
    overstaffed: RosterDifference | None = None
    # A working-time rule the roster would break with the changes, and did not before.
    breach: Violation | None = None


def repair_conflict(
    store: Store,
    unit: Unit,
    published: Roster,
    changes: tuple[RosterDifference, ...],
    proposal: Roster | None,
    checker: ChangeChecker | None = None,
) -> RepairConflict | None:
    """Return why the repair's changes no longer fit `published`, or None if they still do.

    Approving a repair and counting a waiting one in a new repair both use this, so a
    new repair never builds on one whose approval would be refused.
    """
    for change in changes:
        if published.shift_of(change.employee_id, change.day) not in (
            change.old_shift_code,
            change.new_shift_code,
        ):
            return RepairConflict(changed=change)
    overstaffed = overstaffed_change(store, unit, published, changes, proposal)
    if overstaffed is not None:
        return RepairConflict(overstaffed=overstaffed)
    checker = checker or ChangeChecker(store, unit, published)
    breaches = [
        violation
        for violation in checker.new_violations(with_changes(published, changes))
        if not violation.is_coverage
    ]
    return RepairConflict(breach=breaches[0]) if breaches else None


def overstaffed_change(
    store: Store,
    unit: Unit,
    published: Roster,
    changes: tuple[RosterDifference, ...],
    proposal: Roster | None,
) -> RosterDifference | None:
    """Return the first change that would staff its shift above the plan and the proposal.

    The solver staffs a shift up to the plan's wanted headcount, so a shift that the
    changes take above both that and its headcount in the proposal was covered by
    something else since the proposal was made.
    """
    after = with_changes(published, changes)
    for change in changes:
        code = change.new_shift_code
        if code is None or published.shift_of(change.employee_id, change.day) == code:
            continue
        staffed = headcount(after, change.day, code)
        wanted = wanted_headcount(store, unit, change.day, code)
        proposed = headcount(proposal.assignments, change.day, code) if proposal else wanted
        if staffed > max(wanted, proposed):
            return change
    return None


def conflict_reason(context: Context, published: Roster, conflict: RepairConflict) -> str:
    """Say in the reader's language why the repair no longer fits the roster."""
    if conflict.changed is not None:
        return changed_since_text(context, published, conflict.changed)
    if conflict.overstaffed is not None:
        return covered_since_text(context, published, conflict.overstaffed)
    assert conflict.breach is not None
    return breach_reason(context, conflict.breach)


def changed_since_text(context: Context, published: Roster, change: RosterDifference) -> str:
    """Name a changed person-day that has neither the old nor the new shift."""
    off = context._(N_("off"))
    return context._(
        N_("%(name)s now has %(now)s %(day)s, and the repair was planned when it was %(before)s."),
        name=staff_names(context).get(change.employee_id, "?"),
        now=published.shift_of(change.employee_id, change.day) or off,
        day=context.date(change.day),
        before=change.old_shift_code or off,
    )


def covered_since_text(context: Context, published: Roster, change: RosterDifference) -> str:
    """Name the shift a change would staff above the plan, and who covers it already."""
    code = change.new_shift_code or ""
    reason = context._(
        N_(
            "%(name)s would get %(code)s %(day)s, but that shift already has as many people "
            "as planned: %(wanted)s."
        ),
        name=staff_names(context).get(change.employee_id, "?"),
        code=code,
        day=context.date(change.day),
        wanted=wanted_headcount(context.store, context.unit, change.day, code),
    )
    return f"{reason} {covering_text(context, published, change)}"


def headcount(assignments: Iterable[Assignment], day: dt.date, code: str) -> int:
    return sum(1 for a in assignments if (a.day, a.shift_code) == (day, code))


def wanted_headcount(store: Store, unit: Unit, day: dt.date, code: str) -> int:
    """Return how many people the staffing plan wants on the shift `code` on `day`, 0 if none."""
    demands = store.organisations.staffing(unit.id).for_day(day)
    return sum(demand.wanted for demand in demands if demand.shift_code == code)


# The sentence naming who covers a shift a repair would overstaff, by how they got it.
COVERED_BY_REPAIR_TEXT = N_(
    "%(holder)s has it through repair proposal #%(id)s, which %(decider)s approved."
)
COVERED_BY_REQUEST_TEXT = N_(
    "%(holder)s has it through request #%(id)s, which %(decider)s approved."
)
COVERED_BY_STAFF_TEXT = N_("It is worked by %(names)s.")


def covering_text(context: Context, published: Roster, change: RosterDifference) -> str:
    """Name the approved repair or request that gave someone the shift `change` would fill.

    Without one, for example after the planner edited the roster, the sentence names
    everyone on the shift.
    """
    names = staff_names(context)
    code = change.new_shift_code
    for approved in context.store.shift_requests.list_approved_on(context.unit.id, change.day):
        holders = [
            employee_id
            for employee_id, day, received_code in given_shifts(context, approved)
            if (day, received_code) == (change.day, code)
            and published.shift_of(employee_id, day) == code
        ]
        if not holders:
            continue
        text = (
            COVERED_BY_REPAIR_TEXT
            if approved.kind == RequestKind.REPAIR
            else COVERED_BY_REQUEST_TEXT
        )
        decider = context.store.employees.get(approved.decided_by_id or 0)
        return context._(
            text,
            holder=names.get(holders[0], "?"),
            id=approved.id,
            decider=decider_phrase(context, decider),
        )
    working = sorted(
        names.get(a.employee_id, "?")
        for a in published.assignments
        if (a.day, a.shift_code) == (change.day, code)
    )
    return context._(COVERED_BY_STAFF_TEXT, names=context.translator.join(working))


def given_shifts(context: Context, approved: ShiftRequest) -> frozenset[tuple[int, dt.date, str]]:
    """Return the shifts an approved request gave someone, as (employee id, day, shift code)."""
    if approved.kind == RequestKind.REPAIR:
        return frozenset(
            (change.employee_id, change.day, change.new_shift_code)
            for change in context.store.shift_requests.repair_changes(approved.id)
            if change.new_shift_code is not None
        )
    if approved.absence_kind is not None:
        return frozenset()
    # Imported here, because core.actions.shift_requests imports this module.
    from core.actions.shift_requests import received_shifts

    return received_shifts(approved)


def with_changes(roster: Roster, changes: tuple[RosterDifference, ...]) -> list[Assignment]:
    """Return the roster's assignments with each change applied; a day off removes the shift."""
    changed = {(change.employee_id, change.day) for change in changes}
    kept = [a for a in roster.assignments if (a.employee_id, a.day) not in changed]
    added = [
        Assignment(change.employee_id, change.day, change.new_shift_code)
        for change in changes
        if change.new_shift_code is not None
    ]
    return sorted(kept + added, key=lambda a: (a.day, a.employee_id))


def breach_reason(context: Context, breach: Violation) -> str:
    names = {employee_key(employee_id): name for employee_id, name in staff_names(context).items()}
    return context._(
        N_("With the changes, the roster would break a rule: %(breach)s"),
        breach=describe_violation(context.translator, breach, names, today=context.today),
    )


def outdate_repair(context: Context, request: ShiftRequest, reason: str) -> Outcome:
    """Close a repair that no longer fits the roster, with the reason; the roster stays as it is."""
    close_repair(context, request, RequestEvent.OUTDATE, note=reason)
    text = context._(
        N_(
            "Repair proposal #%(request_id)s no longer fits the roster: %(reason)s Nothing was "
            "changed, and the proposal is closed. Write «vis ventende bytter» to see the open "
            "shifts."
        ),
        request_id=request.id,
        reason=reason,
    )
    return Outcome((decision_reply(request, text),))


def close_repair(
    context: Context, request: ShiftRequest, event: RequestEvent, *, note: str = ""
) -> None:
    """Store the repair request after `event`, and mark its proposed roster as decided."""
    updated = request.after(event, note=note or request.note)
    if event != RequestEvent.OUTDATE:
        updated = replace(updated, decided_by_id=context.actor.id)
    context.store.shift_requests.update(updated, actor_id=context.actor.id)
    if request.roster_id is not None:
        context.store.rosters.set_status(
            request.roster_id, RosterStatus.SUPERSEDED, actor_id=context.actor.id
        )


def decision_reply(request: ShiftRequest, text: str) -> Reply:
    """Return the decision that replaces the proposal card, on every manager's chat."""
    return Reply(text, kind=ReplyKind.DECISION, replace_original=True, request_id=request.id)


def notify_changed_shifts(
    context: Context, differences: tuple[RosterDifference, ...]
) -> list[Reply]:
    """Tell each employee whose shifts the repair changed, in their language."""
    by_employee: dict[int, list[RosterDifference]] = {}
    for difference in differences:
        by_employee.setdefault(difference.employee_id, []).append(difference)
    names = staff_names(context)
    replies = []
    for employee_id, changed in sorted(by_employee.items()):
        to_employee = context.for_recipient(employee_id)
        lines = describe_differences(to_employee.translator, tuple(changed), names, context.today)
        text = "\n".join([to_employee._(N_("Your roster has changed:")), *lines])
        replies.append(Reply(text, recipient_employee_id=employee_id))
    return replies
