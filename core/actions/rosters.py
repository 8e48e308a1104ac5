"""Generating, publishing and reading rosters."""

from __future__ import annotations

import datetime as dt
import logging
import threading
from collections.abc import Callable, Iterable
from dataclasses import dataclass, replace
from pathlib import Path
from typing import TYPE_CHECKING

from core.actions.base import Proposal
from core.actions.drafts import (
    KeptDraft,
    better_roster_text,
    improvable_draft,
    improved_draft_note,
    kept_draft_reason,
    kept_draft_text,
    next_rotation_period,
    nothing_to_improve,
    open_draft,
    open_draft_readback,
    other_weeks_note,
    replaced_draft_note,
    rotation_period_readback,
    rule_breach_note,
)
from core.actions.phrases import ABSENCE_NAMES, dates_phrase, shift_kind_name
from core.commands import AbsenceKind, DateRange, Intent, ParsedCommand, ranges_of
from core.compliance import check_roster
from core.compliance.model import PlannedShift, Violation
from core.context import Context, Services
from core.coverage import is_summarised, write_gaps_csv
from core.employees import Employee, Role
from core.errors import UserError
from core.i18n import N_, Translator
from core.messages import BackgroundJob, Outcome, ProgressSink, Reply, ReplyKind
from core.output_files import write_text_file
from core.people import resolve_employee
from core.planning import PlanningInput, assignments_from, build_problem, solver_shifts
from core.roster_csv import write_roster_csv
from core.roster_facts import compliance_context, planned_shifts
from core.roster_report import (
    RosterReport,
    build_report,
    hours_band_note,
    hours_lines,
    render_summary,
)
from core.rosters import Assignment, Roster, RosterStatus
from core.rules import MAX_ROTATION_WEEKS
from core.setup import access_unit
from core.units import Unit
from core.violation_texts import SOLVER_RULE_TITLES

if TYPE_CHECKING:
    from solver.engine import Progress
    from solver.explain import Explanation
    from solver.problem import SolverResult
    from storage.database import Database
    from storage.store import Store

logger = logging.getLogger(__name__)

MAX_ROSTER_DAYS = MAX_ROTATION_WEEKS * 7
SCHEDULE_DEFAULT_DAYS = 14
EXPLAIN_TIME_LIMIT_SECONDS = 10.0
# Wall-clock cap of both searches. It only ends a search on a very loaded machine,
# and the result may then differ between runs.
REPEATABLE_SEARCH_TIME_LIMIT_SECONDS = 120.0
# Minimums an explanation names in chat, while the file of gaps lists every day.
MAX_EXPLAINED_DEMANDS = 6


def roster_period(context: Context, command: ParsedCommand) -> DateRange:
    """Return the period a roster command names, or the unit's next rotation period."""
    if not command.dates:
        return next_rotation_period(context)
    period = DateRange(min(r.start for r in command.dates), max(r.end for r in command.dates))
    if (period.end - period.start).days + 1 > MAX_ROSTER_DAYS:
        raise UserError(
            N_(
                "A roster can cover at most 26 weeks. Write a shorter period, "
                "for example «lag turnus for uke 3–8»."
            )
        )
    return period


@dataclass(frozen=True)
class GeneratedRoster:
    roster: Roster
    report: RosterReport
    planning: PlanningInput


def do_generate_roster(
    store: Store,
    unit: Unit,
    period: DateRange,
    services: Services,
    *,
    actor_id: int | None,
    on_progress: Callable[[Progress], None] | None = None,
    cancel: threading.Event | None = None,
    search_work: float | None = None,
) -> GeneratedRoster:
    """Plan `period` for `unit`, store the roster as a draft and return it with its report.

    The search stops on `search_work` of CP-SAT's deterministic time (by default
    the services' `roster_search_work`) rather than on the clock, so the same
    registrations give the same roster.
    """
    planning = build_problem(store, unit, period)
    result = _solve_new(planning, services, on_progress, cancel, search_work)
    return _store_new_roster(store, unit, planning, result, actor_id=actor_id)


