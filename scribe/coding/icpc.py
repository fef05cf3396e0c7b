"""ICPC-2 suggestions: candidates from the index, ranked by rules, optionally chosen by an LLM.

Queries come from the doctor's assessment sentences ("min vurdering er …", "du har en …",
"mistanke om …"), then the rest of the doctor's speech, then the patient's complaints. A term
that is negated ("ingen tegn til lungebetennelse") does not count; a diagnosis that is only
suspected gives way to its symptom code, per the ICPC rule "code at the certainty reached".
Process codes (-30 to -69) are never suggested. Every code comes from the imported edition.
"""

from __future__ import annotations

import re
import tomllib
from collections import Counter, defaultdict
from collections.abc import Collection, Sequence
from dataclasses import replace
from functools import lru_cache
from importlib import resources
from typing import TYPE_CHECKING, Any

from scribe.coding import llm_choice
from scribe.coding.fear import FearCodes, feared_in
from scribe.coding.index import CodeIndex, TermMatch, synonyms_in_place
from scribe.coding.model import ICPC2, Candidate, IcpcCode
from scribe.coding.reference import Reference
from scribe.coding.suggestion import SECONDARY, WEAK
from scribe.domain import CodeSuggestion, ConsultationFacts, Fact, Sex, Speaker, Transcript
from scribe.errors import ReferenceDataError
from scribe.llm.api import ChatModel
from scribe.text.facts import has_any, lowered
from scribe.text.kinship import either_of, kin_words
from scribe.text.normalise import stem, words
from scribe.text.numbers import NUMBER_WORD
from scribe.text.sentences import (
    CONDITION_FIRST,
    GREETING_QUESTION,
    OPENING_QUESTION,
    Sentence,
    split_segments,
    split_text,
)

if TYPE_CHECKING:
    from scribe.coding.semantic import SemanticIndex

ASSESSMENT = ("vurdering", "vurderingen", "du har en", "du har", "han har", "hun har",
              "det er nok", "jeg tror", "tror det er", "dette er", "det er en", "høres ut som",
              "høres dette ut som",
              # with a word of how much: "Det høres veldig ut som vannkopper"
              "høres veldig ut som", "høres mest ut som", "høres nok ut som", "ser mest ut som",
              "ser nok ut som", "ser veldig ut som",
              "tyder på", "passer med", "passer det med", "passer best med",
              "sannsynlig", "diagnose", "trolig", "ser ut som", "forenlig med", "dreier seg om",
              # spoken "dette er": "Det her er typisk tredagersfeber"
              "det her er", "den her er",
              "mistanke", "mistenker", "konklusjon", "det er et", "det er snakk om", "vi kaller",
              # what a complaint is: "Hevelsen i anklene er en kjent bivirkning av amlodipin"
              "er en kjent", "er en typisk", "er en klassisk", "er et typisk", "er et klassisk",
              # the doctor's view said first ("Sånn jeg ser det, har du irritabel tarm") and
              # what the patient describes named ("Det du beskriver, er halsbrann …")
              "sånn jeg ser det", "slik jeg ser det", "etter min mening", "min oppfatning",
              "det du beskriver", "det du forteller om",
              # the same with the verb before the subject, as Norwegian puts it after a
              # fronted clause ("Slik jeg vurderer det, har du en utmattelsesreaksjon"), and
              # the name given ("På fagspråket kalles det …", "I kodeverket heter det …")
              "slik jeg vurderer det", "sånn jeg vurderer det", "har du en", "har du et",
              "har du nok", "kalles det", "heter det",
              # what it is most like: "Det ligner mest på karpaltunnelsyndrom"
              "ligner mest på", "likner mest på", "ligner mye på", "ligner veldig på")
SUSPECTED = ("mistanke", "mistenker", "kan være", "kan det være", "mulig", "muligens",
             "usikker", "utelukke", "ikke sikker", "må sjekke", "se om", "om det er",
             "kan skyldes", "kanskje", "for eksempel", "vil undersøke om", "få avklart",
             "utrede", "utredes", "utredning", "ikke avklart", "foreløpig",
             # whether: "Da ser vi om du har begynnende KOLS", "sjekke om det er astma"
             "ser vi om", "ser om", "sjekke om", "finne ut om", "om du har", "om han har",
             "om hun har")
# Cues that name the conclusion itself, not a finding ("du har protein i urinen").
CONCLUSION = ("vurdering", "vurderingen", "det er nok", "passer med", "passer det med",
              "passer best med", "tyder på", "forenlig med", "dreier seg om", "konklusjon",
              "diagnose", "diagnosen", "vi kaller")
# The doctor acts on a problem: a treatment changed, a check planned ("vi bytter …").
PLAN = ("bytter", "bytte til", "øker dosen", "øke dosen", "reduserer dosen", "trapper",
        # a dose set down or halved: "Derfor vil jeg sette dosen ned igjen fra ti til fem"
        "sette dosen ned", "setter dosen ned", "sette ned dosen", "setter ned dosen",
        "redusere dosen", "halvere dosen", "halverer dosen", "senke dosen", "senker dosen",
        "starter med", "begynner med", "seponer", "slutter med", "justerer", "ny kontroll",
        "kontroll om", "følge opp", "følger opp", "ny resept", "fornye", "fornyer")
# A conclusion that refers back to the findings just listed ("Sammen med hodepinen passer det
# med …"): those findings are its grounds, not problems of their own.
GROUNDS = ("sammen med", "til sammen", "alt dette", "alt i alt", "samlet sett", "samlet",
           "dette passer", "det passer", "dette tyder", "det tyder")
# A test result the doctor reads out; the next sentence names what it shows ("Den er positiv.
# Det er streptokokker.").
POSITIVE = re.compile(r"\b(?:er|var|ble) (?:klart |svakt )?positiv\b|\bslo (?:ut|positivt)\b")
# (and in dialect and nynorsk: "ein ting te", "ein annan ting", "noko anna")
NEW_PROBLEM = ("en annen ting", "en ting til", "noe annet", "et annet spørsmål", "forresten",
               "ein ting til", "ein ting te", "en ting te", "ein annan ting", "noko anna",
               "nåkka anna", "ei anna sak",
               "det andre vi", "det andre jeg", "mens jeg er her", "mens jeg først er her")
# (and "ikke" as said in the dialects: "Han e itj trist", "e ha itte vøri sjuk")
NEGATION = ("ikke", "ingen", "uten", "ikkje", "avkreftet", "negativ", "ingenting", "intet",
            "itj", "ittj", "itte", "ikkj", "inkje")
# a negation further before the term, across the words that say what it denies: "Det er
# ingenting her som tyder på hjertesykdom", "ikke noen tegn til lungebetennelse", "ikke
# for tanker om å skade deg selv"
# (and across what the doctor cannot call it: "kan vi ikke si at du har høyt blodtrykk")
DENIES_VIA = ("tyder", "tegn", "holdepunkt", "holdepunkter", "mistanke", "peker", "tanker",
              "si", "kalle", "snakke")
NEGATION_REACH = 8
# A disease named as a risk or as what to prevent ("økt risiko for diabetes") is not present.
RISK = re.compile(r"\b(?:risiko|risikoen|fare|faren|disponert|disposisjon) for\b"
                  # what something may lead to: "det kan gi netthinneløsning"
                  r"|\bkan (?:også )?(?:gi|føre til|utvikle seg til|ende med|skade)\b"
                  # who gets it: "det er vanlig i din alder, og særlig hos nærsynte"
                  r"|\b(?:særlig|spesielt|især|oftest|oftere|vanlig|vanligst|vanligere|"
                  r"hyppig|hyppigst|hyppigere) hos\b"
                  r"|\b(?:forebygge|forebygger|forebyggende|unngå|hindre|beskytte mot|"
                  r"beskytter mot|beskyttet mot|\w*vaksine\w* mot|vaksinert mot|"
                  r"vaksinere mot)\b")
# Said of the past ("du har hatt lav blodprosent"): history, not the doctor's assessment.
# (and what has been taken: "Han har brukt den i snart to år, siden alzheimer-diagnosen";
# and how one is or looks, no diagnosis: "Du ser ut som du har det vondt"; not what it is
# called: "Du har det vi kaller frossen skulder", "Han har det som heter helvetesild")
HISTORY = re.compile(r"\b(?:du|han|hun|dere) (?:har|hadde) (?:jo |også |tidligere )?"
                     r"(?:hatt|brukt|tatt|gått på|det(?!\s+(?:som|vi)\b))\b"
                     r"|\b(?:du|han|hun) ser ut som\b")
# The doctor lists what must be ruled out: each diagnosis there is at most a suspicion.
VACCINE_REACH = 3  # words after a disease that may name the vaccine it is part of
RISK_REACH = 8  # words after the cue that it covers ("risiko for diabetes og hjertesykdom")
# (and what a test is to look for: "Da kan vi sjekke for urinveisinfeksjon også", "tester
# for klamydia" — a problem looked for, not one found or treated)
RULE_OUT = ("utelukke", "utelukker", "utelukkes", "vi må sjekke", "må se etter", "sjekke for",
            "sjekker for", "sjekket for", "teste for", "tester for", "testet for",
            "tester vi for", "sjekker vi for", "screene for", "screener for", "undersøke for",
            "se etter tegn på")
