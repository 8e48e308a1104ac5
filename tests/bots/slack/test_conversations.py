"""Conversations over Slack: direct messages, buttons, swaps, retries and unknown users."""

from __future__ import annotations

import asyncio
import datetime as dt
from pathlib import Path

import pytest

from core.commands import DateRange
from core.employees import Role
from core.messages import IncomingMessage, Outcome, Reply
from core.shift_requests import RequestState
from tests.bots.slack.slack_harness import SlackHarness, buttons
from tests.bots.slack.slack_mock import BOT_USER_ID, SlackCall
from tests.bots.slack.slack_ward import STRANGER, TEAM

CONFIRM = "vaktbot:button:confirm"
CANCEL = "vaktbot:button:cancel"
ACCEPT = "vaktbot:button:accept"
APPROVE = "vaktbot:button:approve"
THURSDAY = dt.date(2027, 1, 7)
SATURDAY = dt.date(2027, 1, 9)
NOT_LINKED = (
    "Jeg vet ikke hvem du er ennå. Be lederen din eller vaktbot-administratoren om "
    "å koble chatbrukeren din til ansattprofilen din."
)


def absences_of(slack: SlackHarness, name: str) -> list[DateRange]:
    with slack.ward.database.store() as store:
        employee_id = slack.ward.staff[name].id
        return [absence.days for absence in store.absences.list_absences(employee_id=employee_id)]


def last_post(slack: SlackHarness, channel: str) -> SlackCall:
    return [
        call
        for call in slack.mock.named("chat.postMessage")
        if call.arguments["channel"] == channel
    ][-1]


async def test_direct_message_absence_confirmed(slack: SlackHarness) -> None:
    """A DM is read back with buttons, and «Bekreft» registers the sick leave."""
    response = await slack.direct_message("Kari Nordmann", "Jeg er syk i morgen")
    await slack.settle(1)

    assert response.status == 200
    (readback,) = slack.mock.named("chat.postMessage")
    assert readback.arguments["channel"] == "DUKARI"
    assert readback.arguments["text"] == (
        "Registrerer sykefravær torsdag 7. januar. Vakten D torsdag 7. januar "
        "blir tatt ut av turnusen din. Stemmer det?"
    )
    assert set(buttons(readback)) == {CONFIRM, CANCEL}
    assert absences_of(slack, "Kari Nordmann") == []

    await slack.click("Kari Nordmann", readback, CONFIRM)
    await slack.settle(2)

    assert absences_of(slack, "Kari Nordmann") == [DateRange(THURSDAY, THURSDAY)]
    (replaced,) = slack.mock.responses
    assert replaced["replace_original"] is True
    assert replaced["text"] == "Registrert: sykefravær torsdag 7. januar."
    assert [block["type"] for block in replaced["blocks"]] == ["section"]
    assert slack.mock.texts("chat.postMessage")[1].startswith(
        "Du er tatt av vakta D torsdag 7. januar"
    )
    to_manager = last_post(slack, "DUBJORN")
    assert "Kari Nordmann har registrert fravær" in to_manager.arguments["text"]


async def test_cancel_button_changes_nothing(slack: SlackHarness) -> None:
    """«Avbryt» replaces the read-back and stores nothing."""
    await slack.direct_message("Kari Nordmann", "Jeg er syk i morgen")
    await slack.settle(1)

    await slack.click("Kari Nordmann", slack.mock.named("chat.postMessage")[0], CANCEL)
    await slack.settle(2)

    assert absences_of(slack, "Kari Nordmann") == []
    (replaced,) = slack.mock.responses
    assert replaced["text"] == "OK, jeg har ikke endret noe."


