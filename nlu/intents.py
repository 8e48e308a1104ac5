"""Decide which command a normalised message is, by ordered word rules.

The rules are tried in order and the first that matches wins, so a more
specific command comes before a more general one. «Nei til bytte 42» is a
rejection before it is a swap, and «Avbryt forespørsel 12» is a cancellation
before «avbryt» can be a plain no.
"""

from __future__ import annotations

import re
from collections.abc import Callable

from core.commands import AbsenceKind, Intent
from nlu import words


def any_of(patterns: tuple[str, ...] | list[str]) -> str:
    return "|".join(f"(?:{pattern})" for pattern in patterns)


def rule(pattern: str) -> re.Pattern[str]:
    return re.compile(rf"(?<![\w'])(?:{pattern})(?![\w'])")


REQUEST_NUMBER = r"(?:#\s*|nr\.?\s*|nummer\s+|no\.?\s*)?\d{1,6}"
REQUEST_WORD = r"forespørs\w*|bytte\w*|søknad\w*|request\w*|swap|sak|saken|ønske\w*|#|fraværs\w*"

MY_DATA = rule(
    any_of(
        [
            r"(?:person)?opplysning\w*",
            r"data(?:ene)?\s+(?:mine|om\s+meg)",
            r"mine\s+data",
            r"eksporter\w*\s+(?:\w+\s+)?(?:data\w*|mine|opplysning\w*)",
            # «vis dataene til Ola», «vis Ola sine data»: the core says whose data it shows.
            r"(?:vis|se|hent)\w*\s+(?:\w+\s+){0,2}data(?:ene|a)?",
            r"innsyn",
            r"gdpr",
            r"personvern\w*",
            r"(?:lagret|registrert)\s+om\s+meg",
            r"info\w*\s+om\s+meg",
            r"(?:lagrer|lagrar|lagret|registrert|vet|veit)\s+(?:\w+\s+)?om\s+meg",
            # «hva vet dere om Ola»: the core answers that it shows each person only their own.
            r"(?:hva|kva)\s+(?:vet|veit|lagrer|lagrar|har)\s+(?:dere|de|dokker|du|systemet"
            r"|vaktbot|boten)\s+(?:\w+\s+)?om\b",
            r"my\s+data",
            r"personal\s+data",
            r"what\s+data",
            r"data\s+about\s+me",
            r"export\s+my",
            # «what do you know about me», and «about Ola» as in the Norwegian rule above.
            r"what\s+(?:do|does)\s+(?:you|vaktbot|the\s+system|the\s+bot)\s+(?:know|store|keep)"
            r"\s+(?:\w+\s+)?about\b",
            # Only «about me» or «on me» after «have»: «what do you have on friday» asks for shifts.
            r"(?:know|stored?|saved?|keep|have|has)\s+(?:\w+\s+)?(?:about|on)\s+me",
            r"info\w*\s+(?:about|on)\s+me",
        ]
    )
)
# Checked before MY_DATA, whose words («dataene mine») these messages share.
DELETE_MY_DATA = rule(
    any_of(
        [
            r"slett\w*\s+(?:meg|dataene|dataa|mine|alt\s+om\s+meg)",
            r"slett\w*\s+(?:\w+\s+)?(?:konto\w*|profil\w*|brukar\w*|bruker\w*)",
            r"slett\w*\s+(?:\w+\s+){0,2}(?:data\w*|(?:person)?opplysning\w*)",
            r"delete\s+(?:all\s+)?(?:my|me)\b",
            r"erase\s+my",
            r"forget\s+me",
            # The wish to be forgotten («glem meg», nynorsk «gløym meg»), but not «ikke glem meg».
            r"(?<!ikke\s)(?<!ikkje\s)(?<!not\s)\b(?:glem|gløym)\s+(?:meg|alt\s+om\s+meg)\b",
            r"bli\s+glemt",
            r"be\s+forgotten",
        ]
    )
)
REJECT = rule(
    any_of(
        [
            r"avslå\w*",
            r"avslag",
            r"avvis\w*",
            r"reject\w*",
            r"deny",
            r"denied",
            r"nekt\w*",
            r"ikke\s+godkjenn\w*",
            r"godkjenner\s+ikke",
            r"^\W*(?:nei|no)\s+til",
            r"^\W*no\s+to",
            r"sier\s+nei\s+til",
            r"underkjenn\w*",
        ]
    )
)
APPROVE = rule(
    any_of(
        [
            r"godkjen(?!ning|ing)\w*",
            r"godta\w*",
            r"innvilg\w*",
            r"approv\w*",
            r"accept\w*",
            r"^\W*(?:ja|ok|yes)\s+til",
            r"^\W*yes\s+to",
            r"sier\s+ja\s+til",
            r"greit\s+med",
        ]
    )
)
CANCEL = rule(
    any_of(
        [
            r"trekk\w*\s+(?:tilbake|tilbage)",
            r"trekk\w*",
            r"avbryt\w*",
            r"kanseller\w*",
            r"annuller\w*",
            r"slett\w*",
            r"angre\w*",
            r"cancel\w*",
            r"withdraw\w*",
            r"dra\s+tilbake",
            r"glem\s+(?:forespørs|byttet|søknad)\w*",
        ]
    )
)
CANCEL_TARGET = rule(any_of([REQUEST_WORD, REQUEST_NUMBER, r"den", r"det", r"min", r"mitt"]))
# Verbs that cancel a request even without naming it; «avbryt» alone is a plain no.
CANCEL_ALONE = rule(
    any_of(
        [
            r"trekk\w*\s+(?:tilbake|tilbage)",
            r"kanseller\w*",
            r"annuller\w*",
            r"withdraw\w*",
            r"angre\w*",
            r"dra\s+tilbake",
        ]
    )
)
LIST_REQUESTS = rule(
    any_of(
        [
            r"(?:forespørs\w*|førespurnad\w*|bytteforespørs\w*|søknad\w*|bytter|byttene|requests|"
            r"swaps|saker)",
            # Open shifts are listed with the requests, as both are work waiting for someone.
            r"ledige\s+vakt\w*",
            r"vakt\w*\s+(?:som\s+)?(?:er\s+)?ledig\w*",
            r"open\s+shifts",
        ]
    )
)
LIST_VERBS = rule(
    any_of(
        [
            r"vent\w*",
            r"vis",
            r"viss",
            r"hvilke",
            r"kva",
            r"list\w*",
            r"oversikt",
            r"åpne",
            r"pending",
            r"show",
            r"mine",
            r"har\s+jeg",
            r"har\s+eg",
            r"status",
            r"ubehandl\w*",
            r"open",
        ]
    )
)
PUBLISH = rule(
    any_of(
        [
            r"publiser\w*",
            r"offentliggjør\w*",
            r"innfør\w*\s+(?:turnus|arbeidsplan|vaktplan)\w*",
            r"send\w*\s+ut\s+(?:turnus|arbeidsplan|vaktplan)\w*",
            r"publish\w*",
            r"release\s+the\s+roster",
        ]
    )
)
ROSTER_WORD = r"turnus\w*|arbeidsplan\w*|vaktplan\w*|vaktliste\w*|roster\w*|rota|schedule|plan\w*"
ROSTER_NOUN = r"(?:turnus|arbeidsplan|vaktplan|vaktliste|roster)\w*"
FILE_WORD = r"(?:csv|fil|fila|filen|file|excel|regneark)\w*"
# A roster requested as a file. «Send ut turnusen» publishes, because PUBLISH is tried first.
EXPORT_ROSTER = rule(
    any_of(
        [
            rf"(?:eksporter\w*|export\w*|last\w*\s+ned|download\w*)\b.{{0,30}}?\b{ROSTER_NOUN}",
            rf"(?:turnus|arbeidsplan|vaktplan|vaktliste|roster)-?{FILE_WORD}",
            rf"{FILE_WORD}\s+(?:av|med|for|til|of|with)\s+(?:\w+\s+)?{ROSTER_NOUN}",
            rf"{ROSTER_NOUN}\s+(?:som|i|as|in)\s+(?:en\s+|ei\s+|et\s+|a\s+)?{FILE_WORD}",
            rf"(?:send|sende|sender|gi|gje)\s+(?:meg\s+|me\s+)?(?:\w+\s+){{0,2}}?{ROSTER_NOUN}"
            rf"(?:\s+\w+){{0,4}}?\s+(?:på\s+nytt|igjen|again)",
        ]
    )
)
GENERATE = rule(
    any_of(
        [
            rf"(?:lag|lage|lager|generer\w*|optimaliser\w*|planlegg\w*|sett\s+opp|sette\s+opp|"
            rf"setter\s+opp|beregn\w*|kjør|forbedr\w*|forbetr\w*|reoptimaliser\w*|make|generate|"
            rf"create|build|optimi[sz]e|improve|draft)\b.*?\b(?:"
            rf"{ROSTER_WORD})",
            r"ny\s+turnus",
            r"ny\s+arbeidsplan",
            r"turnusforslag\w*",
            r"optimaliser\w*",
        ]
    )
)
SWAP = rule(
    any_of(
        [
            r"bytt\w*",
            r"byte",
            r"bytast",
            r"byta",
            r"bytes",
            r"swap\w*",
            r"trade\w*",
            r"switch\w*",
            r"exchange\w*",
            r"byttevakt\w*",
            r"vaktbytt\w*",
        ]
    )
)
OFFER = rule(
    any_of(
        [
            r"(?:noen|nokon|anyone|someone|somebody|hvem|kven|who)\b.{0,40}?\b(?:ta|overta|ha|"
            r"take|cover|jobbe|jobbe\s+for)\b.{0,40}?\b(?:mi|min|mitt|mine|meg|my|me)",
            r"gi\w*\s+bort",
            r"gis\s+bort",
            r"gir\s+bort",
            r"gav\s+bort",
            r"by\w*\s+ut",
            r"give\w*\s+away",
            r"giving\s+away",
            r"bortgis",
            r"vil\s+bli\s+kvitt",
            r"trenger\s+(?:noen|avløser|vikar)",
            r"trenger\s+(?:noen\s+)?til\s+å\s+ta",
            r"needs?\s+cover",
            r"(?:kan|vil|gidder)\s+(?:noen|nokon)\s+(?:ta|overta|ha|jobbe)",
            r"(?:kan|vil|kunne)\s+du\s+(?:ta|overta|jobbe)\b.{0,40}?\b(?:mi|min|mitt|mine|for\s+meg)",
            r"(?:can|could|would)\s+you\s+(?:take|cover)\b.{0,40}?\bmy",
            r"ledig\w*,?\s+noen",
            r"(?:noen|nokon)\s+som\s+(?:kan|vil)\s+(?:ta|overta|ha|jobbe)",
        ]
    )
)
TAKE = rule(
    any_of(
        [
            r"(?:jeg|eg|i)\s+(?:tar|tek|overtar|take|will\s+take)\s+(?:den|det|vakta|vakten|"
            r"vakt|shift|the|#\s*\d+|nr\.?\s*\d+|nummer\s+\d+|\d+)",
            r"(?:jeg|eg|i)\s+(?:tar|tek|overtar)\s+(?:\w+\s+){0,2}?(?:ledig\w*|\w*vakta|\w*vakten)",
            r"(?:tar|ta|take|overta\w*)\s+(?:den\s+)?ledig\w*",
            r"ta\s+#?\d+",
            r"tar\s+#?\d+",
            r"take\s+shift\s+#?\d+",
            r"i'll\s+take",
            r"tar\s+(?:vakt\w*\s+)?(?:nr\.?\s*|#\s*)\d+",
            r"(?:ta|tar|tek|take)\s+(?:vakt\w*|shift)\s+(?:nr\.?\s*|#\s*)?\d+",
            r"overtar",
            r"by\w*\s+på\s+(?:vakt|den|\d)",
            r"kan\s+(?:jeg|eg)\s+ta\s+(?:den|vakt|\d|#)",
        ]
    )
)
SHOW_SCHEDULE = rule(
    any_of(
        [
            r"(?:når|hva|kva|hvilke|hvilken|kor\s+tid)\s+(?:\w+\s+)?(?:jobber|jobbar|arbeider|skal)\s+"
            r"(?:jeg|eg)",
            r"(?:når|hva|kva)\s+jobber",
            r"(?:hvilke|kva|kva\s+for)\s+vakt\w*\s+har\s+(?:jeg|eg)",
            r"(?:vis|viss|se|show|sjå)\b.{0,20}?\b(?:turnus\w*|arbeidsplan\w*|vaktplan\w*|vakter|"
            r"vaktene|schedule|roster|shifts)",
            r"turnusen\s+min",
            r"min\s+turnus",
            r"mine\s+vakter",
            r"vaktene\s+mine",
            r"har\s+(?:jeg|eg)\s+vakt",
            r"jobber\s+(?:jeg|eg)",
            r"when\s+do\s+i\s+work",
            r"my\s+(?:shifts|schedule|roster)",
            r"neste\s+vakt\s+min",
            r"min\s+neste\s+vakt",
            r"when\s+is\s+my",
            r"(?:turnus|vaktplan|arbeidsplan)\w*\s+(?:min|mi|mitt)",
            r"min\s+(?:turnus|vaktplan|arbeidsplan)\w*",
            r"(?:når|kor\s+tid)\s+har\s+(?:jeg|eg)\b.{0,20}?\bvakt\w*",
        ]
    )
)
# «Når jobber Kari?» and «Jobber Kari i morgen?» ask for another person's schedule.
SHOW_SCHEDULE_OF_NAMED = re.compile(
    r"(?:^|[.!?]\s*)(?i:når\s+|hva\s+|kva\s+)?(?i:jobber|jobbar|arbeider)\s+([A-ZÆØÅ][\w-]+)"
)
WHO_WORKS = rule(
    any_of(
        [
            r"hvem",
            r"kven",
            r"who",
            r"who's",
            r"hvilke\s+(?:ansatte|folk|personer)",
        ]
    )
)
# «Hvordan bytter jeg vakt?» is a question about the bot, not a swap request.
HOW_TO = rule(
    any_of(
        [
            r"^\W*(?:hvordan|korleis|how\s+do\s+i|how\s+can\s+i|how\s+to)",
            r"^\W*(?:hva|kva)\s+er\s+(?:en|et|ei|ein|eit)\b",
            r"^\W*what\s+is\s+an?\b",
        ]
    )
)
HELP = rule(
    any_of(
        [
            r"hjelp",
            r"help",
            r"hva\s+kan\s+du",
            r"kva\s+kan\s+du",
            r"hvordan\s+(?:bruker|virker|fungerer)",
            r"korleis\s+(?:bruker|fungerer)",
            r"kommandoer",
            r"what\s+can\s+you",
            r"how\s+does\s+this",
            r"bruksanvisning",
            r"hva\s+gjør\s+du",
            r"meny",
            r"menu",
            r"(?:hva|kva)\s+kan\s+(?:jeg|eg)\s+(?:skrive|spørre|si|gjøre\s+her)",
        ]
    )
)