# The doctor takes or orders samples: what follows names analytes ("blodprøver: stoffskifte,
# kolesterol"), not problems.
SAMPLES = ("blodprøve", "blodprøver", "vi tar prøver", "tar vi prøver", "prøvene", "rekvirer",
           "sendes til laboratoriet", "sender til laboratoriet", "sjekke jernlagrene")
# Qualifiers in the code list's terms, never said and never negated.
_QUALIFIERS = frozenset({"ina", "ika", "nos", "annen", "andre"})
W_ASSESS, W_DOCTOR, W_COMPLAINT, W_PATIENT, W_QUESTION = 6.0, 1.5, 4.0, 1.0, 0.5
W_CONCLUDE = 7.5  # an assessment sentence that states the conclusion
# Calibrated on the development cases: below this strength the best code is wrong more often
# than right (nothing said reaches a complaint's or an assessment's weight).
WEAK_BELOW = 2.5
RFE_SHARE = 0.4  # a problem this strong, raised first, is the reason for the encounter
GENERAL_SHARE = 0.5  # a general (chapter A) code's weight once an organ problem is assessed
STATED_SHARE = 0.5  # a stated diagnosis this strong beats its chapter's symptom code


# the complaint named by what it looks or feels like, then what it is: "Det røde er en
# blødning under bindehinnen", "Det hovne er en slimpose" (an adjective made a noun)
_NAMES_IT = re.compile(r"(?:^|:\s+)(?:det|den|de)\s+[a-zæøå]+e\s+(?:er|var)\s+(?:nok\s+)?"
                       r"(?:en|et|ei)\s")
_RESTATES = re.compile(r"^(?:du|dere)\s+(?:skrev|skriver|har skrevet|hadde skrevet|sendte|"
                       r"hadde sendt|ringer|ringte|nevnte|hadde nevnt|meldte)\b")


# a diagnosis as a point in time: "han har brukt den i snart to år, siden alzheimer-diagnosen"
_WHEN_DIAGNOSED = re.compile(r"\b(?:siden|etter|før|fra)\s+(?:[\w-]+-)?diagnosen\b", re.I)


def _role(s: Sentence, complaint_ids: set[str]) -> float:
    if s.speaker == Speaker.LEGE:
        if s.text.rstrip().endswith("?"):
            # the reason the patient gave before the visit, asked back at its opening ("Du
            # skrev at kondomet røk?"): the complaint, in the doctor's words
            opening = s.segment_id in complaint_ids and _RESTATES.match(s.text)
            return W_COMPLAINT if opening else W_QUESTION
        said = _WHEN_DIAGNOSED.sub(" ", s.text)
        if has_any(said, CONCLUSION):
            return W_CONCLUDE
        if has_any(HISTORY.sub(" ", said), ASSESSMENT) or _NAMES_IT.search(s.text) or (
                _SAYS_WHAT.match(s.text) and len(s.text.split()) <= 12):
            return W_ASSESS
        return W_COMPLAINT if s.segment_id in complaint_ids else W_DOCTOR
    return W_COMPLAINT if s.segment_id in complaint_ids else W_PATIENT


def _term_positions(sentence: str, m: TermMatch, *, lay: bool = False,
                    ) -> tuple[list[str], list[int]]:
    """The sentence's words and where a word of the term ``m`` stands among them; ``lay``:
    with the term-list words of its everyday phrases after them ("vondt smerte")."""
    toks, hits = _positions(sentence, m, lay)
    return list(toks), list(hits)


@lru_cache(maxsize=4096)
def _positions(sentence: str, m: TermMatch, lay: bool) -> tuple[tuple[str, ...], tuple[int, ...]]:
    # (read once per sentence and term: each filter of a match asks where its words stand)
    toks = words(synonyms_in_place(sentence) if lay else sentence)
    return tuple(toks), tuple(_hits(toks, _term_stems(m)))


def _negated(sentence: str, m: TermMatch) -> bool:
    """A word of the term with a negation among the three words before it, or the term as
    what a test that came back negative looked for ("testen for kyssesyke er negativ")."""
    if any(w in NEGATION for w in words(m.term.lower())[1:]):
        return False  # a complaint said with its negation ("får ikke ereksjon")
    toks, hits = _term_positions(sentence, m, lay=True)
    if any(w in NEGATION for i in hits for w in toks[max(0, i - 3):i]):
        return True
    if any(_denied_before(toks, i) for i in hits):
        return True
    if any(_tested_negative(toks, i) for i in hits):
        return True
    if any(_unlikely_before(toks, i) for i in hits):
        return True
    for i in hits:
        before = toks[max(0, i - NEGATION_REACH):i]
        neg = [j for j, w in enumerate(before) if w in NEGATION]
        if neg and any(w in DENIES_VIA for w in before[neg[0] + 1:]):
            return True
        # what a degree denied would have led to: "du har ikke blødd så mye at du har fått
        # blodmangel"
        if neg and _SO_MUCH_THAT.search(" ".join(before[neg[0] + 1:])):
            return True
    return False


_SO_MUCH_THAT = re.compile(r"\bså (?:mye|lenge|mange|sterkt|høyt|lavt|ille|alvorlig) at\b")


# the little words between a negation and what it denies: "tror ikke det er en
# testikkeltorsjon", "ikke sannsynlig at det er en blindtarmbetennelse", "det ser ikke ut som
# en depresjon"
_DENIAL_FILLER = frozenset({"det", "er", "at", "en", "et", "ei", "noen", "noe", "snakk", "om",
                            "her", "egentlig", "sikkert", "ut", "som"})


def _denied_before(toks: list[str], i: int) -> bool:
    """A negation before the word at ``i`` across the little words of a denial and at most
    one other word ("tror ikke det er en …"); "men" ends the reach ("ikke farlig, men det er
    en …")."""
    other = 0
    for w in reversed(toks[max(0, i - NEGATION_REACH):i]):
        if w in NEGATION:
            return True
        if w == "men":
            return False
        if w not in _DENIAL_FILLER:
            other += 1
            if other > 1:
                return False
    return False


# what the doctor judges unlikely: "gjør det veldig lite sannsynlig at det er noe med hjertet
# eller lungene, også en blodpropp i lungene"; "usannsynlig at …", "lite trolig at …"
_UNLIKELY = re.compile(r"^(?:lite|usannsynlig|ikke)$")


def _unlikely_before(toks: list[str], i: int) -> bool:
    """"(lite|ikke) sannsynlig/trolig at" or "usannsynlig at" before the word at ``i`` in its
    sentence, with no "men" between: all that follows in the clause is judged unlikely, the
    list it opens included."""
    for j in range(i - 1, 0, -1):
        if toks[j] == "men":
            return False
        if toks[j] == "at" and (toks[j - 1] == "usannsynlig" or (
                j > 1 and toks[j - 1] in {"sannsynlig", "trolig"}
                and _UNLIKELY.match(toks[j - 2]) is not None)):
            return True
    return False


_TEST_WORD = re.compile(r"\w*(?:test|prøve|stix)\w*")
_RESULT_VERBS = {"er", "var", "ble"}


def _tested_negative(toks: list[str], i: int) -> bool:
    """The word at ``i`` stands between a test word and "er/var/ble negativ", with no "men"
    between: what the test looked for, ruled out."""
    before = toks[max(0, i - 4):i]
    if not any(_TEST_WORD.fullmatch(w) for w in before):
        return False
    for j in range(i + 1, len(toks) - 1):
        if toks[j] == "men":
            return False
        if toks[j] in _RESULT_VERBS and toks[j + 1].startswith("negativ"):
            return True
    return False


# A relative's disease as the patient tells it ("far min fikk hjerteinfarkt", "diabetes i
# familien"): family history, not the patient's problem. Only the patient's own words: a
# relative or the doctor speaking to one says "mora di" of the patient.
# (the list of relatives is read when first needed, not when the module is imported)
@lru_cache(maxsize=1)
def relative_said() -> re.Pattern[str]:
    return re.compile(rf"(?<![\wæøå])(?:(?:{either_of(kin_words())})\s+(?:min|mi|mitt|mine|"
                      r"din|di|hans|hennes)|i familien|familiær\w*|arvelig\w*)\b")


def _family(s: Sentence, m: TermMatch) -> bool:
    """The term is said of a relative in the same clause."""
    if s.speaker != Speaker.PASIENT:
        return False
    return any(relative_said().search(clause) and _term_positions(clause, m)[1]
               for clause in re.split(r"[,;]|\bmen\b", s.text))


# The doctor saying in a few words what it is: "Det er overvekt, men ikke fedme."
# (also with the verb first after "da"/"så", as Norwegian puts it: "Da er det nesten helt
# sikkert barnemark.")
_SAYS_WHAT = re.compile(r"^(?:(?:så |da )?(?:det|dette) er|(?:så|da|nå) er (?:det|dette)) "
                        r"(?:nok |trolig |altså |sikkert |(?:nesten )?helt sikkert |helt |"
                        r"veldig |ganske |svært )?"
                        # (what is common or normal is said of everyone, not named: "Det er
                        # helt vanlig å bli urolig")
                        r"(?!helt\b|veldig\b|ganske\b|svært\b|ikke\b|bra\b|fint\b|greit\b|normalt?\b|lavt?\b|høyt?\b|litt\b|viktig\b|vanlig\b|"
                        r"ofte\b|bare\b|det\b|den\b|derfor\b|lurt\b|godt\b|en\b|et\b)[a-zæøå]+")


