"""A reply's file in Teams: consent card, the user's answer, the upload, and every guard.

The upload session is an HTTPS server on 127.0.0.1 (`upload_server`), the only
upload host the bot is configured to allow here, with a certificate the bot is
told to trust.
"""

from __future__ import annotations

import asyncio
import datetime as dt
import json
import logging
import time
from collections.abc import AsyncIterator
from pathlib import Path
from typing import Any

import pytest
from microsoft_agents.activity import Activity
from sqlalchemy import text

from bots.teams.file_delivery import FileDelivery
from bots.teams.files import FileUploader, UploadRefused, check_upload_url
from bots.teams.settings import DEFAULT_UPLOAD_HOSTS, TeamsSettings
from core.file_offers import FileOffers
from core.messages import Reply, Sender
from storage.database import Database
from tests.bots.teams.teams_fakes import (
    TENANT_ID,
    ConnectorCall,
    TeamsUser,
    bot_account,
    channel_conversation,
    mention_of_bot,
    message_activity,
    next_activity_id,
    personal_conversation,
)
from tests.bots.teams.teams_harness import Response, TeamsHarness, start_harness
from tests.bots.teams.teams_ward import BJORN, KAARE, TORRIS, TeamsWard
from tests.bots.teams.upload_server import (
    LoopbackCertificate,
    UploadServer,
    make_loopback_certificate,
)

CONSENT = "application/vnd.microsoft.teams.card.file.consent"
FILE_INFO = "application/vnd.microsoft.teams.card.file.info"
CONTENT_URL = "https://contoso-my.sharepoint.com/personal/kare/Documents/Applications/vaktbot"
ASK_AGAIN = (
    "For å få en ny fil, skriv forespørselen på nytt i denne chatten: «eksporter mine data» "
    "for dine egne data, eller «eksporter turnusen» for turnusfila (turnusansvarlige og ledere)."
)


@pytest.fixture(scope="session")
def loopback_certificate(tmp_path_factory: pytest.TempPathFactory) -> LoopbackCertificate:
    return make_loopback_certificate(tmp_path_factory.mktemp("upload-tls"))


@pytest.fixture
async def upload_server(
    loopback_certificate: LoopbackCertificate,
) -> AsyncIterator[UploadServer]:
    server = UploadServer()
    await server.start(loopback_certificate)
    yield server
    await server.close()


@pytest.fixture
async def teams_files(
    teams_database: tuple[Database, TeamsWard],
    tmp_path: Path,
    token_issuer: Any,
    loopback_certificate: LoopbackCertificate,
) -> AsyncIterator[TeamsHarness]:
    """The endpoint with uploads allowed to 127.0.0.1 only, trusting the test certificate."""
    harness = await start_harness(
        *teams_database,
        tmp_path,
        token_issuer,
        upload_hosts=("127.0.0.1",),
        upload_ssl_context=loopback_certificate.client_context(),
    )
    yield harness
    await harness.settle()
    await harness.close()


def consent_cards(teams: TeamsHarness, user: TeamsUser) -> list[ConnectorCall]:
    return [call for call in teams.sent_to(user) if attachment_of(call, CONSENT) is not None]


def attachment_of(call: ConnectorCall, content_type: str) -> dict[str, Any] | None:
    for attachment in call.body.get("attachments") or []:
        if attachment.get("contentType") == content_type:
            found: dict[str, Any] = attachment
            return found
    return None


def consent_of(call: ConnectorCall) -> dict[str, Any]:
    attachment = attachment_of(call, CONSENT)
    assert attachment is not None, "the call has no consent card"
    return attachment


