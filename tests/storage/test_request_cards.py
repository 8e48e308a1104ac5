"""Posted request cards: stored encrypted per chat account, taken once, erased with the link."""

from __future__ import annotations

import datetime as dt
import time
from concurrent.futures import ThreadPoolExecutor

import pytest
from sqlalchemy import text

from core.shift_requests import RequestEvent, RequestKind, RequestState, ShiftRequest
from storage.crypto import FieldCipher
from storage.database import Database
from storage.errors import NotFoundError
from tests.storage.storage_cast import Staff, Ward

TEAM = "T0NORDVIK"
KARI_USER = "U07KARI123"
INGRID_USER = "U07INGRID1"
KARI_CARD = {"channel": "D0KARISECRET", "ts": "1767600000.000100"}
INGRID_CARD = {"channel": "D0INGRIDSECRET", "ts": "1767600000.000200"}


@pytest.fixture
def request_id(database: Database, ward: Ward, staff: Staff) -> int:
    """Link Kari and Ingrid on Slack, and store Åse's open swap request with Kari."""
    with database.store() as store:
        store.identities.link("slack", TEAM, KARI_USER, staff.kari.id, actor_id=None)
        store.identities.link("slack", TEAM, INGRID_USER, staff.ingrid.id, actor_id=None)
        request = store.shift_requests.add(
            ShiftRequest(
                0,
                ward.unit.id,
                RequestKind.SWAP,
                RequestState.PENDING,
                staff.aase.id,
                dt.date(2027, 3, 3),
                "A",
                counterpart_id=staff.kari.id,
            ),
            actor_id=staff.aase.id,
        )
    return request.id


def post_both(database: Database, request_id: int) -> None:
    with database.store() as store:
        assert store.request_cards.add("slack", TEAM, KARI_USER, request_id, KARI_CARD)
        assert store.request_cards.add("slack", TEAM, INGRID_USER, request_id, INGRID_CARD)


def test_take_returns_every_card_once(database: Database, staff: Staff, request_id: int) -> None:
    """The cards come back oldest first with where they are; a second take finds none."""
    post_both(database, request_id)

    with database.store() as store:
        taken = store.request_cards.take(request_id, "slack")
    with database.store() as store:
        again = store.request_cards.take(request_id, "slack")

    assert [(card.employee_id, card.message) for card in taken] == [
        (staff.kari.id, KARI_CARD),
        (staff.ingrid.id, INGRID_CARD),
    ]
    assert all(card.workspace_id == TEAM and card.platform == "slack" for card in taken)
    assert again == []


def test_take_seen_from_a_second_process(
    database: Database, cipher: FieldCipher, request_id: int
) -> None:
    """A second Database on the same URL, as another server process, sees and takes the cards."""
    post_both(database, request_id)
    other = Database(database.url, cipher)
    try:
        with other.store() as store:
            taken = store.request_cards.take(request_id, "slack")
    finally:
        other.dispose()

    assert [card.message for card in taken] == [KARI_CARD, INGRID_CARD]
    with database.store() as store:
        assert store.request_cards.take(request_id, "slack") == []


def test_concurrent_takes_share_no_card(database: Database, request_id: int) -> None:
    """A take that starts while another is uncommitted waits for it, and then gets nothing."""
    post_both(database, request_id)

    def take_in_own_transaction() -> list[object]:
        with database.store() as store:
            return list(store.request_cards.take(request_id, "slack"))

    with ThreadPoolExecutor(max_workers=1) as pool:
        with database.store() as store:
            first = store.request_cards.take(request_id, "slack")
            second = pool.submit(take_in_own_transaction)
            time.sleep(0.3)
            second_waited = not second.done()
        second_cards = second.result(timeout=10)

    assert len(first) == 2
    assert second_waited
    assert second_cards == []


def test_take_leaves_other_platforms(database: Database, staff: Staff, request_id: int) -> None:
    """Taking the Slack cards leaves the request's Teams cards for the Teams adapter."""
    with database.store() as store:
        store.identities.link("teams", "tenant-1", "aad-kari", staff.kari.id, actor_id=None)
        store.request_cards.add("teams", "tenant-1", "aad-kari", request_id, {"message_id": "1"})
        store.request_cards.add("slack", TEAM, KARI_USER, request_id, KARI_CARD)

    with database.store() as store:
        slack = store.request_cards.take(request_id, "slack")
        teams = store.request_cards.take(request_id, "teams")

    assert [card.message for card in slack] == [KARI_CARD]
    assert [card.message for card in teams] == [{"message_id": "1"}]


