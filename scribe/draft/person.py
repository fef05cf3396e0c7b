"""Third person: what a patient, a doctor or a relative said, written as a journal note.

No jeg/du/vi/meg/deg/oss/din/min/man is left. A main clause's own subject is dropped (the note
is about the patient: "Jeg har hatt vondt i halsen" → "Har hatt vondt i halsen"); a pronoun
elsewhere becomes who it stands for ("når jeg går" → "når pas. går", "legen ga meg" → "legen
ga pas."); a reflexive object becomes "seg" ("føler meg slapp" → "føler seg slapp"). Kinship
words take their note form ("mamma", "min mor" → "mor"). What a relative says is attributed
("Jeg ringte legevakten" from the daughter → "Datter ringte legevakten"; "Hun har ikke spist"
→ "Ifølge datter har pas. ikke spist").

The doctor's plans and assessments get their note form in :mod:`scribe.draft.doctor`.
"""

from __future__ import annotations

import re
from functools import lru_cache

from scribe.domain import Speaker
from scribe.draft.doctor import doctor_phrases
from scribe.draft.phrasebook import alternation, phrasebook
from scribe.draft.spoken import situations, standardise, tidy
from scribe.text.kinship import bare_kin, kin_forms, reciprocal

DROP = ""
# where a moved front goes before ("Gir første dose når dere kommer hjem")
_ADVERBIAL_CLAUSE = {"når", "hvis", "dersom", "fordi", "før", "mens", "siden", "selv", "til",
                     "inntil", "etter"}
_PUNCT = ",.;:!?»«\"()"
_POSSESSIVE = r"(?:min|mi|mitt|mine|din|di|ditt|dine|vår|vårt|våre)"
_OWN = {"jeg": "meg", "du": "deg", "vi": "oss", "man": "seg"}
_SPLIT = re.compile(r"(,\s*|;\s*|\s+(?:og|men)\s+(?=(?:jeg|du|vi|man|han|hun|det|dere)\b))",
                    re.IGNORECASE)


def role_of(speaker: Speaker | str) -> str:
    """ "lege", "pasient" or "annen" (a relative, an interpreter, anyone else)."""
    value = str(speaker.value if isinstance(speaker, Speaker) else speaker).lower()
    return value if value in {"lege", "pasient"} else "annen"


def _core(word: str) -> str:
    return word.strip(_PUNCT).lower()


@lru_cache(maxsize=1)
def _lists() -> dict[str, frozenset[str]]:
    pb = phrasebook()
    return {
        "finite": frozenset(pb.words("questions", "finite_verbs")),
        "not_verbs": frozenset(pb.words("questions", "not_verbs")),
        "subjunctions": frozenset(pb.words("people", "subjunctions")),
        "addressed": frozenset(pb.words("people", "addressed_verbs")),
        "front": frozenset(pb.words("people", "front_words")),
        "give": frozenset(pb.words("people", "give_verbs")),
        "say": frozenset(pb.words("people", "say_verbs")),
    }


@lru_cache(maxsize=1)
def _imperatives() -> frozenset[str]:
    """The verbs the doctor's instructions start with ("sett", "legg", "pust", "kom")."""
    said = phrasebook().words("examination", "instructions")
    return frozenset(p.split()[0] for p in said) - {"det", "dette", "nå", "da", "bare", "et"}


def starts_with_instruction(text: str) -> bool:
    """Whether the sentence opens with an instruction verb ("Løft armene …", "Pust dypt
    inn", "Press mot hånda"), said to the patient."""
    first = re.match(r"\W*(?:(?:og|så|da|nå|bare|ja|ok|okei)\W+)*([\wæøå]+)", text, re.I)
    return first is not None and _core(first.group(1)) in _imperatives() - _NOT_VERBS


_NOT_VERBS = frozenset({"sånn", "bra", "fint", "ferdig"})  # comfort among the instructions


