"""A personal chat with the bot: read-back cards, confirmation, language, unknown users."""

from __future__ import annotations

import datetime as dt

import pytest

from core.commands import DateRange
from core.messages import IncomingMessage, Outcome, Reply
from tests.bots.teams.teams_fakes import OUTBOUND_TOKEN, installation_activity, message_activity
from tests.bots.teams.teams_harness import TeamsHarness
from tests.bots.teams.teams_ward import AASE, KAARE, OYSTEIN

THURSDAY = dt.date(2027, 1, 7)


def absences_of(teams: TeamsHarness, employee_id: int) -> list[DateRange]:
    with teams.database.store() as store:
        return [a.days for a in store.absences.list_absences(employee_id=employee_id)]


async def test_absence_is_read_back_on_a_card(teams: TeamsHarness) -> None:
    """«Jeg er syk i morgen» gets a card with the date written out and Bekreft/Avbryt."""
    response = await teams.say(KAARE, "Jeg er syk i morgen")

    assert response.status == 202
    (call,) = teams.sent_to(KAARE)
    assert call.kind == "reply"
    assert call.card_text == (
        "Registrerer sykefravær torsdag 7. januar. Vakten D torsdag 7. januar "
        "blir tatt ut av turnusen din. Stemmer det?"
    )
    assert [a["title"] for a in call.card["actions"]] == ["Bekreft", "Avbryt"]
    assert call.authorization == f"Bearer {OUTBOUND_TOKEN}"
    assert absences_of(teams, teams.ward.employee_id(KAARE)) == []


async def test_confirm_button_registers_the_absence(teams: TeamsHarness) -> None:
    """Pressing «Bekreft» stores the sick leave and tells Kåre and his manager."""
    await teams.post(installation_activity(AASE, teams.service_url))
    await teams.say(KAARE, "Jeg er syk i morgen")
    read_back = teams.last_to(KAARE)

    response = await teams.press(KAARE, read_back, "Bekreft")
    await teams.settle()

    assert response.status == 202
    assert absences_of(teams, teams.ward.employee_id(KAARE)) == [DateRange(THURSDAY, THURSDAY)]
    assert [call.shown_text for call in teams.sent_to(KAARE)[1:]] == [
        "Registrert: sykefravær torsdag 7. januar.",
        "Du er tatt av vakta D torsdag 7. januar. Lederen din har fått beskjed.",
    ]
    replaced = teams.sent_to(KAARE)[1]
    assert replaced.kind == "update"
    assert replaced.activity_id == read_back.new_id
    assert replaced.card is not None
    assert "actions" not in replaced.card
    to_manager = teams.last_to(AASE)
    assert to_manager.kind == "send"
    assert "Kåre Ødegård" in to_manager.shown_text


async def test_cancel_button_updates_the_card(teams: TeamsHarness) -> None:
    """«Avbryt» replaces the read-back card in place and stores nothing."""
    await teams.say(KAARE, "Jeg er syk i morgen")
    read_back = teams.last_to(KAARE)

    await teams.press(KAARE, read_back, "Avbryt")

    update = teams.last_to(KAARE)
    assert update.kind == "update"
    assert update.activity_id == read_back.new_id
    assert update.card_text == "OK, jeg har ikke endret noe."
    assert "actions" not in update.card
    assert absences_of(teams, teams.ward.employee_id(KAARE)) == []


async def test_empty_message_gets_a_hint(teams: TeamsHarness) -> None:
    """A message without text (a bare mention, a picture) gets a reply, never silence."""
    response = await teams.say(KAARE, "  ")

    assert response.status == 202
    (call,) = teams.sent_to(KAARE)
    assert "hjelp" in (call.text or call.card_text or "")


async def test_unlinked_user_is_told_whom_to_ask(teams: TeamsHarness) -> None:
    """Øystein, whom nobody has linked, learns in Norwegian whom to ask, and nothing else."""
    response = await teams.say(OYSTEIN, "Hvem jobber i dag?")

    assert response.status == 202
    (call,) = teams.sent_to(OYSTEIN)
    assert "leder" in call.text
    assert "Kåre" not in call.text


async def test_only_first_reply_replaces_card(
    teams: TeamsHarness, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Of two replies marked replace_original, the second is sent as a new message."""
    await teams.say(KAARE, "Jeg er syk i morgen")
    read_back = teams.last_to(KAARE)

    def handle(message: IncomingMessage) -> Outcome:
        return Outcome(
            (Reply("Først.", replace_original=True), Reply("Deretter.", replace_original=True))
        )

    monkeypatch.setattr(teams.platform._agent._assistant, "handle", handle)
    await teams.press(KAARE, read_back, "Bekreft")

    first, second = teams.sent_to(KAARE)[1:]
    assert (first.kind, first.activity_id, first.shown_text) == (
        "update",
        read_back.new_id,
        "Først.",
    )
    assert (second.kind, second.shown_text) == ("reply", "Deretter.")


async def test_unknown_card_action_says_what_to_write(teams: TeamsHarness) -> None:
    """A card action this version does not have is named as unknown, and the read-back stays."""
    await teams.say(KAARE, "Jeg er syk i morgen")
    read_back = teams.last_to(KAARE)
    pressed = message_activity(
        KAARE, teams.service_url, value={"vaktbot": {"action": "hack", "value": "x"}}
    )

    response = await teams.post(pressed)
    await teams.settle()
    answer = teams.last_to(KAARE).shown_text
    await teams.press(KAARE, read_back, "Bekreft")

    assert response.status == 202
    assert answer == (
        "Jeg kjenner ikke den knappen, eller den er utløpt, så ingenting ble endret. Skriv "
        "hva du vil i stedet, for eksempel «vis ventende bytter», eller «hjelp» for å se hva "
        "jeg kan."
    )
    assert absences_of(teams, teams.ward.employee_id(KAARE)) == [DateRange(THURSDAY, THURSDAY)]
