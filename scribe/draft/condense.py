"""Clinical compression: labelled sentences → the statements of a GP's note (issue 14).

Deterministic, no model. Built on the sentence rules of :mod:`scribe.draft.rewrite`:

- a question and the other speaker's answer become one statement citing both segments; an
  unanswered question is dropped;
- what the doctor says while examining becomes the finding ("Lunger: knatring basalt hø.");
  the measured values go on one line first in Funn, once each;
- everything else is rewritten in third person without fillers ("" drops it), a relative's
  words attributed;
- repeats are dropped, and low-information statements go before facts do.

Every statement keeps the ids of the segments it was made from.
"""

from __future__ import annotations

import re
from collections.abc import Collection, Mapping, Sequence
from dataclasses import dataclass, field, replace

from scribe.domain import Speaker, Statement
from scribe.draft.answers import NO, blanket, follows_up
from scribe.draft.classify import FINDING, IDENTITY, NONE, SECTIONS, Label
from scribe.draft.dialogue import OPEN, PROCEDURAL, REQUEST, SOCIAL, parse_question
from scribe.draft.findings import announces_examination, instruction_result
from scribe.draft.normalise import strip_doses
from scribe.draft.possible import possible_change
from scribe.draft.rewrite import (
    find_values,
    finding_from_narration,
    fold_answer,
    organ_of,
    rewrite_sentence,
    strip_fillers,
    take_back_text,
)
from scribe.draft.scores import fold_scores
from scribe.draft.spoken import standardise
from scribe.text.normalise import stem
from scribe.text.numbers import numbers_in, spoken_to_digits
from scribe.text.sentences import Sentence

_WORD = re.compile(r"[a-zæøå]{3,}", re.IGNORECASE)


@dataclass
class _Run:
    """What the walk through the sentences carries along."""

    out: dict[str, list[Statement]] = field(
        default_factory=lambda: {name: [] for name in SECTIONS})
    values: list[str] = field(default_factory=list)
    value_evidence: list[str] = field(default_factory=list)
    organ: str | None = None
    examining: bool = False  # the doctor is examining (the last clinical sentence was Funn)
    unprescribed: Collection[str] = ()
    # the doctor's turn in which a measurement was said to be wrong ("Vent, det var visst
    # mansjetten …"): the value measured again in it replaces the one before
    measured_wrong: str | None = None

    def add(self, section: str, text: str | None, evidence: Sequence[str]) -> None:
        if text and self.unprescribed:
            text = strip_doses(text, self.unprescribed)  # discussed, not prescribed: no dose
        text = _tidy(text) if text else text
        if text and len(_WORD.findall(text)) + len(re.findall(r"\d", text)) >= 1:
            self.out[section].append(Statement(text, tuple(dict.fromkeys(evidence))))


_REPEAT = re.compile(r"\b([a-zæøå]+)(\s+\1\b)+", re.IGNORECASE)
_LEAD = re.compile(r"^(?:nei|ja|jo|joda|neida)\b[,.!]?\s+(?=\w)", re.IGNORECASE)


def _tidy(text: str) -> str:
    """No word twice in a row ("Ikke ikke penicillin") and no answer word left in front of a
    statement ("Nei, har hatt vondt i halsen")."""
    out = _LEAD.sub("", _REPEAT.sub(r"\1", text.strip()))
    return out[:1].upper() + out[1:]


