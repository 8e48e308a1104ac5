"""The CSV file of a draft or published roster, sent again on request.

«Eksporter turnusen» sends the file of the roster in force today, like
`vaktbot export roster`, because a planner who has published or drafted the next
period still needs the current one's file; the reply names the later rosters and
what to write for each. «Eksporter turnusen fra 29.3.2027» names a day and sends the
roster that starts on it, else the one whose days include it. «Eksporter turnusen
for uke 10–15» sends every roster that shares a day with those weeks. Only the
unit's newest draft counts, because «publiser turnusen» publishes that one and a
new «lag turnus» replaces older drafts, and a draft whose days are all published
already is left out too. A repair that the solver proposes is never sent until a
manager approves it, and then the published roster has its changes. A draft with
coverage gaps comes with a second file that lists every gap, which the publish
read-back points to.
"""

from __future__ import annotations

import datetime as dt
from pathlib import Path
from typing import TYPE_CHECKING

from core.actions.rosters import export_gaps_csv, export_roster_csv, roster_coverage_gaps
from core.commands import DateRange, ParsedCommand
from core.context import Context
from core.employees import Role
from core.errors import UserError
from core.i18n import N_
from core.messages import Outcome, Reply
from core.rosters import Roster, RosterStatus

if TYPE_CHECKING:
    from storage.store import Store

EXPORTING_ROLES = (Role.PLANNER, Role.MANAGER)

IN_FORCE_TEXT = N_(
    "Here is the published roster in force today, from %(start)s to %(end)s, as a CSV file, "
    "with the swaps and changes made since it was published."
)
SENT_TEXTS = {
    RosterStatus.DRAFT: N_(
        "Here is the draft roster from %(start)s to %(end)s as a CSV file. It is not "
        "published yet: write «publiser turnusen» to publish it."
    ),
    RosterStatus.PUBLISHED: N_(
        "Here is the published roster from %(start)s to %(end)s as a CSV file, with the swaps "
        "and changes made since it was published."
    ),
}
# The file names are Norwegian in every language, like the other files the chat sends.
FILE_NAMES = {
    RosterStatus.DRAFT: "turnusutkast-{id}-{start}.csv",
    RosterStatus.PUBLISHED: "turnus-{id}-{start}.csv",
}
TITLES = {
    RosterStatus.DRAFT: N_("Draft roster"),
    RosterStatus.PUBLISHED: N_("Published roster"),
}


NO_ROSTER_AT_ALL = N_(
    "%(unit)s has no draft or published roster yet, so there is no file to send. "
    "A planner makes one with for example «lag turnus for uke 3–8»."
)


# The sentence that leads a list of rosters, each with what to write to get it.
NO_ROSTER_ON_DAY = N_(
    "No draft or published roster of %(unit)s includes %(day)s, so there is no file to send. "
    "To get one of its rosters, write:"
)
NO_ROSTER_TODAY = N_(
    "No roster of %(unit)s is in force today, %(day)s, and it has several. To get one of "
    "them, write:"
)
SEVERAL_ROSTERS_ON_DAY = N_("Several rosters of %(unit)s include %(day)s. To get one, write:")
NO_ROSTER_IN_PERIOD = N_(
    "No draft or published roster of %(unit)s covers any day from %(start)s to %(end)s, so "
    "there is no file to send. To get one of its rosters, write:"
)
LATER_ROSTERS = N_("%(unit)s also has later rosters. To get one, write:")
ROSTER_CHOICES = {
    RosterStatus.PUBLISHED: N_("the published roster from %(start)s to %(end)s: %(command)s"),
    RosterStatus.DRAFT: N_("the draft roster from %(start)s to %(end)s: %(command)s"),
}
EXPORT_COMMAND = N_("«eksporter turnusen fra %(day)s»")


class ExportRoster:
    def answer(self, context: Context, command: ParsedCommand) -> Outcome:
        check_may_export(context)
        rosters = exportable_rosters(context.store, context.unit.id)
        if not rosters:
            raise UserError(NO_ROSTER_AT_ALL, unit=context.unit.name)
        chosen = rosters_to_export(context, command, rosters)
        if isinstance(chosen, Reply):
            return Outcome((chosen,))
        folder = context.services.export_folder
        if folder is None:
            raise UserError(
                N_(
                    "This server is not set up to write files, so I cannot send the roster. "
                    "Ask the vaktbot administrator."
                )
            )
        replies = []
        for roster in chosen:
            replies.append(roster_reply(context, roster, Path(folder), in_force=not command.dates))
            if roster.status == RosterStatus.DRAFT:
                replies.extend(draft_gaps_reply(context, roster, Path(folder)))
        if not command.dates:
            replies.extend(later_rosters_reply(context, rosters, chosen[-1]))
        return Outcome(tuple(replies))


def check_may_export(context: Context) -> None:
    """Raise a UserError naming who may export, unless the actor is a planner or a manager."""
    if any(context.actor.has_role(role) for role in EXPORTING_ROLES):
        return
    raise UserError(
        N_(
            "Only a planner or a manager can get the roster as a file. To see your own "
            "shifts, write for example «når jobber jeg neste uke?»."
        )
    )


