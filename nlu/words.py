"""Word tables of the command language: bokmål, nynorsk and English forms.

The tables are data. Other modules build their regular expressions and the
spelling index from them, so that a word added here is understood everywhere.
All words are lower case and use æ, ø and å.
"""

from __future__ import annotations

from core.commands import AbsenceKind, Intent, ShiftKind


def word_set(block: str) -> frozenset[str]:
    """Return the words of a whitespace-separated block, so that long lists read as text."""
    return frozenset(block.split())


MONTHS: dict[str, int] = {
    "januar": 1,
    "january": 1,
    "februar": 2,
    "february": 2,
    "mars": 3,
    "march": 3,
    "april": 4,
    "mai": 5,
    "may": 5,
    "juni": 6,
    "june": 6,
    "juli": 7,
    "july": 7,
    "august": 8,
    "september": 9,
    "oktober": 10,
    "october": 10,
    "november": 11,
    "desember": 12,
    "december": 12,
}

# Abbreviations count as months only next to a day number («12 jan»), because
# «mar», «des» and «may» are other words on their own.
MONTH_ABBREVIATIONS: dict[str, int] = {
    "jan": 1,
    "feb": 2,
    "mar": 3,
    "apr": 4,
    "jun": 6,
    "jul": 7,
    "aug": 8,
    "sep": 9,
    "sept": 9,
    "okt": 10,
    "oct": 10,
    "nov": 11,
    "des": 12,
    "dec": 12,
}

# Month names that stand alone as a whole month; English «may» needs a day number.
STANDALONE_MONTHS: dict[str, int] = {
    name: number for name, number in MONTHS.items() if name != "may"
}

# Monday is 0, as in `datetime.date.weekday()`.
WEEKDAYS: dict[str, int] = {
    "mandag": 0,
    "måndag": 0,
    "monday": 0,
    "tirsdag": 1,
    "tysdag": 1,
    "tuesday": 1,
    "onsdag": 2,
    "wednesday": 2,
    "torsdag": 3,
    "thursday": 3,
    "fredag": 4,
    "friday": 4,
    "lørdag": 5,
    "laurdag": 5,
    "saturday": 5,
    "søndag": 6,
    "sundag": 6,
    "sunday": 6,
}

# English «fri», «sat» and «sun» are left out: «fri» is Norwegian for «off».
WEEKDAY_ABBREVIATIONS: dict[str, int] = {
    "man": 0,
    "mon": 0,
    "tir": 1,
    "tirs": 1,
    "tue": 1,
    "tues": 1,
    "ons": 2,
    "wed": 2,
    "tor": 3,
    "tors": 3,
    "thu": 3,
    "thur": 3,
    "thurs": 3,
    "fre": 4,
    "lør": 5,
    "laur": 5,
    "søn": 6,
}

# English abbreviations and a month name that are Norwegian or English words too
# («fri» is «off», «sun» and «may» are words). They count as dates only when the
# message comes with the language hint "en".
ENGLISH_ONLY_WEEKDAY_ABBREVIATIONS: dict[str, int] = {"fri": 4, "sat": 5, "sun": 6}
ENGLISH_ONLY_MONTHS: dict[str, int] = {"may": 5}

# «man» is also the pronoun «one» and «tor» a verb; these count as weekdays only
# where a date would stand (see `date_patterns`). Capitalised inside a sentence,
# they are names («bytte med Tor») and keep their capital (see `normalise`).
AMBIGUOUS_WEEKDAY_ABBREVIATIONS = frozenset({"man", "tor"})

NUMBER_WORDS: dict[str, int] = {
    "en": 1,
    "ett": 1,
    "ei": 1,
    "ein": 1,
    "eitt": 1,
    "one": 1,
    "to": 2,
    "two": 2,
    "tre": 3,
    "three": 3,
    "fire": 4,
    "four": 4,
    "fem": 5,
    "five": 5,
    "seks": 6,
    "six": 6,
    "sju": 7,
    "syv": 7,
    "seven": 7,
    "åtte": 8,
    "eight": 8,
    "ni": 9,
    "nine": 9,
    "ti": 10,
    "ten": 10,
    "elleve": 11,
    "eleven": 11,
    "tolv": 12,
    "twelve": 12,
}
# Words that multiply the count before them («om tre tusen dager» is 3000 days).
# Without a count before them they stand for one hundred or one thousand.
COUNT_MULTIPLIERS: dict[str, int] = {
    "hundre": 100,
    "hundred": 100,
    "tusen": 1000,
    "thousand": 1000,
}

