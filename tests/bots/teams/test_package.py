"""The Teams app package: a manifest Teams accepts, two icons of the right size, listings."""

from __future__ import annotations

import json
import struct
import zipfile
import zlib
from pathlib import Path

import pytest

from bots.teams.package import PackageError, PackageOptions, build_package
from tests.bots.teams.teams_fakes import APP_ID
from vaktbot.cli import main

WEBSITE = "https://vakt.fjordheim.example"


def png_pixels(data: bytes) -> tuple[int, int, list[bytes]]:
    """Return width, height and the RGBA rows of an unfiltered 8-bit RGBA PNG."""
    assert data[:8] == b"\x89PNG\r\n\x1a\n"
    width, height = struct.unpack(">II", data[16:24])
    offset, compressed = 8, b""
    while offset < len(data):
        (length,) = struct.unpack(">I", data[offset : offset + 4])
        kind = data[offset + 4 : offset + 8]
        if kind == b"IDAT":
            compressed += data[offset + 8 : offset + 8 + length]
        offset += 12 + length
    raw = zlib.decompress(compressed)
    stride = width * 4 + 1
    rows = [raw[y * stride + 1 : (y + 1) * stride] for y in range(height)]
    return width, height, rows


@pytest.fixture
def package(tmp_path: Path) -> zipfile.ZipFile:
    path = build_package(
        PackageOptions(app_id=APP_ID, website_url=WEBSITE), tmp_path / "vaktbot-teams.zip"
    )
    return zipfile.ZipFile(path)


def test_package_contains_manifest_icons_and_listings(package: zipfile.ZipFile) -> None:
    """The zip has the manifest at its root, both icons and the nn and en listings."""
    assert sorted(package.namelist()) == [
        "color.png",
        "en-us.json",
        "manifest.json",
        "nn-no.json",
        "outline.png",
    ]


def test_manifest_names_the_bot_and_its_scopes(package: zipfile.ZipFile) -> None:
    """The bot id is the app id, in personal chat, teams and group chats."""
    manifest = json.loads(package.read("manifest.json"))

    assert manifest["manifestVersion"] == "1.19"
    assert manifest["id"] == APP_ID
    (bot,) = manifest["bots"]
    assert bot["botId"] == APP_ID
    assert bot["scopes"] == ["personal", "team", "groupChat"]
    assert manifest["icons"] == {"color": "color.png", "outline": "outline.png"}
    assert manifest["developer"]["privacyUrl"] == WEBSITE


def test_manifest_lets_the_bot_send_files(package: zipfile.ZipFile) -> None:
    """Without supportsFiles, Teams shows no file-consent card for a roster's CSV file."""
    manifest = json.loads(package.read("manifest.json"))

    (bot,) = manifest["bots"]
    assert bot["supportsFiles"] is True


def listings_of(package: zipfile.ZipFile) -> dict[str, dict[str, str]]:
    """Return every language's listing and command list in the localization file's keys."""
    manifest = json.loads(package.read("manifest.json"))
    commands = manifest["bots"][0]["commandLists"][0]["commands"]
    default = {
        "name.short": manifest["name"]["short"],
        "name.full": manifest["name"]["full"],
        "description.short": manifest["description"]["short"],
        "description.full": manifest["description"]["full"],
    }
    for index, command in enumerate(commands):
        default[f"bots[0].commandLists[0].commands[{index}].title"] = command["title"]
        default[f"bots[0].commandLists[0].commands[{index}].description"] = command["description"]
    listings = {"nb-no": default}
    for language in ("nn-no", "en-us"):
        listing = json.loads(package.read(f"{language}.json"))
        del listing["$schema"]
        listings[language] = listing
    return listings


# The maximum lengths in app manifest schema 1.19.
LIMITS = {
    "name.short": 30,
    "name.full": 100,
    "description.short": 80,
    "description.full": 4000,
    "title": 32,
    "description": 128,
}


def test_manifest_respects_teams_length_limits(package: zipfile.ZipFile) -> None:
    """Every listing text and command fits the schema's limit, in every language."""
    for language, listing in listings_of(package).items():
        for key, text in listing.items():
            limit = LIMITS[key] if key in LIMITS else LIMITS[key.rsplit(".", 1)[-1]]
            assert len(text) <= limit, f"{language} {key} is {len(text)} characters"


def test_command_list_in_each_language(package: zipfile.ZipFile) -> None:
    """The command list is bokmål, nynorsk and English, each in its own listing."""
    titles = {
        language: [
            listing[f"bots[0].commandLists[0].commands[{index}].title"] for index in range(3)
        ]
        for language, listing in listings_of(package).items()
    }

    assert titles == {
        "nb-no": ["hjelp", "Når jobber jeg neste uke?", "Jeg er syk i dag"],
        "nn-no": ["hjelp", "Når jobbar eg neste veke?", "Eg er sjuk i dag"],
        "en-us": ["help", "When do I work next week?", "I am sick today"],
    }


