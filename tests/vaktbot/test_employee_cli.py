"""`vaktbot employee role`, and how `import employees --update` reads empty and «-» cells."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest

from core.employees import Employee, Role
from core.errors import UserError
from core.i18n import Translator
from core.setup import do_set_roles
from storage.crypto import load_or_create_key_file
from storage.database import Database
from storage.values import AuditEntry
from vaktbot.cli import main
from vaktbot.demo import UNIT, fresh_database, seed_ward

MANAGER = "Marit Solberg"
NO_MANAGER_LEFT = (
    f"{UNIT} har ingen leder igjen som kan godkjenne forespørsler. Gi noen rollen leder med: "
    f'vaktbot employee role NAVN leder --unit "{UNIT}"'
)


@pytest.fixture
def data_folder(tmp_path: Path) -> Path:
    """A data folder with the demo ward, where Marit Solberg is the only leader."""
    database = fresh_database(tmp_path)
    seed_ward(database, dt.date(2027, 1, 6))
    database.dispose()
    return tmp_path


def stored(folder: Path, name: str) -> tuple[Employee, list[AuditEntry]]:
    """Return the employee called `name` and the audit entries about her roles."""
    database = Database(
        f"sqlite:///{folder / 'vaktbot.db'}", load_or_create_key_file(folder / "vaktbot.key")
    )
    try:
        with database.store() as store:
            unit = store.organisations.find_unit_by_name(None, UNIT)
            assert unit is not None
            (employee,) = store.employees.find_by_name(unit.id, name)
            entries = [
                entry
                for entry in store.audit.list("employee", employee.id)
                if entry.action == "update_roles"
            ]
    finally:
        database.dispose()
    return employee, entries


def set_role(folder: Path, name: str, *roles: str) -> int:
    return main(["employee", "role", name, *roles, "--unit", UNIT, "--data", str(folder)])


def test_role_leader_is_set_and_audited(
    data_folder: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """Giving Kari the leder role prints the change and writes it to the audit log."""
    exit_code = set_role(data_folder, "Kari Nordmann", "leder")

    kari, entries = stored(data_folder, "Kari Nordmann")
    assert exit_code == 0
    assert capsys.readouterr().out == (
        f"Rollene til Kari Nordmann i {UNIT} er nå: leder (før: ansatt).\n"
    )
    assert kari.roles == frozenset({Role.EMPLOYEE, Role.MANAGER})
    (entry,) = entries
    assert entry.details == {"roles": ["employee", "manager"], "previous_roles": ["employee"]}


@pytest.mark.parametrize(
    ("words", "expected"),
    [
        (["leder", "planlegger"], {Role.EMPLOYEE, Role.MANAGER, Role.PLANNER}),
        (["leder,planlegger"], {Role.EMPLOYEE, Role.MANAGER, Role.PLANNER}),
        (["Admin"], {Role.EMPLOYEE, Role.ADMIN}),
        (["leiar"], {Role.EMPLOYEE, Role.MANAGER}),
        (["turnusansvarlig"], {Role.EMPLOYEE, Role.PLANNER}),
    ],
    ids=["two words", "comma list", "capital letter", "nynorsk", "turnusansvarlig"],
)
def test_role_words_are_read(data_folder: Path, words: list[str], expected: set[Role]) -> None:
    """The role words are those of the HR file's rolle column, in any case and list form."""
    assert set_role(data_folder, "Kari Nordmann", *words) == 0

    assert stored(data_folder, "Kari Nordmann")[0].roles == frozenset(expected)


def test_same_roles_change_nothing(data_folder: Path, capsys: pytest.CaptureFixture[str]) -> None:
    """Setting the roles Marit already has says so and writes no audit entry."""
    exit_code = set_role(data_folder, MANAGER, "leder")

    assert exit_code == 0
    assert capsys.readouterr().out == (
        f"{MANAGER} i {UNIT} har allerede rollene: leder. Ingenting er endret.\n"
    )
    assert stored(data_folder, MANAGER)[1] == []


