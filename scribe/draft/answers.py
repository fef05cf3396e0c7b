"""A question and its answer as one third-person statement, yes/no/negation resolved.

"Noen brystsmerter?" — "Nei." → "Ingen brystsmerter."; "Har du feber?" — "Nei, ikke som jeg
har målt." → "Ikke feber (ikke målt)."; "Røyker du?" — "Nei, slutta for femten år siden." →
"Eks-røyker, sluttet for 15 år siden."; "Er du tung i pusten?" — "Litt når jeg går opp
trappa." → "Litt tung i pusten i trapper."; "Hvor lenge har du hatt det?" — "En ukes tid." →
"Varighet ca. 1 uke.". A pair that carries nothing clinical gives None.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, replace
from functools import lru_cache

from scribe.domain import Speaker
from scribe.draft.corrections import take_back_text
from scribe.draft.dialogue import OPEN, PROCEDURAL, REQUEST, SOCIAL, Question, parse_question
from scribe.draft.person import (
    is_interpreter,
    kin_form,
    kinship,
    looks_finite,
    role_of,
    third_person,
)
from scribe.draft.phrasebook import alternation, compile_words, lookup, phrasebook
from scribe.draft.spoken import (
    abbreviate,
    approximate,
    finish,
    lower_first,
    standardise,
    strip_fillers,
    tidy,
)
from scribe.text.normalise import stem
from scribe.text.numbers import spoken_to_digits as spoken_digits
from scribe.text.numbers import word_to_int

YES, NO, LITTLE, UNSURE, PROBABLY_NOT, MAYBE, NONE = (
    "yes", "no", "little", "unsure", "probably_not", "maybe", "none")
_POLARITY_KEYS = (("yes", YES), ("no", NO), ("little", LITTLE), ("unsure", UNSURE),
                  ("probably_not", PROBABLY_NOT), ("maybe", MAYBE))
_LEADS_ON = {"i", "på", "om", "når", "hvis", "etter", "før", "siden", "fra", "ved", "under",
             "mest", "bare", "kun", "særlig", "spesielt", "hele", "av", "for", "med", "uten",
             "nesten", "hver", "noen", "ca.", "x", "til", "mellom", "både", "stort"}
_SUBJECTS = {"jeg", "det", "den", "han", "hun", "vi", "de", "du", "dette", "man"}
_PAIN = re.compile(r"\b(?:au|vondt|vont|smerte\w*|øm\w*|verker|stikker|ømt)\b", re.I)
_AFTER_VERB = {"ikke", "det", "seg", "noe", "litt", "mye", "en", "et", "ei", "for", "på", "i",
               "med", "til", "opp", "ut", "inn", "av", "bare", "også", "alltid", "aldri",
               "vondt", "hatt", "vært", "fått", "ned", "sammen", "om", "fra", "etter"}
_STOP = {"har", "ikke", "jeg", "det", "er", "hatt", "noen", "noe", "pas.", "litt", "i", "på",
         "en", "et", "ei", "og", "vært", "nei", "ja", "seg", "å", "aldri", "overhodet",
         "gang", "hele", "tatt", "slett", "sånt", "sånn", "slikt", "ingen", "ingenting"}


@dataclass(frozen=True)
class Answer:
    polarity: str  # yes, no, little, unsure, probably_not, maybe or none (content only)
    degree: str  # a degree that starts a positive answer ("litt", "av og til")
    rest: str  # what the answer says beyond that, cleaned, in the answerer's words
    qualifier: str  # "ikke målt", "så vidt pas. vet" …
    contrast: bool = False  # "Nei, men …"
    raw: str = ""  # the answer as said
    every: bool = False  # a yes to each thing asked ("Ja, begge deler")


@lru_cache(maxsize=1)
def _answer_rx() -> tuple[tuple[re.Pattern[str], str], ...]:
    pb = phrasebook()
    out = [(re.compile(rf"^{alternation(pb.words('answers', key))}[\s,.!]*", re.I), pol)
           for key, pol in _POLARITY_KEYS]
    return tuple(out)


def parse_answer(answer: str) -> Answer:
    """The polarity of an answer, its leading degree word and the rest of what it says.

    The most specific reading wins: "Nei, aner ikke" is unsure, "Nei, nesten ingenting" a
    little, "Ikke som jeg har målt" a no with a qualifier.
    """
    raw = approximate(tidy(standardise(take_back_text(answer))))
    if _only_marker(raw):
        return Answer(NONE, "", "", "")
    qualifier, after = _qualifier(raw)
    if qualifier:
        return Answer(NO, "", _clean(after), qualifier)
    polarity, rest = _polarity(raw)
    every = False
    if polarity in {NO, YES}:
        more, rest2 = _polarity(rest)
        if more not in {NONE, YES, NO}:
            polarity, rest = more, rest2
        else:
            rest, every = _said_again(polarity, rest)
    elif polarity == NONE:
        rest = lower_first(rest)  # its capital only started the sentence
    contrast = re.match(r"men\b\s*", rest, re.I) is not None
    if polarity in {YES, NONE}:
        deg = re.match(rf"^{alternation(phrasebook().words('answers', 'degree'))}\s*,?\s*",
                       rest, re.I)
        if deg and (polarity == YES or _is_fragment(rest)):
            return Answer(YES, deg.group(0).strip(" ,").lower(), _clean(rest[deg.end():]), "")
    qualifier, rest = _qualifier(rest)
    if polarity == NONE and (qualifier or _negated_clause(rest)):
        polarity = NO
    return Answer(polarity, "", _clean(rest), qualifier, contrast, raw, every)


@lru_cache(maxsize=1)
def _again_rx() -> dict[str, re.Pattern[str]]:
    """A yes or a no said again, as a whole clause ("Nei, nei. Ingenting av det.", "Ja, begge
    deler."): the answer's polarity, not its content."""
    pb = phrasebook()
    end = r"\s*(?:[,.!]+\s*|$)"
    return {NO: re.compile(rf"^{alternation(pb.words('answers', 'no'))}{end}", re.I),
            YES: re.compile(rf"^{alternation(pb.words('answers', 'yes'))}{end}", re.I),
            "every": re.compile(rf"^{alternation(pb.words('answers', 'every'))}{end}", re.I)}


def _said_again(polarity: str, rest: str) -> tuple[str, bool]:
    """``rest`` without the yeses or noes that only repeat ``polarity``; for a yes, whether one
    of them took in everything asked ("begge deler", "alt sammen")."""
    rx = _again_rx()
    every = False
    while rest:
        m_every = rx["every"].match(rest) if polarity == YES else None
        m = m_every or rx[polarity].match(rest)
        if not m:
            break
        every = every or m_every is not None
        rest = rest[m.end():].strip()
    return rest.strip(" ,.!"), every


# a question that opens with one of these narrows the one before ("Har du vondt i brystet?
# Også i hvile?"): a "nei" to both may deny only the narrowing
_NARROWING = {"også", "selv", "når", "hvis", "dersom", "mest", "bare", "særlig", "spesielt",
              "i", "om", "på", "etter", "ved", "under", "mens", "hele", "fortsatt",
              "fremdeles", "enda", "verre", "bedre", "til", "fra", "nå", "da", "like", "uten"}
# "det" as the subject of these refers back ("Gjør det vondt?", "Blir det verre?")
_BACK_VERBS = {"gjør", "er", "var", "blir", "ble", "kommer", "stråler", "sitter", "går",
               "kjennes", "føles", "hjelper", "hjalp", "varer", "varte", "skjer", "skjedde"}


def follows_up(question: str) -> bool:
    """Whether ``question`` asks more about the question before it rather than about a thing
    of its own: it narrows it ("Også i hvile?", "Når du går i trapper?", "Eller bare
    kvalm?"), or its subject or object is the thing just asked about ("Gjør det vondt når du
    puster?", "Har du hatt det før?", "Målt den?"). Then one "nei" to both is no answer to
    the first ("Har du vondt i brystet? Også i hvile?" — "Nei.")."""
    words = [w.strip(",.?!").lower() for w in standardise(question).split()]
    while words and words[0] in {"og", "men", "eller", "så", "enn"}:
        words = words[1:]
    if not words:
        return False
    if words[0] in _NARROWING:
        return True
    back = {"den", "dette", "de", "dem", "der"}
    if len(words) > 1 and looks_finite(words[0]) and (
            words[1] in back or (words[1] == "det" and words[0] in _BACK_VERBS
                                 and "å" not in words)):
        return True
    if re.search(r"\b\w+t\s+(?:det|den|dem|dette)\b", " ".join(words[1:])):
        return True  # "Har du hatt det før?", "Har du målt den?"
    return len(words) <= 5 and words[-1] in back | {"det"}


def blanket(answer: str) -> str | None:
    """YES or NO when ``answer`` answers each of several questions alike and says nothing
    more: "Nei.", "Nei, nei. Ingenting av det.", "Nei, ingen av delene.", "Ja, begge deler.";
    None for an answer with content ("Nei, men litt hoste") or a bare "Ja" (which of them?)."""
    a = parse_answer(answer)
    if a.rest or a.contrast or a.degree:
        return None
    if a.polarity == NO or (a.polarity == YES and a.every):
        return a.polarity
    return None


def _only_marker(text: str) -> bool:
    """ "Nei, vent." alone: the speaker is about to correct something, nothing is said yet."""
    leading = phrasebook().words("corrections", "leading")
    return re.fullmatch(rf"{alternation(leading)}[\s,.!]*", text, re.IGNORECASE) is not None


def _polarity(text: str) -> tuple[str, str]:
    """The longest polarity phrase at the start of ``text``, and what follows it."""
    best: tuple[int, str] = (0, NONE)
    for pattern, pol in _answer_rx():
        m = pattern.match(text)
        if m and m.end() > best[0]:
            best = (m.end(), pol)
    rest = text[best[0]:].strip(" ,.!")
    return best[1], re.sub(r"^(?:nei|ja|jo)\b[\s,.!]*", "", rest, flags=re.I)


def _clean(text: str) -> str:
    return strip_fillers(text, capital=False).rstrip(".!") if text.strip() else ""


def _qualifier(rest: str) -> tuple[str, str]:
    """ "(ikke målt)"-like qualifiers, and "+i det siste"-like ones written after."""
    pb = phrasebook()
    for section, mark in (("answers.time_qualifiers", "+"), ("answers.qualifiers", "")):
        table = pb.table(section)
        m = compile_words(table).match(rest.strip())
        said = lookup(table, m.group(0)) if m else None
        if m and said:
            return mark + said, rest.strip()[m.end():].strip(" ,.")
    return "", rest


def _negated_clause(text: str) -> bool:
    return re.search(r"\b(?:ikke|ingen|aldri|ingenting)\b", " ".join(text.split()[:4]),
                     re.I) is not None


def _is_fragment(text: str) -> bool:
    """No subject and finite verb of its own ("i tre dager", "mest om natta", "Paracet og
    Ibux"); "slutta for femten år siden" and "jeg hadde 39 i går" are clauses."""
    words = [w.strip(",.").lower() for w in text.split()]
    if len(words) < 2 or words[0] in _LEADS_ON:
        return True
    if words[0] in _SUBJECTS:
        return not looks_finite(words[1])
    finite = set(phrasebook().words("questions", "finite_verbs"))
    # a noun in its definite form as the subject: "Smertene begynte på fredag", "Hosten kom
    # i går"
    if re.search(r"(?:en|et|ene|a)$", words[0]) and (words[1] in finite or words[1] in {
            "startet", "stoppet", "økte", "endret"}):
        return False
    return not (words[0] in finite or (looks_finite(words[0]) and (
        words[1] in _AFTER_VERB or words[1][:1].isdigit())))


_GREETING = re.compile(r"(?:(?:hei|hallo|heisann|morn|god (?:morgen|dag)|mm+|hm+)[,.!]?\s*)+")


def fold_answer(question: str, answer: str, *, asker: Speaker | str = Speaker.LEGE,
                answerer: Speaker | str | None = None, relation: str | None = None) -> str | None:
    """One note statement for ``question`` (said by ``asker``) and ``answer``; None when the
    pair carries nothing clinical (small talk, a question about the talk itself, an
    instruction answered "ja")."""
    who = answerer or (Speaker.PASIENT if role_of(asker) == "lege" else Speaker.LEGE)
    a = parse_answer(answer)
    each = subquestions(question)
    if len(each) > 1 and not a.rest and (a.polarity in {NO, LITTLE, PROBABLY_NOT}
                                         or (a.polarity == YES and a.every)):
        # "Har du gått ned i vekt, har du svarte avføringer, eller er du slapp?" — "Nei.":
        # a no to each of them
        said_each = [fold_answer(p + "?", answer, asker=asker, answerer=answerer,
                                 relation=relation) for p in each]
        return " ".join(s for s in said_each if s) or None
    parts = _EITHER.split(question.rstrip(" ?"))
    if len(parts) == 2 and a.rest:
        # "Jevnt, eller bedre og så verre?" — "Nei, jevnt": the answer picks one; its "nei"
        # is no negation
        said = _said(a.rest, who, relation)
        return finish(abbreviate(said)) if said else None
    if a.polarity == NONE and _GREETING.fullmatch(answer.strip().lower()):
        return None  # a greeting or a murmur answers nothing ("Hei.", "Mm.")
    q = parse_question(question, asker)
    said = _said(a.rest, who, relation)
    if answer.rstrip().endswith("?") and a.polarity == NONE:
        return None  # asked back ("Hæ?", "Hvorfor det?"): nothing answered yet
    # the visit's opening question asks for the matter and names none: the answer says it,
    # whatever its first word ("Hva kan jeg hjelpe deg med i dag?" — "Jo, det er skuldra …")
    text = said if _OPENS_VISIT.match(question.strip()) else _fold(q, a, said, answer)
    if not text:
        return None
    if role_of(who) == "annen" and not is_interpreter(relation):
        source = kin_form(relation) if relation else "pårørende"
        text = (f"{text.rstrip('.')} (ifølge {source})" if ":" in text
                else f"Ifølge {source}: {_low(text)}")
    return finish(abbreviate(text))


_EITHER = re.compile(r",?\s+eller\s+(?=(?:\w+\s+){1,3}(?:du|dere|han|hun|det)\b)", re.I)
_OPENS_VISIT = re.compile(r"^(?:og\s+)?(?:hva kan (?:jeg|vi) (?:hjelpe (?:deg|dere) med|gjøre for "
                          r"(?:deg|dere))|hva bringer deg hit|hva kommer du for|"
                          r"hva er det du kommer for|hva gjelder det)"
                          r"\b[^?]*\?$", re.IGNORECASE)
# a question's own subject: a pronoun, or a noun in its definite form ("har maten stoppet opp")
_ASKED = {"du", "dere", "det", "han", "hun", "den", "de", "man", "pasienten", "noen", "dette"}
_DEFINITE = re.compile(r"[a-zæøå]{2,}(?:en|et|a|ene|na)", re.I)
_NOT_SUBJECT = {"igjen", "sammen", "nesten", "etter", "heller", "senere", "tidligere",
                "mellom", "hjemme", "borte", "inne", "oppe", "nede", "ute", "omtrent", "egentlig",
                "lenge", "siden", "vanlig", "veldig", "ganske", "liksom", "kanskje", "bra",
                "først", "innen", "ellers", "hva", "hvor", "når", "eller", "ikke", "noe"}
_BREAK = re.compile(r",\s+(?:og\s+|eller\s+)?(?=([\wæøå]+)\s+([\wæøå]+)\b)", re.I)


def _verb_subject(verb: str, subject: str, *, noun: bool = True) -> bool:
    """Whether ``verb subject`` opens a question ("har du", "har maten", "er avføringen")."""
    v, s = verb.lower(), subject.lower()
    if not looks_finite(v) or s in _NOT_SUBJECT:
        return False
    return s in _ASKED or (noun and _DEFINITE.fullmatch(s) is not None)


def subquestions(question: str) -> list[str]:
    """The questions a question sentence puts one after another: "Har det vært vanskelig å
    svelge, har maten stoppet opp?" → "Har det vært vanskelig å svelge", "har maten stoppet
    opp"; "Har du kastet opp, eller har du hatt diaré?" → two. A question that does not
    itself open with a verb and its subject is one ("Hvis du går, blir du tung i pusten?")."""
    text = question.strip().rstrip(" ?")
    parts = [p.strip() for p in _EITHER.split(text) if p.strip()]
    words = [w.strip(",.") for w in parts[0].split()] if parts else []
    if len(words) < 2 or not _verb_subject(words[0], words[1], noun=False):
        return parts
    out: list[str] = []
    for part in parts:
        start = 0
        for m in _BREAK.finditer(part):
            if _verb_subject(m.group(1), m.group(2)):
                out.append(part[start:m.start()])
                start = m.end()
        out.append(part[start:])
    return [p.strip(" ,") for p in out if p.strip(" ,")]


def _fold(q: Question, a: Answer, said: str, answer: str) -> str | None:
    if q.kind in {SOCIAL, PROCEDURAL}:
        text = said if len(a.rest.split()) >= 3 and a.polarity != YES else None
    elif q.kind == REQUEST:
        text = f"Smerter ved å {q.topic}" if _PAIN.search(answer) and q.topic else None
    elif q.kind == OPEN:
        text = _open(q, a, said)
    else:
        text = _yesno(q, a, said)
    return text


def _said(rest: str, who: Speaker | str, relation: str | None) -> str:
    if not rest:
        return ""
    return third_person(rest, who, relation=relation, capital=False,
                        attribute=False).rstrip(".")


def _low(text: str) -> str:
    return lower_first(text)


def _cap(text: str) -> str:
    return text[:1].upper() + text[1:]


def _plain(answer: str) -> str:
    """A short evaluative answer that the filler rules would take for acknowledgement
    ("Det er greit.", "Bra."): as said, without "takk"."""
    text = re.sub(r"\b(?:takk|tusen takk|ja|jo)\b[,.!]?", "", standardise(answer), flags=re.I)
    text = re.sub(r"^\s*(?:det|den)\s+(?:er|var)\s+", "", tidy(text), flags=re.I)
    return lower_first(tidy(text).rstrip(".!"))


def _open(q: Question, a: Answer, said: str) -> str | None:
    nothing = re.fullmatch(r"(?:ingenting|ikke noe)", a.rest, re.I) is not None
    if (a.polarity == NO and not a.rest) or nothing:
        return q.none or None
    if a.polarity in {UNSURE, PROBABLY_NOT, MAYBE} and not a.rest:
        return None
    if not said and (q.label or q.topic) and a.polarity == NONE:
        said = _plain(a.raw)
    if not said:
        return None
    if a.degree and a.degree not in {"bare", "kun"}:
        said = f"{a.degree} {said}"
    copula = re.match(r"(?:er|var|e|va)\s+(?=\S)", said, re.IGNORECASE)
    if q.label and copula:  # "Hva jobber du med?" — "Jeg er gulvlegger." → "Arbeid: gulvlegger"
        return q.label.format(_low(said[copula.end():]))
    # "Hvilken fot er det?" — "Venstre." → "Venstre fot" (and "Høyre, selvfølgelig. Det er
    # racketarmen." → "Høyre albue. Det er racketarmen.")
    first, _, more = said.partition(". ")
    if not q.label and (side := _SIDE.fullmatch(_SIDE_AFTER.sub("", first.rstrip(".!")))) and (
            re.fullmatch(r"[\wæøå-]+", q.topic)):
        named = f"{_cap(side.group('side').lower())} {q.topic.lower()}"
        return f"{named}. {_cap(more)}" if more else named
    if not _is_fragment(a.rest):
        return _referent(said, q.topic)
    if q.label:
        return q.label.format(_low(said))
    if q.topic and not _mentions(said, q.topic):
        return f"{_cap(q.topic)}: {_low(said)}"
    return said if len(said.split()) >= 2 else None


# an answer that is only a side ("Venstre.", "Den høyre", "På venstre side"): it goes before
# the noun asked about
_SIDE = re.compile(r"(?:(?:den|det|de|på)\s+)?(?P<side>høyre|venstre)(?:\s+side)?", re.I)
_SIDE_AFTER = re.compile(r"\s*,\s*(?:selvfølgelig|sjølsagt|altså|da|ja|jo|tror jeg)\s*$", re.I)


def _referent(said: str, topic: str) -> str:
    """ "Det begynte på mandag" after "Når begynte hosten?" → "Hosten begynte på mandag"."""
    m = re.match(r"(?:det|den)\s+(?=\S)", said, re.I)
    if not m:
        return said
    concrete = topic and not any(w in {"det", "den", "dette"} for w in topic.lower().split())
    return _cap(topic) + " " + said[m.end():] if concrete else _cap(said[m.end():])


def _mentions(said: str, topic: str) -> bool:
    words = {stem(w) for w in re.findall(r"[\wæøå]+", topic.lower()) if w not in _STOP}
    found = {stem(w) for w in re.findall(r"[\wæøå]+", said.lower())}
    return bool(words) and words <= found


def _noun_first(q: Question) -> tuple[str, str, str] | None:
    """ "Har maten stoppet opp?" asks about its own subject, a noun: (noun, verb, the rest),
    for "Maten har (ikke) stoppet opp"."""
    if q.kind != "yesno" or q.verb or q.special or q.quantified or q.ever:
        return None
    words = q.topic.split()
    if len(words) < 3 or words[1].lower() in _ASKED or not _verb_subject(words[0], words[1]):
        return None
    return words[1].lower(), words[0].lower(), " ".join(words[2:])


def _positive(q: Question) -> str:
    if q.special and q.special.yes_bare:
        return q.special.yes_bare.format(q.special_arg or q.topic)
    if q.special:
        return q.special.yes.rstrip(":")
    if (own := _noun_first(q)) is not None:
        return f"{own[0]} {own[1]} {own[2]}"
    if q.ever and not q.verb:
        return f"har hatt {q.topic}"
    return f"{q.verb} {q.topic}".strip()


def _negative(q: Question) -> str:
    s = q.special
    if s and s.no_against and q.special_arg:
        return s.no_against.format(q.special_arg)
    if s:
        return s.no.format(q.special_arg or q.topic)
    if q.ever:
        return f"aldri {q.topic}" if q.verb else f"aldri hatt {q.topic}"
    if q.quantified and not q.verb:
        # "Noe i bena, prikking …?" asks about complaints in a place: "noe" stands for them
        where = re.match(r"(?:i|på|fra|rundt|under|over|ved)\s", q.topic, re.IGNORECASE)
        return f"ingen plager {q.topic}" if where else f"ingen {q.topic}"
    if q.verb:
        return _not_done(q.verb, q.topic)
    if (own := _noun_first(q)) is not None:
        return f"{own[0]} {own[1]} ikke {own[2]}"
    return f"ikke {q.topic}"


# after "vært"/"hatt" these say where or what, so the participle stays ("Ikke vært hos lege")
_KEEP_PARTICIPLE = _LEADS_ON | {"hos", "ute", "borte", "hjemme", "inne", "der", "her", "dit",
                                "innom", "oppe", "nede", "det", "den", "dette", "sånn", "slik",
                                "sånt", "slikt", "alene", "sammen", "ved", "nok"}
# after "hatt noe": not a noun ("Har ikke hatt noe vondt" → "Ikke noe vondt")
_NOT_NOUN = {"vondt", "særlig", "spesielt", "mer", "annet", "sånt", "slikt", "sånn", "av",
             "som", "å", "for", "mot", "med", "i", "på", "galt", "rart", "nytt", "mye", "problem"}


def _not_done(verb: str, topic: str) -> str:
    """A negated "har" + participle as a GP writes it: "har ikke hatt noe blødning" →
    "ingen blødning", "har ikke vært vanskelig å svelge" → "ikke vanskelig å svelge", "har
    ikke kastet opp blod, eller hatt svart avføring" → "ikke kastet opp blod eller hatt
    svart avføring"."""
    topic = re.sub(r",\s+(?=eller\b)", " ", topic)
    words = topic.split()
    if verb.lower() != "har" or not words:
        return f"{verb} ikke {topic}"
    first = words[0].lower()
    nxt = words[1].lower().strip(",.") if len(words) > 1 else ""
    if (first == "hatt" and nxt in {"noe", "noen"} and len(words) > 2
            and words[2].lower().strip(",.") not in _NOT_NOUN):
        return f"ingen {' '.join(words[2:])}"
    if first in {"vært", "hatt"}:
        return f"ikke {' '.join(words[1:])}" if nxt and nxt not in _KEEP_PARTICIPLE else (
            f"ikke {topic}")
    if first.endswith("t") and first not in {"lyst", "vondt", "litt", "mye", "godt", "rart"}:
        return f"ikke {topic}"  # "har ikke kastet opp" → "ikke kastet opp"
    return f"har ikke {topic}"


def _yesno(q: Question, a: Answer, said: str) -> str | None:
    if not q.topic and not q.verb and not q.special:
        return said or None
    pos, neg = _positive(q), _negative(q)  # "Har du ikke feber?" — "Jo." is a yes
    if a.polarity == NO and _hesitates(a):
        return _content(q, pos, a.rest, said)  # "Nei … noen pils etter jobb": no denial
    if a.polarity == NO:
        return _no(q, a, neg, said)
    if a.polarity in {LITTLE, UNSURE, PROBABLY_NOT, MAYBE}:
        return _hedged(q, a.polarity, pos, neg, said)
    if a.degree:
        return _degree(q, a.degree, said)
    if a.polarity == YES:
        return _yes(q, pos, a.rest, said)
    return _content(q, pos, a.rest, said)


_PAUSED_NO = re.compile(r"^\s*(?:nei|næ|tja)\s*(?:\.\s*\.\s*\.|…)", re.IGNORECASE)
_DENIES = re.compile(r"\b(?:ikke|ingen|aldri|ingenting|inga|intet)\b", re.IGNORECASE)


def _hesitates(a: Answer) -> bool:
    """A "nei" followed by a pause and then what is so ("Nei … noen pils etter jobb. Og litt i
    helgene.") is a hesitation, not a denial: the rest says yes."""
    return bool(a.rest) and _PAUSED_NO.match(a.raw) is not None and not _DENIES.search(a.rest)


def _no(q: Question, a: Answer, neg: str, said: str) -> str:
    s = q.special
    if s and s.former and (a.qualifier == "+lenger" or _cue(s.former_cues, a.rest)):
        return f"{s.former}, {_low(said)}" if said else s.former
    if s and s.never and _cue(("aldri",), a.raw):
        return f"{s.never}, {_low(said)}" if said else s.never
    if a.qualifier:
        if "kjent" in neg and a.qualifier.startswith("så vidt"):
            out = neg
        elif a.qualifier.startswith("+"):
            when = a.qualifier[1:]
            out = neg if neg.endswith(f" {when}") else f"{neg} {when}"
        else:
            out = f"{neg} ({a.qualifier})"
        return f"{_cap(out)}, {_low(said)}" if said else _cap(out)
    if not said or _mentions(q.topic, said) or _restates(q.topic, a.rest):
        return _cap(neg)
    said = _without_echo(said, q.topic)
    if re.search(r"\b(?:ikke|ingen|aldri)\b", said, re.I) and _mentions(said, q.topic):
        return said
    return f"{_cap(neg)}, {'men ' if a.contrast else ''}{_low(said)}"


def _without_echo(said: str, topic: str) -> str:
    """The answer without its first sentence when that only echoes words of the question
    ("Bruker du noen faste medisiner?" — "Ingen faste. Ibux når …": "faste" said again)."""
    first, _, after = said.partition(". ")
    if after and _restates(topic, first):
        return after
    return said


def _restates(topic: str, rest: str) -> bool:
    words = {stem(w) for w in re.findall(r"[\wæøå]+", rest.lower()) if w not in _STOP}
    found = {stem(w) for w in re.findall(r"[\wæøå]+", topic.lower())}
    return not words or words <= found


def _cue(cues: tuple[str, ...], text: str) -> bool:
    return bool(cues) and compile_words(cues).search(text) is not None


def _hedged(q: Question, polarity: str, pos: str, neg: str, said: str) -> str:
    if polarity == LITTLE:
        topic = re.sub(r"\b(?:så\s+)?(?:mye|veldig|ofte)\b\s*", "", q.topic).strip()
        if q.special and q.special.yes.endswith(":"):
            out = f"{q.special.yes} lite"
        else:
            out = f"{q.verb} lite {topic}" if q.verb else f"lite {topic}"
    elif polarity == UNSURE:
        label = q.special.yes.rstrip(":") if q.special else ""
        out = f"{label}: usikker" if label else f"usikker på {_low(pos)}"
    elif (own := _noun_first(q)) is not None:  # "Maten har trolig ikke stoppet opp"
        hedge = "trolig ikke" if polarity == PROBABLY_NOT else "muligens"
        out = f"{own[0]} {own[1]} {hedge} {own[2]}"
    elif polarity == PROBABLY_NOT:
        out = f"trolig {neg}"
    else:
        out = f"mulig {pos}"
    return f"{_cap(out.strip())}, {_low(said)}" if said else _cap(out.strip())


def _degree(q: Question, degree: str, said: str) -> str:
    if q.special and q.special.yes.endswith(":"):
        only = degree in {"bare", "kun"} and said
        out = q.special.yes.format(q.special_arg) if only else f"{q.special.yes} {degree}"
    elif q.verb:
        out = f"{q.verb} {degree} {q.topic}"
    else:
        out = f"{degree} {q.topic}"
    return f"{_cap(out)} {said}".strip() if said else _cap(out)


def _yes(q: Question, pos: str, rest: str, said: str) -> str:
    s = q.special
    if s and s.yes.endswith(":") and said:
        return f"{s.yes.format(q.special_arg or q.topic)} {_low(said)}"
    if not said:
        return _cap(pos)
    if not _is_fragment(rest):
        return said if _mentions(said, q.topic) else f"{_cap(pos)}, {_low(said)}"
    lead = rest.split()[0].lower().strip(",")
    if re.search(r"\b(?:noe|noen)$", pos) and lead not in _LEADS_ON:
        return f"{_cap(pos[:pos.rfind(' ') + 1])}{_low(said)}"  # "Hoster opp noe?" — "Slim."
    number = lead[:1].isdigit() or word_to_int(lead) is not None
    joiner = " " if lead in _LEADS_ON or number else ", "
    return f"{_cap(pos)}{joiner}{_low(said)}"


def _content(q: Question, pos: str, rest: str, said: str) -> str | None:
    """An answer with no yes or no: a fragment qualifies a yes; a clause says it itself; the
    doctor's answer to a patient's question is the doctor's advice as said."""
    if not said:
        return None
    if q.asked_by != "lege":
        return said
    if _REPORTED.search(q.topic):
        return said  # "Har legen sagt at det er angina?": the answer, not the question's claim
    if (other := _someone_else(said, q.topic)) is not None:
        return other
    pos, q = _unconfirmed(pos, q, rest)
    if _is_fragment(rest):
        return _yes(q, pos, rest, said)
    m = re.match(r"(?:det|den)\s+(?:er|var|blir)\s+", said, re.I)
    if m and not q.verb:
        return f"{_cap(pos)}, {said[m.end():]}"
    if _mentions(said, q.topic):
        return said
    label = q.special.yes.rstrip(":") if q.special else q.topic
    return f"{_cap(label.format(q.special_arg))}: {_low(said)}"


# a question about what someone said or thinks ("Har legen sagt at det er angina?"): its
# clause is the question's, not a fact, unless the answer says it
_REPORTED = re.compile(r"\b(?:sagt|sa|sier|fortalt|nevnt|nevnte|tror|trodde|mener|mente|"
                       r"tenkt|lurt på)\s+(?:\w+\s+)?(?:at|om)\b", re.IGNORECASE)
_OTHERS = re.compile(r"^(?P<who>(?:mor|far|bror|søster|datter|sønn|kone|mann|samboer|"
                     r"besteforeldre|bestemor|bestefar|farmor|farfar|mormor|morfar|tante|"
                     r"onkel|naboen|venninne|kjæresten|barna|foreldrene)\w*)\s+"
                     r"(?P<verb>har|hadde|fikk|har hatt)\s+(?:det|den|dette)\b(?P<rest>.*)$",
                     re.IGNORECASE)
_NUMBER_UNIT = re.compile(r"\s*\b\d+(?:[.,]\d+)?\s*(?:mg|g|mikrogram|µg|ml|%)?(?=\s|$|[,.])"
                          r"(?:\s+x\s*\d+)?", re.IGNORECASE)


def _someone_else(said: str, topic: str) -> str | None:
    """ "Har du diabetes?" — "Mora mi har det." → "Mor har diabetes": the answer is about
    another person, so the question's topic is theirs, not the patient's."""
    m = _OTHERS.match(kinship(said))
    if not m or not topic or any(w in {"det", "den", "dette"} for w in topic.lower().split()):
        return None
    # "Har noen i familien (din) hatt prostatakreft?" — "Far fikk det …": the disease is theirs
    topic = re.sub(r"(?:^|\s+)i\s+(?:familien|slekta|slekten)(?:\s+(?:din|di|deres))?\b\s*",
                   " ", topic, flags=re.IGNORECASE).strip()
    topic = re.sub(r"^(?:har\s+)?hatt\s+", "", topic, flags=re.IGNORECASE)
    return _cap(f"{m.group('who')} {m.group('verb')} {topic}{m.group('rest')}")


def _unconfirmed(pos: str, q: Question, rest: str) -> tuple[str, Question]:
    """A dose or a number the question named and the answer does not repeat is not
    established ("Tar du Ibux 400 mg?" — "Noen innimellom." → "Ibux: …")."""
    asked = set(re.findall(r"\d+(?:[.,]\d+)?", q.topic))
    if not asked or asked <= set(re.findall(r"\d+(?:[.,]\d+)?", spoken_digits(rest))):
        return pos, q
    topic = " ".join(_NUMBER_UNIT.sub("", q.topic).split())
    return " ".join(_NUMBER_UNIT.sub("", pos).split()), replace(q, topic=topic)
