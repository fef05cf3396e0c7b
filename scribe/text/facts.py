"""Deterministic Norwegian detectors: procedures, samples, forms, sick notes, guidance.

Driven by ``data/takstregler.toml`` (trigger words and cue words, reviewable by a GP; the
takst engine reads which takster each item gives from the same file). Only the doctor's
sentences count: what the doctor says is done is what is billed. Each fact carries the
segment ids that say it, and for procedures whether it was done here, sent or only ordered.
Extraction runs them once per consultation and hands the facts to coding.
"""

from __future__ import annotations

import re
import tomllib
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import replace
from functools import lru_cache
from importlib import resources
from pathlib import Path
from typing import Any

from scribe.domain import Fact, Speaker, Transcript
from scribe.errors import ReferenceDataError
from scribe.text.numbers import word_to_int
from scribe.text.sentences import Sentence, split_segments


def load_rules(path: Path | None = None) -> dict[str, Any]:
    """The trigger/mapping data; the packaged file unless ``path`` names another."""
    return dict(_load_rules(str(path) if path else ""))


@lru_cache(maxsize=4)
def _load_rules(path: str) -> dict[str, Any]:
    try:
        if path:
            return tomllib.loads(Path(path).read_text(encoding="utf-8"))
        text = resources.files("scribe.text").joinpath("data/takstregler.toml").read_text(
            encoding="utf-8")
        return tomllib.loads(text)
    except (OSError, tomllib.TOMLDecodeError) as exc:
        raise ReferenceDataError(f"Takstreglene (takstregler.toml) kan ikke leses: {exc}",
                                 "Rett filen, eller bruk den som følger med Scribe.") from None


def lowered(sentences: Iterable[Sentence],
            speakers: Iterable[str] = (Speaker.LEGE,)) -> list[Sentence]:
    """The sentences said by ``speakers``, lowercased (as triggers and cues are written)."""
    allowed = {str(s) for s in speakers}
    return [replace(s, text=s.text.lower()) for s in sentences if str(s.speaker) in allowed]


def _find(text: str, trigger: str) -> int:
    """Where ``trigger`` starts a word in ``text`` (-1 if not); a trailing space: whole word."""
    end = r"(?![a-zæøå0-9])" if trigger.endswith(" ") else ""
    m = re.search(r"(?<![a-zæøå0-9])" + re.escape(trigger.strip().lower()) + end, text)
    return m.start() if m else -1


def has_any(text: str, cues: Sequence[str]) -> bool:
    return any(_find(text, c) >= 0 for c in cues)


@lru_cache(maxsize=64)
def _compiled(patterns: tuple[str, ...]) -> tuple[re.Pattern[str], ...]:
    return tuple(re.compile(p) for p in patterns)


def matches_any(text: str, patterns: Sequence[str]) -> bool:
    """Whether one of the regular expressions (lowercase, from the rules file) occurs."""
    return any(p.search(text) for p in _compiled(tuple(patterns)))


# A clause ends at a comma or semicolon before a conjunction: "Vi tok HbA1c i fingeren nå,
# og blodprøvene fra forrige uke har kommet" says two things with two times.
_CLAUSE = re.compile(r"[,;]\s+(?=(?:og|men|mens|så|samt|og så)\b)|;\s*")


def _clauses(text: str) -> list[tuple[int, int]]:
    """Where each clause of ``text`` starts and ends."""
    starts = [0] + [m.end() for m in _CLAUSE.finditer(text)]
    ends = [m.start() for m in _CLAUSE.finditer(text)] + [len(text)]
    return list(zip(starts, ends, strict=True))


def _clause_index(spans: list[tuple[int, int]], pos: int) -> int:
    return next((k for k, (_, end) in enumerate(spans) if end >= pos), len(spans) - 1)


def clause_at(text: str, pos: int) -> str:
    """The clause of ``text`` that holds position ``pos``."""
    spans = _clauses(text)
    start, end = spans[_clause_index(spans, pos)]
    return text[start:end]