UNAVAILABILITY = rule(any_of(words.UNAVAILABILITY_PATTERNS))
AVAILABILITY = rule(any_of(words.AVAILABILITY_PATTERNS))
WISH = rule(any_of(words.WISH_PATTERNS))
REQUESTED_ABSENCES = (AbsenceKind.VACATION, AbsenceKind.LEAVE, AbsenceKind.TIME_OFF_IN_LIEU)
REQUESTED_ABSENCE_WORDS = any_of(
    [pattern for kind, pattern in words.ABSENCE_PATTERNS if kind in REQUESTED_ABSENCES]
)
# «vil ha ferie», «want to take a vacation»; a negated verb («don't want vacation») is no request.
ABSENCE_REQUEST = rule(
    r"(?<!n't\s)(?<!dont\s)(?<!not\s)"
    rf"(?:{any_of(words.ABSENCE_REQUEST_PATTERNS)})\s+"
    r"(?:(?:to|å)\s+(?:take|have|go\s+on|get|ta|ha|få)\s+)?"
    r"(?:(?:a|an|some|my|en|ei|et|litt|min|mi)\s+)?"
    rf"(?:{REQUESTED_ABSENCE_WORDS})"
)
REQUEST_REFERENCE = re.compile(rf"(?<![\w.]){REQUEST_NUMBER}(?![\w.])")
# The rules' own texts, whose words the spelling correction leaves alone.
PATTERN_TEXTS = tuple(
    pattern.pattern
    for pattern in (
        DELETE_MY_DATA,
        MY_DATA,
        REJECT,
        APPROVE,
        CANCEL,
        CANCEL_TARGET,
        LIST_REQUESTS,
        LIST_VERBS,
        PUBLISH,
        EXPORT_ROSTER,
        GENERATE,
        SWAP,
        OFFER,
        TAKE,
        SHOW_SCHEDULE,
        WHO_WORKS,
        HOW_TO,
        HELP,
    )
)


