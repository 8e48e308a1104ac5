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
    return Database(
        f"sqlite:///{folder / 'vaktbot.db'}", load_or_create_key_file(folder / "vaktbot.key")
    )


def test_link_workspace_and_user(data_folder: Path, capsys: pytest.CaptureFixture[str]) -> None:
    """The admin maps the Slack team to the organisation, then links Kari's Slack user."""
    workspace_code = main(
        [
            "link",
            "workspace",
            "slack",
            "T0FJORD",
            "--organisation",
            ORGANISATION,
            "--link-by-email",
            "yes",
            "--data",
            str(data_folder),
        ]
    )
    user_code = main(
        [
            "link",
            "user",
            "slack",
            "T0FJORD",
            "U0KARI",
            "--employee",
            "Kari Nordmann",
            "--data",
            str(data_folder),
        ]
    )

    printed = capsys.readouterr().out.splitlines()
    assert (workspace_code, user_code) == (0, 0)
    assert printed == [
        f"Koblet Slack-arbeidsområdet T0FJORD til {ORGANISATION}.",
        f"Kobling via e-post er slått på for {ORGANISATION}. En chatbruker som plattformen "
        "har bekreftet e-postadressen til, blir koblet til den ansatte med den adressen ved "
        "første melding.",
        "Koblet Slack-brukeren U0KARI til Kari Nordmann.",
    ]
    database = open_data(data_folder)
    with database.store() as store:
        organisation = store.workspaces.organisation_of("slack", "T0FJORD")
        employee = store.identities.find_employee("slack", "T0FJORD", "U0KARI")
    database.dispose()
    assert organisation is not None and organisation.link_by_email is True
    assert employee is not None and employee.name == "Kari Nordmann"