def _at_risk(sentence: str, m: TermMatch) -> bool:
    """The term is named just after "risiko for …", "forebygge …" in the same clause, or is
    what a vaccine is named by ("hepatitt A-vaksine"): a risk, not a problem. A term that is
    itself a risk ("Økt risiko for hjerte-karsykdom") stays."""
    if RISK.search(m.term.lower()):
        return False
    term = _term_stems(m)
    for clause in _risk_clauses(sentence):
        toks = words(clause)
        spoken = " ".join(toks)
        cues = [len(spoken[:c.start()].split()) for c in RISK.finditer(spoken)]
        if any(0 < i - c <= RISK_REACH for i in _hits(toks, term) for c in cues):
            return True
    # the disease a vaccine is named by ("hepatitt A-vaksine", "difteri-, stivkrampe- og
    # poliovaksine"): what it protects against (the list read whole, across its commas)
    toks = words(sentence)
    return any("vaksin" in w for i in _hits(toks, term)
               for w in toks[i + 1:i + 1 + VACCINE_REACH])


def _hits(toks: list[str], term: Collection[str]) -> list[int]:
    """Where in ``toks`` a word of the term (its stems, ``term``) stands."""
    return [i for i, st in enumerate(stem(w) for w in toks)
            if any(st.startswith(t[:5]) or t.startswith(st[:5]) for t in term)]


def _risk_clauses(sentence: str) -> list[str]:
    """The sentence's clauses, a list after a risk cue kept whole ("beskytter mot stivkrampe,
    difteri og kikhoste"): a part of a few words after a clause with the cue continues it."""
    out: list[str] = []
    for part in re.split(r"[,;]", sentence):
        if out and RISK.search(" ".join(words(out[-1]))) and len(words(part)) <= 3:
            out[-1] = f"{out[-1]} {part}"
        else:
            out.append(part)
    return out


# someone a worry is for: "Æ e litt bekymra for han far" (the son's worry, not a symptom)
@lru_cache(maxsize=1)
def persons() -> frozenset[str]:
    return frozenset({"han", "ham", "hun", "ho", "henne", "dem", "deg", "gutten", "jenta",
                      "babyen", *kin_words()})


def _worried_for(sentence: str, m: TermMatch) -> bool:
    """The term is a feeling for a person ("bekymret for han far", "redd for henne"): what the
    speaker feels about someone else, not a complaint."""
    toks, hits = _term_positions(sentence, m)
    return bool(hits) and all(
        i + 2 < len(toks) and toks[i + 1] == "for" and toks[i + 2] in persons() for i in hits)


# "sår" is a wound of the skin, an ulcer inside ("kanskje et sår" of the stomach) or sore
# ("sår hals"); a graze ("skrubb", "abrasjon", "rift") is the skin's unless the turn names
# another surface ("en skrubb på hornhinnen"): beside an inner organ or the eye, the wound
# words are not the skin's
_INNER = re.compile(r"\b(?:mage|magen|magesekk\w*|tarm\w*|tolvfinger\w*|spiserør\w*|"
                    r"ventrikkel\w*|duoden\w*|munn\w*|hals\w*|svelg\w*|hornhinn\w*|"
                    r"bindehinn\w*|regnbuehinn\w*|øyet|øye|auga|auget)\b")
_WOUND = frozenset(stem(w) for w in ("sår", "skrubb", "skrubbsår", "abrasjon", "rift"))


def _bare_wound(sentence: str, m: TermMatch, index: CodeIndex) -> bool:
    """A skin code reached only by wound words (to be read in its turn: "Men jeg vet ikke
    ennå om du har et sår" follows "kanskje et sår" of the stomach)."""
    if index.ref.codes[m.code].chapter != "S":
        return False
    toks, hits = _term_positions(sentence, m)
    return bool(hits) and all(stem(toks[i]) in _WOUND for i in hits)


# words that are a disease only in one of their senses: "kopper" counted are cups ("seks-sju
# kopper om dagen", "to kopper kaffe"), "slags" is a kind ("en slags lupe"), never a stroke,
# and "skuld" is nynorsk "skyld" ("for moro skuld"), never a shoulder (skulder, skuldra)
_EVERYDAY = frozenset({"slags", "slaks", "skuld"})
_COUNT = re.compile(rf"^(?:\d+|{NUMBER_WORD}|en|ei|ett|par|noen|flere|mange|få)$", re.IGNORECASE)
_DRINKS = frozenset({"kaffe", "te", "kakao", "vann", "melk", "buljong"})


def _other_sense(sentence: str, m: TermMatch) -> bool:
    """Every word of the term that was heard is said in its everyday sense."""
    toks, hits = _term_positions(sentence, m)
    if not hits:
        return False

    def everyday(i: int) -> bool:
        if toks[i] in _EVERYDAY:
            return True
        return toks[i] == "kopper" and (
            (i > 0 and _COUNT.match(toks[i - 1]) is not None)
            or (i + 1 < len(toks) and toks[i + 1] in _DRINKS))

    return all(everyday(i) for i in hits)


# "krampe" of a muscle ("muskelen … er i krampe", "krampe i leggen") is a spasm, not the
# nervous system's seizures (N07 "Krampeanfall/kramper")
_CRAMP = frozenset(stem(w) for w in ("krampe", "kramper", "krampa", "krampen", "krampene"))
_MUSCLE = re.compile(r"\b(?:muskel\w*|musklane|musklene|legg(?:en|ane|ene|er)?|lår\w*|"
                     r"fot(?:en)?|føttene|tær|tærne|nakke\w*|rygg\w*|skulder\w*|skuldr\w*|"
                     r"arm(?:en)?|hand(?:a)?|hånd\w*|finger|fingrene|mage\w*|kjeve\w*)\b",
                     re.IGNORECASE)


def _muscle_cramp(sentence: str, m: TermMatch, index: CodeIndex) -> bool:
    """A nervous-system code reached only by "krampe" in a sentence about a muscle."""
    if index.ref.codes[m.code].chapter != "N" or _MUSCLE.search(sentence) is None:
        return False
    toks, hits = _term_positions(sentence, m)
    return bool(hits) and all(stem(toks[i]) in _CRAMP for i in hits)


# A social problem (chapter Z: "Problem med forhold til foreldre") is a relation, a job or money
# named together with its trouble; the parents, the work or the family named alone ("Jeg har
# taushetsplikt, også overfor foreldrene dine", "Det høres ut som hardt arbeid") is no problem
_TROUBLE = re.compile(r"\b(?:problem\w*|konflikt\w*|vansk\w*|krangl\w*|krangel\w*|uenig\w*|"
                      r"bekym\w*|stress\w*|sliter|slite|trøbbel|mobb\w*|vold\w*|skilsmiss\w*|"
                      r"brudd\w*|tap\w*|død\w*|døde|mistet|sorg\w*|gjeld\w*|arbeidsledig\w*|"
                      r"oppsagt|sagt opp|permitter\w*|ensom\w*|utbrent|belast\w*|press\w*|"
                      r"misbruk\w*|omsorg\w*|syk\w*)\b", re.IGNORECASE)


def _relation_only(sentence: str, m: TermMatch, index: CodeIndex) -> bool:
    """A chapter-Z code reached by part of its term, in a sentence that names no trouble."""
    return (index.ref.codes[m.code].chapter == "Z" and m.coverage < 1.0
            and _TROUBLE.search(sentence) is None)


_IF = {"hvis", "dersom"}


def _if(s: Sentence, m: TermMatch) -> bool:
    """The doctor names the term only after "hvis"/"dersom" in the sentence: what to watch
    for ("… ta kontakt hvis du blir forvirret"), not what the patient has."""
    if s.speaker != Speaker.LEGE:
        return False
    toks, hits = _term_positions(s.text, m)
    first_if = next((i for i, w in enumerate(toks) if w in _IF), None)
    return bool(hits) and first_if is not None and all(i > first_if for i in hits)


def _term_stems(m: TermMatch) -> list[str]:
    head = m.term.lower().partition(" uten ")[0]  # "Migrene uten aura": "uten" is the term's
    # (a term of one short word, "ms", is that word: it too can be negated or feared)
    return [stem(w) for w in words(head) if len(w) > 2 and w not in _QUALIFIERS] or [
        w for w in words(head) if w not in _QUALIFIERS]


def _restates(turn: str) -> bool:
    """A sentence of the doctor's turn asks back the reason given before the visit ("Du
    hadde skrevet at …?"; told back as a statement, "Du nevnte hjertebank da du var her.", it
    recalls an earlier visit)."""
    return any(_RESTATES.match(part.lower()) and part.endswith("?")
               for part in split_text(turn))


def _complaints(transcript: Transcript) -> set[str]:
    """The first turns of each side, and the answer to the doctor's opening question with the
    patient's turn after it (after an identity check on video, the matter comes later): the
    reason for the visit."""
    segs = transcript.segments
    patient = [s.id for s in segs if s.speaker != Speaker.LEGE]
    doctor = [s.id for s in segs if s.speaker == Speaker.LEGE]
    out = set(patient[:3]) | set(doctor[:2])
    asked = [k for k, seg in enumerate(segs[:12]) if seg.speaker == Speaker.LEGE
             and "?" in seg.text and (OPENING_QUESTION.search(seg.text)
                                      or _restates(seg.text))]
    if asked:
        k = asked[0]
        if _restates(segs[k].text):
            # the reason given before the visit, asked back after the identity check and
            # the chat ("Du hadde skrevet på Helsenorge at du ville utsette mensen?")
            out.add(segs[k].id)
        if len(asked) > 1 and asked[1] - k == 2 and GREETING_QUESTION.search(segs[k].text):
            out.discard(segs[k + 1].id)  # "Hvordan går det?" answered with chat: a greeting
            k = asked[1]
        out.update([s.id for s in segs[k + 1:] if s.speaker != Speaker.LEGE][:2])
    return out