# Shift words, matched as whole words; each entry is a regular expression.
SHIFT_PATTERNS: dict[ShiftKind, tuple[str, ...]] = {
    ShiftKind.DAY: (
        r"dagvakt\w*",
        r"dagskift\w*",
        r"day\s+shifts?",
        r"d-vakt\w*",
    ),
    ShiftKind.EVENING: (
        r"aften",
        r"aftenvakt\w*",
        r"kveld",
        r"kvelden",
        r"kvelder",
        r"kveldene",
        r"kveldar",
        r"kveldsvakt\w*",
        r"kveldsskift\w*",
        r"seinvakt\w*",
        r"senvakt\w*",
        r"evening\s+shifts?",
        r"evenings?",
        r"late\s+shifts?",
        r"a-vakt\w*",
        r"k-vakt\w*",
    ),
    ShiftKind.NIGHT: (
        r"natt",
        r"natta",
        r"natten",
        r"netter",
        r"nettene",
        r"nattevakt\w*",
        r"nattvakt\w*",
        r"nattskift\w*",
        r"night\s+shifts?",
        r"nights?",
        r"n-vakt\w*",
    ),
    ShiftKind.LONG_DAY: (
        r"langvakt\w*",
        r"langdag\w*",
        r"long\s+(?:day|shift)s?",
        r"l-vakt\w*",
    ),
}

# The bare word «dag» is a day shift («du har dag søndag») unless one of these
# words comes before it, as in «i dag» or «hver dag».
DAY_NOT_SHIFT_BEFORE = (
    "i",
    "en",
    "ein",
    "hver",
    "kvar",
    "samme",
    "same",
    "hele",
    "heile",
    "per",
    "pr",
    "annenhver",
    "om",
    "ett",
    "første",
    "siste",
    "neste",
    "denne",
    "the",
    "a",
)

# Single capital letters that are shift codes when written alone («har N fredag»).
SHIFT_CODES: dict[str, ShiftKind] = {
    "D": ShiftKind.DAY,
    "A": ShiftKind.EVENING,
    "K": ShiftKind.EVENING,
    "N": ShiftKind.NIGHT,
    "L": ShiftKind.LONG_DAY,
}

# Absence words, in the order they are tried: a sick child before a sick employee.
ABSENCE_PATTERNS: tuple[tuple[AbsenceKind, str], ...] = (
    (
        AbsenceKind.CHILD_SICK,
        r"(?:syk|sykt|syke|sjuk|sjukt|sjuke|sick)\s+"
        r"(?:barn|born|child|children|kid|kids|unge|unger|ungen)",
    ),
    (
        AbsenceKind.CHILD_SICK,
        r"(?:barnet|barna|ungen|ungane|ungene|jenta|gutten|datteren|sønnen|dottera|guten|"
        r"child|kid|son|daughter)\b[^.!?]{0,30}?\b(?:syk|sykt|sjuk|sjukt|sick|ill)",
    ),
    (AbsenceKind.CHILD_SICK, r"omsorgsdag\w*|barns\s+sykdom"),
    (
        AbsenceKind.SICK,
        r"syk|sykt|sjuk|sjukt|sykmeldt|sykemeldt|sjukmeldt|sjukemeldt|sykmelding|sykemelding|"
        r"sjukmelding|egenmelding|egenmeldt|eigenmelding|eigenmeldt|sykdom|sjukdom|sick|ill|"
        r"influensa|omgangssyk\w*|feber|forkjølet|covid|korona",
    ),
    (
        AbsenceKind.VACATION,
        r"ferie\w*|sommerferie\w*|vinterferie\w*|høstferie\w*|juleferie\w*|påskeferie\w*|"
        r"feriedag\w*|vacation|holiday|holidays",
    ),
    (AbsenceKind.LEAVE, r"permisjon\w*|perm|foreldrepermisjon\w*|velferdspermisjon\w*|leave"),
    (AbsenceKind.COURSE, r"kurs|kurset|kursdag\w*|opplæring\w*|course|training|seminar"),
    (
        AbsenceKind.TIME_OFF_IN_LIEU,
        r"avspasering\w*|avspaserer|avspasere|avspasert|time\s+off\s+in\s+lieu|toil",
    ),
)

