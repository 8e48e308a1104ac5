"""The composition root: storage, parser, solver and core wired into one assistant."""

from __future__ import annotations

import logging
import os
import threading
from dataclasses import dataclass
from pathlib import Path

from sqlalchemy.engine import make_url
from sqlalchemy.exc import ArgumentError

from core.assistant import Assistant
from core.context import Services
from core.i18n import N_
from solver.engine import ProgressCallback
from solver.problem import SolverProblem, SolverResult, SolveStatus
from solver.worker import SolveJob
from storage.crypto import FieldCipher, KeyConfigurationError, load_or_create_key_file
from storage.database import Database
from vaktbot.argparse_i18n import cli_translator

# ConfigurationError is imported from here by the commands, as before it moved.
from vaktbot.failures import ConfigurationError as ConfigurationError
from vaktbot.failures import database_failures, describe_key_problem

logger = logging.getLogger(__name__)

DATA_FOLDER_VARIABLE = "VAKTBOT_DATA"
KEYS_VARIABLE = "VAKTBOT_ENCRYPTION_KEYS"
DATABASE_URL_VARIABLE = "VAKTBOT_DATABASE_URL"
DATABASE_FILE = "vaktbot.db"
KEY_FILE = "vaktbot.key"
# The file that marks a folder as the demo's own; vaktbot.demo writes it.
DEMO_MARKER_FILE = ".vaktbot-demo"
EXPORT_FOLDER = "filer"
CANCEL_POLL_SECONDS = 0.2


NO_KEY = N_(
    "No encryption key. Set VAKTBOT_ENCRYPTION_KEYS and VAKTBOT_ACTIVE_KEY_ID to the two lines "
    "that «vaktbot key generate» prints, or give --data the folder that holds vaktbot.key. "
    "«vaktbot demo --out %(folder)s» creates a demo database with its own key file."
)
NO_KEY_FOR_DATABASE = N_(
    "No encryption key for the database in %(folder)s: the folder has no vaktbot.key. Give "
    "--data the folder that holds both vaktbot.db and vaktbot.key, or set "
    "VAKTBOT_ENCRYPTION_KEYS and VAKTBOT_ACTIVE_KEY_ID to the key the data was stored with."
)
NO_DATA_FOLDER = N_(
    "The data folder %(folder)s does not exist. Give --data the folder that holds vaktbot.db "
    "and vaktbot.key."
)
NO_DATABASE = N_(
    "There is no vaktbot database at %(path)s. Check --data or VAKTBOT_DATABASE_URL, or create "
    "the database with «vaktbot db upgrade» and a unit with «vaktbot unit create»."
)


@dataclass(frozen=True)
class Settings:
    data_folder: Path
    database_url: str
    solver_time_limit_seconds: float = 30.0

    @classmethod
    def from_environment(cls, data_folder: str | None = None) -> Settings:
        folder = Path(data_folder or os.environ.get(DATA_FOLDER_VARIABLE) or ".").resolve()
        url = os.environ.get(DATABASE_URL_VARIABLE) or f"sqlite:///{folder / DATABASE_FILE}"
        return cls(data_folder=folder, database_url=url)

    @property
    def key_file(self) -> Path:
        return self.data_folder / KEY_FILE

    @property
    def export_folder(self) -> Path:
        return self.data_folder / EXPORT_FOLDER


def has_cipher(settings: Settings) -> bool:
    """Return whether VAKTBOT_ENCRYPTION_KEYS is set or the data folder contains a key file."""
    return bool(os.environ.get(KEYS_VARIABLE)) or settings.key_file.exists()


def load_cipher(settings: Settings, *, create: bool = False) -> FieldCipher:
    """Return the field cipher from VAKTBOT_ENCRYPTION_KEYS, else from the data folder's key file.

    Only the demo passes `create=True`; everywhere else a missing key is an error,
    because a new key would make the stored personal data unreadable. A missing or
    invalid key raises ConfigurationError with the operator's message.
    """
    try:
        if os.environ.get(KEYS_VARIABLE):
            return FieldCipher.from_environment()
        if not create and not settings.key_file.exists():
            raise ConfigurationError(_missing_key_message(settings))
        return load_or_create_key_file(settings.key_file)
    except KeyConfigurationError as error:
        raise ConfigurationError(describe_key_problem(error)) from error