def _turn_answered(transcript: Transcript, seg_pos: dict[str, int], s: Sentence,
                   sentences: list[Sentence], pos: int) -> str | None:
    """The other speaker's turn that the doctor's turn holding ``s`` answers, when ``s`` is
    that turn's first sentence."""
    i = seg_pos[s.segment_id]
    if i == 0 or (pos and sentences[pos - 1].segment_id == s.segment_id):
        return None
    before = transcript.segments[i - 1]
    return before.id if before.speaker != Speaker.LEGE else None


def _sentences(transcript: Transcript) -> list[Sentence]:
    """Everyone's sentences, lowercased."""
    return lowered(split_segments(transcript.segments), speakers=list(Speaker))


def collect_candidates(transcript: Transcript, index: CodeIndex) -> dict[str, Candidate]:
    """Every code a sentence points at, with role-weighted scores and certainty."""
    cands: dict[str, Candidate] = {}
    complaint_ids = _complaints(transcript)
    seg_pos = {seg.id: i for i, seg in enumerate(transcript.segments)}
    raised_until = -1
    sentences = _sentences(transcript)
    plan_turns = {s.segment_id for s in sentences
                  if s.speaker == Speaker.LEGE and has_any(s.text, PLAN)}
    roles = _turn_roles(sentences, complaint_ids)
    confirmed = _confirmed(sentences)
    inner_turns = {s.segment_id for s in sentences if _INNER.search(s.text.lower())}
    feared: dict[str, tuple[str, ...]] = {}
    for pos, s in enumerate(sentences):
        if s.speaker == Speaker.LEGE and (s.text.startswith(("hvis", "dersom", "om du får"))
                                          or CONDITION_FIRST.match(s.text)):
            continue  # advice about what might happen, not a finding
        if (s.speaker != Speaker.LEGE and has_any(s.text, NEW_PROBLEM)
                and not _dismissed(sentences, pos)):
            raised_until = seg_pos[s.segment_id] + 2  # this turn and the patient's next one
        in_window = seg_pos[s.segment_id] <= raised_until
        raised = in_window and s.speaker != Speaker.LEGE
        role = max(roles[pos], W_COMPLAINT if raised else 0.0)
        doctor = s.speaker == Speaker.LEGE or pos in confirmed
        if pos in confirmed:
            role = W_ASSESS
        samples = doctor and role < W_ASSESS and has_any(s.text, SAMPLES)
        if samples:
            role = W_PATIENT  # a list of analytes: mentioned, neither named nor acted on
        grounds: set[str] = set()
        stated: set[str] = set()
        denied: set[str] = set()
        said = _announced(sentences, pos)
        seen = _match_sentence(said, role, index, cands, grounds, stated, denied,
                               inner=s.segment_id in inner_turns, feared=feared)
        plan = doctor and not samples and role > W_QUESTION and s.segment_id in plan_turns
        for code, w in seen.items():
            c = cands[code]
            c.per_sentence.append(w)
            if doctor and not samples:
                said_as = W_ASSESS if code in stated else role
                c.doctor_role = max(c.doctor_role, W_DOCTOR if code in grounds else said_as)
                if said_as >= W_ASSESS and code not in grounds:
                    c.assessed_in.append(s.segment_id)
                    # said first in the doctor's reply to what the patient just told ("… og
                    # nå er det blemmer." — "Det høres ut som vannkopper."): it explains that
                    if (told := _turn_answered(transcript, seg_pos, s, sentences, pos)):
                        c.assessed_in.append(told)
                # Acted on, or taken up at once when the patient raised a further matter.
                c.planned |= (plan and w >= W_DOCTOR) or in_window
            if w >= W_COMPLAINT * 0.5:
                c.raised |= raised
                c.first = min(c.first, pos)
        if role >= W_ASSESS:
            hits = _add_bm25(s.text, index, cands, s.segment_id, denied=denied)
            if doctor:
                _named_by_search(s, pos, hits, index, cands)
    _kind_of_the_complaint(cands, sentences, index)
    _the_place_said(cands, transcript, index)
    if not cands:  # nothing named outright: the closest codes to what the patient said
        for s in sentences:
            if s.segment_id in complaint_ids:
                _add_bm25(s.text, index, cands, s.segment_id, weight=0.5)
    return cands


@lru_cache(maxsize=4)
def _by_place(index: CodeIndex) -> dict[str, tuple[tuple[str, frozenset[str]], ...]]:
    """The codes the code list titles as "… IKA" beside codes of the same words with a place
    ("Forstuving/forstrekking ledd IKA" beside "… ankel" and "… kne", "Brudd IKA" beside
    "Brudd underarm", "Ondartet svulst i urinveiene IKA" beside "… i nyre"): for each, those
    codes with the stems of their place words."""
    codes = index.ref.codes.values()
    out: dict[str, tuple[tuple[str, frozenset[str]], ...]] = {}
    for c in codes:
        title = c.title.split()
        if c.component != "diagnosis" or title[-1:] != ["IKA"]:
            continue
        for n in range(len(title) - 1, 0, -1):
            head = " ".join(title[:n]) + " "
            sibs = tuple((o.code, frozenset(stem(w) for w in words(o.title[len(head):])
                                            if w not in _PLACE_LINK))
                         for o in codes if o.chapter == c.chapter and o.code != c.code
                         and o.title.startswith(head) and not o.title.endswith("IKA")
                         and o.component == c.component)
            # (only where what tells them apart is a place: "… i <organ>", or the body's
            # parts; "Anemi IKA" beside "Anemi ved vitamin B12-mangel" is no place)
            sibs = tuple((code, stems) for code, stems in sibs if head.endswith(" i ") or all(
                any(st.endswith(p) for p in index.places) for st in stems))
            if sibs:
                out[c.code] = sibs
                break
    return out


_PLACE_LINK = frozenset({"i", "og", "av", "med", "kvinne", "mann"})
PLACE_TIMES = 3  # a place said this often, and this many times as often as any other


def _the_place_said(cands: dict[str, Candidate], transcript: Transcript,
                    index: CodeIndex) -> None:
    """A diagnosis reached as the code list's "… IKA" code while the consultation names the
    place of exactly one of the codes beside it ("en forstuving av det indre
    sideleddbåndet" in a visit about the knee, the knee said many times and the ankle once) is
    that code: ICPC codes the most specific."""
    said: Counter[str] | None = None
    for code in [c for c in cands if c in _by_place(index)]:
        if said is None:
            said = Counter(stem(w) for seg in transcript.segments for w in words(seg.text))
        times = sorted(((sum(n for w, n in said.items()
                             if any(w == st or (len(st) >= 4 and w.endswith(st))
                                    for st in stems)), sib)
                        for sib, stems in _by_place(index)[code]), reverse=True)
        (most, place), next_most = times[0], (times[1][0] if len(times) > 1 else 0)
        if most >= PLACE_TIMES and most >= PLACE_TIMES * next_most:
            general = cands.pop(code)
            specific = cands.setdefault(place, Candidate(index.ref.codes[place]))
            specific.absorb(general)
            specific.suspected = specific.suspected or general.suspected


# what the patient names first, on its own ("Det er øynene hans.", "Det er venstre øre."),
# and then describes with a pronoun ("De er røde og klør"): the description is of it
# (a thing named, "øynene hans", not one described with an article, "et rødt øye"; "det er"
# with an adjective is mostly no pronoun at all: "Det er vondt i det")
_ANNOUNCES = re.compile(r"^(?:det|det her|dette) er (?!(?:en|et|ei|litt|så|veldig|ikke)\b)"
                        r"(?P<what>(?:[a-zæøå]+ ){0,2}[a-zæøå]+)[.!]?$")
_DESCRIBES = re.compile(r"^(?:(?:de|den)\s+(?=(?:er|var|har|blir|ble|klør|svir|verker|gjør|"
                        r"kjennes|føles)\b)|det\s+(?=(?:har|klør|svir|verker|kjennes|føles)\b))")
_WHOSE = frozenset({"hans", "hennes", "mine", "min", "mitt", "våre", "vår", "deres", "sin",
                    "sine", "sitt"})
_NOT_A_THING = frozenset({"meg", "jeg", "han", "hun", "det", "den", "de", "sånn", "slik", "bra",
                          "greit", "fint", "riktig", "sant", "lenge", "vondt", "ikke"})


def _announced(sentences: list[Sentence], pos: int) -> Sentence:
    """The sentence, its leading pronoun replaced by what the patient named just before in
    the same turn ("Det er øynene hans. De er røde og klør" → "øynene er røde og klør")."""
    s = sentences[pos]
    if pos == 0 or s.speaker == Speaker.LEGE:
        return s
    before = sentences[pos - 1]
    m = _ANNOUNCES.match(before.text.strip())
    said = _DESCRIBES.match(s.text)
    if before.segment_id != s.segment_id or m is None or said is None:
        return s
    what = [w for w in m.group("what").split() if w not in _WHOSE]
    if not what or any(w in _NOT_A_THING for w in what):
        return s
    return replace(s, text=" ".join(what) + " " + s.text[said.end():])


