"""The failures a `vaktbot` command reports, worded for the operator in the catalogs' language.

storage and SQLAlchemy raise English exceptions for developers and logs. The ones an
operator can fix (the encryption key, the database URL, the data folder, a file path)
become a message that names the problem and the fix. Anything else is logged
with an id, and the operator sees a short message that quotes it.
"""

from __future__ import annotations

import logging
import sys
import uuid
from collections.abc import Iterator
from contextlib import contextmanager

from sqlalchemy.engine import make_url
from sqlalchemy.exc import ArgumentError, NoSuchModuleError, OperationalError

from core.errors import OperatorError
from core.i18n import N_
from storage import database as storage_database
from storage.crypto import DecryptionError, KeyConfigurationError, KeyProblem
from storage.database import is_database_busy
from vaktbot.argparse_i18n import cli_translator

logger = logging.getLogger(__name__)

# Exit statuses: 1 for a failure of vaktbot itself, 2 for a set-up the operator must fix.
EXIT_UNEXPECTED = 1
EXIT_CONFIGURATION = 2
EXIT_INTERRUPTED = 130  # 128 + SIGINT, as shells report a Ctrl-C
EXIT_BROKEN_PIPE = 141  # 128 + SIGPIPE, as shells report a reader that closed the pipe

KEY_PROBLEM_MESSAGES = {
    KeyProblem.VARIABLE_MISSING: N_(
        "%(variable)s is not set. Set VAKTBOT_ENCRYPTION_KEYS and VAKTBOT_ACTIVE_KEY_ID to "
        "the two lines that «vaktbot key generate» prints."
    ),
    KeyProblem.ENTRY_WITHOUT_ID: N_(
        "VAKTBOT_ENCRYPTION_KEYS: the key «%(key)s» has no id. Write each key as "
        "id:base64key, separated by commas, for example k1:…"
    ),
    KeyProblem.DUPLICATE_KEY_ID: N_(
        "VAKTBOT_ENCRYPTION_KEYS lists the key id «%(key)s» twice. Give each key its own id."
    ),
    KeyProblem.NOT_BASE64: N_(
        "The encryption key «%(key)s» is not valid base64. Check that it was copied whole."
    ),
    KeyProblem.WRONG_KEY_LENGTH: N_(
        "The encryption key «%(key)s» is %(length)s bytes long, but AES-256 needs exactly 32 "
        "bytes. Check that it was copied whole."
    ),
    KeyProblem.NO_KEYS: N_(
        "VAKTBOT_ENCRYPTION_KEYS lists no key. Set it to the line that «vaktbot key generate» "
        "prints."
    ),
    KeyProblem.INVALID_KEY_ID: N_(
        "The key id «%(key)s» is invalid. Use 1–32 letters, digits, - or _, for example k1."
    ),
    KeyProblem.UNKNOWN_ACTIVE_KEY: N_(
        "VAKTBOT_ACTIVE_KEY_ID is «%(key)s», but VAKTBOT_ENCRYPTION_KEYS only has the keys "
        "%(known)s. Set it to one of them."
    ),
    KeyProblem.KEY_FILE_READABLE_BY_OTHERS: N_(
        "The key file %(path)s is readable by other users (mode %(mode)s). Run: chmod 600 %(path)s"
    ),
    KeyProblem.KEY_FILE_INVALID: N_(
        "The key file %(path)s is damaged: it is not JSON with active_key_id and keys. Restore "
        "it from your backup."
    ),
    KeyProblem.MIGRATION_WITHOUT_KEY: N_(
        "The database upgrade must encrypt the stored absences (%(count)s), but no encryption "
        "key is configured. Set VAKTBOT_ENCRYPTION_KEYS and VAKTBOT_ACTIVE_KEY_ID, or give "
        "--data the folder that holds vaktbot.key."
    ),
}
INVALID_URL = N_(
    "VAKTBOT_DATABASE_URL is not a valid database URL. Write for example "
    "postgresql://user@host/vaktbot, or remove the variable to use the SQLite file in the "
    "data folder."
)
UNSUPPORTED_DATABASE = N_(
    "The database %(url)s is not supported: vaktbot works with SQLite and PostgreSQL "
    "(postgresql://…)."
)
SQLITE_NOT_OPENED = N_(
    "Could not open the SQLite file %(path)s. Check that the folder exists and that you may "
    "write to it."
)
SQLITE_BUSY = N_(
    "The database is busy: another vaktbot process kept the SQLite file locked for more "
    "than %(seconds)s seconds, so nothing was changed. Run the command again in a moment."
)
DATABASE_NOT_REACHED = N_(
    "Could not connect to the database %(url)s. Check that the server is running and that "
    "the host, port, user and password are right."
)
DATABASE_FAILED = N_(
    "The database stopped answering in the middle of the command. Check the database server, "
    "then run the command again."
)
WRONG_KEY = N_(
    "The stored personal data cannot be decrypted with the configured encryption key. Use the "
    "key the data was stored with (VAKTBOT_ENCRYPTION_KEYS, or vaktbot.key in the data folder)."
)
FILE_FAILED = N_(
    "Could not read or write %(path)s. Check that it exists and that you have access to it."
)
UNEXPECTED = N_(
    "Something went wrong (error id %(id)s). The details are in the log above; quote the id "
    "when you report the error."
)
INTERRUPTED = N_("Stopped.")