def condense(sentences: Sequence[Sentence], labels: Sequence[Label], *,
             relation: str | None = None,
             evidence: Mapping[str, Sequence[str]] | None = None,
             unprescribed: Collection[str] = (),
             small_talk: Collection[str] = (),
             left_out: Collection[str] = ()) -> dict[str, list[Statement]]:
    """Section → note statements. ``evidence``: extra segment ids for a sentence (a
    correction merged into it); ``relation``: who the relative present is ("datter");
    ``unprescribed``: drugs discussed but not prescribed (their doses stay out);
    ``small_talk``: segments of small-talk runs (nothing from them goes in); ``left_out``:
    sentences said again in a recap (:func:`~scribe.draft.conversation.repeated_in_recap`)."""
    by_id = {lb.sentence_id: lb.label for lb in labels}
    extra = evidence or {}
    run = _Run(unprescribed=unprescribed)
    skip: set[str] = set(left_out)
    folds = fold_scores(sentences)
    skip.update(f.narration for f in folds.values() if f.narration)
    for i, s in enumerate(sentences):
        if s.id in skip or s.segment_id in small_talk:
            continue
        label = by_id.get(s.id, NONE)
        ids = [s.segment_id, *extra.get(s.id, ())]
        if s.speaker == Speaker.LEGE and run.values and _MEASURED_WRONG.search(s.text):
            run.measured_wrong = s.segment_id
        if s.speaker == Speaker.LEGE and _MEASURED_AGAIN.match(s.text) and (
                again := sentence_values(s.text)):
            _add_values(run, again, ids, turn=s.segment_id)  # a result, not a plan
            continue
        if (fold := folds.get(s.id)) is not None:  # a score's result: one finding in Funn
            _add_values(run, [fold.written], [*fold.evidence, *ids[1:]])
            if not fold.rest:
                continue
            s = replace(s, text=fold.rest)
        nxt = sentences[i + 1] if i + 1 < len(sentences) else None
        if s.is_question:
            if IDENTITY.search(s.text):  # the identity check and its answer: not the note's
                skip.update(t.id for t in sentences[i + 1:i + 3] if t.speaker != s.speaker)
                continue
            if nxt is not None and nxt.segment_id in small_talk:
                continue  # answered with small talk ("Er dere mye ute nå i vinter?"): the chat
            if nxt is not None and nxt.speaker != s.speaker and (
                    pairs := _paired(sentences, i)):
                # "Andre medisiner? Allergier?" — "Bare amlodipin. Ingen allergi.": each
                # answer goes with its question, in the order asked
                for q, a in pairs:
                    section = _pair_section(by_id.get(sentences[q].id, NONE) if q != i
                                            else label, by_id.get(sentences[a].id, NONE),
                                            s.speaker)
                    if section:
                        run.add(section, fold_answer(sentences[q].text, sentences[a].text,
                                                     asker=s.speaker,
                                                     answerer=sentences[a].speaker,
                                                     relation=relation),
                                [sentences[q].segment_id, sentences[a].segment_id,
                                 *extra.get(sentences[a].id, ())])
                    skip.add(sentences[a].id)
                continue
            if nxt is not None and nxt.speaker != s.speaker:
                asked = _asked(sentences, i)
                if asked != s.text and label == NONE:
                    # the run's label: its nearest labelled question in the turn
                    label = _turn_label(sentences, i, by_id)
                section = _pair_section(label, by_id.get(nxt.id, NONE), s.speaker)
                answer, taken = _answer(sentences, i + 1)
                echo = _echo(sentences, i)
                if echo is not None:  # the value the asker confirmed stands for the answer
                    answer = sentences[echo].text
                    taken = [*taken, sentences[echo]]
                if section:
                    text = fold_answer(asked, answer, asker=s.speaker, answerer=nxt.speaker,
                                       relation=relation)
                    more = [sentences[echo].segment_id] if echo is not None else []
                    run.add(section, text,
                            [*ids, nxt.segment_id, *extra.get(nxt.id, ()), *more])
                skip.update(t.id for t in taken)
            elif (k := _answered_alike(sentences, i)) is not None:
                # one of several questions that one "Nei, ingenting av det." answers
                reply = sentences[k]
                section = _pair_section(label, by_id.get(reply.id, NONE), s.speaker)
                if section:
                    text = fold_answer(s.text, _answer(sentences, k)[0], asker=s.speaker,
                                       answerer=reply.speaker, relation=relation)
                    run.add(section, text, [*ids, reply.segment_id, *extra.get(reply.id, ())])
            continue
        if (back := _value_of_last(sentences, i)):
            _add_values(run, back, [sentences[i - 1].segment_id, *ids])
            continue
        if label == NONE and s.speaker == Speaker.LEGE and (
                _found(s.text, run.examining) or instruction_result(s.text)):
            label = "Funn"  # the doctor states a finding the labels missed
        if label == NONE and s.speaker != Speaker.LEGE and _after_prompt(sentences, i):
            label = "Anamnese"  # what the patient tells when asked to ("Fortell.")
        if label == NONE:
            if s.speaker == Speaker.LEGE:
                _add_values(run, sentence_values(s.text), ids, turn=s.segment_id)
                if announces_examination(s.text):
                    run.organ = organ_of(s.text)  # the next step, not the organ before
            continue
        _statement(run, s, label, ids, relation)
    return _finish(run)