def _kind_of_the_complaint(cands: dict[str, Candidate], sentences: list[Sentence],
                           index: CodeIndex) -> None:
    """The assessment names the kind, the complaint told the place: "Dette høres ut som en
    ny soppinfeksjon" reaches only the general code by its last part ("infeksjon" →
    Infeksjonssykdom IKA), while the patient said "sopp i underlivet". A general (chapter A)
    code assessed only through the last part of a compound gives its assessment to the
    complaint's code whose term has the compound's first part ("sopp")."""
    by_segment: dict[str, list[str]] = defaultdict(list)
    for s in sentences:
        by_segment[s.segment_id].append(s.text)
    for code, c in list(cands.items()):
        if c.code.chapter != "A" or not c.assessed_in:
            continue
        firsts = set()
        for seg in c.assessed_in:
            for text in by_segment.get(seg, ()):
                for m in index.match_terms(text):
                    if m.code == code and len(m.required) == 1:
                        tail = m.required[0]
                        firsts |= {w[:-len(tail)] for w in words(text)
                                   if w.endswith(tail) and len(w) - len(tail) >= 3}
        if not firsts:
            continue
        told = [o for o in cands.values() if o.code.chapter != "A" and not o.suspected
                and o.best_role >= W_COMPLAINT
                and any(stem(w) == stem(f) for w in words(o.term.lower()) for f in firsts)]
        if len(told) == 1:
            told[0].absorb(c)
            del cands[code]


# The patient asks whether a further matter bears on this one ("Forresten, jeg skal operere
# grå stær i mars. Har det noe å si?"), and the doctor says it does not ("Nei, det har ikke
# noe med dette å gjøre."): the matter was mentioned, not handled.
_BEARS_ON = re.compile(r"\b(?:har|betyr|gjør) (?:det|den|de) noe(?: å si)?\b|"
                       r"\bspiller (?:det|den) (?:noen )?rolle\b|\bnoe (?:å si|med (?:dette|det) "
                       r"å gjøre)\b|\bgår det (?:fint|bra|greit)\b")
_NO_BEARING = re.compile(r"^nei\b.*\b(?:ikke noe (?:med (?:dette|det|hverandre) å gjøre|å si)|"
                         r"ingen (?:betydning|sammenheng)|spiller ingen rolle|går (?:helt )?fint|"
                         r"er (?:helt )?greit)\b")


def _dismissed(sentences: list[Sentence], pos: int) -> bool:
    """Whether the further matter raised at ``pos`` is only asked about: the patient's turn
    asks if it bears on this visit's problem and the doctor's next turn, a short one, opens
    with "nei" and says it does not, with nothing done."""
    turn = sentences[pos].segment_id
    asked = [s for s in sentences[pos:] if s.segment_id == turn]
    if not any(s.text.rstrip().endswith("?") and _BEARS_ON.search(s.text) for s in asked):
        return False
    reply = [s for s in sentences[pos + len(asked):] if s.speaker == Speaker.LEGE]
    if not reply:
        return False
    answer = [s for s in reply if s.segment_id == reply[0].segment_id]
    words = sum(len(s.text.split()) for s in answer)
    return (words <= 20 and bool(_NO_BEARING.search(answer[0].text))
            and not any(has_any(s.text, PLAN) for s in answer))


# The patient sums up what it is ("Så det er kyssesyke?", "Så jeg har astma?")
# (the conclusive "så" marks it: "Det er vanskelig, det klør" sums up nothing)
_SUMS_UP = re.compile(r"^så (?:det er|det var|jeg har|er det|har jeg)\b")
_YES = re.compile(r"^(?:ja|jo|jepp|riktig|stemmer|det stemmer|nettopp|akkurat)\b(?![,.]?\s*men\b)")


def _confirmed(sentences: list[Sentence]) -> set[int]:
    """Positions of the patient's summing-up of what it is that the doctor's next turn opens
    by confirming ("Så det er kyssesyke." — "Ja. Det er et virus …"): the doctor's
    assessment, said back."""
    out = set()
    for i, s in enumerate(sentences[:-1]):
        nxt = sentences[i + 1]
        if (s.speaker != Speaker.LEGE and nxt.speaker == Speaker.LEGE
                and nxt.segment_id != s.segment_id and _SUMS_UP.match(s.text)
                and len(s.text.split()) <= 8 and _YES.match(nxt.text)):
            out.add(i)
    return out


_ANNOUNCED = re.compile(r"^(?:(?:så|da|nå|ok|greit)[\s,]+)*(?:(?:dette|det|her)\s+er\s+"
                        r"(?:min\s+vurdering|vurderingen\s+min|min\s+konklusjon|"
                        r"konklusjonen\s+min)|(?:min\s+vurdering|vurderingen\s+min)|"
                        r"(?:nå|så)\s+skal\s+jeg\s+si\s+hva\s+jeg\s+tenker)\s*[.:!]?\s*$",
                        re.IGNORECASE)


def _turn_roles(sentences: list[Sentence], complaint_ids: set[str]) -> list[float]:
    """Each sentence's role, read with its neighbours in the doctor's turn: the sentence after
    a positive test result states a conclusion; the findings before a conclusion that refers
    back to them ("sammen med …") are its grounds, weighed as the doctor in passing."""
    roles = [_role(s, complaint_ids) for s in sentences]
    for i, s in enumerate(sentences):
        if s.speaker != Speaker.LEGE or i == 0:
            continue
        prev = sentences[i - 1]
        same_turn = prev.segment_id == s.segment_id
        if same_turn and POSITIVE.search(prev.text) and roles[i] > W_QUESTION:
            roles[i] = max(roles[i], W_CONCLUDE)
        # the assessment announced in a sentence of its own ("Dette er min vurdering.",
        # "Nå skal jeg si hva jeg tenker."): the sentence after it gives it
        if same_turn and _ANNOUNCED.match(prev.text) and roles[i] > W_QUESTION:
            roles[i] = max(roles[i], W_CONCLUDE)
        if roles[i] == W_CONCLUDE and has_any(s.text, GROUNDS):
            j = i - 1
            while j >= 0 and sentences[j].segment_id == s.segment_id:
                # (a conclusion before it is no ground: "Vurderingen min er at dette er en
                # epididymitt. Det passer med at det kom gradvis …" gives its reasons)
                if roles[j] != W_CONCLUDE:
                    roles[j] = min(roles[j], W_DOCTOR)
                j -= 1
    return roles


def _match_sentence(s: Sentence, role: float, index: CodeIndex,
                    cands: dict[str, Candidate], grounds: set[str] | None = None,
                    stated: set[str] | None = None,
                    denied: set[str] | None = None, *, inner: bool = False,
                    feared: dict[str, tuple[str, ...]] | None = None,
                    ) -> dict[str, float]:
    """Codes whose terms occur (not negated) in one sentence, with their weight there
    (``inner``: its turn speaks of an inner organ, where "sår" is an ulcer);
    ``grounds`` receives the symptoms a conclusion in the sentence names as its grounds,
    ``stated`` the diagnoses a sentence said in passing states as the doctor's assessment,
    ``denied`` the codes whose terms the sentence negates; ``feared`` the diseases the
    patient fears, each with its fear code, across the consultation."""
    doubted = _without_causes(s.text)
    suspected = ((role >= W_ASSESS and has_any(doubted, SUSPECTED))
                 or (s.speaker == Speaker.LEGE and has_any(doubted, RULE_OUT)))
    seen: dict[str, float] = {}
    named = index.match_terms(s.text)
    risks = [m for m in named if _at_risk(s.text, m)]
    if denied is not None:
        # a disease named as what is prevented ("vaksine mot", "forebyggende tabletter mot")
        # is no problem the search may find in the sentence either
        denied.update(m.code for m in risks)
    matches = [m for m in named
               if m not in risks and not _family(s, m) and not _if(s, m)
               and not _worried_for(s.text, m) and not (inner and _bare_wound(s.text, m, index))
               and not _other_sense(s.text, m) and not _relation_only(s.text, m, index)
               and not _muscle_cramp(s.text, m, index)]
    matches, fears = _fears(s, role, matches, index, feared)
    # A conclusion that names a diagnosis, not as a suspicion ("hodepinen og blodtrykket passer
    # med preeklampsi"): the symptoms named with it are its grounds.
    # (a diagnosis named as the cause, "en reaktiv lymfeknute etter forkjølelsen", is not
    # the conclusion: the swelling is)
    concluded = role == W_CONCLUDE and not suspected and any(
        _organ_diagnosis(index.ref.codes[m.code]) and not _negated(s.text, m)
        and not _named_as_cause(s.text, m) for m in matches)
    for m in matches:
        code = index.ref.codes[m.code]
        # A diagnosis the doctor states plainly ("KOLS-en er stabil") is an assessment too;
        # said as the patient's own ("hjertesvikten din har blitt verre") or as what a test
        # showed ("testen for kyssesyke er positiv"), it is the doctor's assessment.
        boost = 2.0 if role == W_DOCTOR and code.component == "diagnosis" else 1.0
        if boost > 1 and s.speaker == Speaker.LEGE and (
                _possessed(s.text, m) or POSITIVE.search(s.text)):
            boost = W_ASSESS / W_DOCTOR
            if stated is not None and not _negated(s.text, m):
                stated.add(m.code)
        ground = concluded and code.component == "symptom"
        if ground and grounds is not None:
            grounds.add(m.code)
        # what the assessment names as the cause ("en borreliainfeksjon fra flåttbittet",
        # "utslett etter solbrenthet") is not the problem assessed
        cause = role >= W_ASSESS and (_named_as_cause(s.text, m) or _drug_named(s.text, m))
        if cause and grounds is not None:
            grounds.add(m.code)  # (so not marked as assessed either)
        # the chapter's "other" code reached by one word or part of its term: an organ word
        # ("… virker lokalt i skjeden" → "Skjede lidelse IKA") or "sykdom" names no disease
        # (a disease of its own filed under "other", "Hemokromatose" in T99, is named)
        organ_only = (_residual(code) and (m.coverage < 1.0 or (
            m.size == 1 and not index.names_one_code(m.term)))) or _place_only(m, code, index)
        weight = (W_DOCTOR if ground or cause or organ_only else role) * (
            1.0 if organ_only else boost) * m.weight
        if _negated(s.text, m):
            if denied is not None:
                denied.add(m.code)
            # the disease the patient fears, ruled out by the doctor: the worry answered
            if feared and s.speaker == Speaker.LEGE:
                fears += [(f, m.weight, m.term) for f in feared.get(m.code, ())]
            continue
        if not code.is_process:
            _record(s, code, weight, m.term, cands, seen,
                    suspected=suspected and code.component == "diagnosis")
    for fear, w, term in fears:
        _record(s, index.ref.codes[fear], role * w, term, cands, seen, suspected=False)
    return seen