# Whole messages that answer a question from the bot with yes or no.
CONFIRM_PHRASES = frozenset(
    {
        "ja",
        "jepp",
        "japp",
        "jo",
        "jada",
        "ja da",
        "jadda",
        "ok",
        "okei",
        "okay",
        "oki",
        "greit",
        "det er greit",
        "helt greit",
        "fint",
        "flott",
        "supert",
        "stemmer",
        "det stemmer",
        "ja det stemmer",
        "ja stemmer",
        "bekreft",
        "bekrefter",
        "bekrefta",
        "ja takk",
        "ja gjerne",
        "gjerne",
        "korrekt",
        "riktig",
        "det er riktig",
        "ja riktig",
        "kjør",
        "kjør på",
        "yes",
        "yep",
        "yeah",
        "yes please",
        "sure",
        "correct",
        "confirm",
        "ok takk",
        "ja bekreft",
        "jepp det stemmer",
        "👍",
        "✅",
        "✔",
    }
)

DECLINE_PHRASES = frozenset(
    {
        "nei",
        "nei takk",
        "nope",
        "no",
        "nah",
        "niks",
        "nix",
        "neida",
        "nei da",
        "avbryt",
        "stopp",
        "stop",
        "cancel",
        "glem det",
        "glem",
        "nei avbryt",
        "ikke",
        "nei ikke",
        "no thanks",
        "no thank you",
        "det stemmer ikke",
        "stemmer ikke",
        "feil",
        "abort",
        "👎",
        "❌",
        "✖",
    }
)

# Words that tell the four ways of registering time apart (regular expressions).
UNAVAILABILITY_PATTERNS = (
    r"kan\s+(?:dessverre\s+|desverre\s+|nok\s+|altså\s+|bare\s+)?"
    r"(?:ikke|ikkje|ikkj|ik)",
    r"(?:ikke|ikkje)\s+tilgjengel\w*",
    r"utilgjengel\w*",
    r"unavailable",
    r"not\s+available",
    r"can't",
    r"cannot",
    r"can\s+not",
    r"cant",
    r"won't\s+be\s+able",
    r"unable",
    r"(?:har|får)\s+ikke\s+(?:anledning|mulighet)",
    r"har\s+ikkje\s+høve",
    r"klarer\s+ikke",
    r"rekker\s+ikke",
    r"går\s+ikke",
    r"passer\s+ikke",
    r"opptatt",
    r"får\s+ikke\s+(?:jobbet|jobba|jobbe)",
    r"(?:er\s+)?ikke\s+ledig",
    r"(?:blir|er)\s+borte",
    r"bortreist",
    r"kommer\s+ikke",
    r"kjem\s+ikkje",
    r"busy",
    r"blokker\w*",
)

AVAILABILITY_PATTERNS = (
    r"(?:kan|kunne|can)\s+(?:gjerne\s+|godt\s+|også\s+|fint\s+|fortsatt\s+)?"
    r"(?:jobbe|jobba|arbeide|arbeida|ta|stille|dekke|work|take|cover)",
    r"tilgjengel\w*",
    r"available",
    r"ledig\s+for",
    r"ekstravakt\w*",
    r"ekstra\s+vakt\w*",
    r"ekstra\s+skift\w*",
    r"extra\s+shifts?",
    r"free\s+to\s+work",
    r"happy\s+to\s+work",
)