def test_manifest_keeps_norwegian_letters(package: zipfile.ZipFile) -> None:
    """æøå are written as UTF-8, not escaped."""
    text = package.read("nn-no.json").decode("utf-8")

    assert "sjukefråvær" in text


def test_color_icon_is_192_pixels(package: zipfile.ZipFile) -> None:
    width, height, _rows = png_pixels(package.read("color.png"))

    assert (width, height) == (192, 192)


def test_outline_icon_is_white_on_transparent(package: zipfile.ZipFile) -> None:
    """Teams requires the 32×32 outline icon to use white and transparency only."""
    width, height, rows = png_pixels(package.read("outline.png"))

    assert (width, height) == (32, 32)
    pixels = {row[x : x + 4] for row in rows for x in range(0, len(row), 4)}
    assert pixels == {b"\xff\xff\xff\xff", b"\x00\x00\x00\x00"}


@pytest.mark.parametrize(
    ("options", "expected_error"),
    [
        pytest.param(
            PackageOptions(app_id="vaktbot", website_url=WEBSITE),
            "app id «vaktbot» is invalid",
            id="app id",
        ),
        pytest.param(
            PackageOptions(app_id=APP_ID, website_url="http://vakt.example"),
            "https",
            id="http website",
        ),
        pytest.param(
            PackageOptions(app_id=APP_ID, website_url=WEBSITE, version="1.0"),
            "version «1.0» is invalid",
            id="version",
        ),
        pytest.param(
            PackageOptions(
                app_id=APP_ID,
                website_url=WEBSITE,
                developer_name="Fjordheim kommune, helse og omsorg",
            ),
            "has 34 characters, but Teams allows at most 32",
            id="long developer",
        ),
        pytest.param(
            PackageOptions(app_id=APP_ID, website_url=WEBSITE, developer_name="  "),
            "publisher name",
            id="blank developer",
        ),
        pytest.param(
            PackageOptions(app_id=APP_ID, website_url=WEBSITE + "/" + "a" * 2048),
            "at most 2048",
            id="long URL",
        ),
    ],
)
def test_invalid_options_are_rejected(
    tmp_path: Path, options: PackageOptions, expected_error: str
) -> None:
    with pytest.raises(PackageError, match=expected_error):
        build_package(options, tmp_path / "pakke.zip")
    assert not (tmp_path / "pakke.zip").exists()


def test_command_writes_the_package(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    """`vaktbot teams package` builds the zip and says where it is."""
    out = tmp_path / "vaktbot-teams.zip"

    status = main(
        ["teams", "package", "--out", str(out), "--app-id", APP_ID, "--website-url", WEBSITE]
    )

    assert status == 0
    assert zipfile.is_zipfile(out)
    assert capsys.readouterr().out == f"Skrev Teams-apppakken {out}.\n"


def test_command_without_app_id_explains(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.delenv("TEAMS_APP_ID", raising=False)

    status = main(["teams", "package", "--out", str(tmp_path / "x.zip"), "--website-url", WEBSITE])

    assert status == 2
    assert capsys.readouterr().err == (
        "vaktbot: App-id-en mangler: bruk --app-id eller sett TEAMS_APP_ID.\n"
    )


def test_developer_name_of_32_characters_fits(tmp_path: Path) -> None:
    """A publisher name of exactly 32 characters is written to the manifest."""
    name = "Fjordheim kommune, helse og oms."
    assert len(name) == 32

    path = build_package(
        PackageOptions(app_id=APP_ID, website_url=WEBSITE, developer_name=name),
        tmp_path / "pakke.zip",
    )

    manifest = json.loads(zipfile.ZipFile(path).read("manifest.json"))
    assert manifest["developer"]["name"] == name


def test_command_rejects_long_developer_name(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """`--developer` longer than Teams allows exits 2 with the length and the limit."""
    status = main(
        [
            "teams",
            "package",
            "--out",
            str(tmp_path / "x.zip"),
            "--app-id",
            APP_ID,
            "--website-url",
            WEBSITE,
            "--developer",
            "Fjordheim kommune, helse og omsorg",
        ]
    )

    assert status == 2
    assert capsys.readouterr().err == (
        "vaktbot: Utgivernavnet (--developer) «Fjordheim kommune, helse og omsorg» har 34 "
        "tegn, men Teams tillater høyst 32: bruk en kortere form av navnet.\n"
    )
    assert not (tmp_path / "x.zip").exists()


def test_too_long_listing_text_rejected(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """A listing text edited beyond Teams' limit stops the build instead of the upload."""
    from bots.teams import package as package_module

    listing = {**package_module.LISTINGS["en-us"], "description.short": "x" * 81}
    monkeypatch.setitem(package_module.LISTINGS, "en-us", listing)

    with pytest.raises(PackageError, match=r"en-us description\.short"):
        build_package(PackageOptions(app_id=APP_ID, website_url=WEBSITE), tmp_path / "pakke.zip")
