"""Scoring the documents of an evaluation case against its gold labels (``scribe eval``).

Per case: which documents were drafted; for a gold referral whether the receiver and the
reason match (a shared word stem, five letters, between the gold text and the referral);
for gold sick leave whether days and grade match; for gold prescriptions whether each drug
(any word of its name) and dose (its first strength, "10 mg" = "10 milligram") is in the
documents' medicine lines; must-not phrases and statements flagged as small talk in any
document; and for the patient summary LIX, the longest sentence and words a patient should
not meet (Latin, abbreviations).

Style figures (issue 18, quality): in the patient summary, words that mean the doctor
("jeg", "vi", "min" …) and sentences opening with a spoken discourse word ("Da", "Så", "Ja" …);
in the referral and the sick note, second-person words (speech to the patient, not a clinical
statement) and facts said twice (an allergy outside *Allergier*, a drug of *Legemidler* or *Hva
er forsøkt* again elsewhere, the same sentence in two fields); and per document the statements
the verifier flags.
"""

from __future__ import annotations

import re
from collections.abc import Mapping, Sequence
from statistics import median
from typing import Any

from scribe.documents.drafting import DocumentDrafter, Visit
from scribe.documents.model import Document, DocumentKind
from scribe.documents.plain import jargon
from scribe.documents.readability import readability
from scribe.domain import Transcript
from scribe.draft.lexicon import DrugLexicon
from scribe.draft.pipeline import DraftResult
from scribe.draft.verify import hard_flags

_STOP = frozenset({"etter", "under", "eller", "ingen", "mistenkt", "samme", "innen", "avtalt",
                   "telefon", "timer"})
_STRENGTH = re.compile(r"(\d+(?:[,.]\d+)?)\s*(mg|g|ml|mikrogram|µg|milligram|milliliter|"
                       r"gram|tablett\w*|drag|spray|pose\w*|inhalasjon\w*)\b", re.IGNORECASE)
_UNIT = {"milligram": "mg", "milliliter": "ml", "gram": "g", "µg": "mikrogram"}


def _stems(text: str) -> set[str]:
    return {w[:5] for w in re.findall(r"[a-zæøå]{4,}", text.lower()) if w not in _STOP}


def _text(document: Document, *keys: str) -> str:
    fields = [f for f in document.fields if not keys or f.key in keys]
    return " ".join(f.text for f in fields)


def _doses(text: str) -> set[str]:
    return {f"{m.group(1).replace('.', ',')} {_UNIT.get(m.group(2).lower(), m.group(2).lower())}"
            for m in _STRENGTH.finditer(text)}


def case_documents(case: Mapping[str, Any], result: DraftResult, transcript: Transcript,
                   drafter: DocumentDrafter) -> dict[str, Any]:
    gold = case.get("gold", {})
    docs = drafter.draft_applicable(Visit(transcript, result.extraction, result.draft))
    out: dict[str, Any] = {"drafted": [k.value for k in docs]}
    referral, leave = gold.get("referral"), gold.get("sick_leave")
    henvisning, sykmelding = docs.get(DocumentKind.HENVISNING), docs.get(DocumentKind.SYKMELDING)
    if referral:
        dest, _, reason = str(referral).partition(":")
        out["referral_drafted"] = henvisning is not None
        out["referral_destination"] = henvisning is not None and bool(
            _stems(_text(henvisning, "mottaker")) & _stems(dest))
        out["referral_reason"] = henvisning is not None and bool(
            _stems(_text(henvisning)) & _stems(reason or dest))
    else:
        out["referral_false"] = henvisning is not None
    if leave:
        period = _text(sykmelding, "periode") if sykmelding else ""
        days = re.search(r"(\d+)\s+(dager|uker?)", period)
        n = int(days.group(1)) * (7 if days and days.group(2).startswith("uke") else 1) \
            if days else None
        grade = re.search(r"(\d+)\s*%", _text(sykmelding, "grad") if sykmelding else "")
        out["sick_leave_drafted"] = sykmelding is not None
        out["sick_leave_days"] = n == leave.get("days")
        out["sick_leave_grade"] = grade is not None and int(grade.group(1)) == leave.get(
            "grade_percent")
    else:
        out["sick_leave_false"] = sykmelding is not None
    out.update(_medicines(gold.get("prescriptions") or [], docs))
    every = " ".join(_text(d) for d in docs.values()).lower()
    out["must_not_hits"] = [a for alts in gold.get("must_not_include", []) for a in alts
                            if a.lower() in every]
    out["small_talk_statements"] = sum(1 for d in docs.values() for st in d.statements()
                                       if any(f.kind == "small_talk" for f in st.flags))
    summary = docs[DocumentKind.PASIENT]
    figures = readability("\n".join(st.text for st in summary.statements()))
    out["patient_lix"] = round(figures.lix, 1)
    out["patient_max_sentence_words"] = figures.max_sentence_words
    out["patient_jargon"] = sorted(set(jargon(_text(summary))))
    out.update(style_figures(docs, drafter.lexicon))
    return out


_DOCTOR = re.compile(r"\b(?:jeg|vi|meg|oss|min|mitt|mine|vår|vårt|våre)\b", re.IGNORECASE)
_OPENER = re.compile(r"^(?:da|så|ja|nå|altså|okei|ok|og|men|nei)\b", re.IGNORECASE)
_SECOND = re.compile(r"\b(?:du|deg|din|ditt|dine|jeg|vi|meg)\b", re.IGNORECASE)
_ALLERGY = re.compile(r"allergi\w*|allergisk\w*|tåler ikke|overfølsom\w*", re.IGNORECASE)