def _negated(text: str, pos: int, cues: dict[str, Any], after: int = 0) -> bool:
    """Negated in the five words before (or ``after`` words after), or said conditionally:
    a condition before it, or a possibility in its clause with a condition anywhere ("vi kan
    gjøre en anoskopi hvis det fortsetter"), unless offered for now ("vi kan fryse den nå,
    hvis du vil"), or said of how things usually are ("Blodprøven er ofte negativ")."""
    window = " ".join(text[:pos].split()[-5:] + text[pos:].split()[1:1 + after])
    clause = clause_at(text, pos)
    possible = has_any(clause, cues.get("possibility", ())) and (
        has_any(text[pos:], cues["conditional"])) and not has_any(clause, ("nå ", "i dag "))
    # the verb before its subject, as Norwegian puts it after what comes first: "Bittsår syr
    # vi ikke", "Den tar jeg ikke nå"
    turned = text[pos:].split()[1:3]
    inverted = (len(turned) == 2 and turned[0] in _SUBJECTS
                and turned[1].strip(",.") in ("ikke", "ikkje", "aldri"))
    return inverted or has_any(window, cues["negation"]) or has_any(
        text[:pos], cues["conditional"]) or text.startswith(("hvis", "dersom")) or (
        possible) or has_any(clause, cues.get("generic", ()))


_SUBJECTS = frozenset(("jeg", "vi", "du", "dere", "han", "hun", "de", "man", "eg", "æ"))


def _status(text: str, cues: dict[str, Any], always_sent: bool) -> str:
    """Said of something earlier, ordered (or planned) for later, sent, or done here now."""
    if has_any(text, cues["earlier"]) or matches_any(text, cues.get("earlier_patterns", ())):
        return "earlier"
    later = has_any(text, cues["ordered"]) or matches_any(text, cues.get("ordered_patterns", ()))
    if later and not has_any(text, ("i dag ", "nå ")):  # whole words: "når" is not "nå"
        return "ordered"
    if always_sent or has_any(text, cues["sent"]):
        return "sent"
    return "done_here"


_SUBJECT_LEFT_OUT = re.compile(r"^\s*og\s+(?:så\s+)?(?:tar|sender|måler|sjekker|rekvirerer)\b")


def _item_status(s: Sentence, pos: int, item: dict[str, Any], cues: dict[str, Any]) -> str:
    """The status of ``item`` named at ``pos``, read in its own clause; an item that
    ``needs_here`` is only done here where the clause says so ("nå", "vi tok … i fingeren")."""
    clause = clause_at(s.text, pos)
    status = _status(clause, cues, bool(item.get("always_sent")))
    if status in ("done_here", "sent") and _SUBJECT_LEFT_OUT.match(clause) and (
            _status(_clause_before(s.text, pos), cues, False) == "ordered"):
        # its subject and time left out, as the clause before gave them: "Så måler vi igjen
        # om fire uker, og tar en blodprøve for nyrer og salter da."
        return "ordered"
    if status in ("done_here", "sent") and item.get("needs_here") and not (
            has_any(clause, cues.get("here", ()))
            or (_LISTED.match(clause) and has_any(_clause_before(s.text, pos),
                                                   cues.get("here", ())))):
        return "mentioned"
    return status


# the last of a list, with no verb of its own: "Nå tar vi en trykkmåling …, og en hørselstest",
# "Så tar jeg blod fra fingeren, CRP og langtidsblodsukker"
_LISTED = re.compile(r"^\s*(?:(?:og|samt|og så)\s+)?(?:en|et|ei|to|tre)?\s*[\wæøå-]+"
                     r"(?:\s*,\s*[\wæøå-]+)*(?:\s+(?:og|samt)\s+[\wæøå-]+)?\s*[.!]?\s*$")


def _clause_before(text: str, pos: int) -> str:
    """The clause before the one that holds ``pos`` ("" when it is the first)."""
    spans = _clauses(text)
    k = _clause_index(spans, pos)
    return text[spans[k - 1][0]:spans[k - 1][1]] if k else ""


def _hits(sents: Sequence[Sentence], item: dict[str, Any], cues: dict[str, Any],
          after: int = 0) -> Iterator[tuple[Sentence, int]]:
    """Sentences where a trigger of ``item`` occurs, affirmed; with where it was found.
    A trigger is a word (``triggers``) or a regular expression (``patterns``); ``requires``:
    its clause must hold one of these words; ``context``: its turn must."""
    turns = _turns(sents) if item.get("context") else {}
    for s in sents:
        if turns and not has_any(turns[s.index], item["context"]):
            continue
        for pos in sorted(set(_positions(s.text, item))):  # in the order said
            clause = clause_at(s.text, pos)
            if has_any(clause, item.get("exclude", ())) or (
                    item.get("requires") and not has_any(clause, item["requires"])):
                continue
            if not _negated(s.text, pos, cues, after):
                yield s, pos
                break