# what an echo may hold besides the value it repeats ("Fem dager, altså.", "Høyre
# pekefinger, ja.")
_ECHO_GLUE = {"altså", "ja", "jo", "da", "ok", "okei", "så", "mhm", "javel", "jaha", "og",
              "greit", "fint", "nei", "vel"}
_ECHO_TURNS = 3  # turns of the other speakers the asker's echo may follow
# a subject or a verb: the sentence says a thing of its own ("Det skjønner jeg.")
_OWN_CLAUSE = re.compile(r"\b(?:jeg|du|vi|han|hun|det|den|er|var|har)\b", re.IGNORECASE)


def _echo(sentences: Sequence[Sentence], i: int) -> int | None:
    """The index of the asker's echo of the answer to question ``i``: the first sentence of
    the asker's next turn, within a few turns, a few words that repeat a value ("Sju uker.",
    "Fem år." after a relative corrected "et par år") or what was asked and answered
    ("Høyre pekefinger, ja." after "Hvilken finger?" — "Venstre … nei, høyre"). What the
    asker repeats is what the note writes, whatever was said and taken back before it; None
    when there is no echo."""
    asker = sentences[i].speaker
    turns: list[str] = []
    heard: list[str] = [sentences[i].text]  # what was asked and answered
    for j in range(i + 1, len(sentences)):
        s = sentences[j]
        if s.speaker != asker:
            if s.segment_id not in turns:
                turns.append(s.segment_id)
                if len(turns) > _ECHO_TURNS:
                    return None
            heard.append(s.text)
            continue
        if (not turns or s.is_question or sentences[j - 1].segment_id == s.segment_id
                or _OWN_CLAUSE.search(s.text)):
            return None
        return j if (_repeats(s.text, " ".join(heard))
                     and _answers_which(sentences[i].text, s.text, heard[1:2])) else None
    return None


# the doctor asking to be told, not asking a question: "Fortell.", "Fortell om søvnen.",
# "Beskriv smertene.", "Si litt om hvordan dagene er.", "Ta den tiden du trenger."
_PROMPT = re.compile(r"^(?:(?:ok|okei|ja|så|da|og|bare)[,.]?\s+)*(?:fortell|fortel|beskriv|"
                     r"forklar|si\s+(?:litt|meg|mer)|ta\s+(?:den\s+tiden|den\s+tida|det\s+"
                     r"i\s+ditt\s+tempo))\b", re.IGNORECASE)


def _after_prompt(sentences: Sequence[Sentence], i: int) -> bool:
    """Sentence ``i`` is in the turn that answers the doctor's prompt to tell ("Fortell.",
    "Fortell om søvnen."): the doctor's turn just before it ends with one."""
    first = i
    while first > 0 and sentences[first - 1].segment_id == sentences[i].segment_id:
        first -= 1
    if first == 0:
        return False
    prompt = sentences[first - 1]
    return prompt.speaker == Speaker.LEGE and not prompt.is_question and bool(
        _PROMPT.match(prompt.text.strip()))


# a question that asks which one ("Hvilket øre?", "Hvilken side?", "Hva slags smerte?")
_WHICH = re.compile(r"^(?:(?:og|men|og\s+så)\s+)?(?:hvilk\w*|hva\s+slags)\b", re.IGNORECASE)


