"""Shared fixtures: encryption keys and migrated databases on SQLite and PostgreSQL.

The PostgreSQL server is a throwaway one that this test session starts on 127.0.0.1
with `initdb` and `pg_ctl`, on a free port and a temporary data folder, and stops at
the end. Without the server binaries the PostgreSQL tests are skipped, unless
VAKTBOT_REQUIRE_POSTGRES=1 makes that a failure (`scripts/ensure-postgres` installs
them).
"""

from __future__ import annotations

import itertools
import logging
import os
import pwd
import re
import shutil
import socket
import subprocess
import tempfile
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path

import pytest
from sqlalchemy import create_engine, text

from storage.crypto import FieldCipher, generate_key
from storage.database import Database, upgrade

logger = logging.getLogger(__name__)

POSTGRES_ROOT_VARIABLE = "VAKTBOT_POSTGRES_ROOT"
REQUIRE_POSTGRES_VARIABLE = "VAKTBOT_REQUIRE_POSTGRES"
DEFAULT_POSTGRES_ROOT = "/usr/lib/postgresql"
SERVER_USER = "postgres"
SERVER_START_TIMEOUT_SECONDS = 60


@dataclass(frozen=True)
class PostgresServer:
    """A running throwaway server; `url(database)` gives a SQLAlchemy URL to it."""

    host: str
    port: int
    user: str

    def url(self, database: str) -> str:
        return f"postgresql+psycopg://{self.user}@{self.host}:{self.port}/{database}"


def find_postgres_bin_dir() -> Path | None:
    """Return the bin folder of the newest PostgreSQL with initdb and pg_ctl, if any.

    Looks in /usr/lib/postgresql/<version>/bin (Debian and Ubuntu), or the folder that
    VAKTBOT_POSTGRES_ROOT names, and then on PATH.
    """
    root = Path(os.environ.get(POSTGRES_ROOT_VARIABLE, DEFAULT_POSTGRES_ROOT))
    candidates = sorted(
        (path for path in root.glob("*/bin") if _has_server_binaries(path)),
        key=_version_key,
        reverse=True,
    )
    if candidates:
        return candidates[0]
    on_path = shutil.which("initdb")
    if on_path is None:
        return None
    bin_dir = Path(on_path).resolve().parent  # /usr/local/bin may hold symlinks only
    return bin_dir if _has_server_binaries(bin_dir) else None


def _has_server_binaries(bin_dir: Path) -> bool:
    return all(os.access(bin_dir / name, os.X_OK) for name in ("initdb", "pg_ctl", "postgres"))


def _version_key(bin_dir: Path) -> tuple[int, ...]:
    return tuple(int(number) for number in re.findall(r"\d+", bin_dir.parent.name)) or (0,)


def _free_port() -> int:
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as probe:
        probe.bind(("127.0.0.1", 0))
        return int(probe.getsockname()[1])


def _as_server_user(command: list[str]) -> list[str]:
    """Prefix `command` with runuser when running as root, because initdb rejects root."""
    if os.geteuid() != 0:
        return command
    return ["runuser", "-u", SERVER_USER, "--", *command]


def _run(command: list[str]) -> None:
    result = subprocess.run(command, capture_output=True, text=True, check=False)
    if result.returncode != 0:
        raise RuntimeError(
            f"{' '.join(command)} failed with exit code {result.returncode}:\n"
            f"{result.stdout}\n{result.stderr}"
        )


def _make_server_folder() -> Path:
    folder = Path(tempfile.mkdtemp(prefix="vaktbot-postgres-", dir=_memory_folder()))
    if os.geteuid() == 0:
        server_user = pwd.getpwnam(SERVER_USER)
        os.chown(folder, server_user.pw_uid, server_user.pw_gid)
    return folder


def _memory_folder() -> str | None:
    """Return /dev/shm if usable, else None for the default temporary folder.

    The server's files are throwaway, and on a memory file system CREATE DATABASE,
    which each test runs, does not wait for the disk.
    """
    shared_memory = "/dev/shm"
    if os.path.isdir(shared_memory) and os.access(shared_memory, os.W_OK | os.X_OK):
        return shared_memory
    return None


def _start_server(bin_dir: Path, folder: Path) -> PostgresServer:
    data_dir = folder / "data"
    _run(
        _as_server_user(
            [
                str(bin_dir / "initdb"),
                "-D",
                str(data_dir),
                "-U",
                SERVER_USER,
                "--auth=trust",
                "--encoding=UTF8",
                "--no-locale",
            ]
        )
    )
    port = _free_port()
    # Durability is not needed for a throwaway server; turning it off makes tests faster.
    options = (
        f"-c listen_addresses=127.0.0.1 -c port={port} -c unix_socket_directories={folder} "
        "-c fsync=off -c synchronous_commit=off -c full_page_writes=off"
    )
    _run(
        _as_server_user(
            [
                str(bin_dir / "pg_ctl"),
                "-D",
                str(data_dir),
                "-l",
                str(folder / "server.log"),
                "-o",
                options,
                "-w",
                "-t",
                str(SERVER_START_TIMEOUT_SECONDS),
                "start",
            ]
        )
    )
    logger.info("started PostgreSQL from %s on 127.0.0.1:%s", bin_dir, port)
    return PostgresServer(host="127.0.0.1", port=port, user=SERVER_USER)