def _missing_key_message(settings: Settings) -> str:
    """Return the advice for a missing key that fits the data folder as it is."""
    translator = cli_translator()
    folder = settings.data_folder
    if not folder.is_dir():
        return translator.gettext(NO_DATA_FOLDER, folder=folder)
    has_database = (folder / DATABASE_FILE).exists()
    if has_database and not (folder / DEMO_MARKER_FILE).is_file():
        # `vaktbot demo` refuses a folder with a real database, so it is no advice here.
        return translator.gettext(NO_KEY_FOR_DATABASE, folder=folder)
    return translator.gettext(NO_KEY, folder=folder)


def sqlite_file(url: str) -> Path | None:
    """Return the file of a SQLite URL, or None for another database or an in-memory one."""
    try:
        parsed = make_url(url)
    except ArgumentError:
        return None
    if parsed.get_backend_name() != "sqlite" or parsed.database in (None, "", ":memory:"):
        return None
    return Path(parsed.database)


def check_database_exists(settings: Settings) -> None:
    """Raise ConfigurationError when the SQLite file is missing, before anything creates it.

    A PostgreSQL database cannot be checked without connecting, and migrating an empty one
    creates no file, so only SQLite is checked.
    """
    path = sqlite_file(settings.database_url)
    if path is None or path.exists():
        return
    if not settings.data_folder.is_dir() and path.parent == settings.data_folder:
        raise ConfigurationError(
            cli_translator().gettext(NO_DATA_FOLDER, folder=settings.data_folder)
        )
    raise ConfigurationError(cli_translator().gettext(NO_DATABASE, path=path))


def open_database(
    settings: Settings, *, create_key: bool = False, must_exist: bool = False
) -> Database:
    """Open and upgrade the database; raise ConfigurationError on a bad key, URL or server.

    With `must_exist`, a missing SQLite file is an error instead of a new empty database,
    for the commands that only read or change existing data.
    """
    # A configured key is checked first, so that a wrong key setting is reported as such.
    if must_exist and not has_cipher(settings):
        check_database_exists(settings)
    cipher = load_cipher(settings, create=create_key)
    if must_exist:
        check_database_exists(settings)
    with database_failures(settings.database_url):
        database = Database(settings.database_url, cipher)
        try:
            database.upgrade()
        except BaseException:
            database.dispose()
            raise
    return database


def solve_in_worker(
    problem: SolverProblem,
    *,
    time_limit_seconds: float = 30.0,
    on_progress: ProgressCallback | None = None,
    cancel: threading.Event | None = None,
    deterministic_time: float | None = None,
) -> SolverResult:
    """Solve in a child process, so that a crash or an overrun cannot take the server down.

    On a timeout, crash or failure the result has no roster, which leaves the last
    good roster as it is. Setting `cancel` stops the solve and keeps its best roster.
    `deterministic_time` makes the search repeatable, as in `solver.roster.solve`.
    """
    job = SolveJob(
        problem,
        time_limit_seconds=time_limit_seconds,
        on_progress=on_progress,
        deterministic_time=deterministic_time,
    )
    job.start()
    finished = threading.Event()
    if cancel is not None:
        threading.Thread(
            target=_forward_cancel,
            args=(cancel, finished, job),
            daemon=True,
            name="vaktbot-solve-cancel",
        ).start()
    try:
        outcome = job.wait()
    finally:
        finished.set()
    if outcome.result is None:
        logger.warning("solve job ended %s without a result: %s", outcome.status, outcome.error)
        return SolverResult(SolveStatus.NO_SOLUTION_IN_TIME)
    return outcome.result


def _forward_cancel(cancel: threading.Event, finished: threading.Event, job: SolveJob) -> None:
    while not finished.is_set():
        if cancel.wait(CANCEL_POLL_SECONDS):
            job.cancel()
            return


def services(settings: Settings, *, time_limit_seconds: float | None = None) -> Services:
    import nlu
    import solver

    return Services(
        parse=nlu.parse,
        solve=solve_in_worker,
        repair=solver.repair,
        explain=solver.explain_infeasibility,
        solver_time_limit_seconds=time_limit_seconds or settings.solver_time_limit_seconds,
        export_folder=str(settings.export_folder),
    )


def build_assistant(
    settings: Settings, *, time_limit_seconds: float | None = None, must_exist: bool = False
) -> Assistant:
    database = open_database(settings, must_exist=must_exist)
    return Assistant(database, services(settings, time_limit_seconds=time_limit_seconds))