def _answers_which(question: str, echo: str, first: list[str]) -> bool:
    """An echo stands for the answer to a question of which one only when it names what was
    asked about ("Høyre pekefinger, ja." after "Hvilken finger?") or repeats the answer's
    first sentence ("Høyre." after "Venstre … nei, høyre"): after "Hvilket øre?" — "Venstre.
    … Så det er fire dager siden nå.", the doctor's "Fire dager." repeats the time, not the
    ear."""
    if not _WHICH.match(question.strip()):
        return True
    said = [w for w in re.findall(r"[\wæøå]+", echo.lower()) if w not in _ECHO_GLUE]
    topic = stem(parse_question(question).topic.lower())
    answered = {stem(w) for w in re.findall(r"[\wæøå]+", " ".join(first).lower())}
    return bool(said) and ((bool(topic) and any(topic in stem(w) for w in said))
                           or all(stem(w) in answered for w in said))


def _repeats(echo: str, heard: str) -> bool:
    """A few words that repeat what was heard: its words (inflected or in dialect), or a
    number with a unit heard (inflected or in dialect: "Sju uker." after "fem uke … nei,
    sju")."""
    said = [w for w in re.findall(r"[\wæøå]+", echo.lower()) if w not in _ECHO_GLUE]
    if not 1 <= len(said) <= 4:
        return False
    # (the asker repeats in bokmål what was said in dialect: "høgre" — "Høyre kne, innsiden.")
    words = set(re.findall(r"[\wæøå]+", f"{heard} {standardise(heard)}".lower()))
    stems = {stem(w) for w in words}
    long = [w for w in said if len(w) > 2]
    if long and all(w in words or stem(w) in stems for w in long):
        return True
    return bool(numbers_in(echo, words=False)) and any(
        w in words or (3 < len(w) <= 7 and any(a.startswith(w[:3]) for a in words))
        for w in said if not w.isdigit() and len(w) > 1)


# a value said as a sentence of its own, of the test the sentence before named: "Vi tok en
# CRP i fingeren da du kom. Den er nittiseks."
_REFERS_BACK = re.compile(r"^(?:og\s+)?(?:den|det)\s+(?:er|var|ble|viser)\b", re.IGNORECASE)


def _value_of_last(sentences: Sequence[Sentence], i: int) -> list[str]:
    """The values a doctor's sentence gives to the test named in the one before it, in the
    same turn; none when it names its own or the one before gave its value already."""
    s = sentences[i]
    if (i == 0 or s.speaker != Speaker.LEGE or not _REFERS_BACK.match(s.text)
            or sentences[i - 1].segment_id != s.segment_id or sentence_values(s.text)):
        return []
    before = sentence_values(sentences[i - 1].text)
    return [v for v in sentence_values(f"{sentences[i - 1].text} {s.text}") if v not in before]


# "Nei, jeg har sluttet. ... Altså, jeg tar noen på jobben.": an answer taken back by the
# same speaker's next sentence, set off by one of these words and not itself negated
_ADMITS = re.compile(r"^(?:altså|egentlig|eller|vel|ok|ærlig talt|for å være ærlig)\b[,.!]?\s+"
                     r"(?=\w)", re.IGNORECASE)
_NEGATION = re.compile(r"\b(?:ikke|ingen|aldri|ingenting)\b", re.IGNORECASE)
_NO = re.compile(r"^(?:nei|næh?|nope|ikke)\b", re.IGNORECASE)


# a question that only adds when to the one before it: "Er du tung i pusten? Når du går i
# motbakke?" (a subjunction and a subject: "Når begynte det?" asks a thing of its own)
_ONLY_WHEN = re.compile(r"^(?:og\s+|eller\s+)?(?:når|hvis|dersom|mens)\s+(?:du|han|hun|dere|"
                        r"det|den)\b", re.IGNORECASE)