def looks_finite(word: str) -> bool:
    """Whether ``word`` looks like a finite verb ("har", "røyker", "merket", "kan")."""
    w = _core(word)
    lists = _lists()
    if w in lists["finite"]:
        return True
    if w in lists["not_verbs"] or len(w) < 3 or w in _OWN or w in {"hun", "han", "det"}:
        return False
    return re.search(r"(?:r|te|de|et|dde|tte)$", w) is not None


# --- kinship ---------------------------------------------------------------------------------
@lru_cache(maxsize=1)
def _kin_patterns() -> tuple[re.Pattern[str], re.Pattern[str], re.Pattern[str]]:
    """ "min mor", "moren min"/"moren hennes" (the patient's, said by anyone), "mamma"."""
    kin = alternation(kin_forms())
    bare = alternation(bare_kin())
    owner = rf"(?:{_POSSESSIVE}|hans|hennes)"
    return (re.compile(rf"(?<![\wæøå]){_POSSESSIVE}\s+({kin})", re.IGNORECASE),
            re.compile(rf"({kin})\s+({owner})(?![\wæøå])", re.IGNORECASE),
            re.compile(rf"({bare})", re.IGNORECASE))


def kin_form(word: str) -> str:
    """The note form of a kinship word ("datteren" → "datter"); the word itself if none."""
    return kin_forms().get(word.lower().strip(), word.lower().strip())


@lru_cache(maxsize=1)
def _dislocated() -> re.Pattern[str]:
    """A relative named first, set off by a comma, and taken up again by a pronoun: "Søstera
    mi, hun har diabetes", "Ho kusina hennes, dotter til søstra mi, ho har cøliaki"."""
    kin = alternation(kin_forms())
    article = r"(?:(?:ho|hu|hun|han|n|a|min|mi|mitt|mine|din|di)\s+)?"
    owner = r"(?:\s+(?:min|mi|mitt|mine|din|di|hans|hennes|hass|hannes|vår|våres))?"
    return re.compile(rf"^({article}{kin}{owner}(?:\s*,\s*[^,.!?]{{1,40}}?)?)\s*,\s+"
                      r"(?:han|hun|ho|hu)\s+(?=\w)", re.IGNORECASE)


def _resumed(text: str) -> str:
    """The pronoun that takes up a relative named first goes: the relative is the subject
    ("Søstera mi har diabetes"), not the one the pronoun would otherwise stand for."""
    return _dislocated().sub(r"\1 ", text, count=1)


def kinship(text: str, *, relation: str | None = None) -> str:
    """ "min mor", "mora mi", "mamma" → "mor"; said by a relative, the patient is "pas."
    ("mamma" from a daughter)."""
    patient_words = set()
    if relation:
        patient_words = set(reciprocal().get(kin_form(relation), ()))

    def repl(m: re.Match[str]) -> str:
        form = kin_form(m.group(1))
        theirs = m.lastindex == 2 and m.group(2).lower() in {"hans", "hennes"}
        form = "pas." if form in patient_words and not theirs else form
        return form[:1].upper() + form[1:] if m.group(0)[:1].isupper() else form

    for pattern in _kin_patterns():
        text = pattern.sub(repl, text)
    return text


_MALE_KIN = frozenset({"far", "bror", "sønn", "ektemann", "bestefar", "morfar", "farfar",
                       "onkel", "farbror", "morbror", "svigerfar", "samboer", "kjæreste",
                       "svoger", "nevø", "fetter"})


@lru_cache(maxsize=1)
def _announces_kin() -> re.Pattern[str]:
    kin = alternation(kin_forms())
    return re.compile(rf"^(?:(?:nei|ja|jo|altså)\s*,?\s*)*det\s+(?:er|gjelder)\s+({kin})\s+"
                      rf"{_POSSESSIVE}\s*[.!]?\s*$", re.IGNORECASE)


