"""The Teams app package: manifest.json, two icons and translations of the listing, zipped.

An administrator uploads the zip in the Teams admin center (or a user with
permission to upload custom apps does so in Teams). The manifest follows app
manifest schema 1.19; its texts are bokmål, with nynorsk and English listings in
localization files that Teams picks by the client's language.
"""

from __future__ import annotations

import argparse
import json
import os
import re
import sys
import zipfile
from dataclasses import dataclass
from pathlib import Path
from typing import Any
from urllib.parse import urlparse

from bots.teams.icons import ACCENT_HEX, color_icon, outline_icon
from core.errors import OperatorError
from core.i18n import N_, Translator

MANIFEST_VERSION = "1.19"
SCHEMA_URL = (
    f"https://developer.microsoft.com/json-schemas/teams/v{MANIFEST_VERSION}/"
    "MicrosoftTeams.schema.json"
)
LOCALIZATION_SCHEMA_URL = (
    f"https://developer.microsoft.com/json-schemas/teams/"
    f"v{MANIFEST_VERSION}/MicrosoftTeams.Localization.schema.json"
)
COLOR_ICON = "color.png"
OUTLINE_ICON = "outline.png"
DEFAULT_LANGUAGE = "nb-no"
GUID = re.compile(r"^[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}$")
SEMANTIC_VERSION = re.compile(r"^\d+\.\d+\.\d+$")
APP_ID_VARIABLE = "TEAMS_APP_ID"

# The listing in each language, with the command list Teams shows in the 1:1 chat.
# Each command's title is what the user sends when they pick it, so it is written
# as vaktbot's parser understands it in that language.
LISTINGS: dict[str, dict[str, str]] = {
    "nb-no": {
        "name.short": "vaktbot",
        "name.full": "vaktbot – turnusassistent for avdelingen",
        "description.short": "Meld fravær, bytt vakter og lag turnus i chatten.",
        "description.full": (
            "vaktbot er avdelingens turnusassistent. Meld sykefravær og ønsker, be en "
            "kollega om å bytte vakt, godkjenn bytter som leder, og la den turnusansvarlige lage "
            "en ny turnus etter arbeidsmiljølovens regler – alt i en chat. Boten leser "
            "alltid opp det den har forstått før noe endres."
        ),
    },
    "nn-no": {
        "name.short": "vaktbot",
        "name.full": "vaktbot – turnusassistent for avdelinga",
        "description.short": "Meld fråvær, byt vakter og lag turnus i chatten.",
        "description.full": (
            "vaktbot er turnusassistenten til avdelinga. Meld sjukefråvær og ønske, be ein "
            "kollega om å byte vakt, godkjenn byte som leiar, og la den turnusansvarlege lage ein "
            "ny turnus etter reglane i arbeidsmiljølova – alt i ein chat. Boten les alltid "
            "opp det han har forstått før noko vert endra."
        ),
    },
    "en-us": {
        "name.short": "vaktbot",
        "name.full": "vaktbot – rostering assistant for the ward",
        "description.short": "Report absences, swap shifts and plan rosters in chat.",
        "description.full": (
            "vaktbot is the ward's rostering assistant. Report sick leave and wishes, ask a "
            "colleague to swap a shift, approve swaps as a manager, and let the planner "
            "make a new roster that follows the Norwegian Working Environment Act – all in "
            "a chat. The bot always reads back what it understood before anything changes."
        ),
    },
}

COMMANDS: dict[str, tuple[tuple[str, str], ...]] = {
    "nb-no": (
        ("hjelp", "Vis hva vaktbot kan"),
        ("Når jobber jeg neste uke?", "Vis vaktene dine"),
        ("Jeg er syk i dag", "Meld sykefravær"),
    ),
    "nn-no": (
        ("hjelp", "Vis kva vaktbot kan"),
        ("Når jobbar eg neste veke?", "Vis vaktene dine"),
        ("Eg er sjuk i dag", "Meld sjukefråvær"),
    ),
    "en-us": (
        ("help", "Show what vaktbot can do"),
        ("When do I work next week?", "Show your shifts"),
        ("I am sick today", "Report sick leave"),
    ),
}

# The maximum lengths in app manifest schema 1.19 of the fields this package fills.
MAX_LENGTHS = {
    "developer.name": 32,
    "name.short": 30,
    "name.full": 100,
    "description.short": 80,
    "description.full": 4000,
    "command.title": 32,
    "command.description": 128,
    "url": 2048,
}


class PackageError(OperatorError, ValueError):
    """An option of the package is invalid; the message names it and the fix."""


@dataclass(frozen=True, slots=True)
class PackageOptions:
    app_id: str
    website_url: str
    privacy_url: str | None = None
    terms_url: str | None = None
    developer_name: str = "vaktbot"
    version: str = "1.0.0"

    def check(self) -> None:
        developer_name = self.developer_name.strip()
        if not developer_name:
            raise PackageError(
                N_(
                    "The publisher name (--developer) is empty: give the name "
                    "of your organisation as Teams should show it."
                )
            )
        if len(developer_name) > MAX_LENGTHS["developer.name"]:
            raise PackageError(
                N_(
                    "The publisher name (--developer) «%(name)s» has %(length)s characters, but "
                    "Teams allows at most %(limit)s: give a shorter form of the name."
                ),
                name=developer_name,
                length=len(developer_name),
                limit=MAX_LENGTHS["developer.name"],
            )
        if not GUID.match(self.app_id):
            raise PackageError(
                N_(
                    "The app id «%(value)s» is invalid: Teams expects the bot's "
                    "Microsoft Entra application (client) id, a GUID."
                ),
                value=self.app_id,
            )
        if not SEMANTIC_VERSION.match(self.version):
            raise PackageError(
                N_("The version «%(value)s» is invalid: use three numbers, such as 1.0.0."),
                value=self.version,
            )
        for option, url in (
            ("--website-url", self.website_url),
            ("--privacy-url", self.privacy_url),
            ("--terms-url", self.terms_url),
        ):
            if url is not None and urlparse(url).scheme != "https":
                raise PackageError(
                    N_("%(option)s «%(value)s» is invalid: Teams accepts https addresses only."),
                    option=option,
                    value=url,
                )
            if url is not None and len(url) > MAX_LENGTHS["url"]:
                raise PackageError(
                    N_("%(option)s has %(length)s characters, but Teams allows at most %(limit)s."),
                    option=option,
                    length=len(url),
                    limit=MAX_LENGTHS["url"],
                )


