"""Spoken Norwegian made writable: dialect forms to bokmål, fillers and discourse markers out,
numbers, units and the abbreviations GPs use.

Pure functions over one sentence of text. Nothing here decides what a sentence means; that is
:mod:`scribe.draft.person`, :mod:`scribe.draft.dialogue` and :mod:`scribe.draft.findings`.
The word lists are in ``data/phrasebook.toml``.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache

from scribe.draft.phrasebook import alternation, compile_words, lookup, phrasebook
from scribe.draft.values import name_values
from scribe.text.numbers import NUMBER_WORD, UNIT_WORDS, spoken_to_digits, word_to_int

_W = r"[\wæøåÆØÅ]"
_NUM = rf"(?:\d+(?:[.,]\d+)?|{NUMBER_WORD})"
_TAG = re.compile(r",?\s*(?:ikke sant|sant|vet du|du vet|skjønner du|ser du|ok|okei|greit|ja)"
                  r"\s*\?\s*$", re.I)
_GREETING = re.compile(r"^\s*(?:hei|hallo|heisann|god morgen|god dag|flott|fint|bra|supert|"
                       r"takk|tusen takk|velkommen|kjempebra|nydelig)\b", re.I)
_PAUSE = re.compile(r"\s*(?:\.{3,}|…)\s*")
_CUTOFF = re.compile(rf"(?<!\S){_W}+-(?=\s)(?!\s+(?:og|eller)\b)", re.IGNORECASE)
_STUTTER = re.compile(rf"(?<!{_W})({_W}+)((?:\s*,?\s+\1)+)(?!{_W})", re.IGNORECASE)
ORDINALS = {
    "første": 1, "andre": 2, "annen": 2, "tredje": 3, "fjerde": 4, "femte": 5, "sjette": 6,
    "sjuende": 7, "syvende": 7, "åttende": 8, "niende": 9, "tiende": 10, "ellevte": 11,
    "tolvte": 12, "trettende": 13, "fjortende": 14, "femtende": 15, "sekstende": 16,
    "syttende": 17, "attende": 18, "nittende": 19, "tjuende": 20, "tjueførste": 21,
    "tjueandre": 22, "tjuetredje": 23, "tjuefjerde": 24, "tjuefemte": 25, "tjuesjette": 26,
    "tjuesjuende": 27, "tjueåttende": 28, "tjueniende": 29, "trettiende": 30,
    "trettiførste": 31,
}
MONTHS = ("januar", "februar", "mars", "april", "mai", "juni", "juli", "august", "september",
          "oktober", "november", "desember")
_DATE = re.compile(
    rf"(?:\bden\s+)?\b({'|'.join(sorted(ORDINALS, key=len, reverse=True))}|\d{{1,2}}\.?)"
    rf"(\s+)(?=(?:{'|'.join(MONTHS)})\b)", re.IGNORECASE)
_TIDS = re.compile(rf"\b({_NUM})\s+(uke|dag|måned|time|år)(?:e?r)?s\s+tid\b", re.IGNORECASE)
_HALF = re.compile(rf"\b({_NUM})\s+og\s+en\s+halv\b", re.IGNORECASE)
# a time said with a half is singular in speech ("tre og en halv måned", "halvannen uke") and
# plural once written as a decimal ("3,5 måneder", "1,5 uker")
_HALF_TIME = re.compile(r"(?<=\d,5)\s+(dag|uke|måned|time)(?![\wæøå])", re.IGNORECASE)
_TIME_PLURAL = {"dag": "dager", "uke": "uker", "måned": "måneder", "time": "timer"}
_COUNTS = (r"(?:glass|pakker?|sigaretter|sigg|røyk|flasker?|halvliter|pils|øl|kopper?|netter|"
           r"etasjer|kilometer|km|meter|skritt|trappetrinn|bokser?|porsjoner|snus|prillor|"
           r"enheter|måltider|liter|sting|stikk|anfall|episoder|ganger|gang)")
_WORD_TO_DIGIT_RANGE = re.compile(rf"\b({NUMBER_WORD})\s*[-–]\s*(\d+)\b", re.IGNORECASE)
_EXTRA_UNITS = re.compile(rf"(?<!\bmed )\b({NUMBER_WORD})(?=\s+{_COUNTS}\b)", re.IGNORECASE)
_FREQUENCY = (
    (re.compile(r"\b(\d+(?:[–-]\d+)?)\s+(?:ganger|gang)\s+(?:daglig|om dagen|per dag|pr\.? dag|"
                r"i døgnet|om døgnet|hver dag|dagen)\b", re.IGNORECASE), r"x \1"),
    (re.compile(r"\b(\d+(?:[–-]\d+)?)\s+(?:ganger|gang)\s+(?:i uka|i uken|i veka|per uke|pr\.? uke|"
                r"hver uke|uka)\b", re.IGNORECASE), r"x \1/uke"),
    (re.compile(r"\b(\d+(?:[–-]\d+)?)\s+(?:ganger|gang)\s+(?:i måneden|per måned|hver måned)\b",
                re.IGNORECASE), r"x \1/mnd"),
)
_UNIT_SHORT = (
    # days, months and hours stay written out: "i 3 dager" is read (and searched) by more
    # people than "i 3 d"
    (re.compile(r"(?<=\d)\s+(?:mnd\.)(?!\w)", re.IGNORECASE), " mnd"),
    (re.compile(r"(?<=\d)\s+(?:minutter|minutt)\b", re.IGNORECASE), " min"),
)
# 34–43 degrees is a temperature, unless an angle is meant: a joint or a test measured in
# degrees ("Lasègue ved 40 grader", "40 grader fleksjon")
_DEGREES = re.compile(r"\b(?<!ved )(3[4-9]|4[0-3])(,\d)?\s*grader\b"
                      r"(?!\s+(?:fleksjon|ekstensjon|bøy\w*|abduksjon|rotasjon|vinkel))",
                      re.IGNORECASE)
_RANGE = re.compile(r"(?<![\d/.,\w])(\d{1,3})\s*-\s*(\d{1,3})(?![\d/\w])")
# a range said as two numbers in a row ("tjue, tretti om dagen", "to, tre ganger", "fem,
# seks dager"): the second the larger, and a count or a time after them
_COMMA_RANGE = re.compile(r"(?<![\d/.,\w])(\d{1,3}),\s+(\d{1,3})(?=\s+(?:om dagen|i døgnet|"
                          r"per dag|daglig|i uka|i uken|om uka|dager|døgn|uker|måneder|år|"
                          rf"timer|minutter|tabletter|{_COUNTS})\b)", re.IGNORECASE)


def _comma_range(m: re.Match[str]) -> str:
    low, high = int(m.group(1)), int(m.group(2))
    return f"{low}–{high}" if low < high <= 3 * low + 10 else m.group(0)


_SIDE_PLACE = re.compile(r"\b(?:på|i)\s+(hø\.|ve\.)\s+side\b", re.IGNORECASE)
_DOUBLE_DOT = re.compile(r"(\b(?:ca|hø|ve|bilat|v\.b|us|tbl|med|evt|ang|henv|pas)\.)\.")


@dataclass(frozen=True)
class _Rx:
    dialect: re.Pattern[str]
    anywhere: re.Pattern[str]
    trailing: re.Pattern[str]
    only_start: re.Pattern[str]
    parenthetical: re.Pattern[str]
    initial: re.Pattern[str]
    initial_comma: re.Pattern[str]
    approximate: re.Pattern[str]
    bare_hedge: re.Pattern[str]
    abbreviations: re.Pattern[str]
    short_forms: re.Pattern[str]


@lru_cache(maxsize=1)
def _rx() -> _Rx:
    pb = phrasebook()
    f = "fillers"
    paren = alternation(pb.words(f, "parenthetical"))
    span = rf"{NUMBER_WORD}(?:\s*(?:-|–|til)\s*{NUMBER_WORD})?"
    number = rf"(?:\d|{span}\s+(?:{UNIT_WORDS}|{_COUNTS}|\w+s\s+tid))"
    return _Rx(
        dialect=compile_words(pb.table("dialect")),
        anywhere=compile_words(pb.words(f, "anywhere")),
        trailing=re.compile(rf",?\s*{alternation(pb.words(f, 'trailing'))}\s*(?=[,.!?;]|$)",
                            re.IGNORECASE),
        only_start=re.compile(rf"^\s*{alternation(pb.words(f, 'only_start'))}", re.IGNORECASE),
        parenthetical=re.compile(rf"(?:(?<=,)|^)\s*{paren}\s*(?=,|[.!?]?$)|,\s*{paren}\s*(?=[.!?]?$)",
                                 re.IGNORECASE),
        initial=re.compile(rf"^\s*{alternation(pb.words(f, 'initial'))}\s*[,.!]?\s+",
                           re.IGNORECASE),
        initial_comma=re.compile(rf"^\s*{alternation(pb.words(f, 'initial_comma'))}\s*[,.!]\s*",
                                 re.IGNORECASE),
        approximate=re.compile(rf"{alternation(pb.words(f, 'approximate'))}\.?\s+(?={number})",
                               re.IGNORECASE),
        bare_hedge=re.compile(rf"\bbare\s+(?={alternation(pb.words(f, 'bare_hedge_before'))})",
                              re.IGNORECASE),
        abbreviations=compile_words(pb.table("abbreviations")),
        short_forms=compile_words(pb.table("abbreviations.short")),
    )


def _keep_case(found: str, written: str) -> str:
    if found[:1].isupper() and written[:1].islower():
        return written[:1].upper() + written[1:]
    return written


def standardise(text: str) -> str:
    """Dialect and spoken forms to bokmål ("æ har" → "jeg har", "ikkje" → "ikke")."""
    table = phrasebook().table("dialect")
    text = text.replace("’", "'")
    # (the copula first, on the words as said: the table makes "jobba" "jobbet")
    text = _COPULA_E_A.sub(r"\1\2 er ", _COPULA_E.sub(r"\1 er ", text))
    return _rx().dialect.sub(lambda m: _keep_case(m.group(0), table[m.group(0).lower()]), text)


# the western and northern copula "e" after a noun in its definite form ("prøven e positiv",
# "kneet e hovent", "beinane e tunge"): "er" ("e-post", a lone letter in a list, stays)
_COPULA_E = re.compile(r"\b((?i:[a-zæøå]{2,}(?:en|et|ne))) e (?=[a-zæøå]{2})")
# after -a only where the noun opens its clause ("Nei, vekta e som før", "Og kona e sjuk"):
# after another word, "e" is as often "I" after a verb in the same dialects ("Då jobba e
# natt")
_COPULA_E_A = re.compile(r"(^|[,.;:!?]\s+|\b(?i:og|men)\s+)((?i:[a-zæøå]{2,}a)) e "
                         r"(?=[a-zæøå]{2})")


def capitalise(text: str) -> str:
    """The first letter in capital, unless the first word is written with a capital inside
    ("eGFR", "pH", "iFOBT")."""
    first = text.split(" ", 1)[0] if text else ""
    if re.search(r"[A-ZÆØÅ]", first[1:]):
        return text
    return text[:1].upper() + text[1:] if text else text


def lower_first(text: str) -> str:
    """The first letter in lowercase: its capital only started a sentence. Acronyms ("CRP"),
    words with digits and words written with a capital elsewhere in ``text`` keep theirs."""
    first = text.split(" ", 1)[0].strip(",.;:!?") if text else ""
    if not first or not first[:1].isupper():
        return text
    if (len(first) > 1 and first.isupper()) or re.search(r"\d", first) or re.search(
            rf"(?<=\w )\b{re.escape(first)}\b", text[len(first):]):
        return text
    return text[:1].lower() + text[1:]


def tidy(text: str) -> str:
    """Spaces and punctuation tightened; no leading punctuation."""
    text = re.sub(r"\s+", " ", text)
    text = re.sub(r"\s+([,.!?;:])", r"\1", text)
    text = re.sub(r"([,;])(?:\s*[,;])+", r"\1", text)
    text = re.sub(r"[,;:]\s*([.!?])", r"\1", text)
    text = re.sub(r"^[\s,.;:!–—-]+", "", text)
    text = re.sub(r"[\s,;:–—-]+$", "", text)
    text = re.sub(r"([!?])[.!?]+", r"\1", text)
    return text.strip()


# the speaker's view said first ("Sånn jeg ser det, har du irritabel tarm"): what follows is
# the statement itself, its verb back after its subject as when nothing stands first
_VIEW_FIRST = re.compile(
    r"^(?:(?:så|da|og|men)\s+)?(?:(?:sånn|slik)\s+(?:jeg|vi)\s+(?:ser|vurderer|oppfatter)\s+"
    r"det|etter\s+min\s+mening)\s*,?\s+(?:(?P<verb>har|er|blir)\s+"
    r"(?P<subj>du|dere|det|dette|den|han|hun)\b)?", re.IGNORECASE)


def _view_first(m: re.Match[str]) -> str:
    return f"{m.group('subj')} {m.group('verb')}" if m.group("verb") else ""


def strip_fillers(text: str, *, capital: bool = True) -> str:
    """Fillers, discourse markers, hedges and pauses out; punctuation and capital tidied.

    Meaning stays: a negation stays ("Nei, slutta …" keeps its "Nei"; "Nei, jeg har ikke
    feber" loses the "Nei" that the rest repeats), "bare" meaning "only" stays, and a vague
    quantity becomes "ca." ("sånn en uke" → "ca. en uke"). A sentence that is only
    acknowledgement or politeness ("Ja.", "Greit, takk.") becomes "". ``capital``: start
    with a capital letter (False for a fragment).
    """
    rx = _rx()
    text = _PAUSE.sub(" ", standardise(text))
    text = _VIEW_FIRST.sub(_view_first, text)
    tag_question = _TAG.search(text) is not None
    text = _CUTOFF.sub("", text)
    text = _STUTTER.sub(_unstutter, text)
    text = rx.approximate.sub("ca. ", text)
    text = rx.bare_hedge.sub("", text)
    text = _hedge_words(rx.trailing.sub("", rx.anywhere.sub("", text)))
    text = tidy(text)
    for _ in range(3):
        text = tidy(rx.parenthetical.sub("", text))
    greeting = _GREETING.match(text) is not None
    text = _strip_initial(text)
    if _only_acknowledgement(text) or (greeting and re.fullmatch(r"[A-ZÆØÅ][\wæøå]+[.!]?", text)):
        return ""  # "Hei, Jonas." — a greeting and a name
    if tag_question and text.endswith("?"):
        text = text[:-1] + "."
    return capitalise(text) if capital else text


def approximate(text: str) -> str:
    """A vague quantity before a number as "ca." ("sånn en uke" → "ca. en uke")."""
    return _rx().approximate.sub("ca. ", text)


def _unstutter(m: re.Match[str]) -> str:
    word = m.group(1)
    if word.isdigit() or (word.lower() == "det" and "," not in m.group(2)):
        return m.group(0)
    return word


_SANN = re.compile(r"\b(sånn|sånt|sånne)\b(?!\s+(?:som|at|er|var|ble|blir|det)\b)", re.I)
_IKKE_SANT = re.compile(r"(?<!\ber )(?<!\bvar )(?<!\bble )(?<!\bdet )\bikke sant\b", re.I)


def _hedge_words(text: str) -> str:
    """ "sånn" as a hedge ("sånn litt vondt", "en sånn inhalator") and "ikke sant" as a tag."""
    text = _IKKE_SANT.sub("", text)

    def sann(m: re.Match[str]) -> str:
        before = text[:m.start()].split()[-1:] if text[:m.start()].strip() else []
        after = text[m.end():].strip()
        nxt = after.split()[0].lower().strip(",.!?") if after else ""
        if not after or after[0] in ".!?,":
            return m.group(0)  # "det er sånn", "ikke sånn"
        if before and before[0].lower() in {"ikke", "er", "var", "blir", "ble", "det"} and (
                nxt in {"med", "for", "hos", "i", "på", "nå", "før", "da", "det", "hele"}):
            return m.group(0)
        return ""

    return _SANN.sub(sann, text)


def _strip_initial(text: str) -> str:
    pb = phrasebook()
    keep = set(pb.words("fillers", "keep_after_initial"))
    keep_da = keep | set(pb.words("fillers", "keep_after_da"))
    rx = _rx()
    for _ in range(6):
        before = text
        m = rx.initial.match(text) or rx.initial_comma.match(text)
        if m:
            head = m.group(0).strip(" ,.!").lower()
            rest = text[m.end():]
            nxt = rest.split()[0].lower().strip(",.") if rest.split() else ""
            guard = keep_da if head in {"da", "nå"} else keep if head == "så" else set()
            if head in {"da", "nå", "så", "og så"} and _inverted_third(rest):
                # "Nå har det gått …" stays a statement, not "Har det gått …?"
                return tidy(m.group(0).strip(" ,.!") + " " + rest)
            if rest.strip() and nxt not in guard and re.search(r"\w", rest):
                text = rest
        text = _strip_redundant_no(text)
        if text == before:
            break
    return tidy(text)


def _inverted_third(text: str) -> bool:
    """A verb and then a subject that stays in the note ("har det gått", "er planen"): taking
    the word before away would make the statement read as a question."""
    words = [w.strip(",.:").lower() for w in text.split()[:2]]
    if len(words) < 2:
        return False
    verb = words[0] in set(phrasebook().words("questions", "finite_verbs"))
    return words[1] in {"det", "den", "dette", "han", "hun", "de", "noen"} or (
        verb and words[1] not in {"jeg", "vi", "du", "man", "dere"}
        and words[1] not in set(phrasebook().words("fillers", "keep_after_initial")))


_NEGATION = re.compile(r"\b(?:ikke|ingen|aldri|ingenting|verken|heller ikke|ikkje|itj)\b", re.I)


def _strip_redundant_no(text: str) -> str:
    """ "Nei, jeg har ikke feber" → "jeg har ikke feber"; a "Nei" that carries meaning stays."""
    m = re.match(r"^\s*nei\s*[,.!]?\s+", text, re.IGNORECASE)
    if m and _NEGATION.search(text[m.end():]):
        return text[m.end():]
    return text


def _only_acknowledgement(text: str) -> bool:
    """Only acknowledgement, politeness or a greeting (with the name of whom it greets)."""
    only = set(phrasebook().words("fillers", "only"))
    name = r"[A-ZÆØÅ][\wæøå]+"
    said = text.strip(" .!")
    for candidate in (said, re.sub(rf"^{name},\s*", "", said), re.sub(rf",\s*{name}$", "", said)):
        bare = re.sub(r"[^\wæøå ]", "", candidate.lower()).strip()
        if not bare or bare in only or _rx().only_start.match(candidate):
            return True
    return False


@lru_cache(maxsize=4)
def _keyed(section: str, *, negatable: bool = False) -> tuple[dict[str, str], re.Pattern[str]]:
    """A ``"spoken" = "written"`` table of the phrasebook, keyed as :func:`lookup` reads it,
    and the pattern that finds its phrases (``negatable``: with a "ikke"/"ingen" before them
    as group ``neg``, the phrase as group ``what``)."""
    table = phrasebook().table(section)
    found = alternation(table)
    if negatable:
        found = rf"(?:\b(?P<neg>ikke|ingen)\s+)?(?P<what>{found})"
    return ({re.sub(r"\s+", " ", k.lower()): v for k, v in table.items()},
            re.compile(found, re.IGNORECASE))


def situations(text: str) -> str:
    """Where or when a symptom comes, as GPs write it ("når pas. går opp trappa" → "i
    trapper", "når jeg ligger" → "i liggende")."""
    keyed, pattern = _keyed("situations")
    return pattern.sub(lambda m: lookup(keyed, m.group(0)) or m.group(0), text)


def clinical_nouns(text: str) -> str:
    """A complaint in everyday words as the note's noun: "Ikke vondt i brystet ved
    anstrengelse" → "Ingen brystsmerter ved anstrengelse", "Har vondt i magen" → "Har
    magesmerter". A negation right before it becomes "Ingen"."""
    keyed, pattern = _keyed("clinical_nouns", negatable=True)

    def noun(m: re.Match[str]) -> str:
        written = lookup(keyed, m.group("what")) or m.group("what")
        if m.group("neg"):
            word = "ikke" if written.endswith("tap") else "ingen"  # intet/ikke vekttap
            neg = word.capitalize() if m.group("neg")[0].isupper() else word
            return f"{neg} {written}"
        return written
    out = pattern.sub(noun, text)
    return out[:1].upper() + out[1:] if out and text[:1].isupper() else out


# --- numbers, units and abbreviations -------------------------------------------------------
def abbreviate(text: str, *, short_forms: bool = False) -> str:
    """Digits with decimal comma, units and GP abbreviations; values never change.

    "trettiåtte komma fire" → "38,4"; "hundre og førti over nitti" → "140/90"; "to-tre dager"
    → "2–3 d"; "fem hundre milligram tre ganger daglig" → "500 mg x 3"; "den sjette januar"
    → "6. januar"; "høyre" → "hø."; "en ukes tid" → "ca. 1 uke". ``short_forms`` adds the
    optional ones ("ved behov" → "v.b.", "undersøkelse" → "us.", "tabletter" → "tbl.").
    """
    text = _dates(text)
    text = _TIDS.sub(lambda m: f"ca. {_as_digits(m.group(1))} {_period(m)}", text)
    text = re.sub(r"\bhalvannen\b", "1,5", text, flags=re.IGNORECASE)
    text = _HALF.sub(lambda m: f"{_as_digits(m.group(1))},5", text)
    text = _HALF_TIME.sub(lambda m: f" {_TIME_PLURAL[m.group(1).lower()]}", text)
    text = name_values(spoken_to_digits(text))
    text = _EXTRA_UNITS.sub(lambda m: _as_digits(m.group(1)), text)
    text = _WORD_TO_DIGIT_RANGE.sub(lambda m: f"{_as_digits(m.group(1))}–{m.group(2)}", text)
    text = _BIG_WORD.sub(_big_number, text)
    text = _RANGE.sub(r"\1–\2", text)
    text = _COMMA_RANGE.sub(_comma_range, text)
    for pattern, repl in _FREQUENCY:
        text = pattern.sub(repl, text)
    for pattern, repl in _UNIT_SHORT:
        text = pattern.sub(repl, text)
    text = _DEGREES.sub(lambda m: f"{m.group(1)}{m.group(2) or ''} °C", text)
    text = _words(text, "abbreviations", _rx().abbreviations)
    if short_forms:
        text = _words(text, "abbreviations.short", _rx().short_forms)
    text = _SIDE_PLACE.sub(r"\1 side", text)
    text = re.sub(r"\bca\.?\s+ca\.", "ca.", text)
    return _DOUBLE_DOT.sub(r"\1", re.sub(r"\s{2,}", " ", text)).strip()


_BIG_WORD = re.compile(rf"(?<![\wæøå-])({NUMBER_WORD})(?![\wæøå-])", re.IGNORECASE)


def _big_number(m: re.Match[str]) -> str:
    """A number word of 11 or more is always a number ("femtito" → "52"); small ones ("en",
    "to", "tre") are words too and stay unless a unit follows."""
    value = word_to_int(m.group(1))
    return str(value) if value is not None and value >= 11 else m.group(0)


def _as_digits(token: str) -> str:
    value = word_to_int(token)
    return str(value) if value is not None else token.replace(".", ",")


def _period(m: re.Match[str]) -> str:
    one = _as_digits(m.group(1)) == "1"
    unit = m.group(2).lower()
    plural = {"uke": "uker", "dag": "dager", "måned": "måneder", "time": "timer", "år": "år"}
    return unit if one else plural[unit]


def _dates(text: str) -> str:
    def repl(m: re.Match[str]) -> str:
        word = m.group(1).lower().rstrip(".")
        day = ORDINALS.get(word) or (int(word) if word.isdigit() else 0)
        return f"{day}. " if 1 <= day <= 31 else m.group(0)

    return _DATE.sub(repl, text)


def _words(text: str, section: str, pattern: re.Pattern[str]) -> str:
    table = {k.lower(): v for k, v in phrasebook().table(section).items()}

    def repl(m: re.Match[str]) -> str:
        found = m.group(0)
        key = re.sub(r",?\s+", " ", found.lower())
        if key in {"høyre", "venstre"} and found[:1].isupper() and m.start() > 0:
            return found  # "Høyre" mid-sentence is the party, not the side
        return table.get(key, found)

    return pattern.sub(repl, text)


def finish(text: str) -> str:
    """Final form of a note fragment: tidy, capital first, a full stop unless it has one."""
    text = tidy(text)
    if not text:
        return ""
    text = capitalise(text)
    return text if text[-1] in ".!?" else text + "."