def kin_announced(text: str) -> tuple[str, str] | None:
    """A sentence that says only whose matter it is ("Nei, det er broren min."): the relative
    in note form, with the pronoun that will take them up ("han"/"hun")."""
    m = _announces_kin().match(text.strip())
    if m is None:
        return None
    form = kin_form(m.group(1))
    return form, "han" if form in _MALE_KIN else "hun"


def relation_of(text: str) -> str | None:
    """Who a relative is, from how they or others say it ("Jeg er datteren hennes",
    "Dette er kona mi", "Jeg har med meg sønnen min") → "datter"; None when not said."""
    kin = alternation(kin_forms())
    t = standardise(text).lower()
    # an interpreter presents themself or is named ("jeg er tolk fra Tolketjenesten",
    # "Og du er tolken?"): they speak for the patient
    interpreter = alternation(phrasebook().words("people", "interpreter"))
    m = re.search(rf"\b(?:jeg er|du er|dette er|her er)\s+(?:en\s+|din\s+)?({interpreter})\b", t)
    if m:
        return m.group(1)
    patterns = (
        rf"\bjeg er ({kin})(?:\s+(?:hans|hennes|til\s+\w+))?",
        rf"\b(?:dette|her) er ({kin})\s+(?:min|mi|mitt)\b",
        rf"\b({kin})\s+(?:min|mi)\s+(?:er|ble|har blitt|kom)\s+(?:her|med)\b",
        rf"\bjeg har (?:med|tatt med)\s+(?:meg\s+)?(?:min\s+|mi\s+)?({kin})",
        rf"\bdu er ({kin})(?:\s+(?:hans|hennes|til\s+\w+))?\s*[?,.]?$",
    )
    for p in patterns:
        m = re.search(p, t)
        if m:
            return kin_form(m.group(1))
    return None


def companion_named(text: str) -> str | None:
    """Who the companion is, as the patient names them when they saw or said something ("Det
    var kona som sa det", "Datteren min merket det først"); the caller makes sure a companion
    speaks in the consultation (the wife who said it may be at home)."""
    kin = alternation(kin_forms())
    seen = r"(?:sa|så|merket|la merke til|oppdaget|fant|ringte|maste|syntes|mente)"
    t = standardise(text).lower()
    m = (re.search(rf"\bdet var ({kin})(?:\s+(?:min|mi|mitt))?\s+som\s+{seen}\b", t)
         or re.search(rf"^(?:og\s+)?({kin})(?:\s+(?:min|mi|mitt))?\s+{seen}\b", t))
    return kin_form(m.group(1)) if m else None


# --- pronouns ------------------------------------------------------------------------------
def _reported(text: str) -> str:
    """ "Hun sier at hun har vondt" → "hun har vondt": the patient's report, relayed."""
    reported = alternation(phrasebook().words("people", "reported"))
    return re.sub(rf"^\s*{reported}\s*,?\s*", "", standardise(text), flags=re.I)


def is_interpreter(relation: str | None) -> bool:
    """The one speaking beside the patient is an interpreter: their words are the patient's."""
    return bool(relation) and kin_form(relation or "") in phrasebook().words("people",
                                                                             "interpreter")


def _interpreted(text: str) -> str:
    """An interpreter's "Hun sier at hun har vondt" is the patient's "Jeg har vondt"."""
    return re.sub(r"\b(?:hun|han)\b", "jeg", _reported(text), flags=re.I)


def _noun(pron: str, role: str, relation: str) -> str:
    """What a pronoun stands for, where it cannot simply be left out."""
    table = {
        "pasient": {"jeg": "pas.", "vi": "familien", "man": "pas.", "du": "pas.",
                    "dere": "legekontoret", "meg": "pas.", "oss": "familien", "deg": "legen"},
        # the doctor's "vi" is the doctor and patient together or the practice, never the
        # patient alone: a note leaves that subject out ("før vi kan si" → "før kan si")
        "lege": {"jeg": "lege", "vi": DROP, "man": "pas.", "du": "pas.",
                 "dere": "familien", "meg": "lege", "oss": "legekontoret", "deg": "pas."},
        "annen": {"jeg": relation, "vi": "familien", "man": "pas.", "du": "legen",
                  "dere": "legekontoret", "meg": relation, "oss": "familien", "deg": "legen",
                  "han": "pas.", "hun": "pas.", "ham": "pas.", "henne": "pas."},
    }
    return table[role].get(pron, pron)


