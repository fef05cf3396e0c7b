"""Drug mentions with strength, dosing and what was decided: prescribed, discussed, current.

The eval's must-not list targets exactly the difference between a drug that was prescribed
and one that was only discussed ("vi kan vurdere …", "du har brukt …"), so the status comes
from the words closest before the mention in the same sentence, then from the sentence and
the speaker.

A doctor says a prescription in pieces: "Du skal få prednisolon i tre dager. Det er seks
tabletter à fem milligram." The strength, the amount, how often and for how long belong to
the drug until another drug is named, within the doctor's turn and the doctor's next one
(``_dose_of``). A dose change is a prescription of the new dose, the old one kept.
"""

from __future__ import annotations

import re
from collections.abc import Iterator, Sequence
from dataclasses import dataclass, fields, replace

from scribe.domain import Fact, Speaker
from scribe.draft.lexicon import DrugLexicon, DrugMention
from scribe.text.numbers import NUMBER_WORD, spoken_to_digits, word_to_int
from scribe.text.sentences import Sentence

STRENGTH = re.compile(r"(\d+(?:,\d+)?)\s*(mg|g|mikrogram|µg|ml|mg/ml|ie|%)(?![\w])",
                      re.IGNORECASE)
_DOSING = re.compile(
    r"(?:\d+|én|en|ett|to|tre|fire)\s+(?:ganger?|gang)\s+(?:daglig|om dagen|i døgnet|"
    r"per døgn|om morgenen|om kvelden)|ved behov|x\s*\d|hver dag|daglig|om morgenen|"
    r"om kvelden|i \d+ dager|i inntil \d+ (?:dager|uke|uker)|maks\w* [^.,]{1,30}",
    re.IGNORECASE)

# Ordered: the first cue class whose nearest occurrence is closest before the drug wins.
_CUES: tuple[tuple[str, re.Pattern[str]], ...] = (
    ("discussed", re.compile(
        r"vurdere|kan bli aktuelt|ikke (?:starte|starter|begynne|nå)|starter (?:vi |jeg )?ikke|"
        r"fraråd|ikke bruke|senere|neste gang|hvis ikke|i stedet for|alternativ|"
        r"spørre om|tenkte å|har noen|fikk\b|for eksempel|ikke aktuelt|naboen|venninne|"
        r"kjæresten|kan ikke jeg", re.I)),
    ("current", re.compile(
        r"fortsett\w*|uendret|som før|bruker|har brukt|"
        r"har tatt|tar jeg|tatt|står på|har hatt", re.I)),
    ("prescribed", re.compile(
        r"resept|ventresept|skriver (?:jeg |vi )?ut|forskriv|starter (?:vi |du )?(?:med|opp)|"
        # "Jeg kan skrive ut noen få sovetabletter, zopiklon …": the doctor writes it
        r"(?:jeg|vi) (?:kan|skal|vil) skrive ut|"
        # "Jeg starter Albyl-E", "vil jeg bytte Ibux med naproksen", "Behandlingen er Vermox"
        r"(?:jeg|vi) starter(?! ikke)|starter (?:jeg|vi)\b(?! ikke)|"
        r"bytte\w* (?:[\w-]+ ){1,3}(?:med|mot|til)\b|"
        r"behandlingen (?:er|blir)|"
        # "Da blir det Cerazette": the drug chosen, said right before its name
        r"\bblir det\s+$|\bdet blir\s+$|"
        r"(?:vil|skal) (?:heller )?gi (?:deg|ham|henne)|(?:du|han|hun) skal ha|"
        r"begynne med|begynner med|legger (?:vi |jeg )?til|legge til|du får|skal få|får du|"
        r"går (?:du )?(?:opp|ned) til|øker|trapper|bytter (?:[\w ]{1,30} )?til|fornye\w*|"
        r"reduserer|dobler|halverer", re.I)),
    ("advised", re.compile(r"kan ta|kan bruke|kan kjøpe|kombinere|anbefal|ta\b", re.I)),
)
_NOT_PRESCRIBED = re.compile(r"\b(?:ikke|ingen|aldri|dekkes|refunderes)\b|blå\s+resept$",
                             re.IGNORECASE)