def consent_invoke(
    teams: TeamsHarness,
    user: TeamsUser,
    card: ConnectorCall,
    action: str,
    *,
    upload_url: str | None = None,
    file_type: str = "json",
) -> dict[str, Any]:
    """Return the invoke Teams sends when `user` accepts or declines the consent card."""
    consent = consent_of(card)
    context_key = "acceptContext" if action == "accept" else "declineContext"
    value: dict[str, Any] = {
        "type": "fileUpload",
        "action": action,
        "context": consent["content"][context_key],
    }
    if action == "accept":
        value["uploadInfo"] = {
            "contentUrl": f"{CONTENT_URL}/{consent['name']}",
            "name": consent["name"],
            "uploadUrl": upload_url,
            "uniqueId": "1150D938-8870-4044-9F2C-5BBDEBA70C9D",
            "fileType": file_type,
        }
    return {
        "type": "invoke",
        "name": "fileConsent/invoke",
        "id": next_activity_id(),
        "timestamp": "2027-01-06T08:01:00.000Z",
        "channelId": "msteams",
        "serviceUrl": teams.service_url,
        "from": user.account(),
        "recipient": bot_account(),
        "conversation": personal_conversation(user),
        "channelData": {"tenant": {"id": TENANT_ID}},
        "locale": "nb-NO",
        "replyToId": card.new_id,
        "value": value,
    }


async def answer_card(teams: TeamsHarness, invoke: dict[str, Any]) -> Response:
    """Post a consent answer and wait for the upload that runs after the invoke's answer."""
    response = await teams.post(invoke)
    await teams.settle()
    return response


def card_updates(teams: TeamsHarness, card: ConnectorCall) -> list[ConnectorCall]:
    """Return the updates the bot made to the message of `card`."""
    return [
        call
        for call in teams.connector.calls
        if call.kind == "update" and call.activity_id == card.new_id
    ]


def waiting_files(database: Database) -> int:
    with database.engine.connect() as connection:
        return int(connection.execute(text("SELECT count(*) FROM file_offers")).scalar_one())


async def export_my_data(teams: TeamsHarness, user: TeamsUser) -> ConnectorCall:
    """Write «eksporter mine data» as `user` and return the consent card that follows."""
    await teams.say(user, "eksporter mine data")
    (card,) = consent_cards(teams, user)
    return card


def texts_to(teams: TeamsHarness, user: TeamsUser) -> list[str]:
    return [call.text for call in teams.sent_to(user) if call.text]


async def test_consent_card_offers_the_file(teams_files: TeamsHarness, tmp_path: Path) -> None:
    """«eksporter mine data» in the 1:1 chat ends with a consent card for the JSON file."""
    card = await export_my_data(teams_files, KAARE)

    consent = consent_of(card)
    employee_id = teams_files.ward.employee_id(KAARE)
    exported = tmp_path / "filer" / f"mine-data-{employee_id}-2027-01-06.json"
    assert consent["name"] == exported.name
    assert consent["content"]["sizeInBytes"] == exported.stat().st_size
    assert consent["content"]["description"] == f"Opplysningene dine fra vaktbot: {exported.name}"
    token = consent["content"]["acceptContext"]["vaktbotFile"]
    assert consent["content"]["acceptContext"] == {"vaktbotFile": token}
    assert consent["content"]["declineContext"] == {"vaktbotFile": token}
    assert len(token) >= 40
    assert waiting_files(teams_files.database) == 1


async def test_waiting_file_is_encrypted(teams_files: TeamsHarness, tmp_path: Path) -> None:
    """Neither the file's name, its bytes nor the card's token are readable in the database."""
    card = await export_my_data(teams_files, KAARE)
    token = consent_of(card)["content"]["acceptContext"]["vaktbotFile"]

    with teams_files.database.engine.connect() as connection:
        row = connection.execute(text("SELECT * FROM file_offers")).mappings().one()
    stored = json.dumps({key: str(value) for key, value in row.items()})
    assert token not in stored
    assert "mine-data" not in stored
    assert "Kåre" not in stored
    assert row["expires_at"] is not None