async def test_swap_request_accepted_and_approved(slack: SlackHarness) -> None:
    """Kari asks Per, Per accepts and Bjørn approves by buttons; all cards and DMs follow."""
    await slack.direct_message(
        "Kari Nordmann", "Vil bytte dagvakt torsdag mot Per sin dagvakt lørdag"
    )
    await slack.settle(1)
    await slack.click("Kari Nordmann", last_post(slack, "DUKARI"), CONFIRM)
    await slack.settle(2)

    invitation = last_post(slack, "DUPER")
    assert invitation.arguments["text"].startswith("Kari Nordmann spør deg: #")
    assert set(buttons(invitation)) == {ACCEPT, "vaktbot:button:decline"}

    await slack.click("Per Hansen", invitation, ACCEPT)
    await slack.settle(3)

    accepted = slack.mock.responses[-1]
    assert accepted["replace_original"] is True
    assert accepted["text"].endswith("godtatt av Per Hansen.")
    approval = last_post(slack, "DUBJORN")
    assert approval.arguments["text"].startswith("Venter på avgjørelsen din: #")
    assert set(buttons(approval)) == {APPROVE, "vaktbot:button:reject"}

    await slack.click("Bjørn Skjærvø", approval, APPROVE)
    await slack.settle(4)

    decided = slack.mock.responses[-1]
    assert decided["replace_original"] is True
    assert decided["text"].endswith("godkjent av Bjørn Skjærvø.")
    assert last_post(slack, "DUKARI").arguments["text"] == decided["text"]
    assert last_post(slack, "DUPER").arguments["text"] == decided["text"]
    assert slack.ward.published_shift("Kari Nordmann", SATURDAY) == "D"
    assert slack.ward.published_shift("Per Hansen", THURSDAY) == "D"
    with slack.ward.database.store() as store:
        (request,) = store.shift_requests.list_for_employee(slack.ward.staff["Kari Nordmann"].id)
    assert request.state == RequestState.APPROVED


async def test_retried_event_registers_once(slack: SlackHarness) -> None:
    """Slack's redelivery of a DM (same event_id, X-Slack-Retry-Num) is ignored."""
    await slack.direct_message("Kari Nordmann", "Jeg er syk i morgen")
    await slack.settle(1)
    await slack.direct_message("Kari Nordmann", "ja", event_id="Ev-ja")
    await slack.settle(2)

    retried = await slack.direct_message("Kari Nordmann", "ja", event_id="Ev-ja", retry=1)
    await slack.settle(3)

    assert retried.status == 200
    assert absences_of(slack, "Kari Nordmann") == [DateRange(THURSDAY, THURSDAY)]
    confirmations = [
        text for text in slack.mock.texts("chat.postMessage") if text.startswith("Registrert:")
    ]
    assert len(confirmations) == 1


async def test_double_clicked_button_registers_once(slack: SlackHarness) -> None:
    """Two clicks on «Bekreft» arriving together register the absence once."""
    await slack.direct_message("Kari Nordmann", "Jeg er syk i morgen")
    await slack.settle(1)
    readback = slack.mock.named("chat.postMessage")[0]

    first, second = await asyncio.gather(
        slack.click("Kari Nordmann", readback, CONFIRM),
        slack.click("Kari Nordmann", readback, CONFIRM),
    )
    await slack.settle(3)

    assert (first.status, second.status) == (200, 200)
    assert absences_of(slack, "Kari Nordmann") == [DateRange(THURSDAY, THURSDAY)]
    replaced = [response["text"] for response in slack.mock.responses]
    assert "Spørsmålet er utløpt eller allerede besvart. Ingenting ble endret." in replaced


async def test_unlinked_user_told_whom_to_ask(slack: SlackHarness) -> None:
    """A member nobody linked gets the Norwegian «whom to ask» text, and nothing else."""
    await slack.direct_message(STRANGER, "Når jobber Kari Nordmann neste uke?")
    await slack.settle(1)

    (reply,) = slack.mock.named("chat.postMessage")
    assert reply.arguments["channel"] == "D" + STRANGER
    assert reply.arguments["text"] == NOT_LINKED


@pytest.mark.parametrize(
    ("link_by_email", "email_confirmed", "linked"),
    [(True, True, True), (True, False, False), (False, True, False)],
    ids=["allowed-confirmed", "allowed-unconfirmed", "not-allowed"],
)
async def test_link_by_verified_email(
    slack: SlackHarness, link_by_email: bool, email_confirmed: bool, linked: bool
) -> None:
    """A new Slack user whose confirmed e-mail is Ola's is linked to Ola only if allowed."""
    with slack.ward.database.store() as store:
        store.workspaces.set_link_by_email(slack.ward.organisation.id, link_by_email, actor_id=None)
    slack.mock.users["UOLA"] = {
        "id": "UOLA",
        "team_id": TEAM,
        "name": "ola",
        "locale": "nb-NO",
        "is_email_confirmed": email_confirmed,
        "profile": {"email": "Ola.Nordmann@fjordvik.example"},
    }

    await slack.direct_message("UOLA", "Når jobber jeg neste uke?")
    await slack.settle(1)

    (reply,) = slack.mock.named("chat.postMessage")
    with slack.ward.database.store() as store:
        employee = store.identities.find_employee("slack", TEAM, "UOLA")
    if linked:
        assert employee == slack.ward.staff["Ola Nordmann"]
        assert reply.arguments["text"].startswith("Vakter for Ola Nordmann:")
    else:
        assert employee is None
        assert reply.arguments["text"] == NOT_LINKED