def _subjects(role: str) -> frozenset[str]:
    own = {"jeg", "du", "vi", "man", "dere"}
    return frozenset(own | {"han", "hun"} if role == "annen" else own)


def _main_subject(pron: str, role: str, relation: str, after: str) -> str:
    """A main clause's subject: dropped where it is the patient or the doctor themself."""
    if role == "annen":
        return DROP if pron == "man" else _noun(pron, role, relation)
    if role == "pasient" and pron == "du" and _core(after) in _lists()["addressed"]:
        return "legen"
    if role == "pasient" and pron == "dere":
        return "legekontoret"
    return DROP


def third_person(text: str, speaker: Speaker | str, *, relation: str | None = None,
                 capital: bool = True, attribute: bool = True) -> str:
    """``text`` said by ``speaker`` with no first or second person left (see the module).

    ``relation`` names a relative speaking ("datter", "kona"); unknown → "pårørende".
    ``capital``: start with a capital letter (a sentence); False for a fragment that goes
    inside another statement. ``attribute``: a relative's statement says whose it is
    ("Ifølge datter …"); False where the caller attributes the whole statement itself.
    """
    role = role_of(speaker)
    rel = kin_form(relation) if relation else "pårørende"
    if role == "annen" and is_interpreter(rel):
        role, text = "pasient", _interpreted(text)
    elif role == "annen":
        text = _reported(text)
    text = kinship(_resumed(standardise(text)), relation=rel if role == "annen" else None)
    if role == "lege":
        text = doctor_phrases(text)
    parts = _SPLIT.split(text)
    out = [p if i % 2 else _clause(p, role, rel) for i, p in enumerate(parts)]
    text = situations(_possessives("".join(out), role))
    attributed = role == "annen" and attribute
    text = _finish(text, capital or attributed)
    return _attribute(text, rel) if attributed and text else text


def _clause(clause: str, role: str, relation: str) -> str:
    m = re.search(r"[.!?]+\s*$", clause)
    end = m.group(0) if m else ""
    words = clause[:len(clause) - len(end)].split()
    if not words:
        return clause
    subjects = _subjects(role)
    cores = _object_dere([_core(w) for w in words])
    words, cores = _main(words, cores, subjects, role, relation)
    if role == "lege" and cores[0] in _imperatives() and not any(
            c in subjects or c.startswith("<") for c in cores):
        cores = ["<imp>", *cores]  # the doctor's imperative: "Sett deg" is said to the patient
        words = ["", *words]
    words = _others(words, cores, subjects, role, relation)
    return " ".join(w for w in words if w) + end


def _object_dere(cores: list[str]) -> list[str]:
    """ "dere" after a subject or in an instruction is an object ("jeg ser dere", "sett
    dere"); after the verb of a clause without a subject it is the subject ("da gir dere")."""
    out = list(cores)
    imperative = bool(out) and out[0] in _imperatives()
    for j, c in enumerate(out):
        nxt = out[j + 1] if j + 1 < len(out) else ""
        subject_before = any(w in {"jeg", "du", "vi", "han", "hun", "man"} for w in out[:j])
        if c == "dere" and j and not looks_finite(nxt) and (subject_before or imperative):
            out[j] = "dere*"
    return out