def check_listings() -> None:
    """Raise PackageError if a listing or command text is longer than Teams allows."""
    for language, listing in LISTINGS.items():
        for field_name, text in listing.items():
            _check_length(language, field_name, text, MAX_LENGTHS[field_name])
        for title, description in COMMANDS[language]:
            _check_length(language, "command.title", title, MAX_LENGTHS["command.title"])
            _check_length(
                language, "command.description", description, MAX_LENGTHS["command.description"]
            )


def _check_length(language: str, field_name: str, text: str, limit: int) -> None:
    if len(text) > limit:
        # NOTE: only a change to the shipped listings can fail here, so the text is not
        # translated for the operator.
        raise PackageError(
            f"the {language} {field_name} {text!r} has {len(text)} characters, "
            f"but Teams allows at most {limit}"
        )


def manifest(options: PackageOptions) -> dict[str, Any]:
    listing = LISTINGS[DEFAULT_LANGUAGE]
    return {
        "$schema": SCHEMA_URL,
        "manifestVersion": MANIFEST_VERSION,
        "version": options.version,
        "id": options.app_id,
        "developer": {
            "name": options.developer_name.strip(),
            "websiteUrl": options.website_url,
            "privacyUrl": options.privacy_url or options.website_url,
            "termsOfUseUrl": options.terms_url or options.website_url,
        },
        "name": {"short": listing["name.short"], "full": listing["name.full"]},
        "description": {"short": listing["description.short"], "full": listing["description.full"]},
        "icons": {"color": COLOR_ICON, "outline": OUTLINE_ICON},
        "accentColor": ACCENT_HEX,
        "bots": [
            {
                "botId": options.app_id,
                "scopes": ["personal", "team", "groupChat"],
                "supportsFiles": True,
                "isNotificationOnly": False,
                "commandLists": [
                    {
                        "scopes": ["personal"],
                        "commands": [
                            {"title": title, "description": description}
                            for title, description in COMMANDS[DEFAULT_LANGUAGE]
                        ],
                    }
                ],
            }
        ],
        "permissions": ["identity", "messageTeamMembers"],
        "validDomains": [],
        "localizationInfo": {
            "defaultLanguageTag": DEFAULT_LANGUAGE,
            "additionalLanguages": [
                {"languageTag": language, "file": f"{language}.json"}
                for language in LISTINGS
                if language != DEFAULT_LANGUAGE
            ],
        },
    }


def localization(language: str) -> dict[str, Any]:
    """Return the localization file of `language`: its listing and its command list."""
    commands: dict[str, str] = {}
    for index, (title, description) in enumerate(COMMANDS[language]):
        prefix = f"bots[0].commandLists[0].commands[{index}]"
        commands[f"{prefix}.title"] = title
        commands[f"{prefix}.description"] = description
    return {"$schema": LOCALIZATION_SCHEMA_URL, **LISTINGS[language], **commands}


def build_package(options: PackageOptions, out: Path) -> Path:
    """Write the app package zip to `out` and return its path; raise PackageError first."""
    options.check()
    check_listings()
    out.parent.mkdir(parents=True, exist_ok=True)
    with zipfile.ZipFile(out, "w", compression=zipfile.ZIP_DEFLATED) as package:
        package.writestr("manifest.json", _json(manifest(options)))
        package.writestr(COLOR_ICON, color_icon())
        package.writestr(OUTLINE_ICON, outline_icon())
        for language in LISTINGS:
            if language != DEFAULT_LANGUAGE:
                package.writestr(f"{language}.json", _json(localization(language)))
    return out


def _json(data: dict[str, Any]) -> str:
    return json.dumps(data, ensure_ascii=False, indent=2) + "\n"


def run_package_command(arguments: argparse.Namespace) -> int:
    """Build the zip for `vaktbot teams package`; print its path or the error; return the status."""
    translator = Translator.for_locale(None)
    app_id = arguments.app_id or os.environ.get(APP_ID_VARIABLE, "").strip()
    if not app_id:
        print(
            "vaktbot: "
            + translator.gettext(
                N_("The app id is missing: give --app-id or set %(variable)s."),
                variable=APP_ID_VARIABLE,
            ),
            file=sys.stderr,
        )
        return 2
    options = PackageOptions(
        app_id=app_id,
        website_url=arguments.website_url,
        privacy_url=arguments.privacy_url,
        terms_url=arguments.terms_url,
        developer_name=arguments.developer,
        version=arguments.version,
    )
    try:
        path = build_package(options, Path(arguments.out))
    except PackageError as error:
        print(f"vaktbot: {error.render(translator)}", file=sys.stderr)
        return 2
    print(translator.gettext(N_("Wrote the Teams app package %(path)s."), path=path))
    return 0