def _record(s: Sentence, code: IcpcCode, weight: float, term: str,
            cands: dict[str, Candidate], seen: dict[str, float], *, suspected: bool) -> None:
    """The code said in the sentence with this weight (kept where it is its strongest)."""
    if weight <= seen.get(code.code, 0.0):
        return
    seen[code.code] = weight
    c = cands.setdefault(code.code, Candidate(code))
    if weight > c.best_role:
        c.best_role, c.term = weight, term
        c.suspected = suspected
    if s.segment_id not in c.evidence:
        c.evidence.append(s.segment_id)


@lru_cache(maxsize=4)
def fear_codes(index: CodeIndex) -> FearCodes:
    """The fear codes of the index's code list (read once per index)."""
    return FearCodes(index)


def _fears(s: Sentence, role: float, matches: list[TermMatch], index: CodeIndex,
           feared: dict[str, tuple[str, ...]] | None,
           ) -> tuple[list[TermMatch], list[tuple[str, float, str]]]:
    """What the patient fears in the sentence ("Je er redd for at je har ALS", "Du er
    bekymret for kjønnssykdom"): the disease named there is the worry's object, no finding,
    and the worry is coded with the fear code the code list has for it
    (:mod:`scribe.coding.fear`); the word of fear ("engstelig", "bekymret") is no feeling of
    its own there. Returns the matches left and the fear codes with their weight and term;
    ``feared`` learns each disease feared, so that the doctor ruling it out later answers
    the worry."""
    spans = feared_in(s.text, s.speaker)
    codes = fear_codes(index)
    # the disease feared, named again by the patient ("Og når je våkner, googler je ALS") or
    # in the doctor's explanation ("ALS begynner med svakhet"), is still the worry; said as
    # the doctor's assessment it is a diagnosis
    again = [] if role >= W_ASSESS and s.speaker == Speaker.LEGE else [
        (m, feared[m.code]) for m in matches if feared and m.code in feared
        and not _negated(s.text, m)]
    if again:
        matches = [m for m in matches if all(m is not n for n, _ in again)]
    if not spans:
        return matches, [(f, m.weight, m.term) for m, fc in again for f in fc]
    keep: list[TermMatch] = []
    weight: dict[int, float] = {}
    found = [(f, codes.codes_for(f.text)) for f in spans]
    for m in matches:
        hits = _term_positions(s.text, m)[1]
        inside = next((k for k, (f, fc) in enumerate(found) if fc and hits
                       and all(f.start <= i < f.end for i in hits)), None)
        cue = any(fc and hits and all(f.cue <= i < f.start for i in hits) for f, fc in found)
        if codes.is_fear(m.code) or (inside is None and not cue):
            keep.append(m)
            continue
        if inside is not None:
            weight[inside] = max(weight.get(inside, 0.0), m.weight)
            if feared is not None:
                feared[m.code] = found[inside][1]
    fears = [(code, weight.get(k, 1.0), f"{words(s.text)[f.cue]} for {f.text}")
             for k, (f, fc) in enumerate(found) for code in fc]
    return keep, fears + [(f, m.weight, m.term) for m, fc in again for f in fc]


# a word for a drug by what it treats ("blodtrykksmedisin", "astmamedisinen",
# "allergitablettene", "migrenemiddel")
_DRUG_WORD = re.compile(r"(?:medisin|tablett|pille|middel|midler|spray|salve)(?:en|er|ene|a|ar|"
                        r"ane)?$")


def _drug_named(sentence: str, m: TermMatch) -> bool:
    """The term is only the first part of a word for a drug ("Det er en kjent bivirkning av
    den typen blodtrykksmedisin"): what the drug is for, not a diagnosis made in the
    sentence."""
    toks, hits = _term_positions(sentence, m)
    return bool(hits) and all(_DRUG_WORD.search(toks[i]) and not _DRUG_WORD.fullmatch(toks[i])
                              for i in hits)


# a clause that gives a cause ("kanskje forsterket av støyen på ferga"): a doubt in it is about
# the cause, not about the diagnosis named before it
_GIVES_CAUSE = re.compile(r"\b(?:forsterket|forverret|utløst|forårsaket|skyldes|på grunn av|"
                          r"pga)\b", re.IGNORECASE)


def _without_causes(sentence: str) -> str:
    """The sentence without the clauses after its first that give a cause."""
    first, *rest = re.split(r"[,;]", sentence)
    return ",".join([first, *(c for c in rest if not _GIVES_CAUSE.search(c))])


_POSSESSIVES = {"din", "ditt", "dine"}


def _possessed(sentence: str, m: TermMatch) -> bool:
    """The term, one word naming a disease, is named as the patient's own: right before
    "din/ditt/dine" ("hjertesvikten din", "astmaen din"; not "blodtrykket ditt er høyt",
    which is a finding)."""
    if m.size > 1:
        return False
    toks, hits = _term_positions(sentence, m)
    return any(i + 1 < len(toks) and toks[i + 1] in _POSSESSIVES for i in hits)


_CAUSE_WORDS = ("fra", "etter", "pga", "pga.", "grunn", "utløst", "forårsaket", "skyldes",
                "reaksjon", "fordi")  # "en naturlig reaksjon på et brudd": the break-up, not
# a fracture; "sannsynligvis fordi hun er forkjølet": the cold, not a problem of its own


def _named_as_cause(sentence: str, m: TermMatch) -> bool:
    """The term comes right after a word that names a cause ("fra flåttbittet", "på grunn
    av stress", "utløst av pollen"), within two words, or stands in a clause that gives the
    reason ("… tuberkulose, siden du har vært i Ukraina og svetter om natten")."""
    toks, hits = _term_positions(sentence, m)
    since = _reason_from(toks)
    return bool(hits) and all(any(w in _CAUSE_WORDS for w in toks[max(0, i - 3):i])
                              or i > since for i in hits)


# a clause of reason: "siden/fordi/ettersom" and then its subject ("siden du har vært …");
# "siden" alone also says when ("for tre dager siden", "siden i går")
_REASON = {"siden", "sidan", "fordi", "ettersom"}
_REASON_SUBJECT = {"du", "han", "hun", "ho", "dere", "de", "det", "jeg", "eg", "vi", "pas"}


def _reason_from(toks: list[str]) -> int:
    """Where the sentence's clause of reason begins (a word index), or past the end."""
    for i, w in enumerate(toks[:-1]):
        if w in _REASON and toks[i + 1] in _REASON_SUBJECT:
            return i
    return len(toks)


def _residual(code: IcpcCode) -> bool:
    """The chapter's "other/unspecified" code (-99): for what no specific code fits, so it
    never beats a specific symptom code, and a bare organ word ("livmor") does not make it a
    problem of its own."""
    return code.code[1:] == "99"


def _place_only(m: TermMatch, code: IcpcCode, index: CodeIndex) -> bool:
    """A diagnosis reached by the name of a body part alone ("skulderen" → "Skulder lidelse
    uspesifisert"): the part says where, not what ("rykker i skulderen" is a tic)."""
    return (code.component == "diagnosis" and m.size == 1 and bool(m.required)
            and all(r in index.places for r in m.required))


def _organ_diagnosis(code: IcpcCode) -> bool:
    return code.component == "diagnosis" and not code.is_process and code.chapter != "A"


# A diagnosis the doctor names in the assessment in a form the code list holds only with a
# qualifier ("Du har en mastitt, brystbetennelse" — the list says "Mastitt i barseltid",
# "Brystbetennelse i barseltid"; "åreforkalkning, perifer arteriell sykdom" — "perifer
# karsykdom"): no term is said whole, but the search over the list's words puts one organ
# diagnosis first, well clear of the next. Checked on the development sets (dev to dev6):
# below these the first hit of an assessment sentence is as often a stray word's code.
SEARCH_NAMED = 20.0  # the search score of the first hit
SEARCH_MARGIN = 1.5  # the first hit's score over the second's


