"""Offered files: stored encrypted per chat account, claimed once, expired, erased with the link."""

from __future__ import annotations

import datetime as dt
from concurrent.futures import ThreadPoolExecutor

import pytest
from sqlalchemy import text

from core.file_offers import FileClaim, OfferState
from storage.database import Database
from tests.storage.storage_cast import Staff

TENANT = "7e3f9a20-51c4-4b6d-8a1e-2c9d0f4b6e85"
KARI_USER = "0b1c2d3e-0000-4000-8000-00000000aa01"
OLA_USER = "0b1c2d3e-0000-4000-8000-00000000aa02"
TOKEN = "kTz1W8_ngJ3i0ZtqWm7vR2xY4cB6dF9hL1pN3sU5wA0"
CONTENT = "employee,date,shift_code,start,end\nKari Nordmann,2027-01-18,D,…\n".encode()
NOW = dt.datetime(2027, 1, 6, 8, 0, tzinfo=dt.UTC)
LATER = NOW + dt.timedelta(hours=1)
EXPIRES = NOW + dt.timedelta(hours=24)


@pytest.fixture
def offer_id(database: Database, staff: Staff) -> int:
    """Link Kari and Ola in Teams, and offer Kari a roster file."""
    with database.store() as store:
        store.identities.link("teams", TENANT, KARI_USER, staff.kari.id, actor_id=None)
        store.identities.link("teams", TENANT, OLA_USER, staff.ola.id, actor_id=None)
        added = store.file_offers.add(
            "teams", TENANT, KARI_USER, TOKEN, "turnus-3.csv", CONTENT, expires_at=EXPIRES, now=NOW
        )
    assert added is not None
    return added


def claim(database: Database, user: str, token: str = TOKEN, now: dt.datetime = LATER) -> FileClaim:
    with database.store() as store:
        return store.file_offers.claim("teams", TENANT, user, token, now=now)


def waiting(database: Database) -> int:
    with database.engine.connect() as connection:
        return int(connection.execute(text("SELECT count(*) FROM file_offers")).scalar_one())


def test_owner_claims_the_file(database: Database, staff: Staff, offer_id: int) -> None:
    """The owner's claim returns the name and the bytes as they were offered."""
    result = claim(database, KARI_USER)

    assert result.state == OfferState.READY
    assert result.file is not None
    assert result.file.offer_id == offer_id
    assert result.file.employee_id == staff.kari.id
    assert result.file.file_name == "turnus-3.csv"
    assert result.file.content == CONTENT


def test_file_is_encrypted_at_rest(database: Database, offer_id: int) -> None:
    """The stored row holds neither the token, the file name nor the content in clear."""
    with database.engine.connect() as connection:
        row = connection.execute(text("SELECT * FROM file_offers")).mappings().one()
    stored = " ".join(str(value) for value in row.values())

    assert TOKEN not in stored
    assert "turnus-3" not in stored
    assert "Kari" not in stored
    assert row["size_bytes"] == len(CONTENT)


def test_other_user_finds_nothing(database: Database, offer_id: int) -> None:
    """Ola's claim of Kari's token is UNKNOWN, and Kari's file stays."""
    assert claim(database, OLA_USER).state == OfferState.UNKNOWN
    assert claim(database, KARI_USER).state == OfferState.READY


def test_unknown_token_finds_nothing(database: Database, offer_id: int) -> None:
    assert claim(database, KARI_USER, token="not-a-token").state == OfferState.UNKNOWN


def test_second_claim_is_busy(database: Database, offer_id: int) -> None:
    """While one upload runs, a second answer to the card gets BUSY, not the file."""
    assert claim(database, KARI_USER).state == OfferState.READY
    assert claim(database, KARI_USER).state == OfferState.BUSY


def test_stale_claim_is_taken_over(database: Database, offer_id: int) -> None:
    """A claim older than five minutes (a server stopped mid-upload) no longer blocks."""
    claim(database, KARI_USER)

    later = LATER + dt.timedelta(minutes=6)

    assert claim(database, KARI_USER, now=later).state == OfferState.READY


def test_released_file_can_be_claimed_again(database: Database, offer_id: int) -> None:
    """After a failed upload the file is kept, and the failure is audited."""
    claim(database, KARI_USER)
    with database.store() as store:
        store.file_offers.release(offer_id, cause="HTTP 500")

    assert claim(database, KARI_USER).state == OfferState.READY
    with database.store() as store:
        actions = [(entry.action, entry.details) for entry in store.audit.list("file_offer")]
    assert actions[-1] == ("upload_failed", {"cause": "HTTP 500"})