async def test_mention_answered_only_to_sender(slack: SlackHarness) -> None:
    """A mention in a channel gets an ephemeral reply, without the bot's mention in the text."""
    event = {
        "type": "app_mention",
        "channel": "C0VAKT",
        "user": "UASE",
        "text": f"<@{BOT_USER_ID}> når jobber jeg neste uke?",
        "ts": "1767686400.000200",
    }

    await slack.event(event)
    await slack.settle(1)

    (reply,) = slack.mock.named("chat.postEphemeral")
    assert reply.arguments["channel"] == "C0VAKT"
    assert reply.arguments["user"] == "UASE"
    assert reply.arguments["text"].startswith("Vakter for Åse Ødegård:")
    assert slack.mock.named("chat.postMessage") == []


async def test_bare_mention_gets_a_hint(slack: SlackHarness) -> None:
    """A mention with no text after it gets the short hint for an empty message."""
    event = {
        "type": "app_mention",
        "channel": "C0VAKT",
        "user": "UASE",
        "text": f"<@{BOT_USER_ID}>  ",
        "ts": "1767686400.000250",
    }

    await slack.event(event)
    await slack.settle(1)

    (reply,) = slack.mock.named("chat.postEphemeral")
    assert reply.arguments["text"] == "Meldingen din var tom. Skriv «hjelp» for å se hva jeg kan."


async def test_bot_and_edited_messages_ignored(slack: SlackHarness) -> None:
    """Message events from bots and edits of messages get no reply."""
    edited = {
        "type": "message",
        "subtype": "message_changed",
        "channel_type": "im",
        "channel": "DUKARI",
        "ts": "1767686400.000300",
    }
    from_bot = {
        "type": "message",
        "channel_type": "im",
        "channel": "DUKARI",
        "bot_id": "B0ANNEN",
        "user": "UANNENBOT",
        "text": "hei",
        "ts": "1767686400.4",
    }

    await slack.event(edited)
    await slack.event(from_bot)
    await slack.settle(2)

    assert slack.mock.named("chat.postMessage") == []


async def test_slack_locale_english(slack: SlackHarness) -> None:
    """A user whose Slack runs in English gets English replies."""
    slack.mock.users["UKARI"]["locale"] = "en-US"

    await slack.direct_message("Kari Nordmann", "Jeg er syk i morgen")
    await slack.settle(1)

    (readback,) = slack.mock.named("chat.postMessage")
    assert readback.arguments["text"] == (
        "Registering sick leave Thursday 7 January. The shift D Thursday 7 January "
        "will be taken out of your roster. Is that right?"
    )


async def test_unexpected_adapter_error_apologises(
    slack: SlackHarness, monkeypatch: pytest.MonkeyPatch
) -> None:
    """An error in the adapter gives the short Norwegian apology with an error id."""

    def broken(sender: object) -> str:
        raise RuntimeError("the language table is gone")

    monkeypatch.setattr(slack.platform.backend.languages, "chosen", broken)

    await slack.direct_message("Kari Nordmann", "Jeg er syk i morgen")
    await slack.settle(1)

    (apology,) = slack.mock.named("chat.postMessage")
    text = apology.arguments["text"]
    assert text.startswith("Beklager, noe gikk galt hos meg, og ingenting ble endret.")
    assert len(text.rsplit(": ", 1)[1]) == 8
    assert absences_of(slack, "Kari Nordmann") == []


async def test_button_value_with_norwegian_letters(slack: SlackHarness) -> None:
    """A click whose value is not a request number («æøå») gets a Norwegian «not found»."""
    await slack.direct_message(
        "Kari Nordmann", "Vil bytte dagvakt torsdag mot Per sin dagvakt lørdag"
    )
    await slack.settle(1)
    await slack.click("Kari Nordmann", last_post(slack, "DUKARI"), CONFIRM)
    await slack.settle(2)

    response = await slack.click("Per Hansen", last_post(slack, "DUPER"), ACCEPT, value="æøå-bytte")
    await slack.settle(3)

    assert response.status == 200
    (reply,) = [
        call
        for call in slack.mock.named("chat.postMessage")
        if call.arguments["channel"] == "DUPER"
    ][1:]
    assert reply.arguments["text"] == "Jeg fant ikke den forespørselen."


