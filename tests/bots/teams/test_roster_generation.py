"""A planner generates a roster from Teams: acknowledged at once, progress, then a summary card."""

from __future__ import annotations

from core.rosters import RosterStatus
from tests.bots.teams.teams_harness import TeamsHarness
from tests.bots.teams.teams_ward import TORRIS


def draft_rosters(teams: TeamsHarness) -> int:
    with teams.database.store() as store:
        latest = store.rosters.latest(teams.ward.unit.id, status=RosterStatus.DRAFT)
        return 0 if latest is None else 1


async def test_roster_generation_reports_progress(teams: TeamsHarness) -> None:
    """«Lag turnus for uke 3», «Bekreft»: progress on the card, then a roster card and its file."""
    await teams.say(TORRIS, "Lag turnus for uke 3")
    read_back = teams.last_to(TORRIS)
    assert "18. januar" in read_back.card_text

    response = await teams.press(TORRIS, read_back, "Bekreft")
    acknowledgement = teams.last_to(TORRIS)
    await teams.settle()

    assert response.status == 202
    assert acknowledgement.kind == "update"
    assert acknowledgement.activity_id == read_back.new_id
    assert acknowledgement.card_text.startswith("Planleggingen er i gang")
    assert acknowledgement.card is not None
    assert "actions" not in acknowledgement.card
    later = teams.sent_to(TORRIS)[teams.sent_to(TORRIS).index(acknowledgement) + 1 :]
    progress = [call for call in later if call.kind == "update"]
    assert progress, "no progress was shown"
    assert all(call.activity_id == read_back.new_id for call in progress)
    assert all(call.card_text.startswith("Planlegger") for call in progress)
    summary, roster_file = later[-2:]
    assert summary.kind == "send"
    assert summary.card is not None
    assert summary.card["body"][0]["text"] == "Ny turnus"
    assert "publiser turnusen" in summary.card_text
    consent = roster_file.body["attachments"][0]
    assert consent["contentType"] == "application/vnd.microsoft.teams.card.file.consent"
    assert consent["name"].endswith(".csv")
    assert draft_rosters(teams) == 1