def _positions(text: str, item: dict[str, Any]) -> Iterator[int]:
    for trig in item.get("triggers", ()):
        pos = _find(text, trig)
        if pos >= 0:
            yield pos
    for p in _compiled(tuple(item.get("patterns", ()))):
        if m := p.search(text):
            yield m.start()


def _turns(sents: Sequence[Sentence]) -> dict[int, str]:
    """For each sentence (by index), the text of its turn: the doctor's sentences in a row,
    with nobody else speaking between them."""
    out: dict[int, str] = {}
    run: list[Sentence] = []
    for s in [*sents, None]:
        if run and (s is None or s.index != run[-1].index + 1):
            text = " ".join(r.text for r in run)
            out.update((r.index, text) for r in run)
            run = []
        if s is not None:
            run.append(s)
    return out


_RANK = {"done_here": 3, "sent": 3, "ordered": 1, "mentioned": 0, "earlier": 0}


def detect_procedures(sentences: Sequence[Sentence], *,
                      rules: dict[str, Any] | None = None) -> list[Fact]:
    """Procedures and samples the doctor names, with done_here / sent / ordered."""
    rules = rules or load_rules()
    cues, sents = rules["cues"], lowered(sentences)
    items = rules.get("procedure", ())
    mentions = {item["id"]: [(s, pos, _agreed(sents, s, _in_turn(
                                 sents, s, _item_status(s, pos, item, cues), item, cues)))
                             for s, pos in _hits(sents, item, cues)] for item in items}
    told = min((s.index for item in items if _has_sample(item)
                for s, _, st in mentions[item["id"]] if st == "earlier"), default=None)
    facts: list[Fact] = []
    for item in items:
        found = [(s, _told_before(s, pos, st, item, told, cues))
                 for s, pos, st in mentions[item["id"]]]
        if not found:
            continue
        status = max((st for _, st in found), key=lambda st: _RANK[st])
        evidence = tuple(dict.fromkeys(s.segment_id for s, st in found if st == status))
        facts.append(Fact(kind="procedure", name=item["id"], value=item["name"],
                          evidence=evidence, attrs=_attrs(status, item)))
    return _without_replaced(facts, rules.get("procedure", ()))


# what the doctor proposed, done once the patient agrees: "Jeg foreslår en sprøyte i
# skulderen." — "Nei. Ingen allergi." — "Da gjør vi det nå."
_PROPOSED = re.compile(r"\b(?:foreslår|anbefaler|tilbyr|kan (?:jeg|vi) (?:gi|sette|ta))\b")
_DONE_NOW = re.compile(r"^(?:ja,?\s+|ok,?\s+|greit,?\s+)?(?:da|så)\s+(?:gjør|tar|setter)\s+"
                       r"(?:vi|jeg)\s+(?:det|den)\s+(?:nå|her|med en gang|med det samme)\b")


def _agreed(sents: Sequence[Sentence], s: Sentence, status: str) -> str:
    """A procedure the doctor proposed ("Jeg foreslår en sprøyte i slimposen") is done here
    when the doctor's next turn, after the patient's, opens with doing it now ("Da gjør vi
    det nå.")."""
    if status != "mentioned" or not _PROPOSED.search(s.text):
        return status
    i = sents.index(s)
    last = s.index
    for t in sents[i + 1:]:  # the doctor's sentences (``lowered`` keeps only those)
        if t.segment_id == s.segment_id:
            last = t.index
            continue  # still the turn that proposed
        answered = t.index > last + 1  # someone spoke between
        return "done_here" if answered and _DONE_NOW.match(t.text) else status
    return status


_DEFINITE = ("ene", "en", "et", "a")  # "blodprøvene", "blodprosenten", "hemoglobinet", "prøva"