def do_improve_draft(
    store: Store,
    unit: Unit,
    draft: Roster,
    services: Services,
    *,
    actor_id: int | None,
    on_progress: Callable[[Progress], None] | None = None,
    cancel: threading.Event | None = None,
) -> GeneratedRoster | KeptDraft:
    """Plan the draft's period again, starting from the draft, and store a roster that costs less.

    The search stops on a fixed amount of work, so the same draft and registrations
    give the same roster. When no roster costs less, nothing is stored and no report
    is built, because the reply only states that the draft stays and why.
    """
    planning = build_problem(store, unit, DateRange(draft.start, draft.end))
    result = _solve_from(planning, draft, services, on_progress, cancel)
    reason = kept_draft_reason(result)
    if reason is not None:
        logger.info("unit %s: draft %s kept: %s", unit.id, draft.id, reason.value)
        return KeptDraft(draft, reason)
    return _store_new_roster(store, unit, planning, result, actor_id=actor_id)


def _store_new_roster(
    store: Store,
    unit: Unit,
    planning: PlanningInput,
    result: SolverResult,
    *,
    actor_id: int | None,
) -> GeneratedRoster:
    """Store the solver's roster as a draft and return it with its report."""
    period = planning.period
    logger.info(
        "solved unit %s %s–%s: %s in %.1f s",
        unit.id,
        period.start,
        period.end,
        result.status.value,
        result.wall_seconds,
    )
    if not result.has_roster:
        raise UserError(
            N_(
                "No roster was found within the time limit, so nothing was "
                "changed. Try again with a shorter period, or ask the "
                "administrator to allow the solver more time."
            )
        )
    assignments = assignments_from(result, planning)
    draft = Roster(0, unit.id, period.start, period.end, RosterStatus.DRAFT, tuple(assignments))
    roster = store.rosters.add(draft, actor_id=actor_id)
    report = build_report(planning, result, assignments, compliance_context(store, unit, period))
    return GeneratedRoster(roster, report, planning)


def _repeatable_time_limit(services: Services) -> float:
    """Return the wall-clock cap of a search that should stop on its work limit first."""
    return max(services.solver_time_limit_seconds, REPEATABLE_SEARCH_TIME_LIMIT_SECONDS)


def _solve_new(
    planning: PlanningInput,
    services: Services,
    on_progress: Callable[[Progress], None] | None,
    cancel: threading.Event | None,
    search_work: float | None = None,
) -> SolverResult:
    """Solve the planning problem from scratch, repeatably."""
    return services.solve(
        planning.problem,
        time_limit_seconds=_repeatable_time_limit(services),
        on_progress=on_progress,
        cancel=cancel,
        deterministic_time=services.roster_search_work if search_work is None else search_work,
    )


def _solve_from(
    planning: PlanningInput,
    draft: Roster,
    services: Services,
    on_progress: Callable[[Progress], None] | None,
    cancel: threading.Event | None,
) -> SolverResult:
    """Solve the planning problem from `draft`, repeatably."""
    problem = replace(planning.problem, start_roster=solver_shifts(planning, draft.assignments))
    return services.solve(
        problem,
        time_limit_seconds=_repeatable_time_limit(services),
        on_progress=on_progress,
        cancel=cancel,
        deterministic_time=services.roster_search_work / 2,
    )


def roster_rows(store: Store, roster: Roster) -> list[PlannedShift]:
    """Return the roster's shifts with each employee's name as the key, for the CSV file."""
    staff = store.employees.list_for_unit(roster.unit_id, active_only=False)
    names = {employee.id: employee.name for employee in staff}
    shift_types = {t.code: t for t in store.organisations.shift_types(roster.unit_id)}
    return planned_shifts(
        roster.assignments,
        shift_types,
        key=lambda employee_id: names.get(employee_id, str(employee_id)),
    )


def export_roster_csv(store: Store, roster: Roster, path: Path, *, overwrite: bool = True) -> Path:
    """Write the roster's rows to `path`, readable by the owner only, because it names staff.

    Raises FileExistsError when `path` exists and `overwrite` is false.
    """
    rows = roster_rows(store, roster)
    return write_text_file(
        path, lambda csv_file: write_roster_csv(rows, csv_file), overwrite=overwrite
    )


