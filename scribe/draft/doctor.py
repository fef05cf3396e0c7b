"""The doctor's own phrasings in note form: the assessment at the certainty said ("Jeg tror
det er en virusinfeksjon" → "Trolig virusinfeksjon"), a plan as its object ("Vi tar en
kontroll om to uker" → "Kontroll om to uker"), advice ("Jeg anbefaler deg å drikke mye" →
"Anbefaler å drikke mye") and safety-netting ("Hvis du får høy feber eller blir tung i
pusten, må du ta kontakt" → "Ny kontakt ved høy feber eller tung pust").

The phrases are in ``data/phrasebook.toml`` under ``[doctor]``.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache

from scribe.draft.phrasebook import alternation, phrasebook
from scribe.draft.spoken import lower_first
from scribe.text.numbers import NUMBER_WORD, spoken_to_digits, word_to_int

_BIG = re.compile(rf"(?<![\wæøå]){NUMBER_WORD}(?![\wæøå])", re.I)
_LEAD_WORDS = r"(?:(?:så|da|og|men|nå|ok|okei)\s*,?\s+)*"
_LEAD = "^" + _LEAD_WORDS
# ("om kvelden", "om to dager" say when, not if)
_IF = (r"(?:hvis|dersom|skulle|om(?!\s+(?:kvelden|kveldene|natta|natten|morgenen|dagen|helga|"
       r"helgen|ettermiddagen|formiddagen|\d|en|ei|et|to|tre|fire|fem|seks|noen|et\s+par)\b))")
# the weight a doctor puts on it: "Det er helt viktig at du tar kontakt …", "Husk at du …"
_URGE = (r"(?:(?:det\s+er\s+|er\s+det\s+)(?:helt\s+|veldig\s+|svært\s+)?viktig\s+at\s+|"
         r"husk\s+at\s+)?")
_MODAL = _URGE + r"(?:(?:du|dere)\s+)?(?:(?:må|skal|bør|kan)\s+(?:du\s+|dere\s+)?)?(?:bare\s+)?"
# a plan announced before a colon ("Da gjør vi sånn: …", "Så planen er slik: …", "…, så vi
# gjør sånn: Du får …"): the announcement says nothing, what follows the colon is the plan
_ANNOUNCED = re.compile(
    r"(?:^|\s*,?\s+)(?:(?:så|da|og|men|nå)\s+)*(?:(?:jeg|vi)\s+gjør|gjør\s+(?:jeg|vi)|"
    r"(?:er|blir)\s+planen|planen\s+(?:er|blir)|(?:jeg|vi)\s+legger\s+opp\s+til)"
    r"(?:\s+det)?(?:\s+(?:sånn|slik|følgende|dette|som\s+følger))?\s*:\s*", re.I)
_ADVICE = (
    (re.compile(_LEAD + r"(?:jeg|vi)\s+(?:vil\s+)?(?:anbefaler|anbefale|foreslår|foreslå|"
                r"råder|rå)\s+(?:deg\s+|dere\s+)?(?:til\s+)?", re.I), "Anbefaler "),
    (re.compile(_LEAD + r"(?:jeg|vi)\s+vil\s+(?:gjerne\s+)?at\s+(?:du|dere)\s+skal\s+", re.I),
     "Skal "),
    (re.compile(_LEAD + r"(?:jeg|vi)\s+synes\s+(?:at\s+)?(?:du|dere)\s+(?:skal|bør)\s+", re.I),
     "Bør "),
    (re.compile(r"\b(du|dere)\s+(?:skal|kommer\s+til\s+å)\s+få\b", re.I), r"\1 får"),
)


@dataclass(frozen=True)
class _Rx:
    assessment: re.Pattern[str]
    plan: re.Pattern[str]
    cond_first: re.Pattern[str]
    act_first: re.Pattern[str]
    act_ved: re.Pattern[str]
    conditions: re.Pattern[str]
    emergency: re.Pattern[str]


@lru_cache(maxsize=1)
def _rx() -> _Rx:
    pb = phrasebook()
    contact = alternation(pb.words("doctor.plan", "contact"))
    verbs = alternation(pb.words("doctor.plan", "verbs"))
    objects = alternation(pb.words("doctor.plan", "objects"))
    return _Rx(
        assessment=re.compile(
            _LEAD + rf"({alternation(_leads())})\s+(?:(?:en|et|ei)\s+)?", re.I),
        plan=re.compile(_LEAD + rf"(?:jeg|vi)\s+(?:(?:også|bare|nå|da)\s+)?{verbs}\s+"
                        rf"(?:(?:en|et|ei|noen|også)\s+)?(?=(?:nye?\s+)?{objects})", re.I),
        cond_first=re.compile(
            _LEAD + rf"{_IF}\s+(?P<cond>.+?)\s*,?\s+(?:så\s+)?{_MODAL}(?P<act>{contact})"
            r"(?P<dest>[^.!?]*)[.!?]?\s*$", re.I),
        act_first=re.compile(
            _LEAD + rf"{_MODAL}(?P<act>{contact})(?P<dest>[^.!?]*?)\s*,?\s+{_IF}\s+"
            r"(?P<cond>[^.!?]+)[.!?]?\s*$", re.I),
        act_ved=re.compile(_LEAD + rf"{_MODAL}(?P<act>{contact})(?P<dest>[^.!?]*?)\s+ved\s+"
                           r"(?P<cond>[^.!?]+)[.!?]?\s*$", re.I),
        conditions=re.compile(rf"^{alternation(pb.table('doctor.conditions'))}", re.I),
        emergency=re.compile(alternation(pb.words("doctor.plan", "emergency")), re.I),
    )


@lru_cache(maxsize=1)
def _leads() -> dict[str, str]:
    pb = phrasebook()
    table = {**pb.table("doctor.assessment"), **pb.table("doctor.leads")}
    return {k.lower(): v for k, v in table.items()}


def doctor_phrases(text: str) -> str:
    """The doctor's sentence with its plan, assessment or safety-netting in note form."""
    net = safety_net(text)
    if net:
        return net
    text = _NAMED.sub("", _unannounced(text))
    rx = _rx()
    table = _leads()
    m = rx.assessment.match(text)
    if m:
        lead = table.get(re.sub(r",?\s+", " ", m.group(1).lower()), "")
        text = (f"{lead} " if lead else "") + text[m.end():]
    text = rx.plan.sub("", text, count=1)
    for pattern, repl in _ADVICE:
        text = pattern.sub(repl, text, count=1)
    return text


