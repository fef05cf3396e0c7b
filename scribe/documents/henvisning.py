"""Henvisning (referral) in the structure of the national referral guidance: receiver and
urgency, the question to the receiver, relevant history and findings, what has been tried,
medication and allergies as said, and the patient's consent where it was asked."""

from __future__ import annotations

import re
from collections.abc import Sequence
from typing import TYPE_CHECKING

from scribe.documents.decisions import (
    Referral,
    find_referral,
    medicines_in_use,
    names_drug_of,
    new_prescriptions,
    only_discussed,
)
from scribe.documents.model import Field
from scribe.documents.sykmelding import diagnosis
from scribe.domain import Fact, Speaker, Statement
from scribe.draft.lexicon import DrugLexicon
from scribe.text.numbers import spoken_to_digits
from scribe.text.sentences import Sentence

if TYPE_CHECKING:
    from scribe.documents.drafting import Visit

# ("Tatt paracetamol": the note leaves out "har", so a statement opening with it counts too)
_TRIED = re.compile(r"^(?:brukt|tatt)\b|\b(?:prøv\w*|forsøk\w*|har brukt|har tatt|uten effekt|"
                    r"hjalp\w*|hjulpet|effekt\w*|virket|virker)\b", re.IGNORECASE)
_ALLERGY = re.compile(r"allergi\w*|allergisk\w*|tåler ikke|overfølsom\w*", re.IGNORECASE)
_CONSENT_ASK = re.compile(r"\bsamtykk\w*|\ber det (?:greit|i orden|ok|in orden) at\b|"
                          r"\bgreit for deg at\b|\bgår du med på\b", re.IGNORECASE)
_YES = re.compile(r"^\s*(?:ja|jo|greit|ok|okei|det er greit|gjerne|selvfølgelig|fint)\b",
                  re.IGNORECASE)
_NO = re.compile(r"^\s*(?:nei|ingen)\b", re.IGNORECASE)
FIELDS = (("mottaker", "Mottaker"), ("hastegrad", "Hastegrad"), ("diagnose", "Diagnose (ICPC-2)"),
          ("problemstilling", "Problemstilling og spørsmål til mottaker"),
          ("sykehistorie", "Relevant sykehistorie"), ("funn", "Funn"),
          ("forsokt", "Hva er forsøkt"), ("legemidler", "Legemidler"),
          ("allergier", "Allergier"), ("samtykke", "Samtykke"))


def build(visit: Visit, lexicon: DrugLexicon) -> list[Field]:
    sentences, facts = visit.extraction.sentences, visit.extraction.facts.facts
    referral = find_referral(sentences, facts)
    discussed = only_discussed(facts, sentences)

    def note(*sections: str) -> list[Statement]:
        return [st for st in visit.note(*sections)
                if not names_drug_of(st.text, discussed, lexicon)]
    history = [st for st in note("Anamnese") if not _ALLERGY.search(st.text)]
    tried = [st for st in history if _TRIED.search(st.text)]
    medication = medication_lines(facts, sentences)
    listed = _drugs_in(medication + tried, lexicon)

    def told_once(statements: list[Statement]) -> list[Statement]:
        """Allergies only under Allergier, a listed drug only under Legemidler or Hva er
        forsøkt."""
        return [st for st in statements if not _ALLERGY.search(st.text)
                and not _drugs_in([st], lexicon) & listed]
    values: dict[str, list[Statement]] = {
        "mottaker": [Statement(referral.receiver + ".", referral.receiver_evidence
                               or referral.evidence)] if referral and referral.receiver else [],
        "hastegrad": [Statement(referral.urgency + ".", referral.urgency_evidence)]
        if referral and referral.urgency else [],
        "diagnose": diagnosis(visit.codes),
        "problemstilling": question(referral, sentences)
        + [st for st in told_once(note("Vurdering")) if not _MENTIONS_REFERRAL.search(st.text)],
        "sykehistorie": told_once([st for st in history if st not in tried]),
        "funn": told_once(note("Funn")),
        "forsokt": tried,
        "legemidler": medication,
        "allergier": allergies(visit, sentences),
        "samtykke": consent(sentences),
    }
    return [Field(key, label, _once(key, values)) for key, label in FIELDS]


def _once(key: str, values: dict[str, list[Statement]]) -> tuple[Statement, ...]:
    """The field's statements less any said word for word in an earlier field."""
    earlier = {st.text.strip().lower() for k, _ in FIELDS[:[k for k, _ in FIELDS].index(key)]
               for st in values[k]}
    return tuple(dict.fromkeys(st for st in values[key] if st.text.strip().lower() not in earlier))