async def test_accept_uploads_the_file(
    teams_files: TeamsHarness, upload_server: UploadServer, tmp_path: Path
) -> None:
    """Accepting PUTs the bytes with Content-Range, shows a file-info card and answers 200."""
    card = await export_my_data(teams_files, KAARE)
    exported = tmp_path / "filer" / consent_of(card)["name"]

    response = await answer_card(
        teams_files,
        consent_invoke(teams_files, KAARE, card, "accept", upload_url=upload_server.url()),
    )

    assert response.status == 200
    (put,) = upload_server.puts
    size = exported.stat().st_size
    assert put.body == exported.read_bytes()
    assert put.headers["Content-Range"] == f"bytes 0-{size - 1}/{size}"
    assert put.headers["Content-Length"] == str(size)
    assert "Authorization" not in put.headers
    last = teams_files.last_to(KAARE)
    info = attachment_of(last, FILE_INFO)
    assert info is not None
    assert info["name"] == exported.name
    assert info["contentUrl"] == f"{CONTENT_URL}/{exported.name}"
    assert info["content"] == {
        "uniqueId": "1150D938-8870-4044-9F2C-5BBDEBA70C9D",
        "fileType": "json",
    }
    assert last.text == f"Filen {exported.name} ligger nå i OneDrive-en din."
    assert waiting_files(teams_files.database) == 0


async def test_roster_csv_is_offered_and_uploaded(
    teams_files: TeamsHarness, upload_server: UploadServer, tmp_path: Path
) -> None:
    """A planner's new roster arrives as a CSV file after accepting its consent card."""
    await teams_files.say(TORRIS, "Lag turnus for uke 3")
    await teams_files.press(TORRIS, teams_files.last_to(TORRIS), "Bekreft")
    await teams_files.settle()
    (card,) = consent_cards(teams_files, TORRIS)
    consent = consent_of(card)
    assert consent["name"].startswith("turnus-")
    assert consent["content"]["description"].startswith("Ny turnus fra vaktbot: turnus-")

    response = await answer_card(
        teams_files,
        consent_invoke(
            teams_files, TORRIS, card, "accept", upload_url=upload_server.url(), file_type="csv"
        ),
    )

    assert response.status == 200
    (put,) = upload_server.puts
    assert put.body == (tmp_path / "filer" / consent["name"]).read_bytes()
    assert put.body.startswith(b"employee,date,shift_code,start,end")
    assert attachment_of(teams_files.last_to(TORRIS), FILE_INFO) is not None


async def test_decline_deletes_the_file(teams_files: TeamsHarness) -> None:
    """Declining deletes the waiting file and says so in Norwegian."""
    card = await export_my_data(teams_files, KAARE)

    response = await teams_files.post(consent_invoke(teams_files, KAARE, card, "decline"))

    assert response.status == 200
    assert teams_files.last_to(KAARE).text == (
        "Greit, jeg har ikke sendt filen, og jeg har slettet kopien min av den."
    )
    assert waiting_files(teams_files.database) == 0


async def test_replayed_accept_uploads_once(
    teams_files: TeamsHarness, upload_server: UploadServer
) -> None:
    """A second accept of the same card finds no file and says what to write instead."""
    card = await export_my_data(teams_files, KAARE)
    accept = consent_invoke(teams_files, KAARE, card, "accept", upload_url=upload_server.url())
    await answer_card(teams_files, accept)

    replay = dict(accept, id=next_activity_id())
    response = await answer_card(teams_files, replay)

    assert response.status == 200
    assert len(upload_server.puts) == 1
    assert teams_files.last_to(KAARE).text == (
        "Jeg har ikke denne filen lenger: den er allerede sendt eller avslått, eller kortet "
        f"er ikke mitt. {ASK_AGAIN}"
    )


