"""The `vaktbot` command speaks bokmål: help, argparse's own errors and set-up failures."""

from __future__ import annotations

import argparse
import gettext
import inspect
import json
from pathlib import Path

import pytest

from core.actions.rosters import REPEATABLE_SEARCH_TIME_LIMIT_SECONDS
from storage.crypto import encode_key, generate_key
from vaktbot.argparse_i18n import ARGPARSE_MESSAGES
from vaktbot.cli import DEMO_TIME_LIMIT_SECONDS, build_parser, main

# Words that only English help or error text contains.
ENGLISH_MARKERS = ("usage:", "error:", "options:", "show this help", "default", "the ", " of ")


def command_paths(
    parser: argparse.ArgumentParser, path: tuple[str, ...] = ()
) -> list[tuple[str, ...]]:
    """Return the argument list of every command and subcommand, the top level included."""
    paths = [path]
    for action in parser._actions:
        if isinstance(action, argparse._SubParsersAction):
            for name, subparser in action.choices.items():
                paths.extend(command_paths(subparser, (*path, name)))
    return paths


COMMANDS = command_paths(build_parser())


@pytest.mark.parametrize("command", COMMANDS, ids=lambda command: " ".join(command) or "vaktbot")
def test_help_is_norwegian(command: tuple[str, ...], capsys: pytest.CaptureFixture[str]) -> None:
    """Every command's --help is bokmål, argparse's headings included."""
    with pytest.raises(SystemExit) as stopped:
        main([*command, "--help"])

    shown = capsys.readouterr().out
    assert stopped.value.code == 0
    assert shown.startswith("bruk: vaktbot")
    assert "vis denne hjelpeteksten og avslutt" in shown
    assert [marker for marker in ENGLISH_MARKERS if marker in shown.casefold()] == []


def test_demo_help_names_time_limit_floor(capsys: pytest.CaptureFixture[str]) -> None:
    """`vaktbot demo --help` states that a --time-limit under 120 seconds is raised to 120."""
    with pytest.raises(SystemExit):
        main(["demo", "--help"])

    shown = " ".join(capsys.readouterr().out.split())
    assert DEMO_TIME_LIMIT_SECONDS == REPEATABLE_SEARCH_TIME_LIMIT_SECONDS
    assert "en verdi under 120 økes til 120" in shown


def test_command_list_reaches_subcommands() -> None:
    """The help test above reaches the deepest subcommands too, not only the top level."""
    assert ("bench", "curtois") in COMMANDS
    assert ("link", "remove", "user") in COMMANDS
    assert ("teams", "package") in COMMANDS


@pytest.mark.parametrize(
    ("arguments", "expected"),
    [
        ([], "vaktbot: feil: disse argumentene mangler: KOMMANDO"),
        (["tull"], "vaktbot: feil: argumentet KOMMANDO: ugyldig valg: 'tull' (velg blant "),
        (["unit", "show"], "vaktbot unit show: feil: disse argumentene mangler: NAVN"),
        (["parse", "hei", "på", "deg"], "vaktbot: feil: ukjente argumenter: på deg"),
        (["chat", "--as"], "vaktbot chat: feil: argumentet --as: ventet ett argument"),
        (
            ["link", "user", "discord", "T1", "U1", "--employee", "Kari"],
            "vaktbot link user: feil: argumentet PLATTFORM: ugyldig valg: 'discord' (velg blant "
            "'slack', 'teams')",
        ),
        (
            ["serve", "--port", "http"],
            "vaktbot serve: feil: argumentet --port: «http» er ikke et portnummer fra 0 til 65535",
        ),
        (
            ["serve", "--port", "-1"],
            "vaktbot serve: feil: argumentet --port: «-1» er ikke et portnummer fra 0 til 65535",
        ),
        (
            ["serve", "--port", "65536"],
            "vaktbot serve: feil: argumentet --port: «65536» er ikke et portnummer fra 0 til 65535",
        ),
        (
            ["--log-level", "støy", "parse", "hei"],
            "vaktbot: feil: argumentet --log-level: «støy» er ikke et loggnivå",
        ),
    ],
    ids=[
        "no-command",
        "unknown-command",
        "missing-name",
        "extra-words",
        "missing-value",
        "unknown-platform",
        "bad-port",
        "negative-port",
        "port-above-65535",
        "bad-log-level",
    ],
)
def test_argument_errors_are_norwegian(
    arguments: list[str], expected: str, capsys: pytest.CaptureFixture[str]
) -> None:
    """argparse's own errors come in bokmål after a bokmål usage line, with exit status 2."""
    errors = argument_error(arguments, capsys)

    assert errors.startswith("bruk: vaktbot")
    assert expected in errors