def test_expired_file_is_deleted(database: Database, offer_id: int) -> None:
    """A claim after the expiry finds EXPIRED and deletes the file."""
    after_expiry = EXPIRES + dt.timedelta(seconds=1)

    assert claim(database, KARI_USER, now=after_expiry).state == OfferState.EXPIRED
    assert waiting(database) == 0
    assert claim(database, KARI_USER, now=after_expiry).state == OfferState.UNKNOWN


def test_decline_deletes_the_file(database: Database, staff: Staff, offer_id: int) -> None:
    with database.store() as store:
        state = store.file_offers.decline("teams", TENANT, KARI_USER, TOKEN, now=LATER)

    assert state == OfferState.READY
    assert waiting(database) == 0
    with database.store() as store:
        last = store.audit.list("file_offer")[-1]
    assert (last.action, last.actor_id, last.entity_id) == ("decline", staff.kari.id, offer_id)


def test_other_user_cannot_decline(database: Database, offer_id: int) -> None:
    with database.store() as store:
        state = store.file_offers.decline("teams", TENANT, OLA_USER, TOKEN, now=LATER)

    assert state == OfferState.UNKNOWN
    assert waiting(database) == 1


def test_upload_deletes_and_audits(database: Database, staff: Staff, offer_id: int) -> None:
    """Completing an upload deletes the file; the log has offer and upload, with sizes only."""
    claim(database, KARI_USER)
    with database.store() as store:
        store.file_offers.delete(offer_id, action="upload", actor_id=staff.kari.id)

    assert waiting(database) == 0
    with database.store() as store:
        entries = store.audit.list("file_offer", offer_id)
    assert [entry.action for entry in entries] == ["offer", "upload"]
    assert entries[0].details == {"platform": "teams", "size_bytes": len(CONTENT)}
    assert all(entry.subject_employee_id == staff.kari.id for entry in entries)


def test_unlinked_user_gets_no_offer(database: Database, staff: Staff) -> None:
    with database.store() as store:
        added = store.file_offers.add(
            "teams", TENANT, KARI_USER, TOKEN, "turnus-3.csv", CONTENT, expires_at=EXPIRES, now=NOW
        )

    assert added is None
    assert waiting(database) == 0


def test_new_offer_purges_expired_ones(database: Database, offer_id: int) -> None:
    """Offering a file deletes the offers that expired, each audited as expired."""
    next_day = EXPIRES + dt.timedelta(minutes=1)
    with database.store() as store:
        store.file_offers.add(
            "teams",
            TENANT,
            OLA_USER,
            "another-token",
            "mine-data.json",
            b"{}",
            expires_at=next_day + dt.timedelta(hours=24),
            now=next_day,
        )

    assert waiting(database) == 1
    with database.store() as store:
        expired = [entry for entry in store.audit.list("file_offer") if entry.action == "expire"]
    assert [entry.entity_id for entry in expired] == [offer_id]


def test_unlinking_erases_waiting_files(database: Database, offer_id: int) -> None:
    """Removing Kari's chat link deletes her waiting file (the foreign key cascades)."""
    with database.store() as store:
        store.identities.unlink("teams", TENANT, KARI_USER, actor_id=None)

    assert waiting(database) == 0


def test_concurrent_claims_get_the_file_once(database: Database, offer_id: int) -> None:
    """Two answers to the same card at once: exactly one gets READY."""
    with ThreadPoolExecutor(max_workers=2) as pool:
        states = list(pool.map(lambda _: claim(database, KARI_USER).state, range(2)))

    assert sorted(states) == sorted([OfferState.READY, OfferState.BUSY])


def test_data_export_lists_waiting_files(database: Database, staff: Staff, offer_id: int) -> None:
    """Kari's data export names her waiting file and its times, without content or token."""
    with database.store() as store:
        data = store.personal_data(staff.kari.id)
        ola_data = store.personal_data(staff.ola.id)

    assert data["file_offers"] == [
        {
            "id": offer_id,
            "platform": "teams",
            "file_name": "turnus-3.csv",
            "size_bytes": len(CONTENT),
            "offered_at": "2027-01-06T08:00:00+00:00",
            "expires_at": "2027-01-07T08:00:00+00:00",
        }
    ]
    assert ola_data["file_offers"] == []