async def test_other_user_cannot_take_the_file(
    teams_files: TeamsHarness, upload_server: UploadServer
) -> None:
    """Bjørn answering Kåre's card gets nothing; Kåre's file stays for Kåre."""
    card = await export_my_data(teams_files, KAARE)
    stolen = consent_invoke(teams_files, KAARE, card, "accept", upload_url=upload_server.url())
    stolen["from"] = BJORN.account()
    stolen["conversation"] = personal_conversation(BJORN)

    response = await teams_files.post(stolen)

    assert response.status == 200
    assert upload_server.puts == []
    assert teams_files.last_to(BJORN).text.startswith("Jeg har ikke denne filen lenger")
    assert waiting_files(teams_files.database) == 1


async def test_expired_file_is_deleted(
    teams_files: TeamsHarness, upload_server: UploadServer
) -> None:
    """An answer after 24 hours finds the file expired, deleted, and says what to write."""
    card = await export_my_data(teams_files, KAARE)
    teams_files.offer_clock.advance(dt.timedelta(hours=24, minutes=1))

    response = await answer_card(
        teams_files,
        consent_invoke(teams_files, KAARE, card, "accept", upload_url=upload_server.url()),
    )

    assert response.status == 200
    assert upload_server.puts == []
    assert teams_files.last_to(KAARE).text == (
        f"Denne filen ventet mer enn 24 timer på svaret ditt, så jeg har slettet den. {ASK_AGAIN}"
    )
    assert waiting_files(teams_files.database) == 0


@pytest.mark.parametrize(
    "upload_url",
    [
        pytest.param("http://127.0.0.1:9/personal/upload-session", id="http"),
        pytest.param("https://evil.example/personal/upload-session", id="host-not-allowed"),
        pytest.param("https://user:secret@127.0.0.1:9/upload", id="user-info"),
    ],
)
async def test_refused_upload_url_sends_nothing(
    teams_files: TeamsHarness, upload_server: UploadServer, upload_url: str
) -> None:
    """An upload URL that is not https on an allowed host gets no request; the user is told."""
    card = await export_my_data(teams_files, KAARE)
    file_name = consent_of(card)["name"]

    response = await answer_card(
        teams_files, consent_invoke(teams_files, KAARE, card, "accept", upload_url=upload_url)
    )

    assert response.status == 200
    assert upload_server.puts == []
    assert teams_files.last_to(KAARE).text == (
        f"Jeg kunne ikke sende filen {file_name}, fordi Teams oppga en opplastingsadresse "
        "som denne serveren ikke tillater, så jeg har slettet den. Be vaktbot-"
        f"administratoren sjekke TEAMS_UPLOAD_HOSTS. {ASK_AGAIN}"
    )
    assert waiting_files(teams_files.database) == 0


async def test_failed_upload_keeps_the_file(
    teams_files: TeamsHarness, upload_server: UploadServer
) -> None:
    """When the upload server answers 500, the file is kept and offered again on a new card."""
    card = await export_my_data(teams_files, KAARE)
    file_name = consent_of(card)["name"]
    upload_server.status = 500

    response = await answer_card(
        teams_files,
        consent_invoke(teams_files, KAARE, card, "accept", upload_url=upload_server.url()),
    )

    assert response.status == 200
    assert len(upload_server.puts) == 1
    failed, again = teams_files.sent_to(KAARE)[-2:]
    assert failed.text == (
        f"Jeg fikk ikke lagt filen {file_name} i OneDrive-en din akkurat nå. Jeg har tatt "
        "vare på den: svar på det nye kortet under for å prøve igjen."
    )
    assert (
        consent_of(again)["content"]["acceptContext"]
        == (consent_of(card)["content"]["acceptContext"])
    )
    assert waiting_files(teams_files.database) == 1

    upload_server.status = 201
    retry = await answer_card(
        teams_files,
        consent_invoke(teams_files, KAARE, again, "accept", upload_url=upload_server.url()),
    )

    assert retry.status == 200
    assert len(upload_server.puts) == 2
    assert attachment_of(teams_files.last_to(KAARE), FILE_INFO) is not None
    assert waiting_files(teams_files.database) == 0