# the name put on a thing as it is said to the patient: "det vi kaller funksjonelle
# magesmerter", "noe som kalles tubekatarr" → the name itself
_NAMED = re.compile(r"\b(?:det|noe|en\s+tilstand|en\s+sykdom)\s+(?:vi|leger|legene|man)\s+"
                    r"(?:kaller|kaller\s+for|har\s+kalt)\s+|\b(?:det|noe)\s+som\s+"
                    r"(?:kalles|heter|blir\s+kalt)\s+", re.I)


def _unannounced(text: str) -> str:
    """The announcement taken off; inside a sentence a comma stands for it ("Har en del
    plager, så vi gjør sånn: Du får …" → "Har en del plager, du får …")."""
    m = _ANNOUNCED.search(text)
    if m is None:
        return text
    head, rest = text[:m.start()], text[m.end():]
    if not head:
        return rest
    return f"{head} {rest}" if head.endswith((".", "!", "?")) else f"{head}, {lower_first(rest)}"


def safety_net(text: str) -> str | None:
    """ "Ny kontakt ved …" / "Kontakt legevakt ved …" for a sentence that says when to come
    back; None when the sentence is not safety-netting."""
    rx = _rx()
    m = rx.cond_first.match(_as_if(text))
    if m and _MAIN_CLAUSE.search(m.group("cond")):
        return None  # "Hvis du blir svimmel, tar du mindre og ringer meg": more than a contact
    m = m or rx.act_first.match(text)
    ved = m is None
    m = m or rx.act_ved.match(text)
    if m is None:
        return None
    dest = spoken_to_digits(m.group("dest") + " " + m.group("act"))
    dest = _BIG.sub(lambda w: str(word_to_int(w.group(0)) or w.group(0)), dest)
    if re.search(r"\b(?:113|ambulanse)\b", dest, re.I) and rx.emergency.search(
            re.sub(r"\b113\b", "", dest)):
        lead = "Kontakt legevakt/113"
    elif re.search(r"\b(?:113|ambulanse)\b", dest, re.I):
        lead = "Ring 113"
    elif re.search(r"\b(?:vurdering|titt|ser vi|se på)\b", dest, re.I):
        lead = "Ny vurdering"
    elif rx.emergency.search(dest):
        lead = "Kontakt legevakt"
    else:
        lead = "Ny kontakt"
    when = _WHEN.search(dest)
    if when:  # "Ring oss om to dager hvis …": the time is part of the advice
        lead += f" {when.group(0)}"
    cond = m.group("cond").strip(" ,")
    if ved:
        return f"{lead} ved {cond}."
    nominal = _conditions(cond)
    if nominal is None:
        return f"{lead} hvis {cond}."
    return f"{lead} ved {nominal}."