def test_card_of_unlinked_user_not_kept(database: Database, request_id: int) -> None:
    """A card posted to a chat user who is not linked is not stored, and add returns False."""
    with database.store() as store:
        kept = store.request_cards.add("slack", TEAM, "U0STRANGER", request_id, KARI_CARD)
        taken = store.request_cards.take(request_id, "slack")

    assert kept is False
    assert taken == []


def test_card_of_unknown_request_refused(database: Database, request_id: int) -> None:
    with database.store() as store, pytest.raises(NotFoundError, match="shift request 9090"):
        store.request_cards.add("slack", TEAM, KARI_USER, 9090, KARI_CARD)


def test_where_the_card_is_stored_encrypted(database: Database, request_id: int) -> None:
    """Neither the channel nor the message timestamp is readable in the table."""
    post_both(database, request_id)

    with database.engine.connect() as connection:
        rows = connection.execute(text("SELECT * FROM request_cards")).mappings().all()

    assert len(rows) == 2
    assert "SECRET" not in repr(rows)
    assert "1767600000" not in repr(rows)
    assert all(row["message_encrypted"].startswith("v1.test.") for row in rows)


def test_unlinking_erases_the_persons_cards(
    database: Database, staff: Staff, request_id: int
) -> None:
    """When Kari's chat link is removed, her cards go with it; Ingrid's stay."""
    post_both(database, request_id)

    with database.store() as store:
        store.identities.unlink("slack", TEAM, KARI_USER, actor_id=staff.ingrid.id)
    with database.store() as store:
        kari_cards = store.request_cards.for_employee(staff.kari.id)
        taken = store.request_cards.take(request_id, "slack")

    assert kari_cards == []
    assert [card.employee_id for card in taken] == [staff.ingrid.id]


def settle(database: Database, request_id: int, event: RequestEvent, actor_id: int) -> None:
    with database.store() as store:
        request = store.shift_requests.get(request_id)
        assert request is not None
        store.shift_requests.update(request.after(event), actor_id=actor_id)


def test_cards_of_long_settled_requests_purged(
    database: Database, ward: Ward, staff: Staff, request_id: int
) -> None:
    """Cards of a request cancelled over a day ago go when the next card is stored."""
    post_both(database, request_id)
    settle(database, request_id, RequestEvent.CANCEL, staff.aase.id)
    with database.store() as store:
        newer = store.shift_requests.add(
            ShiftRequest(
                0,
                ward.unit.id,
                RequestKind.OFFER,
                RequestState.PENDING,
                staff.kari.id,
                dt.date(2027, 3, 4),
                "D",
            ),
            actor_id=staff.kari.id,
        )
    two_days_on = dt.datetime.now(tz=dt.UTC) + dt.timedelta(days=2)

    with database.store() as store:
        store.request_cards.add("slack", TEAM, INGRID_USER, newer.id, INGRID_CARD, now=two_days_on)
    with database.store() as store:
        cancelled = store.request_cards.take(request_id, "slack")
        kept = store.request_cards.take(newer.id, "slack")

    assert cancelled == []
    assert [card.message for card in kept] == [INGRID_CARD]


def test_cards_of_recent_or_open_requests_kept(
    database: Database, staff: Staff, request_id: int
) -> None:
    """A purge keeps the cards of open requests and of requests settled within the day."""
    post_both(database, request_id)
    with database.store() as store:
        open_purged = store.request_cards.purge_settled(before=dt.datetime.now(tz=dt.UTC))
    settle(database, request_id, RequestEvent.DECLINE, staff.kari.id)
    with database.store() as store:
        recent_purged = store.request_cards.purge_settled(
            before=dt.datetime.now(tz=dt.UTC) - dt.timedelta(days=1)
        )
        left = store.request_cards.take(request_id, "slack")

    assert (open_purged, recent_purged) == (0, 0)
    assert len(left) == 2