def _told_before(s: Sentence, pos: int, status: str, item: dict[str, Any], told: int | None,
                 cues: dict[str, Any]) -> str:
    """A sample named in the definite form ("Da skal vi se på blodprøvene", "Blodprosenten er
    fin") after the doctor said samples were taken before ("Vi tok blodprøver for to uker
    siden", at sentence ``told``) is one of those: of that time, unless its own sentence says
    here and now. The definite form is how Norwegian names what is already known."""
    if told is None or s.index <= told or status not in ("done_here", "sent") or not (
            _has_sample(item)) or has_any(s.text, cues.get("here", ())):
        return status
    word = re.match(r"[\wæøå-]*", s.text[pos:])
    said = word.group(0) if word else ""
    named = [t.strip() for t in item.get("triggers", ()) if said.startswith(t.strip())]
    definite = any(len(said) > len(t) for t in named) and said.endswith(_DEFINITE)
    return "earlier" if definite else status


def _without_replaced(facts: list[Fact], items: Iterable[dict[str, Any]]) -> list[Fact]:
    """Facts less those whose item names, under ``unless``, another fact found."""
    found = {f.name for f in facts}
    unless = {i["id"]: set(i.get("unless", ())) for i in items}
    return [f for f in facts if not unless.get(f.name, set()) & found]


_THEN = re.compile(r"^(?:og\s+)?(?:da|så da)\s+(?:tar|sender|gjør|måler|sjekker)\b")


def _in_turn(sents: Sequence[Sentence], s: Sentence, status: str, item: dict[str, Any],
             cues: dict[str, Any]) -> str:
    """A status read with its neighbours in the doctor's turn: ordered when the next sentence
    puts it later ("Den kan du ta på laboratoriet i morgen"); for a sample, sent when the next
    sentence sends it ("Den sendes til laboratoriet"), of an earlier time when the one before
    says the results came back ("Jeg har fått svar på prøvene du tok") and this one names no
    time of its own; sent when it goes on from a sentence that sends, its verb left out ("Og
    en urinprøve.")."""
    i = sents.index(s)
    after = sents[i + 1] if i + 1 < len(sents) and sents[i + 1].index == s.index + 1 else None
    before = sents[i - 1] if i > 0 else None
    if status in ("sent", "done_here") and not has_any(s.text, cues.get("here", ())) and (
            after is not None and _for_later(after.text, cues)):
        return "ordered"
    # "Da …" at the time the sentence before named: "… det tar vi neste gang når du kommer
    # for blodtrykket. Da tar vi blodprøver samtidig."
    if status in ("sent", "done_here") and _THEN.match(s.text) and before is not None and (
            before.index == s.index - 1 and _status(before.text, cues, False) == "ordered") and (
            not has_any(s.text, ("nå ", "i dag"))):
        return "ordered"
    if not _has_sample(item) or status not in ("done_here", "mentioned"):
        return status
    if status == "done_here" and after is not None and (
            after.text.startswith(tuple(cues.get("refer_back", ())))) and (
            has_any(after.text, cues["sent"])):
        return "sent"
    if before is not None and before.index == s.index - 1 and not (
            has_any(s.text, cues.get("here", ()))) and (
            _status(before.text, cues, False) == "earlier"):
        return "earlier"
    if not has_any(s.text, cues.get("here", ())) and any(
            has_any(t.text, cues.get("results", ())) for t in _run_before(sents, i)):
        return "earlier"  # read out in a run that began with the results of earlier samples
    if status == "done_here" and before is not None and before.index == s.index - 1 and (
            s.text.startswith(("og ", "og så ")) and has_any(before.text, cues["sent"])) and (
            not has_any(s.text, cues.get("here", ()))):
        # the verb left out, as Norwegian does: "Så sender vi blodprøver til laboratoriet.
        # Og en urinprøve for å se etter protein." sends the urine too (not one taken here:
        # "… som sendes til dyrking. Og en CRP fra fingeren.")
        return "sent"
    return status


def _run_before(sents: Sequence[Sentence], i: int) -> Iterator[Sentence]:
    """The sentences before ``sents[i]`` in the same run, nobody else speaking between."""
    j = i
    while j > 0 and sents[j - 1].index == sents[j].index - 1:
        j -= 1
        yield sents[j]


def _for_later(text: str, cues: dict[str, Any]) -> bool:
    """The next sentence puts what was just named ahead in time: it refers back to it and
    says it is for later ("Den kan du ta på laboratoriet i morgen"), or it is only a time
    ahead ("Om seks uker.")."""
    if _status(text, cues, False) != "ordered" or has_any(text, cues.get("here", ())):
        return False
    return text.startswith(tuple(cues.get("refer_back", ()))) or len(text.split()) <= 4