def style_figures(docs: Mapping[DocumentKind, Document],
                  lexicon: DrugLexicon) -> dict[str, int]:
    """Counts of what a GP would have to rewrite before sending (see the module text)."""
    summary = docs[DocumentKind.PASIENT].statements()
    out = {
        "patient_doctor_words": sum(len(_DOCTOR.findall(st.text)) for st in summary),
        "patient_openers": sum(1 for st in summary if _OPENER.search(st.text)),
        "flagged_statements": sum(1 for d in docs.values() for st in d.statements()
                                  if hard_flags(st)),
        "clinical_second_person": 0, "duplicates": 0,
    }
    for kind in (DocumentKind.HENVISNING, DocumentKind.SYKMELDING):
        if (doc := docs.get(kind)) is not None:
            out["clinical_second_person"] += sum(
                1 for f in doc.fields for st in f.statements
                if f.key not in ("mottaker", "diagnose") and _SECOND.search(st.text))
            out["duplicates"] += duplicates(doc, lexicon)
    return out


def duplicates(document: Document, lexicon: DrugLexicon) -> int:
    """Facts said twice in one document: the same sentence in two fields, an allergy outside
    the allergy field, a drug of the medication or tried fields named again in another."""
    seen: dict[str, str] = {}
    count = 0
    drugs = {key: {m.entry.substance or m.entry.name for m in lexicon.find(document.text_of(key))}
             for key in ("legemidler", "forsokt")}
    for f in document.fields:
        for st in f.statements:
            text = st.text.strip().lower()
            if seen.setdefault(text, f.key) != f.key:
                count += 1
            if f.key != "allergier" and document.field("allergier") is not None \
                    and _ALLERGY.search(st.text):
                count += 1
            named = {m.entry.substance or m.entry.name for m in lexicon.find(st.text)}
            if any(named & found for key, found in drugs.items() if key != f.key) \
                    and f.key not in ("legemidler", "forsokt"):
                count += 1
    return count


def _medicines(prescriptions: Sequence[Mapping[str, str]],
               docs: Mapping[DocumentKind, Document]) -> dict[str, Any]:
    if not prescriptions:
        return {}
    lines = " ".join(_text(d, "medisiner", "legemidler") for d in docs.values())
    words = set(re.findall(r"[a-zæøå]{4,}", lines.lower()))
    drugs = doses = 0
    for rx in prescriptions:
        names = set(re.findall(r"[a-zæøå]{5,}", rx.get("drug", "").lower())) - {
            "tablett", "tabletter", "mikstur", "dosepose", "inhalasjonsaerosol", "nesespray"}
        drugs += bool(names & words)
        first = _STRENGTH.search(rx.get("dose", "")) or _STRENGTH.search(rx.get("drug", ""))
        doses += bool(first and _doses(first.group(0)) <= _doses(lines))
    return {"prescriptions": len(prescriptions), "drugs_found": drugs, "doses_found": doses}


def summarise(per_case: Sequence[Mapping[str, Any]]) -> dict[str, Any]:
    """The documents section of ``scribe eval --json``."""
    def rate(key: str) -> float | None:
        values = [bool(c[key]) for c in per_case if key in c]
        return round(sum(values) / len(values), 4) if values else None

    def count(key: str) -> int:
        return sum(1 for c in per_case if c.get(key))
    lix = [float(c["patient_lix"]) for c in per_case]
    sentence = [int(c["patient_max_sentence_words"]) for c in per_case]
    scoped = [c for c in per_case if "referral_drafted" in c or "sick_leave_drafted" in c]
    return {
        "cases_with_referral": sum(1 for c in per_case if "referral_drafted" in c),
        "referral_drafted": rate("referral_drafted"),
        "referral_destination": rate("referral_destination"),
        "referral_reason": rate("referral_reason"),
        "referral_false": count("referral_false"),
        "cases_with_sick_leave": sum(1 for c in per_case if "sick_leave_drafted" in c),
        "sick_leave_drafted": rate("sick_leave_drafted"),
        "sick_leave_days": rate("sick_leave_days"),
        "sick_leave_grade": rate("sick_leave_grade"),
        "sick_leave_false": count("sick_leave_false"),
        "drug_recall_referral_or_leave_cases": _ratio(scoped, "drugs_found"),
        "dose_recall_referral_or_leave_cases": _ratio(scoped, "doses_found"),
        "drug_recall_all": _ratio(per_case, "drugs_found"),
        "dose_recall_all": _ratio(per_case, "doses_found"),
        "must_not_hits": sum(len(c["must_not_hits"]) for c in per_case),
        "small_talk_statements": sum(int(c["small_talk_statements"]) for c in per_case),
        "patient_lix_median": round(median(lix), 1) if lix else 0.0,
        "patient_lix_max": max(lix, default=0.0),
        "patient_lix_over_40": sum(1 for v in lix if v > 40),
        "patient_max_sentence_words": max(sentence, default=0),
        "patient_sentences_over_20_cases": sum(1 for v in sentence if v > 20),
        "patient_jargon": sum(len(c["patient_jargon"]) for c in per_case),
        **{key: sum(int(c.get(key, 0)) for c in per_case)
           for key in ("patient_doctor_words", "patient_openers", "clinical_second_person",
                       "duplicates", "flagged_statements")},
    }


def _ratio(cases: Sequence[Mapping[str, Any]], key: str) -> float | None:
    total = sum(int(c.get("prescriptions", 0)) for c in cases)
    return round(sum(int(c.get(key, 0)) for c in cases) / total, 4) if total else None
