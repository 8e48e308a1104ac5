"""The HR import: every row checked, line-numbered errors, nothing half-imported."""

from __future__ import annotations

import pytest

from core.employees import Position, Role
from core.i18n import Translator
from core.imports import ImportFailed, read_employees

HEADER = "navn;stillingsprosent;stilling;kompetanse;epost;kun_natt;rolle\n"


def errors_of(content: str, encoding: str = "utf-8") -> list[str]:
    with pytest.raises(ImportFailed) as failure:
        read_employees(content.encode(encoding), unit_id=1)
    return [error.render(Translator("nb")) for error in failure.value.errors]


def test_valid_file_gives_employees() -> None:
    """Each row becomes an employee with position, percent, competences and roles."""
    content = HEADER + (
        "Kari Nordmann;80;sykepleier;medisinansvar;kari@example.no;nei;\n"
        "Ola Nordmann;100 %;helsefagarbeider;medisinkurs, forflytning;;ja;planlegger\n"
    )

    kari, ola = read_employees(content.encode(), unit_id=7)

    assert kari.name == "Kari Nordmann"
    assert kari.position == Position.NURSE
    assert kari.position_percent == 80
    assert kari.competences == frozenset({"medisinansvar"})
    assert kari.email == "kari@example.no"
    assert kari.unit_id == 7
    assert ola.position_percent == 100
    assert ola.night_only is True
    assert ola.competences == frozenset({"medisinkurs", "forflytning"})
    assert ola.roles == frozenset({Role.EMPLOYEE, Role.PLANNER})


def test_ansatt_with_another_role_is_rejected() -> None:
    """A rolle cell with «ansatt» and «leder» contradicts itself, so the row is named."""
    content = HEADER + "Kari Nordmann;80;sykepleier;;;nei;ansatt, leder\n"

    assert errors_of(content) == [
        "Linje 2: rolle «ansatt, leder» har både ansatt, som betyr ingen rolle utover ansatt, "
        "og leder. En leder er også ansatt, så skriv bare leder."
    ]


@pytest.mark.parametrize(
    ("locale", "expected"),
    [
        (
            "nn",
            "Linje 2: rolle «ansatt, leder» har både ansatt, som tyder inga rolle utover "
            "tilsett, og leder. Ein leder er òg tilsett, så skriv berre leder.",
        ),
        (
            "en",
            "Line 2: rolle «ansatt, leder» names both ansatt, which means no role beyond "
            "employee, and leder. A leder is an employee too, so write only leder.",
        ),
    ],
    ids=["nn", "en"],
)
def test_ansatt_with_another_role_in_other_languages(locale: str, expected: str) -> None:
    """The contradicting rolle cell is named the same way in the nynorsk and English catalogs."""
    content = HEADER + "Kari Nordmann;80;sykepleier;;;nei;ansatt, leder\n"

    with pytest.raises(ImportFailed) as failure:
        read_employees(content.encode(), unit_id=1)

    (error,) = failure.value.errors
    assert error.render(Translator(locale)) == expected


def test_windows_1252_with_commas_is_read() -> None:
    """A file from Norwegian Excel in Windows-1252 keeps its æøå."""
    content = "navn,stillingsprosent,stilling,kompetanse\nBjørn Ås,60,sykepleier,\n"

    (employee,) = read_employees(content.encode("cp1252"), unit_id=1)

    assert employee.name == "Bjørn Ås"


def test_bad_rows_are_reported_by_line_number() -> None:
    """Every bad row is named with its line, its value and what to write instead."""
    content = HEADER + (
        "Kari Nordmann;80;sykepleier;;;;\n"
        "Ola Nordmann;hundre;helsefagarbeider;;;;\n"
        ";50;assistent;;;;\n"
        "Per Hansen;120;lege;;ikke-en-epost;kanskje;sjef\n"
    )

    actual = errors_of(content)

    assert actual[0].startswith("Linje 3: ")
    assert "«hundre»" in actual[0]
    assert actual[1].startswith("Linje 4: ")
    assert [line.split(":")[0] for line in actual[2:]] == ["Linje 5"] * 5


def test_missing_columns_name_the_header() -> None:
    """A file without the required columns says which are missing."""
    actual = errors_of("navn;prosent\nKari;80\n")

    assert actual == [
        "Linje 1: overskriftsraden mangler kolonnene stillingsprosent, stilling, kompetanse. "
        "Overskriftsraden må være: navn;stillingsprosent;stilling;kompetanse"
    ]


@pytest.mark.parametrize(
    "content",
    [
        pytest.param("", id="empty"),
        pytest.param("\n\n", id="blank-lines"),
        pytest.param(HEADER, id="header-only"),
    ],
)
def test_empty_files_are_rejected(content: str) -> None:
    """A file without employees is an error, not an empty import."""
    assert len(errors_of(content)) == 1