class GenerateRoster:
    def propose(self, context: Context, command: ParsedCommand) -> Proposal:
        context.check_role(Role.PLANNER)
        if not command.dates:
            draft = open_draft(context)
            if draft is None and command.plan_again:
                raise nothing_to_improve(context)
            if draft is not None:
                command = replace(command, dates=(DateRange(draft.start, draft.end),))
                if not command.plan_again:
                    return _open_draft_proposal(context, command, draft)
        period = roster_period(context, command)
        check_no_published_overlap(
            context.store, context.unit, period, context.translator, context.today
        )
        if command.dates:
            readback = _named_period_readback(context, period)
        else:
            readback = rotation_period_readback(context, period)
        readback += confirmation_notes(context, gap_warning(context, period.start))
        draft = improvable_draft(context, period)
        data: dict[str, object] = {"start": period.start.isoformat(), "end": period.end.isoformat()}
        if draft is None:
            readback += replaced_draft_note(context, period)
        else:
            readback += improved_draft_note(context, draft)
            data["draft_id"] = draft.id
        if not command.dates:
            readback += other_weeks_note(context, period)
            # With the weeks filled in, «og uke 9 også» adds to them rather than replacing them.
            command = replace(command, dates=(period,))
        return Proposal(Intent.GENERATE_ROSTER, readback, command, data)

    def execute(self, context: Context, proposal: Proposal) -> Outcome:
        context.check_role(Role.PLANNER)
        period = DateRange(
            dt.date.fromisoformat(proposal.data["start"]),
            dt.date.fromisoformat(proposal.data["end"]),
        )
        job = roster_job(
            context.database,
            context.services,
            context.unit.id,
            context.actor.id,
            period,
            context.translator,
            context.today,
            context.services.export_folder,
            draft_id=proposal.data.get("draft_id"),
        )
        started = context._(
            N_("Planning started. I will post progress here and the result when it is ready.")
        )
        return Outcome((Reply(started, kind=ReplyKind.PROGRESS),), job=job)


def _open_draft_proposal(context: Context, command: ParsedCommand, draft: Roster) -> Proposal:
    """Propose to plan the open draft again, for a «lag turnus» that names no weeks."""
    period = DateRange(draft.start, draft.end)
    check_no_published_overlap(
        context.store, context.unit, period, context.translator, context.today
    )
    readback = open_draft_readback(context, draft)
    readback += confirmation_notes(context, gap_warning(context, period.start))
    data: dict[str, object] = {
        "start": period.start.isoformat(),
        "end": period.end.isoformat(),
        "draft_id": draft.id,
    }
    return Proposal(Intent.GENERATE_ROSTER, readback, command, data)


def _named_period_readback(context: Context, period: DateRange) -> str:
    weeks = ((period.end - period.start).days + 1) / 7
    weeks_text = context.translator.number(weeks, decimals=0 if weeks.is_integer() else 1)
    return context.translator.ngettext(
        "Making a roster for %(unit)s from %(start)s to %(end)s (%(weeks)s week).",
        "Making a roster for %(unit)s from %(start)s to %(end)s (%(weeks)s weeks).",
        1 if weeks == 1 else 2,
        unit=context.unit.name,
        start=context.date(period.start),
        end=context.date(period.end),
        weeks=weeks_text,
    )