# "Jeg vil at du bruker …", "ønsker jeg at hun tar …": the patient's use asked for, not told
_WANTS = re.compile(r"\b(?:vil|ønsker)(?:\s+jeg)?\s+at\s+(?:du|han|hun)\s+$", re.IGNORECASE)
# Said after the drug, a change verb has the drug as its subject ("hydroklortiazid øker
# urinsyren"): it prescribes only when said before the drug ("vi øker escitalopram").
_CHANGE_VERB = re.compile(r"øker|trapper|reduserer|dobler|halverer", re.IGNORECASE)
# "hvis prøven er positiv, starter vi med …", "i så fall får du …": a plan that waits on a
# result, not a prescription
# (a delayed prescription, "ventresept", is one: it is written today)
_CONDITION = re.compile(r"(?:^|[\s,])(?:hvis|dersom|i så fall|om (?:prøven|testen|svaret|"
                        r"dyrkingen))\b",
                        re.IGNORECASE)
_PRESCRIBE_SENTENCE = re.compile(r"resept|skriver (?:ut )?(?:det|den|på)", re.IGNORECASE)


# A prescription told as history ("fikk resept … fra legevakten i fjor") is not one made today.
_HISTORY = re.compile(
    r"\b(?:fikk|har fått|hadde|i fjor|tidligere|forrige|sist gang|fra legevakten|"
    r"på sykehuset|den gangen|for \w+ (?:år|måneder|uker|dager) siden)\b", re.IGNORECASE)
# "… til han har fått avføring": a time still to come, not history
_UNTIL = re.compile(r"\b(?:til|når|etter at|før)\s+(?:\w+\s+)?$", re.IGNORECASE)
_CLAUSE_END = re.compile(r"[.;!?]|,? men\b", re.IGNORECASE)


# A dose given in the office now ("Du får en Voltaren stikkpille på hundre milligram nå",
# "Jeg gir deg en sprøyte med … her"): done here, not a prescription
_GIVE = re.compile(r"\b(?:du får|får du|(?:jeg|vi) gir deg|gir (?:jeg|vi) deg)\b", re.IGNORECASE)
_NOW_HERE = re.compile(r"\b(?:nå|her|med en gang|før du går)\b", re.IGNORECASE)


def _given_here(text: str, start: int) -> bool:
    """The mention at ``start`` is of a dose given now: a giving verb before it in its
    sentence, "nå" or "her" in the sentence, and no prescription named."""
    return bool(_GIVE.search(text, 0, start)) and bool(_NOW_HERE.search(text)) and not (
        re.search(r"resept|apotek|hjemme", text, re.IGNORECASE))


def _status_before(text: str, start: int, speaker: Speaker) -> str:
    status = _cue_status(text, start, speaker)
    if status == "prescribed" and speaker == Speaker.LEGE and _given_here(text, start):
        return "given"
    if status == "prescribed" and _CONDITION.search(text[:start]) and "ventresept" not in (
            text.lower()):
        return "conditional"
    if status == "prescribed" and _told_as_history(text, start):
        return "current"
    if status == "prescribed" and speaker != Speaker.LEGE:
        return "discussed"  # only the doctor prescribes; a patient's words are not an order
    return status


def _told_as_history(text: str, start: int) -> bool:
    """The clause holding the mention at ``start`` tells of an earlier visit."""
    ends = [m.end() for m in _CLAUSE_END.finditer(text, 0, start)]
    after = _CLAUSE_END.search(text, start)
    clause = text[ends[-1] if ends else 0: after.start() if after else None]
    return any(not _UNTIL.search(clause[:m.start()]) for m in _HISTORY.finditer(clause))


def _cue_status(text: str, start: int, speaker: Speaker) -> str:
    if speaker != Speaker.LEGE and text.rstrip().endswith("?"):
        return "discussed"  # the patient asks for it; the doctor's answer decides
    best, best_pos = "", -1
    for status, cue in _CUES:
        for m in cue.finditer(text[:start]):
            if m.start() > best_pos:
                best, best_pos = status, m.start()
    if best == "current" and _WANTS.search(text[:best_pos]):
        return "prescribed"  # "vil jeg at du bruker …": what the doctor wants used from now
    if best:
        return best
    after = text[start:]
    for status, cue in _CUES:
        found = [m for m in cue.finditer(after) if not _CHANGE_VERB.fullmatch(m.group(0))]
        if status == "prescribed":
            # what the drug is or is not covered by ("Wegovy dekkes heller ikke på blå
            # resept"), or a prescription denied after it, is no prescription
            found = [m for m in found if not _NOT_PRESCRIBED.search(after[:m.end()])]
        if found:
            return status
    return "current" if speaker != Speaker.LEGE else "mentioned"


