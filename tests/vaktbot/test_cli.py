"""The `vaktbot` command line: parse, import, export, chat, and clear errors."""

from __future__ import annotations

import datetime as dt
import io
import json
from pathlib import Path

import pytest

from core.i18n import Translator
from vaktbot.app import DATABASE_FILE
from vaktbot.cli import main
from vaktbot.demo import DEMO_MARKER_FILE, UNIT, describe_rerun, fresh_database, seed_ward
from vaktbot.export_commands import MISSING_OUT_FOLDER, NO_ROSTER_TO_EXPORT

HEADER = "navn;stillingsprosent;stilling;kompetanse\n"


@pytest.fixture
def data_folder(tmp_path: Path) -> Path:
    """A data folder with the demo ward's database and key, but no roster yet."""
    import datetime as dt

    database = fresh_database(tmp_path)
    seed_ward(database, dt.date(2027, 1, 6))
    database.dispose()
    return tmp_path


def test_parse_prints_the_contract_json(capsys: pytest.CaptureFixture[str]) -> None:
    """`vaktbot parse` prints the command as one JSON object."""
    exit_code = main(["parse", "--now", "2026-11-18T09:00", "Jeg er syk i dag"])

    printed = json.loads(capsys.readouterr().out)
    assert exit_code == 0
    assert printed["intent"] == "register_absence"
    assert printed["dates"] == [["2026-11-18", "2026-11-18"]]


