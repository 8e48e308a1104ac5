"""Alembic migrations: they build exactly the schema the models describe, on both backends."""

from __future__ import annotations

import datetime as dt
import logging
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from alembic.autogenerate import compare_metadata
from alembic.migration import MigrationContext
from alembic.script import ScriptDirectory
from sqlalchemy import event, inspect, text

from core.absences import Absence, RemovedShift
from core.commands import AbsenceKind, DateRange
from core.rosters import Roster, RosterDifference, RosterStatus
from core.shift_requests import RequestKind, RequestState, ShiftRequest
from storage.crypto import (
    ACTIVE_KEY_VARIABLE,
    KEYS_VARIABLE,
    KeyConfigurationError,
    encode_key,
)
from storage.database import (
    MIGRATIONS_DIRECTORY,
    Database,
    alembic_config,
    create_database_engine,
    downgrade_engine,
    upgrade,
    upgrade_engine,
)
from storage.models import Base
from tests.storage.storage_cast import Staff, Ward


def test_migrated_schema_matches_models(database: Database) -> None:
    """Autogenerate finds no difference between the migrated database and the models."""
    with database.engine.connect() as connection:
        context = MigrationContext.configure(connection, opts={"compare_type": True})
        differences = compare_metadata(context, Base.metadata)

    assert differences == []


def test_upgrade_records_head_revision(database: Database) -> None:
    """After upgrade the database is at the newest revision of the scripts."""
    head = ScriptDirectory.from_config(alembic_config()).get_current_head()
    with database.engine.connect() as connection:
        current = MigrationContext.configure(connection).get_current_revision()

    assert current == head


def test_upgrade_twice_changes_nothing(database: Database) -> None:
    """Upgrading an up-to-date database is a no-op, not an error."""
    database.upgrade()

    with database.engine.connect() as connection:
        table_names = set(inspect(connection).get_table_names())
    assert set(Base.metadata.tables) <= table_names


def test_downgrade_then_upgrade(database: Database) -> None:
    """Downgrading to base drops every table, and upgrading rebuilds them."""
    downgrade_engine(database.engine, "base")
    with database.engine.connect() as connection:
        left_over = set(inspect(connection).get_table_names()) & set(Base.metadata.tables)
    assert left_over == set()

    database.upgrade()
    with database.engine.connect() as connection:
        rebuilt = set(inspect(connection).get_table_names())
    assert set(Base.metadata.tables) <= rebuilt


def test_upgrade_from_another_folder(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, database_url: str
) -> None:
    """upgrade(url) finds the migrations inside the package from any working folder."""
    monkeypatch.chdir(tmp_path)

    upgrade(database_url)

    engine = create_database_engine(database_url)
    try:
        with engine.connect() as connection:
            assert "employees" in inspect(connection).get_table_names()
    finally:
        engine.dispose()


def test_migrations_live_in_the_package() -> None:
    """The script location is the package's own migrations folder, as an absolute path."""
    location = Path(alembic_config().get_main_option("script_location") or "")

    assert location == MIGRATIONS_DIRECTORY
    assert location.is_absolute()
    assert (location / "env.py").is_file()
    assert (location / "script.py.mako").is_file()


class RootRecords(logging.Handler):
    """Collect the records that reach the root logger's handlers, as a configured server's do.

    pytest's `caplog` also listens on loggers that do not propagate, such as Alembic's,
    so it would show records that a server's log never receives.
    """

    def __init__(self) -> None:
        super().__init__()
        self.records: list[logging.LogRecord] = []

    def emit(self, record: logging.LogRecord) -> None:
        self.records.append(record)


@pytest.fixture
def root_records() -> Iterator[RootRecords]:
    root = logging.getLogger()
    collected = RootRecords()
    level = root.level
    root.addHandler(collected)
    root.setLevel(logging.DEBUG)
    yield collected
    root.removeHandler(collected)
    root.setLevel(level)