def test_last_leader_removed_warns(data_folder: Path, capsys: pytest.CaptureFixture[str]) -> None:
    """Setting Marit, the only leader, to ansatt works and says who must step in."""
    exit_code = set_role(data_folder, MANAGER, "ansatt")

    assert exit_code == 0
    assert capsys.readouterr().out.splitlines() == [
        f"Rollene til {MANAGER} i {UNIT} er nå: ansatt (før: leder).",
        NO_MANAGER_LEFT,
    ]
    assert stored(data_folder, MANAGER)[0].roles == frozenset({Role.EMPLOYEE})


@pytest.mark.parametrize("word", ["sjef", ",", "lederr"])
def test_unknown_role_is_rejected(
    data_folder: Path, word: str, capsys: pytest.CaptureFixture[str]
) -> None:
    """A word that is no role changes nothing and says which words to write."""
    exit_code = set_role(data_folder, "Kari Nordmann", word)

    assert exit_code == 2
    assert capsys.readouterr().err == (
        f"vaktbot: «{word}» er ingen rolle. Skriv leder, turnusansvarlig, admin eller ansatt "
        "(ingen rolle utover ansatt), for eksempel: vaktbot employee role "
        f'"Kari Nordmann" leder --unit "{UNIT}"\n'
    )
    assert stored(data_folder, "Kari Nordmann")[1] == []


@pytest.mark.parametrize(
    ("words", "plain", "other"),
    [
        (["ansatt", "leder"], "ansatt", "leder"),
        (["leder,ansatt"], "ansatt", "leder"),
        (["tilsett", "turnusansvarlig"], "tilsett", "turnusansvarlig"),
    ],
    ids=["ansatt-leder", "comma list", "nynorsk"],
)
def test_ansatt_with_another_role_is_rejected(
    data_folder: Path, words: list[str], plain: str, other: str, capsys: pytest.CaptureFixture[str]
) -> None:
    """«ansatt» means no role beyond employee, so with another role it changes nothing."""
    exit_code = set_role(data_folder, "Kari Nordmann", *words)

    assert exit_code == 2
    assert capsys.readouterr().err == (
        f"vaktbot: «{plain}» betyr ingen rolle utover ansatt, så det kan ikke gis sammen med "
        f"«{other}». En {other} er også ansatt. Skriv bare rollene utover ansatt, for "
        f'eksempel: vaktbot employee role "Kari Nordmann" {other} --unit "{UNIT}", eller bare '
        f"{plain} for å ta bort de andre rollene.\n"
    )
    kari, entries = stored(data_folder, "Kari Nordmann")
    assert kari.roles == frozenset({Role.EMPLOYEE})
    assert entries == []