WISH_PATTERNS = (
    r"ønsker",
    r"ønske",
    r"ønsket",
    r"ønskjer",
    r"ønskje",
    r"ynskjer",
    r"ynskje",
    r"ynskte",
    r"vil\s+gjerne",
    r"ville\s+gjerne",
    r"vil\s+helst",
    r"vil\s+ha",
    r"ville\s+ha",
    r"vil\s+(?:jobbe|jobba|arbeide|ikke\s+jobbe)",
    r"kunne\s+tenke\s+meg",
    r"foretrekker",
    r"føretrekk",
    r"helst",
    r"ber\s+om",
    r"be\s+om",
    # «Søker fri fredag»: time off that names no absence kind is a wish to be off.
    r"(?:søker|søke|søkjer|søkje)(?:\s+om)?\s+fri",
    r"få\s+fri",
    r"ha\s+fri",
    r"would\s+like",
    r"(?:would|i'd)\s+rather",
    r"i'd\s+like",
    r"prefer",
    r"wish",
    r"want",
    r"ønskeliste",
    r"can\s+i\s+(?:have|get)",
    r"kan\s+(?:jeg|eg)\s+få",
    r"(?:har|hadde)\s+lyst",
    r"lyst\s+på",
    r"sett\w*\s+meg\s+opp",
    r"vil\s+ikke\s+(?:ha|jobbe|ta)",
    r"(?:can|could)\s+i\s+take\b.{0,30}\boff",
    r"need\b.{0,30}\boff",
    r"trenger\s+fri",
)

# These verbs, right before a vacation, leave or time off in lieu, make the message a
# request to the manager, not a wish: «Søker om ferie», «Jeg vil ha ferie 1.–14. juli»,
# «Ber om permisjon fredag», «I want vacation in July». «Ønsker ferie» stays a wish
# to be off, because «ønsker» is a wish verb.
ABSENCE_REQUEST_PATTERNS = (
    r"(?:søker|søke|søkjer|søkje)(?:\s+om)?",
    r"(?:ber|be)\s+om",
    r"(?:apply|applying|applies)\s+for",
    r"vil\s+ha",
    r"ville\s+ha",
    r"want",
    r"wants",
    r"need",
    r"needs",
    r"request",
    r"requesting",
)

# In a wish, these words request time off. Any other wish requests work, so a
# negated wish verb must be listed here too («I don't want night shifts»).
OFF_PATTERNS = (
    r"fri",
    r"fridag\w*",
    r"ferie\w*",
    r"off",
    r"free",
    r"vacation",
    r"holidays?",
    r"leave",
    r"perm",
    r"(?:don't|dont|do\s+not|doesn't|doesnt|does\s+not)\s+(?:want|wish|like)",
    r"(?:would|i'd)\s+rather\s+not",
    r"not\s+(?:to\s+)?(?:have|take|do|get)",
    r"slippe",
    r"slepp\w*",
    r"ikke\s+(?:å\s+)?(?:jobbe|ha|ta|arbeide)",
    r"ikkje\s+(?:å\s+)?(?:jobbe|ha|ta)",
    r"not\s+(?:to\s+)?work\w*",
    r"avspaser\w*",
    r"permisjon\w*",
    r"ønsker\s+ikke",
    r"ønskjer\s+ikkje",
    r"vil\s+ikke",
    r"ikke\s+\w*vakt\w*",
    r"ikkje\s+\w*vakt\w*",
)