def test_upgrade_logs_one_info_line(database_url: str, root_records: RootRecords) -> None:
    """Migrating an empty database logs one info line, with the revision ids only."""
    head = ScriptDirectory.from_config(alembic_config()).get_current_head()

    upgrade(database_url)

    info_lines = [
        record.getMessage() for record in root_records.records if record.levelno >= logging.INFO
    ]
    assert info_lines == [f"database schema upgraded from revision base to {head}"]


def test_upgrade_logs_alembic_lines_at_debug(database_url: str, root_records: RootRecords) -> None:
    """Alembic's own lines about each migration reach the log at debug."""
    upgrade(database_url)

    debug_lines = [
        record.getMessage()
        for record in root_records.records
        if record.levelno == logging.DEBUG and record.name == "storage.migrations"
    ]
    assert any("Running upgrade" in line for line in debug_lines)


def test_importing_storage_logs_nothing_at_info() -> None:
    """Importing Alembic through `storage` does not log its plugin set-up at info."""
    program = "import logging; logging.basicConfig(level=logging.INFO); import storage.database"

    finished = subprocess.run(
        [sys.executable, "-c", program],
        capture_output=True,
        text=True,
        check=True,
        cwd=Path(__file__).resolve().parents[2],
    )

    assert finished.stderr == ""


KIND_REVISION = "0003"
BEFORE_KIND_REVISION = "0002"


@pytest.fixture
def kari_sick_and_on_course(database: Database, staff: Staff) -> list[Absence]:
    """Store a sick day and a course for Kari, and return them as stored."""
    with database.store() as store:
        return [
            store.absences.add_absence(
                Absence(0, staff.kari.id, kind, DateRange(day, day)), actor_id=staff.kari.id
            )
            for kind, day in [
                (AbsenceKind.SICK, dt.date(2027, 1, 8)),
                (AbsenceKind.COURSE, dt.date(2027, 1, 12)),
            ]
        ]


def clear_kinds(database: Database) -> list[str]:
    with database.engine.connect() as connection:
        return list(connection.execute(text("SELECT kind FROM absences ORDER BY id")).scalars())


def head_revision() -> str | None:
    return ScriptDirectory.from_config(alembic_config()).get_current_head()


def current_revision(database: Database) -> str | None:
    with database.engine.connect() as connection:
        return MigrationContext.configure(connection).get_current_revision()


def test_downgrade_decrypts_absence_kinds(
    database: Database, kari_sick_and_on_course: list[Absence]
) -> None:
    """Below the revision that encrypts them, the kinds are plain text again."""
    database.downgrade(BEFORE_KIND_REVISION)

    assert clear_kinds(database) == ["sick", "course"]


def test_upgrade_encrypts_existing_kinds(
    database: Database, staff: Staff, kari_sick_and_on_course: list[Absence]
) -> None:
    """Rows written before the revision come back encrypted and read as before."""
    database.downgrade(BEFORE_KIND_REVISION)

    database.upgrade()

    with database.engine.connect() as connection:
        rows = connection.execute(text("SELECT * FROM absences")).mappings().all()
    assert "kind" not in rows[0]
    assert "sick" not in repr(rows)
    assert "course" not in repr(rows)
    assert all(row["kind_encrypted"].startswith("v1.test.") for row in rows)
    with database.store() as store:
        assert store.absences.list_absences(employee_id=staff.kari.id) == kari_sick_and_on_course


def test_migrated_kinds_in_own_data_export(
    database: Database, staff: Staff, kari_sick_and_on_course: list[Absence]
) -> None:
    """After a downgrade and an upgrade, Kari's data export still names each kind."""
    database.downgrade(BEFORE_KIND_REVISION)
    database.upgrade()

    with database.store() as store:
        exported = store.personal_data(staff.kari.id)

    assert [absence["kind"] for absence in exported["absences"]] == ["sick", "course"]


