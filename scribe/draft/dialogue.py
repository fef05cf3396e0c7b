"""Questions in a consultation: which sentences are questions, and what they ask about.

A yes/no question ("Har du feber?", "Røyker du?", "Noen brystsmerter?", "Er det vondt når du
svelger?") has a topic that an answer turns into a statement ("feber", "røyker", "brystsmerter",
"vondt ved svelging"); an open question ("Hvor lenge har du hatt det?") has a label its answer
is written after ("Varighet {}"). Questions about the talk itself ("Er det greit at jeg
lytter?"), small talk and instructions put as questions ("Kan du legge deg på benken?") are
told apart so the answers to them can be left out. :mod:`scribe.draft.answers` folds a
question and its answer into one statement.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, replace
from functools import lru_cache

from scribe.domain import Speaker
from scribe.draft.classify import ASSESSMENT, COMPLAINT, FINDING, PLAN, SMALL_TALK, SYMPTOM
from scribe.draft.corrections import take_back_text
from scribe.draft.person import looks_finite, role_of, third_person
from scribe.draft.phrasebook import OpenKind, Topic, alternation, compile_words, phrasebook
from scribe.draft.spoken import abbreviate, lower_first, standardise, strip_fillers

YESNO, OPEN, REQUEST, PROCEDURAL, SOCIAL = "yesno", "open", "request", "procedural", "social"
_Q = "questions"
_ASKED = {"du", "dere", "det", "han", "hun", "den", "de", "man", "pasienten", "jeg", "vi",
          "noen", "dette", "hu", "ho"}
_THING = {"det", "den", "dette"}
_PARTICIPLE_KEEP = {"vondt", "litt", "mye", "lyst", "godt", "dårlig", "rart", "tett", "tungt"}
_V2_LEAD = re.compile(r"^\W*(?:og\s+|men\s+)?(?:så|da|nå|derfor|etterpå|ellers|i dag|i går|"
                      r"i natt|plutselig|heldigvis|dessverre)\s*,?\s+(?:\w+)\s+(?:jeg|vi|han|hun|"
                      r"det|den|de|man)\b", re.I)
_VOCATIVE = re.compile(r"^[A-ZÆØÅ][a-zæøå]+,\s+(?=(?:har|er|kan|vil|skal|gjør|får|føler|kjenner|"
                       r"merker|hvordan|hva|hvor|når|hvem|vet|husker|tror|synes|liker|spiser|"
                       r"sover|drikker)\b)|,\s+[A-ZÆØÅ][a-zæøå]+(?=\s*[?.!]?\s*$)")
_LIST = re.compile(r",\s*\w|\beller\b", re.I)  # "Astma, allergi?": more than one topic
# (and a tag asking to confirm what was said: "Du bruker Albyl-E, stemmer det?")
_TAG = re.compile(r",?\s*(?:eller|da|eller hva|i det hele tatt|liksom|også|egentlig|stemmer det|"
                  r"er det riktig|ikke sant|sant|ikke sånn)\s*$", re.I)
# hearing or seeing the one who asks, on video or phone: "Hører og ser du meg godt?", "Kan du
# høre meg nå?", "Ser dere oss?"; "Hører du?" alone
_SENSE = r"(?:hører|ser|høre|se|hørt|sett)"
_HEARS_ME = re.compile(
    rf"^(?:(?:kan|klarer|får)\s+(?:du|dere)\s+)?{_SENSE}(?:\s+(?:og|eller)\s+{_SENSE})?"
    rf"(?:\s+(?:du|dere))?\s+(?:meg|oss)\b|^hører\s+(?:du|dere)(?:\s+(?:nå|no|da))?$", re.I)
# a holiday or a season that only dates something ("siden jul", "i helga", "i sesongen") is
# no topic of small talk; a day or a night only dates the topic ("Så du kampen i går?")
_WHEN = re.compile(r"\b(?:i|hele|i hele|etter|før|siden|fra|rundt|til|over|gjennom|"
                   r"i løpet av|forrige|neste|denne|sist)\s+(?:jul\w*|påske\w*|ferie\w*|"
                   r"helg\w*|sommer\w*|vinter\w*|høst\w*|vår(?:en|a)\b|sesong\w*)"
                   r"|\b(?:i går|i forgårs|i morges|i kveld|i natt)\b", re.I)
# a question's own frame, which is no plan ("Skal du på hytta?", "Får dere besøk?")
_FRAME = re.compile(r"\b(?:(?:skal|får|kan|tar|vil)\s+(?:du|dere|vi)|(?:du|dere|vi)\s+"
                    r"(?:skal|får|kan|tar))\b", re.I)
_CLINICAL = (SYMPTOM, COMPLAINT, FINDING, ASSESSMENT)


@dataclass(frozen=True)
class Question:
    """What a question asks. ``topic`` is in third person with the question's frame removed.

    ``verb`` is the finite verb a statement keeps ("røyker", "kan", "har" before a
    participle); "" for a topic that stands alone ("feber", "tung i pusten"). ``quantified``:
    asked as "noen/noe …" (no → "Ingen …"); ``ever``: "noen gang" (no → "Aldri …").
    """

    kind: str
    topic: str
    verb: str = ""
    quantified: bool = False
    ever: bool = False
    negated: bool = False
    special: Topic | None = None
    special_arg: str = ""
    label: str = ""
    none: str = ""
    asked_by: str = "lege"


@dataclass(frozen=True)
class _Rx:
    interrogative: re.Pattern[str]
    procedural: re.Pattern[str]
    procedural_doctor: re.Pattern[str]
    lead_in: re.Pattern[str]
    social: re.Pattern[str]
    social_topics: re.Pattern[str]
    not_social: re.Pattern[str]
    media: re.Pattern[str]
    media_state: re.Pattern[str]
    request: re.Pattern[str]
    opens: tuple[tuple[re.Pattern[str], OpenKind], ...]


@lru_cache(maxsize=1)
def _rx() -> _Rx:
    pb = phrasebook()
    requests = pb.words(_Q, "request_verbs")
    return _Rx(
        interrogative=re.compile(rf"^(?P<q>{alternation(pb.words(_Q, 'interrogatives'))})"
                                 r"(?:\s+(?P<next>\S+))?", re.I),
        procedural=re.compile(rf"^(?:{alternation(pb.words(_Q, 'procedural'))})", re.I),
        procedural_doctor=re.compile(
            rf"^(?:{alternation(pb.words(_Q, 'procedural_doctor'))})", re.I),
        lead_in=re.compile(rf"^(?:{alternation(pb.words(_Q, 'lead_ins'))})\s*,?\s*", re.I),
        social=compile_words(pb.words(_Q, "social")),
        social_topics=compile_words(pb.words(_Q, "social_topics")),
        not_social=compile_words(pb.words(_Q, "not_social")),
        media=compile_words(pb.words(_Q, "connection_media")),
        media_state=compile_words(pb.words(_Q, "connection_state")),
        request=re.compile(rf"^(?:kan|vil|kunne|klarer|gidder)\s+(?:du|dere)\s+(?:bare\s+)?"
                           rf"(?:(?:prøve\s+)?å\s+)?(?:{alternation(requests)})", re.I),
        opens=tuple((compile_words(o.cues), o) for o in pb.open_kinds),
    )


def _words(text: str) -> list[str]:
    return [w.strip(",.;:!?").lower() for w in text.split()]


def is_question(text: str) -> bool:
    """Whether a spoken sentence is a question: it ends with "?", or it starts with a question
    word or with a verb and its subject ("Har du hatt feber", "Hvor lenge har det vart")."""
    if text.rstrip().endswith("?"):
        return True
    if _V2_LEAD.match(standardise(text)):
        return False  # "Og så er jeg trøtt", "Nå gidder jeg ikke": the verb is second
    t = strip_fillers(text) or text.strip()
    words = _words(standardise(t))
    if not words:
        return False
    m = _rx().interrogative.match(" ".join(words))
    if m:
        nxt = (m.group("next") or "").lower()
        return nxt not in _ASKED - {"det", "dette", "den"} or m.group("q") != words[0]
    if len(words) > 1 and words[1] in _ASKED and looks_finite(words[0]):
        # "Blir det verre, tar du kontakt": a condition, then what to do
        return not re.search(r",\s+(?:så\s+)?(?:(?:må|ta|ring|kom|skal|kan|bør)\b|\w+\s+"
                             r"(?:du|dere|vi|jeg)\b)", t, re.I)
    return _elliptic(words)


def _elliptic(words: list[str]) -> bool:
    """ "Noen brystsmerter", "Noe kvalme eller oppkast": a quantifier and a noun, no verb."""
    finite = set(phrasebook().words(_Q, "finite_verbs"))
    return (words[0] in {"noen", "noe"} and 1 < len(words) <= 5
            and words[1] not in {"ganger", "gang", "dager", "av", "som", "sier", "har"}
            and not any(w in finite for w in words[1:]))


def question_topic(text: str) -> tuple[str, str]:
    """(kind, topic): "yesno"/"open"/"request"/"procedural"/"social" and the topic phrase."""
    q = parse_question(text)
    return q.kind, f"{q.verb} {q.topic}".strip()


def _clean(text: str) -> str:
    t = _VOCATIVE.sub("", standardise(strip_fillers(take_back_text(text))))
    t = _rx().lead_in.sub("", t.strip())
    # the doctor's preamble before a colon ("Jeg spør alle om dette: Hvor mye …?") is no part
    # of it; a topic before one ("Blodtrykk: er det målt hjemme?") is
    t = re.sub(r"^[^:?]{0,40}\b(?:jeg|vi)\b[^:?]{0,40}:\s+(?=\w)", "", t, flags=re.I)
    t = re.sub(r"^(?:og|men|så|og så|eller|hva med|hva så med|enn)\s+", "", t.strip(), flags=re.I)
    return _TAG.sub("", t.rstrip(" ?.!")).strip()


def parse_question(text: str, asker: Speaker | str = Speaker.LEGE) -> Question:
    """What ``text`` (said by ``asker``) asks; see :class:`Question`."""
    return replace(_parse(text, asker), asked_by=role_of(asker))


def _parse(text: str, asker: Speaker | str) -> Question:
    raw = standardise(text).strip()
    t = _clean(text)
    low = t.lower()
    rx = _rx()
    if rx.social.search(low) and (len(low.split()) <= 6 or _about_their_life(low)):
        return Question(SOCIAL, "")
    doctor = str(asker) in {"lege", str(Speaker.LEGE)}
    if (rx.procedural.match(low) or (doctor and rx.procedural_doctor.match(low))
            or _about_connection(low)):
        return Question(PROCEDURAL, "")
    if rx.request.match(low):
        action = re.sub(r"^\w+\s+\w+\s+(?:bare\s+)?", "", t)
        action = re.sub(r"\b(?:deg|dere)\b", "seg", action, flags=re.I)
        return Question(REQUEST, _topic_text(action, asker))
    if _small_talk(low):
        return Question(SOCIAL, "")
    special, arg = _special(low, listed=_LIST.search(low) is not None)
    labelled = any(p.search(low) for p, _ in rx.opens)
    if (rx.interrogative.match(low) or labelled) and not re.match(r"^hva med\b", raw, re.I):
        return _open(t, low, asker, special)
    return _yesno(t, asker, special, arg)


# the rest of "Hvordan går det …" that asks about the patient (or the doctor's own words
# about the matter) rather than about a place or a pastime of theirs
_ABOUT_THEM = re.compile(r"\b(?:deg|dere|du|han|hun|ham|henne|seg)\b", re.I)


def _about_their_life(low: str) -> bool:
    """A longer social opening that asks about a place or a pastime of the patient's
    ("Hvordan går det i kolonihagen i år?", "Hvordan var det på hytta i påska?"): nothing
    clinical in it, no number, nothing of how the patient is or copes (:attr:`_Rx.not_social`)
    and not about the patient themselves ("Hvordan går det med deg etter operasjonen?")."""
    rx = _rx()
    m = rx.social.search(low)
    assert m is not None
    rest = low[m.end():]
    return (m.start() == 0 and not _clinical(low) and not rx.not_social.search(low)
            and not re.search(r"\d", low) and not _ABOUT_THEM.search(rest))


def _clinical(text: str) -> bool:
    """Whether ``text`` has a word of the visit's matter: a symptom, a body part, a finding,
    a test, an assessment or a plan (the sorter's vocabularies)."""
    return (any(p.search(text) for p in _CLINICAL)
            or PLAN.search(_FRAME.sub(" ", text)) is not None)


# where the patient is on a video or phone call, asked to know they can talk freely: "Du
# sitter ikke hjemme?", "Hvor er du nå?", "Kan du snakke fritt der du er?"
_WHERE_NOW = re.compile(r"^(?:(?:du|dere)\s+sitter|sitter\s+(?:du|dere))\b"
                        r"(?:\s+ikke)?\s+(?:hjemme|alene|et\s+sted|på\s+jobb\w*|i\s+bilen|"
                        r"ute)\b|^hvor\s+(?:er|sitter)\s+(?:du|dere)(?:\s+(?:nå|hen))?\s*\?*$|"
                        r"\bkan\s+(?:du|dere)\s+snakke\s+(?:fritt|uforstyrret|i\s+fred)\b",
                        re.IGNORECASE)


def _about_connection(low: str) -> bool:
    """A question about the video or phone connection: hearing or seeing the one who asks
    ("Hører og ser du meg godt?"), whether sound, picture or line works ("Er lyden grei?",
    "Fungerer bildet?", "Har du lyd?"), or where the patient sits ("Du sitter ikke
    hjemme?"). A greeting before it is no part of it ("Hei, Nina. Hører du meg?")."""
    low = re.split(r"(?<=[.!])\s+", low)[-1]
    if _HEARS_ME.search(low):
        return True
    if (where := _WHERE_NOW.search(low)) is not None:
        return not _clinical(low[:where.start()] + " " + low[where.end():])
    rx = _rx()
    media = rx.media.search(low)
    if media is None:
        return False
    rest = low[:media.start()] + " " + low[media.end():]
    return rx.media_state.search(rest) is not None and not _clinical(low)


def on_social_topic(text: str) -> bool:
    """Whether ``text`` names a topic of small talk from the phrasebook's list (weather, a
    trip, sport, pets …), a holiday that only dates something aside."""
    return _rx().social_topics.search(_WHEN.sub(" ", text.lower())) is not None


def _small_talk(low: str) -> bool:
    """A question about something outside the visit's matter: its topic is weather, a
    holiday or trip, sport, pets, hobbies, a family event, traffic or food for pleasure, and
    nothing in it is clinical ("Har dere fått snø der du bor?"). A holiday that only dates
    something ("siden jul") is no topic; a question about how often, whether still, how one
    manages, where one has been or what happened is history ("Går du på ski fortsatt?")."""
    rx = _rx()
    text = _WHEN.sub(" ", low)
    topics = [m.span() for p in (SMALL_TALK, rx.social_topics) for m in p.finditer(text)]
    if not topics:
        return False
    if any(not any(s <= m.start() and m.end() <= e for s, e in topics)
           for m in rx.not_social.finditer(text)):  # "dårlig" in "dårlig vær" asks no history
        return False
    rest = rx.social_topics.sub(" ", SMALL_TALK.sub(" ", text))
    return not _clinical(rest)


def _special(low: str, *, listed: bool = False) -> tuple[Topic | None, str]:
    """The set topic a yes/no question asks about; of a question that lists several things
    (``listed``) only a topic whose cues name one matter however put (``whole``)."""
    for topic in phrasebook().topics:
        if listed and not topic.whole:
            continue
        if compile_words(topic.cues).search(low) and not any(x in f" {low} " for x in
                                                              topic.exclude):
            return topic, _special_arg(topic, low)
    return None, ""


def _special_arg(topic: Topic, low: str) -> str:
    if topic.name == "family":
        # "Har noen i familien hatt X?": X after the verb that follows "i familien"
        m = (re.search(r"\bi\s+(?:familien|slekta|slekten|nær familie)(?:\s+(?:din|di|"
                       r"deres))?\s+(?:som\s+)?"
                       r"(?:har\s+hatt|hatt|hadde|har|fått)\s+(?P<x>.+)$", low)
             or re.search(r"(?:som\s+)?(?:har\s+hatt|har|hadde|med|hatt|fått)\s+(?P<x>.+?)"
                       r"(?:\s+i\s+(?:familien|slekta|slekten|nær familie).*)?$", low)
             or re.search(r"^(?:noen\s+|noe\s+|er det\s+)?(?P<x>.+?)\s+i\s+(?:familien|slekta)",
                          low))
        found = m.group("x").strip() if m else ""
        return "" if found in _ASKED else found  # ("noen" is who, not what)
    m = re.search(r"\bmot\s+(?P<x>.+)$", low)
    return m.group("x").strip() if m and topic.no_against else ""


_PARTICLES = {"og", "ja", "nei", "hæ", "hva", "ok", "okei", "mm", "eller", "så", "da", "jo",
              "vent"}


def _topic_text(text: str, asker: Speaker | str, *, reflexive: str = "") -> str:
    """The topic in third person; ``reflexive``: the asked person's pronoun, whose object
    forms become "seg" ("skade deg selv" → "skade seg selv")."""
    if set(re.findall(r"[\wæøå]+", text.lower())) <= _PARTICLES:
        return ""
    own = {"du": "deg", "dere": "dere", "jeg": "meg", "han": "seg", "hun": "seg"}.get(reflexive)
    if own:
        text = re.sub(rf"\b{own}\b", "seg", text, flags=re.I)
    said = third_person(text, asker, capital=False, attribute=False)
    return abbreviate(said).rstrip(".")


def _open(t: str, low: str, asker: Speaker | str, special: Topic | None) -> Question:
    kind = next((o for rx, o in _rx().opens if rx.search(low)), None)
    m = _rx().interrogative.match(t)
    rest = t[m.end("q"):].split() if m else t.split()
    noun: list[str] = []
    if m and m.group("q").lower() in {"hva slags", "hvilken", "hvilket", "hvilke",
                                      "hvor mange"} and rest:
        noun.append(rest.pop(0))  # "Hva slags hoste er det?": a noun comes first
    while rest and not looks_finite(rest[0]):
        noun.append(rest.pop(0))
    verb = rest.pop(0).lower() if rest else ""
    if rest and rest[0].lower() in _ASKED:
        rest.pop(0)
    if len(rest) > 1 and rest[0].lower() == "hatt":
        rest.pop(0)
    if len(rest) > 1 and rest[-1].lower() in {"vært", "blitt", "hatt"}:
        rest.pop()  # "Hvordan har humøret vært?" asks about the mood
    topic = " ".join(noun) or _verb_noun(verb, rest) or " ".join(rest)
    label, none = (kind.label, kind.none) if kind else ("", "")
    if not kind and special:
        label = special.yes + " {}"
    return Question(OPEN, _topic_text(topic, asker) if topic else "", special=special,
                    label=label, none=none)


def _verb_noun(verb: str, rest: list[str]) -> str:
    table = phrasebook().table("verb_nouns")
    phrase = " ".join([verb, *rest[:1]]).lower()
    return table.get(phrase) or table.get(verb, "")


def _yesno(t: str, asker: Speaker | str, special: Topic | None, arg: str) -> Question:
    words = t.split()
    low = [w.lower() for w in words]
    verb, negated, ever, quantified = "", False, False, False
    if low and low[0] in {"noen", "noe", "ingen"} and low[1:2] != ["gang"]:
        quantified, negated, rest = True, low[0] == "ingen", words[1:]
    elif len(low) > 2 and low[1] == "ikke" and low[2] in _ASKED and looks_finite(low[0]):
        verb, rest = low[0], ["ikke", *words[3:]]  # "Trenger ikke han det?"
        rest, negated, ever, quantified = _after_subject(rest)
        verb = _kept_verb(verb, low[2], rest, quantified)
    elif len(low) > 1 and (
            (low[1] in _ASKED and looks_finite(low[0]))
            or (low[0] in _ASKED and looks_finite(low[1]))):  # "Du bruker ikke …?"
        first_verb = looks_finite(low[0]) and low[1] in _ASKED
        verb, subject = (low[0], low[1]) if first_verb else (low[1], low[0])
        rest, negated, ever, quantified = _after_subject(words[2:])
        verb = _kept_verb(verb, subject, rest, quantified)
        if verb == "" and rest and rest[0].lower() == "hatt":
            verb, rest = ("har", rest) if _thing(rest[1:]) else ("", rest[1:])
    else:
        rest = [lower_first(" ".join(words))] if words else []
    asked = next((w for w in low[:2] if w in _ASKED), "")
    topic = _topic_text(" ".join(rest), asker, reflexive=asked) if rest else ""
    return Question(YESNO, topic, verb=verb, quantified=quantified, ever=ever,
                    negated=negated, special=special, special_arg=arg)


def _after_subject(rest: list[str]) -> tuple[list[str], bool, bool, bool]:
    negated = ever = quantified = False
    if rest and rest[0].lower() == "ikke":
        negated, rest = True, rest[1:]
    if len(rest) > 1 and rest[0].lower() == "noen" and rest[1].lower() == "gang":
        ever, rest = True, rest[2:]
    if rest and rest[0].lower() in {"deg", "seg", "dere"}:
        rest = rest[1:]
    if len(rest) > 1 and rest[0].lower() in {"noen", "noe"} and rest[1].lower() not in {
            "for", "mot", "annet", "av", "som", "å", "gang", *_ASKED}:
        quantified, rest = True, rest[1:]
    return rest, negated, ever, quantified


def _kept_verb(verb: str, subject: str, rest: list[str], quantified: bool) -> str:
    """The verb a statement keeps: none for "har/er/merker … X", the verb otherwise."""
    first = rest[0].lower() if rest else ""
    if subject in _THING and verb in {"er", "gjør", "var", "blir"}:
        return ""
    if verb in {"har", "hadde"}:
        participle = first.endswith("t") and first not in _PARTICIPLE_KEEP and first != "hatt"
        particle = first in {"med", "på", "igjen", "tilbake", "lyst", "behov", "bruk"}
        return verb if participle or particle else ""
    if verb in {"er", "var", "merker", "kjenner", "føler", "opplever"}:
        return ""
    if verb in {"bruker", "tar", "får"} and quantified:
        return ""
    return verb


def _thing(words: list[str]) -> bool:
    return bool(words) and words[0].lower().strip(",.") in _THING | {"sånn", "slik", "noe"}