def _has_sample(item: dict[str, Any]) -> bool:
    """The item takes a sample; one with only `sample_sent` only when it is sent (a urine
    sample tested here with a stick is none)."""
    return bool(item.get("sample") or item.get("sample_sent"))


def _attrs(status: str, item: dict[str, Any]) -> tuple[tuple[str, str], ...]:
    here = status in ("done_here", "sent")
    sent = status == "sent" and _has_sample(item)
    material = item.get("sample_sent", item.get("sample", "")) if sent else item.get("sample", "")
    return (("status", status), ("done_here", str(here).lower()),
            ("ordered", str(status == "ordered").lower()),
            ("sent", str(sent).lower()), ("material", str(material) if here else ""))


def detect_questionnaires(sentences: Sequence[Sentence], *,
                          rules: dict[str, Any] | None = None) -> list[Fact]:
    """Forms and scores used in the consultation (PHQ-9, GAD-7, AUDIT …)."""
    rules = rules or load_rules()
    cues, sents = rules["cues"], lowered(sentences)
    facts: list[Fact] = []
    for item in rules.get("questionnaire", ()):
        found = [s for s, pos in _hits(sents, item, cues)
                 if _item_status(s, pos, item, cues) in ("done_here", "sent")]
        if found:
            facts.append(Fact(kind="questionnaire", name=item["id"], value=item["name"],
                              evidence=tuple(dict.fromkeys(s.segment_id for s in found)),
                              attrs=(("billable", str(bool(item.get("billable"))).lower()),)))
    return facts


def detect_sick_leave(sentences: Sequence[Sentence], *,
                      rules: dict[str, Any] | None = None) -> list[Fact]:
    """A sick note issued (not one refused, only discussed or written before), with days and
    grade if said; and the NAV form's utdypende opplysninger (L4) when the doctor fills them."""
    rules = rules or load_rules()
    cues, conf = rules["cues"], rules["sick_leave"]
    sents = lowered(sentences)
    # "Jeg sykmelder deg ikke": a verb's negation follows it.
    found = [s for s, pos in _hits(sents, {"triggers": conf["issue"]}, cues, after=2)
             if _issued_now(s.text, pos, cues)]
    found += [s for s in sents if s not in found and _issue_pattern(s.text, conf, cues)]
    extended = [s for s, pos in _hits(sents, {"triggers": conf["extended"]}, cues, after=2)
                if _status(clause_at(s.text, pos), cues, False) != "earlier"]
    # A kind of its own, so that it stands beside another extractor's sick leave; the takst
    # rules give L4 only with a sick note written.
    forms = [Fact(kind="nav_form", name="utdypende_opplysninger",
                  value="Utdypende opplysninger til NAV",
                  evidence=tuple(dict.fromkeys(s.segment_id for s in extended)))
             ] if extended else []
    if not found:
        return forms
    found.sort(key=lambda s: s.index)
    text = " ".join(s.text for s in found)
    attrs = [("extended", str(bool(extended)).lower())]
    days, grade = _days(text), _grade(text)
    if days:
        attrs.append(("days", str(days)))
    if grade:
        attrs.append(("grade_percent", str(grade)))
    return [Fact(kind="sick_leave", name="sykmelding", value=f"{days or ''}",
                 unit="dager" if days else "",
                 evidence=tuple(dict.fromkeys(s.segment_id for s in found)), attrs=tuple(attrs)),
            *forms]


_WRITTEN_BEFORE = re.compile(
    r"\b(?:ble|var|har vært|hadde vært|hadde|fikk)\s+(?:\w+\s+){0,2}syke?m")


def _issued_now(text: str, pos: int, cues: dict[str, Any]) -> bool:
    """Not a sick note written before ("du ble sykmeldt i mars"), nor one only asked about."""
    clause = clause_at(text, pos)
    return not text.rstrip().endswith("?") and not _WRITTEN_BEFORE.search(clause) and (
        _status(clause, cues, False) != "earlier")


def _issue_pattern(text: str, conf: dict[str, Any], cues: dict[str, Any]) -> bool:
    for p in _compiled(tuple(conf.get("issue_patterns", ()))):
        m = p.search(text)
        if m and not _negated(text, m.start(), cues, after=len(m.group(0).split()) + 1) and (
                _issued_now(text, m.start(), cues)):
            return True
    return False


