"""«Hvilke opplysninger har dere om meg?»: the summary of one's own data, and its counts.

Today is Wednesday 6 January 2027. Kari has seven day shifts in the published roster
of 4–17 January.
"""

from __future__ import annotations

import dataclasses
import datetime as dt

from core.rosters import Assignment, RosterStatus
from tests.core.ward_cast import SeededWard, own_replies

KARI_SHIFTS = 7


def add_roster_copy(ward: SeededWard, status: RosterStatus, start: dt.date) -> None:
    """Store a roster of `status` with Kari's day shifts of the published one, moved to `start`."""
    kari_id = ward.staff["Kari Nordmann"].id
    offset = start - ward.roster.start
    shifts = tuple(
        Assignment(a.employee_id, a.day + offset, a.shift_code)
        for a in ward.roster.assignments
        if a.employee_id == kari_id
    )
    copy = dataclasses.replace(
        ward.roster,
        id=0,
        start=start,
        end=ward.roster.end + offset,
        status=status,
        assignments=shifts,
    )
    with ward.database.store() as store:
        store.rosters.add(copy, actor_id=None)


def summary_of(ward: SeededWard, name: str) -> str:
    (reply,) = own_replies(ward.say(name, "Hvilke opplysninger har dere om meg?"))
    return reply.text


def test_part_day_unavailability_counts_once(test_ward: SeededWard) -> None:
    """«etter kl 15», stored for evening and night, is one registration in the summary."""
    test_ward.say("Kari Nordmann", "kan ikke jobbe etter kl 15 på fredag 22. januar")
    test_ward.say("Kari Nordmann", "ja")

    summary = summary_of(test_ward, "Kari Nordmann")

    assert "dager du ikke kan jobbe (1)" in summary


def test_shift_count_leaves_out_drafts_and_old_rosters(test_ward: SeededWard) -> None:
    """Only shifts of published rosters in force or ahead count, not drafts or replaced ones."""
    add_roster_copy(test_ward, RosterStatus.DRAFT, dt.date(2027, 1, 18))
    add_roster_copy(test_ward, RosterStatus.SUPERSEDED, dt.date(2027, 1, 4))
    add_roster_copy(test_ward, RosterStatus.PUBLISHED, dt.date(2026, 12, 7))

    summary = summary_of(test_ward, "Kari Nordmann")

    assert f"vakter i publiserte turnuser som gjelder nå eller senere ({KARI_SHIFTS})" in summary


def test_export_keeps_every_roster(test_ward: SeededWard) -> None:
    """The attached file still lists the shifts of drafts and replaced rosters."""
    add_roster_copy(test_ward, RosterStatus.DRAFT, dt.date(2027, 1, 18))

    (reply,) = own_replies(test_ward.say("Kari Nordmann", "Hvilke opplysninger har dere om meg?"))

    assert reply.attachment is not None
    assert reply.attachment.read_text(encoding="utf-8").count('"roster_status": "draft"') == (
        KARI_SHIFTS
    )


def test_cast_gives_kari_seven_shifts(test_ward: SeededWard) -> None:
    """Kari has seven shifts in the published roster, which the expected counts rely on."""
    kari_id = test_ward.staff["Kari Nordmann"].id

    shifts = [a for a in test_ward.roster.assignments if a.employee_id == kari_id]

    assert len(shifts) == KARI_SHIFTS