# --- doses -----------------------------------------------------------------------------------

_N = rf"(?:\d+(?:,\d+)?|{NUMBER_WORD})"
# What one intake is counted in; "sprut" is written "spray" on a prescription.
_AMOUNT = re.compile(
    rf"\b({_N}|en halv|ei halv|halvannen|½)\s+(tabletter|tablett|kapsler|kapsel|doseposer|"
    r"dosepose|poser|pose|drag|spray|sprut|inhalasjoner|inhalasjon|dråper|dråpe|plaster|"
    r"stikkpiller|stikkpille)\b(\s+à\s+\d+(?:,\d+)?\s*(?:mg|g|mikrogram|µg|ml))?",
    re.IGNORECASE)
_OFTEN = re.compile(
    rf"\bx\s*\d\b|\b{_N}\s+gang(?:er)?\s+(?:daglig|om dagen|i døgnet|per døgn|per dag|"
    r"i uka|i uken|om morgenen|om kvelden|hver dag)|\bmorgen og kveld\b|"
    r"\bhver (?:morgen|kveld|dag)\b|\bom (?:morgenen|kvelden)\b|\bdaglig\b|\bved behov\b|"
    r"\bved anfall\b|\bannenhver (?:dag|kveld)\b|\bved sengetid\b", re.IGNORECASE)
_LENGTH = re.compile(
    rf"\bi (?:inntil |minst |ytterligere )?{_N}(?:-\d+)? (?:dager|døgn|uker?|måned(?:er)?)\b|"
    rf"\btil og med dag {_N}\b", re.IGNORECASE)
# "2 tabletter daglig den første måneden": a length right after how often (not "tørr de
# første ukene", said of a side effect)
_FIRST_PERIOD = re.compile(rf"\s*,?\s*((?:den|de) første (?:{_N} )?(?:dagen|dagene|døgnet|uka|"
                           rf"uken|ukene|måneden|månedene))\b", re.IGNORECASE)
# the next step of a regimen that changes over time: "15 mg morgen og kveld i 3 uker. Deretter
# 20 mg 1 gang om dagen"; "… i 3 dager, så 0,5 mg morgen og kveld …, og fra dag 8 1 mg …"
# ("så" is a step only before a dose or a change of it: not "så bruk den hver dag", "så det
# blir 2 tabletter")
_STEP = re.compile(rf"(?:^|[,;]?\s+)(?:og\s+)?(?P<mark>deretter|etterpå|etter det|"
                   rf"så(?=\s+(?:\d|{_N}\s|en halv|annenhver|hver|"
                   rf"(?:går|trapper|reduserer|øker)\s))|"
                   rf"fra (?:og med )?dag {_N})\b[,:]?\s*", re.IGNORECASE)
_TAPER = re.compile(r"\b(?:trapp\w*|reduser\w*|senk\w*)\s+(?:du\s+|vi\s+|dosen\s+)?"
                    r"(?:ned\s+)?med\b", re.IGNORECASE)
_NOW = re.compile(r"\s+(?:med en gang|straks)\b", re.IGNORECASE)  # "2 tabletter med en gang"
_MOST = re.compile(r"\bmaks\w*\s+[^.,;]{1,30}|\bhøyst\s+[^.,;]{1,30}", re.IGNORECASE)
# A strength that is a limit or a pack, not the dose: "maks 4 g i døgnet", "à 5 mg".
_LIMIT_BEFORE = re.compile(
    r"(?:maks\w*|ikke mer enn|høyst|inntil|opptil|over|under|à|av)\s*$", re.IGNORECASE)
_LIMIT_AFTER = re.compile(r"^\s*(?:i døgnet|per døgn|i døgn)", re.IGNORECASE)
# A later sentence on another subject ends the drug's dosing.
_OTHER_TOPIC = re.compile(
    r"sykmeld|kontroll|henvis|blodprøve|prøvene|\bses\b|bestill\w*|egenmelding|undersøk",
    re.IGNORECASE)
_STARTS = re.compile(r"\b(?:du|dere|han|hun|vi)\s+(?:starter|begynner)\s+(?:med|på)\b",
                     re.IGNORECASE)