# A negation before an absence word takes the absence back: «Jeg er ikke syk i
# morgen», «Eg er ikkje sjuk lenger», «I'm not sick», «I don't want vacation». Up to
# three of the filler words may stand between them.
NEGATION_PATTERNS = (
    r"ikke",
    r"ikkje",
    r"ikkj",
    r"not",
    r"don't",
    r"dont",
    r"doesn't",
    r"doesnt",
    r"isn't",
    r"aren't",
    r"no\s+longer",
    r"aldri",
    r"never",
)
# «no» takes back only an English absence word right after it («no course on
# friday after all»), because in nynorsk «no» means «now» («Eg har no ferie»).
NO_NEGATED_ABSENCE_PATTERNS = (
    r"course",
    r"training",
    r"seminar",
    r"vacation",
    r"holidays?",
    r"leave",
    r"time\s+off\s+in\s+lieu",
    r"toil",
)
NEGATION_FILLER_PATTERNS = (
    r"lenger",
    r"lengre",
    r"meir",
    r"mer",
    r"lenge",
    r"helt",
    r"heilt",
    r"så",
    r"noe",
    r"noko",
    r"egentlig",
    r"eigentleg",
    r"på",
    r"i",
    r"en",
    r"et",
    r"ei",
    r"ein",
    r"eit",
    r"er",
    r"har",
    r"ha",
    r"hatt",
    r"ta",
    r"tatt",
    r"få",
    r"fått",
    r"vært",
    r"vore",
    r"be",
    r"been",
    r"have",
    r"on",
    r"in",
    r"a",
    r"an",
    r"any",
    r"anymore",
    r"really",
    r"longer",
    r"to",
    r"take",
    r"get",
    r"want",
    r"wants",
)
# Words that say the sender is well again. The command language gives them no
# meaning, so they are read like a negated absence and register nothing.
RECOVERED_PATTERNS = (
    r"frisk",
    r"friske",
    r"friskmeldt",
    r"friskmelder",
    r"friskmeld",
    r"frisk\s+igjen",
    r"frisk\s+att",
    r"well\s+again",
    r"recovered",
    r"better\s+now",
)
# In a wish, a negation before these words takes the time off back: «Vil ikke ha fri fredag».
NEGATED_OFF_PATTERNS = (r"fri", r"fridag\w*", r"off", r"days?\s+off")

# Words that mean the sentence is in the past tense, so a weekday in a sick report
# is the one just gone («Jeg var syk mandag»).
PAST_TENSE_PATTERNS = (
    r"var",
    r"vart",
    r"was",
    r"were",
    r"har\s+vært",
    r"har\s+vore",
    r"har\s+vori",
)

# Typical words of each command, for suggesting the command an unknown message meant.
SUGGESTION_WORDS: dict[str, Intent] = {
    "bytte": Intent.REQUEST_SWAP,
    "bytt": Intent.REQUEST_SWAP,
    "swap": Intent.REQUEST_SWAP,
    "syk": Intent.REGISTER_ABSENCE,
    "sykmeldt": Intent.REGISTER_ABSENCE,
    "egenmelding": Intent.REGISTER_ABSENCE,
    "ferie": Intent.REGISTER_ABSENCE,
    "permisjon": Intent.REGISTER_ABSENCE,
    "avspasering": Intent.REGISTER_ABSENCE,
    "ønsker": Intent.REGISTER_WISH,
    "ønske": Intent.REGISTER_WISH,
    "fri": Intent.REGISTER_WISH,
    "tilgjengelig": Intent.REGISTER_AVAILABILITY,
    "ekstravakt": Intent.REGISTER_AVAILABILITY,
    "utilgjengelig": Intent.REGISTER_UNAVAILABILITY,
    "godkjenn": Intent.APPROVE_REQUEST,
    "godkjenne": Intent.APPROVE_REQUEST,
    "avslå": Intent.REJECT_REQUEST,
    "avvis": Intent.REJECT_REQUEST,
    "forespørsel": Intent.LIST_REQUESTS,
    "forespørsler": Intent.LIST_REQUESTS,
    "turnus": Intent.SHOW_SCHEDULE,
    "turnusen": Intent.SHOW_SCHEDULE,
    "vakt": Intent.SHOW_SCHEDULE,
    "vakter": Intent.SHOW_SCHEDULE,
    "publiser": Intent.PUBLISH_ROSTER,
    "generer": Intent.GENERATE_ROSTER,
    "hjelp": Intent.HELP,
    "help": Intent.HELP,
    "hei": Intent.HELP,
    "hallo": Intent.HELP,
    "hello": Intent.HELP,
    "hi": Intent.HELP,
}