def _main(words: list[str], cores: list[str], subjects: frozenset[str], role: str,
          relation: str) -> tuple[list[str], list[str]]:
    """The main clause's subject: straight ("Jeg har …") or after the verb ("I går fikk jeg …").

    A short front before an inverted subject that is dropped moves to the end ("Fikk feber i
    går"); a subject that stays (a relative) stays where it is.
    """
    i = 0
    while i < len(cores) - 1 and cores[i] in {"og", "men", "så", "da"}:
        i += 1
    if cores[i] in subjects and (i + 1 >= len(cores) or cores[i + 1] not in {"og", "eller"}):
        after = cores[i + 1] if i + 1 < len(cores) else ""
        new = _main_subject(cores[i], role, relation, after)
        return _put(words, cores, i, new, orig=cores[i])
    for k in range(i + 1, min(len(cores), i + 5)):
        if cores[k] in subjects and looks_finite(cores[k - 1]):
            front = cores[i:k - 1]
            if not _real_front(front, cores, k, subjects):
                break
            after = cores[k + 1] if k + 1 < len(cores) else ""
            new = _main_subject(cores[k], role, relation, after)
            words, cores = _put(words, cores, k, new, orig=cores[k])
            if new == DROP and 0 < len(front) <= 3:
                return _move_front(words, cores, i, k)
            if new == DROP and not front:  # "Da gir dere …" → "Gir …"
                words = ["" if n < i and cores[n] in {"da", "så"} else w
                         for n, w in enumerate(words)]
            return words, cores
        if cores[k] in subjects:
            break
    return words, cores


def _real_front(front: list[str], cores: list[str], k: int, subjects: frozenset[str]) -> bool:
    """Whether ``front`` is what comes before the verb of a main clause (a time, an object),
    not a clause of its own ("Det var det fineste jeg visste", "Kona sier jeg snorker")."""
    verbs = [c for n, c in enumerate(front) if c in _lists()["finite"] and (
        n == 0 or front[n - 1] != "i")]  # "i går" is a time, not a verb
    embedded = k + 1 < len(cores) and looks_finite(cores[k + 1])
    return not (verbs or any(c in _lists()["subjunctions"] or c in subjects for c in front)
                or (front and cores[k - 1] in _lists()["say"] and embedded))


def _move_front(words: list[str], cores: list[str], i: int,
                k: int) -> tuple[list[str], list[str]]:
    """ "I går fikk (jeg) feber" → "Fikk feber i går": the front goes to the end, or before a
    clause of time or condition ("Gir første dose når dere kommer hjem")."""
    moved = [_lower_front(w).rstrip(",") for w in words[i:k - 1]]
    order = [*range(i), *range(k - 1, len(words))]
    at = next((n for n, j in enumerate(order) if j > k and cores[j] in _ADVERBIAL_CLAUSE),
              len(order))
    kept = [words[j] for j in order]
    kept_cores = [cores[j] for j in order]
    return ([*kept[:at], *moved, *kept[at:]],
            [*kept_cores[:at], *(_core(w) for w in moved), *kept_cores[at:]])




def _put(words: list[str], cores: list[str], i: int, new: str,
         orig: str) -> tuple[list[str], list[str]]:
    words = list(words)
    cores = list(cores)
    tail = words[i][len(words[i].rstrip(_PUNCT)):]
    words[i] = (new + tail) if new else ""
    cores[i] = f"<{orig}>"  # remembered as the subject for reflexives
    return words, cores


def _lower_front(word: str) -> str:
    core = _core(word)
    return word[:1].lower() + word[1:] if core in _lists()["front"] else word


def _others(words: list[str], cores: list[str], subjects: frozenset[str], role: str,
            relation: str) -> list[str]:
    """Every other pronoun: subjects of subordinate clauses, objects, reflexives."""
    out = list(words)
    last_subject = ""
    for j, c in enumerate(cores):
        if c.startswith("<"):
            last_subject = c.strip("<>")
            continue
        if not out[j]:
            continue
        tail = out[j][len(out[j].rstrip(_PUNCT)):]
        if c == "du" and role == "pasient" and j + 1 < len(cores) and (
                cores[j + 1] in _lists()["addressed"]):
            out[j] = "legen" + tail  # "som du sa": the doctor
            continue
        if c in subjects:
            last_subject = c
            prev = cores[j - 1] if j else ""
            keep_drop = role != "annen" and j > 1 and prev in _lists()["finite"]
            new = DROP if keep_drop else _noun(c, role, relation)
            if role == "lege" and c == "vi" and prev == "at":
                new = "pas."  # "Jeg foreslår at vi venter": what the patient is advised to do
            out[j] = (new + tail) if new else ""
        elif c in {"meg", "deg", "oss", "seg", "ham", "henne", "dere*"}:
            new = _object(c, j, cores, last_subject, role, relation)
            out[j] = new + tail
            if not new and j and cores[j - 1] in {"til", "for"}:
                out[j - 1] = ""
    return out