# «bytt språk til nynorsk» chooses the reply language, which the command language has
# no intent for, so it is unknown here and the core reads the language from it. Its
# «bytt» must not make it a swap.
LANGUAGE_CHOICE = re.compile(
    r"\b(?:bytt\w*|endr\w*|velg\w*|vel|change|switch|set)\s+(?:\w+\s+)?(?:språk\w*|målform\w*"
    r"|language)\b"
)


def classify(text: str, cleaned: str, absence: AbsenceKind | None) -> Intent:
    """Return the command that the normalised `text` requests.

    `cleaned` keeps the case of the message, so that a name can be told apart
    («Når jobber Kari?»), and `absence` is the kind of absence the message names.
    """
    if LANGUAGE_CHOICE.search(text):
        return Intent.UNKNOWN
    for intent, matches in RULES:
        if matches(text, cleaned, absence):
            return intent
    return Intent.UNKNOWN


def names_cancellation(text: str, cleaned: str, absence: AbsenceKind | None) -> bool:
    if CANCEL_ALONE.search(text):
        return True
    match = CANCEL.search(text)
    return match is not None and CANCEL_TARGET.search(text[match.end() :]) is not None


# «Ledige vakter» alone asks for the list of open shifts, as a heading does.
OPEN_SHIFTS_ALONE = re.compile(r"\W*(?:ledige\s+vakt\w*|open\s+shifts)\W*")