def roster_job(
    database: Database,
    services: Services,
    unit_id: int,
    actor_id: int,
    period: DateRange,
    translator: Translator,
    today: dt.date,
    export_folder: str | None,
    *,
    draft_id: int | None = None,
) -> BackgroundJob:
    """Return the background job that plans `period` and reports back.

    With `draft_id`, the job improves that draft while it is still a draft.
    """

    cancelled = threading.Event()

    def run(progress: ProgressSink) -> tuple[Reply, ...]:
        def report_progress(snapshot: Progress) -> None:
            progress.report(progress_reply(translator, snapshot))

        # Three steps, so that no transaction is open during the search, which takes
        # a minute on a large ward: SQLite has one write lock, and every other user's
        # message needs it.
        with database.store() as store:
            unit = access_unit(store, unit_id)
            draft = _draft_to_improve(store, unit_id, draft_id)
            planned_period = period if draft is None else DateRange(draft.start, draft.end)
            planning = build_problem(store, unit, planned_period)

        if draft is None:
            result = _solve_new(planning, services, report_progress, cancelled)
        else:
            result = _solve_from(planning, draft, services, report_progress, cancelled)
            reason = kept_draft_reason(result)
            if reason is not None:
                logger.info("unit %s: draft %s kept: %s", unit_id, draft.id, reason.value)
                return (_kept_draft_reply(KeptDraft(draft, reason), translator, today),)

        with database.store() as store:
            unit = access_unit(store, unit_id)
            # A roster may have been published over these days during the search.
            check_no_published_overlap(store, unit, planned_period, translator, today)
            generated = _store_new_roster(store, unit, planning, result, actor_id=actor_id)
            waiting = waiting_absence_requests(store, unit_id, period)
            attachment = None
            gaps_attachment = None
            if export_folder is not None:
                folder = Path(export_folder)
                roster_id = generated.roster.id
                attachment = export_roster_csv(
                    store, generated.roster, folder / f"turnus-{roster_id}-{period.start}.csv"
                )
                if is_summarised(generated.report.coverage_gaps):
                    gaps_attachment = export_gaps_csv(
                        generated.report.coverage_gaps,
                        folder / f"hull-{roster_id}-{period.start}.csv",
                    )
        summary = render_summary(generated.report, translator, today)
        if draft is not None:
            # The draft was improved, not kept, so the reply names the draft it replaces.
            summary = f"{better_roster_text(draft, translator, today)}\n{summary}"
        summary += waiting_absence_note(waiting, translator, today)
        if explains_gaps(generated.report) and services.explain is not None:
            explanation = services.explain(
                generated.planning.problem, time_limit_seconds=EXPLAIN_TIME_LIMIT_SECONDS
            )
            summary += "\n" + render_explanation(explanation, generated.planning, translator, today)
        publish_hint = translator.gettext(
            N_("The roster is a draft. Write «publiser turnusen» to publish it.")
        )
        replies = [
            Reply(
                f"{summary}\n{publish_hint}",
                kind=ReplyKind.ROSTER,
                title=translator.gettext(N_("New roster")),
                attachment=attachment,
            )
        ]
        if gaps_attachment is not None:
            replies.append(gaps_reply(generated.report, gaps_attachment, translator))
        return tuple(replies)

    return BackgroundJob(name="generate_roster", run=run, cancelled=cancelled)


def _draft_to_improve(store: Store, unit_id: int, draft_id: int | None) -> Roster | None:
    """Return the draft to improve, or None when there is none or it is no longer a draft."""
    if draft_id is None:
        return None
    draft = store.rosters.get(draft_id)
    if draft is None or draft.unit_id != unit_id or draft.status != RosterStatus.DRAFT:
        return None
    return draft


def _kept_draft_reply(kept: KeptDraft, translator: Translator, today: dt.date) -> Reply:
    publish_hint = translator.gettext(
        N_("The roster is a draft. Write «publiser turnusen» to publish it.")
    )
    return Reply(
        f"{kept_draft_text(kept, translator, today)}\n{publish_hint}",
        kind=ReplyKind.ROSTER,
        title=translator.gettext(N_("New roster")),
    )


@dataclass(frozen=True, slots=True)
class WaitingAbsence:
    """An absence request in the planned period that waits for a manager."""

    request_id: int
    name: str
    kind: AbsenceKind
    days: DateRange


def waiting_absence_requests(store: Store, unit_id: int, period: DateRange) -> list[WaitingAbsence]:
    """Return the unit's absence requests with days in `period` that wait for a manager.

    Planning blocks registered absences only, so the solver may give shifts on
    these days.
    """
    waiting = []
    for request in store.shift_requests.list_open(unit_id):
        kind = request.absence_kind
        if kind is None:
            continue
        employee = store.employees.get(request.requester_id)
        name = employee.name if employee is not None else "?"
        waiting += [
            WaitingAbsence(request.id, name, kind, days)
            for days in request.requested_ranges
            if days.end >= period.start and days.start <= period.end
        ]
    return waiting


def waiting_absence_note(
    waiting: list[WaitingAbsence], translator: Translator, today: dt.date
) -> str:
    """Return lines, led by a newline, naming the waiting absence requests ("" if none)."""
    if not waiting:
        return ""
    lines = [
        translator.gettext(
            N_(
                "Absence requests waiting for a manager, so this roster may give shifts on "
                "their days:"
            )
        )
    ]
    for item in waiting:
        days = translator.date(item.days.start, today=today)
        if item.days.end != item.days.start:
            days = translator.gettext(
                N_("from %(start)s to %(end)s"),
                start=days,
                end=translator.date(item.days.end, today=today),
            )
        lines.append(
            translator.gettext(
                N_("#%(id)s %(name)s, %(absence)s %(dates)s"),
                id=item.request_id,
                name=item.name,
                absence=translator.gettext(ABSENCE_NAMES[item.kind]),
                dates=days,
            )
        )
    lines.append(
        translator.gettext(
            N_(
                "If one is approved after the roster is published, its shifts on those days "
                "become open shifts. Ask the manager to decide them before you publish."
            )
        )
    )
    return "\n" + "\n".join(lines)