def argument_error(arguments: list[str], capsys: pytest.CaptureFixture[str]) -> str:
    """Run a command that argparse must stop with status 2; return its standard error."""
    with pytest.raises(SystemExit) as stopped:
        main(arguments)

    assert stopped.value.code == 2
    return capsys.readouterr().err


@pytest.mark.parametrize("command", COMMANDS, ids=lambda command: " ".join(command) or "vaktbot")
def test_unknown_option_is_named(
    command: tuple[str, ...], capsys: pytest.CaptureFixture[str]
) -> None:
    """Every command names an unknown option in bokmål, before a missing argument, with status 2."""
    errors = argument_error([*command, "--tullevalg"], capsys)

    assert errors.startswith("bruk: vaktbot")
    assert "feil: ukjent valg --tullevalg. Kommandoen har valgene --help" in errors
    assert "mangler" not in errors


@pytest.mark.parametrize(
    ("arguments", "expected"),
    [
        (
            ["export", "roster", "--outt", "x.csv"],
            "vaktbot export roster: feil: ukjent valg --outt. Mente du --out? Skriv for "
            "eksempel vaktbot export roster --out x.csv\n",
        ),
        (
            ["export", "gaps", "--unit", "3B", "--outt=hull.csv"],
            "vaktbot export gaps: feil: ukjent valg --outt. Mente du --out? Skriv for "
            "eksempel vaktbot export gaps --unit 3B --out=hull.csv\n",
        ),
        (
            ["demo", "--tme", "200"],
            "vaktbot demo: feil: ukjent valg --tme. Mente du --time-limit? Skriv for "
            "eksempel vaktbot demo --time-limit 200\n",
        ),
        (
            ["teams", "package", "--app_id", "x"],
            "vaktbot teams package: feil: ukjent valg --app_id. Mente du --app-id? Skriv for "
            "eksempel vaktbot teams package --app-id x\n",
        ),
        (
            ["--log-levle", "INFO", "serve"],
            "vaktbot: feil: ukjent valg --log-levle. Mente du --log-level? Skriv for "
            "eksempel vaktbot --log-level INFO serve\n",
        ),
    ],
    ids=["missing-out", "option-with-value", "short-mistyped", "underscore", "top-level"],
)
def test_unknown_option_suggests_nearest(
    arguments: list[str], expected: str, capsys: pytest.CaptureFixture[str]
) -> None:
    """A mistyped option gets the nearest option of its command and the corrected command."""
    errors = argument_error(arguments, capsys)

    assert errors.endswith(expected)


@pytest.mark.parametrize(
    "arguments",
    [
        ["serve", "--port", "-1"],
        ["export", "roster", "--unit", "3B", "--ou", "x.csv", "--period", "tull"],
        ["parse", "hei", "--", "--tull"],
    ],
    ids=["negative-number", "abbreviation", "after-double-dash"],
)
def test_values_are_not_unknown_options(
    arguments: list[str], capsys: pytest.CaptureFixture[str]
) -> None:
    """A negative number, an option written short and anything after «--» are no unknown option."""
    errors = argument_error(arguments, capsys)

    assert "ukjent valg" not in errors


@pytest.mark.parametrize("port", ["0", "1", "65535"])
def test_serve_port_accepts_0_to_65535(port: str) -> None:
    """`vaktbot serve --port` takes 0, which lets the system pick a free port, up to 65535."""
    options = build_parser().parse_args(["serve", "--port", port])

    assert options.port == int(port)


def test_argparse_texts_are_restored(capsys: pytest.CaptureFixture[str]) -> None:
    """After a command, other parsers in the process write argparse's English texts again."""
    with pytest.raises(SystemExit):
        main(["tull"])
    capsys.readouterr()

    assert argparse._ is gettext.gettext  # type: ignore[attr-defined]
    assert argparse.ArgumentParser(prog="other").format_usage() == "usage: other [-h]\n"


def test_argparse_messages_exist_in_argparse() -> None:
    """Each translated argparse text is spelt as in this Python's argparse, or it is never used."""
    source = inspect.getsource(argparse)

    missing = [
        message
        for message in ARGPARSE_MESSAGES
        if repr(message) not in source and f'"{message}"' not in source
    ]

    assert missing == []


@pytest.fixture
def keys(monkeypatch: pytest.MonkeyPatch) -> str:
    """Configure one valid key in the environment; return its encoded form."""
    key = encode_key(generate_key())
    monkeypatch.setenv("VAKTBOT_ENCRYPTION_KEYS", f"k1:{key}")
    monkeypatch.setenv("VAKTBOT_ACTIVE_KEY_ID", "k1")
    monkeypatch.delenv("VAKTBOT_DATABASE_URL", raising=False)
    return key