_WAIT = re.compile(r"vente?\s?resept", re.IGNORECASE)  # ASR may split it: "vente resept"
_WAIT_IF = re.compile(r"\b(?:hent\w*|løse?r? ut|ta\w* ut)\b[^.]*?\b(hvis\b[^,.;]*)",
                      re.IGNORECASE)
_CHANGE = re.compile(
    r"\b(?:øke[rs]?|går (?:\w+ )?(?:opp|ned)|reduserer|redusere|trapper (?:opp|ned)|"
    r"senker|setter (?:\w+ )?(?:opp|ned))\b[^.;]*?\btil\s+(?:\w+\s+)?(?=\d)|"
    r"\b(?:dobler|halverer)\s+(?:vi\s+)?(?:dosen|den)\b|"
    # "Da skal dosen være 2,5 mg morgen og kveld": the dose from now
    r"\b(?:dosen\s+(?:skal|bør|må)|(?:skal|bør|må)\s+dosen)\s+(?:være|bli)\s+(?=\d)",
    re.IGNORECASE)
_DOWN = re.compile(r"\bned\b|reduser|halver|senk", re.IGNORECASE)
# "Vi øker fra fem til ti milligram" is read as the range "fra 5-10 mg": after a change verb
# it is the old dose and the new one
_CHANGE_RANGE = re.compile(r"(\b(?:øke[rs]?|reduserer|redusere|senker|trapper\s+(?:opp|ned))\b"
                           r"[^.;]*?\bfra\s+\d+(?:[.,]\d+)?)\s*[-–]\s*(?=\d)", re.IGNORECASE)
_HYPOTHETICAL = re.compile(r"\b(?:kunne|kan vurdere|vurdere|senere|neste gang|venter)\b",
                           re.IGNORECASE)


@dataclass(frozen=True)
class _Dose:
    """The dose as said, in its parts; each part as the doctor said it, numbers as digits."""

    strength: str = ""   # "30 mg"
    amount: str = ""     # "6 tabletter à 5 mg"
    often: str = ""      # "1 gang om dagen", "morgen og kveld", "ved behov"
    length: str = ""     # "i 3 dager"
    most: str = ""       # "maks 1 tablett per døgn"
    before: str = ""     # "økt fra 10 mg"
    wait: str = ""       # "ventresept, hentes hvis …"
    then: str = ""       # "deretter 20 mg 1 gang om dagen": the later steps of the regimen

    def merged(self, other: _Dose) -> _Dose:
        """This dose with the parts it lacks taken from ``other``."""
        return replace(self, **{f.name: getattr(other, f.name) for f in fields(self)
                                if not getattr(self, f.name) and getattr(other, f.name)})

    def attrs(self) -> tuple[tuple[str, str], ...]:
        return tuple((f"dose.{f.name}", getattr(self, f.name)) for f in fields(self))

    @classmethod
    def of(cls, fact: Fact) -> _Dose:
        return cls(**{f.name: fact.attr(f"dose.{f.name}") for f in fields(cls)})

    @property
    def shown_strength(self) -> str:
        """What follows the name: the strength and the amount per intake."""
        strength = f"{self.strength} ({self.before})" if self.strength and self.before \
            else self.strength
        return ", ".join(p for p in (strength, self.amount) if p)

    @property
    def shown_dosing(self) -> str:
        return ", ".join(p for p in (self.often, self.length, self.then, self.most, self.wait)
                         if p)

    @property
    def said(self) -> bool:
        """How much or how often was said (a length alone is no dose)."""
        return bool(self.strength or self.amount or self.often)

    @property
    def stepped(self) -> bool:
        """A dose with how often or how long: a later step may follow it ("Vival 5 mg. Så tar
        du 2 tabletter om kvelden" is one dose, not a strength and a step)."""
        return self.said and bool(self.often or self.length)

    def as_step(self, mark: str) -> str:
        """This dose as a later step of a regimen ("deretter 20 mg 1 gang om dagen")."""
        mark = mark.lower()
        lead = "deretter" if not mark.startswith("fra") else _digits_after(mark)
        return " ".join(p for p in (lead, self.strength or self.amount, self.often,
                                    _digits_after(self.length)) if p)

    def as_taper(self, mark: str) -> str:
        """This dose as a step down by it ("så trapper du ned med 10 mg hver dag")."""
        return self.as_step(mark).replace("deretter", "deretter nedtrapping med", 1)