def _stop_server(bin_dir: Path, folder: Path) -> None:
    command = [str(bin_dir / "pg_ctl"), "-D", str(folder / "data"), "-m", "fast", "-w", "stop"]
    try:
        _run(_as_server_user(command))
    finally:
        shutil.rmtree(folder, ignore_errors=True)


def _missing_postgres(reason: str) -> None:
    if os.environ.get(REQUIRE_POSTGRES_VARIABLE) == "1":
        pytest.fail(f"{reason}; run scripts/ensure-postgres to install them", pytrace=False)
    pytest.skip(f"{reason} (set {REQUIRE_POSTGRES_VARIABLE}=1 to make this a failure)")


@pytest.fixture(scope="session")
def postgres_server() -> Iterator[PostgresServer]:
    """Start a throwaway PostgreSQL server for the session and remove it afterwards."""
    bin_dir = find_postgres_bin_dir()
    if bin_dir is None:
        _missing_postgres("PostgreSQL server binaries (initdb, pg_ctl) were not found")
        return
    if os.geteuid() == 0 and shutil.which("runuser") is None:
        _missing_postgres("running as root needs runuser to start PostgreSQL as 'postgres'")
        return
    folder = _make_server_folder()
    try:
        server = _start_server(bin_dir, folder)
    except Exception:
        shutil.rmtree(folder, ignore_errors=True)
        raise
    yield server
    _stop_server(bin_dir, folder)


_database_numbers = itertools.count(1)
TEMPLATE_DATABASE = "vaktbot_migrated_template"


@contextmanager
def fresh_postgres_database(server: PostgresServer, template: str | None = None) -> Iterator[str]:
    """Create a database on `server` (empty, or a copy of `template`), yield its URL, drop it."""
    name = f"vaktbot_test_{next(_database_numbers)}"
    copy_of = f' TEMPLATE "{template}"' if template else ""
    admin = create_engine(server.url("postgres"), isolation_level="AUTOCOMMIT")
    try:
        with admin.connect() as connection:
            connection.execute(text(f'CREATE DATABASE "{name}"{copy_of}'))
        yield server.url(name)
        with admin.connect() as connection:
            connection.execute(text(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)'))
    finally:
        admin.dispose()


@pytest.fixture(scope="session")
def migrated_postgres_template(postgres_server: PostgresServer) -> str:
    """Create a migrated database once, which each test's database copies."""
    admin = create_engine(postgres_server.url("postgres"), isolation_level="AUTOCOMMIT")
    try:
        with admin.connect() as connection:
            connection.execute(text(f'CREATE DATABASE "{TEMPLATE_DATABASE}"'))
    finally:
        admin.dispose()
    upgrade(postgres_server.url(TEMPLATE_DATABASE))
    return TEMPLATE_DATABASE


@pytest.fixture(scope="session")
def migrated_sqlite_template(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """Create a migrated SQLite file once, which each test's database copies."""
    template = tmp_path_factory.mktemp("sqlite-template") / "migrated.db"
    upgrade(f"sqlite:///{template}")
    return template


@pytest.fixture
def encryption_key() -> bytes:
    """Return a freshly generated 32-byte key."""
    return generate_key()


@pytest.fixture
def cipher(encryption_key: bytes) -> FieldCipher:
    """Return a cipher whose only key, with id `test`, is `encryption_key`."""
    return FieldCipher({"test": encryption_key}, "test")


@pytest.fixture(params=["sqlite", pytest.param("postgresql", marks=pytest.mark.postgres)])
def backend(request: pytest.FixtureRequest) -> str:
    """Return the database backend a test runs on; each storage test runs on both."""
    return str(request.param)


@pytest.fixture
def database_url(backend: str, request: pytest.FixtureRequest, tmp_path: Path) -> Iterator[str]:
    """Yield the URL of a new, empty database: a SQLite file, or one on the test server."""
    if backend == "sqlite":
        yield f"sqlite:///{tmp_path / 'empty.db'}"
        return
    server = request.getfixturevalue("postgres_server")
    with fresh_postgres_database(server) as url:
        yield url


@pytest.fixture
def database(
    backend: str, cipher: FieldCipher, request: pytest.FixtureRequest, tmp_path: Path
) -> Iterator[Database]:
    """Yield a new database on the backend, migrated to the newest revision.

    It is a copy of a database migrated once per session, because copying is faster
    than migrating. `upgrade` then finds it at the newest revision already. Tests that
    migrate an empty database use `database_url` instead.
    """
    if backend == "sqlite":
        template = request.getfixturevalue("migrated_sqlite_template")
        database_file = tmp_path / "vaktbot.db"
        shutil.copyfile(template, database_file)
        yield from _opened_database(f"sqlite:///{database_file}", cipher)
        return
    server = request.getfixturevalue("postgres_server")
    template = request.getfixturevalue("migrated_postgres_template")
    with fresh_postgres_database(server, template) as url:
        yield from _opened_database(url, cipher)


def _opened_database(url: str, cipher: FieldCipher) -> Iterator[Database]:
    database = Database(url, cipher)
    try:
        database.upgrade()
        yield database
    finally:
        database.dispose()