# Function words and words the grammar passes over, which the spelling
# correction must leave alone and which are never reported as not understood.
# Some are one edit from a command word but mean something else («ferje» is a
# ferry, «hele» is not «helg»). `spelling` adds the words of the other tables.
COMMON_WORDS = word_set("""
jeg eg du han hun ho vi dere de dei meg deg seg oss dem henne ham honom mi min mitt mine
din di ditt dine sin si sitt sine hans hennes vår våre deres noen nokon ingen alle alt
det den dette disse som hva kva hvem kven hvilke kva for hvilken hvilket når hvor kor
hvorfor korleis hvordan og eller men at om for fra frå til med mot på i av ut inn opp
ned over under etter før siden sidan enn som bare berre også ogso òg da så nå no her der
ikke ikkje ikkj ja nei jo kan kunne skal skulle vil ville må måtte får fikk gjør gjøre
har hadde ha er var være vært vore blir ble bli vart vere tar tok ta gi gir ga se ser
kom komme kommer gå går gikk jobbe jobber jobbet jobba jobbar arbeide arbeider arbeid
vakt vakta vakten vakter vaktene vaktplan vaktliste vaktbok skift skiftet turnus turnusen
turnusplan arbeidsplan arbeidsplanen fri fridag fridager helt hele heile heilt litt
mye mykje mange fleire flere gjerne takk tusen hei hallo heisann god morgen kveld
hjemme heime hjem heim barn barnet barna ungen ungene mamma pappa mor far sykepleier
sjukepleiar helsefagarbeider hjelpepleier vernepleier lege leder avdeling post enhet
sykehjem sjukeheim ferje ferjen fire fine fint fikk fått mener mente kanskje dessverre
desverre uansett også allerede alltid aldri ofte igjen enda ennå fortsatt lenger
dager dagen dagene uker uka uken ukene veke veka vekene måned måneden måneder månad
timer time klokka klokken tidlig sent seint morgen morgon middag natt kvelden helgen
helga helg helgene ledig ledige ledighet mangler mangel trenger treng trengs hjelpe
hjelp bytte bytter byttet bytta byte bytta byttes noe noko nokre noen mer meir mest
ekstra vanlig vanleg kort lang lange stor store liten lite små ny nye nytt gammel
the a an and or but to of in on at for with from by is are was were be been am i'm
i my me you your he she it we they them this that these those what who when where
why how can could will would shall should may might must do does did have has had
not no yes please thanks thank ok work works working shift shifts day days week weeks
after all ago
approve reject withdraw request requests free home staying stay need
month months next last this today tomorrow yesterday off sick who's call nr vet veit
hver hvert hverandre kvar kvart kvarandre begge både enten mellom gjennom uten innen langs
rundt bak foran ved hos blant hvis dersom fordi selv ellers derfor likevel altså vel nok
ganske veldig svært mindre minst best bedre verre først sist lenge sjelden snart straks
nettopp akkurat nesten omtrent cirka mens imens etterpå deretter senere seinere tidligere
frem fram borte ute inne oppe nede dit hit sånn slik slike sånne annen annet andre ene
eneste egen eget egne samme halv halve færre noe intet
dere dykk kjem kommer blir hjelpen kl klokka helger helgene ut feire feiret feirer jobben
jobb helse helsen
kors kurv hvile hviler rekker rekke klarer mulighet anledning godt bra mats marsj lege
ferdig ferdige ønsket takker dessverre kanskje sikkert gjerne resten rest dag
søker søke søkjer søkje søkt apply applying applies applied
early earlier late later tidleg tidlegare seint seinare come coming arrive arriving leaving going
before pm between until
utover
""")