def _object(c: str, j: int, cores: list[str], subject: str, role: str, relation: str) -> str:
    if _OWN.get(subject) == c or c == "seg" or (subject in {"imp", "dere"} and c in {
            "deg", "dere*"}):
        return "seg"
    if c == "dere*":
        c = "dere"
    if cores[j + 1:j + 2] == ["selv"] and (role, c) in {("lege", "deg"), ("pasient", "meg")}:
        return "seg"  # "tanker om å skade deg selv": the patient's own self
    if c in {"ham", "henne"}:
        return "pas." if role == "annen" else c
    prev = cores[j - 1] if j else ""
    prev2 = " ".join(cores[max(0, j - 2):j])
    give = _lists()["give"]
    if role == "lege" and c == "deg" and (prev in give or prev2 in give):
        return ""
    if role == "lege" and c == "deg" and prev in {"til", "for"} and j == len(cores) - 1:
        return ""
    return _noun(c, role, relation)


_POSS_AFTER = re.compile(rf"(?<=[\wæøå.])\s+{_POSSESSIVE}(?![\wæøå])", re.IGNORECASE)
_POSS_BEFORE = re.compile(rf"(?<![\wæøå]){_POSSESSIVE}\s+(?=[\wæøå])", re.IGNORECASE)


def _possessives(text: str, role: str) -> str:
    text = _POSS_AFTER.sub("", text)
    text = _POSS_BEFORE.sub("", text)
    if role == "annen":
        text = re.sub(r"(?<=[\wæøå])\s+(?:hans|hennes)(?![\wæøå])", "", text, flags=re.I)
    return text


def _finish(text: str, capital: bool) -> str:
    text = tidy(re.sub(r"\s+", " ", text))
    text = re.sub(r"\bpas\.\.", "pas.", text)
    text = re.sub(r"\bpas\.\s+pas\.", "pas.", text)
    return text[:1].upper() + text[1:] if text and capital else text


def _attribute(text: str, relation: str) -> str:
    """A relative's statement with its source: "Ifølge datter har pas. …"."""
    rel = relation[:1].upper() + relation[1:]
    own = rf"(?:{re.escape(relation)}|familien)\b"
    if re.match(own, text, re.IGNORECASE):
        return text
    lowered = text[:1].lower() + text[1:]
    if text.endswith("?"):
        return f"{rel} spør: {lowered}"
    first = re.match(r"pas\.\s+(\S+)\s*(.*)$", text, re.IGNORECASE)
    if first and looks_finite(first.group(1)):
        return f"Ifølge {relation} {first.group(1)} pas. {first.group(2)}".rstrip()
    if "," in text:
        return f"Ifølge {relation}: {lowered}"
    m = re.match(r"(?P<front>(?:\S+\s+){0,3}?)(?P<verb>\S+)\s+pas\.\s*(?P<rest>.*?)(?P<end>[.!]?)$",
                 lowered)
    if m and looks_finite(m.group("verb")) and not any(
            looks_finite(w) for w in m.group("front").split()):
        tail = " ".join(p for p in (m.group("rest"), m.group("front").strip()) if p)
        return f"Ifølge {relation} {m.group('verb')} pas. {tail}".rstrip() + m.group("end")
    return f"Ifølge {relation}: {lowered}"