def test_duplicate_names_are_rejected() -> None:
    """The same person twice in a file is an error on the second line."""
    content = HEADER + "Kari Nordmann;80;sykepleier;;;;\nkari nordmann;60;sykepleier;;;;\n"

    (actual,) = errors_of(content)

    assert actual.startswith("Linje 3: ")


def test_existing_staff_is_rejected() -> None:
    """Importing a person already on the unit fails, so a repeated import adds nobody."""
    content = HEADER + "Kari Nordmann;80;sykepleier;;;;\n"

    with pytest.raises(ImportFailed) as failure:
        read_employees(content.encode(), 1, existing_names=frozenset({"kari nordmann"}))

    assert [error.line for error in failure.value.errors] == [2]


def test_extra_cells_are_rejected() -> None:
    """A row with more cells than the header is reported, not silently cut."""
    content = "navn;stillingsprosent;stilling;kompetanse\nKari;80;sykepleier;;ekstra\n"

    (actual,) = errors_of(content)

    assert actual.startswith("Linje 2: ")


def test_duplicate_emails_are_rejected() -> None:
    """An e-mail address used twice, or already used by staff, is refused by line."""
    content = HEADER + (
        "Kari Nordmann;80;sykepleier;;kari@example.no;;\n"
        "Kari Hansen;60;sykepleier;;KARI@example.no;;\n"
        "Ola Nordmann;60;sykepleier;;ola@example.no;;\n"
    )

    with pytest.raises(ImportFailed) as failure:
        read_employees(content.encode(), 1, existing_emails=frozenset({"ola@example.no"}))

    assert [error.line for error in failure.value.errors] == [3, 4]


def test_file_neither_utf8_nor_windows_1252_is_rejected() -> None:
    """Bytes no Windows-1252 text has (0x81) are named by line, with how to save the file."""
    content = b"navn;stillingsprosent;stilling;kompetanse\nA B;50;assistent;\n\x81;50;assistent;\n"

    with pytest.raises(ImportFailed) as failure:
        read_employees(content, unit_id=1)

    actual = [error.render(Translator("nb")) for error in failure.value.errors]
    assert actual == [
        "Linje 3: filen er verken UTF-8-, UTF-16- eller Windows-1252-tekst (byte 81). Lagre den "
        "som UTF-8, i Excel som «CSV UTF-8», og prøv igjen."
    ]


def test_binary_file_is_rejected_as_not_text() -> None:
    """A binary file with NUL bytes is named as no text, not as a header without columns."""
    content = b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR\x00\x00\x00\x01"

    with pytest.raises(ImportFailed) as failure:
        read_employees(content, unit_id=1)

    actual = [error.render(Translator("nb")) for error in failure.value.errors]
    assert actual == [
        "Linje 3: filen er verken UTF-8-, UTF-16- eller Windows-1252-tekst (byte 00). Lagre den "
        "som UTF-8, i Excel som «CSV UTF-8», og prøv igjen."
    ]


def test_utf16_file_with_byte_order_mark_is_read() -> None:
    """Excel's «Unicode text» (UTF-16 with a byte-order mark) is read like UTF-8."""
    content = "navn;stillingsprosent;stilling;kompetanse\nÅse Ødegård;50;assistent;\n".encode(
        "utf-16"
    )

    (employee,) = read_employees(content, unit_id=1)

    assert employee.name == "Åse Ødegård"


@pytest.mark.parametrize(
    ("row", "expected"),
    [
        pytest.param(
            "Kari Nordmann;80\n",
            "Linje 2: raden har for få felt: 2 av 4. Sjekk at det "
            "står et skilletegn mellom alle kolonnene.",
            id="two of four",
        ),
        pytest.param(
            "Kari Nordmann\n",
            "Linje 2: raden har for få felt: 1 av 4. Sjekk at det "
            "står et skilletegn mellom alle kolonnene.",
            id="name only",
        ),
    ],
)
def test_row_with_too_few_fields_is_named(row: str, expected: str) -> None:
    """A short row is reported as short, not as an empty stilling."""
    actual = errors_of("navn;stillingsprosent;stilling;kompetanse\n" + row)

    assert actual == [expected]


def test_missing_optional_cells_at_the_end_read_as_empty() -> None:
    """A row may leave out the optional columns at its end, as a hand-written file does."""
    content = HEADER + "Kari Nordmann;80;sykepleier;medisinansvar\n"

    (employee,) = read_employees(content.encode(), unit_id=1)

    assert employee.email is None
    assert employee.night_only is False


def test_one_missing_column_is_named_in_the_singular() -> None:
    """One missing column is «kolonnen», several «kolonnene»."""
    actual = errors_of("navn;stillingsprosent;stilling\nKari;80;sykepleier\n")

    assert actual == [
        "Linje 1: overskriftsraden mangler kolonnen kompetanse. "
        "Overskriftsraden må være: navn;stillingsprosent;stilling;kompetanse"
    ]
