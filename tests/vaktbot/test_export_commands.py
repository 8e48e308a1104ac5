"""`vaktbot export roster` and `export gaps`: which roster, and never a lost file.

The demo ward has published rosters for 4–17 January and 18–31 January 2027 and a
draft for 1–14 February 2027, each with one day shift on its first day. Today is
Wednesday 6 January 2027 unless a test says otherwise.
"""

from __future__ import annotations

import csv
import datetime as dt
import io
from pathlib import Path

import pytest

from core.i18n import Translator
from core.rosters import Assignment, Roster, RosterStatus
from vaktbot.app import Settings, open_database
from vaktbot.cli import main
from vaktbot.demo import UNIT, fresh_database, seed_ward
from vaktbot.export_commands import EXISTING_OUT_FILE, NO_ROSTER_TODAY

TODAY = "2027-01-06"
OLD_CONTENT = "the planner's own notes\n"

EXPORTED_JANUARY = (
    "Skrev den publiserte turnusen fra mandag 4. januar 2027 til søndag 17. januar 2027 til {path}."
)
LATER_ROSTERS_LINES = [
    "Fjordheim sykehjem, avdeling 2 har også senere turnuser. For å eksportere en av dem, "
    "gi --period dens første dag:",
    "  • den publiserte turnusen fra mandag 18. januar 2027 til søndag 31. januar 2027: "
    "--period 2027-01-18",
    "  • turnusutkastet fra mandag 1. februar 2027 til søndag 14. februar 2027: "
    "--period 2027-02-01",
]


def add_roster(data_folder: Path, start: dt.date, days: int, status: RosterStatus) -> None:
    """Store a roster of `days` days from `start` with one day shift on its first day."""
    database = open_database(Settings.from_environment(str(data_folder)))
    try:
        with database.store() as store:
            unit = store.organisations.find_unit_by_name(None, UNIT)
            employee = store.employees.list_for_unit(unit.id)[0]
            end = start + dt.timedelta(days=days - 1)
            assignment = Assignment(employee.id, start, "D")
            store.rosters.add(Roster(0, unit.id, start, end, status, (assignment,)), actor_id=None)
    finally:
        database.dispose()


@pytest.fixture
def data_folder(tmp_path: Path) -> Path:
    """The demo ward with two published two-week rosters and a draft after them."""
    folder = tmp_path / "data"
    folder.mkdir()
    database = fresh_database(folder)
    seed_ward(database, dt.date(2027, 1, 6))
    database.dispose()
    add_roster(folder, dt.date(2027, 1, 4), 14, RosterStatus.PUBLISHED)
    add_roster(folder, dt.date(2027, 1, 18), 14, RosterStatus.PUBLISHED)
    add_roster(folder, dt.date(2027, 2, 1), 14, RosterStatus.DRAFT)
    return folder


def export(kind: str, out: Path, data_folder: Path, *options: str) -> int:
    arguments = ["export", kind, "--unit", UNIT, "--out", str(out), "--data", str(data_folder)]
    return main([*arguments, "--today", TODAY, *options])


def first_row_day(path: Path) -> str:
    rows = list(csv.DictReader(path.open(encoding="utf-8")))
    return rows[0]["date"]


@pytest.mark.parametrize(("kind", "name"), [("roster", "roster.csv"), ("gaps", "hull.csv")])
def test_existing_file_is_kept(
    data_folder: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str], kind: str, name: str
) -> None:
    """An existing --out file is left as it was, and the error names the way out."""
    out = tmp_path / name
    out.write_text(OLD_CONTENT, encoding="utf-8")

    exit_code = export(kind, out, data_folder)

    stem = name.removesuffix(".csv")
    assert exit_code == 2
    assert capsys.readouterr().err == (
        f"vaktbot: {out} finnes allerede, så ingenting ble skrevet, og filen er uendret. Gi "
        f"--out en annen fil eller mappe, for eksempel --out {tmp_path / stem}-2027-01-04.csv, "
        "eller legg til --overwrite for å erstatte den.\n"
    )
    assert out.read_text(encoding="utf-8") == OLD_CONTENT