def test_parse_jsonl_keeps_order_and_survives_bad_lines(
    capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    """Each input line gets one output line with its id; a broken line gets a marked one."""
    lines = '{"id": "a", "text": "Hjelp"}\nnot json\n{"id": "b", "text": "Avslå 4"}\n'
    monkeypatch.setattr("sys.stdin", io.StringIO(lines))

    main(["parse", "--now", "2026-11-18T09:00", "--jsonl"])

    printed = [json.loads(line) for line in capsys.readouterr().out.splitlines()]
    assert [item["id"] for item in printed] == ["a", None, "b"]
    assert [item["intent"] for item in printed] == ["help", "unknown", "reject_request"]


def test_parse_jsonl_line_without_text_keeps_id(
    capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    """A line without «text» keeps its id in the output and is named in Norwegian."""
    monkeypatch.setattr("sys.stdin", io.StringIO('{"id": "a", "text": "Hjelp"}\n{"id": "b"}\n'))

    main(["parse", "--now", "2026-11-18T09:00", "--jsonl"])

    captured = capsys.readouterr()
    printed = [json.loads(line) for line in captured.out.splitlines()]
    assert printed[1] == {"id": "b", "intent": "unknown", "error": "invalid line"}
    assert "Linje 2 i inndataene er ikke et JSON-objekt med feltet «text»" in captured.err


def test_parse_jsonl_rejects_unknown_language(
    capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    """A line with a «lang» other than nb, nn or en gets an error result and a message."""
    lines = (
        '{"id": "a", "text": "Jeg er syk i dag", "lang": "de"}\n'
        '{"id": "b", "text": "I am sick today", "lang": "en"}\n'
        '{"id": "c", "text": "Jeg er syk i dag", "lang": null}\n'
    )
    monkeypatch.setattr("sys.stdin", io.StringIO(lines))

    main(["parse", "--now", "2026-11-18T09:00", "--jsonl"])

    captured = capsys.readouterr()
    printed = [json.loads(line) for line in captured.out.splitlines()]
    assert printed[0] == {"id": "a", "intent": "unknown", "error": "invalid lang"}
    assert printed[1]["intent"] == "register_absence"
    assert printed[2]["intent"] == "register_absence"
    assert 'Linje 1 i inndataene har den ugyldige «lang» "de".' in captured.err
    assert "Linje 2" not in captured.err


def test_parse_jsonl_rejects_a_file_argument(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    """`parse --jsonl FILE` reads nothing and shows how to pipe the file in, quoted."""
    messages = tmp_path / "mine meldinger.txt"
    messages.write_text('{"id": "1", "text": "Jeg er syk i dag"}\n', encoding="utf-8")
    monkeypatch.setattr("sys.stdin", io.StringIO('{"id": "2", "text": "Hjelp"}\n'))

    exit_code = main(["parse", "--jsonl", str(messages)])

    captured = capsys.readouterr()
    assert exit_code == 2
    assert captured.out == ""
    assert captured.err == (
        f"vaktbot: --jsonl leser JSON-linjer fra standard inn, ikke fra «{messages}». Send "
        f"filen inn i stedet, for eksempel: vaktbot parse --jsonl < '{messages}'\n"
    )


def test_parse_rejects_a_bad_reference_time(capsys: pytest.CaptureFixture[str]) -> None:
    """An invalid --now is named, with an example, and exits 2."""
    assert main(["parse", "--now", "i går", "hei"]) == 2
    assert "2027-01-06T09:00" in capsys.readouterr().err


def test_import_with_errors_stores_nothing(
    data_folder: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """A file with one bad row is refused whole; the error names the line in Norwegian."""
    hr_file = tmp_path / "nye.csv"
    hr_file.write_text(
        HEADER + "Nina Nilsen;80;sykepleier;\nPål Eng;åtti;sykepleier;\n", encoding="utf-8"
    )

    exit_code = main(
        ["import", "employees", str(hr_file), "--unit", UNIT, "--data", str(data_folder)]
    )

    errors = capsys.readouterr().err
    assert exit_code == 1
    assert "Ingenting ble importert" in errors
    assert "Linje 3:" in errors
    assert (
        main(
            [
                "import",
                "employees",
                str(hr_file.with_name("mangler.csv")),
                "--unit",
                UNIT,
                "--data",
                str(data_folder),
            ]
        )
        == 2
    )


def test_import_adds_employees(
    data_folder: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """A valid file is imported, and importing it again is refused as duplicates."""
    hr_file = tmp_path / "nye.csv"
    hr_file.write_text(HEADER + "Nina Nilsen;80;sykepleier;medisinansvar\n", encoding="utf-8")
    arguments = ["import", "employees", str(hr_file), "--unit", UNIT, "--data", str(data_folder)]

    first = main(arguments)
    second = main(arguments)

    printed = capsys.readouterr()
    assert first == 0
    assert "Importerte 1 ansatt" in printed.out
    assert second == 1
    assert "Nina Nilsen" in printed.err


def test_import_of_undecodable_file_stores_nothing(
    data_folder: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """A file that is neither UTF-8 nor Windows-1252 gets a Norwegian error, not a traceback."""
    hr_file = tmp_path / "nye.csv"
    hr_file.write_bytes(HEADER.encode() + b"A B;50;assistent;\n\x81;50;assistent;\n")
    staff_before = staff_names(data_folder)

    exit_code = main(
        ["import", "employees", str(hr_file), "--unit", UNIT, "--data", str(data_folder)]
    )

    errors = capsys.readouterr().err
    assert exit_code == 1
    assert errors == (
        "Ingenting ble importert, fordi filen har feil:\n"
        "  Linje 3: filen er verken UTF-8-, UTF-16- eller Windows-1252-tekst (byte 81). Lagre den "
        "som UTF-8, i Excel som «CSV UTF-8», og prøv igjen.\n"
    )
    assert staff_names(data_folder) == staff_before


def staff_names(data_folder: Path) -> set[str]:
    from vaktbot.app import Settings, open_database

    database = open_database(Settings.from_environment(str(data_folder)))
    try:
        with database.store() as store:
            return {
                employee.name
                for unit in store.organisations.list_units()
                for employee in store.employees.list_for_unit(unit.id, active_only=False)
            }
    finally:
        database.dispose()


def test_import_to_an_unknown_unit_lists_the_known_ones(
    data_folder: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """A misspelt unit name is refused with the names that exist."""
    hr_file = tmp_path / "nye.csv"
    hr_file.write_text(HEADER + "Nina Nilsen;80;sykepleier;\n", encoding="utf-8")

    exit_code = main(
        ["import", "employees", str(hr_file), "--unit", "Avdeling 9", "--data", str(data_folder)]
    )

    assert exit_code == 2
    assert UNIT in capsys.readouterr().err


def test_chat_on_an_empty_folder_says_how_to_create(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    """Starting the chat on an empty folder says there is no database, and creates none."""
    monkeypatch.delenv("VAKTBOT_ENCRYPTION_KEYS", raising=False)

    exit_code = main(["chat", "--as", "Kari Nordmann", "--data", str(tmp_path)])

    error = capsys.readouterr().err
    assert exit_code == 2
    assert f"Det finnes ingen vaktbot-database i {tmp_path / DATABASE_FILE}." in error
    assert "«vaktbot db upgrade»" in error
    assert not (tmp_path / DATABASE_FILE).exists()


def test_unit_show_creates_no_database(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    """A read-only command given a new SQLite URL names it and leaves no file behind."""
    database_file = tmp_path / "ny.db"
    monkeypatch.setenv("VAKTBOT_DATABASE_URL", f"sqlite:///{database_file}")

    exit_code = main(["unit", "show", UNIT, "--data", str(tmp_path)])

    assert exit_code == 2
    assert f"Det finnes ingen vaktbot-database i {database_file}." in capsys.readouterr().err
    assert not database_file.exists()


def test_missing_key_in_a_real_data_folder(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    """A real database without its key gets advice about the key, not about the demo."""
    monkeypatch.delenv("VAKTBOT_ENCRYPTION_KEYS", raising=False)
    main(["db", "upgrade", "--data", str(tmp_path)])
    capsys.readouterr()

    exit_code = main(["unit", "show", UNIT, "--data", str(tmp_path)])

    error = capsys.readouterr().err
    assert exit_code == 2
    assert f"databasen i {tmp_path}" in error
    assert "vaktbot demo" not in error


def test_missing_data_folder_is_named(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    """A --data folder that does not exist is reported as such."""
    monkeypatch.delenv("VAKTBOT_ENCRYPTION_KEYS", raising=False)
    missing = tmp_path / "finnes-ikke"

    exit_code = main(
        ["unit", "create", "Post 1", "--organisation", "Nordvik HF", "--data", str(missing)]
    )

    assert exit_code == 2
    assert f"Datamappen {missing} finnes ikke." in capsys.readouterr().err
    assert not missing.exists()


def test_chat_reads_messages_from_standard_input(
    data_folder: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    """The terminal chat answers each line and confirms on «ja»."""
    monkeypatch.setattr("sys.stdin", io.StringIO("Kurs 12.1.2027\nja\n/avslutt\n"))

    exit_code = main(
        ["chat", "--as", "Kari Nordmann", "--data", str(data_folder), "--today", "2027-01-06"]
    )

    printed = capsys.readouterr().out
    assert exit_code == 0
    assert "Registrerer kurs tirsdag 12. januar. Stemmer det?" in printed
    assert "Registrert: kurs tirsdag 12. januar." in printed


def test_export_without_a_roster_says_so(
    data_folder: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """Exporting a unit that has no roster yet is an error that says so."""
    exit_code = main(
        [
            "export",
            "roster",
            "--unit",
            UNIT,
            "--out",
            str(tmp_path / "r.csv"),
            "--data",
            str(data_folder),
        ]
    )

    errors = capsys.readouterr().err
    assert exit_code == 2
    assert errors == (
        "vaktbot: Fjordheim sykehjem, avdeling 2 har ingen turnus ennå, så det er ingenting å "
        "eksportere. En turnusansvarlig lager en i chatten, for eksempel med «lag turnus for "
        "uke 3–8». Kjør så denne kommandoen igjen.\n"
    )


def export_roster_to(out: Path, data_folder: Path) -> int:
    return main(["export", "roster", "--unit", UNIT, "--out", str(out), "--data", str(data_folder)])


def test_export_into_a_missing_folder_says_what_to_write(
    data_folder: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """A --out folder that does not exist is an error with an example, and no traceback."""
    add_roster(data_folder, "published")
    missing = tmp_path / "finnes-ikke"

    exit_code = export_roster_to(missing / "turnus.csv", data_folder)

    assert exit_code == 2
    assert capsys.readouterr().err == (
        f"vaktbot: Mappen {missing} finnes ikke. Opprett den først, eller gi --out en fil i en "
        "mappe som finnes, for eksempel --out roster.csv.\n"
    )
    assert not missing.exists()


def test_export_to_an_unwritable_file_says_what_to_write(
    data_folder: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """A file the system cannot create (here a name too long) is an error, not a traceback."""
    add_roster(data_folder, "published")
    out = tmp_path / ("t" * 300 + ".csv")

    exit_code = export_roster_to(out, data_folder)

    assert exit_code == 2
    assert capsys.readouterr().err == (
        f"vaktbot: Kunne ikke skrive {out}. Sjekk at du har skrivetilgang der og at disken "
        "ikke er full, eller gi --out en annen fil, for eksempel --out roster.csv.\n"
    )


ROSTER_HEADER = "employee,date,shift_code,start,end\n"


def roster_row(name: str, day: str, code: str, start: str, end: str) -> str:
    return f"{name},{day},{code},{day}T{start}:00+01:00,{end}+01:00\n"


def test_check_lists_each_broken_rule(
    data_folder: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """An evening followed by a day shift is reported with the rule and the rest it leaves."""
    roster = tmp_path / "turnus.csv"
    roster.write_text(
        ROSTER_HEADER
        + roster_row("Kari Nordmann", "2027-01-11", "A", "14:30", "2027-01-11T22:00:00")
        + roster_row("Kari Nordmann", "2027-01-12", "D", "07:30", "2027-01-12T15:00:00")
        + roster_row("Per Person", "2027-01-12", "D", "07:30", "2027-01-12T15:00:00"),
        encoding="utf-8",
    )

    exit_code = main(["check", str(roster), "--unit", UNIT, "--data", str(data_folder)])

    printed = capsys.readouterr().out
    assert exit_code == 1
    assert "Kari Nordmann får bare 9 t 30 min hvile" in printed
    assert "Per Person" in printed


def test_check_reports_unreadable_lines(
    data_folder: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """A malformed file is refused with its line numbers, and exit code 2."""
    roster = tmp_path / "turnus.csv"
    roster.write_text(ROSTER_HEADER + "Kari Nordmann,12.01.2027,D,07:30,15:00\n", encoding="utf-8")

    exit_code = main(["check", str(roster), "--unit", UNIT, "--data", str(data_folder)])

    errors = capsys.readouterr().err
    assert exit_code == 2
    assert "Linje 2:" in errors


def test_check_of_a_header_only_file_says_it_has_no_rows(
    data_folder: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """A file with only the header is refused as having no rows, not as an empty line 2."""
    roster = tmp_path / "turnus.csv"
    roster.write_text(ROSTER_HEADER, encoding="utf-8")

    exit_code = main(["check", str(roster), "--unit", UNIT, "--data", str(data_folder)])

    errors = capsys.readouterr().err
    assert exit_code == 2
    assert errors == (
        "Linje 1: filen har ingen rader under overskriftsraden; skriv én rad per "
        "vakt.\nTurnusen ble ikke sjekket. Rett linjene over og kjør sjekken på "
        "nytt.\n"
    )


def day_row(name: str, day: str, code: str = "D") -> str:
    """Return a roster row at the demo ward's shift times, in January (UTC+01:00)."""
    times = {"D": ("07:30", f"{day}T15:00:00"), "A": ("14:30", f"{day}T22:00:00")}
    start, end = times[code]
    return roster_row(name, day, code, start, end)


def run_check(
    roster: Path, data_folder: Path, capsys: pytest.CaptureFixture[str]
) -> tuple[int, str, str]:
    exit_code = main(["check", str(roster), "--unit", UNIT, "--data", str(data_folder)])
    printed = capsys.readouterr()
    return exit_code, printed.out, printed.err


def test_check_night_worker_on_evening_shift(
    data_folder: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """A night-only employee on an evening shift is reported as working nights only."""
    roster = tmp_path / "turnus.csv"
    roster.write_text(ROSTER_HEADER + day_row("Maria Eriksen", "2027-01-13", "A"), encoding="utf-8")

    exit_code, printed, _ = run_check(roster, data_folder, capsys)

    assert exit_code == 1
    assert (
        "FEIL: Maria Eriksen jobber bare natt og kan ikke settes på A (onsdag 13. januar). "
        "Tillatte vakter: N."
    ) in printed.splitlines()


def test_check_run_dated_from_first_day(
    data_folder: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """Eight day shifts in a row are reported from the first day of the run to its last."""
    roster = tmp_path / "turnus.csv"
    days = [f"2027-01-{day:02d}" for day in range(11, 19)]
    roster.write_text(
        ROSTER_HEADER + "".join(day_row("Kari Nordmann", day) for day in days), encoding="utf-8"
    )

    _, printed, _ = run_check(roster, data_folder, capsys)

    assert (
        "FEIL: Kari Nordmann jobber 8 dager på rad fra mandag 11. januar til mandag "
        "18. januar. Avdelingen tillater høyst 6."
    ) in printed.splitlines()


def test_check_prints_each_violation_once(
    data_folder: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """A day and an evening shift on one day give one warning about the 24 hours, not two."""
    roster = tmp_path / "turnus.csv"
    roster.write_text(
        ROSTER_HEADER
        + day_row("Kari Nordmann", "2027-01-11", "D")
        + day_row("Kari Nordmann", "2027-01-11", "A"),
        encoding="utf-8",
    )

    _, printed, _ = run_check(roster, data_folder, capsys)

    lines = printed.splitlines()
    warnings = [line for line in lines if "i løpet av de 24 timene" in line]
    assert len(warnings) == 1
    assert len(lines) == len(set(lines))
    assert lines[-1].endswith(" 1 advarsel.")


def test_check_reads_norwegian_excel_file(
    data_folder: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """«;» between fields, Windows-1252 text and dates like 11.01.2027 are read as usual."""
    roster = tmp_path / "turnus.csv"
    roster.write_bytes(
        (
            "employee;date;shift_code;start;end\r\n"
            "Kari Nordmann;11.01.2027;A;2027-01-11T14:30:00+01:00;2027-01-11T22:00:00+01:00\r\n"
            "Kari Nordmann;12.01.2027;D;2027-01-12T07:30:00+01:00;2027-01-12T15:00:00+01:00\r\n"
            "Camilla Sørensen;12.01.2027;D;2027-01-12T07:30:00+01:00;2027-01-12T15:00:00+01:00\r\n"
        ).encode("cp1252")
    )

    exit_code, printed, errors = run_check(roster, data_folder, capsys)

    assert exit_code == 1
    assert errors == ""
    assert "FEIL: Kari Nordmann får bare 9 t 30 min hvile før D tirsdag 12. januar." in printed
    assert "Camilla Sørensen" not in printed


def test_check_folder_instead_of_file(
    data_folder: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """A folder given for the file is called a folder, with a CSV file in it as the example."""
    folder = tmp_path / "turnuser"
    folder.mkdir()
    (folder / "uke-2.csv").write_text(ROSTER_HEADER, encoding="utf-8")

    exit_code, _, errors = run_check(folder, data_folder, capsys)

    assert exit_code == 2
    assert f"{folder} er en mappe, ikke en fil." in errors
    assert str(folder / "uke-2.csv") in errors
    assert "finnes ikke" not in errors


def test_check_lists_every_bad_line_at_once(
    data_folder: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """An unknown name, an unknown shift and a bad date are all listed, each by its line."""
    roster = tmp_path / "turnus.csv"
    roster.write_text(
        ROSTER_HEADER
        + day_row("Kari Nordman", "2027-01-11")
        + day_row("Ola Nordmann", "2027-01-11").replace(",D,", ",X,")
        + day_row("Per Johansen", "2027-01-11").replace(",2027-01-11,", ",i går,"),
        encoding="utf-8",
    )

    exit_code, printed, errors = run_check(roster, data_folder, capsys)

    assert exit_code == 2
    assert printed == ""
    assert errors.splitlines() == [
        "Linje 2: «Kari Nordman» står ikke på avdelingens personalliste. Mente du «Kari Nordmann»?",
        "Linje 3: «X» er ikke en vakt på avdelingen. Avdelingens vakter er A, D, N.",
        "Linje 4: «i går» er ikke en gyldig dato. Skriv den som 2027-01-08 eller 08.01.2027.",
        "Turnusen ble ikke sjekket. Rett linjene over og kjør sjekken på nytt.",
    ]


def test_check_unusable_lines_and_the_rest(
    data_folder: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """Rows for the ward manager, a repeated row and a misspelt name are named by line."""
    roster = tmp_path / "turnus.csv"
    roster.write_text(
        ROSTER_HEADER
        + day_row("Marit Solberg", "2027-01-11")
        + day_row("Kari Nordmann", "2027-01-11")
        + day_row("kari nordmann", "2027-01-11")
        + day_row("Ola Nordman", "2027-01-11")
        + day_row("Ola Nordman", "2027-01-12"),
        encoding="utf-8",
    )

    exit_code, printed, _ = run_check(roster, data_folder, capsys)

    lines = printed.splitlines()
    assert exit_code == 1
    assert lines[:3] == [
        "FEIL: Linje 2: Marit Solberg er avdelingsleder, en stilling som ikke settes opp i "
        "turnusen.",
        "FEIL: Linje 4: linjen er lik linje 3; slett en av dem.",
        "FEIL: Linjene 5 og 6: «Ola Nordman» står ikke på avdelingens personalliste. "
        "Mente du «Ola Nordmann»?",
    ]
    assert not any("to vakter" in line for line in lines)


def test_check_norwegian_header_in_one_line(
    data_folder: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """A header with Norwegian column names is one problem that names the right header."""
    roster = tmp_path / "turnus.csv"
    roster.write_text(
        "ansatt;dato;vakt;start;slutt\nKari Nordmann;11.01.2027;D;07:30;15:00\n", encoding="utf-8"
    )

    exit_code, _, errors = run_check(roster, data_folder, capsys)

    assert exit_code == 2
    assert errors.splitlines()[:1] == [
        "Linje 1: overskriftsraden mangler employee, date, shift_code, end og har ansatt, dato, "
        "vakt, slutt i stedet. Den må være employee,date,shift_code,start,end (med «,» eller «;» "
        "mellom navnene)."
    ]


def test_check_against_wrong_unit(
    data_folder: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """A file in which no name is on the unit's staff gets a hint to check --unit."""
    roster = tmp_path / "turnus.csv"
    roster.write_text(ROSTER_HEADER + day_row("Nina Nilsen", "2027-01-11"), encoding="utf-8")

    exit_code, _, errors = run_check(roster, data_folder, capsys)

    assert exit_code == 2
    assert errors.splitlines()[0] == (
        f"Ingen av navnene i filen står på personallisten til {UNIT}. Sjekk at --unit er "
        "riktig avdeling."
    )


@pytest.fixture
def keyed_folder(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """An empty data folder for a real installation, with its key in the environment."""
    from storage.crypto import encode_key, generate_key

    monkeypatch.setenv("VAKTBOT_ENCRYPTION_KEYS", f"k1:{encode_key(generate_key())}")
    monkeypatch.setenv("VAKTBOT_ACTIVE_KEY_ID", "k1")
    folder = tmp_path / "data"
    folder.mkdir()
    return folder


def test_new_installation_from_scratch(
    keyed_folder: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """A unit is created with its shifts and staffing, then staff is imported into it."""
    shifts = tmp_path / "vakter.csv"
    shifts.write_text(
        "kode;navn;type;start;slutt\nD;Dagvakt;dag;07:00;15:00\nN;Nattevakt;natt;22:00;07:00\n",
        encoding="utf-8",
    )
    staffing = tmp_path / "bemanning.csv"
    staffing.write_text(
        "dag;vakt;minimum;ønsket;kompetanse\nhverdag;D;3;4;sykepleier=1\n"
        "helg;D;2;2;\nalle;N;1;1;sykepleier=1\n",
        encoding="utf-8",
    )
    staff = tmp_path / "ansatte.csv"
    staff.write_text(HEADER + "Nina Nilsen;80;sykepleier;\n", encoding="utf-8")
    data = ["--data", str(keyed_folder)]

    created = main(
        [
            "unit",
            "create",
            "Sengepost 3B",
            "--organisation",
            "Nordvik HF",
            "--shifts",
            str(shifts),
            "--staffing",
            str(staffing),
            *data,
        ]
    )
    imported = main(["import", "employees", str(staff), "--unit", "Sengepost 3B", *data])
    shown = main(["unit", "show", "Sengepost 3B", *data])

    printed = capsys.readouterr().out
    assert (created, imported, shown) == (0, 0, 0)
    assert "Opprettet organisasjonen Nordvik HF." in printed
    assert "N  Nattevakt    22:00–07:00" in printed
    assert "lørdag    D    2–2" in printed
    assert "helligdag N    1–1  sykepleier=1" in printed
    assert "1 ansatt." in printed


def test_unit_created_with_officer_contact(
    keyed_folder: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """«--personvernombud» stores the contact, and «unit show» prints it."""
    data = ["--data", str(keyed_folder)]
    unit = ["Post 1", "--organisation", "Nordvik HF"]

    created = main(["unit", "create", *unit, "--personvernombud", " dpo@nordvik.example ", *data])
    shown = main(["unit", "show", "Post 1", *data])

    assert (created, shown) == (0, 0)
    assert "Personvernombud: dpo@nordvik.example" in capsys.readouterr().out


def test_unit_officer_contact_set_and_removed(
    keyed_folder: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """«unit personvernombud» sets a contact on an existing unit, and «-» removes it."""
    data = ["--data", str(keyed_folder)]
    main(["unit", "create", "Post 1", "--organisation", "Nordvik HF", *data])
    capsys.readouterr()

    set_code = main(["unit", "personvernombud", "post 1", "dpo@nordvik.example", *data])
    set_output = capsys.readouterr().out
    removed_code = main(["unit", "personvernombud", "Post 1", "-", *data])
    removed_output = capsys.readouterr().out

    assert (set_code, removed_code) == (0, 0)
    assert set_output == "Personvernombud: dpo@nordvik.example\n"
    assert removed_output == (
        "Ingen personvernombud er satt, så svarene nevner personvernombudet bare ved rollen. "
        'Sett et med: vaktbot unit personvernombud "Post 1" KONTAKT\n'
    )


def test_too_long_officer_contact_rejected(
    keyed_folder: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """A contact longer than the column is rejected with its length, and no unit is made."""
    data = ["--data", str(keyed_folder)]

    too_long = ["--personvernombud", "x" * 201]

    exit_code = main(["unit", "create", "Post 1", "--organisation", "Nordvik HF", *too_long, *data])

    assert exit_code != 0
    assert (
        "Kontakten til personvernombudet er 201 tegn lang, men det er plass til høyst 200."
        in capsys.readouterr().err
    )
    assert main(["unit", "show", "Post 1", *data]) == 2


def test_officer_contact_of_unknown_unit(
    keyed_folder: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """Setting the contact of a unit that does not exist names the units there are."""
    data = ["--data", str(keyed_folder)]
    main(["unit", "create", "Post 1", "--organisation", "Nordvik HF", *data])
    capsys.readouterr()

    exit_code = main(["unit", "personvernombud", "Post 2", "dpo@nordvik.example", *data])

    assert exit_code != 0
    assert "Post 1" in capsys.readouterr().err


def test_unit_files_with_errors_create_nothing(
    keyed_folder: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """A staffing file naming an unknown shift is refused by line, and no unit is made."""
    staffing = tmp_path / "bemanning.csv"
    staffing.write_text(
        "dag;vakt;minimum;ønsket;kompetanse\nmandag;X;3;2;sykepleier\n", encoding="utf-8"
    )

    exit_code = main(
        [
            "unit",
            "create",
            "Post 1",
            "--organisation",
            "Nordvik HF",
            "--staffing",
            str(staffing),
            "--data",
            str(keyed_folder),
        ]
    )

    errors = capsys.readouterr().err
    assert exit_code == 1
    assert errors.count("Linje 2:") == 4
    assert main(["unit", "show", "Post 1", "--data", str(keyed_folder)]) == 2


def test_key_generate_prints_settings(capsys: pytest.CaptureFixture[str]) -> None:
    """A new key comes as the two environment settings that use it."""
    assert main(["key", "generate", "--id", "k2"]) == 0

    first, second = capsys.readouterr().out.splitlines()
    assert first.startswith("VAKTBOT_ENCRYPTION_KEYS=k2:")
    assert second == "VAKTBOT_ACTIVE_KEY_ID=k2"


def test_db_upgrade_needs_no_key(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """Migrating the schema works before any key is configured."""
    monkeypatch.delenv("VAKTBOT_ENCRYPTION_KEYS", raising=False)

    assert main(["db", "upgrade", "--data", str(tmp_path / "ny")]) == 0
    assert (tmp_path / "ny" / "vaktbot.db").is_file()


def store_sick_day_below_encryption(data_folder: Path) -> None:
    """Store a sick day, then take the database back to the revision with kinds in clear."""
    import datetime as dt

    from core.absences import Absence
    from core.commands import AbsenceKind, DateRange
    from storage.crypto import load_or_create_key_file
    from storage.database import Database

    database = Database(
        f"sqlite:///{data_folder / 'vaktbot.db'}",
        load_or_create_key_file(data_folder / "vaktbot.key"),
    )
    with database.store() as store:
        [employee, *_] = store.employees.list_for_unit(store.organisations.list_units()[0].id)
        sick_day = DateRange(dt.date(2027, 1, 8), dt.date(2027, 1, 8))
        store.absences.add_absence(
            Absence(0, employee.id, AbsenceKind.SICK, sick_day), actor_id=None
        )
    database.downgrade("0002")
    database.dispose()


def test_db_upgrade_encrypts_with_key_file(
    data_folder: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    """`db upgrade` encrypts stored absence kinds with the data folder's key file."""
    monkeypatch.delenv("VAKTBOT_ENCRYPTION_KEYS", raising=False)
    store_sick_day_below_encryption(data_folder)

    exit_code = main(["db", "upgrade", "--data", str(data_folder)])

    assert exit_code == 0
    assert "Databaseskjemaet er oppdatert" in capsys.readouterr().out
    assert b"sick" not in (data_folder / "vaktbot.db").read_bytes()


def test_db_upgrade_without_key_names_the_setting(
    data_folder: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    """Without any key, `db upgrade` of stored absences fails with the setting to add."""
    monkeypatch.delenv("VAKTBOT_ENCRYPTION_KEYS", raising=False)
    store_sick_day_below_encryption(data_folder)
    (data_folder / "vaktbot.key").rename(data_folder / "elsewhere.key")

    exit_code = main(["db", "upgrade", "--data", str(data_folder)])

    assert exit_code == 2
    assert "VAKTBOT_ENCRYPTION_KEYS" in capsys.readouterr().err


def test_chat_as_an_unknown_name_suggests_real_ones(
    data_folder: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """A name that is not on the staff list is refused with the closest names."""
    exit_code = main(["chat", "--as", "Kari Nordman", "--data", str(data_folder)])

    assert exit_code == 2
    assert "«Kari Nordmann»" in capsys.readouterr().err


@pytest.mark.parametrize("written", ["", "   "], ids=["empty", "spaces"])
def test_chat_with_empty_name_asks_for_one(
    data_folder: Path, capsys: pytest.CaptureFixture[str], written: str
) -> None:
    """An empty --as says that a name is needed and shows one from the staff list."""
    exit_code = main(["chat", "--as", written, "--data", str(data_folder)])

    error = capsys.readouterr().err
    assert exit_code == 2
    assert "--as er tom, så jeg vet ikke hvem du er." in error
    assert 'for eksempel: vaktbot chat --as "' in error
    assert "Ingen heter" not in error


def test_chat_on_unit_without_staff(keyed_folder: Path, capsys: pytest.CaptureFixture[str]) -> None:
    """`chat --as` on a unit with no employees names the unit and the import command."""
    data = ["--data", str(keyed_folder)]
    main(["unit", "create", "Sengepost 3B", "--organisation", "Nordvik HF", *data])
    capsys.readouterr()

    exit_code = main(["chat", "--as", "Kari Nordmann", *data])

    assert exit_code == 2
    assert capsys.readouterr().err == (
        "vaktbot: Ingen kan chatte som «Kari Nordmann», fordi Sengepost 3B ikke har noen "
        "ansatte ennå. Importer dem fra en fil fra personalsystemet først, for eksempel: "
        'vaktbot import employees ansatte.csv --unit "Sengepost 3B"\n'
    )


def test_chat_without_any_unit(keyed_folder: Path, capsys: pytest.CaptureFixture[str]) -> None:
    """`chat --as` on a database without units shows how to create a unit first."""
    main(["db", "upgrade", "--data", str(keyed_folder)])
    capsys.readouterr()

    exit_code = main(["chat", "--as", "Kari Nordmann", "--data", str(keyed_folder)])

    error = capsys.readouterr().err
    assert exit_code == 2
    assert "fordi det ikke finnes noen avdeling ennå" in error
    assert 'vaktbot unit create "Sengepost 3B" --organisation "Nordvik HF"' in error


def test_demo_leaves_real_database_alone(
    keyed_folder: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """`vaktbot demo --out` pointed at a unit's data folder refuses and changes nothing."""
    main(["db", "upgrade", "--data", str(keyed_folder)])
    database_file = keyed_folder / DATABASE_FILE
    before = database_file.read_bytes()
    capsys.readouterr()

    exit_code = main(["demo", "--out", str(keyed_folder), "--today", "2027-03-03"])

    error = capsys.readouterr().err
    assert exit_code == 2
    assert "har allerede en vaktbot-database som demoen ikke har laget" in error
    assert "Velg en annen mappe med --out" in error
    assert database_file.read_bytes() == before
    assert not (keyed_folder / DEMO_MARKER_FILE).exists()


def test_demo_replaces_its_own_database(tmp_path: Path) -> None:
    """A folder the demo made before gets a fresh demo database, without earlier changes."""
    folder = tmp_path / "demo"
    first = fresh_database(folder)
    seed_ward(first, dt.date(2027, 3, 3))
    first.dispose()

    again = fresh_database(folder)

    with again.store() as store:
        assert store.organisations.find_unit_by_name(None, UNIT) is None
    assert (folder / DEMO_MARKER_FILE).is_file()


@pytest.mark.parametrize(
    "command",
    [
        pytest.param(["key", "generate"], id="key-generate"),
        pytest.param(["unit", "show", UNIT, "--data", "DATA"], id="unit-show"),
    ],
)
def test_closed_pipe_ends_quietly(data_folder: Path, command: list[str]) -> None:
    """A reader that closes the pipe early, as `| head` does, gets no traceback."""
    import subprocess
    import sys

    arguments = [str(data_folder) if word == "DATA" else word for word in command]
    process = subprocess.Popen(
        [sys.executable, "-m", "vaktbot.cli", *arguments],
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
    )
    assert process.stdout is not None
    process.stdout.close()
    _, errors = process.communicate(timeout=60)

    assert errors.decode() == ""
    assert process.returncode == 141


def test_import_folder_instead_of_file(
    data_folder: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """A folder given to import employees is called a folder, with a CSV file as example."""
    folder = tmp_path / "hr"
    folder.mkdir()
    (folder / "ansatte.csv").write_text(HEADER, encoding="utf-8")

    exit_code = main(
        ["import", "employees", str(folder), "--unit", UNIT, "--data", str(data_folder)]
    )

    assert exit_code == 2
    assert (
        f"{folder} er en mappe, ikke en fil. Oppgi CSV-filen med personalet i stedet, for "
        f"eksempel {folder / 'ansatte.csv'}."
    ) in capsys.readouterr().err


def test_check_groups_a_repeated_empty_field(
    data_folder: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """Empty start and end columns on many lines give one line each, not one per row."""
    roster = tmp_path / "turnus.csv"
    days = [f"2027-01-{day:02d}" for day in range(11, 31)]
    roster.write_text(
        ROSTER_HEADER + "".join(f"Kari Nordmann,{day},D,,\n" for day in days), encoding="utf-8"
    )

    exit_code, _, errors = run_check(roster, data_folder, capsys)

    assert exit_code == 2
    assert errors.splitlines() == [
        "Linjene 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13 og 8 andre: feltet start er tomt.",
        "Linjene 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13 og 8 andre: feltet end er tomt.",
        "Turnusen ble ikke sjekket. Rett linjene over og kjør sjekken på nytt.",
    ]


def add_roster(data_folder: Path, status: str, shift_code: str = "D") -> None:
    """Store a one-shift roster for 11–24 January 2027 with `status` in the demo ward."""
    from core.rosters import Assignment, Roster, RosterStatus
    from vaktbot.app import Settings, open_database

    database = open_database(Settings.from_environment(str(data_folder)))
    try:
        with database.store() as store:
            unit = store.organisations.find_unit_by_name(None, UNIT)
            employee = store.employees.list_for_unit(unit.id)[0]
            store.rosters.add(
                Roster(
                    0,
                    unit.id,
                    dt.date(2027, 1, 11),
                    dt.date(2027, 1, 24),
                    RosterStatus(status),
                    (Assignment(employee.id, dt.date(2027, 1, 11), shift_code),),
                ),
                actor_id=None,
            )
    finally:
        database.dispose()


@pytest.mark.parametrize(
    ("status", "expected"),
    [
        (
            "published",
            "Skrev den publiserte turnusen fra mandag 11. januar 2027 til søndag "
            "24. januar 2027 til {path}.",
        ),
        (
            "draft",
            "Skrev et turnusutkast fra mandag 11. januar 2027 til søndag 24. januar 2027 "
            "til {path}. Det er ikke publisert, så de ansatte ser det ikke ennå.",
        ),
    ],
    ids=["published", "draft"],
)
def test_export_says_published_or_draft(
    data_folder: Path,
    tmp_path: Path,
    capsys: pytest.CaptureFixture[str],
    status: str,
    expected: str,
) -> None:
    """The export message says whether the file is the published roster or a draft."""
    add_roster(data_folder, status)
    out = tmp_path / "turnus.csv"

    exit_code = main(
        ["export", "roster", "--unit", UNIT, "--out", str(out), "--data", str(data_folder)]
    )

    assert exit_code == 0
    assert capsys.readouterr().out == expected.format(path=out) + "\n"
    assert out.stat().st_mode & 0o777 == 0o600


@pytest.mark.parametrize("newer_status", ["proposed", "superseded"])
def test_export_writes_published_not_proposal(
    data_folder: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str], newer_status: str
) -> None:
    """A newer repair proposal or replaced roster is passed over for the published roster."""
    add_roster(data_folder, "published", shift_code="D")
    add_roster(data_folder, newer_status, shift_code="N")
    out = tmp_path / "turnus.csv"

    exit_code = main(
        ["export", "roster", "--unit", UNIT, "--out", str(out), "--data", str(data_folder)]
    )

    assert exit_code == 0
    assert capsys.readouterr().out == (
        "Skrev den publiserte turnusen fra mandag 11. januar 2027 til søndag 24. januar 2027 "
        f"til {out}.\n"
    )
    (row,) = out.read_text(encoding="utf-8").splitlines()[1:]
    assert row.split(",")[1:3] == ["2027-01-11", "D"]


def test_export_of_only_a_proposal_says_no_roster(
    data_folder: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """A unit whose only roster is an unapproved proposal has nothing to export."""
    add_roster(data_folder, "proposed")
    out = tmp_path / "turnus.csv"

    exit_code = main(
        ["export", "roster", "--unit", UNIT, "--out", str(out), "--data", str(data_folder)]
    )

    assert exit_code != 0
    assert "har ingen turnus ennå" in capsys.readouterr().err
    assert not out.exists()


def test_chat_as_greets_with_the_stored_name(
    data_folder: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    """A name written in lower case is accepted, and the greeting uses the stored spelling."""
    monkeypatch.setattr("sys.stdin", io.StringIO("/avslutt\n"))

    exit_code = main(["chat", "--as", "kari nordmann", "--data", str(data_folder)])

    assert exit_code == 0
    assert capsys.readouterr().out.startswith("vaktbot: Hei, Kari Nordmann!")


def test_chat_as_a_first_name_suggests_full_names(
    data_folder: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """A first name alone is refused with the full names that start with it."""
    exit_code = main(["chat", "--as", "Kari", "--data", str(data_folder)])

    error = capsys.readouterr().err
    assert exit_code == 2
    assert "«Kari Nordmann»" in error


def test_demo_rerun_says_what_it_replaces(tmp_path: Path) -> None:
    """A new run into an earlier demo's folder names what it replaces and deletes its files."""
    from core.i18n import Translator

    folder = tmp_path / "demo"
    fresh_database(folder).dispose()
    earlier_files = [folder / "roster.csv", folder / "filer" / "turnus-3-2027-01-11.csv"]
    for path in earlier_files:
        path.parent.mkdir(exist_ok=True)
        path.write_text("employee,date,shift_code,start,end\n", encoding="utf-8")
    kept = folder / "filer" / "notater.txt"
    kept.write_text("mine notater\n", encoding="utf-8")

    message = describe_rerun(folder, Translator.for_locale("nb"))
    fresh_database(folder).dispose()

    assert message == (
        f"Demoen erstatter den forrige kjøringen i {folder}: databasen, med alle endringer "
        "som er gjort i chatten siden, og de 2 filene den forrige kjøringen skrev."
    )
    assert [path.exists() for path in earlier_files] == [False, False]
    assert kept.exists()


def test_demo_in_a_new_folder_replaces_nothing(tmp_path: Path) -> None:
    """A first run has nothing to replace, so it says nothing about it."""
    from core.i18n import Translator

    assert describe_rerun(tmp_path, Translator.for_locale("nb")) is None


def stored_employee(data_folder: Path, name: str):  # type: ignore[no-untyped-def]
    from vaktbot.app import Settings, open_database

    database = open_database(Settings.from_environment(str(data_folder)))
    try:
        with database.store() as store:
            unit = store.organisations.find_unit_by_name(None, UNIT)
            return next(
                employee
                for employee in store.employees.list_for_unit(unit.id)
                if employee.name == name
            )
    finally:
        database.dispose()


def test_import_again_suggests_update(
    data_folder: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """Importing staff already on the unit says how to update them instead."""
    hr_file = tmp_path / "ansatte.csv"
    hr_file.write_text(HEADER + "Kari Nordmann;100;sykepleier;\n", encoding="utf-8")

    exit_code = main(
        ["import", "employees", str(hr_file), "--unit", UNIT, "--data", str(data_folder)]
    )

    errors = capsys.readouterr().err
    assert exit_code == 1
    assert "Kari Nordmann er allerede registrert på avdelingen." in errors
    assert "kjør den samme kommandoen med --update" in errors


def test_import_update_changes_existing_staff(
    data_folder: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """--update changes the named columns of staff on the unit and adds new people."""
    before = stored_employee(data_folder, "Kari Nordmann")
    hr_file = tmp_path / "ansatte.csv"
    hr_file.write_text(
        HEADER
        + f"kari nordmann;{100 if before.position_percent != 100 else 50};sykepleier;"
        + ", ".join(sorted(before.competences))
        + "\n"
        + "Nina Nilsen;80;sykepleier;\n",
        encoding="utf-8",
    )

    exit_code = main(
        [
            "import",
            "employees",
            str(hr_file),
            "--unit",
            UNIT,
            "--update",
            "--data",
            str(data_folder),
        ]
    )

    printed = capsys.readouterr().out
    after = stored_employee(data_folder, "Kari Nordmann")
    assert exit_code == 0
    assert f"La til 1 ansatt i {UNIT}." in printed
    assert "Oppdaterte Kari Nordmann: stillingsprosent" in printed
    assert after.position_percent != before.position_percent
    assert after.email == before.email
    assert after.roles == before.roles
    assert stored_employee(data_folder, "Nina Nilsen").position_percent == 80


def test_export_gaps_lists_every_gap(
    data_folder: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """`export gaps` writes a row per gap of the newest roster and counts them."""
    import csv

    add_roster(data_folder, "draft")
    out = tmp_path / "hull.csv"

    exit_code = main(
        ["export", "gaps", "--unit", UNIT, "--out", str(out), "--data", str(data_folder)]
    )

    rows = list(csv.DictReader(out.open(encoding="utf-8")))
    assert exit_code == 0
    assert capsys.readouterr().out == (
        f"Skrev {len(rows)} hull i bemanningen i turnusen fra mandag 11. januar 2027 til "
        f"søndag 24. januar 2027 til {out}.\n"
    )
    assert len(rows) > 14
    assert rows[0]["date"] == "2027-01-11"
    assert {row["shift_code"] for row in rows} >= {"D", "A", "N"}
    assert all(int(row["missing"]) >= 1 for row in rows)


def test_export_gaps_without_a_roster_says_so(
    data_folder: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """`export gaps` for a unit without a roster is an error, and no file is written."""
    out = tmp_path / "hull.csv"

    exit_code = main(
        ["export", "gaps", "--unit", UNIT, "--out", str(out), "--data", str(data_folder)]
    )

    assert exit_code == 2
    assert "ingen turnus" in capsys.readouterr().err
    assert not out.exists()


EXPORT_MESSAGES_IN_OTHER_LANGUAGES = [
    pytest.param(
        "nn",
        "Avdeling 3 har ingen turnus enno, så det er ingenting å eksportere. Ein "
        "turnusansvarleg lagar ein i chatten, til dømes med «lag turnus for veke 3–8». Køyr så "
        "denne kommandoen igjen. Mappa /tmp/borte finst ikkje. Opprett ho først, eller gi --out "
        "ei fil i ei mappe som finst, til dømes --out roster.csv.",
        id="nn",
    ),
    pytest.param(
        "en",
        "Avdeling 3 has no roster yet, so there is nothing to export. A planner makes one in the "
        "chat, for example with «lag turnus for uke 3–8». Then run this command again. The "
        "folder /tmp/borte does not exist. Create it first, or give --out a file in a folder "
        "that exists, for example --out roster.csv.",
        id="en",
    ),
]


@pytest.mark.parametrize(("locale", "expected"), EXPORT_MESSAGES_IN_OTHER_LANGUAGES)
def test_export_messages_in_other_languages(locale: str, expected: str) -> None:
    """The export's advice reads the same in the nynorsk and English catalogs."""
    translator = Translator.for_locale(locale)

    no_roster = translator.gettext(NO_ROSTER_TO_EXPORT, unit="Avdeling 3")
    missing = translator.gettext(MISSING_OUT_FOLDER, folder="/tmp/borte", example="roster.csv")

    assert f"{no_roster} {missing}" == expected


MALFORMED_LINES = [
    pytest.param(
        'Kari Nordmann,2027-01-11,D,"07:30,15:00\n',
        'Linje 2: linjen er ikke gyldig CSV: et felt begynner med et anførselstegn «"» som '
        'aldri lukkes. Lukk det, for eksempel "Nordmann, Kari".',
        id="unclosed-quote",
    ),
    pytest.param(
        '"Kari" Nordmann,2027-01-11,D,07:30,15:00\n',
        'Linje 2: linjen er ikke gyldig CSV: et anførselstegn «"» inne i et felt må skrives '
        'to ganger, for eksempel "Kari ""K"" Nordmann", ellers må feltet være uten '
        "anførselstegn.",
        id="stray-quote",
    ),
]


@pytest.mark.parametrize(("line", "expected"), MALFORMED_LINES)
def test_check_explains_malformed_csv_in_norwegian(
    data_folder: Path,
    tmp_path: Path,
    capsys: pytest.CaptureFixture[str],
    line: str,
    expected: str,
) -> None:
    """A line Python's csv module rejects is explained in Norwegian, without its English text."""
    roster = tmp_path / "turnus.csv"
    roster.write_text(ROSTER_HEADER + line, encoding="utf-8")

    exit_code, printed, errors = run_check(roster, data_folder, capsys)

    assert exit_code == 2
    assert printed == ""
    assert errors.splitlines()[0] == expected


def test_check_summary_names_the_year(
    data_folder: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """The summary dates the checked roster with its year, as the file may be for another year."""
    roster = tmp_path / "turnus.csv"
    days = [f"2027-01-{day:02d}" for day in range(11, 19)]
    roster.write_text(
        ROSTER_HEADER + "".join(day_row("Kari Nordmann", day) for day in days), encoding="utf-8"
    )

    _, printed, _ = run_check(roster, data_folder, capsys)

    assert printed.splitlines()[-1] == (
        "89 feil i turnusen fra mandag 11. januar 2027 til mandag 18. januar 2027."
    )
