"""Teams resends an activity when the answer is slow; a resent activity registers nothing twice."""

from __future__ import annotations

import asyncio

from tests.bots.teams.teams_fakes import message_activity
from tests.bots.teams.teams_harness import TeamsHarness
from tests.bots.teams.teams_ward import KAARE


def absences_count(teams: TeamsHarness) -> int:
    with teams.database.store() as store:
        return len(store.absences.list_absences(employee_id=teams.ward.employee_id(KAARE)))


async def test_resent_confirmation_registers_once(teams: TeamsHarness) -> None:
    """The same «Bekreft» press delivered twice stores one absence and answers once."""
    await teams.say(KAARE, "Jeg er syk i morgen")
    read_back = teams.last_to(KAARE)
    await teams.press(KAARE, read_back, "Bekreft", activity_id="1767686400500")
    answered = len(teams.sent_to(KAARE))

    again = await teams.press(KAARE, read_back, "Bekreft", activity_id="1767686400500")
    await teams.settle()

    assert again.status == 202
    assert absences_count(teams) == 1
    assert len(teams.sent_to(KAARE)) == answered


async def test_concurrent_resend_registers_once(teams_on_each_backend: TeamsHarness) -> None:
    """A resend that arrives while the first delivery is still running registers once."""
    teams = teams_on_each_backend
    await teams.say(KAARE, "Jeg er syk i morgen")
    await teams.say(KAARE, "ja", activity_id="1767686400600")
    activity = message_activity(KAARE, teams.service_url, text="ja", activity_id="1767686400601")
    await teams.say(KAARE, "Jeg er syk på fredag")

    first, second = await asyncio.gather(teams.post(activity), teams.post(activity))
    await teams.settle()

    assert (first.status, second.status) == (202, 202)
    assert absences_count(teams) == 2
    assert [call.shown_text for call in teams.sent_to(KAARE) if "Beklager" in call.shown_text] == []
    assert [call.shown_text for call in teams.sent_to(KAARE)].count(
        "Registrert: sykefravær fredag 8. januar."
    ) == 1
