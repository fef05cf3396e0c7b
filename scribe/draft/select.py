"""Which statements go into the note: clinical content stays, low-information talk goes.

A GP's note is roughly a fifth of what was said. After compression the statements are still
too many, so each one is weighed by what it carries (clinical vocabulary, numbers, drugs,
negated findings) per word, and the lightest go first until the note fits its budget. A
fact (a number, a drug, a decision, a relevant negative, what a question and its answer
became) weighs more, so it goes only when lighter talk is gone; a short statement with no
clinical content at all is dropped always, and so is one that another statement of the
section already says. The frames speech puts around a fact are taken off first
(:func:`compact`).
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterator, Mapping
from dataclasses import replace
from functools import lru_cache

from scribe.domain import Statement
from scribe.draft.classify import ASSESSMENT, COMPLAINT, FINDING, PLAN, SMALL_TALK, SYMPTOM
from scribe.draft.phrasebook import compile_words, phrasebook
from scribe.draft.spoken import clinical_nouns
from scribe.draft.telegraphic import telegraphic
from scribe.text.numbers import numbers_in

# The budget of the four sections: a GP's note grows more slowly than the talk (a short call
# still needs its complaint, negatives and plan), about a fifth of the words plus a base.
# Measured on the development and own cases: with the sorter letting more facts in, 0.22
# gives a shorter note than 0.28 did before, at higher recall on both sets; 0.25–0.28 gave
# the same recall on the own cases at a longer note.
SHARE = 0.22
BASE_WORDS = 65
FACT_BONUS = 4.0  # what being a fact adds to a statement's weight when cutting
_DIGIT = re.compile(r"\d")
_NEGATED = re.compile(r"\b(?:ikke|ingen|uten|neg\w*|normal\w*|ua\.?)\b", re.IGNORECASE)
_DECISION = re.compile(r"\b(?:legevakt\w*|kontroll\w*|henvis\w*|sykmeld\w*|\w*resept\w*|"
                       r"(?:blod|urin|avførings|av)prøve\w*|prøvene|rekvir\w*|laborator\w*|"
                       r"røntgen\w*|ultralyd\w*|CT|MR|EKG|spirometri\w*|dyrking\w*|"
                       r"ny time|ny kontakt|ta kontakt|kontakt\w* (?:lege|legevakt)|"
                       # the rest of what a plan holds: who else the patient is sent to, the
                       # papers written, what is done here, a test taken, a visit decided
                       r"fysioterap\w*|psykolog\w*|psykisk helsehjelp|frisklivs\w*|"
                       r"poliklinikk\w*|spesialist\w*|jordmor\w*|helsestasjon\w*|"
                       r"hjemmesykepleie\w*|ergoterap\w*|\w*erklæring\w*|attest\w*|"
                       # the municipality's help applied for ("søke kommunen om dagsenter og
                       # avlastning", "demenskoordinator", "korttidsopphold")
                       r"heimesjukepleie\w*|hjemmetjeneste\w*|dagsenter\w*|avlastning\w*|"
                       r"korttidsopphold\w*|sykehjemsplass\w*|tildelingskontor\w*|"
                       r"\w*koordinator\w*|pårørendeskole\w*|individuell plan|"
                       r"helsekort\w*|egenmelding\w*|bandasje\w*|elastisk bind|gips\w*|"
                       r"forstøver\w*|sutur\w*|\w*vaksine\w*|\w+test(?:en)?|sykebesøk\w*|"
                       r"hjemmebesøk\w*|(?:ingen|ikke)(?: \w+)? behandling|behandles hjemme|"
                       # a drug stopped, and driving (a decision of its own in general practice)
                       r"slutt(?:er|e)? med (?!dem\b|den\b|det\b|de\b)|seponer\w*|"
                       # a dose changed or left out: a drug decision of its own ("hoppe over
                       # dosen", "trappe ned", "halvere dosen", "øker dosen til …")
                       r"hopp\w* over (?:dosen|en dose|\w+ dose)|(?:øk|reduser|halver|senk|"
                       r"juster)\w* (?:\w+ )?dose\w*|trapp\w* (?:ned|opp)|(?:vanlige|ny|nye|"
                       r"samme) dose\w*|"
                       r"kjøre\w* bil|bilkjøring|førerkort\w*)",
                       re.IGNORECASE)
_PATTERNS = (SYMPTOM, FINDING, ASSESSMENT, PLAN)
# words the sorter reads as clinical that say when or how, not what: they carry a statement
# only together with a symptom, a finding or a number
_GENERIC = {"startet", "begynte", "i går", "morges", "i natt", "dager", "uker", "måneder",
            "døgn", "siden", "tatt", "brukt", "verre", "bedre", "kraftig", "livet", "planer",
            "hjemme", "fører", "får du", "skal du", "du skal", "du får", "tar vi", "skal få",
            "leverer", "regelmessig", "hvis du", "hvis det", "hvis han", "hvis hun", "plan",
            "sender", "til og med", "du tar", "du kan ta", "fortsett", "begynn"}
# what a question and its answer became ("Varighet ca. 1 uke", "Ikke-røyker", "Ingen
# suicidaltanker"): the set forms of the phrasebook's topics and open questions; a time of day
# said as words: facts without a number or a drug in them
_TIME_WORDS = r"\bhalv (?:ett|to|tre|fire|fem|seks|sju|syv|åtte|ni|ti|elleve|tolv)\b"


@lru_cache(maxsize=1)
def _typed() -> re.Pattern[str]:
    pb = phrasebook()
    forms = [f for t in pb.topics
             for f in (t.yes, t.no, t.former, t.never, t.yes_bare, t.no_against)]
    forms += [f for o in pb.open_kinds for f in (o.label, o.none)]
    starts, inside = {"Tatt", "Ikke tatt"}, set()  # "Har tatt {}" once "Har" has gone
    for form in filter(None, forms):
        head, _, rest = form.partition("{}")
        if head.rstrip(" :"):
            starts.add(head.rstrip(" :"))
        elif rest.strip(" :"):
            inside.add(rest.strip(" :"))  # "{} i familien:" → "… i familien"
    parts = [rf"^(?:{'|'.join(map(re.escape, sorted(starts, key=len, reverse=True)))})(?!\w)"]
    parts += [rf"\b{re.escape(x)}\b" for x in sorted(inside)]
    # an open question's topic and its answer ("Mensen: regelmessig", "Humøret: langt nede"),
    # not a source ("Ifølge datter: …")
    parts.append(r"^(?!Ifølge\b)[A-ZÆØÅ][\wæøå-]+(?:\s[\wæøå-]+)?:\s")
    return re.compile("|".join([*parts, _TIME_WORDS]))


# how often: "flere ganger i timen", "to ganger om natta", "hver morgen", "daglig" — a fact of
# the history whether said in digits or not ("hele tiden" is said of anything, not counted)
_FREQUENCY = re.compile(r"\b(?:\w+\s+(?:ganger?|gonger|gongar|gonga)\s+(?:i|per|om|hver|en|et|"
                        r"ei)\s+\w+|hver\s+(?:annen\s+|"
                        r"andre\s+|tredje\s+|fjerde\s+)?(?:dag|natt|morgen|kveld|uke|måned|"
                        r"time)|daglig|ukentlig)\b", re.IGNORECASE)


# how long, said in words: "i et år", "i to døgn", "siden for tre uker", "de siste månedene"
_DURATION = re.compile(r"\b(?:i|på|for|de siste|det siste)\s+(?:(?:et|ett|en|ei|to|tre|fire|fem|"
                       r"seks|sju|syv|åtte|ni|ti|noen|par|halvt|halv|flere)\s+)+(?:år|måned\w*|"
                       r"uke\w*|dag\w*|døgn|timer?)\b|\bde siste (?:månedene|ukene|dagene|årene)\b",
                       re.IGNORECASE)


# when, said as a point in the calendar: "i mars i fjor", "i påsken", "siste halvåret",
# "i vinter", "på lørdag" — the history dates a complaint, an event or a last period by it
# (a plan of the patient's own, "Skal sykle … i juni", is no history: _PLANNED)
_WHEN = re.compile(r"\b(?:i\s+(?:januar|februar|mars|april|mai|juni|juli|august|september|"
                   r"oktober|november|desember|fjor|forfjor|vinter|sommer|høst|vår|påsken|"
                   r"jula|julen|romjula)|siste\s+(?:halvåret|året|måneden|uka|uken)|"
                   r"(?:i\s+)?forrige\s+(?:uke|måned|år)|(?:på|sist)\s+(?:mandag|"
                   r"tirsdag|onsdag|torsdag|fredag|lørdag|søndag)|\d{4})\b", re.IGNORECASE)
# who in the family had what: "Mormor hadde en blodpropp", "Far fikk hjerteinfarkt"
_FAMILY = re.compile(r"\b(?:mor|far|bror|søster|mormor|morfar|farmor|farfar|foreldrene|"
                     r"søsken|onkel|tante|sønn|datter)\s+(?:hadde|har|fikk|døde)\b",
                     re.IGNORECASE)
_PLANNED = re.compile(r"\b(?:skal|neste)\b", re.IGNORECASE)
# which side: a GP writes it whatever else goes ("Venstre øre.", "vondt i høyre kne")
_SIDE = re.compile(r"\b(?:høyre|venstre|bilateral\w*|begge sider|dobbeltsidig\w*)\b",
                   re.IGNORECASE)


def words(text: str) -> int:
    return len(re.findall(r"[\wæøå]+", text))


def weight(text: str, *, is_drug: Callable[[str], bool] = lambda _: False) -> float:
    """What a statement carries: distinct clinical terms, numbers, drug names, negatives."""
    out = float(len(_terms(text))) + 2.0 * bool(_DIGIT.search(text) or _typed().search(text))
    out += 2.0 * is_drug(text)
    out += 1.5 * min(2, len(_complaints(text)))  # what the patient feels is what the note is for
    out += 0.5 * bool(_NEGATED.search(text))
    return out - 1.5 * len(SMALL_TALK.findall(text))


# complaint words that also describe things in everyday talk (a red car, a dry summer, a
# weak team): they name a complaint only beside another one
EVERYDAY = re.compile(r"^(?:rød\w*|grønt|tørr\w*|svak\w*|sår\w*|blod\w*|trykk\w*|press\w*|"
                       r"uro\w*|stiv\w*|plag\w*|slapp\w*|sliten|trøtt\w*|våkner|tett\w*|"
                       r"hjemme)$")


def _complaints(text: str) -> set[str]:
    """The complaint words of ``text``; everyday ones only beside another or placed on the
    body ("et press midt i brystet", "tett i nesa")."""
    found = {m.strip(" ,.").lower() for m in COMPLAINT.findall(text)}
    plain = {w for w in found if not EVERYDAY.match(w)}
    return found if plain or (found and _body().search(text)) else set()


@lru_cache(maxsize=1)
def _body() -> re.Pattern[str]:
    return compile_words(phrasebook().words("body", "parts"))


# when it started: "Det startet i går morges", "Begynte for tre uker siden"
_ONSET = re.compile(r"\b(?:startet|begynte|bynte|byrja|kom|fikk|debut\w*|siden|har vart|"
                    r"varig\w*)\b.{0,30}"
                    r"\b(?:i går|i forgårs|i natt|morges|forrige|på (?:mandag|tirsdag|onsdag|"
                    r"torsdag|fredag|lørdag|søndag)|i (?:mandags|tirsdags|onsdags|torsdags|"
                    r"fredags|lørdags|søndags|helgen|helga)|for \w+ (?:dager|uker|måneder|år) "
                    r"siden|\d+ (?:d|dager|uker|mnd|måneder|år))\b", re.IGNORECASE)


def _empty(text: str, is_drug: Callable[[str], bool]) -> bool:
    """A few words with nothing clinical in them (a name, "Jevnt.")."""
    return weight(text, is_drug=is_drug) <= 0 and words(text) <= 3


def _terms(text: str) -> set[str]:
    return {m.strip(" ,.").lower() for p in _PATTERNS for m in p.findall(text)} - _GENERIC


def is_fact(text: str, is_drug: Callable[[str], bool]) -> bool:
    """A number, a drug, a decision of the plan (referral, sick leave, prescription,
    follow-up, safety-netting), what a question and its answer became ("Varighet …"), a side
    ("Venstre øre"), a complaint ("Blir kvalm, kaster opp") or a relevant negative ("Ikke
    feber")."""
    return any(_holds(text, is_drug))  # (stops at the first kind found)


def fact_kinds(text: str, is_drug: Callable[[str], bool]) -> int:
    """How many kinds of fact a statement holds: a number or a set form, a drug, a decision,
    a time (onset, frequency, duration, a date), a relative's illness, a side, a complaint
    the patient feels, a relevant negative. "Gir forstøverbehandling her, Ventoline" (a drug
    and a decision) holds more than "Det tar ca. 10 min." (a number)."""
    return sum(_holds(text, is_drug))


def _holds(text: str, is_drug: Callable[[str], bool]) -> Iterator[bool]:
    """For each kind of fact, in turn, whether ``text`` holds one."""
    yield bool(_DIGIT.search(text) or _typed().search(text))
    yield is_drug(text)
    yield bool(_DECISION.search(text))
    yield bool(_ONSET.search(text) or _FREQUENCY.search(text) or _DURATION.search(text)
               or (_WHEN.search(text) and not _PLANNED.search(text)))
    yield bool(_FAMILY.search(text))
    yield bool(_SIDE.search(text))
    yield bool(_complaints(text))
    yield bool(_NEGATED.search(text)) and words(text) <= 8 and any(
        p.search(text) for p in _PATTERNS)


# Each section's part of the budget, as in GPs' notes. Funn (findings, already in note form)
# is not cut, only emptied of talk. Vurdering is what the doctor concluded: a GP writes it in
# a line or two, while the doctor says it at length to the patient (what the disease is, that
# most get well, what a drug can do); it gets a small part, and what explains goes first.
PARTS = {"Anamnese": 0.42, "Tiltak": 0.42, "Vurdering": 1.0}
VURDERING_MIN = 18  # words: a short visit's assessment still has room for its line

# what is said to explain, not what was concluded about this patient: how a disease usually
# goes, what most people get, what a drug can do, how common something is
_EXPLAINS = re.compile(
    r"\b(?:de fleste|det aller meste|mange (?:får|har|blir)|vanligvis|som regel|ofte|"
    r"vanligste|veldig vanlig|er (?:helt |ganske |svært )?vanlig|går over av seg selv|"
    r"går (?:vanligvis |ofte )?over|smitter|kan (?:også )?gi|kan spille inn|kan behandles|"
    r"kan (?:også )?(?:gjøre at|føre til)|"
    r"(?:det )?betyr at(?!\s+(?:pas\.|du|han|hun)\s+har\b)|et godt tegn|effekten kommer|"
    r"fordelene|gevinsten|"
    r"karaktertrekk|i familier|kommer og går|hos (?:kvinner|menn|barn|eldre)|"
    r"ikke farlig|ufarlig|trygt|for eksempel)\b", re.IGNORECASE)
# an instruction to the patient ("Hold faste tider", "Bruk en mild krem") is advice, not
# an assessment; Tiltak says it
# (only verbs whose imperative is no noun too: not "kutt", "legg", "sett", "hold", "slutt")
IMPERATIVE_VERBS = (r"(?:bruk|ta|vask|gå|kom|ring|unngå|drikk|spis|prøv|husk|smør|skyll|tren|"
                    r"vent|hvil)")
_IMPERATIVE = re.compile(rf"^{IMPERATIVE_VERBS}\b(?!\s+(?:av|på)\b)", re.IGNORECASE)


def select(sections: Mapping[str, list[Statement]], *, spoken_words: int,
           is_drug: Callable[[str], bool] = lambda _: False) -> dict[str, list[Statement]]:
    """The statements that stay, in their order: nothing without clinical content, nothing
    that another statement of the section already says, and in Anamnese and Tiltak the
    lightest go until the section fits its part of the budget. A section's first statement
    (the complaint, the values line) stays."""
    # (the assessment in its frame is no empty statement, however unknown the disease's name:
    # "Har irritabel tarm."; ``framed_as``: such statements, as they read once compacted)
    framed_as: set[str] = set()
    out: dict[str, list[Statement]] = {}
    for name, sts in sections.items():
        stays: list[Statement] = []
        for st in sts:
            in_frame = name == "Vurdering" and _framed(st.text) is not None
            if (_empty(st.text, is_drug) and not in_frame) or _REMARK.fullmatch(st.text):
                continue
            stays.append(replace(st, text=unaddressed(compact(st.text), is_drug)))
            if in_frame:
                framed_as.add(stays[-1].text)
        out[name] = _without_repeats(stays)
    budget = BASE_WORDS + SHARE * spoken_words
    stated: set[str] = set()  # the assessment freed of its frame ("Irritabel tarm.")
    if "Anamnese" in out:
        out["Anamnese"] = _values_told_again(out["Anamnese"])
    if "Tiltak" in out:
        out["Tiltak"] = _one_follow_up(_samples_sent(out["Tiltak"]))
    if "Vurdering" in out:
        # what only explains goes whatever the budget, unless it is all the section has
        said = out["Vurdering"]
        framed = _assessment(said)
        # a statement freed of its frame ("Dette er eksem." → "Eksem.") is the assessment
        # itself, however short
        found = numbers_in(" ".join(st.text for st in out.get("Funn", ())), words=False)
        stated = {st.text for st, was in zip(framed, said, strict=True)
                  if (st.text != was.text or was.text in framed_as)
                  and not st.text.startswith("Ikke ")}
        out["Vurdering"] = [st for st, was in zip(framed, said, strict=True)
                            if not _explains(st.text)
                            and (st.text != was.text or st.text in stated
                                 or not _says_nothing(st.text))
                            and not _only_findings(st.text, found)
                            ] or framed[:1]
    for name, part in PARTS.items():
        if name in out:
            # cut as they will read (the source said once), then say the source again on
            # the first that stays
            short = _attributed_once(out[name])
            size = max(VURDERING_MIN, part * budget) if name == "Vurdering" else part * budget
            kept = {id(st) for st in _fit(short, size, is_drug, history=name == "Anamnese",
                                          assessment=name == "Vurdering",
                                          stated=stated if name == "Vurdering" else set())}
            out[name] = [st for st, sh in zip(out[name], short, strict=True) if id(sh) in kept]
    return {name: _attributed_once(sts) for name, sts in out.items()}


# the doctor's word on the talk itself, not on the patient: "Godt spørsmål.", "Det var et
# godt valg.", "Det er et godt tegn." (the finding it praises is written, not the praise),
# "Viktig spørsmål, men …" (what follows "men" is kept, :data:`_FRAMES`)
_PRAISED = (r"(?:det\s+(?:er|var)\s+)?(?:(?:et|en)\s+)?(?:veldig\s+|svært\s+|kjempe)?"
            r"(?:godt?|bra|fint|flott|klokt?|lurt|viktig|riktig|fornuftig)\s+"
            r"(?:spørsmål|valg|tegn|start|idé|ide|poeng|tanke|innspill)")
_REMARK = re.compile(rf"{_PRAISED}\s*[.!]?", re.IGNORECASE)

# the doctor's recap near the end ("Så oppsummerer jeg: …", "For å oppsummere: …", "Kort
# oppsummert …", "La meg summere opp …", nynorsk "Eg oppsummerer"): the recap opens a turn or
# follows a word of assent ("Fint. Så oppsummerer jeg: …") and runs to the turn's end
RECAP = re.compile(r"^(?:(?:så|da|ok|okei|fint|bra|godt|altså|ja)\b[,.]?\s+){0,3}"
                    r"(?:(?:for\s+å|hvis\s+(?:jeg|eg)|om\s+(?:jeg|eg)|skal\s+(?:jeg|eg|vi)|"
                    r"la\s+meg|kan\s+(?:jeg|eg))\s+)?(?:(?:jeg|eg|vi)\s+)?"
                    r"(?:kort\s+)?(?:oppsummer\w*|summer\w*\s+opp)\b", re.IGNORECASE)
# set phrases of speech that a note writes without their frame
_FRAMES = (
    # what a recap adds, without the words that announce it ("For å oppsummere: kløen …")
    (re.compile(rf"^{RECAP.pattern[1:]}(?:\s+(?:jeg|eg|vi))?\s*[:,.]?\s*(?=\w)", re.I), ""),
    # "Tankene mine: …", "Så tankane mine er: …": the assessment announced
    (re.compile(r"^(?:(?:så|ja|da)\s*,?\s+)*(?:(?:tankene|tankane)(?:\s+mine)?|mine\s+tanker)"
                r"(?:\s+er)?\s*[:,.]\s*(?=\w)", re.I), ""),
    # "Godt spørsmål, men det tar vi neste gang" → "Det tar vi neste gang"
    (re.compile(rf"^{_PRAISED}\s*[,.!]\s*(?:men|og)?\s*(?=\w)", re.I), ""),
    # "Det har holdt på i et år" → "Varighet et år"; "… siden jul" → "Siden jul"
    # (only after a pronoun: "Smertene har vart i 3 dager" keeps what lasted)
    (re.compile(r"^(?:det|dette|den)\s+har\s+(?:holdt\s+på|vart|pågått|vært\s+sånn|"
                r"vært\s+slik)\s+i\s+", re.I), "Varighet "),
    (re.compile(r"^(?:det|dette|den)\s+har\s+(?:holdt\s+på|vart|pågått|vært\s+sånn|"
                r"vært\s+slik)\s+(?=siden\s)", re.I), ""),
    # "…, men det har blitt verre i det siste" → "…, verre i det siste"
    (re.compile(r",?\s+men\s+(?:det|den|de|plagene|smertene)\s+har\s+blitt\s+(?=verre|bedre)",
                re.I), ", "),
    # "Det viktigste er bekkenbunnstrening" → "Bekkenbunnstrening": the weight is said, not
    # written
    (re.compile(r"^(?:det\s+)?viktigste\s+(?:er|blir)\s+(?:nå\s+)?(?:å\s+)?", re.I), ""),
    # what a test or a follow-up is to show, said to the patient: "Sender urinen til dyrking,
    # så ser hvilken bakterie det er …" → "Sender urinen til dyrking."; "Kontroll om 2 uker,
    # for å høre hvordan det går." ("for å se etter muskelknuter" names what is sought: kept)
    (re.compile(r"(?<=[\wæøå])\s*,?\s+(?:for\s+å\s+(?:se|høre|sjekke)|så\s+(?:vi\s+|du\s+|"
                r"pas\.\s+)?(?:ser|vet|får\s+se|får\s+vite)(?:\s+vi|\s+du)?)\s+(?:om|at|hvordan|hvor|hva|"
                r"hvilken|hvilke)\b[^.]*(?=\.?$)", re.I), ""),
    # "Vurdering er at pas. har en …" / "Min vurdering er at det er …" → the assessment
    (re.compile(r"^(?:min\s+)?vurdering(?:en)?\s+er\s+at\s+(?:pas\.|han|hun|det)\s+"
                r"(?:har|er)\s+(?:en\s+|et\s+|ei\s+)?", re.I), ""),
    # "en medisin som heter sumatriptan" → "sumatriptan"
    (re.compile(r"\b(?:en|et|ei|1)\s+(?:\w+\s+)?(?:tablett|\w*medisin|\w*spray|krem|salve|"
                r"kapsel|\w*middel)\s+som\s+heter\s+", re.I), ""),
    (re.compile(r"\bsom\s+heter\s+", re.I), ""),
    # "660 mg, 1 tablett x 4" → "660 mg x 4": one unit a time is what a dose means
    (re.compile(r"(\d(?:[\d,.]*)\s*(?:mg|g|mikrogram|µg|ml))\b,?\s+(?:1|én|en|ett)\s+"
                r"(?:tablett|tbl\.|kapsel|dose|pust|drag|sprut)\s+(?=x\s*\d)", re.I), r"\1 "),
    # "Vurderer selvmordsrisikoen som lav" → "Selvmordsrisikoen vurderes som lav"
    (re.compile(r"^vurderer\s+((?:[\wæøå-]+\s+){0,3}?[\wæøå-]+)\s+som\s+", re.I),
     r"\1 vurderes som "),
)


# the acidity measured, as written: "pH er fem komma null" → "pH 5,0" (not "PH er 5,0")
_PH = re.compile(r"^ph\s+(?:er|var|blir|viser)\s+(?=\d)", re.IGNORECASE)


@lru_cache(maxsize=1)
def _occupation() -> re.Pattern[str]:
    """ "Er bussjåfør." / "Jobber som sykepleier på sykehjemmet." (what a patient works as)."""
    jobs = "|".join(sorted(map(re.escape, phrasebook().words("occupations", "words")),
                           key=len, reverse=True))
    return re.compile(rf"^(?:er|jobber\s+som|arbeider\s+som)\s+(?P<job>(?:[\wæøå-]+\s+)?"
                      rf"[\wæøå-]*(?:{jobs}))\b(?![\wæøå-])", re.IGNORECASE)


def compact(text: str) -> str:
    """The statement without the frames speech puts around a fact."""
    out = clinical_nouns(text)
    for pattern, repl in _FRAMES:
        out = pattern.sub(repl, out, count=1)
    out = _occupation().sub(lambda m: f"Arbeid: {m['job'].lower()}", out, count=1)
    out = _PH.sub("pH ", telegraphic(out).strip(), count=1)
    for pattern, repl in _DECLINED:
        out = pattern.sub(repl, out, count=1)
    return out[:1].upper() + out[1:] if out and not out.startswith("pH") else out or text


# what the doctor decided against or ruled out, as a GP writes it: "(Jeg) sykmelder (deg) ikke
# nå" → "Ikke sykmeldt nå", "henviser ikke" → "Ikke henvist", "men det ser ikke ut som en
# depresjon" → "men ikke depresjon"
_DECLINED = (
    (re.compile(r"^(?:så\s+|derfor\s+)?(?:jeg\s+|eg\s+|je\s+|æ\s+)?sykmelder\s+"
                r"(?:deg\s+|dæ\s+|pas\.\s+)?ikke\b", re.I), "Ikke sykmeldt"),
    (re.compile(r"^(?:så\s+|derfor\s+)?(?:jeg\s+|eg\s+|je\s+|æ\s+)?henviser\s+"
                r"(?:deg\s+|dæ\s+|pas\.\s+)?ikke\b", re.I), "Ikke henvist"),
    (re.compile(r"\b(?:det|dette)\s+ser\s+ikke\s+ut\s+som\s+(?:en|et|ei)\s+(?=\w)", re.I),
     "ikke "),
)


# the patient (or a relative) addressed by name after a finished clause: "Snakkes om 2
# måneder, Arne." — not a drug in apposition ("Bytter til en annen jerntablett, Duroferon.")
# or a clinical word. (Before a clause a capital word is as often a topic: "Kaffe, alkohol".)
_NAME_LAST = re.compile(r"\s*,\s+(?P<name>[A-ZÆØÅ][a-zæøå]+)\s*[.!]?\s*$")


def unaddressed(text: str, is_drug: Callable[[str], bool] = lambda _: False) -> str:
    """The statement without the name the speaker addressed someone by at its end."""
    m = _NAME_LAST.search(text)
    if (m is not None and not is_drug(m["name"]) and not _terms(m["name"])
            and words(text[:m.start()]) >= 2):
        return text[:m.start()] + "."
    return text


_STOP = {"har", "hadde", "det", "den", "som", "men", "med", "for", "pas", "var",
         "er", "og", "til", "på", "av", "at", "seg", "så", "litt", "noe", "når", "etter"}


def _content(text: str) -> set[str]:
    return {w for w in re.findall(r"[\wæøå]+(?:[.,]\d+)?", text.lower()) if w not in _STOP}


def _without_repeats(statements: list[Statement]) -> list[Statement]:
    """A statement whose words all stand in one longer statement of the section says nothing
    new ("Anfall." beside "Anfall: x 2–3/mnd.", "Det var vondt." beside "Det gjorde vondt")."""
    words_of = [_content(st.text) for st in statements]
    out = []
    for i, st in enumerate(statements):
        mine = words_of[i]
        if mine and any(j != i and len(other) > len(mine) and mine <= other
                        for j, other in enumerate(words_of)):
            continue
        if mine and any(words_of[j] == mine for j in range(i)):
            continue  # said again in the same words ("Ikke migrene." after "Har ikke migrene.")
        out.append(st)
    return out


_VALUES_ONLY = re.compile(r"^(?:[A-ZÆØÅa-zæøå0-9]{1,6}\s+\d[\d,./]*\s*(?:%|mmHg|kg)?\.?\s*)+$")


def _values_told_again(statements: list[Statement]) -> list[Statement]:
    """In the history, a values line ("T 38,5.") whose every number the patient's own account
    gives too ("Så på termometeret i går kveld, det var 38,5.") says it twice: the account,
    with when, stays; the line's evidence goes with it."""
    out = list(statements)
    for st in statements:
        if not _VALUES_ONLY.match(st.text.strip()):
            continue
        mine = numbers_in(st.text, words=False)
        for i, other in enumerate(out):
            if other is not st and not _VALUES_ONLY.match(other.text.strip()) and mine <= (
                    numbers_in(other.text, words=False)):
                out[i] = replace(other, evidence=tuple(dict.fromkeys((*other.evidence,
                                                                       *st.evidence))))
                out.remove(st)
                break
    return out


def _fit(statements: list[Statement], budget: float, is_drug: Callable[[str], bool], *,
         history: bool = False, assessment: bool = False,
         stated: set[str] | None = None) -> list[Statement]:
    """The statements with the lightest dropped until they fit ``budget``: what a statement
    weighs per word decides, a fact weighing more (``FACT_BONUS`` for each kind of fact it
    holds, up to two: a drug given here outweighs a number said in passing). The first
    statement (the complaint, the values line) stays unless it carries nothing ("Skal få det,
    var flink!").
    In an ``assessment`` the first said as the assessment (``stated``: freed of its frame)
    or else the first that concludes stays, and what explains weighs little."""
    kept = list(statements)
    total = sum(words(st.text) for st in kept)

    def key(st: Statement) -> float:
        value = weight(st.text, is_drug=is_drug) + FACT_BONUS * min(2, fact_kinds(
            st.text, is_drug))
        if assessment:
            value += 3.0 * _concludes(st.text) - 4.0 * _explains(st.text)
        elif not history and _EXPLAINS.search(st.text) and not _RULED_OUT.search(st.text):
            value -= 4.0  # in the plan: what a drug or a disease usually does, said to explain
        return float(value / max(1, words(st.text)) ** 0.5)
    if assessment:
        first = ([st for st in kept if st.text in (stated or set())]
                 or [st for st in kept if _concludes(st.text)] or kept)[:1]
    else:
        first = kept[:1] if kept and (is_fact(kept[0].text, is_drug)
                                      or weight(kept[0].text, is_drug=is_drug) > 1) else []
    if history:
        first += _chief_complaint(kept[len(first):],
                                  guess=not any(_complaints(st.text) for st in first))
    for st in sorted((st for st in kept if st not in first), key=key):
        if total <= budget:
            break
        kept.remove(st)
        total -= words(st.text)
    return kept



# "ingen tegn til …", "ikke holdepunkt for …": what was ruled out in this patient, however
# it is worded
_RULED_OUT = re.compile(r"\b(?:ingen|ikke)\s+(?:\w+\s+)?(?:tegn|holdepunkt\w*|mistanke|"
                        r"faresignal\w*|røde flagg)\b", re.IGNORECASE)


# a follow-up said as a time from now, whatever the words around it ("Kontroll om 2 uker",
# "Ser på det igjen om 2 uker", "Snakkes om 2 uker", "Sees om tre uker")
_FOLLOW_UP = re.compile(r"\b(?:kontroll\w*|ny time|sees|snakkes|kommer? (?:pas\. )?tilbake|"
                        r"ser (?:på )?(?:det|deg|pas\.) igjen|snakker (?:om det )?igjen|"
                        r"ringer|time)\b.{0,40}?\bom (\w+|\d+) (dag|dager|uke|uker|måned|"
                        r"måneder|mnd)\b", re.IGNORECASE)
_ONLY_FOLLOW_UP = re.compile(r"^(?:kontroll|ny time|sees|snakkes|ser (?:på )?(?:det|deg|pas\.) "
                             r"igjen|snakker (?:om det )?igjen)\b(?:\s+\w+)?\s+om\s+\S+\s+\S+\.?$",
                             re.IGNORECASE)


_SENT = re.compile(r"^(?:de\s+|dem\s+)?(?:sender|sendes)\s+(?:de\s+|dem\s+|vi\s+)?(?:inn\s+)?"
                   r"til\s+(?:laboratoriet|laben|sykehuset|mikrobiologen)\.?$", re.IGNORECASE)
_SAMPLES = re.compile(r"\b(?:\w*prøve\w*|dyrking|urin|blod)\b", re.IGNORECASE)


def _samples_sent(statements: list[Statement]) -> list[Statement]:
    """"Sender de til laboratoriet." after the samples it refers to is part of that
    statement: "Blodprøver i dag: Hb, ferritin …, sendes til laboratoriet." (where they go is
    what keeps taken here apart from sent)."""
    out: list[Statement] = []
    for st in statements:
        m = _SENT.match(st.text.strip())
        if m and out and _SAMPLES.search(out[-1].text):
            where = st.text.strip().rstrip(".").split()[-1].lower()
            prev = out[-1]
            out[-1] = replace(prev, text=f"{prev.text.rstrip(' .')}, sendes til {where}.",
                              evidence=tuple(dict.fromkeys((*prev.evidence, *st.evidence))))
            continue
        out.append(st)
    return out


def _one_follow_up(statements: list[Statement]) -> list[Statement]:
    """A follow-up is written once: of statements that only set a follow-up at the same time
    as another statement does ("Ser på det igjen om 2 uker." beside "Kontroll om 2 uker."),
    the later go; their evidence stays with the first."""
    out: list[Statement] = []
    seen: dict[tuple[str, str], int] = {}
    for st in statements:
        m = _FOLLOW_UP.search(st.text)
        key = (m.group(1).lower(), m.group(2).lower()[:3]) if m else None
        if key is not None and key in seen and _ONLY_FOLLOW_UP.match(st.text.strip()):
            i = seen[key]
            out[i] = replace(out[i], evidence=tuple(dict.fromkeys((*out[i].evidence,
                                                                   *st.evidence))))
            continue
        if key is not None and key not in seen:
            seen[key] = len(out)
        out.append(st)
    return out


def _only_findings(text: str, found: set[str]) -> bool:
    """A measurement said again while weighing it ("Her på kontoret er det 158/86."): its
    numbers stand in Funn already and it concludes nothing."""
    said = numbers_in(text, words=False)
    return bool(said) and said <= found and not _concludes(text)


def _says_nothing(text: str) -> bool:
    """A short remark with no clinical word in it ("Det er en stund siden.")."""
    return words(text) <= 5 and not (_terms(text) - _FRAME_WORDS or _DIGIT.search(text))


def _explains(text: str) -> bool:
    if _RULED_OUT.search(text):
        return False
    return bool(_EXPLAINS.search(text) or _IMPERATIVE.match(text))


def _concludes(text: str) -> bool:
    """Names what the doctor concluded: an assessment word or a diagnosis, not an explanation
    of it."""
    named = {m.strip(" ,.").lower() for m in ASSESSMENT.findall(text)} - _FRAME_WORDS
    return bool(named or _WEIGHS_UP.search(text)) and not _explains(text)


# how a doctor weighs a possibility out loud ("en reell mulighet for brudd", "kan ikke
# utelukke", "passer med", "typisk for")
_WEIGHS_UP = re.compile(r"\b(?:mulighet\w*|mulig|utelukke\w*|passer (?:med|best)|typisk\w*|"
                        r"forenlig|klassisk|tegn på|årsaken)\b", re.IGNORECASE)


_FRAME_WORDS = {"dette er", "det er en", "det er et", "vurdering", "vurderingen", "vurderer",
                "effekt", "bivirkning", "bivirkninger"}


# the frames an assessment is said in ("Vurderingen er at dette er et …", "Mener pas. har
# et …", "Da høres dette ut som en …", "Han har en …") → the assessment itself
_ASSESSMENT_FRAMES = (
    re.compile(r"^(?:da\s+)?(?:er\s+)?(?:min\s+)?vurdering(?:en)?(?:\s+er)?(?:\s+at)?[:,]?\s+"
               r"(?:(?:dette|det)\s+er\s+|(?:pas\.|han|hun)\s+har\s+)?", re.I),
    re.compile(r"^(?:da\s+)?(?:mener|tror|tenker)\s+(?:lege\s+)?(?:at\s+)?(?:pas\.|han|hun)\s+"
               r"har\s+", re.I),
    re.compile(r"^(?:da\s+)?høres\s+(?:dette|det)\s+ut\s+som\s+", re.I),
    re.compile(r"^(?:det|dette)\s+betyr\s+at\s+(?:pas\.|han|hun)\s+har\s+", re.I),
    re.compile(r"^(?:da\s+)?(?:pas\.|han|hun)\s+har\s+(?=(?:en|et|ei)\s)", re.I),
    re.compile(r"^(?:da\s+)?(?:dette|det)\s+er\s+(?=(?:en|et|ei)\s+(?!stund\b))", re.I),
    re.compile(r"^(?:da\s+)?dette\s+er\s+(?!ikke\b|det\b|den\b|nok\b|bra\b|fint\b)", re.I),
    re.compile(r"^da\s+er\s+det\s+(?=mest\s+sannsynlig|trolig|sannsynligvis)", re.I),
    re.compile(r"^(?:dette|det)\s+passer\s+med\s+", re.I),
    # the patient's "du" gone: "Har irritabel tarm." (not what the patient has had or taken)
    re.compile(r"^(?:da\s+)?har\s+(?!(?:hatt|fått|vært|blitt|tatt|brukt|ikke|aldri|nok|"
               r"også|det|den|de|du)\b)(?=[\wæøå])", re.I),
)
_ARTICLE = re.compile(r"^(?:en|et|ei)\s+(?=[\wæøå])", re.I)
_NOT_A = re.compile(r"^(?:dette|det)\s+er\s+ikke\s+(?:en\s+|et\s+|ei\s+)?(?=[\wæøå])", re.I)


def _assessment(statements: list[Statement]) -> list[Statement]:
    """Each assessment statement without the frame it was said in: "Vurderingen er at dette
    er et typisk anfall av urinsyregikt" → "Typisk anfall av urinsyregikt"; "Det er ikke en
    depresjon" → "Ikke depresjon"."""
    out = []
    for st in statements:
        text = st.text
        if (m := _NOT_A.match(text)) is not None:
            text = "Ikke " + text[m.end():]
        elif (end := _framed(text)) is not None:
            text = _ARTICLE.sub("", text[end:], count=1)
        out.append(replace(st, text=text[:1].upper() + text[1:]) if text != st.text else st)
    return out


def _framed(text: str) -> int | None:
    """Where the assessment starts after the frame it was said in; None without one."""
    for frame in _ASSESSMENT_FRAMES:
        if (m := frame.match(text)) is not None and m.end() < len(text):
            return m.end()
    return None


def _chief_complaint(statements: list[Statement], *, guess: bool = True) -> list[Statement]:
    """The complaint the visit is for: the first statement (among the first three) that says
    what the patient feels ("Svir ved vannlating"). The history opens with it, whatever else
    must go."""
    for st in statements[:3]:
        if _complaints(st.text) and not _NEGATED.search(st.text):
            return [st]
    # a complaint in words the lists do not know ("hetetokter", "søkkvåt"): the patient's
    # first account of it is the longest of the opening statements (unless the history
    # already opens with a complaint: ``guess`` False)
    if not guess:
        return []
    opening = [st for st in statements[:3] if not _NEGATED.search(st.text)
               and words(st.text) >= 5 and not _typed().search(st.text)]
    return sorted(opening, key=lambda st: -words(st.text))[:1]


_SOURCE = re.compile(r"^Ifølge (?P<who>[\wæøå]+)(?::\s+|\s+(?P<verb>[\wæøå]+)\s+pas\.\s+)")


def _attributed_once(statements: list[Statement]) -> list[Statement]:
    """A relative's run of statements says whose they are once, as a GP writes "Mor forteller:
    …" once: "Ifølge datter: …. Ifølge datter: …" → "Ifølge datter: …. …". Run over the
    statements as they stand after cutting."""
    out: list[Statement] = []
    last = None
    for st in statements:
        m = _SOURCE.match(st.text)
        who = m.group("who") if m else None
        if m and who == last:
            rest = st.text[m.end():]
            text = f"Pas. {m.group('verb')} {rest}" if m.group("verb") else rest
            st = replace(st, text=text[:1].upper() + text[1:])
        last = who
        out.append(st)
    return out