def test_link_user_before_workspace_fails(
    data_folder: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """Linking a user of an unmapped workspace fails with what to do first."""
    exit_code = main(
        [
            "link",
            "user",
            "slack",
            "T0UKJENT",
            "U0KARI",
            "--employee",
            "Kari Nordmann",
            "--data",
            str(data_folder),
        ]
    )

    assert exit_code == 2
    assert capsys.readouterr().err == (
        "vaktbot: Slack-arbeidsområdet T0UKJENT er ikke koblet til en organisasjon ennå. "
        "Koble det først med «vaktbot link workspace slack T0UKJENT --organisation NAVN».\n"
    )


def test_link_unknown_employee_fails(data_folder: Path, capsys: pytest.CaptureFixture[str]) -> None:
    """A name nobody in the organisation has is reported with the name."""
    main(
        [
            "link",
            "workspace",
            "slack",
            "T0FJORD",
            "--organisation",
            ORGANISATION,
            "--data",
            str(data_folder),
        ]
    )

    exit_code = main(
        [
            "link",
            "user",
            "slack",
            "T0FJORD",
            "U0X",
            "--employee",
            "Kåre Ukjent",
            "--data",
            str(data_folder),
        ]
    )

    assert exit_code == 2
    assert capsys.readouterr().err == (
        f"vaktbot: {ORGANISATION} har ingen aktiv ansatt som heter «Kåre Ukjent», og ingen "
        "navn ligner. Sjekk skrivemåten, eller importer den ansatte først.\n"
    )


TENANT = "7e3f9a20-51c4-4b6d-8a1e-2c9d0f4b6e85"
OBJECT_ID = "0b1c2d3e-0000-4000-8000-00000000c0a1"


def link(data_folder: Path, *arguments: str) -> int:
    return main(["link", *arguments, "--data", str(data_folder)])


def link_kari(data_folder: Path) -> None:
    """Map the Slack team T0FJORD to the demo organisation and link U0KARI to Kari."""
    assert link(data_folder, "workspace", "slack", "T0FJORD", "--organisation", ORGANISATION) == 0
    assert (
        link(data_folder, "user", "slack", "T0FJORD", "U0KARI", "--employee", "Kari Nordmann") == 0
    )


def linked_name(data_folder: Path, platform: str, workspace: str, user: str) -> str | None:
    database = open_data(data_folder)
    with database.store() as store:
        employee = store.identities.find_employee(platform, workspace, user)
    database.dispose()
    return employee.name if employee is not None else None


@pytest.mark.parametrize(
    ("arguments", "expected"),
    [
        pytest.param(
            ("workspace", "slack", "", "--organisation", ORGANISATION),
            "Arbeidsområde-ID-en er tom.",
            id="empty-workspace",
        ),
        pytest.param(
            ("workspace", "slack", "   ", "--organisation", ORGANISATION),
            "Arbeidsområde-ID-en er tom.",
            id="blank-workspace",
        ),
        pytest.param(
            ("workspace", "slack", "T0 FJORD", "--organisation", ORGANISATION),
            "«T0 FJORD» er ikke en ID for et Slack-arbeidsområde.",
            id="space",
        ),
        pytest.param(
            ("workspace", "slack", "T0FJORD;DROP", "--organisation", ORGANISATION),
            "«T0FJORD;DROP» er ikke en ID for et Slack-arbeidsområde.",
            id="semicolon",
        ),
        pytest.param(
            ("workspace", "slack", "U0KARI", "--organisation", ORGANISATION),
            "«U0KARI» er ikke en ID for et Slack-arbeidsområde.",
            id="user-as-team",
        ),
        pytest.param(
            ("workspace", "teams", "fjordheim", "--organisation", ORGANISATION),
            "«fjordheim» er ikke en ID for en Teams-tenant.",
            id="tenant-not-guid",
        ),
        pytest.param(
            ("user", "slack", "T0FJORD", "", "--employee", "Kari Nordmann"),
            "Bruker-ID-en er tom.",
            id="empty-user",
        ),
        pytest.param(
            ("user", "slack", "T0FJORD", "U0 KARI", "--employee", "Kari Nordmann"),
            "«U0 KARI» er ikke en Slack-bruker-ID.",
            id="user-with-space",
        ),
        pytest.param(
            ("user", "slack", "T0FJORD", "u0kari", "--employee", "Kari Nordmann"),
            "«u0kari» er ikke en Slack-bruker-ID.",
            id="lower-case-user",
        ),
        pytest.param(
            ("user", "teams", TENANT, "Kari", "--employee", "Kari Nordmann"),
            "«Kari» er ikke en Teams-bruker-ID.",
            id="object-id-not-guid",
        ),
    ],
)
def test_link_rejects_invalid_ids(
    data_folder: Path, capsys: pytest.CaptureFixture[str], arguments: tuple[str, ...], expected: str
) -> None:
    """Empty ids, ids with spaces or «;» and ids of the wrong form exit 2 and store nothing."""
    exit_code = link(data_folder, *arguments)

    assert exit_code == 2
    assert expected in capsys.readouterr().err
    database = open_data(data_folder)
    with database.store() as store:
        assert store.workspaces.find("slack", "T0FJORD") is None
        assert store.audit.list("chat_workspace") == []
        assert store.audit.list("chat_identity") == []
    database.dispose()


def test_link_teams_ids_in_lower_case(
    data_folder: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """Teams GUIDs given in capitals are stored in lower case, as Teams sends them."""
    workspace_code = link(
        data_folder, "workspace", "teams", TENANT.upper(), "--organisation", ORGANISATION
    )
    user_code = link(
        data_folder,
        "user",
        "teams",
        TENANT.upper(),
        f" {OBJECT_ID.upper()} ",
        "--employee",
        "Kari Nordmann",
    )

    assert (workspace_code, user_code) == (0, 0)
    assert capsys.readouterr().out.splitlines() == [
        f"Koblet Teams-tenanten {TENANT} til {ORGANISATION}.",
        f"Koblet Teams-brukeren {OBJECT_ID} til Kari Nordmann.",
    ]
    assert linked_name(data_folder, "teams", TENANT, OBJECT_ID) == "Kari Nordmann"


def test_link_moving_user_needs_replace(
    data_folder: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """A user linked to Kari is not moved to Ola without --replace; the error says how."""
    link_kari(data_folder)
    capsys.readouterr()

    exit_code = link(
        data_folder, "user", "slack", "T0FJORD", "U0KARI", "--employee", "Ola Nordmann"
    )

    assert exit_code == 2
    assert capsys.readouterr().err == (
        "vaktbot: Slack-brukeren U0KARI er allerede koblet til Kari Nordmann. For å koble "
        "den til Ola Nordmann i stedet, kjør kommandoen igjen med --replace, eller fjern "
        "koblingen først med «vaktbot link remove user slack T0FJORD U0KARI».\n"
    )
    assert linked_name(data_folder, "slack", "T0FJORD", "U0KARI") == "Kari Nordmann"


def test_link_replace_moves_user(data_folder: Path, capsys: pytest.CaptureFixture[str]) -> None:
    """With --replace the link moves to Ola, and the audit log keeps Kari's id."""
    link_kari(data_folder)

    exit_code = link(
        data_folder, "user", "slack", "T0FJORD", "U0KARI", "--employee", "Ola Nordmann", "--replace"
    )

    assert exit_code == 0
    assert capsys.readouterr().out.splitlines()[-1] == (
        "Koblet Slack-brukeren U0KARI til Ola Nordmann."
    )
    assert linked_name(data_folder, "slack", "T0FJORD", "U0KARI") == "Ola Nordmann"
    database = open_data(data_folder)
    with database.store() as store:
        kari = store.employees.find_by_name(
            store.organisations.list_units()[0].id, "Kari Nordmann"
        )[0]
        moved = store.audit.list("chat_identity")[-1]
    database.dispose()
    assert moved.action == "link"
    assert moved.details["previous_employee_id"] == kari.id


def test_link_same_employee_again(data_folder: Path) -> None:
    """Linking a user to the employee it is already linked to succeeds and changes nothing."""
    link_kari(data_folder)

    exit_code = link(
        data_folder, "user", "slack", "T0FJORD", "U0KARI", "--employee", "kari nordmann"
    )

    assert exit_code == 0
    assert linked_name(data_folder, "slack", "T0FJORD", "U0KARI") == "Kari Nordmann"


def test_link_remove_user(data_folder: Path, capsys: pytest.CaptureFixture[str]) -> None:
    """`link remove user` undoes a link, says whose it was, and is audited."""
    link_kari(data_folder)
    capsys.readouterr()

    exit_code = link(data_folder, "remove", "user", "slack", "T0FJORD", "U0KARI")

    assert exit_code == 0
    assert capsys.readouterr().out == (
        "Fjernet koblingen fra Slack-brukeren U0KARI til Kari Nordmann.\n"
    )
    assert linked_name(data_folder, "slack", "T0FJORD", "U0KARI") is None
    database = open_data(data_folder)
    with database.store() as store:
        removed = store.audit.list("chat_identity")[-1]
    database.dispose()
    assert removed.action == "unlink"


def test_link_remove_unlinked_user_fails(
    data_folder: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """Removing a link that does not exist exits 2 and says so."""
    link_kari(data_folder)
    capsys.readouterr()

    exit_code = link(data_folder, "remove", "user", "slack", "T0FJORD", "U0OLA")

    assert exit_code == 2
    assert capsys.readouterr().err == (
        "vaktbot: Slack-brukeren U0OLA i T0FJORD er ikke koblet til noen, så det er ingen "
        "kobling å fjerne.\n"
    )


def test_link_moving_workspace_needs_replace(
    data_folder: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """A workspace mapped to one organisation is not moved to another without --replace."""
    from core.units import Organisation, Unit

    link_kari(data_folder)
    database = open_data(data_folder)
    with database.store() as store:
        other = store.organisations.add_organisation(
            Organisation(0, "Annen kommune"), actor_id=None
        )
        store.organisations.add_unit(Unit(0, other.id, "Annet sykehjem"), actor_id=None)
    database.dispose()
    capsys.readouterr()

    refused = link(data_folder, "workspace", "slack", "T0FJORD", "--organisation", "Annen kommune")
    error = capsys.readouterr().err
    moved = link(
        data_folder, "workspace", "slack", "T0FJORD", "--organisation", "Annen kommune", "--replace"
    )

    assert (refused, moved) == (2, 0)
    assert error == (
        f"vaktbot: Slack-arbeidsområdet T0FJORD er allerede koblet til {ORGANISATION}. "
        "For å flytte det til Annen kommune, kjør kommandoen igjen med --replace.\n"
    )


def test_link_unknown_organisation_lists_known(
    data_folder: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """A misspelt organisation is reported with the organisations that exist."""
    exit_code = link(data_folder, "workspace", "slack", "T0FJORD", "--organisation", "Fjordheim")

    assert exit_code == 2
    assert capsys.readouterr().err == (
        f"vaktbot: Ingen organisasjon heter «Fjordheim». Kjente organisasjoner: «{ORGANISATION}».\n"
    )


@pytest.mark.parametrize(
    ("written", "expected"),
    [
        pytest.param("Kari Nordman", "«Kari Nordmann»", id="misspelt"),
        pytest.param("Nordmann", "«Kari Nordmann», «Ola Nordmann»", id="surname"),
    ],
)
def test_link_unknown_employee_suggests_names(
    data_folder: Path, capsys: pytest.CaptureFixture[str], written: str, expected: str
) -> None:
    """A name nobody has is reported with the closest employee names."""
    link(data_folder, "workspace", "slack", "T0FJORD", "--organisation", ORGANISATION)
    capsys.readouterr()

    exit_code = link(data_folder, "user", "slack", "T0FJORD", "U0KARI", "--employee", written)

    assert exit_code == 2
    assert capsys.readouterr().err == (
        f"vaktbot: {ORGANISATION} har ingen aktiv ansatt som heter «{written}». De nærmeste "
        f"navnene er: {expected}.\n"
    )


@pytest.mark.parametrize(
    ("platform", "workspace", "setting", "expected"),
    [
        pytest.param(
            "slack",
            "T0FJORD",
            "no",
            [
                f"Koblet Slack-arbeidsområdet T0FJORD til {ORGANISATION}.",
                f"Kobling via e-post er slått av for {ORGANISATION}. Koble hver "
                "chatbruker med «vaktbot link user».",
            ],
            id="slack-off",
        ),
        pytest.param(
            "teams",
            TENANT,
            "yes",
            [
                f"Koblet Teams-tenanten {TENANT} til {ORGANISATION}.",
                f"Kobling via e-post er slått på for {ORGANISATION}. En chatbruker som "
                "plattformen har bekreftet e-postadressen til, blir koblet til den "
                "ansatte med den adressen ved første melding.",
                "vaktbot henter adressen til en Teams-bruker fra Microsoft "
                "Entra-kontoen når brukeren installerer appen eller skriver sin første "
                "melding. En bruker med en adresse som ingen aktiv ansatt har, eller som "
                "flere har, kobles fortsatt med «vaktbot link user teams».",
            ],
            id="teams-on",
        ),
    ],
)
def test_link_confirms_email_setting(
    data_folder: Path,
    capsys: pytest.CaptureFixture[str],
    platform: str,
    workspace: str,
    setting: str,
    expected: list[str],
) -> None:
    """--link-by-email is confirmed, with what it means for the platform."""
    exit_code = link(
        data_folder,
        "workspace",
        platform,
        workspace,
        "--organisation",
        ORGANISATION,
        "--link-by-email",
        setting,
    )

    assert exit_code == 0
    assert capsys.readouterr().out.splitlines() == expected


def test_serve_without_platform_fails(
    data_folder: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    """`vaktbot serve` with no chat platform configured exits with what to set."""
    for name in (
        "SLACK_SIGNING_SECRET",
        "SLACK_BOT_TOKEN",
        "SLACK_CLIENT_ID",
        "SLACK_CLIENT_SECRET",
        "SLACK_REDIRECT_URI",
        "SLACK_API_URL",
    ):
        monkeypatch.delenv(name, raising=False)
    # Only Slack: other platforms' variables may be set on the machine running the tests.
    monkeypatch.setattr(server, "PLATFORM_FACTORIES", [server.slack_from_environment])

    exit_code = main(["serve", "--data", str(data_folder)])

    assert exit_code == 2
    assert capsys.readouterr().err.startswith(
        "vaktbot: Ingen chatplattform er satt opp. Sett SLACK_SIGNING_SECRET og SLACK_BOT_TOKEN"
    )


def test_serve_with_half_slack_settings_fails(
    data_folder: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    """A bot token without the signing secret is refused before the server starts."""
    monkeypatch.delenv("SLACK_SIGNING_SECRET", raising=False)
    monkeypatch.setenv("SLACK_BOT_TOKEN", "xoxb-test")

    exit_code = main(["serve", "--data", str(data_folder)])

    assert exit_code == 2
    assert capsys.readouterr().err == (
        "vaktbot: Slack: SLACK_SIGNING_SECRET mangler: kopier den fra siden Basic Information "
        "for appen.\n"
    )