async def test_unreadable_answer_gets_a_message(teams_files: TeamsHarness) -> None:
    """A consent answer without our token gets the Norwegian message, not an error."""
    card = await export_my_data(teams_files, KAARE)
    invoke = consent_invoke(teams_files, KAARE, card, "decline")
    invoke["value"]["context"] = {"filename": "turnus.csv"}

    response = await teams_files.post(invoke)

    assert response.status == 200
    assert teams_files.last_to(KAARE).text.startswith("Jeg har ikke denne filen lenger")
    assert waiting_files(teams_files.database) == 1


async def test_channel_request_offers_the_file_privately(teams_files: TeamsHarness) -> None:
    """A data export asked for in a channel arrives on a consent card in the 1:1 chat."""
    await teams_files.post(
        message_activity(
            KAARE,
            teams_files.service_url,
            text="<at>vaktbot</at> eksporter mine data",
            conversation=channel_conversation(),
            entities=[mention_of_bot()],
        )
    )
    await teams_files.settle()

    (card,) = consent_cards(teams_files, KAARE)
    assert card.conversation_id != channel_conversation()["id"]
    channel_calls = teams_files.connector.in_conversation(channel_conversation()["id"])
    assert all(attachment_of(call, CONSENT) is None for call in channel_calls)


async def test_export_and_upload_are_audited(
    teams_files: TeamsHarness, upload_server: UploadServer
) -> None:
    """The offer and the upload are in the audit log with ids and sizes, never names."""
    card = await export_my_data(teams_files, KAARE)
    await answer_card(
        teams_files,
        consent_invoke(teams_files, KAARE, card, "accept", upload_url=upload_server.url()),
    )

    with teams_files.database.store() as store:
        entries = store.audit.list("file_offer")
    employee_id = teams_files.ward.employee_id(KAARE)
    assert [entry.action for entry in entries] == ["offer", "upload"]
    assert all(entry.actor_id == employee_id for entry in entries)
    assert all(entry.subject_employee_id == employee_id for entry in entries)
    assert entries[0].details == {
        "platform": "teams",
        "size_bytes": consent_of(card)["content"]["sizeInBytes"],
    }
    assert "mine-data" not in json.dumps([entry.details for entry in entries])


async def test_logs_carry_no_file_names(
    teams_files: TeamsHarness, upload_server: UploadServer, caplog: pytest.LogCaptureFixture
) -> None:
    """From offer to upload, nothing above debug names the file, the person or the token."""
    caplog.set_level(logging.INFO)
    card = await export_my_data(teams_files, KAARE)
    token = consent_of(card)["content"]["acceptContext"]["vaktbotFile"]
    upload_server.status = 500
    await answer_card(
        teams_files,
        consent_invoke(teams_files, KAARE, card, "accept", upload_url=upload_server.url()),
    )

    logged = "\n".join(record.getMessage() for record in caplog.records)
    assert "upload of file offer" in logged
    assert "mine-data" not in logged
    assert "Kåre" not in logged
    assert token not in logged


async def test_file_outside_personal_chat_gets_a_note(tmp_path: Path, database: Database) -> None:
    """Where Teams allows no consent card, the user learns where and how to ask for the file."""
    export = tmp_path / "turnus-3-2027-01-18.csv"
    export.write_text("employee,date,shift_code,start,end\n", encoding="utf-8")
    delivery = FileDelivery(FileOffers(database), FileUploader(("127.0.0.1",), 5.0))
    sent: list[Activity] = []

    async def send(activity: Activity) -> None:
        sent.append(activity)

    sender = Sender("teams", TENANT_ID, KAARE.aad_object_id, locale="nb-NO")
    reply = Reply("Ny turnus.", title="Ny turnus", attachment=export)
    await delivery.offer(send, personal=False, sender=sender, reply=reply)

    (note,) = sent
    assert note.text == (
        "Teams lar meg sende filer bare i en privat chat. For å få filen "
        "turnus-3-2027-01-18.csv, åpne 1:1-chatten din med vaktbot og skriv den samme "
        "forespørselen der."
    )
    assert waiting_files(database) == 0