def _digits(found: str) -> str:
    """Number words at the start of ``found`` as digits ("én gang daglig" → "1 gang daglig")."""
    head, _, rest = found.partition(" ")
    value = word_to_int(head)
    return f"{value} {rest}" if value is not None and rest else found


def _lower_first(text: str) -> str:
    return text[:1].lower() + text[1:]  # "I 7 dager." said as a sentence of its own


def _way(old: str, new: str, said: str) -> str:
    """Whether a change of strength ``old`` → ``new`` is up or down: by the numbers when both
    are in the same unit, else by the words ("reduserer", "ned")."""
    a, b = STRENGTH.fullmatch(old), STRENGTH.fullmatch(new)
    if a and b and a.group(2).lower() == b.group(2).lower():
        x, y = (float(m.group(1).replace(",", ".")) for m in (a, b))
        if x != y:
            return "redusert" if y < x else "økt"
    return "redusert" if _DOWN.search(said) else "økt"


def _digits_after(text: str) -> str:
    """A number word at the end of ``text`` as digits ("fra dag åtte" → "fra dag 8")."""
    head, _, last = text.rpartition(" ")
    value = word_to_int(last)
    return f"{head} {value}" if head and value is not None else text


def _strength_in(piece: str, *, percent: bool) -> str:
    for m in STRENGTH.finditer(piece):
        unit = m.group(2).lower()
        combined = re.search(r"(?<![\d,])\d+(?:,\d+)?/$", piece[:m.start()])  # "92/22 mikrogram"
        at = combined.start() if combined else m.start()
        if _LIMIT_BEFORE.search(piece[:at]) or _LIMIT_AFTER.match(piece[m.end():]) \
                or (unit == "%" and not percent):
            continue
        return f"{combined.group(0) if combined else ''}{m.group(1)} {unit}"
    return ""


def _amount_in(piece: str) -> tuple[str, int]:
    """The amount per intake and where it ends (0 when none was said)."""
    for m in _AMOUNT.finditer(piece):
        value = word_to_int(m.group(1))
        if value is not None and not 0 < value <= 10:
            continue  # a pack ("tretti tabletter"), not one intake
        number = str(value) if value is not None else m.group(1).lower()
        unit = "spray" if m.group(2).lower() == "sprut" else m.group(2).lower()
        return f"{number} {unit}{m.group(3) or ''}", m.end()
    return "", 0


def _parts(piece: str, *, first: bool) -> _Dose:
    amount, end = _amount_in(piece)
    # how often goes with the amount said before it ("salve morgen og kveld, og en
    # stikkpille om kvelden"), else the first said
    often = _NOW.match(piece, end) if end else None
    often = often or _OFTEN.search(piece, end) or _OFTEN.search(piece)
    length = _LENGTH.search(piece) or (_FIRST_PERIOD.match(piece, often.end()) if often
                                        else None)
    most = _MOST.search(piece) if first else None
    return _Dose(_strength_in(piece, percent=first), amount,
                 _digits(often.group(0).strip()) if often else "",
                 _lower_first(length.group(length.lastindex or 0)) if length else "",
                 most.group(0).strip() if most else "")


def _following(sentences: Sequence[Sentence], said: Sequence[str],
               found: Sequence[Sequence[DrugMention]], i: int, start: int,
               name: str) -> Iterator[tuple[str, Sentence]]:
    """What was said after position ``start`` of sentence ``i`` that may still be about the
    drug ``name``: the rest of its sentence, the rest of the doctor's turn and the doctor's next
    turn, each cut where another drug is named (and nothing after that)."""
    turns: list[str] = []
    for j in range(i, len(sentences)):
        s = sentences[j]
        other = next((m for m in found[j] if m.start >= (start if j == i else 0)
                      and (m.entry.substance or m.entry.name) != name), None)
        if s.speaker != Speaker.LEGE:
            if other is not None:
                return
            continue
        if s.segment_id not in turns:
            turns.append(s.segment_id)
            if len(turns) > 2:
                return
        yield said[j][(start if j == i else 0): other.start if other else None], s
        if other is not None:
            return