# a question said in one or two words, no verb: an option of the question before it
# ("Hvordan er mensen? Regelmessig? Kraftig?")
_FRAGMENT = re.compile(r"^(?:og\s+|eller\s+)?[\wæøå-]+(?:\s+[\wæøå-]+)?\s*\?$")


def _asked(sentences: Sequence[Sentence], i: int) -> str:
    """What question ``i``, the last before the answer, asks with the questions before it in
    the same turn: a condition joins the question it qualifies ("Er du tung i pusten når du
    går i motbakke?"); options in a word or two after an open question are its options, and
    the open question is what was asked ("Hvordan er mensen?")."""
    s = sentences[i]
    prev = sentences[i - 1] if i else None
    if (prev is None or not prev.is_question or prev.speaker != s.speaker
            or prev.segment_id != s.segment_id):
        return s.text
    if _ONLY_WHEN.match(s.text.strip()) and not _FRAGMENT.match(prev.text.strip()):
        return f"{prev.text.strip().rstrip(' ?')} {s.text.strip()[:1].lower()}{s.text.strip()[1:]}"
    j = i
    while (j > 0 and _FRAGMENT.match(sentences[j].text.strip())
           and sentences[j - 1].is_question and sentences[j - 1].speaker == s.speaker
           and sentences[j - 1].segment_id == s.segment_id):
        j -= 1
    if j < i and parse_question(sentences[j].text, s.speaker).kind == OPEN:
        return sentences[j].text
    return s.text


# the questions of a run asked one after the other: a topic in a few words ("Røyker du?",
# "Andre medisiner?", "Allergier?")
_SHORT_QUESTION = 4
# an answer that goes on from the sentence before it, not one to a question of its own
_GOES_ON = re.compile(r"^(?:men|og|så|eller|bortsett|unntatt|utenom)\b", re.IGNORECASE)


def _paired(sentences: Sequence[Sentence], i: int) -> list[tuple[int, int]] | None:
    """(question, answer) indices when question ``i`` ends a run of questions on different
    things by one speaker ("Andre medisiner? Allergier?") and the other speaker's next turn
    is as many sentences, none a question nor going on from the one before ("Bare
    blodtrykksmedisinen. Ingen allergi."); None otherwise. Options after an open question
    ("Hvordan er mensen? Regelmessig?") are one question (:func:`_asked`); the last answer
    must say what the last question asked about, or only yes or no; a run with a
    longer question in it, or a social, procedural or requesting one, is left to the rules
    for those."""
    asker, seg = sentences[i].speaker, sentences[i].segment_id
    j = i
    while (j > 0 and sentences[j - 1].is_question and sentences[j - 1].speaker == asker
           and sentences[j - 1].segment_id == seg):
        j -= 1
    asked = sentences[j:i + 1]
    kinds = {parse_question(q.text, asker).kind for q in asked}
    if (j == i or parse_question(sentences[j].text, asker).kind == OPEN
            or {SOCIAL, PROCEDURAL, REQUEST} & kinds
            or any(len(q.text.split()) > _SHORT_QUESTION for q in asked)):
        return None  # "Kan du legge deg på benken? … Skal du noe spesielt i sommer?"
    answers: list[int] = []
    k = i + 1
    while k < len(sentences) and sentences[k].segment_id == sentences[i + 1].segment_id:
        answers.append(k)
        k += 1
    if len(answers) != i - j + 1 or any(
            sentences[a].is_question or _GOES_ON.match(sentences[a].text.strip())
            for a in answers):
        return None
    # the last answer says what the last question asked about, or only yes or no: "Ja,
    # Petter. Han fikk en ball rett på øret." answers "Du er Jonas? Og du er pappa?" once
    last_q, last_a = sentences[i].text, sentences[answers[-1]].text
    if blanket(last_a) is None and not _stems(last_q) & _stems(last_a):
        return None
    return list(zip(range(j, i + 1), answers, strict=True))


def _stems(text: str) -> set[str]:
    return {stem(w) for w in re.findall(r"[a-zæøå]{4,}", text.lower())}