class ConfigurationError(Exception):
    """The installation is not configured. The message, in the operator's language, has the fix."""


def describe_key_problem(error: KeyConfigurationError) -> str:
    """Return the operator's message for a key configuration that storage rejected."""
    return cli_translator().gettext(KEY_PROBLEM_MESSAGES[error.problem], **error.details)


def shown_url(url: str) -> str:
    """Return `url` with its password hidden, for messages and logs."""
    try:
        return make_url(url).render_as_string(hide_password=True)
    except ArgumentError:
        return "VAKTBOT_DATABASE_URL"


@contextmanager
def database_failures(url: str) -> Iterator[None]:
    """Turn a bad key, URL or unreachable database inside the block into a ConfigurationError."""
    translator = cli_translator()
    try:
        yield
    except KeyConfigurationError as error:
        raise ConfigurationError(describe_key_problem(error)) from error
    except NoSuchModuleError as error:
        raise ConfigurationError(
            translator.gettext(UNSUPPORTED_DATABASE, url=shown_url(url))
        ) from error
    except ArgumentError as error:
        raise ConfigurationError(translator.gettext(INVALID_URL)) from error
    except ImportError as error:
        # SQLAlchemy has the dialect, e.g. mysql://, but its driver is not installed.
        raise ConfigurationError(
            translator.gettext(UNSUPPORTED_DATABASE, url=shown_url(url))
        ) from error
    except OperationalError as error:
        raise ConfigurationError(_unreachable_message(url, error)) from error


def _unreachable_message(url: str, error: OperationalError) -> str:
    translator = cli_translator()
    parsed = make_url(url)
    if is_database_busy(error):
        return busy_message()
    if parsed.get_backend_name() == "sqlite":
        return translator.gettext(SQLITE_NOT_OPENED, path=parsed.database or url)
    return translator.gettext(DATABASE_NOT_REACHED, url=shown_url(url))


def busy_message() -> str:
    """Return the operator's message for a SQLite file that stayed locked."""
    translator = cli_translator()
    timeout = storage_database.SQLITE_BUSY_TIMEOUT_SECONDS
    seconds = translator.number(timeout, decimals=0 if float(timeout).is_integer() else 1)
    return translator.gettext(SQLITE_BUSY, seconds=seconds)


def report_failure(error: Exception, command: str) -> int:
    """Print the operator's message for an exception a command did not handle; return the status."""
    translator = cli_translator()
    status = EXIT_CONFIGURATION
    if isinstance(error, ConfigurationError):
        message = str(error)
    elif isinstance(error, OperatorError):
        message = error.render(translator)
    elif isinstance(error, KeyConfigurationError):
        message = describe_key_problem(error)
    elif isinstance(error, DecryptionError):
        message = translator.gettext(WRONG_KEY)
    elif isinstance(error, OSError) and error.filename is not None:
        message = translator.gettext(FILE_FAILED, path=error.filename)
    elif is_database_busy(error):
        message = busy_message()
    elif isinstance(error, OperationalError):
        message = translator.gettext(DATABASE_FAILED)
    else:
        error_id = uuid.uuid4().hex[:8]
        logger.exception("vaktbot %s failed, error id %s", command, error_id)
        message = translator.gettext(UNEXPECTED, id=error_id)
        status = EXIT_UNEXPECTED
    print_error(message)
    return status


def print_error(message: str) -> None:
    """Print `message` on standard error, after the program's name as other tools do."""
    print(f"vaktbot: {message}", file=sys.stderr)