def _drugs_in(statements: list[Statement], lexicon: DrugLexicon) -> set[str]:
    return {m.entry.substance or m.entry.name for st in statements
            for m in lexicon.find(st.text)}


# "Henviser til ortoped …": the receiver and the question already say it.
_MENTIONS_REFERRAL = re.compile(r"henvis\w*|innlegg\w*", re.IGNORECASE)
# The request when no purpose was said: a formula, no paraphrase of what was said.
ASSESSMENT_WANTED = "Vurdering ønskes."
# The purpose said with the referral: "… til ortoped for vurdering av kneet", "for å vurdere
# om …", "med tanke på …".
_PURPOSE = re.compile(r"\b(?:for|med tanke på)\s+(?P<purpose>(?:å\s+)?[^,.;:!?]{3,80})",
                      re.IGNORECASE)
_TO_ASSESS = re.compile(r"^å\s+(?:vurdere|se på|undersøke)\s+", re.IGNORECASE)
_NOT_PURPOSE = re.compile(r"^(?:deg|det|dette|den|sikkerhets\w*|å\s+(?:være|få\s+det))\b",
                          re.IGNORECASE)


def question(referral: Referral | None, sentences: Sequence[Sentence]) -> list[Statement]:
    """The question to the receiver as a request: "Vurdering av kneet ønskes." from "… for
    vurdering av kneet", the purpose said as what is wanted ("Opptrening av ryggen
    ønskes."), else "Vurdering ønskes."."""
    if referral is None:
        return []
    said: dict[str, str] = {}
    for s in sentences:
        said[s.segment_id] = f"{said.get(s.segment_id, '')} {spoken_to_digits(s.text)}"
    for segment in referral.evidence:
        text = said.get(segment, "")
        for m in _PURPOSE.finditer(text):
            purpose = m["purpose"].strip()
            if _NOT_PURPOSE.match(purpose) or not referral_made_in(text, m.start()):
                continue
            purpose = _TO_ASSESS.sub("vurdering av ", purpose)
            if purpose.lower().startswith("å "):
                continue  # "for å få hjelp": a purpose a request cannot be made of
            return [Statement(f"{purpose[:1].upper()}{purpose[1:]} ønskes.", (segment,))]
    return [Statement(ASSESSMENT_WANTED, referral.evidence)]


def referral_made_in(text: str, at: int) -> bool:
    """The purpose at ``at`` belongs to the referral: it follows a referral word in the same
    clause, a few words after it ("henviser deg til ortoped for …")."""
    found = list(re.finditer(r"henvis\w*|innlegg\w*|sender|legge\w* inn", text[:at],
                             re.IGNORECASE))
    if not found:
        return False
    between = text[found[-1].end():at]
    return not re.search(r"[,.;:!?]", between) and len(between.split()) <= 6


def medication_lines(facts: Sequence[Fact], sentences: Sequence[Sentence] = ()
                     ) -> list[Statement]:
    """One line per medicine in use or started today, as said (name, strength, dosing)."""
    new = {f.name for f in new_prescriptions(facts)}
    lines = []
    for f in medicines_in_use(facts, sentences):
        text = " ".join(p for p in (f.value[:1].upper() + f.value[1:], f.attr("strength")) if p)
        if f.attr("dosing"):
            text += f", {f.attr('dosing')}"
        lines.append(Statement(text + (" (ny)." if f.name in new else "."), f.evidence))
    return lines


def allergies(visit: Visit, sentences: Sequence[Sentence]) -> list[Statement]:
    """What the note says of allergies; else the doctor's question and the answer to it."""
    said = [st for st in visit.note("Anamnese", "Funn", "Vurdering", "Tiltak")
            if _ALLERGY.search(st.text)]
    if said:
        return said
    for i, s in enumerate(sentences[:-1]):
        answer = sentences[i + 1]
        if s.speaker != Speaker.LEGE or not _ALLERGY.search(s.text) or not s.is_question \
                or answer.speaker == Speaker.LEGE:
            continue
        if _NO.search(answer.text):
            return [Statement("Ingen allergier.", (s.segment_id, answer.segment_id))]
        return [Statement(f"Allergier: {answer.text.rstrip('.')}.",
                          (s.segment_id, answer.segment_id))]
    return []


def consent(sentences: Sequence[Sentence]) -> list[Statement]:
    """The patient's yes when the doctor asked for consent (nothing when not asked)."""
    for i, s in enumerate(sentences[:-1]):
        answer = sentences[i + 1]
        if s.speaker == Speaker.LEGE and _CONSENT_ASK.search(s.text) \
                and answer.speaker != Speaker.LEGE and _YES.search(answer.text):
            return [Statement("Samtykker til henvisning.", (s.segment_id, answer.segment_id))]
    return []