def explains_gaps(report: RosterReport) -> bool:
    """Tell whether the solver should look for the rules behind the gaps.

    When the staff cannot cover the minimum staffing at all, the summary already names
    that cause, and the rules a short search finds would only be a part of it.
    """
    if not report.coverage_gaps:
        return False
    return report.capacity is None or not report.capacity.is_short


def export_gaps_csv(gaps: list[Violation], path: Path, *, overwrite: bool = True) -> Path:
    """Write every coverage gap to `path`, a row per shift and day.

    Raises FileExistsError when `path` exists and `overwrite` is false.
    """
    return write_text_file(
        path, lambda csv_file: write_gaps_csv(gaps, csv_file), overwrite=overwrite
    )


def roster_coverage_gaps(store: Store, unit: Unit, roster: Roster) -> list[Violation]:
    """Return the coverage gaps that the independent checker finds in a stored roster."""
    context = compliance_context(store, unit, DateRange(roster.start, roster.end))
    shifts = planned_shifts(roster.assignments, context.shift_types)
    return [violation for violation in check_roster(shifts, context) if violation.is_coverage]


def gaps_reply(report: RosterReport, path: Path, translator: Translator) -> Reply:
    text = translator.ngettext(
        "The full list of the %(count)s gap, day by day, is in the attached file %(file)s.",
        "The full list of the %(count)s gaps, day by day, is in the attached file %(file)s.",
        len(report.coverage_gaps),
        file=path.name,
    )
    return Reply(
        text,
        title=translator.gettext(N_("Coverage gaps")),
        attachment=path,
    )


def render_explanation(
    explanation: Explanation, planning: PlanningInput, translator: Translator, today: dt.date
) -> str:
    """Say which shifts cannot all be staffed and which rules stand in the way."""
    if not explanation.demands:
        return translator.gettext(
            N_(
                "Every minimum could be met under the rules; the gaps are "
                "there because the solver ran out of time."
            )
        )
    demands = [
        f"{code} {translator.date(planning.problem.date_of(day), today=today)}"
        + (f" ({competence})" if competence else "")
        for day, code, competence in explanation.demands[:MAX_EXPLAINED_DEMANDS]
    ]
    if len(explanation.demands) > MAX_EXPLAINED_DEMANDS:
        demands.append(
            translator.ngettext(
                "%(count)s more",
                "%(count)s more",
                len(explanation.demands) - MAX_EXPLAINED_DEMANDS,
            )
        )
    rules = [translator.gettext(SOLVER_RULE_TITLES.get(rule, rule)) for rule in explanation.rules]
    text = translator.gettext(
        N_("Why there are gaps: these minimums cannot all be met together: %(demands)s."),
        demands=translator.join(demands),
    )
    if rules:
        text += " " + translator.gettext(
            N_("The rules in the way: %(rules)s."), rules=translator.join(rules)
        )
    return text


def progress_reply(translator: Translator, snapshot: Progress) -> Reply:
    seconds = round(snapshot.wall_seconds)
    if snapshot.objective is None:
        text = translator.gettext(
            N_("Planning … %(seconds)s s, no roster found yet."), seconds=seconds
        )
    elif snapshot.relative_gap is None:
        # No bound yet, so how far the best roster is from the best possible is unknown.
        text = translator.ngettext(
            "Planning … %(seconds)s s, %(count)s roster found; improving it.",
            "Planning … %(seconds)s s, %(count)s rosters found; improving the best.",
            snapshot.solutions_found,
            seconds=seconds,
        )
    else:
        text = translator.ngettext(
            "Planning … %(seconds)s s, %(count)s roster found; the best is at most "
            "%(gap)s %% from the best possible.",
            "Planning … %(seconds)s s, %(count)s rosters found; the best is at most "
            "%(gap)s %% from the best possible.",
            snapshot.solutions_found,
            seconds=seconds,
            gap=translator.number(100 * snapshot.relative_gap),
        )
    return Reply(text, kind=ReplyKind.PROGRESS)