def test_misspelled_name_gets_suggestion(
    data_folder: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """A name that is close to one on the unit is answered with that name."""
    exit_code = set_role(data_folder, "Kari Normann", "leder")

    assert exit_code == 2
    assert capsys.readouterr().err == (
        f"vaktbot: {UNIT} har ingen aktiv ansatt som heter «Kari Normann». "
        "Navnene som ligner mest, er: «Kari Nordmann».\n"
    )


def test_empty_name_asks_for_full_name(
    data_folder: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """An empty name is answered with what to write."""
    exit_code = set_role(data_folder, " ", "leder")

    assert exit_code == 2
    assert capsys.readouterr().err == (
        "vaktbot: Navnet på den ansatte er tomt. Skriv hele navnet, for eksempel «Kari Nordmann».\n"
    )


def test_unknown_unit_lists_known_units(
    data_folder: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """A unit name nobody has is answered with the units there are."""
    exit_code = main(
        [
            "employee",
            "role",
            "Kari Nordmann",
            "leder",
            "--unit",
            "Avd 9",
            "--data",
            str(data_folder),
        ]
    )

    assert exit_code == 2
    assert capsys.readouterr().err == (
        f"vaktbot: Ingen avdeling heter «Avd 9». Kjente avdelinger: «{UNIT}».\n"
    )


def update_from(folder: Path, tmp_path: Path, rows: str) -> int:
    hr_file = tmp_path / "oppdatering.csv"
    hr_file.write_text("navn;stillingsprosent;stilling;kompetanse;rolle\n" + rows, "utf-8")
    return main(
        ["import", "employees", str(hr_file), "--unit", UNIT, "--update", "--data", str(folder)]
    )


def test_update_applies_rolle_column(
    data_folder: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """An HR file with a rolle column sets the roles it names, audited, and says so."""
    kari, _ = stored(data_folder, "Kari Nordmann")
    competences = ", ".join(sorted(kari.competences))
    row = f"Kari Nordmann;{kari.position_percent};{kari.position.value};{competences};leder\n"

    exit_code = update_from(data_folder, tmp_path, row)

    kari, entries = stored(data_folder, "Kari Nordmann")
    printed = capsys.readouterr().out.splitlines()
    assert exit_code == 0
    assert "Oppdaterte Kari Nordmann: rolle." in printed
    assert "Endret rollene til Kari Nordmann fra ansatt til leder." in printed
    assert kari.roles == frozenset({Role.EMPLOYEE, Role.MANAGER})
    assert len(entries) == 1


def test_update_dash_rolle_cell_removes_role(
    data_folder: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """A rolle cell «-» leaves the employee role only, with a warning that no leader is left."""
    marit, _ = stored(data_folder, MANAGER)
    row = f"{MANAGER};{marit.position_percent};{marit.position.value};;-\n"

    exit_code = update_from(data_folder, tmp_path, row)

    printed = capsys.readouterr().out.splitlines()
    assert exit_code == 0
    assert f"Endret rollene til {MANAGER} fra leder til ansatt." in printed
    assert printed[-1] == NO_MANAGER_LEFT
    assert stored(data_folder, MANAGER)[0].roles == frozenset({Role.EMPLOYEE})


FULL_HEADER = "navn;stillingsprosent;stilling;kompetanse;epost;kun_natt;rolle\n"


def update_with_full_header(folder: Path, tmp_path: Path, row: str) -> int:
    hr_file = tmp_path / "oppdatering.csv"
    hr_file.write_text(FULL_HEADER + row + "\n", "utf-8")
    return main(
        ["import", "employees", str(hr_file), "--unit", UNIT, "--update", "--data", str(folder)]
    )


def test_update_empty_cells_keep_marits_email_and_role(
    data_folder: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """Marit's row with empty epost and rolle cells leaves her unchanged."""
    exit_code = update_with_full_header(
        data_folder, tmp_path, f"{MANAGER};100;avdelingsleder;;;nei;"
    )

    marit, entries = stored(data_folder, MANAGER)
    printed = capsys.readouterr().out.splitlines()
    assert exit_code == 0
    assert marit.email == "marit.solberg@fjordheim.example"
    assert marit.roles == frozenset({Role.EMPLOYEE, Role.MANAGER})
    assert entries == []
    assert printed[1:] == ["1 ansatt i filen var uendret."]


# Rows of staff with a non-default value in one optional column or kompetanse, that cell left empty.
EMPTY_CELL_ROWS = [
    pytest.param(
        "Kari Nordmann;80;sykepleier;;kari.nordmann@fjordheim.example;nei;",
        "Kari Nordmann",
        "competences",
        frozenset({"medisinansvar"}),
        id="kompetanse",
    ),
    pytest.param(
        "Turid Lie;100;sykepleier;medisinansvar;;nei;turnusansvarlig",
        "Turid Lie",
        "email",
        "turid.lie@fjordheim.example",
        id="epost",
    ),
    pytest.param(
        "Maria Eriksen;70;sykepleier;medisinansvar;maria.eriksen@fjordheim.example;;",
        "Maria Eriksen",
        "night_only",
        True,
        id="kun_natt",
    ),
    pytest.param(
        "Turid Lie;100;sykepleier;medisinansvar;turid.lie@fjordheim.example;nei;",
        "Turid Lie",
        "roles",
        frozenset({Role.EMPLOYEE, Role.PLANNER}),
        id="rolle",
    ),
]


@pytest.mark.parametrize(("row", "name", "field", "expected"), EMPTY_CELL_ROWS)
def test_update_empty_cell_keeps_stored_value(
    data_folder: Path,
    tmp_path: Path,
    capsys: pytest.CaptureFixture[str],
    row: str,
    name: str,
    field: str,
    expected: object,
) -> None:
    """An empty cell in an update keeps the stored value, so the employee is unchanged."""
    exit_code = update_with_full_header(data_folder, tmp_path, row)

    employee, _ = stored(data_folder, name)
    assert exit_code == 0
    assert getattr(employee, field) == expected
    assert capsys.readouterr().out.splitlines()[1:] == ["1 ansatt i filen var uendret."]


# Rows of staff with a non-default value in one optional column or kompetanse, that cell «-».
DASH_CELL_ROWS = [
    pytest.param(
        "Kari Nordmann;80;sykepleier;-;kari.nordmann@fjordheim.example;nei;",
        "Kari Nordmann",
        "competences",
        frozenset(),
        "kompetanse",
        id="kompetanse",
    ),
    pytest.param(
        "Turid Lie;100;sykepleier;medisinansvar;-;nei;turnusansvarlig",
        "Turid Lie",
        "email",
        None,
        "epost",
        id="epost",
    ),
    pytest.param(
        "Maria Eriksen;70;sykepleier;medisinansvar;maria.eriksen@fjordheim.example;-;",
        "Maria Eriksen",
        "night_only",
        False,
        "kun_natt",
        id="kun_natt",
    ),
]


@pytest.mark.parametrize(("row", "name", "field", "expected", "column"), DASH_CELL_ROWS)
def test_update_dash_cell_clears_stored_value(
    data_folder: Path,
    tmp_path: Path,
    capsys: pytest.CaptureFixture[str],
    row: str,
    name: str,
    field: str,
    expected: object,
    column: str,
) -> None:
    """A cell «-» in an update clears the stored value and names the column."""
    exit_code = update_with_full_header(data_folder, tmp_path, row)

    employee, _ = stored(data_folder, name)
    assert exit_code == 0
    assert getattr(employee, field) == expected
    assert f"Oppdaterte {name}: {column}." in capsys.readouterr().out.splitlines()


def test_update_without_rolle_column_keeps_roles(data_folder: Path, tmp_path: Path) -> None:
    """A file without a rolle column leaves Marit a leader."""
    hr_file = tmp_path / "oppdatering.csv"
    hr_file.write_text(
        f"navn;stillingsprosent;stilling;kompetanse\n{MANAGER};80;avdelingsleder;\n", "utf-8"
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

    marit, entries = stored(data_folder, MANAGER)
    assert exit_code == 0
    assert marit.position_percent == 80
    assert marit.roles == frozenset({Role.EMPLOYEE, Role.MANAGER})
    assert entries == []


CONTRADICTION_IN_OTHER_LANGUAGES = [
    pytest.param(
        "nn",
        "«ansatt» tyder inga rolle utover tilsett, så det kan ikkje givast saman med «leder». "
        "Ein leder er òg tilsett. Skriv berre rollene utover tilsett, til dømes: vaktbot "
        f'employee role "Kari Nordmann" leder --unit "{UNIT}", eller berre ansatt for å ta bort '
        "dei andre rollene.",
        id="nn",
    ),
    pytest.param(
        "en",
        "«ansatt» means no role beyond employee, so it cannot be given together with «leder». "
        "A leder is an employee too. Write only the roles beyond employee, for example: vaktbot "
        f'employee role "Kari Nordmann" leder --unit "{UNIT}", or only ansatt to take the other '
        "roles away.",
        id="en",
    ),
]


@pytest.mark.parametrize(("locale", "expected"), CONTRADICTION_IN_OTHER_LANGUAGES)
def test_ansatt_with_another_role_in_other_languages(
    data_folder: Path, locale: str, expected: str
) -> None:
    """The rejection of «ansatt leder» reads the same in the nynorsk and English catalogs."""
    database = Database(
        f"sqlite:///{data_folder / 'vaktbot.db'}",
        load_or_create_key_file(data_folder / "vaktbot.key"),
    )
    try:
        with database.store() as store:
            unit = store.organisations.find_unit_by_name(None, UNIT)
            assert unit is not None
            with pytest.raises(UserError) as rejected:
                do_set_roles(store, unit, "Kari Nordmann", ["ansatt", "leder"], actor_id=None)
    finally:
        database.dispose()

    assert rejected.value.render(Translator.for_locale(locale)) == expected