def _dose_of(pieces: Iterator[tuple[str, Sentence]], *, scan: bool) -> tuple[_Dose, bool]:
    """The dose said in ``pieces`` (only the first unless ``scan``), and whether a later
    sentence starts the drug ("Du starter med 25 mg")."""
    dose, started = _Dose(), False
    for n, (piece, s) in enumerate(pieces):
        if n and (m := _WAIT_IF.search(piece)) and not dose.wait:
            dose = replace(dose, wait=f"hentes {m.group(1).strip()}")
        got = _parts(piece, first=n == 0)
        step = _STEP.match(piece.strip()) is not None and dose.stepped
        if n and (got == _Dose() or s.is_question or _OTHER_TOPIC.search(piece)
                  or _CONDITION.match(piece.strip())
                  or (got.amount and dose.amount and got.amount != dose.amount and not step)):
            break  # another subject, or the next step of the plan ("fra i morgen 1 tablett")
        started = started or bool(n and _STARTS.search(piece))
        dose = _with_steps(dose, piece, first=n == 0)
        if not scan:
            break
    return dose, started


def _with_steps(dose: _Dose, piece: str, *, first: bool) -> _Dose:
    """``dose`` with what ``piece`` says: the parts it lacks, and each later step of the
    regimen ("deretter 20 mg 1 gang om dagen") after a dose was said. What comes before the
    dose is no step ("Først vasker du bort skorpene, og så smører du … 3 ganger om dagen")."""
    marks = list(_STEP.finditer(piece))
    bounds = [0, *(m.start() for m in marks), len(piece)]
    steps = dose.then.split(", ") if dose.then else []
    for k in range(len(bounds) - 1):
        mark = marks[k - 1] if k else None
        got = _parts(piece[mark.end() if mark else 0:bounds[k + 1]], first=first and k == 0)
        if mark is not None and dose.stepped and got.said:
            chunk = piece[mark.end():bounds[k + 1]]
            steps.append(got.as_taper(mark.group("mark")) if _TAPER.search(chunk)
                         else got.as_step(mark.group("mark")))
        elif not steps:
            dose = dose.merged(got)
    return replace(dose, then=", ".join(steps))


def _waiting(sentences: Sequence[Sentence], i: int) -> bool:
    """A ventresept said in this sentence or earlier in the same turn."""
    seg = sentences[i].segment_id
    return any(_WAIT.search(s.text) for s in sentences[: i + 1] if s.segment_id == seg)


def _with_wait(dose: _Dose, waiting: bool) -> _Dose:
    """A ventresept keeps its condition ("hentes hvis …"); without one there is none."""
    if not waiting:
        return replace(dose, wait="")
    return replace(dose, wait=f"ventresept, {dose.wait}" if dose.wait else "ventresept")


# --- mentions --------------------------------------------------------------------------------

_SCANNED = frozenset({"prescribed", "mentioned", "advised"})


def extract_drugs(sentences: Sequence[Sentence], lexicon: DrugLexicon) -> list[Fact]:
    """One fact per mention; a later "Jeg skriver resept på det" prescribes the last one, and
    a later "Vi øker til 20 mg" prescribes the last one at the new dose."""
    said = [_CHANGE_RANGE.sub(r"\1 til ", spoken_to_digits(s.text)) for s in sentences]
    found = [lexicon.find(t) for t in said]
    facts: list[Fact] = []
    pending = ""  # a segment where "ventresept på penicillin" came before the drug's name
    for i, s in enumerate(sentences):
        text, mentions = said[i], [m for m in found[i] if not _content_of(said[i], m, found[i])]
        for mention in mentions:
            status = _status_before(text, mention.start, s.speaker)
            if pending == s.segment_id and status == "mentioned":
                status, pending = "prescribed", ""
            name = mention.entry.substance or mention.entry.name
            scan = s.speaker == Speaker.LEGE and status in _SCANNED
            dose, started = _dose_of(_following(sentences, said, found, i, mention.end, name),
                                     scan=scan)
            if status == "mentioned" and (started or _regimen(dose)):
                status = "prescribed"
            if status == "prescribed":
                dose = _with_change(dose, text[:mention.end + 40], name, facts)
            dose = _with_wait(dose, status == "prescribed" and _waiting(sentences, i))
            facts.append(_with_old_evidence(_drug_fact(s, mention, status, dose), dose, facts))
        if mentions or s.speaker != Speaker.LEGE:
            continue
        if _PRESCRIBE_SENTENCE.search(text):
            before = len([f for f in facts if f.attr("status") == "prescribed"])
            facts = _prescribe_last(facts, s)
            if len([f for f in facts if f.attr("status") == "prescribed"]) == before:
                pending = s.segment_id
        elif (changed := _changed_last(sentences, said, found, i, facts)) is not None:
            facts.append(changed)
    return facts