class PublishRoster:
    def propose(self, context: Context, command: ParsedCommand) -> Proposal:
        context.check_role(Role.PLANNER)
        draft = context.store.rosters.latest(context.unit.id, status=RosterStatus.DRAFT)
        if draft is None:
            raise UserError(N_("There is no draft roster to publish. Write «lag turnus» first."))
        check_not_published_yet(context, draft)
        readback = context._(
            N_("Publishing the roster from %(start)s to %(end)s, and telling everyone on it."),
            start=context.date(draft.start),
            end=context.date(draft.end),
        )
        # Imported here, because core.actions.publish_warnings imports this module.
        from core.actions.publish_warnings import unsettled_note

        readback += confirmation_notes(
            context,
            unsettled_note(context, draft),
            gap_warning(context, draft.start),
            hours_band_warning(context, draft),
            rule_breach_note(context, draft),
        )
        return Proposal(Intent.PUBLISH_ROSTER, readback, command, {"roster_id": draft.id})

    def execute(self, context: Context, proposal: Proposal) -> Outcome:
        context.check_role(Role.PLANNER)
        roster = do_publish_roster(
            context.store, context.unit, int(proposal.data["roster_id"]), actor_id=context.actor.id
        )
        done = context._(
            N_("The roster from %(start)s to %(end)s is published."),
            start=context.date(roster.start),
            end=context.date(roster.end),
        )
        return Outcome((Reply(done), *notify_published(context, roster)))


def check_not_published_yet(context: Context, draft: Roster) -> None:
    """Raise a UserError before the read-back if a published roster already covers the draft.

    The newest draft may be an older plan of weeks that were published since, from
    another draft. Publishing it would fail only after the «ja», so the planner is told now.
    """
    published = context.store.rosters.covering(context.unit.id, draft.start)
    if published is not None and published.start <= draft.start and published.end >= draft.end:
        raise UserError(
            N_(
                "The roster from %(start)s to %(end)s is already published, so there is nothing "
                "new to publish. To plan the weeks after it, write for example «lag turnus for "
                "uke %(week)s»."
            ),
            start=context.date(published.start),
            end=context.date(published.end),
            week=(published.end + dt.timedelta(days=1)).isocalendar().week,
        )
    check_no_published_overlap(
        context.store,
        context.unit,
        DateRange(draft.start, draft.end),
        context.translator,
        context.today,
    )


def confirmation_notes(context: Context, *notes: str) -> str:
    """Join a read-back's notes, each led by a space, and ask once to confirm despite them.

    Returns "" when every note is "".
    """
    given = [note for note in notes if note]
    if not given:
        return ""
    return "".join(given) + " " + context._(N_("Answer «ja» only if that is intended."))


def gap_warning(context: Context, start: dt.date) -> str:
    """Return a sentence, led by a space, naming the unrostered days before `start`, or ""."""
    gap = unrostered_days_before(context, start)
    if gap is None:
        return ""
    return " " + context._(
        N_(
            "Note: no roster covers the days from %(start)s to %(end)s, between the "
            "published roster and this one, so nobody has a shift on them."
        ),
        start=context.date(gap.start),
        end=context.date(gap.end),
    )


def hours_band_warning(context: Context, draft: Roster) -> str:
    """Return a sentence, led by a space, naming everyone outside the hours band, or ""."""
    period = DateRange(draft.start, draft.end)
    checker_context = compliance_context(context.store, context.unit, period)
    staff = context.store.employees.list_for_unit(context.unit.id)
    lines = hours_lines(draft.assignments, staff, checker_context)
    outside = sorted(
        (line for line in lines if line.outside_band), key=lambda line: line.employee.name
    )
    note = hours_band_note(outside, period, context.translator)
    return " " + note if note else ""


def unrostered_days_before(context: Context, start: dt.date) -> DateRange | None:
    """Return the days between the newest published roster and a later `start`, or None.

    NOTE: "newest" is the published roster added last, which is the latest in time
    as long as rosters are published in date order, as the overlap check makes likely.
    """
    published = context.store.rosters.latest(context.unit.id, status=RosterStatus.PUBLISHED)
    day_before = start - dt.timedelta(days=1)
    if published is None or published.end >= day_before:
        return None
    if context.store.rosters.covering(context.unit.id, day_before) is not None:
        return None
    return DateRange(published.end + dt.timedelta(days=1), day_before)


