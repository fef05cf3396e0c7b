"""What the doctor found, not the narration of finding it.

"Nå lytter jeg på lungene." → nothing; "Jeg hører litt knatring basalt på høyre side" → "Noe
knatring basalt hø. side"; "Blodtrykket er hundre og førti over nitti" → "BT 140/90"; "Det er
litt rødt i halsen" → "Svelg: lett rødt"; "Hjertet høres fint ut" → "Cor: ua."; "Pust dypt
inn" → nothing. The organ named while examining ("lytter på lungene, og hører …") heads the
finding; the word lists are ``[examination]`` in ``data/phrasebook.toml``.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache

from scribe.domain import Speaker
from scribe.draft.classify import FINDING, SYMPTOM
from scribe.draft.corrections import take_back_text
from scribe.draft.person import starts_with_instruction, third_person
from scribe.draft.phrasebook import alternation, phrasebook
from scribe.draft.spoken import abbreviate, capitalise, standardise, strip_fillers, tidy
from scribe.draft.values import find_values, name_values
from scribe.text.numbers import spoken_to_digits

_E = "examination"
# a number counts as a finding, but not a dose, a count of days or a time ("10 mg", "i 3 d")
_MEASURE = (r"(?<![\d.,])\d+(?:[.,]\d+)?(?![\d.,]?\d)(?!\s*(?:mg|g|ml|mikrogram|µg|"
            r"tablett\w*|tbl|kapsl\w*|dager|dag|d|døgn|uker|uke|mnd|måneder|måned|ganger|gang|år|timer|time|t|min|minutter|drag|"
            r"doser?)\b)")
# short finding words that begin many other words: they count only as (nearly) whole words
_WHOLE = {"fri", "fin", "fine", "fint", "fast", "kul", "pos", "neg", "full", "god", "lav", "høy",
          "klar", "tegn", "lik", "likt", "sår", "myk", "ua", "lyd", "funn", "økt", "ok"}
_ADVICE = re.compile(r"^(?:(?:da|så|og)\s+)?(?:du|dere)\s+(?:kan|vil|skal|bør|må|får)\b|"
                     r"^(?:(?:da|så|og)\s+)?(?:kan|vil|skal|bør|må)\s+(?:du|dere)\b", re.I)
_PREP = r"(?:på|i|etter|inn i|bak|over|under|gjennom|rundt|langs|ved)"
_MODALS = r"(?:(?:skal|vil|må|kan|får|tenkte|begynner|fortsetter)\s+(?:å\s+)?(?:bare\s+)?)"
_SUBJ = r"(?:(?:jeg|vi)\s+)"
_ADV = r"(?:(?:bare|også|nå|da|litt|først|kjapt|raskt|så|og|igjen)\s+)"


@dataclass(frozen=True)
class _Rx:
    process: re.Pattern[str]
    perception: re.Pattern[str]
    instruction: re.Pattern[str]
    normal: re.Pattern[str]
    finding: re.Pattern[str]
    organ_at: re.Pattern[str]
    organ_subject: re.Pattern[str]
    organ_end: re.Pattern[str]
    normal_said: re.Pattern[str]
    mild: re.Pattern[str]


@lru_cache(maxsize=1)
def _rx() -> _Rx:
    pb = phrasebook()
    organs = alternation(pb.table(f"{_E}.organs"))
    lead = rf"^{_ADV}*{_SUBJ}?{_MODALS}?{_SUBJ}?{_ADV}*"
    # a short stem must be (nearly) the whole word: "fri" is "fritt", not "Frisklivssentralen"
    stems = "|".join(re.escape(w) + (r"[\wæøå]{0,3}\b" if w in _WHOLE else "")
                     for w in sorted(pb.words(_E, "finding_words"), key=len, reverse=True))
    return _Rx(
        process=re.compile(rf"{lead}{alternation(pb.words(_E, 'process_verbs'))}"
                           rf"(?:\s+(?:jeg|vi))?\b", re.I),
        perception=re.compile(rf"{lead}{alternation(pb.words(_E, 'perception_verbs'))}"
                              rf"(?:\s+(?:jeg|vi))?\s+(?:at\s+)?(?!{_PREP}\b)", re.I),
        instruction=re.compile(rf"^(?:{alternation(pb.words(_E, 'instructions'))})", re.I),
        normal=re.compile(alternation(pb.words(_E, "normal")), re.I),
        finding=re.compile(rf"(?<![\wæøå])(?:{stems}|{_MEASURE})|øm(?:t|me|het)?\b", re.I),
        organ_at=re.compile(rf"\b(?P<p>{_PREP})\s+(?:den\s+|det\s+|de\s+)?(?P<o>{organs})",
                            re.I),
        organ_subject=re.compile(rf"^(?P<o>{organs})\s+(?:(?:er|var|høres|ser|kjennes|virker|slår)"
                                 rf"\s+)(?:ut\s+(?:til\s+å\s+være\s+)?)?", re.I),
        organ_end=re.compile(rf"\s+(?P<p>i|på)\s+(?:den\s+|det\s+)?(?P<o>{organs})\s*$",
                             re.I),
        normal_said=re.compile(r"\b(?:ser|høres|kjennes|virker)\s+(?:helt\s+)?(?:fin|fint|fine|"
                               r"normal|normalt|normale|greit|bra|pent|upåfallende)(?:\s+ut)?\b",
                               re.I),
        mild=re.compile(rf"\blitt\s+(?=({alternation(pb.words(_E, 'mild_before'))})?)", re.I),
    )


def organ_of(text: str) -> str | None:
    """The organ a sentence examines or describes ("lytter på lungene" → "Lunger")."""
    rx = _rx()
    m = rx.organ_at.search(text)
    if m:
        return _organ_label(m.group("o"), m.group("p"))
    m = rx.organ_subject.search(text.strip())
    return _organ_label(m.group("o")) if m else None


def _organ_label(word: str, prep: str = "") -> str:
    pb = phrasebook()
    if prep.lower() in {"på", "over", "rundt", "langs"}:
        outside = {k.lower(): v for k, v in pb.table(f"{_E}.organs_outside").items()}
        if word.lower() in outside:
            return outside[word.lower()]
    table = {k.lower(): v for k, v in pb.table(f"{_E}.organs").items()}
    return table.get(word.lower(), word)


def finding_from_narration(text: str, *, organ: str | None = None) -> str | None:
    """The finding a doctor's examining sentence states, in note form; None when it is only
    narration ("Nå lytter jeg på lungene"), an instruction ("Pust dypt inn") or comfort.

    ``organ`` is the organ being examined when the sentence does not say it (from the
    sentence before); measured values come first ("P 96. SpO2 95 %.").
    """
    t = strip_fillers(take_back_text(text))
    if not t or t.rstrip().endswith("?") or _rx().instruction.match(t) or _ADVICE.match(t):
        return None
    t = spoken_to_digits(standardise(t))
    spans = find_values(t)
    if not spans and (shown := _SHOWS.match(t)):
        # "EKG-et viser sinusrytme, …" → "EKG: sinusrytme, …" (named values are read below)
        test = shown.group("test").lower()
        label = next((v for k, v in _TESTS.items() if test.startswith(k)), capitalise(test))
        return f"{label}: {_lower(abbreviate(shown.group('rest')))}."
    values = [w for _, _, w in spans]
    residual = _cut(t, [(s, e) for s, e, _ in spans])
    organ = organ_of(residual) or organ
    parts = _parts(_clauses(residual), organ, bool(values))
    if values and any(re.search(_MEASURE, p) for p in parts):
        # numbers without a known name ("kalium 4,1", "du er 180"): keep them all in order
        values, parts = [], _parts(_clauses(name_values(t)), organ, True)
    if not values and not parts:
        return None
    values = [capitalise(v) for v in values]
    values = [v.rstrip(".") if v.endswith(" pos.") or v.endswith(" neg.") else v for v in values]
    if values and parts and len(" ".join(parts).split()) <= 4 and ":" not in parts[0]:
        out = ". ".join(values) + ", " + _lower(". ".join(parts)).rstrip(".") + "."
    else:
        out = " ".join(p if p.endswith(".") else p + "." for p in [*values, *parts])
    return out[:1].upper() + out[1:]


# a test and what it shows, said as such: the result is a finding whatever its words
_TESTS = {"ekg": "EKG", "røntgen": "Rtg.", "ultralyd": "UL", "spirometri": "Spirometri",
          "urinstix": "Urinstix", "stix": "Urinstix", "audiometri": "Audiometri",
          "hørselstest": "Audiometri", "ct": "CT", "mr": "MR"}
_SHOWS = re.compile(r"^(?P<test>ekg|røntgen\w*|ultralyd\w*|spirometri\w*|urinstix\w*|stix\w*|"
                    r"audiometri\w*|hørselstest\w*|ct|mr|[\wæøå]+testen)(?:-(?:et|en|a|ene))?"
                    r"\s+(?:viser|viste)\s+(?:at\s+)?(?P<rest>[^.?!]+?)\.?\s*$", re.I)


@lru_cache(maxsize=1)
def _announce() -> re.Pattern[str]:
    verbs = alternation(phrasebook().words(_E, "process_verbs"))
    return re.compile(rf"^{_ADV}*{_SUBJ}?(?:skal|vil|må)\s+{_SUBJ}?{_ADV}*{verbs}\b", re.I)


def announces_examination(text: str) -> bool:
    """Whether the doctor says the next step of the examination ("Så vil jeg se hvordan du
    går."): what follows is about what that step names, not the organ examined before."""
    return bool(_announce().match(strip_fillers(text).strip()))


def instruction_result(text: str) -> str | None:
    """An instruction to the patient, a pause, and what it showed, as the test and its result:
    "Strekk armene fram og lukk øynene ... ingen drift" → "Strekk armene fram og lukk øynene:
    ingen drift."; the instruction says what was tested ("Ta på nesa ... fint" is no nose
    finding). None when nothing after the instruction is a result ("Se på meg ... smil")."""
    parts = [p for p in re.split(r"\s*(?:\.\.\.|…)\s*", text.strip()) if p.strip(" .,")]
    if len(parts) < 2 or not starts_with_instruction(parts[0]) or _POSITION.match(parts[0]):
        return None
    results = [r for p in parts[1:] if (r := _result(p))]
    if not results:
        return None
    test = strip_fillers(third_person(parts[0], Speaker.LEGE)).rstrip(" .,")
    test = re.sub(r"^(?:og|så|da|nå|bare)\s+", "", test, flags=re.I)
    return capitalise(f"{test}: {', '.join(results)}.")


# how the patient is placed or breathes for the examination ("Legg deg på siden med knærne
# opp", "Pust med åpen munn"): no test of its own, what follows is the examination's finding
_POSITION = re.compile(r"^\s*(?:(?:og|så|da|nå|bare)\s+)*(?:legg\s+deg|ligg|sett\s+deg|sitt|"
                       r"snu\s+deg|kle\s+av|ta\s+av\s+deg|len\s+deg|slapp\s+av|pust|hold\s+pusten|"
                       r"åpne\s+munnen|gap|si\s+a+)\b", re.IGNORECASE)


# a result said alone after an instruction ("... stødig", "... fint"): normal, or where it is
_JUDGED = {"fint", "fin", "bra", "greit", "normalt", "normal", "stødig", "støtt", "midtstilt",
           "symmetrisk", "likt", "lik", "ua", "upåfallende"}


def _result(part: str) -> str | None:
    """What a part said after an instruction found, in note form; None for another
    instruction, a question or comfort."""
    if part.rstrip().endswith("?") or starts_with_instruction(part):
        return None
    if part.lower().strip(" .,!") in _JUDGED:
        return part.lower().strip(" .,!")
    found = finding_from_narration(part)
    if found:
        return _lower(found).rstrip(".")
    said = strip_fillers(part, capital=False).rstrip(" .,!")
    words = said.lower().split()
    if 0 < len(words) <= 4 and (words[-1] in _JUDGED or _symptom_or_finding(said)):
        return said
    return None


def _symptom_or_finding(text: str) -> bool:
    return bool(FINDING.search(text) or SYMPTOM.search(text))


def _parts(clauses: list[str], organ: str | None, found: bool) -> list[str]:
    """The findings of ``clauses``; once a sentence has a finding, its other clauses that are
    not narration stay too ("Vekt 22 kg, så han får 30 mg" keeps the dose)."""
    said = [(_finding(c, organ), c) for c in clauses]
    if not found and not any(f for f, _ in said):
        return []
    out = []
    for finding, clause in said:
        if finding:
            out.append(finding)
        elif not _narration(clause) and len(_content_words(clause)) >= 3:
            out.append(abbreviate(third_person(clause, Speaker.LEGE)).rstrip("."))
    return out


_GLUE = {"og", "men", "så", "da", "det", "den", "er", "var", "viser", "her", "der", "jo", "nå"}


def _content_words(clause: str) -> list[str]:
    return [w for w in re.findall(r"[\wæøå]{2,}|\d+", clause.lower()) if w not in _GLUE]


def _narration(clause: str) -> bool:
    rx = _rx()
    c = re.sub(r"^(?:og|men|så|da|nå)\s+", "", clause.strip(), flags=re.I)
    return bool(rx.process.match(c) or rx.instruction.match(c) or _ADVICE.match(c)
                or not strip_fillers(c))


def _cut(text: str, spans: list[tuple[int, int]]) -> str:
    out, last = [], 0
    for start, end in spans:
        out += [text[last:start], ", "]
        last = end
    return tidy("".join(out) + text[last:])


_CLAUSE = re.compile(r";\s+|(?<!\bca)(?<!\bhø)(?<!\bve)(?<!\bpas)\.\s+|"
                     r"(?:,\s*(?:(?:og|men)\s+)?|\s+(?:og|men)\s+)(?=(?:jeg|det|den|de|du|vi|her|der|nå|da|lungene|hjertet|magen|halsen|"
                     r"ørene|trommehinnene)\s)", re.I)


def _clauses(text: str) -> list[str]:
    return [c.strip(" .") for c in _CLAUSE.split(text) if c and re.search(r"\w", c)]


_FRONTED = re.compile(r"^((?:over|i|på|ved|bak|foran|under|rundt)\s+[^,]{3,40}?)\s+"
                      r"(?:hører|ser|kjenner|finner|merker)\s+(?:jeg|vi)\s+(?!at\b)([^,;]+)(.*)$",
                      re.I)


def _finding(clause: str, organ: str | None) -> str | None:
    rx = _rx()
    c = re.sub(r"^(?:og|men|så|da|nå)\s+", "", clause.strip(), flags=re.I)
    # the place said first, the finding after the verb: "Over nedre del av høyre lunge hører
    # jeg knatrelyder" → "knatrelyder over nedre del av høyre lunge"
    c = _FRONTED.sub(lambda m: f"{m.group(2)} {m.group(1).lower()}{m.group(3)}", c)
    perceived = rx.perception.match(c)
    if perceived:
        c = c[perceived.end():]
    elif rx.process.match(c):
        return None
    c = re.sub(r"\s+(?:her|der)(?:\s+(?:nede|oppe|inne|ute|bak))?\s*$", "", c, flags=re.I)
    if rx.normal.search(c) or rx.normal_said.search(c):
        return _normal(c, organ)
    c = re.sub(r"^(?:(?:det|her|der)\s+(?:er|var)\s+(?:det\s+)?|det\s+(?:ses|høres)\s+)", "", c,
               flags=re.I)
    c = re.sub(r"^det\s+(?:ser|høres|kjennes)\s+(.+?)\s+ut\b", r"\1", c, flags=re.I)
    if not rx.finding.search(c):
        return None
    c = third_person(c, Speaker.LEGE).rstrip(".")
    c = re.sub(r"^(?:har|hadde|får)\s+", "", c, flags=re.I)
    c = rx.mild.sub(lambda m: "lett " if m.group(1) else "noe ", c)
    c = abbreviate(c)
    return _with_organ(c, organ)


def _normal(clause: str, organ: str | None) -> str:
    """ "Organ: ua."; a normal finding about something else stays as said ("Kraften i beina
    er fin"); "Normale funn." when nothing else is named."""
    rx = _rx()
    m = rx.organ_subject.match(clause)
    label = _organ_label(m.group("o")) if m else organ_of(clause) or organ
    if label:
        return f"{label}: ua."
    rest = rx.normal_said.sub("", rx.normal.sub("", clause))
    rest = re.sub(r"\b(?:det|dette|den|alt|her|der|jeg|finner|ser|er|helt|ut)\b", "", rest,
                  flags=re.I)
    if re.search(r"[\wæøå]{3,}", rest):
        return abbreviate(third_person(clause, Speaker.LEGE)).rstrip(".")
    return "Normale funn."


def _with_organ(text: str, organ: str | None) -> str:
    rx = _rx()
    m = rx.organ_subject.match(text)
    if m:
        return f"{_organ_label(m.group('o'))}: {_lower(text[m.end():])}"
    m = rx.organ_end.search(text)
    if m:
        return f"{_organ_label(m.group('o'), m.group('p'))}: {_lower(text[:m.start()])}"
    organ = (_implied_organ(text) or organ) if organ else None  # replaces, never adds
    if organ and not rx.organ_at.search(text) and not names_own_site(text):
        return f"{organ}: {_lower(text)}"
    return text[:1].upper() + text[1:]


# the organ examined before carries over only to a finding that names no site of its own:
# "Ingen knatring" stays with the lungs, "Ingen hevelse i leggene", "Skjoldbruskkjertelen er
# ikke forstørret" or "Han er pratsom" do not
_DEFINITE = r"[\wæøå-]{3,}(?:en|et|ene|a)"
_SIDE = r"(?:ut|inn|over|under|bak|for)siden|toppen|midten|kanten|spissen|roten"
_OWN_SUBJECT = re.compile(rf"^(?:{_DEFINITE}|han|hun|pas\.|pasienten)\s+(?:og\s+[\wæøå-]+\s+)?"
                          r"(?:er|var|ser|høres|kjennes|virker|fungerer|reagerer|slår|viser|"
                          r"beveger|har|ligger)\b", re.I)
_OWN_PLACE = re.compile(rf"\b(?:i|på|over|under|rundt|bak|ved|langs)\s+(?:begge\s+|høyre\s+|"
                        rf"venstre\s+|hø\.\s+|ve\.\s+)?(?!(?:{_SIDE})\b){_DEFINITE}\b", re.I)
_ORGAN_WORD = re.compile(r"\b(?:hjerte\w*|lunge\w*|cor|pulm|abd|collum|caput)\b", re.I)


# findings that can only be of one organ ("ingen pipelyder" is the lungs, whatever was
# examined just before)
_IMPLIED = (("Lunger", re.compile(r"\b(?:pipelyd\w*|knatr\w*|knitr\w*|respirasjonslyd\w*|"
                                  r"ronki|krepitasjon\w*|gnidningslyd\w*)", re.I)),
            ("Cor", re.compile(r"\b(?:bilyd\w*|galopp\w*)", re.I)))


def _implied_organ(text: str) -> str | None:
    found = [organ for organ, rx in _IMPLIED if rx.search(text)]
    return found[0] if len(found) == 1 else None


def names_own_site(text: str) -> bool:
    """Whether a finding names its own site or subject (a body part, the patient, a test)."""
    return bool(_OWN_SUBJECT.match(text.strip()) or _OWN_PLACE.search(text)
                or _ORGAN_WORD.search(text))


def _lower(text: str) -> str:
    if len(text) > 1 and text[1].isupper():
        return text
    return text[:1].lower() + text[1:]