async def test_redirected_upload_keeps_the_file(
    teams_files: TeamsHarness, upload_server: UploadServer
) -> None:
    """A redirect is not followed: the bytes go to the checked host only, and the file stays."""
    card = await export_my_data(teams_files, KAARE)
    upload_server.redirect_to = "https://evil.example/collect"

    response = await answer_card(
        teams_files,
        consent_invoke(teams_files, KAARE, card, "accept", upload_url=upload_server.url()),
    )

    assert response.status == 200
    assert len(upload_server.puts) == 1
    assert teams_files.sent_to(KAARE)[-2].text.startswith("Jeg fikk ikke lagt filen")
    assert waiting_files(teams_files.database) == 1


async def test_slow_upload_times_out_and_keeps_the_file(
    teams_database: tuple[Database, TeamsWard],
    tmp_path: Path,
    token_issuer: Any,
    loopback_certificate: LoopbackCertificate,
    upload_server: UploadServer,
) -> None:
    """An upload server slower than the time limit fails the upload; the file is kept."""
    harness = await start_harness(
        *teams_database,
        tmp_path,
        token_issuer,
        upload_hosts=("127.0.0.1",),
        upload_timeout_seconds=0.5,
        upload_ssl_context=loopback_certificate.client_context(),
    )
    upload_server.delay_seconds = 2.0
    try:
        card = await export_my_data(harness, KAARE)
        response = await harness.post(
            consent_invoke(harness, KAARE, card, "accept", upload_url=upload_server.url())
        )
        await harness.settle()
    finally:
        await harness.close()

    assert response.status == 200
    assert harness.sent_to(KAARE)[-2].text.startswith("Jeg fikk ikke lagt filen")
    assert waiting_files(harness.database) == 1


@pytest.mark.parametrize(
    "url",
    [
        "https://contoso-my.sharepoint.com/personal/kare/_api/v2.0/drive/items/01/uploadSession",
        "https://CONTOSO-MY.SharePoint.com/upload",
        "https://contoso-my.sharepoint.com:443/upload",
    ],
)
def test_default_hosts_allow_sharepoint(url: str) -> None:
    """The default allow-list takes a tenant's SharePoint host, in any letter case."""
    check_upload_url(url, DEFAULT_UPLOAD_HOSTS)


@pytest.mark.parametrize(
    "url",
    [
        pytest.param("https://sharepoint.com/upload", id="bare-domain"),
        pytest.param("https://evilsharepoint.com/upload", id="suffix-without-dot"),
        pytest.param("https://contoso.sharepoint.com.evil.example/upload", id="domain-inside"),
        pytest.param("http://contoso-my.sharepoint.com/upload", id="http"),
        pytest.param("ftp://contoso-my.sharepoint.com/upload", id="ftp"),
        pytest.param("https://a@contoso-my.sharepoint.com/upload", id="user"),
        pytest.param("https://[::1/upload", id="unclosed-bracket"),
        pytest.param("https://contoso-my.sharepoint.com:abc/upload", id="port-not-a-number"),
        pytest.param("https://contoso-my.sharepoint.com/up load", id="blank"),
        pytest.param("/relative/upload", id="relative"),
    ],
)
def test_default_hosts_refuse_others(url: str) -> None:
    """Anything but https on a subdomain of sharepoint.com, without user info, is refused."""
    with pytest.raises(UploadRefused):
        check_upload_url(url, DEFAULT_UPLOAD_HOSTS)


def test_upload_hosts_read_from_environment() -> None:
    """TEAMS_UPLOAD_HOSTS is a comma-separated list, in lower case; empty means the default."""
    configured = TeamsSettings.from_environment(
        {"TEAMS_ALLOW_ANONYMOUS": "1", "TEAMS_UPLOAD_HOSTS": " Files.Example.no, *.sharepoint.us ,"}
    )
    default = TeamsSettings.from_environment(
        {"TEAMS_ALLOW_ANONYMOUS": "1", "TEAMS_UPLOAD_HOSTS": " "}
    )

    assert configured is not None
    assert configured.upload_hosts == ("files.example.no", "*.sharepoint.us")
    assert default is not None
    assert default.upload_hosts == ("*.sharepoint.com",)