# Everyday words that the grammar has no use for but that the spelling correction
# must leave alone, because several are one edit from a command word («hver» and
# «hvem»). Unlike `COMMON_WORDS`, they are reported as words not understood.
# Everyday words one edit from a month name, which must stay as written: «maks to
# netter i uka» names no day in March.
MONTH_LOOKALIKES = word_set("maks mark marg mais")
EVERYDAY_WORDS = MONTH_LOOKALIKES | word_set("""
ting tid år gang ganger folk
person personer mann kvinne venn venner kollega kolleger kollegaer sjef lønn penger tur
reise bil buss tog fly hus rom kontor sykehus pasient pasienter beboer beboere møte møtet
plan planen liste listen spørsmål svar melding meldinger beskjed unnskyld beklager gode
dårlige gamle korte høy lav grei vanskelig lett enkel klar klart travel trøtt sliten glad
lei vondt står sitter ligger sier spør svarer tror tenker liker trenger bør gjør lager
sender ringer skriver leser hører husker glemmer prøver hadde hvor kor kommer kjem går
gikk vente venter ventet ventar burde kunne måtte skulle ville ikkje berre heller
mye mykje noko nokre kvifor korleis kva kven hvilket hvilken hjemmefra fremover framover
allerede alltid aldri ofte igjen enda ennå fortsatt lenger uka neste forrige denne dette
sånt slikt fikse ordne ordnet spise sove jobbe jobbet jobbing skole barnehage henter hente
levere leverer tannlege legen lege time timen timer avtale avtalen bryllup begravelse
bursdag konfirmasjon dåp fest middag lunsj frokost kaffe pause vær været regn snø sol
""")

# Command words that a misspelt word may be corrected to, with their usual
# inflections, since the spelling index matches whole words.
KEYWORDS = word_set("""
dagvakt dagvakta dagvakten dagvakter dagvaktene aften aftenvakt aftenvakta aftenvakten
aftenvakter kveld kvelden kveldsvakt kveldsvakta kveldsvakten kveldsvakter kveldsvaktene
seinvakt seinvakta seinvakter senvakt natt natta natten nattevakt nattevakta nattevakten
nattevakter nattevaktene nattvakt nattvakta nattvakter langvakt langvakta langvakten
langvakter syk sykt sjuk sjukt sykmeldt sykemeldt sjukmeldt sjukemeldt sykmelding
sykemelding egenmelding egenmeldt eigenmelding barnet barna ferie ferien feriedager
sommerferie vinterferie høstferie juleferie påskeferie permisjon permisjonen kurs kurset
kursdag opplæring avspasering avspaserer avspasere avspasert tilgjengelig tilgjengeleg
utilgjengelig utilgjengeleg ekstravakt ekstravakter ekstravakta ønsker ønske ønskjer
ynskjer gjerne foretrekker bytte bytter bytt byttet bytta byte vakt vakta vakten vakter
vaktene ledig ledige overta overtar godkjenn godkjenner godkjenne godkjent godta avslå
avslår avvis avviser avvise forespørsel forespørselen forespørsler forespørslene søknad
søknaden trekk trekker tilbake avbryt avbryter kanseller ventende venter turnus turnusen
arbeidsplan arbeidsplanen vaktplan vaktplanen generer generere optimaliser optimalisere
forbedre forbedr forbedrer forbetre forbetr improve
publiser publisere lage planlegg jobber jobbe hvilke hvem opplysninger personopplysninger
dataene eksporter hjelp helgen helga neste denne forrige måned måneden julaften romjula
romjulen nyttårsaften nyttårsdag påsken påske skjærtorsdag langfredag påskeaften
påskedag pinsedag pinse himmelfartsdag grunnlovsdagen juledag ikke ikkje uke veke
noen trenger jula julen påska pinsen pinsa himmelfart juledagen nyttår kan
""")

# Every regular expression above, so that the spelling correction can leave their words alone.
ALL_PATTERNS: tuple[str, ...] = (
    *(pattern for patterns in SHIFT_PATTERNS.values() for pattern in patterns),
    *(pattern for _, pattern in ABSENCE_PATTERNS),
    *UNAVAILABILITY_PATTERNS,
    *AVAILABILITY_PATTERNS,
    *WISH_PATTERNS,
    *ABSENCE_REQUEST_PATTERNS,
    *OFF_PATTERNS,
    *PAST_TENSE_PATTERNS,
    *NEGATION_PATTERNS,
    *NEGATION_FILLER_PATTERNS,
    *RECOVERED_PATTERNS,
)