# "en nesespray med kortison, … Avamys", "en krem med hydrokortison som heter …": what a form
# holds, said before the product that is prescribed
_FORM_WITH = re.compile(r"\b(?:nesespray|spray|krem|salve|tabletter|tablett|dråper|inhalator|"
                        r"sprøyte|stikkpiller?|mikstur|gel)\s+med\s+$", re.IGNORECASE)


def _content_of(text: str, mention: DrugMention, mentions: Sequence[DrugMention]) -> bool:
    """The mention names what a form holds ("nesespray med kortison") and the sentence goes on
    to name the product itself: the product is the drug, the content no drug of its own."""
    return bool(_FORM_WITH.search(text[:mention.start])) and any(
        m.start > mention.end for m in mentions)


def _regimen(dose: _Dose) -> bool:
    """A whole regimen said by the doctor with no word of history, doubt or discussion around
    it ("Dikloksacillin, 500 mg kapsler, 2 kapsler 3 ganger daglig i 10 dager"): how much, how
    often and for how long is what a prescription says, not a drug only mentioned."""
    return bool((dose.strength or dose.amount) and dose.often and dose.length)


def _drug_fact(s: Sentence, mention: DrugMention, status: str, dose: _Dose) -> Fact:
    return Fact(
        "drug", mention.entry.substance or mention.entry.name, mention.surface, "",
        (s.segment_id,),
        (("sentence", s.id), ("status", status), ("strength", dose.shown_strength),
         ("dosing", dose.shown_dosing), ("speaker", str(s.speaker)),
         ("lexicon", mention.entry.name), ("vaccine", "ja" if mention.entry.vaccine else ""),
         ("atc", mention.entry.atc),
         *dose.attrs()),
    )


def _old_dose(name: str, facts: Sequence[Fact]) -> Fact | None:
    """The latest earlier mention of drug ``name`` with a strength (what a change is from)."""
    return next((f for f in reversed(facts) if f.name == name and _Dose.of(f).strength
                 and f.attr("status") != "discussed"), None)


def _with_old_evidence(fact: Fact, dose: _Dose, facts: Sequence[Fact]) -> Fact:
    """A changed dose cites where the old one was said too ("økt fra 50 mg": 50 is there)."""
    old = _old_dose(fact.name, facts) if dose.before else None
    if old is None:
        return fact
    return replace(fact, evidence=tuple(dict.fromkeys((*fact.evidence, *old.evidence))))


def _with_change(dose: _Dose, said: str, name: str, facts: Sequence[Fact]) -> _Dose:
    """A dose change keeps the old strength ("økt fra 10 mg") when it was said earlier."""
    if not dose.strength or not _CHANGE.search(said):
        return dose
    found = _old_dose(name, facts)
    old = _Dose.of(found).strength if found is not None else ""
    if not old or old == dose.strength:
        return dose
    return replace(dose, before=f"{_way(old, dose.strength, said)} fra {old}")


def _changed_last(sentences: Sequence[Sentence], said: Sequence[str],
                  found: Sequence[Sequence[DrugMention]], i: int,
                  facts: Sequence[Fact]) -> Fact | None:
    """ "Jeg vil øke til 20 mg" without a name: a prescription of the drug named last, when
    that was in this doctor turn or the one before and no other drug came in between."""
    s, text = sentences[i], said[i]
    change = _CHANGE.search(text)
    if change is None or s.is_question or _CONDITION.search(text[:change.start()]) \
            or _HYPOTHETICAL.search(text[:change.end()]) or not facts:
        return None
    last = facts[-1]
    if last.attr("status") in _NOT_CHANGED:
        return None
    at = next(k for k, t in enumerate(sentences) if t.id == last.attr("sentence"))
    if len({t.segment_id for t in sentences[at:i + 1] if t.speaker == Speaker.LEGE}) > 2:
        return None
    dose, _ = _dose_of(_following(sentences, said, found, i, change.start(), last.name),
                       scan=True)
    old = _Dose.of(last).strength
    way = "redusert" if _DOWN.search(change.group(0)) else "økt"
    if not dose.strength and re.search(r"dobler|halverer", change.group(0), re.I):
        dose = replace(dose, strength="dosen " + ("halveres" if way == "redusert" else "dobles"))
    if not dose.strength:
        return None
    if old and old != dose.strength:
        dose = replace(dose, before=f"{_way(old, dose.strength, change.group(0))} fra {old}")
    evidence = tuple(dict.fromkeys((*last.evidence, s.segment_id)))
    attrs = dict(last.attrs) | {"sentence": s.id, "status": "prescribed",
                                "strength": dose.shown_strength, "dosing": dose.shown_dosing,
                                "speaker": str(s.speaker)} | dict(dose.attrs())
    return Fact(last.kind, last.name, last.value, last.unit, evidence, tuple(attrs.items()))