async def test_unlinked_user_is_told_file_not_offered(tmp_path: Path, database: Database) -> None:
    """A file that cannot be stored for the user gets a Norwegian message, not a card."""
    export = tmp_path / "turnus-3-2027-01-18.csv"
    export.write_text("employee,date,shift_code,start,end\n", encoding="utf-8")
    delivery = FileDelivery(FileOffers(database), FileUploader(("127.0.0.1",), 5.0))
    sent: list[Activity] = []

    async def send(activity: Activity) -> None:
        sent.append(activity)

    unlinked = Sender("teams", TENANT_ID, KAARE.aad_object_id, locale="nb-NO")
    reply = Reply("Ny turnus.", title="Ny turnus", attachment=export)
    await delivery.offer(send, personal=True, sender=unlinked, reply=reply)

    (message,) = sent
    assert message.text == (
        "Jeg fikk ikke gjort klar filen turnus-3-2027-01-18.csv for Teams. Prøv igjen "
        "senere, eller spør vaktbot-administratoren hvis det fortsetter å feile."
    )
    assert message.attachments is None
    assert waiting_files(database) == 0


async def test_invoke_is_answered_before_the_upload(
    teams_files: TeamsHarness, upload_server: UploadServer
) -> None:
    """Teams gets 200 at once; the file-info card follows when the slow upload is done."""
    card = await export_my_data(teams_files, KAARE)
    upload_server.delay_seconds = 2.0
    started = time.monotonic()

    response = await teams_files.post(
        consent_invoke(teams_files, KAARE, card, "accept", upload_url=upload_server.url())
    )
    answered_after = time.monotonic() - started
    info_before_upload = attachment_of(teams_files.last_to(KAARE), FILE_INFO)
    await teams_files.settle()

    assert response.status == 200
    assert answered_after < 1.5
    assert info_before_upload is None
    assert attachment_of(teams_files.last_to(KAARE), FILE_INFO) is not None
    assert waiting_files(teams_files.database) == 0


async def test_resent_invoke_uploads_once(
    teams_files: TeamsHarness, upload_server: UploadServer
) -> None:
    """The same invoke sent again during and after the upload never uploads a second time."""
    card = await export_my_data(teams_files, KAARE)
    upload_server.delay_seconds = 1.0
    accept = consent_invoke(teams_files, KAARE, card, "accept", upload_url=upload_server.url())

    first = await teams_files.post(accept)
    during = await teams_files.post(accept)
    busy = teams_files.last_to(KAARE).text
    await teams_files.settle()
    after = await answer_card(teams_files, accept)

    assert (first.status, during.status, after.status) == (200, 200, 200)
    assert len(upload_server.puts) == 1
    assert busy == (
        "Jeg holder allerede på å sende denne filen. Vent litt, og se etter den i denne chatten."
    )
    infos = [call for call in teams_files.sent_to(KAARE) if attachment_of(call, FILE_INFO)]
    assert len(infos) == 1
    assert teams_files.last_to(KAARE).text.startswith("Jeg har ikke denne filen lenger")
    assert waiting_files(teams_files.database) == 0


async def test_concurrent_resends_upload_once(
    teams_files: TeamsHarness, upload_server: UploadServer
) -> None:
    """Two copies of one invoke that arrive together claim the file once: one upload."""
    card = await export_my_data(teams_files, KAARE)
    accept = consent_invoke(teams_files, KAARE, card, "accept", upload_url=upload_server.url())

    responses = await asyncio.gather(teams_files.post(accept), teams_files.post(accept))
    await teams_files.settle()

    assert [response.status for response in responses] == [200, 200]
    assert len(upload_server.puts) == 1
    assert waiting_files(teams_files.database) == 0