# a condition said with its verb first, as Norwegian does without "hvis": "Får du feber
# igjen, tar du kontakt", "Er det ikke borte om fire uker, kommer du tilbake"
_VERB_FIRST = re.compile(rf"^(?P<lead>{_LEAD_WORDS})(?P<verb>blir|får|er|"
                         r"kommer|merker|kjenner|hjelper|går|har)\s+(?P<subj>du|dere|det|den|"
                         r"han|hun)\s+(?P<rest>[^,.!?]+,)", re.I)


def _as_if(text: str) -> str:
    """A verb-first condition as a "hvis" clause ("Får du feber, …" → "Hvis du får feber,
    …"; "Er det ikke borte …" → "Hvis det ikke er borte …"); other text as it is."""
    m = _VERB_FIRST.match(text)
    if m is None:
        return text
    verb, subj, rest = m["verb"].lower(), m["subj"].lower(), m["rest"]
    negated = re.match(r"ikke\s+", rest, re.I)
    clause = f"{subj} ikke {verb} {rest[negated.end():]}" if negated else f"{subj} {verb} {rest}"
    return f"{m['lead']}hvis {clause}{text[m.end():]}"


# a main clause inside what was taken for the condition: its verb before its subject
# (or one with "da" and another who acts: "…, da må kona ringe legevakten")
_MAIN_CLAUSE = re.compile(r",\s+(?:så\s+)?(?!(?:eller|og|men|at|om|når|hvis|dersom|før|til|"
                          r"fordi|mens|så)\s)[a-zæøå]+\s+(?:du|dere)\s|"
                          r",\s+(?:da|så)\s+(?:må|skal|bør|kan)\b", re.I)
_WHEN = re.compile(r"\b(?:om|innen|etter)\s+(?:\d+|\d+[–-]\d+)\s+"
                   r"(?:dager|dag|døgn|uker|uke|timer)\b", re.I)


def _conditions(cond: str) -> str | None:
    """The conditions as nouns ("høy feber eller tung pust"); None when one of them cannot be
    said as a noun (then the note keeps "hvis …")."""
    parts = re.split(r"\s*,\s*(?:eller\s+|og\s+)?|\s+eller\s+(?:hvis\s+|om\s+)?", cond)
    said = [_condition(p) for p in parts if p.strip()]
    if any(s is None for s in said) or not said:
        return None
    words = [s for s in said if s]
    if len(words) <= 1:
        return "".join(words)
    return ", ".join(words[:-1]) + " eller " + words[-1]


def looks_verbal(part: str) -> bool:
    """Whether a condition has a verb of its own ("trenger Ventoline oftere"), so it cannot
    be written as a noun after "ved"."""
    first = part.split()[0].lower() if part.split() else ""
    # (or a finite verb further in: "feberen ikke har gått ned")
    return bool(re.search(r"(?:er|te|de)$", first)) or first in {
        "har", "kan", "vil", "må", "trenger", "ikke", "får", "går", "tar", "ser"} or bool(
        re.search(r"\s(?:har|er|blir|går|kommer|kan|vil)\s", f" {part.lower()} "))


def _condition(part: str) -> str | None:
    part = re.sub(r"^(?:du|dere|han|hun|pas\.)\s+", "", part.strip(), flags=re.I)
    table = {k.lower(): v for k, v in phrasebook().table("doctor.conditions").items()}
    m = _rx().conditions.match(part) or _rx().conditions.match(re.sub(r"^det\s+", "", part))
    if m and not _rx().conditions.match(part):
        part = re.sub(r"^det\s+", "", part)
    if m:
        return (table[re.sub(r",?\s+", " ", m.group(0).lower())] + part[m.end():]).strip()
    m2 = re.match(r"(?:får|blir|merker|kjenner|opplever)\s+(.+)$", part, re.I)
    if m2:  # (the subject after the verb, in a run of verb-first conditions: "blir det rødt")
        return re.sub(r"^(?:du|dere|det|den|han|hun)\s+", "", m2.group(1), flags=re.I)
    return part if not looks_verbal(part) else None