def _named_by_search(s: Sentence, pos: int, hits: list[tuple[IcpcCode, float]],
                     index: CodeIndex, cands: dict[str, Candidate]) -> None:
    """``hits``: the search's codes for the sentence, best first (from :func:`_add_bm25`)."""
    if not hits or has_any(s.text, NEGATION):
        return  # "ikke tegn til byll", "tror ikke det er noen senerift"
    code, top = hits[0]
    second = hits[1][1] if len(hits) > 1 else 0.0
    if (top < SEARCH_NAMED or top < SEARCH_MARGIN * second or not _organ_diagnosis(code)
            or _residual(code) or any(m.code == code.code for m in index.match_terms(s.text))):
        return
    c = cands.setdefault(code.code, Candidate(code))
    c.per_sentence.append(W_ASSESS)
    c.doctor_role = max(c.doctor_role, W_ASSESS)
    c.assessed_in.append(s.segment_id)
    if c.best_role < W_ASSESS:
        c.best_role, c.term = W_ASSESS, code.short_title or code.title
        c.suspected = has_any(s.text, SUSPECTED)
    c.first = min(c.first, pos)
    if s.segment_id not in c.evidence:
        c.evidence.append(s.segment_id)


def _add_bm25(text: str, index: CodeIndex, cands: dict[str, Candidate], seg: str,
              weight: float = 1.5, denied: Collection[str] = ()) -> list[tuple[IcpcCode, float]]:
    """The search's first codes for ``text`` added to ``cands`` by their share of the best
    score; returned, best first. ``denied``: codes whose term the sentence denies ("Jeg tror
    ikke det er en testikkeltorsjon"), left out (from :func:`_match_sentence`)."""
    hits = [(c, sc) for c, sc in index.search(text, 5)
            if not c.is_process and c.code not in denied]
    if not hits:
        return hits
    top = hits[0][1]
    for code, sc in hits:
        c = cands.setdefault(code.code, Candidate(code))
        c.score += weight * sc / top
        if seg not in c.evidence:
            c.evidence.append(seg)
    return hits


def rank_candidates(cands: dict[str, Candidate], index: CodeIndex | None = None,
                    ) -> list[Candidate]:
    """Score = the three strongest sentences (diminishing); suspected diagnoses step back."""
    _specific_risk(cands)
    for c in cands.values():
        top = sorted(c.per_sentence, reverse=True)[:3]
        c.score += sum(w / (i + 1) for i, w in enumerate(top))
    by_chapter: dict[str, list[Candidate]] = defaultdict(list)
    for c in cands.values():
        by_chapter[c.code.chapter].append(c)
    for c in list(cands.values()):
        if c.suspected:
            if index is not None:
                _link_symptoms(c, index, cands)
            for s in by_chapter[c.code.chapter]:
                if s.code.component == "symptom":
                    s.score *= 1.5
            c.score *= 0.35
    _general_steps_back(cands)
    # Ties: what the doctor said beats what the patient said; then the code list's order.
    ranked = sorted(cands.values(), key=lambda c: (-round(c.score, 6), -c.doctor_role,
                                                   c.code.code))
    return _reason_for_encounter_first(ranked)


def _specific_risk(cands: dict[str, Candidate]) -> None:
    """A risk of disease (A23) where the talk names the heart and vessels as what it is a risk
    for (K22 found: "risikoen din for hjerteinfarkt eller slag") is that risk: ICPC codes the
    most specific, and "Vi vet at du har høy risiko" speaks of it."""
    general, heart = cands.get("A23"), cands.get("K22")
    if general is not None and heart is not None:
        heart.absorb(general)
        heart.score += general.score
        del cands["A23"]


def _general_steps_back(cands: dict[str, Candidate]) -> None:
    """General codes (chapter A: "smerte", "infeksjon") give way once the doctor has assessed a
    problem in an organ chapter: the general word is then part of that problem."""
    if any(c.code.chapter != "A" and _assessed(c) and not c.suspected for c in cands.values()):
        for c in cands.values():
            if c.code.chapter == "A" and not _specific_general(c):
                c.score *= GENERAL_SHARE


def _specific_general(c: Candidate) -> bool:
    """A chapter-A diagnosis that is no general word ("sårinfeksjon etter operasjonen",
    not "infeksjon" or "smerte"), stated in the doctor's assessment: a problem of its own."""
    return (c.code.component == "diagnosis" and not c.suspected and _assessed(c)
            and not c.code.title.endswith((" IKA", " INA")) and not _residual(c.code)
            and len([w for w in words(c.term.lower()) if w not in _QUALIFIERS]) >= 2)


def _link_symptoms(c: Candidate, index: CodeIndex, cands: dict[str, Candidate]) -> None:
    """A suspected diagnosis brings in the symptom codes the code list links to it."""
    for code in index.symptom_codes_for(c.code.code):
        s = cands.setdefault(code, Candidate(index.ref.codes[code], evidence=list(c.evidence)))
        s.score = max(s.score, 0.6 * c.score)
        s.term = s.term or f"symptom ved mistenkt {c.code.title.lower()}"
        s.best_role = max(s.best_role, c.best_role * 0.6)
        s.first = min(s.first, c.first)
        s.doctor_role = max(s.doctor_role, c.doctor_role)


def _reason_for_encounter_first(ranked: list[Candidate]) -> list[Candidate]:
    """Several problems handled: the one raised first is the primary (the visit's reason).

    Problems are told apart by chapter; a chapter counts when its best code reaches
    RFE_SHARE of the strongest and the doctor named it (in the opening or an assessment).
    Within the chapter the best-scored code stays on top, unless it is a further matter the
    patient raised ("Forresten, kan du se på en føflekk?") and the chapter's complaint was
    told before it (the scald the visit is for).
    """
    if not ranked:
        return ranked
    floor = ranked[0].score * RFE_SHARE
    leaders: dict[str, Candidate] = {}
    named: dict[str, float] = defaultdict(float)
    opened: dict[str, int] = {}
    for c in ranked:
        lead = leaders.setdefault(c.code.chapter, c)
        if _opened_before(c, lead):
            leaders[c.code.chapter] = c
        named[c.code.chapter] = max(named[c.code.chapter], c.doctor_role)
        opened[c.code.chapter] = min(opened.get(c.code.chapter, c.first), c.first)
    # (a complaint told before the further matter that leads counts without the doctor's
    # naming it: "Forresten, kan du se på kvisene hennes?" after the breathlessness)
    strong = [c for ch, c in leaders.items() if c.score >= floor and (
        named[ch] >= W_COMPLAINT or _opened_before(c, ranked[0]))]
    if not strong:
        return ranked
    # organ problems first (and a chapter-A diagnosis stated in so many words)
    strong = [c for c in strong if c.code.chapter != "A" or _specific_general(c)] or strong
    first = _stated_diagnosis(min(strong, key=lambda c: opened[c.code.chapter]), ranked)
    return [first] + [c for c in ranked if c is not first]


def _opened_before(c: Candidate, further: Candidate) -> bool:
    """``c`` is a complaint told before ``further``, a matter raised later as a further one:
    the visit's reason, whatever the weight of the later matter."""
    return (further.raised and not c.raised and c.first < further.first
            and strength(c) >= W_COMPLAINT)


def _stated_diagnosis(leader: Candidate, ranked: list[Candidate]) -> Candidate:
    """In the leading chapter, a diagnosis the doctor states (not suspects) beats a symptom
    code: the ICPC rule codes at the certainty reached, and here it was reached. So does a
    stated diagnosis of another chapter that the doctor gives as the symptom's explanation, in
    the same turn ("Hjertesvikten din har blitt verre … Det er derfor du er tung i pusten")."""
    if leader.code.component == "diagnosis":
        if not _residual(leader.code):
            return leader
        # the chapter's "other" code gives way to a specific diagnosis of its chapter that
        # the doctor said: it is for what no specific code fits
        specific = _named_diagnoses(leader, ranked)
        return specific[0] if specific else leader
    stated = [c for c in ranked if c.code.component == "diagnosis" and not c.suspected
              and _assessed(c) and not _residual(c.code)
              and c.score >= leader.score * STATED_SHARE and not _opened_before(leader, c)
              and (c.code.chapter == leader.code.chapter
                   or bool(set(c.assessed_in) & set(leader.evidence)))]
    return stated[0] if stated else leader


SECONDARY_SHARE = 0.3


def _assessed(c: Candidate) -> bool:
    """Named outright in the doctor's assessment (not just touched by a partial match)."""
    return c.doctor_role >= W_ASSESS and max(c.per_sentence, default=0.0) >= W_ASSESS


def _separate_problem(c: Candidate, primary: Candidate) -> bool:
    """A problem of its own: not a suspicion, not a general (chapter A) code, not a symptom
    unless the patient raised it, named somewhere
    the primary is not, and either a known disease the doctor acted on (a drug changed, a
    check planned, taken up when the patient raised it), or as strong as a third of the primary
    and assessed by the doctor or raised as a further matter with more than a complaint's
    weight. In the primary's own chapter only the first kind counts."""
    if c.code.chapter == "A" or c.suspected:
        return False
    if c.code.component == "symptom" and not c.raised:
        return False  # a symptom in the doctor's reasoning supports a diagnosis
    if not set(c.evidence) - set(primary.evidence):
        return False  # named only where the primary is: part of the same problem
    if c.planned and c.code.component == "diagnosis" and not _residual(c.code):
        return True
    if c.code.chapter == primary.code.chapter or c.score < primary.score * SECONDARY_SHARE:
        return False
    return _assessed(c) or (c.raised and strength(c) > W_COMPLAINT)