def rosters_to_export(
    context: Context, command: ParsedCommand, rosters: list[Roster]
) -> list[Roster] | Reply:
    """Return the rosters among `rosters` that the command requests, or a reply listing them all.

    Without dates that is the roster in force today, and one day chooses a roster as
    `vaktbot export roster --period` does. A longer period chooses every roster that
    shares a day with it. When the choice is unclear or empty, the reply says what to
    write for each roster.
    """
    if command.dates and not is_one_day(command):
        period = requested_period(command)
        overlapping = [r for r in rosters if r.start <= period.end and r.end >= period.start]
        if overlapping:
            return overlapping
        dates = {"start": context.date(period.start), "end": context.date(period.end)}
        return rosters_listed(context, NO_ROSTER_IN_PERIOD, rosters, **dates)
    day = command.dates[0].start if command.dates else context.today
    chosen = rosters_for_day(rosters, day, requested=bool(command.dates))
    if len(chosen) == 1:
        return chosen
    if chosen:
        return rosters_listed(context, SEVERAL_ROSTERS_ON_DAY, chosen, day=context.date(day))
    message = NO_ROSTER_ON_DAY if command.dates else NO_ROSTER_TODAY
    return rosters_listed(context, message, rosters, day=context.date(day))


def is_one_day(command: ParsedCommand) -> bool:
    """Tell whether the command names a single day, as «fra 29.3.2027» does."""
    return len(command.dates) == 1 and command.dates[0].start == command.dates[0].end


def rosters_listed(context: Context, message: str, rosters: list[Roster], **params: str) -> Reply:
    """Return a reply of `message` and a line per roster with what to write to get it."""
    lines = [context._(message, unit=context.unit.name, **params)]
    for roster in rosters:
        choice = context._(
            ROSTER_CHOICES[roster.status],
            start=context.date(roster.start),
            end=context.date(roster.end),
            command=export_command(context, roster),
        )
        lines.append(f"  • {choice}")
    return Reply("\n".join(lines))


def later_rosters_reply(context: Context, rosters: list[Roster], exported: Roster) -> list[Reply]:
    """Return a reply listing the rosters after `exported`, with what to write for each."""
    later = [roster for roster in rosters if roster.start > exported.end]
    if not later:
        return []
    return [rosters_listed(context, LATER_ROSTERS, later)]


def export_command(context: Context, roster: Roster) -> str:
    """Return the chat command that exports `roster`, with its first day and year.

    The year is written, because a day without one means its next occurrence, so
    «fra 4. januar» on 6 January is next year's 4 January.
    """
    start = roster.start
    return context._(EXPORT_COMMAND, day=f"{start.day}.{start.month}.{start.year}")


def exportable_rosters(store: Store, unit_id: int) -> list[Roster]:
    """Return the unit's published rosters and its current draft, by first day."""
    found = store.rosters.overlapping(unit_id, dt.date.min, dt.date.max, RosterStatus.PUBLISHED)
    draft = current_draft(store, unit_id)
    if draft is not None:
        found.append(draft)
    return sorted(found, key=lambda roster: (roster.start, roster.id))


def rosters_for_day(rosters: list[Roster], day: dt.date, *, requested: bool) -> list[Roster]:
    """Return the rosters among `rosters` that a day chooses; one unless the choice is unclear.

    A requested day chooses the roster that starts on it, else those whose days include
    it. Without a request, `day` is today: the published roster in force then is chosen
    over a draft of the same days, and a unit with one roster has it chosen whatever
    the day.
    """
    including = [roster for roster in rosters if roster.start <= day <= roster.end]
    if requested:
        starting = [roster for roster in including if roster.start == day]
        return starting or including
    in_force = [roster for roster in including if roster.status == RosterStatus.PUBLISHED]
    if in_force or including:
        return in_force or including
    return rosters if len(rosters) == 1 else []


def current_draft(store: Store, unit_id: int) -> Roster | None:
    """Return the unit's newest draft, unless published rosters cover all of its days."""
    draft = store.rosters.latest(unit_id, status=RosterStatus.DRAFT)
    if draft is None:
        return None
    days = DateRange(draft.start, draft.end).days()
    if all(store.rosters.covering(unit_id, day) for day in days):
        return None
    return draft


def requested_period(command: ParsedCommand) -> DateRange:
    return DateRange(min(r.start for r in command.dates), max(r.end for r in command.dates))


def roster_reply(context: Context, roster: Roster, folder: Path, *, in_force: bool) -> Reply:
    """Write the CSV file of a draft or published roster and return the reply carrying it.

    A draft's file is named «turnusutkast-…», so that it reads as a draft even when it
    is passed on without the message. With `in_force`, a published roster whose days
    include today is named the roster in force.
    """
    name = FILE_NAMES[roster.status].format(id=roster.id, start=roster.start.isoformat())
    path = export_roster_csv(context.store, roster, folder / name)
    message = SENT_TEXTS[roster.status]
    if (
        in_force
        and roster.status == RosterStatus.PUBLISHED
        and roster.start <= context.today <= roster.end
    ):
        message = IN_FORCE_TEXT
    text = context._(message, start=context.date(roster.start), end=context.date(roster.end))
    return Reply(text, title=context._(TITLES[roster.status]), attachment=path)


def draft_gaps_reply(context: Context, draft: Roster, folder: Path) -> list[Reply]:
    """Write the draft's coverage gaps to a CSV file, and return the reply carrying it.

    Returns no reply when the draft has no gap.
    """
    gaps = roster_coverage_gaps(context.store, context.unit, draft)
    if not gaps:
        return []
    path = export_gaps_csv(gaps, folder / f"hull-{draft.id}-{draft.start.isoformat()}.csv")
    text = context.translator.ngettext(
        "The draft has %(count)s gap below the minimum staffing. The file %(file)s lists it.",
        "The draft has %(count)s gaps below the minimum staffing. The file %(file)s lists them, "
        "a row per shift and day.",
        len(gaps),
        file=path.name,
    )
    return [Reply(text, title=context._(N_("Coverage gaps")), attachment=path)]