_NOT_CHANGED = frozenset({"discussed", "conditional"})


def _prescribe_last(facts: list[Fact], s: Sentence) -> list[Fact]:
    for i in range(len(facts) - 1, -1, -1):
        f = facts[i]
        if f.evidence[0] != s.segment_id:
            break
        if f.attr("status") in {"advised", "mentioned", "prescribed"}:
            attrs = tuple((k, "prescribed" if k == "status" else v) for k, v in f.attrs)
            facts[i] = Fact(f.kind, f.name, f.value, f.unit,
                            (*f.evidence, s.segment_id) if s.segment_id not in f.evidence
                            else f.evidence, attrs)
            break
    return facts


# --- prescriptions ---------------------------------------------------------------------------

def prescriptions(facts: Sequence[Fact]) -> list[Fact]:
    """The prescribed drugs, one per substance: the mention with a strength first, the parts
    of the dose it lacks taken from the doctor's other prescribing mentions of the same drug
    (the nearest first; a mention that only names the drug may tell of another time)."""
    chosen: dict[str, Fact] = {}
    for f in facts:
        if f.kind != "drug" or f.attr("status") != "prescribed" or f.attr("vaccine"):
            continue  # a vaccine given here is a procedure, not a prescription
        if f.name not in chosen or (f.attr("strength") and not chosen[f.name].attr("strength")):
            chosen[f.name] = f
    return [_completed(f, facts) for f in chosen.values()]


def _instruction(fact: Fact) -> bool:
    """The doctor telling how to use a drug named without a cue ("Den heter Microcid. … smører
    du et tynt lag 3 ganger om dagen. I 7 dager." before "sender jeg resept på Microcid"): how
    often, and no strength (a strength said without a cue is the dose in use: "Eliquis 5 mg
    morgen og kveld … Den reduserer vi")."""
    dose = _Dose.of(fact)
    return fact.attr("status") == "mentioned" and bool(dose.often) and not dose.strength


def _completed(chosen: Fact, facts: Sequence[Fact]) -> Fact:
    at = next(k for k, f in enumerate(facts) if f is chosen)
    others = [f for f in facts if f is not chosen and f.kind == "drug" and f.name == chosen.name
              and f.attr("speaker") == str(Speaker.LEGE) and (
                  f.attr("status") in ("prescribed", "advised") or _instruction(f))]
    others.sort(key=lambda f: abs(facts.index(f) - at))
    dose = _Dose.of(chosen)
    evidence = list(chosen.evidence)
    for f in others:
        merged = dose.merged(_Dose.of(f))
        if merged != dose:  # where the parts taken were said is evidence of the line too
            evidence += [e for e in f.evidence if e not in evidence]
        dose = merged
    if dose == _Dose.of(chosen):
        return chosen
    attrs = dict(chosen.attrs) | {"strength": dose.shown_strength,
                                  "dosing": dose.shown_dosing} | dict(dose.attrs())
    return Fact(chosen.kind, chosen.name, chosen.value, chosen.unit, tuple(evidence),
                tuple(attrs.items()))


def not_prescribed(facts: Sequence[Fact]) -> set[str]:
    """Drug names (as said, lowercased) mentioned but never prescribed nor given here (the
    dose of a drug given in the office is a fact of the visit too)."""
    given = {f.name for f in prescriptions(facts)} | {
        f.name for f in facts if f.kind == "drug" and f.attr("status") in ("given", "conditional")}
    return {f.value.lower() for f in facts if f.kind == "drug" and f.name not in given}