def _days(text: str) -> int | None:
    for m in re.finditer(r"(\w+) (dager|dag|døgn|uker|uke)\b", text):
        n = word_to_int(m.group(1))
        if n is not None:
            return n * 7 if m.group(2).startswith("uke") else n
    return None


def _grade(text: str) -> int | None:
    m = re.search(r"(\w+) ?(?:prosent|%)", text)
    if not m:
        return None
    return word_to_int(m.group(1))


def detect_guidance(sentences: Sequence[Sentence], *,
                    rules: dict[str, Any] | None = None) -> list[Fact]:
    """Structured guidance and checks the table pays for (prevensjonsveiledning, svangerskap,
    livsstilsveiledning): enough different triggers said by the doctor; with ``only_now``, not
    of an earlier or a later check; with ``plan``, a plan or target said in a turn that gives
    the guidance; with ``requires``, one of those words said (the disease or risk); ``unless``
    names items that, when found, take its place."""
    rules = rules or load_rules()
    cues, sents = rules["cues"], lowered(sentences)
    facts: list[Fact] = []
    for item in rules.get("guidance", ()):
        hits = _affirmed(sents, item["triggers"], cues, bool(item.get("only_now")))
        if len(hits) < int(item.get("min_distinct", 1)):
            continue
        turns = set(hits.values())
        planned = _affirmed([s for s in sents if s.segment_id in turns],
                            item.get("plan", ()), cues, False)
        if item.get("plan") and not planned:
            continue
        stated = [s for s in sents if not s.is_question]  # "Diabetes i familien?" is no risk
        if item.get("requires") and not _affirmed(stated, item["requires"], cues, False):
            continue
        facts.append(Fact(kind="guidance", name=item["id"], value=item["name"],
                          evidence=tuple(dict.fromkeys((*hits.values(), *planned.values())))))
    return _without_replaced(facts, rules.get("guidance", ()))


def _affirmed(sents: Sequence[Sentence], words: Sequence[str], cues: dict[str, Any],
              only_now: bool) -> dict[str, str]:
    """Each of ``words`` said affirmed (and, with ``only_now``, of now), with its turn."""
    hits: dict[str, str] = {}
    for s in sents:
        for word in words:
            pos = _find(s.text, word)
            if pos >= 0 and not _negated(s.text, pos, cues) and (
                    not only_now or _now(s.text, pos, cues)):
                hits.setdefault(word, s.segment_id)
    return hits


def _now(text: str, pos: int, cues: dict[str, Any]) -> bool:
    return _status(clause_at(text, pos), cues, False) == "done_here"


def detect_interpreter(sentences: Sequence[Sentence], *,
                       rules: dict[str, Any] | None = None) -> list[Fact]:
    """A qualified interpreter taking part now (takst 7): the interpreter says so, or the
    doctor names one present; not one ordered for next time, refused or used before."""
    rules = rules or load_rules()
    conf, cues = rules.get("interpreter"), rules["cues"]
    if not conf:
        return []
    sents = lowered(sentences, speakers=conf.get("speakers", (Speaker.LEGE,)))
    found = [s for s, pos in _hits(sents, conf, cues) if _now(s.text, pos, cues)]
    if not found:
        return []
    return [Fact(kind="interpreter", name="tolk", value="Kvalifisert tolk",
                 evidence=tuple(dict.fromkeys(s.segment_id for s in found)))]


def detect_all(sentences: Sequence[Sentence], *,
               rules: dict[str, Any] | None = None) -> list[Fact]:
    """Every fact the takst rules need, from the transcript's sentences (all speakers)."""
    rules = rules or load_rules()
    return [*detect_procedures(sentences, rules=rules),
            *detect_questionnaires(sentences, rules=rules),
            *detect_sick_leave(sentences, rules=rules), *detect_guidance(sentences, rules=rules),
            *detect_interpreter(sentences, rules=rules)]


def detect_in(transcript: Transcript, *, rules: dict[str, Any] | None = None) -> list[Fact]:
    """:func:`detect_all` over a whole transcript, where there is no extraction to share."""
    return detect_all(split_segments(transcript.segments), rules=rules)