def test_upgrade_without_key_changes_nothing(
    database: Database,
    kari_sick_and_on_course: list[Absence],
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    """With rows to encrypt and no key, the upgrade fails whole and names the setting."""
    monkeypatch.delenv(KEYS_VARIABLE, raising=False)
    database.downgrade(BEFORE_KIND_REVISION)

    with pytest.raises(KeyConfigurationError, match=r"kind of 2 absences.*VAKTBOT_ENCRYPTION_KEYS"):
        upgrade_engine(database.engine)

    assert current_revision(database) == BEFORE_KIND_REVISION
    assert clear_kinds(database) == ["sick", "course"]


def test_upgrade_takes_key_from_environment(
    database: Database,
    staff: Staff,
    kari_sick_and_on_course: list[Absence],
    encryption_key: bytes,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    """Without a cipher passed in, the migration uses VAKTBOT_ENCRYPTION_KEYS."""
    database.downgrade(BEFORE_KIND_REVISION)
    monkeypatch.setenv(KEYS_VARIABLE, f"test:{encode_key(encryption_key)}")
    monkeypatch.setenv(ACTIVE_KEY_VARIABLE, "test")

    upgrade_engine(database.engine)

    assert current_revision(database) == head_revision()
    with database.store() as store:
        assert store.absences.list_absences(employee_id=staff.kari.id) == kari_sick_and_on_course


def test_empty_absences_migrate_without_key(
    database: Database, monkeypatch: pytest.MonkeyPatch
) -> None:
    """With no absence stored, the revision needs no key in either direction."""
    monkeypatch.delenv(KEYS_VARIABLE, raising=False)

    downgrade_engine(database.engine, BEFORE_KIND_REVISION)
    upgrade_engine(database.engine)

    assert current_revision(database) == head_revision()


# Only SQLite keeps the whole database in one file.
@pytest.mark.parametrize("backend", ["sqlite"])
def test_upgrade_leaves_no_kind_in_sqlite_file(database: Database, staff: Staff) -> None:
    """The SQLite file contains no kind in clear after the upgrade, even in freed pages."""
    with database.store() as store:
        for day in range(1, 20):
            sick_day = DateRange(dt.date(2027, 1, day), dt.date(2027, 1, day))
            store.absences.add_absence(
                Absence(0, staff.kari.id, AbsenceKind.CHILD_SICK, sick_day), actor_id=None
            )
    database.downgrade(BEFORE_KIND_REVISION)
    database.dispose()
    # Builds without SQLITE_SECURE_DELETE leave deleted rows in the file by default.
    event.listen(database.engine, "connect", turn_secure_delete_off)

    database.upgrade()
    database.dispose()

    assert b"child_sick" not in Path(database.url.database or "").read_bytes()


def turn_secure_delete_off(dbapi_connection: Any, _record: Any) -> None:
    dbapi_connection.execute("PRAGMA secure_delete = OFF")


CARDS_REVISION = "0004"


def test_downgrade_below_cards_drops_only_their_tables(
    database: Database, staff: Staff, kari_sick_and_on_course: list[Absence]
) -> None:
    """Below revision 0004 the card and origin tables are gone, and the rest is intact."""
    with database.store() as store:
        store.chat_origins.note("teams", "tenant-1", "https://127.0.0.1/", {"id": "28:bot"})

    database.downgrade(KIND_REVISION)

    with database.engine.connect() as connection:
        tables = set(inspect(connection).get_table_names())
    assert {"request_cards", "chat_origins"} & tables == set()
    assert current_revision(database) == KIND_REVISION
    with database.store() as store:
        assert store.absences.list_absences(employee_id=staff.kari.id) == kari_sick_and_on_course


def test_upgrade_to_cards_revision_without_key(
    database: Database, kari_sick_and_on_course: list[Absence], monkeypatch: pytest.MonkeyPatch
) -> None:
    """Revision 0004 only creates empty tables, so it needs no key either way."""
    monkeypatch.delenv(KEYS_VARIABLE, raising=False)

    downgrade_engine(database.engine, KIND_REVISION)
    upgrade_engine(database.engine, CARDS_REVISION)

    assert current_revision(database) == CARDS_REVISION
    with database.store() as store:
        assert store.chat_origins.get("teams", "tenant-1") is None


VACATION_REVISION = "0005"


def test_downgrade_below_vacations_drops_their_requests(database: Database, staff: Staff) -> None:
    """Below revision 0005 vacation requests are gone, and an offer stays."""
    from core.shift_requests import RequestKind, RequestState, ShiftRequest

    with database.store() as store:
        unit_id = staff.kari.unit_id
        vacation = ShiftRequest(
            0,
            unit_id,
            RequestKind.VACATION,
            RequestState.ACCEPTED,
            staff.kari.id,
            dt.date(2027, 7, 5),
            "",
            last_day=dt.date(2027, 7, 9),
        )
        offer = ShiftRequest(
            0,
            unit_id,
            RequestKind.OFFER,
            RequestState.PENDING,
            staff.kari.id,
            dt.date(2027, 7, 1),
            "D",
        )
        store.shift_requests.add(vacation, actor_id=None)
        kept = store.shift_requests.add(offer, actor_id=None)

    database.downgrade(CARDS_REVISION)

    with database.engine.connect() as connection:
        columns = {column["name"] for column in inspect(connection).get_columns("shift_requests")}
        kinds = connection.execute(text("SELECT id, kind FROM shift_requests")).all()
    assert "last_day" not in columns
    assert [tuple(row) for row in kinds] == [(kept.id, "offer")]
    assert current_revision(database) == CARDS_REVISION


FILE_OFFERS_REVISION = "0006"


def absence_request(staff: Staff, kind: RequestKind) -> ShiftRequest:
    """Return a new absence request of Kari's for 5–9 July, waiting for a manager."""
    return ShiftRequest(
        0,
        staff.kari.unit_id,
        kind,
        RequestState.ACCEPTED,
        staff.kari.id,
        dt.date(2027, 7, 5),
        "",
        last_day=dt.date(2027, 7, 9),
    )


def test_downgrade_below_leave_requests_drops_them(database: Database, staff: Staff) -> None:
    """Below revision 0007 leave and time-off requests are gone, and a vacation request stays."""
    with database.store() as store:
        requests = store.shift_requests
        kept = requests.add(absence_request(staff, RequestKind.VACATION), actor_id=None)
        requests.add(absence_request(staff, RequestKind.LEAVE), actor_id=None)
        requests.add(absence_request(staff, RequestKind.TIME_OFF_IN_LIEU), actor_id=None)

    database.downgrade(FILE_OFFERS_REVISION)

    with database.engine.connect() as connection:
        kinds = connection.execute(text("SELECT id, kind FROM shift_requests")).all()
    assert [tuple(row) for row in kinds] == [(kept.id, "vacation")]
    assert current_revision(database) == FILE_OFFERS_REVISION


BEFORE_COURSE_REVISION = "0008"


def test_downgrade_below_course_requests_drops_them(database: Database, staff: Staff) -> None:
    """Below revision 0009 course requests are gone, and a vacation request stays."""
    with database.store() as store:
        requests = store.shift_requests
        kept = requests.add(absence_request(staff, RequestKind.VACATION), actor_id=None)
        requests.add(absence_request(staff, RequestKind.COURSE), actor_id=None)

    database.downgrade(BEFORE_COURSE_REVISION)

    with database.engine.connect() as connection:
        kinds = connection.execute(text("SELECT id, kind FROM shift_requests")).all()
    assert [tuple(row) for row in kinds] == [(kept.id, "vacation")]
    assert current_revision(database) == BEFORE_COURSE_REVISION


BEFORE_REPAIR_REVISION = "0007"


def add_proposed_roster(database: Database, ward: Ward) -> int:
    """Store a proposed repair of two weeks, as the repair job did before it had a number."""
    with database.store() as store:
        roster = Roster(
            0, ward.unit.id, dt.date(2027, 1, 4), dt.date(2027, 1, 17), RosterStatus.PROPOSED
        )
        return store.rosters.add(roster, actor_id=None).id


def roster_statuses(database: Database) -> list[str]:
    with database.engine.connect() as connection:
        return list(connection.execute(text("SELECT status FROM rosters ORDER BY id")).scalars())


def test_upgrade_closes_unnumbered_proposals(database: Database, ward: Ward) -> None:
    """A proposal stored before repairs had numbers cannot be decided, so the upgrade closes it."""
    # The roster is stored before the downgrade, because the models of the current schema
    # cannot write to the older one, and the downgrade keeps proposed rosters.
    add_proposed_roster(database, ward)
    database.downgrade(BEFORE_REPAIR_REVISION)

    database.upgrade()

    assert current_revision(database) == head_revision()
    assert roster_statuses(database) == ["superseded"]


def test_downgrade_deletes_repair_requests(database: Database, ward: Ward, staff: Staff) -> None:
    """Older code knows no repair requests, so a downgrade deletes them and their changes."""
    roster_id = add_proposed_roster(database, ward)
    with database.store() as store:
        request = store.shift_requests.add(
            ShiftRequest(
                0,
                ward.unit.id,
                RequestKind.REPAIR,
                RequestState.ACCEPTED,
                staff.kari.id,
                dt.date(2027, 1, 8),
                "",
                last_day=dt.date(2027, 1, 8),
                roster_id=roster_id,
            ),
            actor_id=None,
        )
        change = RosterDifference(staff.ola.id, dt.date(2027, 1, 8), None, "N")
        store.shift_requests.add_repair_changes(request.id, [change], actor_id=None)

    database.downgrade(BEFORE_REPAIR_REVISION)

    with database.engine.connect() as connection:
        kinds = list(connection.execute(text("SELECT kind FROM shift_requests")).scalars())
        tables = inspect(connection).get_table_names()
    assert kinds == []
    assert "repair_changes" not in tables
    assert roster_statuses(database) == ["proposed"]


BEFORE_DELETION_REQUEST_REVISION = "0010"


def test_downgrade_below_deletion_requests_drops_them(database: Database, staff: Staff) -> None:
    """Below revision 0011 requests to delete personal data are gone, and a vacation stays."""
    deletion = ShiftRequest(
        0,
        staff.kari.unit_id,
        RequestKind.DATA_DELETION,
        RequestState.ACCEPTED,
        staff.kari.id,
        dt.date(2027, 1, 6),
        "",
    )
    with database.store() as store:
        requests = store.shift_requests
        kept = requests.add(absence_request(staff, RequestKind.VACATION), actor_id=None)
        requests.add(deletion, actor_id=None)

    database.downgrade(BEFORE_DELETION_REQUEST_REVISION)

    with database.engine.connect() as connection:
        kinds = connection.execute(text("SELECT id, kind FROM shift_requests")).all()
    assert [tuple(row) for row in kinds] == [(kept.id, "vacation")]
    assert current_revision(database) == BEFORE_DELETION_REQUEST_REVISION


BEFORE_REMOVED_SHIFT_REVISION = "0013"


def test_downgrade_below_removed_shifts_drops_them(
    database: Database, staff: Staff, kari_sick_and_on_course: list[Absence]
) -> None:
    """Below revision 0014 the shifts absences removed are gone, and the absences stay."""
    sick = kari_sick_and_on_course[0]
    removed = RemovedShift(0, staff.kari.id, sick.id, sick.days.start, "D", sick.days.start, 450)
    with database.store() as store:
        store.absences.add_removed_shifts([removed], actor_id=None)

    database.downgrade(BEFORE_REMOVED_SHIFT_REVISION)

    with database.engine.connect() as connection:
        tables = inspect(connection).get_table_names()
        absences = connection.execute(text("SELECT id FROM absences ORDER BY id")).scalars()
        assert list(absences) == [absence.id for absence in kari_sick_and_on_course]
    assert "absence_removed_shifts" not in tables
    assert current_revision(database) == BEFORE_REMOVED_SHIFT_REVISION

    database.upgrade()
    with database.store() as store:
        assert store.absences.list_removed_shifts() == []