def _turn_label(sentences: Sequence[Sentence], i: int, by_id: Mapping[str, str]) -> str:
    """The label of the nearest labelled sentence at or before ``i`` in ``i``'s turn."""
    for j in range(i, -1, -1):
        t = sentences[j]
        if t.segment_id != sentences[i].segment_id:
            break
        if by_id.get(t.id, NONE) != NONE:
            return by_id[t.id]
    return NONE


def _answer(sentences: Sequence[Sentence], i: int) -> tuple[str, list[Sentence]]:
    """The answer that stands, from sentence ``i`` on, and the sentences it used: a "nei"
    that the same speaker takes back in the same turn is replaced by what the speaker said
    then ("Altså, jeg tar noen på jobben. Fem om dagen."); a "nei" said again ("Nei, nei.
    Ingenting av det.") is one answer."""
    first = sentences[i]
    turn = [first]
    for s in sentences[i + 1:]:
        if s.segment_id != first.segment_id:
            break
        turn.append(s)
    if not _NO.match(first.text.strip()):
        return first.text, [first]
    for j, s in enumerate(turn[1:], start=1):
        m = _ADMITS.match(s.text.strip())
        if m and not _NEGATION.search(" ".join(s.text.strip()[m.end():].split()[:5])):
            return " ".join(t.text for t in turn[j:]), turn
    return first.text, _said_again(turn)


def _said_again(turn: Sequence[Sentence]) -> list[Sentence]:
    """The first sentence of ``turn`` and the blanket answers of the same polarity right
    after it ("Nei. Ingen av delene.")."""
    said = blanket(turn[0].text)
    taken = [turn[0]]
    if said is None:
        return taken
    for s in turn[1:]:
        if s.is_question or blanket(s.text) != said:
            break
        taken.append(s)
    return taken


_CONTRAST = re.compile(r"^(?:men|bortsett fra|unntatt|utenom|bare)\b", re.IGNORECASE)


def _answered_alike(sentences: Sequence[Sentence], i: int) -> int | None:
    """The index of the answer when question ``i`` is one of a run of questions by one
    speaker ("Har du kastet opp blod? Gått ned i vekt?") that the other speaker answers with
    one blanket answer to them all ("Nei, nei. Ingenting av det.", "Ja, begge deler."); None
    otherwise, and for an answer with content ("Nei, men jeg hoster litt."): which question
    it answers is not said, so only the last one is folded."""
    asker = sentences[i].speaker
    k = i + 1
    while k < len(sentences) and sentences[k].speaker == asker and sentences[k].is_question:
        k += 1
    if k == i + 1 or k >= len(sentences) or sentences[k].speaker == asker:
        return None
    said, turn = _answer(sentences, k)
    if (polarity := blanket(said)) is None:
        return None
    if polarity == NO and follows_up(sentences[i + 1].text):
        return None  # "Har du vondt i brystet? Også i hvile?" — "Nei.": not in hvile
    after = k + len(turn)
    if (after < len(sentences) and sentences[after].segment_id == sentences[k].segment_id
            and _CONTRAST.match(sentences[after].text.strip())):
        return None  # "Nei. Men jeg har hostet litt."
    return k


def _pair_section(question: str, answer: str, asker: Speaker) -> str:
    """The section a question and its answer go to. Outside small talk, what the doctor asks
    about is history unless the rules place it elsewhere; whether it carries anything is for
    :func:`fold_answer` to say."""
    if answer != NONE:
        return answer
    if question != NONE:
        return question
    return "Anamnese" if asker == Speaker.LEGE else ""


