"""How the consultation went, read before the note is written (issue 14).

- :func:`corrected`: self-corrections applied; a merged sentence cites both segments;
- :func:`relation_in`: who the relative present is, found once per transcript;
- :func:`small_talk_turns`: runs of turns with no clinical content (small talk);
- :func:`without_late_remarks`: what is brought up unasked after the assessment, without
  symptoms, is not history; nor is what the doctor then says of what is ahead;
- :func:`with_assessment`: the doctor's assessment goes to Vurdering even when the rules put
  it elsewhere, so Vurdering is not empty when one was said;
- :func:`with_turn_topic`: a number said after a note sentence in the same turn goes with it;
- :func:`with_context`: the doctor's statements the keyword rules missed go with the turn's
  note sentence before them;
- :func:`with_check_back`: the doctor saying back what was told ("Så trykk etter rundt to
  hundre meter …") is history;
- :func:`repeated_in_recap`: what the doctor's recap says again is not written twice.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Sequence
from dataclasses import replace
from functools import lru_cache

from scribe.domain import Speaker
from scribe.draft.classify import (
    ASSESSMENT,
    COMPLAINT,
    FINDING,
    NONE,
    PLAN,
    SMALL_TALK,
    SYMPTOM,
    Label,
)
from scribe.draft.corrections import denied_by_other, is_denial, set_right_across_turns
from scribe.draft.dialogue import PROCEDURAL, SOCIAL, on_social_topic, parse_question
from scribe.draft.findings import instruction_result
from scribe.draft.person import companion_named, kin_announced, starts_with_instruction
from scribe.draft.rewrite import relation_of, take_back
from scribe.draft.select import EVERYDAY, IMPERATIVE_VERBS, RECAP
from scribe.text.normalise import stem
from scribe.text.numbers import NUMBER_WORD, numbers_in, spoken_to_digits
from scribe.text.sentences import GREETING_QUESTION, OPENING_QUESTION, THEN_CLAUSE, Sentence


def corrected(sentences: Sequence[Sentence]) -> tuple[list[Sentence], dict[str, list[str]]]:
    """The sentences with self-corrections applied, and for a sentence that absorbed an
    earlier one, the segment ids of what it absorbed (they are its evidence too). What the
    speaker sets aside as not why they came is left out (:func:`set_aside`)."""
    out = taken_up(answered_conditions(take_back(set_right_across_turns(
        denied_by_other(set_aside(sentences))))))
    kept = {s.id for s in out}
    extra: dict[str, list[str]] = {}
    for s in sentences:
        if s.id in kept:
            continue
        into = next((o for o in out if o.index > s.index and o.speaker == s.speaker), None)
        if into is not None and s.segment_id != into.segment_id:
            extra.setdefault(into.id, []).append(s.segment_id)
    return out, extra


def taken_up(sentences: Sequence[Sentence]) -> list[Sentence]:
    """A relative the patient names as the one the matter is about ("Nei, det er broren min.")
    is who "han"/"hun" opening the next sentences of that turn stands for ("Han fikk
    hjerteinfarkt for tre uker siden." → "Bror fikk hjerteinfarkt …"), not the patient. A
    relative's turn that opens by calling the patient ("Arne, det stemmer itte. Du går bort
    til postkassa …", "Mamma, du sa det til meg i fjor") speaks to the patient: its "du" and
    "deg" are the patient, not the doctor."""
    out: list[Sentence] = []
    named: tuple[str, str, str] | None = None  # (segment, note form, pronoun)
    called = _called_by_name(sentences)
    addressed: tuple[str, dict[str, str]] | None = None  # the turn speaking to the patient
    for s in sentences:
        if named is not None and s.segment_id != named[0]:
            named = None
        if addressed is not None and s.segment_id != addressed[0]:
            addressed = None
        if s.speaker == Speaker.ANNEN and addressed is None and (
                as_patient := _calls_patient(s.text, called)) is not None:
            addressed = (s.segment_id, as_patient)
        if addressed is not None:
            s = replace(s, text=_as_patient(s.text, addressed[1]))
        if s.speaker != Speaker.LEGE and (kin := kin_announced(s.text)) is not None:
            named = (s.segment_id, *kin)
        elif named is not None and (m := re.match(r"(han|hun|ho)\b", s.text, re.I)) and (
                {"ho": "hun"}.get(m.group(1).lower(), m.group(1).lower()) == named[2]):
            s = replace(s, text=named[1].capitalize() + s.text[m.end():])
        out.append(s)
    return out


# the patient called at the start of a relative's turn: a word for a parent or grandparent, or
# the name the doctor greeted the patient by ("Hei, Arne, kom inn.")
_KIN_CALLED = re.compile(r"^(?:mamma|pappa|mor|far|mora|faren|mormor|morfar|farmor|farfar|"
                         r"bestemor|bestefar|bestemamma|bestepappa|vennen|vennen min|"
                         r"gutten min|jenta mi|kjære)\s*,", re.IGNORECASE)
_NAME_CALLED = re.compile(r"^(?P<name>[A-ZÆØÅ][a-zæøå]+)\s*,")
_GREETED = re.compile(r"^(?i:hei|hallo|god\s+dag|velkommen)\s*,?\s+(?P<name>[A-ZÆØÅ][a-zæøå]+)\b")
_YOU = re.compile(r"\b(?:du|deg)\b", re.IGNORECASE)
# what "du"/"deg" become: a relative's "han"/"hun" is the patient (the note writes "pas." for
# either, so a name, which says no sex, is read as "han" as well)
_AS_MAN = {"du": "han", "deg": "ham"}
_AS_WOMAN = {"du": "hun", "deg": "henne"}
_WOMEN = frozenset(("mamma", "mor", "mora", "mormor", "farmor", "bestemor", "bestemamma",
                    "jenta mi"))


def _as_patient(text: str, said_as: dict[str, str]) -> str:
    def one(m: re.Match[str]) -> str:
        word = said_as[m.group(0).lower()]
        return word.capitalize() if m.group(0)[0].isupper() else word
    return _YOU.sub(one, text)


def _called_by_name(sentences: Sequence[Sentence]) -> set[str]:
    """The names the doctor greets the patient by."""
    return {m["name"] for s in sentences if s.speaker == Speaker.LEGE
            if (m := _GREETED.match(s.text)) is not None}


def _calls_patient(text: str, names: set[str]) -> dict[str, str] | None:
    """How "du" and "deg" are to be read when ``text`` opens by calling the patient."""
    if (kin := _KIN_CALLED.match(text)) is not None:
        word = kin.group(0).rstrip(" ,").lower()
        return _AS_WOMAN if word in _WOMEN else _AS_MAN
    m = _NAME_CALLED.match(text)
    return _AS_MAN if m is not None and m["name"] in names else None


# a condition asked ("Og om prøven er positiv?", "Hva hvis hun får feber?") and the doctor's
# answer that opens with "Da": the answer holds only under the condition
_IF_ASKED = re.compile(r"^(?:(?:og|men|ja|så)\s*,?\s+)?(?:hva\s+)?(?:om|hvis|viss|dersom)\s+"
                       r"(?P<cond>[^?]{3,120})\?\s*$", re.IGNORECASE)
_THEN = re.compile(r"^(?:ja\s*,?\s+)?da\s*,?\s+(?=\w)", re.IGNORECASE)


# the doctor's own condition and what is to be done then, said first ("Men hvis det begynner
# å renne, du får feber, ringer du meg.", "Hvis du blir verre, ring meg."): the condition
# runs from "hvis" to the last clause that opens with its verb and subject (", ringer du …")
# or with a bidding (", ring meg")
# ("om" only before its subject: "Om kvelden, ta …" is a time, no condition)
_IF_SAID = re.compile(r"^(?:(?:og|men|så)\s*,?\s+)?(?:hvis|dersom|om(?=\s+(?:du|dere|han|hun|"
                      r"det|den|de|vi|jeg|pas\.)\s))\s+", re.IGNORECASE)
_THEN_CLAUSE = re.compile(rf"{THEN_CLAUSE}|,\s*(?:så\s+)?{IMPERATIVE_VERBS}\b", re.IGNORECASE)


def _condition_said(text: str) -> str | None:
    """The condition of a sentence that sets one and says what then ("Hvis X, ringer du")."""
    m = _IF_SAID.match(text)
    if m is None:
        return None
    ends = [c.start() for c in _THEN_CLAUSE.finditer(text, m.end())]
    return text[m.end():ends[-1]] if ends and ends[-1] - m.end() >= 3 else None


def answered_conditions(sentences: Sequence[Sentence]) -> list[Sentence]:
    """The doctor's answer to a condition asked says the condition: "Og om cøliakiprøven er
    positiv?" — "Da henviser jeg til barnelege." → "Hvis cøliakiprøven er positiv, henviser
    jeg til barnelege." (a decision for then, not one made today). So does the doctor's own
    "Da …" after a sentence that set a condition: "Hvis det begynner å renne, ringer du meg.
    Da skriver jeg ut øredråper." → "Hvis det begynner å renne, skriver jeg ut øredråper."
    """
    out = list(sentences)
    for i in range(len(out) - 1):
        asked, answer = out[i], out[i + 1]
        then = _THEN.match(answer.text)
        if then is None or answer.speaker != Speaker.LEGE:
            continue
        if asked.speaker != Speaker.LEGE:
            asked_if = _IF_ASKED.match(asked.text)
            cond = asked_if.group("cond") if asked_if else None
        elif asked.segment_id == answer.segment_id and not asked.is_question:
            cond = _condition_said(asked.text)
        else:
            cond = None
        if cond is not None:
            out[i + 1] = replace(answer, text=f"Hvis {cond.strip()}, "
                                              f"{answer.text[then.end():]}")
    return out


# "Men det er ikke derfor jeg kom. Det er øyet.": what was said before it in the turn is set
# aside as not the matter of the visit
_NOT_WHY = re.compile(r"\b(?:det|dette) (?:er|var) (?:ikke|ikkje|itte) (?:derfor|difor|det) "
                      r"(?:jeg|eg|æ|je|vi) (?:kom|er her|kom hit|skulle hit|ringer|ringte)\b",
                      re.IGNORECASE)


def _vocabulary(text: str, *, besides: re.Pattern[str] | None = None) -> int:
    """How many clinical words ``text`` has: numbers not counted ("300 liter" of apple juice),
    nor words that describe things in everyday talk too ("vi pressa heile helga"), nor the
    words that only say when (the sorter's onset words: "tjueåtte dager på rad" of rain, "på
    radioen i morges"), nor those ``besides`` matches."""
    found = [m.strip(" ,.").lower() for p in (SYMPTOM, FINDING, ASSESSMENT, PLAN, COMPLAINT)
             for m in p.findall(text)]
    return sum(1 for w in found if not EVERYDAY.match(w) and not _ONLY_WHEN.match(w)
               and not (besides is not None and besides.match(w)))


_ONLY_WHEN = re.compile(r"^(?:dager|i går|morges|i natt)$")
# before the opening question, words the sorter reads as clinical that say only how long
# ("tolv land på fire uker") or only frame what follows ("Du har fått ny jobb?") name no
# matter of the visit
_NO_MATTER = re.compile(r"^(?:uker|måneder|døgn|siden|(?:du|han|hun) har (?:en|et|fått|nok)|"
                        r"dette er|det her er)$", re.IGNORECASE)


def set_aside(sentences: Sequence[Sentence]) -> list[Sentence]:
    """The sentences without the chat the speaker sets aside ("Ja, vi pressa heile helga, tre
    hundre liter. … Men det er ikkje difor eg kom. Det er auget."): the earlier sentences of
    the turn with no clinical word, and the other speaker's question just before that opened
    it, when it has none either."""
    drop: set[str] = set()
    for i, s in enumerate(sentences):
        if not _NOT_WHY.search(s.text):
            continue
        j = i - 1
        while j >= 0 and sentences[j].segment_id == s.segment_id:
            if _vocabulary(sentences[j].text) == 0:
                drop.add(sentences[j].id)
            j -= 1
        if j >= 0 and sentences[j].speaker != s.speaker and sentences[j].is_question \
                and _vocabulary(sentences[j].text) == 0:
            drop.add(sentences[j].id)
        drop.add(s.id)
    return [s for s in sentences if s.id not in drop]


def relation_in(sentences: Sequence[Sentence]) -> str | None:
    """The relation of the relative or companion present, as first said; or, when nobody
    says it, as the patient names the companion who speaks ("Det var kona som sa det")."""
    for s in sentences:
        if (found := relation_of(s.text)) is not None:
            return found
    if any(s.speaker not in (Speaker.LEGE, Speaker.PASIENT) for s in sentences):
        for s in sentences:
            if s.speaker == Speaker.PASIENT and (found := companion_named(s.text)):
                return found
    return None


def _turns(sentences: Sequence[Sentence]) -> list[list[Sentence]]:
    turns: list[list[Sentence]] = []
    for s in sentences:
        if turns and turns[-1][0].segment_id == s.segment_id:
            turns[-1].append(s)
        else:
            turns.append([s])
    return turns


# a holiday or a season after these words dates a complaint ("verre etter jul", "siden
# påske"); it does not open a conversation about the holiday
_TIME_ANCHOR = re.compile(r"\b(?:etter|før|siden|fra|rundt|til)\s+(?:jul\w*|påske\w*|"
                          r"ferie\w*|helg\w*|sommer\w*|vinter\w*)", re.IGNORECASE)
_ASIDE = re.compile(r"\bforresten\b", re.IGNORECASE)


def _clinical(turn: Sequence[Sentence]) -> tuple[int, bool]:
    """(how much clinical vocabulary and how many numbers a turn has, whether it talks about
    a topic outside the visit's matter: weather, holidays, sport, pets …)."""
    text = " ".join(s.text for s in turn)
    hits = sum(len(p.findall(text)) for p in (SYMPTOM, FINDING, ASSESSMENT, PLAN))
    # what the patient feels in words the lists above lack ("har begynt å klø")
    hits += len({m.strip(" ,.").lower() for m in COMPLAINT.findall(text)}
                - {m.strip(" ,.").lower() for m in SYMPTOM.findall(text)})
    topic = SMALL_TALK.search(_TIME_ANCHOR.sub(" ", text)) is not None
    return hits + 2 * len(re.findall(r"\d+", text)), topic


# how long, said in words and in any of the written forms ("fem månader", "tre veker"): an
# answer to the doctor's question that says it is no small talk, whatever else it names
_SPOKEN_SPAN = re.compile(rf"(?<![\wæøå])(?:{NUMBER_WORD})\s+(?:dag(?:er)?|dagar|døgn|uker?|"
                          r"veke[rn]?|måned(?:er)?|månad(?:er)?|år|timer?|timar)\b", re.IGNORECASE)


def _goes_on(turn: Sequence[Sentence]) -> bool:
    """A short question of the doctor's that names nothing of the visit's matter, only the
    frame words of a plan ("Skal du noe spesielt?", "Hvor skal dere?"): it follows up the
    topic being chatted about, it does not steer back to the consultation."""
    last = turn[-1]
    if last.speaker != Speaker.LEGE or not last.is_question or len(turn) > 1:
        return False
    said = last.text
    return (len(re.findall(r"[\wæøå]+", said)) <= 6 and not re.search(r"\d", said)
            and not _BACK_TO_IT.search(said)
            and not any(p.search(said) for p in (SYMPTOM, FINDING, ASSESSMENT)))


# what points back to the complaint ("Hvor lenge har det vart?", "Når var det?"): a question
# with it steers back however few its words
_BACK_TO_IT = re.compile(r"\b(?:det|den|dette|de|plagene|smertene|vondt|lenge|når)\b",
                         re.IGNORECASE)


def _steers(turn: Sequence[Sentence]) -> bool:
    """The doctor asking about the matter of the visit: a question that is not social, not
    about the talk itself and not an aside ("…, forresten?"). In a consultation the doctor
    leads; such a question ends whatever was being chatted about, and it is answered as
    history ("Hvor lenge har det vært sånn?", "Har du noen du kan snakke med?")."""
    last = turn[-1]
    if last.speaker != Speaker.LEGE or not last.is_question:
        return False
    text = " ".join(s.text for s in turn)
    if SMALL_TALK.search(_TIME_ANCHOR.sub(" ", text)) or _ASIDE.search(text):
        return False
    if any(p.search(last.text) for p in (SYMPTOM, FINDING, ASSESSMENT, PLAN)):
        return True  # asks about something clinical; parsing (the costly part) not needed
    return parse_question(last.text, Speaker.LEGE).kind not in {SOCIAL, PROCEDURAL}


def _social(turns: Sequence[Sequence[Sentence]]) -> list[tuple[bool, bool]]:
    """Per turn: (no clinical content, on a topic outside the visit). Once a turn brings up
    such a topic, the turns after it stay on it until clinical talk clearly resumes (two or
    more clinical terms or a number, or the doctor asking about the matter again): the answer
    to "Har dere fått valp?" is small talk even if it says how many weeks old the puppy is.
    The answer to the doctor's question about the matter is history unless it turns to such
    a topic itself."""
    out: list[tuple[bool, bool]] = []
    on_topic = asked = answer = False
    for k, turn in enumerate(turns):
        score, topic = _clinical(turn)
        answer, was_answer = asked, answer  # this turn answers the doctor's question
        if on_topic and _goes_on(turn):
            out.append((True, True))  # "Skal du noe spesielt?" after the holiday: on it still
            continue
        if turn[0].speaker != Speaker.LEGE and is_denial(turn[0].text):
            # a relative setting the patient right ("Arne, det stemmer itte. Du går bort te
            # postkassa …") speaks of the matter, and the reply to it does too
            on_topic, asked = False, True
            out.append((False, False))
            continue
        if k and ((not was_answer and (_picks_up(turns[k - 1], turn)
                                       or _follows_aside(turns[k - 1], turn)))
                  or _echoes_aside(turns[k - 1], turn)):
            # "Bigården? Har du mange kuber?": the doctor takes up the patient's aside, and
            # both are on a topic of their own whatever it is
            # (the turn before it, when it answered the doctor's question, stays)
            if _clinical(turns[k - 1])[0] <= 1 and not was_answer:
                out[-1] = (True, True)
            on_topic, asked = True, False
            out.append((True, True))
            continue
        if _steers(turn):
            on_topic, asked = False, True
            out.append((False, False))
            continue
        doctor_says = turn[0].speaker == Speaker.LEGE and not topic and score > 0
        if asked and (not topic or score > 0
                      or any(_SPOKEN_SPAN.search(s.text) for s in turn)):
            # the answer to it, even when it names a topic of its own ("Kjæresten min har
            # begynt å klø også") as long as something clinical is in it
            out.append((False, False))
        elif (topic or on_topic) and score <= 1 and not doctor_says:
            on_topic = True
            out.append((True, True))
        else:
            on_topic = False
            out.append((score == 0, False))
        asked = False
    return out


# the words of a question that are not its topic ("Har du mange kuber?": only "kuber")
_FRAME_WORDS = frozenset(("mange", "mye", "lenge", "ofte", "noen", "noe", "hvordan", "hvilke",
                          "hvilken", "hvor", "hvem", "være", "vært", "gjøre", "gjorde", "også",
                          "bare", "fortsatt", "enda", "fremdeles", "egentlig", "sånn", "slik",
                          "dere", "deres", "ditt", "dine", "deg", "selv"))


def _picks_up(before: Sequence[Sentence], turn: Sequence[Sentence]) -> bool:
    """A doctor's question with no clinical word that repeats a word of the other speaker's
    turn just before, which had (almost) none either and answered no question about the
    matter: it follows that speaker's aside ("… jeg står i bigården …" — "Bigården? Har du
    mange kuber?"), where repeating an answer ("Ti pluss to. Hvor mange ganger …?") does
    not."""
    last = turn[-1]
    if last.speaker != Speaker.LEGE or not last.is_question or before[0].speaker == Speaker.LEGE:
        return False
    text = " ".join(s.text for s in turn)
    if _vocabulary(text) or _clinical(before)[0] > 1:
        return False
    said = {stem(w) for w in _CONTENT.findall(" ".join(s.text for s in before).lower())
            if w not in _FRAME_WORDS}
    return any(stem(w) in said for w in _CONTENT.findall(text.lower()) if w not in _FRAME_WORDS)


_ABOUT_THEM = re.compile(r"\b(?:du|dere|deg|han|hun|ham|henne|dykk|ho|dokker)\b", re.IGNORECASE)


def _follows_aside(before: Sequence[Sentence], turn: Sequence[Sentence]) -> bool:
    """The doctor's question, with no clinical word and nothing that points back to the
    matter, right after the other speaker said something unasked with no clinical word
    either ("Jeg har mista en tann! Se!" — "Å, så flott! Kom tannfeen?"): it follows that
    aside, as :func:`_picks_up` does when a word is repeated."""
    last = turn[-1]
    if (last.speaker != Speaker.LEGE or not last.is_question
            or before[0].speaker == Speaker.LEGE):
        return False
    text = " ".join(s.text for s in turn)
    said = " ".join(s.text for s in before)
    # (an acknowledgement, "Fint.", is no aside; a question about the patient, "Bruker du
    # noen kosttilskudd?", is history)
    if len(re.findall(r"[\wæøå]+", said)) < 4 or _ABOUT_THEM.search(last.text):
        return False
    return not (_vocabulary(text) or _vocabulary(said) or _BACK_TO_IT.search(last.text)
                or OPENING_QUESTION.search(text) or _NUMBER.search(text) or _NUMBER.search(said)
                or any(s.is_question for s in before))


_ECHO_FRAME = frozenset(("ja", "jaså", "da", "å", "nei", "sier", "du", "så", "det"))


def _echoes_aside(before: Sequence[Sentence], turn: Sequence[Sentence]) -> bool:
    """The doctor's turn is only a word of the other speaker's turn just before, asked back
    ("Fisk, ja?" after "… og så bar jeg ei tung kasse med fisk opp fra båten"), and that
    word is no clinical word nor a number: it takes up the aside in that turn, whatever
    else the turn answered."""
    if (len(turn) != 1 or turn[0].speaker != Speaker.LEGE or not turn[0].is_question
            or before[0].speaker == Speaker.LEGE):
        return False
    asked = [w for w in re.findall(r"[\wæøå]+", turn[0].text.lower()) if w not in _ECHO_FRAME]
    said = {stem(w) for w in _CONTENT.findall(" ".join(s.text for s in before).lower())}
    return (0 < len(asked) <= 2 and all(len(w) >= 4 and stem(w) in said for w in asked)
            and not _vocabulary(" ".join(asked)) and not _NUMBER.search(" ".join(asked)))


# the opening question comes within the first turns: on video or the phone after the identity
# check ("Kan du si fullt navn og fødselsdato?", "Sitter du et sted der du kan snakke fritt?")
_OPENING_WITHIN = 10


def _before_opening(turns: Sequence[Sequence[Sentence]]) -> int:
    """How many turns at the start are greeting and chat: those before the doctor's opening
    question, when none of them has a clinical word (0 when there is no such question). When
    the answer to one is chat and the doctor asks again ("Hvordan går det?" — "Jo, det går
    fint … padelturnering i morgen." — "Hva er det du kommer for?"), the first was a greeting
    and the last is the opening question."""
    found: int | None = None
    for k, turn in enumerate(turns[:_OPENING_WITHIN]):
        if turn[0].speaker == Speaker.LEGE and any(
                s.is_question and OPENING_QUESTION.search(s.text) for s in turn):
            # (asked again in the doctor's next turn after "hvordan går det?": whatever the
            # answer was, it did not give the reason for the visit)
            again = found is not None and k - found == 2 and GREETING_QUESTION.search(
                " ".join(s.text for s in turns[found]))
            if not again and not all(_chat(t) for t in turns[found or 0:k]):
                break
            found = k
    return found or 0


def _chat(turn: Sequence[Sentence]) -> bool:
    """A turn before the opening question that is greeting and chat: no clinical word, or one
    on a topic of its own ("Uff, for et vær. Eg kom på sykkel, og eg er heilt klissvåt.")."""
    text = " ".join(s.text for s in turn)
    n = _vocabulary(text, besides=_NO_MATTER)
    return n == 0 or (n == 1 and (_clinical(turn)[1] or on_social_topic(text)))


def small_talk_turns(sentences: Sequence[Sentence]) -> set[str]:
    """Segment ids of small talk: a run of two or more turns without clinical content (see
    :func:`_social`) that either opens or closes the visit or turns to a topic outside it.
    Single turns ("Ja.", "Mm.") between clinical turns are left to the sentence labels.
    (Read once per transcript: half a dozen passes ask, and on a 15-minute consultation each
    reading takes a tenth of a second.)"""
    return set(_small_talk_turns(tuple(sentences)))


@lru_cache(maxsize=4)
def _small_talk_turns(sentences: tuple[Sentence, ...]) -> frozenset[str]:
    turns = _turns(sentences)
    social = _social(turns)
    out: set[str] = {t[0].segment_id for t in turns[:_before_opening(turns)]}
    i = 0
    while i < len(turns):
        if not social[i][0]:
            i += 1
            continue
        j = i
        while j < len(turns) and social[j][0]:
            j += 1
        edge = i == 0 or j == len(turns)
        if j - i >= 2 and (edge or any(topic for _, topic in social[i:j])):
            out |= {t[0].segment_id for t in turns[i:j]}
        i = j
    return frozenset(out)


def without_small_talk(sentences: Sequence[Sentence], labels: Sequence[Label]) -> list[Label]:
    """The labels with every sentence of a small-talk run out of the note."""
    drop = small_talk_turns(sentences)
    seg = {s.id: s.segment_id for s in sentences}
    return [lb if seg.get(lb.sentence_id) not in drop else Label(lb.sentence_id, NONE, 1.0)
            for lb in labels]


def with_assessment(sentences: Sequence[Sentence], labels: Sequence[Label]) -> list[Label]:
    """When no sentence is labelled Vurdering, the doctor's statement with the most
    assessment vocabulary (if any) is."""
    if any(lb.label == "Vurdering" for lb in labels):
        return list(labels)
    best, score = "", 0
    for s in sentences:
        if s.speaker != Speaker.LEGE or s.is_question:
            continue
        n = len(ASSESSMENT.findall(s.text))
        if n > score:
            best, score = s.id, n
    return [Label(lb.sentence_id, "Vurdering", lb.confidence) if lb.sentence_id == best else lb
            for lb in labels]


def without_late_remarks(sentences: Sequence[Sentence], labels: Sequence[Label]) -> list[Label]:
    """Once the doctor has given the assessment and begun the plan, what the patient or a
    relative brings up unasked with little clinical in it ("jeg skal løpe et løp i mai") is
    not history: a new complaint comes with symptom words, or the doctor asks about it. Nor
    is what the doctor says of what is ahead once the assessment is given (:data:`_AHEAD`):
    what to do is the plan, what may come is left out."""
    out = list(labels)
    judged = assessed = False  # the assessment said; then the plan begun
    for i, (s, lb) in enumerate(zip(sentences, labels, strict=True)):
        judged = judged or (lb.label == "Vurdering" and s.speaker == Speaker.LEGE)
        assessed = assessed or (judged and lb.label == "Tiltak" and s.speaker == Speaker.LEGE)
        prev = sentences[i - 1] if i else None
        asked = prev is not None and prev.is_question and prev.speaker != s.speaker
        if (assessed and lb.label == "Anamnese" and s.speaker != Speaker.LEGE and not asked
                and len(SYMPTOM.findall(s.text)) < 2):
            out[i] = Label(lb.sentence_id, NONE, lb.confidence)
        elif (judged and lb.label == "Anamnese" and s.speaker == Speaker.LEGE
              and not s.is_question and _AHEAD.search(s.text)):
            # what to do is the plan; what may come, only said, is no fact of this visit
            plan = _TO_DO.search(s.text) is not None
            out[i] = Label(lb.sentence_id, "Tiltak" if plan else NONE, lb.confidence)
    return out


# the doctor speaking of what is ahead, once the assessment is said: what to do or not to do
# ("ikke bruk smertestillende mer enn …") and what to do if ("hvis hun får feber, kommer dere
# tilbake") is advice and safety-netting; what may come or usually happens ("kan du bli litt
# kvalm", "hosten kan vare i seks uker") is explanation. Neither is the patient's history.
_TO_DO = re.compile(rf"\b(?:hvis|dersom)\b|^(?:og\s+)?(?:ikke\s+)?{IMPERATIVE_VERBS}\b",
                    re.IGNORECASE)
_AHEAD = re.compile(rf"\b(?:kan|kunne|vil|pleier|vanligvis|kommer\s+til\s+å)\b|{_TO_DO.pattern}",
                    re.IGNORECASE)


def with_drug_talk(sentences: Sequence[Sentence], labels: Sequence[Label],
                   is_drug: Callable[[str], bool]) -> list[Label]:
    """A doctor's statement about a drug that the rules left out (no plan words: "Jeg fornyer
    X", "X tar du som før") is part of the plan, unless it is small talk."""
    drop = small_talk_turns(sentences)
    return [Label(lb.sentence_id, "Tiltak", lb.confidence)
            if lb.label == NONE and s.speaker == Speaker.LEGE and not s.is_question
            and s.segment_id not in drop and is_drug(s.text) else lb
            for s, lb in zip(sentences, labels, strict=True)]


# "en", "ei", "et" and "ett" are articles far more often than numbers
_NUMBER = re.compile(rf"\d|(?<![\wæøå])(?!(?:en|ei|et|ett)\b){NUMBER_WORD}(?![\wæøå])",
                     re.IGNORECASE)


def with_turn_topic(sentences: Sequence[Sentence], labels: Sequence[Label]) -> list[Label]:
    """A sentence the rules left out that carries a number, said right after a sentence of
    the note in the same turn, goes on with that sentence's topic: "Jeg tar noen på jobben.
    Fem om dagen." or "Nå er den fjorten. Da vi startet, var den nitten." Speech splits one
    statement over several sentences; the number is what the sentence before was about."""
    drop = small_talk_turns(sentences)
    out = list(labels)
    for i in range(1, len(sentences)):
        s, prev = sentences[i], sentences[i - 1]
        if (out[i].label == NONE and out[i - 1].label != NONE and not s.is_question
                and s.segment_id == prev.segment_id and s.segment_id not in drop
                and _NUMBER.search(s.text) and not SMALL_TALK.search(s.text)):
            out[i] = Label(s.id, out[i - 1].label, out[i].confidence)
    return out


_CONTENT = re.compile(r"[a-zæøå]{4,}", re.IGNORECASE)
# what the patient will feel while the doctor does something ("Det svir litt ... sånn.", "Nå
# stikker det litt"): comfort during a procedure, not the visit's matter
_COMFORT = re.compile(r"^(?:nå\s+)?(?:det\s+)?(?:svir|stikker|kan\s+(?:svi|stikke|kjennes)|"
                      r"kjennes)(?:\s+det)?\s+litt\b", re.IGNORECASE)


def with_context(sentences: Sequence[Sentence], labels: Sequence[Label]) -> list[Label]:
    """What the keyword rules left out of the doctor's speech, outside small talk, is still
    the visit's matter: a doctor's statement with some content (three words of four letters
    or more) goes with the doctor's note sentence before it in the same turn. Selection then
    weighs it like any other statement. The patient's unlabelled sentences stay out: on the
    own cases, taking them in by the same rule brought in more small talk than facts."""
    drop = small_talk_turns(sentences)
    out = list(labels)
    for i, s in enumerate(sentences):
        if (out[i].label != NONE or s.speaker != Speaker.LEGE or s.is_question
                or s.segment_id in drop or SMALL_TALK.search(s.text)
                or len(_CONTENT.findall(s.text)) < 3 or _COMFORT.search(s.text)):
            continue
        prev = next((j for j in range(i - 1, -1, -1)
                     if sentences[j].segment_id == s.segment_id and out[j].label != NONE), None)
        if prev is None or instruction_result(s.text):
            continue  # (what an instruction showed is read as a finding)
        label = out[prev].label
        if label == "Vurdering" and (starts_with_instruction(s.text) or _TO_DO.match(s.text)):
            label = "Tiltak"  # "Det er en forstuing. Hold foten høyt …": advice is the plan
        out[i] = Label(s.id, label, out[i].confidence)
    return out


_RECAP_WORDS = re.compile(r"\b(?:oppsummer\w*|summer\w*|kort|jeg|eg|vi|så|da)\b", re.IGNORECASE)
_RECAP_COVERED = 0.75  # the share of a recap sentence's words said before for it to be a repeat


_A_NUMBER_WORD = re.compile(NUMBER_WORD, re.IGNORECASE)


def _said_words(text: str) -> set[str]:
    return {stem(w.lower()) for w in _CONTENT.findall(_RECAP_WORDS.sub(" ", spoken_to_digits(text)))
            if not _A_NUMBER_WORD.fullmatch(w)}


_DISTINCT = 8  # letters: a word this long (a drug, a diagnosis) must have been said before


def _repeats(text: str, said: set[str], numbers: set[str]) -> bool:
    mine = _said_words(text)
    return (bool(mine) and numbers_in(text, words=False) <= numbers
            and all(w in said for w in mine if len(w) >= _DISTINCT)
            and len(mine & said) >= _RECAP_COVERED * len(mine))


def repeated_in_recap(sentences: Sequence[Sentence], labels: Sequence[Label]) -> set[str]:
    """The doctor's recap says again what the note already holds: the ids of the recap's
    sentences whose numbers were all said before, and most of whose words
    (:data:`_RECAP_COVERED`), and every long one (a drug, a diagnosis), were said in
    sentences that went into the note. What the recap adds (a decision said only there, a
    drug switched from) is not among them, so nothing said once is lost."""
    repeats: set[str] = set()
    said: set[str] = set()
    numbers: set[str] = set()
    recap = False
    for i, (s, lb) in enumerate(zip(sentences, labels, strict=True)):
        first = i == 0 or sentences[i - 1].segment_id != s.segment_id
        recap = recap and not first
        # (after a word of assent: "Fint.", "Helt riktig.")
        opener = first or len(sentences[i - 1].text.split()) <= 3
        if (not recap and opener and s.speaker == Speaker.LEGE and not s.is_question
                and RECAP.match(s.text)):
            recap = True
        if lb.label == NONE:
            if s.speaker == Speaker.LEGE:  # a value said aside still goes on the values line
                numbers |= numbers_in(s.text)
            continue
        if recap and _repeats(s.text, said, numbers):
            repeats.add(s.id)
            continue
        said |= _said_words(s.text)
        numbers |= numbers_in(s.text)
    return repeats


# the doctor saying back what was just told, the settled version ("Så trykk etter rundt to
# hundre meter i motbakke i kulde.", "Så blunking og skulderrykk i snart fem måneder.",
# "Greit, så over tre måneder."): history, not a step of the plan (no "jeg"/"vi" acting)
_SAID_BACK = re.compile(r"^(?:(?:greit|ok|okei|ja|takk|fint|nei)\W+)?så\s+(?!(?:\w+\s+)?"
                        r"(?:jeg|vi|eg|du|dere)\b)", re.IGNORECASE)


def with_check_back(sentences: Sequence[Sentence], labels: Sequence[Label]) -> list[Label]:
    """The doctor's check-back that opens a turn after the other side spoke (after a word of
    thanks, "Takk for at dere er ærlige."), with a complaint or a number in it, is history even
    where the rules left it out."""
    drop = small_talk_turns(sentences)
    out = list(labels)
    for i, s in enumerate(sentences):
        k = i  # the turn's first sentence; before it, only a word of thanks or assent
        while k and (sentences[k - 1].segment_id == s.segment_id and out[k - 1].label == NONE
                     and len(sentences[k - 1].text.split()) <= 6):
            k -= 1
        first = k == 0 or sentences[k - 1].segment_id != s.segment_id
        opens = first and k > 0 and sentences[k - 1].speaker != Speaker.LEGE
        if (out[i].label == NONE and s.speaker == Speaker.LEGE and not s.is_question and opens
                and s.segment_id not in drop and _SAID_BACK.match(s.text)
                and (SYMPTOM.search(s.text)
                     or (_NUMBER.search(s.text) and not SMALL_TALK.search(s.text)))):
            out[i] = Label(s.id, "Anamnese", out[i].confidence)
    return out