def check_no_published_overlap(
    store: Store, unit: Unit, period: DateRange, translator: Translator, today: dt.date
) -> None:
    """Raise a UserError if `period` shares a day with a published roster.

    A published roster is what people have planned their lives around: it changes
    through swaps, offers and approved repairs, never by being planned over.
    """
    published = [store.rosters.covering(unit.id, day) for day in period.days()]
    overlapping = next((roster for roster in published if roster is not None), None)
    if overlapping is not None:
        raise UserError(
            N_(
                "That period overlaps the published roster from %(start)s to %(end)s. Choose "
                "a period that starts after %(end)s; a published roster changes through swaps "
                "and approved repairs."
            ),
            start=translator.date(overlapping.start, today=today),
            end=translator.date(overlapping.end, today=today),
        )


def do_publish_roster(store: Store, unit: Unit, roster_id: int, *, actor_id: int | None) -> Roster:
    """Publish a draft that overlaps no published roster."""
    roster = store.rosters.get(roster_id)
    if roster is None or roster.unit_id != unit.id or roster.status != RosterStatus.DRAFT:
        raise UserError(N_("That roster is no longer a draft, so it cannot be published."))
    check_no_published_overlap(
        store, unit, DateRange(roster.start, roster.end), Translator.for_locale(None), roster.start
    )
    store.rosters.set_status(roster.id, RosterStatus.PUBLISHED, actor_id=actor_id)
    return store.rosters.get(roster.id) or roster


def notify_published(context: Context, roster: Roster) -> list[Reply]:
    """Tell each person on the roster how many shifts they got."""
    counts: dict[int, int] = {}
    for assignment in roster.assignments:
        counts[assignment.employee_id] = counts.get(assignment.employee_id, 0) + 1
    notices = []
    for employee_id, count in sorted(counts.items()):
        if employee_id == context.actor.id:
            continue
        to_employee = context.for_recipient(employee_id)
        text = to_employee.translator.ngettext(
            "A new roster from %(start)s to %(end)s is published: you have %(count)s shift. "
            "Write «når jobber jeg neste uke?» to see it.",
            "A new roster from %(start)s to %(end)s is published: you have %(count)s shifts. "
            "Write «når jobber jeg neste uke?» to see them.",
            count,
            start=to_employee.date(roster.start),
            end=to_employee.date(roster.end),
        )
        notices.append(Reply(text, recipient_employee_id=employee_id))
    return notices


class ShowSchedule:
    """The shifts of the sender or a named colleague, and which of the days have no roster yet."""

    def answer(self, context: Context, command: ParsedCommand) -> Outcome:
        person = self._person(context, command)
        period = _asked_period(context, command)
        unpublished = unpublished_ranges(context, period)
        if unpublished == (period,):
            return Outcome((Reply(_no_roster_text(context, person, period)),))

        worked = [
            a
            for a in context.store.rosters.assignments_between(
                context.unit.id, period.start, period.end
            )
            if a.employee_id == person.id
        ]
        if not worked:
            text = _no_shifts_text(context, person, period)
        else:
            text = "\n".join(_shift_lines(context, person, worked))
        if unpublished:
            text += "\n" + _unpublished_note(context, unpublished)
        return Outcome((Reply(text),))

    def _person(self, context: Context, command: ParsedCommand) -> Employee:
        if command.person is None:
            return context.actor
        return resolve_employee(context, command.person)


def _shift_lines(context: Context, person: Employee, worked: list[Assignment]) -> list[str]:
    shift_types = {t.code: t for t in context.store.organisations.shift_types(context.unit.id)}
    lines = [context._(N_("Shifts for %(name)s:"), name=person.name)]
    for assignment in sorted(worked, key=lambda a: a.day):
        shift_type = shift_types[assignment.shift_code]
        lines.append(
            f"  {context.date(assignment.day)}: {assignment.shift_code} "
            f"{shift_type.start:%H:%M}–{shift_type.end:%H:%M}"
        )
    return lines