async def test_reply_file_uploaded_beside_it(
    slack: SlackHarness, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A reply with a file gets the file uploaded into the same direct message."""
    export = tmp_path / "turnus-blåbær.csv"
    export.write_text("employee,date,shift_code,start,end\n", encoding="utf-8")

    def handle(message: IncomingMessage) -> Outcome:
        return Outcome((Reply("Her er turnusen.", title="Turnus", attachment=export),))

    monkeypatch.setattr(slack.platform.backend.assistant, "handle", handle)

    await slack.direct_message("Turid Lie", "eksporter turnusen")
    await slack.settle(1)

    (completed,) = slack.mock.named("files.completeUploadExternal")
    assert completed.arguments["channel_id"] == "DUTURID"
    assert list(slack.mock.uploads.values()) == [export.read_bytes()]


async def test_planner_gets_the_roster_file(slack: SlackHarness) -> None:
    """«eksporter turnusen» uploads the published roster's CSV into the planner's DM."""
    await slack.direct_message("Turid Lie", "eksporter turnusen")
    await slack.settle(1)

    (reply,) = slack.mock.named("chat.postMessage")
    assert reply.arguments["channel"] == "DUTURID"
    assert reply.arguments["text"].startswith(
        "Publisert turnus\nHer er den publiserte turnusen som gjelder i dag, fra mandag 4. januar "
        "til søndag 17. januar, som CSV-fil"
    )
    (completed,) = slack.mock.named("files.completeUploadExternal")
    assert completed.arguments["channel_id"] == "DUTURID"
    (uploaded,) = slack.mock.uploads.values()
    assert uploaded.decode("utf-8").startswith(
        "employee,date,shift_code,start,end\nKari Nordmann,2027-01-04,D,"
    )


async def test_manager_gets_roster_file_from_command(slack: SlackHarness) -> None:
    """A manager's /turnus for weeks of the roster gets the file in a direct message."""
    await slack.command("Bjørn Skjærvø", "send turnusfila for uke 2")
    await slack.settle(1)

    (reply,) = slack.mock.responses
    assert reply["response_type"] == "ephemeral"
    assert reply["text"].startswith("Publisert turnus\nHer er den publiserte turnusen")
    (completed,) = slack.mock.named("files.completeUploadExternal")
    assert completed.arguments["channel_id"] == "DUBJORN"


async def test_employee_gets_no_roster_file(slack: SlackHarness) -> None:
    """An employee who requests the roster file learns who can get it, and gets no upload."""
    await slack.direct_message("Kari Nordmann", "send turnusfila")
    await slack.settle(1)

    (reply,) = slack.mock.named("chat.postMessage")
    assert reply.arguments["text"] == (
        "Bare en turnusansvarlig eller en leder kan få turnusen som fil. For å se dine egne "
        "vakter, skriv for eksempel «når jobber jeg neste uke?»."
    )
    assert slack.mock.named("files.completeUploadExternal") == []


async def test_other_managers_cards_show_decision(slack: SlackHarness) -> None:
    """With two managers, the one who did not click sees the decision on their card too."""
    turid = slack.ward.staff["Turid Lie"]
    with slack.ward.database.store() as store:
        store.employees.update_roles(
            turid.id, frozenset({Role.EMPLOYEE, Role.PLANNER, Role.MANAGER}), actor_id=None
        )
    await slack.direct_message(
        "Kari Nordmann", "Vil bytte dagvakt torsdag mot Per sin dagvakt lørdag"
    )
    await slack.settle(1)
    await slack.click("Kari Nordmann", last_post(slack, "DUKARI"), CONFIRM)
    await slack.settle(2)
    await slack.click("Per Hansen", last_post(slack, "DUPER"), ACCEPT)
    await slack.settle(3)
    turids_card = last_post(slack, "DUTURID")
    assert APPROVE in buttons(turids_card)

    await slack.click("Bjørn Skjærvø", last_post(slack, "DUBJORN"), APPROVE)
    await slack.settle(4)

    updates = [
        call
        for call in slack.mock.named("chat.update")
        if call.arguments["ts"] == turids_card.result["ts"]
    ]
    assert len(updates) == 1
    assert updates[0].arguments["channel"] == "DUTURID"
    assert updates[0].arguments["text"].endswith("godkjent av Bjørn Skjærvø.")
    assert buttons(updates[0]) == {}
    bjorns_updates = [
        call for call in slack.mock.named("chat.update") if call.arguments["channel"] == "DUBJORN"
    ]
    assert bjorns_updates == []


def calls_on_message(slack: SlackHarness, posted: SlackCall) -> list[SlackCall]:
    """Return the chat.update calls on a posted message and the responses replacing it."""
    edits = [
        call
        for call in slack.mock.named("chat.update")
        if call.arguments["channel"] == posted.arguments["channel"]
        and call.arguments["ts"] == posted.result["ts"]
    ]
    return edits + [
        call for call in slack.mock.named("response_url") if call.arguments.get("replace_original")
    ]


async def test_roster_read_back_becomes_progress(slack: SlackHarness) -> None:
    """«Bekreft» on a roster read-back in a DM turns that message into the progress message."""
    await slack.direct_message("Turid Lie", "lag turnus for uke 3")
    await slack.settle(1)
    (readback,) = slack.mock.named("chat.postMessage")

    await slack.click("Turid Lie", readback, CONFIRM)
    await slack.settle(2)

    assert slack.mock.named("chat.postMessage") == [readback]
    edits = slack.mock.named("chat.update")
    assert edits[0].arguments["text"].startswith("Planleggingen er i gang.")
    assert all(edit.arguments["ts"] == readback.result["ts"] for edit in edits)
    assert all(buttons(edit) == {} for edit in edits)
    assert edits[-1].arguments["text"].startswith("Ny turnus\n")
    assert slack.mock.named("response_url") == []


async def test_swap_acceptance_updates_card_once(slack: SlackHarness) -> None:
    """Per's «Godta» replaces his invitation card once, through one channel only."""
    await slack.direct_message(
        "Kari Nordmann", "Vil bytte dagvakt torsdag mot Per sin dagvakt lørdag"
    )
    await slack.settle(1)
    await slack.click("Kari Nordmann", last_post(slack, "DUKARI"), CONFIRM)
    await slack.settle(2)
    invitation = last_post(slack, "DUPER")
    before = len(slack.mock.calls)

    await slack.click("Per Hansen", invitation, ACCEPT)
    await slack.settle(3)

    changes = [
        call
        for call in slack.mock.calls[before:]
        if (call.method == "chat.update" and call.arguments["channel"] == "DUPER")
        or call.method == "response_url"
    ]
    (replaced,) = changes
    assert replaced.arguments["text"].endswith("godtatt av Per Hansen.")
    assert buttons(replaced) == {}


async def test_only_first_reply_replaces_pressed(
    slack: SlackHarness, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Of two replies marked replace_original, the second is posted as a new message."""
    await slack.direct_message("Kari Nordmann", "Jeg er syk i morgen")
    await slack.settle(1)
    (readback,) = slack.mock.named("chat.postMessage")

    def handle(message: IncomingMessage) -> Outcome:
        return Outcome(
            (Reply("Først.", replace_original=True), Reply("Deretter.", replace_original=True))
        )

    monkeypatch.setattr(slack.platform.backend.assistant, "handle", handle)
    await slack.click("Kari Nordmann", readback, CONFIRM)
    await slack.settle(2)

    (replaced,) = calls_on_message(slack, readback)
    assert replaced.arguments["text"] == "Først."
    assert slack.mock.texts("chat.postMessage")[-1] == "Deretter."


async def test_unknown_button_says_what_to_write(slack: SlackHarness) -> None:
    """A vaktbot button this version does not have is named as unknown, and nothing changes."""
    await slack.direct_message("Kari Nordmann", "Jeg er syk i morgen")
    await slack.settle(1)
    readback = slack.mock.named("chat.postMessage")[0]

    response = await slack.click("Kari Nordmann", readback, "vaktbot:button:hack", value="x")
    await slack.settle(2)

    assert response.status == 200
    assert absences_of(slack, "Kari Nordmann") == []
    assert slack.mock.texts("chat.postMessage")[-1] == (
        "Jeg kjenner ikke den knappen, eller den er utløpt, så ingenting ble endret. Skriv "
        "hva du vil i stedet, for eksempel «vis ventende bytter», eller «hjelp» for å se hva "
        "jeg kan."
    )