def names_request_list(text: str, cleaned: str, absence: AbsenceKind | None) -> bool:
    if REQUEST_REFERENCE.search(text) and re.search(r"\d", text):
        return False
    if OPEN_SHIFTS_ALONE.fullmatch(text):
        return True
    return bool(LIST_REQUESTS.search(text) and LIST_VERBS.search(text))


def names_wish(text: str, cleaned: str, absence: AbsenceKind | None) -> bool:
    """Tell whether a wish verb makes a wish: not for sickness or a course, never wished for.

    «vil ha ferie» and «want vacation» request the absence itself, as «søker ferie» does.
    """
    if absence in (AbsenceKind.SICK, AbsenceKind.CHILD_SICK, AbsenceKind.COURSE):
        return False
    if absence in REQUESTED_ABSENCES and ABSENCE_REQUEST.search(text):
        return False
    return WISH.search(text) is not None


def names_absence(text: str, cleaned: str, absence: AbsenceKind | None) -> bool:
    return absence is not None


def names_other_schedule(text: str, cleaned: str, absence: AbsenceKind | None) -> bool:
    match = SHOW_SCHEDULE_OF_NAMED.search(cleaned)
    return match is not None and match.group(1).lower() not in ("jeg", "eg", "du", "vi", "dere")


RuleTest = Callable[[str, str, AbsenceKind | None], bool]