def _statement(run: _Run, s: Sentence, label: str, ids: list[str],
               relation: str | None) -> None:
    if s.speaker == Speaker.LEGE:
        values = sentence_values(s.text)
        _add_values(run, values, ids, turn=s.segment_id)
        if label == "Funn":
            run.examining = True
            run.organ = organ_of(s.text) or (None if _RESULT.search(s.text) else run.organ)
            finding = _finding(s.text, run.organ)
            if finding is None and re.search(r"\d", s.text) and not values:
                finding = rewrite_sentence(s.text, s.speaker)  # a result the rules cannot read
            run.add("Funn", _without_values(finding, values), ids)
            return
    run.organ, run.examining = None, False
    if label == "Funn" and (values := sentence_values(s.text)):
        _add_values(run, values, ids)  # a result said by someone else still belongs in Funn
        return
    text = possible_change(s.text) if s.speaker == Speaker.LEGE else s.text
    run.add(label, rewrite_sentence(text, s.speaker, relation=relation), ids)


# a test or its result: a sentence about one that names no organ ends the organ examined
# before ("Lunger: ua." then "EKG viser ST-senkninger", not "Lunger: ST-senkninger")
_RESULT = re.compile(r"\b(?:ekg\w*|st-\w+|crp\w*|hb|hba1c|inr\w*|egfr|kreatinin\w*|"
                     r"\w*prøve\w*|\w*test\w*|\w*kriteri\w*|skår\w*|score\w*|poeng|"
                     r"urinstix|stix|spirometri\w*|fev1|phq\w*|gad-?7|mmse\w*|centor\w*|"
                     r"\w*kolesterol\w*|ldl|resultat\w*|svar\w*|verdi\w*|røntgen\w*|"
                     r"ultralyd\w*|bilde\w*)\b", re.IGNORECASE)


def _finding(text: str, organ: str | None) -> str | None:
    """The finding of a doctor's sentence; a pause often separates the narration from the
    finding ("Jeg kjenner på halsen ... ingen forstørrede lymfeknuter"), so each part is read."""
    tested = instruction_result(text)
    if tested:
        return tested
    parts = [p for p in re.split(r"\s*(?:\.\.\.|…)\s*", text) if p.strip()]
    found = [f for p in parts if (f := finding_from_narration(p, organ=organ))]
    return " ".join(found) or None


def _found(text: str, examining: bool) -> bool:
    """A doctor's sentence that states a finding: in the words of one while examining, or a
    measurement read out as a finding."""
    if examining and FINDING.search(text):
        return True
    finding = _finding(text, None)
    return finding is not None and bool(re.search(r"\d", finding)) and not sentence_values(text)


# what says a measurement just taken was wrong: "Vent, det var visst mansjetten som satt
# utenpå skjorteermet", "Nei, det ble feil", "Det kan ikke stemme"
_MEASURED_WRONG = re.compile(r"\b(?:vent|ble feil|målte feil|måler feil|var feil|stemmer ikke|"
                             r"kan ikke stemme|det var visst|mansjett\w*)\b", re.IGNORECASE)
# a value measured again, said with its label: "Ny måling: 138 over 86"
_MEASURED_AGAIN = re.compile(r"^(?:ny|andre|neste) måling\s*[:,]", re.IGNORECASE)


def _name(value: str) -> str:
    """What a value on the values line measures ("BT" of "BT 138/86")."""
    return value.rsplit(" ", 1)[0] if re.search(r"\d", value) else value


def _add_values(run: _Run, values: Sequence[str], ids: Sequence[str], *,
                turn: str | None = None) -> None:
    if values and turn is not None and run.measured_wrong == turn:
        again = {_name(v) for v in values}
        run.values = [v for v in run.values if _name(v) not in again]
        run.measured_wrong = None
    if values:
        # a limit ("RF <30", said while weighing the findings) adds nothing beside the value
        # measured ("RF 24")
        measured = {v.split(" ", 1)[0] for v in (*run.values, *values) if not _LIMIT.search(v)}
        run.values += [v for v in values if v not in run.values
                       and not (_LIMIT.search(v) and v.split(" ", 1)[0] in measured)]
        run.value_evidence += ids


# "148 over 92" needs no name: two such numbers said over each other are a blood pressure
_PRESSURE = re.compile(r"(?<![\d/,.])(\d{2,3})\s*(?:over|/)\s*(\d{2,3})(?![\d/,.]?\d)")


