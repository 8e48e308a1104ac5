"""The CSV file of a draft or published roster, sent again on request.

«Eksporter turnusen» sends the file of the unit's newest roster that is a draft
or published; «eksporter turnusen for uke 10–15» sends every such roster that
shares a day with those weeks. Only the unit's newest draft counts, because
«publiser turnusen» publishes that one and a new «lag turnus» replaces older
drafts, and a draft whose days are all published already is left out too. A
repair that the solver proposes is never sent until a manager approves it, and
then the published roster has its changes. A draft with coverage gaps comes with a
second file that lists every gap, which the publish read-back points to.

`vaktbot export roster` writes one of the same rosters, but by default the one in
force today, because a planner who has published the next period still needs the
current one's file; `--period` chooses another.
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


class ExportRoster:
    def answer(self, context: Context, command: ParsedCommand) -> Outcome:
        check_may_export(context)
        rosters = rosters_to_export(context, command)
        if not rosters:
            message, params = no_roster_message(context, command)
            raise UserError(message, **params)
        folder = context.services.export_folder
        if folder is None:
            raise UserError(
                N_(
                    "This server is not set up to write files, so I cannot send the roster. "
                    "Ask the vaktbot administrator."
                )
            )
        replies = []
        for roster in rosters:
            replies.append(roster_reply(context, roster, Path(folder)))
            if roster.status == RosterStatus.DRAFT:
                replies.extend(draft_gaps_reply(context, roster, Path(folder)))
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


def rosters_to_export(context: Context, command: ParsedCommand) -> list[Roster]:
    """Return the rosters the command requests: the newest, or those within its dates."""
    if not command.dates:
        newest = newest_roster_to_export(context.store, context.unit.id)
        return [newest] if newest is not None else []
    draft = current_draft(context.store, context.unit.id)
    period = requested_period(command)
    found = context.store.rosters.overlapping(
        context.unit.id, period.start, period.end, RosterStatus.PUBLISHED
    )
    if draft is not None and draft.start <= period.end and draft.end >= period.start:
        found.append(draft)
    return sorted(found, key=lambda roster: (roster.start, roster.id))


def newest_roster_to_export(store: Store, unit_id: int) -> Roster | None:
    """Return the newer of the unit's current draft and its newest published roster.

    A proposed repair and a replaced roster are never returned.
    """
    draft = current_draft(store, unit_id)
    published = store.rosters.latest(unit_id, status=RosterStatus.PUBLISHED)
    newest = [roster for roster in (draft, published) if roster is not None]
    return max(newest, key=lambda roster: roster.id) if newest else None


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


def no_roster_message(context: Context, command: ParsedCommand) -> tuple[str, dict[str, str]]:
    """Return the message and parameters saying that no roster fits the command."""
    if not command.dates:
        message = N_(
            "%(unit)s has no draft or published roster yet, so there is no file to send. "
            "A planner makes one with for example «lag turnus for uke 3–8»."
        )
        return message, {"unit": context.unit.name}
    period = requested_period(command)
    message = N_(
        "No draft or published roster covers any day from %(start)s to %(end)s, so there is "
        "no file to send. Write «eksporter turnusen» to get the newest roster. A planner can "
        "plan those days with for example «lag turnus for uke 3–8»."
    )
    return message, {"start": context.date(period.start), "end": context.date(period.end)}


def roster_reply(context: Context, roster: Roster, folder: Path) -> Reply:
    """Write the CSV file of a draft or published roster and return the reply carrying it.

    A draft's file is named «turnusutkast-…», so that it reads as a draft even when it
    is passed on without the message.
    """
    name = FILE_NAMES[roster.status].format(id=roster.id, start=roster.start.isoformat())
    path = export_roster_csv(context.store, roster, folder / name)
    text = context._(
        SENT_TEXTS[roster.status], start=context.date(roster.start), end=context.date(roster.end)
    )
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