def run_failing(arguments: list[str], capsys: pytest.CaptureFixture[str]) -> str:
    """Run a command that must fail with status 2; return its standard error."""
    exit_code = main(arguments)

    errors = capsys.readouterr().err
    assert exit_code == 2
    assert "Traceback" not in errors
    return errors


def test_missing_key_is_explained(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    """A data folder without a key names both ways to give one, in bokmål."""
    monkeypatch.delenv("VAKTBOT_ENCRYPTION_KEYS", raising=False)

    errors = run_failing(
        ["unit", "create", "Post 1", "--organisation", "Nordvik HF", "--data", str(tmp_path)],
        capsys,
    )

    assert errors.startswith(
        "vaktbot: Ingen krypteringsnøkkel. Sett VAKTBOT_ENCRYPTION_KEYS og "
        "VAKTBOT_ACTIVE_KEY_ID til de to linjene som «vaktbot key "
        "generate» skriver ut"
    )
    assert f"«vaktbot demo --out {tmp_path}» lager en demodatabase" in errors


@pytest.mark.parametrize(
    ("environment", "expected"),
    [
        ({"VAKTBOT_ENCRYPTION_KEYS": "k1:abc$"}, "Krypteringsnøkkelen «k1» er ikke gyldig base64."),
        (
            {"VAKTBOT_ENCRYPTION_KEYS": "k1:" + encode_key(b"short")},
            "Krypteringsnøkkelen «k1» er 5 byte lang, men AES-256 trenger nøyaktig 32 byte.",
        ),
        ({"VAKTBOT_ACTIVE_KEY_ID": ""}, "VAKTBOT_ACTIVE_KEY_ID er ikke satt."),
        (
            {"VAKTBOT_ACTIVE_KEY_ID": "k2"},
            "VAKTBOT_ACTIVE_KEY_ID er «k2», men VAKTBOT_ENCRYPTION_KEYS har bare nøklene k1.",
        ),
    ],
    ids=["not-base64", "short-key", "no-active-key", "unknown-active-key"],
)
def test_bad_key_settings_are_explained(
    keys: str,
    environment: dict[str, str],
    expected: str,
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
    capsys: pytest.CaptureFixture[str],
) -> None:
    """Each wrong key setting gets its own bokmål message instead of a traceback."""
    for name, value in environment.items():
        monkeypatch.setenv(name, value)

    errors = run_failing(["unit", "show", "Post 1", "--data", str(tmp_path)], capsys)

    assert errors.startswith(f"vaktbot: {expected}")


def test_open_key_file_is_refused(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    """A key file that others may read is refused with the chmod command that fixes it."""
    monkeypatch.delenv("VAKTBOT_ENCRYPTION_KEYS", raising=False)
    key_file = tmp_path / "vaktbot.key"
    key_file.write_text(
        json.dumps({"active_key_id": "k1", "keys": {"k1": encode_key(generate_key())}}),
        encoding="utf-8",
    )
    key_file.chmod(0o644)

    errors = run_failing(["unit", "show", "Post 1", "--data", str(tmp_path)], capsys)

    assert errors == (
        f"vaktbot: Nøkkelfilen {key_file} kan leses av andre brukere (modus "
        f"0644). Kjør: chmod 600 {key_file}\n"
    )


def test_wrong_key_for_stored_data_is_explained(
    keys: str,
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
    capsys: pytest.CaptureFixture[str],
) -> None:
    """Stored names that the configured key cannot decrypt are explained, not a traceback."""
    staff = tmp_path / "ansatte.csv"
    staff.write_text(
        "navn;stillingsprosent;stilling;kompetanse\nNina Nilsen;80;sykepleier;\n", encoding="utf-8"
    )
    data = ["--data", str(tmp_path)]
    main(["unit", "create", "Post 1", "--organisation", "Nordvik HF", *data])
    main(["import", "employees", str(staff), "--unit", "Post 1", *data])
    capsys.readouterr()
    monkeypatch.setenv("VAKTBOT_ENCRYPTION_KEYS", f"k1:{encode_key(generate_key())}")

    errors = run_failing(["chat", "--as", "Nina Nilsen", *data], capsys)

    assert errors.startswith(
        "vaktbot: De lagrede persondataene kan ikke dekrypteres med "
        "krypteringsnøkkelen som er satt opp."
    )


@pytest.mark.parametrize(
    ("url", "expected"),
    [
        ("ikke en url", "VAKTBOT_DATABASE_URL er ikke en gyldig database-URL."),
        (
            "mysql://vakt@127.0.0.1/vaktbot",
            "Databasen mysql://vakt@127.0.0.1/vaktbot støttes ikke: vaktbot virker med SQLite og "
            "PostgreSQL",
        ),
        (
            "postgresql://vakt:hemmelig@127.0.0.1:1/vaktbot",
            "Fikk ikke kontakt med databasen postgresql://vakt:***@127.0.0.1:1/vaktbot. Sjekk at "
            "serveren kjører",
        ),
    ],
    ids=["not-a-url", "unsupported", "unreachable"],
)
@pytest.mark.parametrize(
    "command", [["unit", "show", "Post 1"], ["db", "upgrade"]], ids=["unit-show", "db-upgrade"]
)
def test_bad_database_url_is_explained(
    keys: str,
    url: str,
    expected: str,
    command: list[str],
    monkeypatch: pytest.MonkeyPatch,
    capsys: pytest.CaptureFixture[str],
) -> None:
    """A wrong VAKTBOT_DATABASE_URL is named in bokmål, with any password hidden."""
    monkeypatch.setenv("VAKTBOT_DATABASE_URL", url)

    errors = run_failing(command, capsys)

    assert errors.startswith(f"vaktbot: {expected}")
    assert "hemmelig" not in errors


def test_missing_data_folder_is_explained(
    keys: str, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """A data folder that does not exist is named, and nothing is created."""
    folder = tmp_path / "finnes-ikke"

    errors = run_failing(["unit", "show", "Post 1", "--data", str(folder)], capsys)

    assert errors == (
        f"vaktbot: Datamappen {folder} finnes ikke. Gi --data mappen som har vaktbot.db og "
        "vaktbot.key.\n"
    )
    assert not folder.exists()


def test_db_upgrade_reports_in_norwegian(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    """`db upgrade` confirms in bokmål, and says so when it cannot create the data folder."""
    monkeypatch.delenv("VAKTBOT_ENCRYPTION_KEYS", raising=False)
    monkeypatch.delenv("VAKTBOT_DATABASE_URL", raising=False)
    blocker = tmp_path / "fil"
    blocker.write_text("", encoding="utf-8")

    upgraded = main(["db", "upgrade", "--data", str(tmp_path / "ny")])
    printed = capsys.readouterr().out
    errors = run_failing(["db", "upgrade", "--data", str(blocker / "ny")], capsys)

    assert upgraded == 0
    assert printed == (
        f"Databaseskjemaet er oppdatert (sqlite:///{tmp_path / 'ny' / 'vaktbot.db'}).\n"
    )
    assert errors == (
        f"vaktbot: Kunne ikke lage datamappen {blocker / 'ny'}. Sjekk stien, og at "
        "du har skrivetilgang der.\n"
    )


@pytest.mark.parametrize(
    ("arguments", "expected"),
    [
        (["parse"], 'vaktbot: Skriv en melding, for eksempel vaktbot parse "Jeg er syk i dag"'),
        (
            ["parse", "--now", "i går", "hei"],
            "vaktbot: --now «i går» er ikke et tidspunkt; skriv for eksempel 2027-01-06T09:00.",
        ),
        (
            ["key", "generate", "--id", "k 2"],
            "vaktbot: Nøkkel-id-en «k 2» er ugyldig; bruk bokstaver og sifre, for eksempel k2.",
        ),
        (
            ["demo", "--today", "i morgen"],
            "vaktbot: --today «i morgen» er ikke en dato; skriv for eksempel 2027-01-06.",
        ),
        (
            ["demo", "--time-limit", "5000"],
            "vaktbot: --time-limit må være fra 1 til 3600 sekunder; skriv for eksempel 120.",
        ),
    ],
    ids=[
        "parse-without-text",
        "parse-bad-now",
        "bad-key-id",
        "demo-bad-today",
        "demo-long-time-limit",
    ],
)
def test_command_errors_are_norwegian(
    arguments: list[str], expected: str, capsys: pytest.CaptureFixture[str]
) -> None:
    """The commands' own checks answer in bokmål with an example, and exit with status 2."""
    errors = run_failing(arguments, capsys)

    assert errors.startswith(expected)


def test_unexpected_error_quotes_an_id(
    monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    """A bug inside a command shows a short bokmål message with an error id, and exits 1."""

    def broken(_arguments: argparse.Namespace) -> int:
        raise RuntimeError("a bug")

    monkeypatch.setattr("vaktbot.commands.run_key_generate", broken)

    exit_code = main(["key", "generate"])

    errors = capsys.readouterr().err
    assert exit_code == 1
    assert errors.startswith("vaktbot: Noe gikk galt (feil-id ")
    assert "oppgi id-en når du melder fra om feilen" in errors