_THRESHOLD = re.compile(r"(?:\b(?:over|under|mindre enn|større enn|høyere enn|lavere enn|"
                        r"minst|maks|maksimalt|grensen(?: på)?)|[<>≥≤])\s*$", re.IGNORECASE)


_CONDITION = re.compile(r"\b(?:når|hvis|dersom|om|ved)\s+(?:\w+\s+){0,2}$", re.IGNORECASE)


_DOSE_UNIT = re.compile(r"\s*(?:mikrogram|mcg|µg|mg|milligram|ml|mmol|%|prosent)\b",
                       re.IGNORECASE)


def _plausible_pressure(systolic: int, diastolic: int) -> bool:
    return 60 <= systolic <= 300 and 30 <= diastolic <= 200 and systolic > diastolic


_LIMIT = re.compile(r"^\S+ (?:ca\. )?[<>]")


def sentence_values(text: str) -> list[str]:
    """The measured values of one sentence, as written in a note ("BT 132/80")."""
    t = spoken_to_digits(standardise(strip_fillers(take_back_text(text))))
    # a limit said as a condition ("Når eGFR er under 45, skal metformin ned") is no result
    found = [(s, e, w) for s, e, w in find_values(t)
             if not (re.search(r"[<>]", w) and _CONDITION.search(t[:s]))]
    out = [w if w[1:2].isupper() else w[:1].upper() + w[1:] for _, _, w in found]
    for m in _PRESSURE.finditer(t):
        if _THRESHOLD.search(t[:m.start()]):  # "over 140/90" is a limit, not a measurement
            continue
        if _DOSE_UNIT.match(t, m.end()) or not _plausible_pressure(int(m.group(1)),
                                                                    int(m.group(2))):
            continue  # "Relvar 92/22 mikrogram" is a strength, not a blood pressure
        if not any(s < m.end() and m.start() < e for s, e, _ in found):
            out.append(f"BT {m.group(1)}/{m.group(2)}")
    return _last_of_each(out)


def _last_of_each(values: list[str]) -> list[str]:
    """One value per name: said twice in one sentence, the later one stands ("hundreogseksti
    ... nei, hundreogfemtiseks over nittifire")."""
    name = [_name(v) for v in values]
    return [v for i, v in enumerate(values) if name[i] not in name[i + 1:]]


def _without_values(finding: str | None, values: Sequence[str]) -> str | None:
    """The finding with the values that go on the values line taken out."""
    if not finding or not values:
        return finding
    out = finding
    for v in values:
        out = re.sub(rf"(?:^|(?<=\s)){re.escape(v.rstrip('.'))}\.?(?:,\s*|\s+|$)", "", out,
                     count=1)
    for v in values:  # the number alone ("Nei, 156/94.")
        number = v.rsplit(" ", 1)[-1].rstrip(".")
        if re.search(r"\d", number):
            out = out.replace(number, "")
    out = re.sub(r"^(?:(?:nei|ja|og|så)\b[,.\s]*)+", "", out.strip(" ,."), flags=re.I)
    if not re.search(r"[a-zæøå]{3,}", out, re.IGNORECASE):
        return None
    return out[:1].upper() + out[1:] if out.endswith(".") else out[:1].upper() + out[1:] + "."


def _finish(run: _Run) -> dict[str, list[Statement]]:
    out = {name: _unique(sts) for name, sts in run.out.items()}
    if run.values:
        line = ". ".join(v.rstrip(".") for v in run.values) + "."
        out["Funn"].insert(0, Statement(line, tuple(dict.fromkeys(run.value_evidence))))
    return out


def _key(text: str) -> str:
    return " ".join(w.lower() for w in re.findall(r"[\wæøå]+", text))


def _unique(statements: Sequence[Statement]) -> list[Statement]:
    """Each statement once; one whose words all stand in an earlier one is a repeat."""
    out: list[Statement] = []
    for st in statements:
        key = _key(st.text)
        if any(key == _key(o.text) or f" {key} " in f" {_key(o.text)} " for o in out):
            continue
        out.append(st)
    return out