async def test_sent_file_replaces_the_consent_card(
    teams_files: TeamsHarness, upload_server: UploadServer
) -> None:
    """After the upload the consent card becomes one line naming the sent file, no buttons."""
    card = await export_my_data(teams_files, KAARE)
    file_name = consent_of(card)["name"]

    await answer_card(
        teams_files,
        consent_invoke(teams_files, KAARE, card, "accept", upload_url=upload_server.url()),
    )

    (update,) = card_updates(teams_files, card)
    assert update.card_text == f"Sendt: filen {file_name} ligger i OneDrive-en din."
    assert update.card is not None
    assert "actions" not in update.card
    assert attachment_of(update, CONSENT) is None


@pytest.mark.parametrize(
    ("action", "expected"),
    [
        pytest.param(
            "decline", "Du takket nei til denne filen, så den ble ikke sendt.", id="decline"
        ),
        pytest.param(
            "expired", "Denne filen ventet for lenge på svar og er slettet.", id="expired"
        ),
    ],
)
async def test_unsent_file_replaces_the_consent_card(
    teams_files: TeamsHarness, upload_server: UploadServer, action: str, expected: str
) -> None:
    """A declined or expired file's card says so in one line, and pressing it again is gone."""
    card = await export_my_data(teams_files, KAARE)
    if action == "expired":
        teams_files.offer_clock.advance(dt.timedelta(hours=25))
        invoke = consent_invoke(teams_files, KAARE, card, "accept", upload_url=upload_server.url())
    else:
        invoke = consent_invoke(teams_files, KAARE, card, "decline")

    await answer_card(teams_files, invoke)

    (update,) = card_updates(teams_files, card)
    assert update.card_text == expected
    assert upload_server.puts == []


async def test_failed_upload_replaces_the_old_card(
    teams_files: TeamsHarness, upload_server: UploadServer
) -> None:
    """After a failed upload the old card points to the new one below it."""
    card = await export_my_data(teams_files, KAARE)
    upload_server.status = 500

    await answer_card(
        teams_files,
        consent_invoke(teams_files, KAARE, card, "accept", upload_url=upload_server.url()),
    )

    (update,) = card_updates(teams_files, card)
    assert update.card_text == (
        "Denne filen kunne ikke sendes. Svar på det nye kortet under for å prøve igjen."
    )
    assert attachment_of(teams_files.last_to(KAARE), CONSENT) is not None


async def test_planner_exports_the_roster(
    teams_files: TeamsHarness, upload_server: UploadServer
) -> None:
    """«eksporter turnusen» brings the published roster's CSV file on a consent card."""
    await teams_files.say(TORRIS, "eksporter turnusen")

    reply, card = teams_files.sent_to(TORRIS)[-2:]
    assert reply.card_text.startswith("Publisert turnus\nHer er den publiserte turnusen")
    consent = consent_of(card)
    assert consent["content"]["description"] == f"Publisert turnus fra vaktbot: {consent['name']}"
    await answer_card(
        teams_files,
        consent_invoke(
            teams_files, TORRIS, card, "accept", upload_url=upload_server.url(), file_type="csv"
        ),
    )
    (put,) = upload_server.puts
    assert put.body.startswith(
        "employee,date,shift_code,start,end\nKåre Ødegård,2027-01-04,D".encode()
    )


async def test_employee_cannot_export_the_roster(teams_files: TeamsHarness) -> None:
    """An employee who asks for the roster file is told who can, and gets no card."""
    await teams_files.say(KAARE, "send turnusfila")

    assert teams_files.last_to(KAARE).text == (
        "Bare en turnusansvarlig eller en leder kan få turnusen som fil. For å se dine egne "
        "vakter, skriv for eksempel «når jobber jeg neste uke?»."
    )
    assert consent_cards(teams_files, KAARE) == []