def test_existing_file_in_out_folder_is_kept(
    data_folder: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """A folder as --out keeps the roster.csv already in it."""
    (tmp_path / "roster.csv").write_text(OLD_CONTENT, encoding="utf-8")

    exit_code = export("roster", tmp_path, data_folder)

    assert exit_code == 2
    assert "roster.csv finnes allerede" in capsys.readouterr().err
    assert (tmp_path / "roster.csv").read_text(encoding="utf-8") == OLD_CONTENT


def test_symbolic_link_at_out_is_not_followed(
    data_folder: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """A link at --out to another file counts as an existing file, and its target is kept."""
    target = tmp_path / "annen.csv"
    target.write_text(OLD_CONTENT, encoding="utf-8")
    out = tmp_path / "roster.csv"
    out.symlink_to(target)

    exit_code = export("roster", out, data_folder)

    assert exit_code == 2
    assert "finnes allerede" in capsys.readouterr().err
    assert target.read_text(encoding="utf-8") == OLD_CONTENT


@pytest.mark.parametrize("kind", ["roster", "gaps"])
def test_overwrite_replaces_the_file(
    data_folder: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str], kind: str
) -> None:
    """--overwrite replaces an existing file, says so, and leaves no temporary file."""
    out = tmp_path / "eksport.csv"
    out.write_text(OLD_CONTENT, encoding="utf-8")
    out.chmod(0o644)

    exit_code = export(kind, out, data_folder, "--overwrite")

    printed = capsys.readouterr().out.splitlines()
    assert exit_code == 0
    assert printed[1] == "Den tidligere filen på denne stien ble erstattet."
    assert out.read_text(encoding="utf-8") != OLD_CONTENT
    assert out.stat().st_mode & 0o777 == 0o600
    assert sorted(path.name for path in tmp_path.iterdir()) == ["data", "eksport.csv"]


def test_default_is_the_roster_in_force_today(
    data_folder: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """Today's published roster is written, and the later ones are listed with --period."""
    out = tmp_path / "turnus.csv"

    exit_code = export("roster", out, data_folder)

    assert exit_code == 0
    assert capsys.readouterr().out.splitlines() == [
        EXPORTED_JANUARY.format(path=out),
        *LATER_ROSTERS_LINES,
    ]
    assert first_row_day(out) == "2027-01-04"


@pytest.mark.parametrize(
    ("period", "expected_first_day"),
    [
        pytest.param("2027-01-18", "2027-01-18", id="first-day"),
        pytest.param("2027-01-25", "2027-01-18", id="a-later-day"),
        pytest.param("2027-02-01", "2027-02-01", id="the-draft"),
        pytest.param("2027-01-04", "2027-01-04", id="the-current-one"),
    ],
)
def test_period_chooses_the_roster_with_that_day(
    data_folder: Path, tmp_path: Path, period: str, expected_first_day: str
) -> None:
    """--period writes the roster whose days include it."""
    out = tmp_path / "turnus.csv"

    exit_code = export("roster", out, data_folder, "--period", period)

    assert exit_code == 0
    assert first_row_day(out) == expected_first_day


def test_gaps_follow_the_period(
    data_folder: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """`export gaps --period` counts the gaps of the chosen roster."""
    out = tmp_path / "hull.csv"

    exit_code = export("gaps", out, data_folder, "--period", "2027-01-18")

    assert exit_code == 0
    assert "turnusen fra mandag 18. januar 2027 til søndag 31. januar 2027" in (
        capsys.readouterr().out
    )
    assert first_row_day(out) == "2027-01-18"


def test_period_outside_every_roster_lists_them(
    data_folder: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """A --period no roster includes is an error that lists the rosters, and writes nothing."""
    out = tmp_path / "turnus.csv"

    exit_code = export("roster", out, data_folder, "--period", "2027-03-01")

    assert exit_code == 2
    assert capsys.readouterr().err.splitlines() == [
        "vaktbot: Ingen turnus eller turnusutkast for Fjordheim sykehjem, avdeling 2 omfatter "
        "mandag 1. mars 2027. Gi --period den første dagen i en av turnusene:",
        "  • den publiserte turnusen fra mandag 4. januar 2027 til søndag 17. januar 2027: "
        "--period 2027-01-04",
        *LATER_ROSTERS_LINES[1:],
    ]
    assert not out.exists()


def test_no_roster_today_among_several_lists_them(
    data_folder: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """On a day between or after the rosters, the choice is the user's, with the list."""
    out = tmp_path / "turnus.csv"

    exit_code = main(
        [
            "export",
            "roster",
            "--unit",
            UNIT,
            "--out",
            str(out),
            "--data",
            str(data_folder),
            "--today",
            "2027-03-10",
        ]
    )

    errors = capsys.readouterr().err.splitlines()
    assert exit_code == 2
    assert errors[0] == (
        "vaktbot: Ingen turnus for Fjordheim sykehjem, avdeling 2 gjelder i dag, onsdag "
        "10. mars 2027, og den har flere. Velg en med --period og dens første dag:"
    )
    assert len(errors) == 4
    assert not out.exists()


def test_invalid_period_is_refused_with_an_example(
    data_folder: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """A --period that is not a date exits 2 with an example, before anything is written."""
    with pytest.raises(SystemExit) as exit_info:
        export("roster", tmp_path / "turnus.csv", data_folder, "--period", "uke 3")

    assert exit_info.value.code == 2
    assert "«uke 3» er ikke en dato; skriv den som år-måned-dag, f.eks. 2027-01-04" in (
        capsys.readouterr().err
    )


@pytest.mark.parametrize("locale", ["nn", "en"])
def test_export_choices_in_other_languages(locale: str) -> None:
    """The messages about an existing file and an unclear roster are in every catalog."""
    translator = Translator.for_locale(locale)
    english = Translator.for_locale("en")

    existing = translator.gettext(EXISTING_OUT_FILE, path="a.csv", example="b.csv")
    unclear = translator.gettext(NO_ROSTER_TODAY, unit="Avdeling 3", day="10. mars")

    assert "--overwrite" in existing
    assert "--period" in unclear
    if locale != "en":
        assert existing != english.gettext(EXISTING_OUT_FILE, path="a.csv", example="b.csv")


def test_period_in_two_rosters_lists_both(
    data_folder: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """A day in both a published roster and a newer draft is unclear, and both are listed."""
    add_roster(data_folder, dt.date(2027, 1, 25), 14, RosterStatus.DRAFT)
    out = tmp_path / "turnus.csv"

    exit_code = export("roster", out, data_folder, "--period", "2027-01-26")

    assert exit_code == 2
    assert capsys.readouterr().err.splitlines() == [
        "vaktbot: Flere turnuser for Fjordheim sykehjem, avdeling 2 omfatter tirsdag 26. januar "
        "2027. Gi --period den første dagen i den du vil ha:",
        "  • den publiserte turnusen fra mandag 18. januar 2027 til søndag 31. januar 2027: "
        "--period 2027-01-18",
        "  • turnusutkastet fra mandag 25. januar 2027 til søndag 7. februar 2027: "
        "--period 2027-01-25",
    ]
    assert not out.exists()


@pytest.fixture(scope="module")
def planned_ward(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, Roster]:
    """The demo ward with its six weeks from 4 January 2027 planned by the solver and published."""
    from vaktbot.app import services
    from vaktbot.demo import publish_backdrop_roster, repeatable_services

    folder = tmp_path_factory.mktemp("planned")
    database = fresh_database(folder)
    try:
        ward = seed_ward(database, dt.date(2027, 1, 6))
        settings = Settings(data_folder=folder, database_url=str(database.url))
        roster = publish_backdrop_roster(ward, repeatable_services(services(settings)))
    finally:
        database.dispose()
    return folder, roster


def chat(data_folder: Path, name: str, today: dt.date, *lines: str) -> None:
    with pytest.MonkeyPatch.context() as monkeypatch:
        monkeypatch.setattr("sys.stdin", io.StringIO("\n".join([*lines, "/avslutt"]) + "\n"))
        main(["chat", "--as", name, "--data", str(data_folder), "--today", today.isoformat()])


@pytest.mark.slow
def test_sick_yesterday_roster_passes_check(
    planned_ward: tuple[Path, Roster], tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """A sick report for yesterday's day shift leaves an exported roster that `check` accepts."""
    data_folder, roster = planned_ward
    database = open_database(Settings.from_environment(str(data_folder)))
    with database.store() as store:
        (eirik,) = store.employees.find_by_name(roster.unit_id, "Eirik Dahl")
    database.dispose()
    sick_day = min(
        a.day
        for a in roster.assignments
        if a.employee_id == eirik.id and a.shift_code == "D" and a.day < roster.end
    )
    today = sick_day + dt.timedelta(days=1)
    out = tmp_path / "turnus.csv"

    chat(data_folder, "Eirik Dahl", today, "Jeg var syk i går", "ja")
    chatted = capsys.readouterr().out
    arguments = ["export", "roster", "--unit", UNIT, "--out", str(out), "--data", str(data_folder)]
    export_code = main([*arguments, "--today", today.isoformat()])
    capsys.readouterr()
    check_code = main(["check", str(out), "--unit", UNIT, "--data", str(data_folder)])
    checked = capsys.readouterr().out

    assert export_code == 0
    assert "FEIL" not in checked
    assert check_code == 0
    assert (
        f"Vakten D {Translator.for_locale('nb').date(sick_day)} er tatt ut av turnusen" in chatted
    )