def published_days(context: Context, days: Iterable[dt.date]) -> set[dt.date]:
    """Return those of `days` that a published roster of the unit covers."""
    covered: set[dt.date] = set()
    rosters: list[Roster] = []
    for day in sorted(set(days)):
        if any(roster.covers(day) for roster in rosters):
            covered.add(day)
            continue
        roster = context.store.rosters.covering(context.unit.id, day)
        if roster is not None:
            rosters.append(roster)
            covered.add(day)
    return covered


def unpublished_ranges(context: Context, period: DateRange) -> tuple[DateRange, ...]:
    """Return the days of `period` that no published roster covers, as ranges."""
    covered = published_days(context, period.days())
    return ranges_of([day for day in period.days() if day not in covered])


def _draft_overlaps(context: Context, period: DateRange) -> bool:
    draft = context.store.rosters.latest(context.unit.id, status=RosterStatus.DRAFT)
    return draft is not None and draft.start <= period.end and draft.end >= period.start


def _no_roster_text(context: Context, person: Employee, period: DateRange) -> str:
    """Say that no published roster covers `period`, rather than that `person` is free then."""
    text = context._(
        N_(
            "There is no published roster %(dates)s yet, so I cannot tell "
            "which shifts %(name)s has then."
        ),
        dates=dates_phrase(context, (period,)),
        name=person.name,
    )
    return f"{text} {_roster_state(context, period)}"


def _unpublished_note(context: Context, unpublished: tuple[DateRange, ...]) -> str:
    text = context._(
        N_("Note: there is no published roster %(dates)s yet, so the shifts then are not known."),
        dates=dates_phrase(context, unpublished),
    )
    period = DateRange(unpublished[0].start, unpublished[-1].end)
    return f"{text} {_roster_state(context, period)}"


def _roster_state(context: Context, period: DateRange) -> str:
    """Say whether the roster for `period` is made and waits to be published, or not made yet."""
    if _draft_overlaps(context, period):
        return context._(N_("The roster for those days is made, but not published yet."))
    return context._(N_("The roster for those days has not been made yet."))


def _no_shifts_text(context: Context, person: Employee, period: DateRange) -> str:
    """Return the reply that `person` has no shifts in `period`, naming a single day once."""
    if period.start == period.end:
        return context._(
            N_("%(name)s has no shifts on %(day)s in the published roster."),
            name=person.name,
            day=context.date(period.start),
        )
    return context._(
        N_("%(name)s has no shifts in the published roster from %(start)s to %(end)s."),
        name=person.name,
        start=context.date(period.start),
        end=context.date(period.end),
    )


def _asked_period(context: Context, command: ParsedCommand) -> DateRange:
    if command.dates:
        return DateRange(min(r.start for r in command.dates), max(r.end for r in command.dates))
    return DateRange(context.today, context.today + dt.timedelta(days=SCHEDULE_DEFAULT_DAYS - 1))


class WhoWorks:
    def answer(self, context: Context, command: ParsedCommand) -> Outcome:
        period = (
            _asked_period(context, command)
            if command.dates
            else DateRange(context.today, context.today)
        )
        codes = None
        if command.shift is not None:
            codes = {
                t.code
                for t in context.store.organisations.shift_types(context.unit.id)
                if t.kind == command.shift
            }
        names = {e.id: e.name for e in context.store.employees.list_for_unit(context.unit.id)}
        starts = {t.code: t.start for t in context.store.organisations.shift_types(context.unit.id)}
        lines = []
        for day in period.days():
            working = sorted(
                (
                    (starts.get(a.shift_code), a.shift_code, names.get(a.employee_id, "?"))
                    for a in context.store.rosters.assignments_between(context.unit.id, day, day)
                    if codes is None or a.shift_code in codes
                ),
                key=lambda item: (item[0] or dt.time.max, item[1], item[2]),
            )
            nobody = context._(N_("nobody"))
            people = ", ".join(f"{name} ({code})" for _, code, name in working)
            lines.append(f"{context.date(day)}: {people or nobody}")
        title = (
            context._(N_("Who works %(shift)s:"), shift=shift_kind_name(context, command.shift))
            if command.shift
            else context._(N_("Who works:"))
        )
        unpublished = unpublished_ranges(context, period)
        if unpublished:
            lines.append(_unpublished_note(context, unpublished))
        return Outcome((Reply("\n".join([title, *lines])),))