def order_problems(ranked: list[Candidate]) -> tuple[list[Candidate], set[str]]:
    """Primary, its closest alternative, then other problems handled, then the rest.

    Returns the order and the codes that stand for a separate (secondary) problem: the best
    qualifying code per chapter.
    """
    if not ranked:
        return ranked, set()
    primary = ranked[0]
    same = [c for c in ranked[1:] if c.code.chapter == primary.code.chapter][:1]
    leaders: dict[str, Candidate] = {}
    for c in ranked[1:]:
        if c not in same and c.code.chapter not in leaders and _separate_problem(c, primary):
            leaders[c.code.chapter] = _found_cause(c, ranked)
    secondary = list(leaders.values())
    head = [primary, *same, *secondary]
    return head + [c for c in ranked if c not in head], {c.code.code for c in secondary}


def _found_cause(complaint: Candidate, ranked: list[Candidate]) -> Candidate:
    """A further complaint ("Jeg hører dårlig på det øret") whose cause the doctor then finds
    and names, in the complaint's chapter ("Øregangen er helt tett av ørevoks"), is coded as
    that diagnosis: ICPC codes at the certainty reached."""
    if complaint.code.component != "symptom":
        return complaint
    found = [c for c in _named_diagnoses(complaint, ranked) if c.first >= complaint.first]
    return found[0] if found else complaint


def _named_diagnoses(of: Candidate, ranked: list[Candidate]) -> list[Candidate]:
    """The specific diagnoses of ``of``'s chapter the doctor named (not suspected, not the
    chapter's "other" code), as strong as STATED_SHARE of it: what may take its place."""
    return [c for c in ranked if c is not of and c.code.component == "diagnosis"
            and not c.suspected and not _residual(c.code)
            and c.code.chapter == of.code.chapter and c.doctor_role >= W_DOCTOR
            and c.score >= of.score * STATED_SHARE]


def strength(c: Candidate) -> float:
    """The evidence for a code, comparable across consultations: its strongest single mention
    (who said it and where × how much of a code-list term was said). An assessment names a
    term at 6–7.5 per word, the opening complaint at 4, the doctor in passing at 1.5."""
    return max(c.per_sentence, default=0.0)


def _reason(c: Candidate) -> str:
    if strength(c) < WEAK_BELOW:
        said = f"bare «{c.term}» nevnt i forbifarten" if c.term else (
            "nær i mening til pasientens klage, men ingen term fra kodeverket ble sagt"
            if c.by_meaning else "ingen term fra kodeverket ble sagt")
        return f"{WEAK} {said}. Kontroller før bruk, eller søk i ICPC-2."
    where = "legens vurdering" if c.best_role >= W_ASSESS else (
        "legens forklaring" if c.best_role >= W_DOCTOR else "pasientens beskrivelse")
    base = f"«{c.term}» i {where}."
    if c.suspected:
        base += " Diagnosen er bare mistenkt: vurder symptomkode (ICPC: kod på sikkerhetsnivået)."
    return base


# Chapters ICPC-2 keeps for one sex: pregnancy, childbirth and family planning (W) and the
# female genital organs and breasts (X) for women, the male genital organs (Y, which has the
# man's breast, sterilisation and family planning) for men.
SEX_CHAPTERS: dict[Sex, frozenset[str]] = {Sex.KVINNE: frozenset("WX"),
                                           Sex.MANN: frozenset("Y")}


def fits_sex(chapter: str, sex: Sex | None) -> bool:
    """Whether a code of ``chapter`` can be the patient's; an unknown sex rules nothing out."""
    if sex is None:
        return True
    return not any(chapter in chapters for other, chapters in SEX_CHAPTERS.items()
                   if other != sex)


def suggest_icpc2(transcript: Transcript, facts: ConsultationFacts | None = None, *,
                  index: CodeIndex, llm: ChatModel | None = None, k: int = 5,
                  semantic: SemanticIndex | None = None) -> list[CodeSuggestion]:
    """Up to ``k`` ICPC-2 codes, best first; rank 1 is the suggested primary code unless its
    evidence is weak (then no code is primary: the GP searches). Further problems handled in
    the consultation are marked secondary (:mod:`scribe.coding.suggestion`).

    ``index`` is the search index over the imported reference (``CodeIndex(reference)``);
    ``semantic``, when built, adds retrieval by meaning on the complaint
    (:mod:`scribe.coding.meaning`).
    """
    ref = index.ref
    cands = collect_candidates(transcript, index)
    if facts is not None:
        add_treated(cands, facts.facts, index)
    if semantic is not None:
        from scribe.coding.meaning import add_by_meaning, complaint_sentences

        raised = [s.id for s in transcript.segments
                  if s.speaker != Speaker.LEGE and has_any(s.text.lower(), NEW_PROBLEM)]
        add_by_meaning(cands, complaint_sentences(transcript, raised), index, semantic)
    sex = facts.patient_sex if facts is not None else None
    cands = {code: c for code, c in cands.items() if fits_sex(c.code.chapter, sex)}
    ranked, secondary = order_problems(rank_candidates(cands, index))
    if llm is not None and ranked:
        ranked, why = llm_choice.rerank(llm, ranked[: max(k, 8)], transcript, ranked)
    else:
        why = {}
    out: list[CodeSuggestion] = []
    for i, c in enumerate(ranked[:k], start=1):
        weak = strength(c) < WEAK_BELOW and c.code.code not in secondary
        reason, evidence = why.get(c.code.code, (_reason(c), tuple(c.evidence[:5])))
        if weak and not reason.startswith(WEAK):
            reason = f"{WEAK} {reason}"
        elif c.code.code in secondary and i > 1:
            reason = f"{SECONDARY} {reason}"
        out.append(CodeSuggestion(system=ICPC2, code=ref.validate_code(c.code.code).code,
                                  title=c.code.title, rank=i, reason=reason,
                                  evidence=tuple(evidence), primary=i == 1 and not weak))
    return out


@lru_cache(maxsize=1)
def _indication_file() -> dict[str, Any]:
    """``data/indikasjoner.toml``, read once: its ``[atc]`` table must be there."""
    try:
        text = resources.files("scribe.coding").joinpath("data/indikasjoner.toml").read_text(
            encoding="utf-8")
        data = tomllib.loads(text)
        if "atc" not in data:
            raise KeyError("atc")
    except (OSError, KeyError, tomllib.TOMLDecodeError) as exc:
        raise ReferenceDataError(f"Indikasjonslisten (indikasjoner.toml) kan ikke leses: {exc}",
                                 "Installer Scribe på nytt.") from None
    return data


@lru_cache(maxsize=1)
def _indications() -> tuple[tuple[str, str], ...]:
    """(ATC prefix, ICPC-2 code) from ``data/indikasjoner.toml``, longest prefix first."""
    table = _indication_file()["atc"]
    return tuple(sorted(((str(k), str(v)) for k, v in table.items()),
                        key=lambda kv: -len(kv[0])))


def _replaced_by_treated(code: str) -> tuple[str, ...]:
    """Codes that say the treated disease without its diagnosis (K85 for K86)."""
    return tuple(str(c) for c in _indication_file().get("erstatter", {}).get(code, ()))


def _also_treats(code: str) -> tuple[str, ...]:
    """Other problems the drugs for ``code`` treat (a statin after a stroke)."""
    return tuple(str(c) for c in _indication_file().get("også", {}).get(code, ()))


def indication(atc: str) -> str | None:
    """The ICPC-2 code of the chronic disease a drug of ATC group ``atc`` treats, or None."""
    return next((code for prefix, code in _indications() if atc.upper().startswith(prefix)),
                None)


def add_treated(cands: dict[str, Candidate], facts: Sequence[Fact], index: CodeIndex) -> None:
    """A drug started or changed in this visit whose group treats one chronic disease
    (losartan → hypertension) makes that disease a problem handled: a candidate acted on,
    with the drug's sentence as evidence, weighed as the doctor in passing. Nothing is added
    where the talk already names a code of that chapter's kind (the drug then only confirms),
    nor where the doctor assessed another problem the drug treats (``["også"]``: a statin in
    peripheral arterial disease is its treatment, not a lipid disorder of its own)."""
    for f in facts:
        if f.kind != "drug" or f.attr("status") != "prescribed":
            continue
        code = indication(f.attr("atc"))
        if code is None or code not in index.ref.codes:
            continue
        if any(cands[o].best_role >= W_ASSESS for o in _also_treats(code) if o in cands):
            continue  # a statin given for the stroke the doctor assessed: part of that problem
        c = cands.setdefault(code, Candidate(index.ref.codes[code]))
        c.planned = True
        c.per_sentence.append(W_DOCTOR)
        c.doctor_role = max(c.doctor_role, W_DOCTOR)
        if not c.term:
            c.term = f"{f.value} (legemiddel mot {index.ref.codes[code].title.lower()})"
        c.best_role = max(c.best_role, W_DOCTOR)
        c.evidence.extend(e for e in f.evidence if e not in c.evidence)
        for other in _replaced_by_treated(code):
            if (raised := cands.pop(other, None)) is not None:
                # "Da var blodtrykket for høyt" in a patient on treatment: the hypertension
                c.absorb(raised)


def validate_code(code: str, ref: Reference) -> IcpcCode:
    """The code from the imported edition; UnknownCode when it does not exist there."""
    return ref.validate_code(code)

