"""`vaktbot link` and `vaktbot serve` as an administrator uses them."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest

from bots import server
from storage.crypto import load_or_create_key_file
from storage.database import Database
from vaktbot.cli import main
from vaktbot.demo import ORGANISATION, fresh_database, seed_ward


@pytest.fixture
def data_folder(tmp_path: Path) -> Path:
    """A data folder with the demo ward's database and key."""
    database = fresh_database(tmp_path)
    seed_ward(database, dt.date(2027, 1, 6))
    database.dispose()
    return tmp_path


def open_data(folder: Path) -> Database:
    return Database(f"sqlite:///{folder / 'vaktbot.db'}",
                    load_or_create_key_file(folder / "vaktbot.key"))


def test_link_workspace_and_user(data_folder: Path, capsys: pytest.CaptureFixture[str]) -> None:
    """The admin maps the Slack team to the organisation, then links Kari's Slack user."""
    workspace_code = main(["link", "workspace", "slack", "T0FJORD", "--organisation",
                           ORGANISATION, "--link-by-email", "yes", "--data", str(data_folder)])
    user_code = main(["link", "user", "slack", "T0FJORD", "U0KARI", "--employee",
                      "Kari Nordmann", "--data", str(data_folder)])

    printed = capsys.readouterr().out.splitlines()
    assert (workspace_code, user_code) == (0, 0)
    assert printed == [
        f"Koblet slack-arbeidsområdet T0FJORD til {ORGANISATION}.",
        "Koblet slack-brukeren U0KARI til Kari Nordmann.",
    ]
    database = open_data(data_folder)
    with database.store() as store:
        organisation = store.workspaces.organisation_of("slack", "T0FJORD")
        employee = store.identities.find_employee("slack", "T0FJORD", "U0KARI")
    database.dispose()
    assert organisation is not None and organisation.link_by_email is True
    assert employee is not None and employee.name == "Kari Nordmann"


def test_link_user_before_workspace_fails(data_folder: Path,
                                          capsys: pytest.CaptureFixture[str]) -> None:
    """Linking a user of an unmapped workspace fails with what to do first."""
    exit_code = main(["link", "user", "slack", "T0UKJENT", "U0KARI", "--employee",
                      "Kari Nordmann", "--data", str(data_folder)])

    assert exit_code == 2
    assert "Koble arbeidsområdet først." in capsys.readouterr().err


def test_link_unknown_employee_fails(data_folder: Path,
                                     capsys: pytest.CaptureFixture[str]) -> None:
    """A name nobody in the organisation has is reported with the name."""
    main(["link", "workspace", "slack", "T0FJORD", "--organisation", ORGANISATION,
          "--data", str(data_folder)])

    exit_code = main(["link", "user", "slack", "T0FJORD", "U0X", "--employee", "Kåre Ukjent",
                      "--data", str(data_folder)])

    assert exit_code == 2
    assert "ingen aktiv ansatt som heter «Kåre Ukjent»" in capsys.readouterr().err


def test_serve_without_platform_fails(data_folder: Path, monkeypatch: pytest.MonkeyPatch,
                                      capsys: pytest.CaptureFixture[str]) -> None:
    """`vaktbot serve` with no chat platform configured exits with what to set."""
    for name in ("SLACK_SIGNING_SECRET", "SLACK_BOT_TOKEN", "SLACK_CLIENT_ID",
                 "SLACK_CLIENT_SECRET", "SLACK_REDIRECT_URI", "SLACK_API_URL"):
        monkeypatch.delenv(name, raising=False)
    # Only Slack: other platforms' variables may be set on the machine running the tests.
    monkeypatch.setattr(server, "PLATFORM_FACTORIES", [server.slack_from_environment])

    exit_code = main(["serve", "--data", str(data_folder)])

    assert exit_code == 2
    assert "no chat platform is configured" in capsys.readouterr().err


def test_serve_with_half_slack_settings_fails(data_folder: Path,
                                              monkeypatch: pytest.MonkeyPatch,
                                              capsys: pytest.CaptureFixture[str]) -> None:
    """A bot token without the signing secret is refused before the server starts."""
    monkeypatch.delenv("SLACK_SIGNING_SECRET", raising=False)
    monkeypatch.setenv("SLACK_BOT_TOKEN", "xoxb-test")

    exit_code = main(["serve", "--data", str(data_folder)])

    assert exit_code == 2
    assert "SLACK_SIGNING_SECRET is missing" in capsys.readouterr().err