def matching(pattern: re.Pattern[str]) -> RuleTest:
    def matches(text: str, cleaned: str, absence: AbsenceKind | None) -> bool:
        return pattern.search(text) is not None

    return matches


RULES = (
    (Intent.DELETE_MY_DATA, matching(DELETE_MY_DATA)),
    (Intent.MY_DATA, matching(MY_DATA)),
    (Intent.HELP, matching(HOW_TO)),
    (Intent.REJECT_REQUEST, matching(REJECT)),
    (Intent.APPROVE_REQUEST, matching(APPROVE)),
    (Intent.CANCEL_REQUEST, names_cancellation),
    (Intent.LIST_REQUESTS, names_request_list),
    (Intent.PUBLISH_ROSTER, matching(PUBLISH)),
    (Intent.EXPORT_ROSTER, matching(EXPORT_ROSTER)),
    (Intent.GENERATE_ROSTER, matching(GENERATE)),
    (Intent.REQUEST_SWAP, matching(SWAP)),
    (Intent.OFFER_SHIFT, matching(OFFER)),
    (Intent.TAKE_SHIFT, matching(TAKE)),
    (Intent.SHOW_SCHEDULE, matching(SHOW_SCHEDULE)),
    (Intent.SHOW_SCHEDULE, names_other_schedule),
    (Intent.WHO_WORKS, matching(WHO_WORKS)),
    (Intent.REGISTER_WISH, names_wish),
    (Intent.REGISTER_ABSENCE, names_absence),
    (Intent.REGISTER_UNAVAILABILITY, matching(UNAVAILABILITY)),
    (Intent.REGISTER_AVAILABILITY, matching(AVAILABILITY)),
    (Intent.HELP, matching(HELP)),
)
