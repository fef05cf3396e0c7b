"""The approved note as a FHIR R4 document Bundle, for EPJs that import FHIR.

Entries: Composition (first, as a document requires; one section per note section, plus
Diagnoser and Takster sections that list the Conditions and ChargeItems), Encounter,
Practitioner(s) with their HPR number, Patient (only the EPJ's own reference, when given),
Condition per accepted ICPC-2 code, ChargeItem per takst line, and Provenance for the approval.

Codes and identifiers follow the Norwegian basis profiles (no-basis, HL7 Norway) where they
apply, and the resources name those profiles in ``meta.profile``: HPR number
``urn:oid:2.16.578.1.12.4.1.4.4`` and health-personnel category (Volven 9060, ``LE``) on the
Practitioner; ICPC-2 as the Volven OID ``urn:oid:2.16.578.1.12.4.1.1.7170`` together with
no-basis' preferred URI ``http://hl7.org/fhir/sid/icpc-2``; document type "Journalnotat"
(Volven 9602, ``B02-2``, the value set no-basis-Composition binds). Where we found no
published Norwegian system (Helfo takster, section codes, the EPJ's own patient id), the
system is a named local one under :data:`LOCAL_SYSTEM`.

Who is who: the consultation's doctor is the Encounter's participant, the Composition's author,
the Conditions' asserter and the ChargeItems' performer. The approving doctor attests the
Composition, enters the ChargeItems and is the Provenance's agent and signer. When a colleague
approved "på vegne av" the doctor, both appear, and the Provenance says ``onBehalfOf`` the
doctor (agent and signature).

Resource ids are UUIDs derived from the approval hash, so exporting the same approved version
twice gives the same document (same identifier, same references); only the timestamp differs.
"""

from __future__ import annotations

import html
import json
import uuid
from datetime import datetime
from decimal import Decimal
from typing import Any

from scribe.domain import CodeSuggestion, ContactType, TakstLine
from scribe.export.model import CONTACT_LABELS, ApprovedNote, Clinician
from scribe.export.text import TAKSTER, code_line, section_body, takst_line

Json = dict[str, Any]

HPR_SYSTEM = "urn:oid:2.16.578.1.12.4.1.4.4"
ICPC2_SYSTEM = "urn:oid:2.16.578.1.12.4.1.1.7170"
ICPC2_URI = "http://hl7.org/fhir/sid/icpc-2"
DOCUMENT_TYPE_SYSTEM = "urn:oid:2.16.578.1.12.4.1.1.9602"  # Volven 9602 Dokumenttype
PERSONNEL_CATEGORY_SYSTEM = "urn:oid:2.16.578.1.12.4.1.1.9060"  # Kategori helsepersonell
NO_BASIS = "http://hl7.no/fhir/StructureDefinition/no-basis-"
LOCAL_SYSTEM = "urn:scribe:fhir"  # named local systems; no Norwegian one was found
TAKST_SYSTEM = f"{LOCAL_SYSTEM}:CodeSystem:helfo-takst"
SECTION_SYSTEM = f"{LOCAL_SYSTEM}:CodeSystem:journalseksjon"
PATIENT_REF_SYSTEM = f"{LOCAL_SYSTEM}:NamingSystem:epj-pasientreferanse"
CONSULTATION_SYSTEM = f"{LOCAL_SYSTEM}:NamingSystem:konsultasjon"
APPROVAL_HASH_URL = f"{LOCAL_SYSTEM}:StructureDefinition:godkjenning-sha256"
REFUND_URL = f"{LOCAL_SYSTEM}:StructureDefinition:helfo-refusjon"
PATIENT_SHARE_URL = f"{LOCAL_SYSTEM}:StructureDefinition:egenandel"
ACT_CODE = "http://terminology.hl7.org/CodeSystem/v3-ActCode"
CONDITION_CATEGORY = "http://terminology.hl7.org/CodeSystem/condition-category"
CONDITION_VERIFICATION = "http://terminology.hl7.org/CodeSystem/condition-ver-status"
PARTICIPATION = "http://terminology.hl7.org/CodeSystem/v3-ParticipationType"
PROVENANCE_AGENT = "http://terminology.hl7.org/CodeSystem/provenance-participant-type"
SIGNATURE_TYPE = "urn:iso-astm:E1762-95:2013"
XHTML = "http://www.w3.org/1999/xhtml"

# Encounter.class: video and telephone are virtual (VR), a home visit is home health (HH).
ENCOUNTER_CLASS: dict[ContactType, tuple[str, str]] = {
    ContactType.OPPMOTE: ("AMB", "ambulatory"),
    ContactType.VIDEO: ("VR", "virtual"),
    ContactType.TELEFON: ("VR", "virtual"),
    ContactType.SYKEBESOK: ("HH", "home health"),
}


class _Ids:
    """Stable ``urn:uuid:`` full URLs for the resources of one approved version."""

    def __init__(self, note: ApprovedNote) -> None:
        self._ns = uuid.uuid5(uuid.NAMESPACE_URL,
                              f"scribe:{note.consultation_id}:{note.version}:{note.sha256}")

    def id(self, kind: str, n: int | str = 0) -> str:
        return str(uuid.uuid5(self._ns, f"{kind}/{n}"))

    def url(self, kind: str, n: int | str = 0) -> str:
        return f"urn:uuid:{self.id(kind, n)}"

    def ref(self, kind: str, n: int | str = 0, display: str | None = None) -> Json:
        ref: Json = {"reference": self.url(kind, n)}
        if display:
            ref["display"] = display
        return ref


def instant(moment: datetime) -> str:
    """FHIR dateTime/instant: seconds, with the time zone (naive times are refused)."""
    if moment.tzinfo is None:
        raise ValueError("FHIR-tidspunkt må ha tidssone")
    return moment.isoformat(timespec="seconds")


def narrative(text: str) -> Json:
    paragraphs = "".join(f"<p>{html.escape(p)}</p>" for p in text.splitlines() if p.strip())
    return {"status": "generated", "div": f'<div xmlns="{XHTML}">{paragraphs or "<p/>"}</div>'}


def money(amount: Decimal) -> Json:
    return {"value": float(amount), "currency": "NOK"}


def amount(value: float, count: int = 1) -> Decimal:
    """NOK with øre, computed in decimal so sums do not drift."""
    return (Decimal(str(value)) * count).quantize(Decimal("0.01"))


def _profile(name: str) -> Json:
    return {"profile": [f"{NO_BASIS}{name}"]}


def _practitioner(ids: _Ids, key: str, who: Clinician) -> Json:
    resource: Json = {
        "resourceType": "Practitioner", "id": ids.id("Practitioner", key),
        "meta": _profile("Practitioner"), "name": [{"text": who.name}],
        "qualification": [{"code": {"coding": [{"system": PERSONNEL_CATEGORY_SYSTEM,
                                                "code": "LE", "display": "Lege"}]}}]}
    if who.hpr:
        resource["identifier"] = [{"system": HPR_SYSTEM, "value": who.hpr}]
    return resource


def _practitioners(note: ApprovedNote, ids: _Ids) -> list[Json]:
    found = [_practitioner(ids, "lege", note.doctor)]
    if note.approved_by != note.doctor:
        found.append(_practitioner(ids, "godkjenner", note.approved_by))
    return found


def _approver_ref(note: ApprovedNote, ids: _Ids) -> Json:
    key = "lege" if note.approved_by == note.doctor else "godkjenner"
    return ids.ref("Practitioner", key, note.approved_by.name)


def _doctor_ref(note: ApprovedNote, ids: _Ids) -> Json:
    return ids.ref("Practitioner", "lege", note.doctor.name)


def _on_behalf(note: ApprovedNote, ids: _Ids) -> Json:
    """``onBehalfOf`` the consultation's doctor, when someone else approved."""
    return {} if note.approved_by == note.doctor else {"onBehalfOf": _doctor_ref(note, ids)}


def _patient(note: ApprovedNote, ids: _Ids) -> Json | None:
    if not note.patient_ref:
        return None
    return {"resourceType": "Patient", "id": ids.id("Patient"), "meta": _profile("Patient"),
            "identifier": [{"system": PATIENT_REF_SYSTEM, "value": note.patient_ref}]}


def _subject(note: ApprovedNote, ids: _Ids) -> Json:
    if note.patient_ref:
        return ids.ref("Patient")
    return {"display": "Pasient uten referanse"}


def _encounter(note: ApprovedNote, ids: _Ids) -> Json:
    code, display = ENCOUNTER_CLASS[note.contact_type]
    period = {"start": instant(note.started_at)}
    if note.ended_at is not None:
        period["end"] = instant(note.ended_at)
    return {
        "resourceType": "Encounter", "id": ids.id("Encounter"), "meta": _profile("Encounter"),
        "status": "finished",
        "class": {"system": ACT_CODE, "code": code, "display": display},
        "type": [{"text": CONTACT_LABELS[note.contact_type]}],
        "subject": _subject(note, ids),
        "participant": [{"individual": _doctor_ref(note, ids)}],
        "period": period,
        "identifier": [{"system": CONSULTATION_SYSTEM, "value": str(note.consultation_id)}],
    }


def _condition(note: ApprovedNote, ids: _Ids, n: int, code: CodeSuggestion) -> Json:
    return {
        "resourceType": "Condition", "id": ids.id("Condition", n),
        "verificationStatus": {"coding": [{"system": CONDITION_VERIFICATION,
                                           "code": "confirmed"}]},
        "category": [{"coding": [{"system": CONDITION_CATEGORY,
                                  "code": "encounter-diagnosis"}]}],
        "code": {"coding": [{"system": system, "code": code.code, "display": code.title}
                            for system in (ICPC2_SYSTEM, ICPC2_URI)],
                 "text": f"{code.code} {code.title}"},
        "subject": _subject(note, ids),
        "encounter": ids.ref("Encounter"),
        "recordedDate": instant(note.approved_at),
        "asserter": _doctor_ref(note, ids),
    }


def _charge_item(note: ApprovedNote, ids: _Ids, n: int, line: TakstLine) -> Json:
    item: Json = {
        "resourceType": "ChargeItem", "id": ids.id("ChargeItem", n), "status": "billable",
        "code": {"coding": [{"system": TAKST_SYSTEM, "code": line.code}], "text": line.code},
        "subject": _subject(note, ids),
        "context": ids.ref("Encounter"),
        "occurrenceDateTime": instant(note.started_at),
        "performer": [{"actor": _doctor_ref(note, ids)}],
        "quantity": {"value": line.count},
        "priceOverride": money(amount(line.fee, line.count)),
        "enteredDate": instant(note.approved_at),
        "enterer": _approver_ref(note, ids),
        "extension": [
            {"url": REFUND_URL, "valueMoney": money(amount(line.refund, line.count))},
            {"url": PATIENT_SHARE_URL,
             "valueMoney": money(amount(line.patient_share, line.count))},
        ],
    }
    if note.codes:
        item["reason"] = [{"coding": [{"system": ICPC2_SYSTEM, "code": c.code,
                                       "display": c.title}]} for c in note.codes]
    return item


def _section(code: str, title: str, text: str, entries: list[Json] | None = None) -> Json:
    section: Json = {"title": title,
                     "code": {"coding": [{"system": SECTION_SYSTEM, "code": code,
                                          "display": title}]},
                     "text": narrative(text)}
    if entries:
        section["entry"] = entries
    return section


def _sections(note: ApprovedNote, ids: _Ids) -> list[Json]:
    sections = [_section(s.name.casefold(), s.name, body)
                for s in note.draft.sections if (body := section_body(s))]
    if note.codes:
        sections.append(_section("diagnoser", "Diagnoser", code_line(note.codes),
                                 [ids.ref("Condition", n) for n in range(len(note.codes))]))
    if note.takster:
        sections.append(_section("takster", TAKSTER, takst_line(note.takster),
                                 [ids.ref("ChargeItem", n) for n in range(len(note.takster))]))
    return sections


def _composition(note: ApprovedNote, ids: _Ids) -> Json:
    title = f"Journalnotat, konsultasjon {note.consultation_id} versjon {note.version}"
    composition: Json = {
        "resourceType": "Composition", "id": ids.id("Composition"),
        "meta": _profile("Composition"), "status": "final",
        "identifier": {"system": CONSULTATION_SYSTEM,
                       "value": f"{note.consultation_id}-v{note.version}"},
        "type": {"coding": [{"system": DOCUMENT_TYPE_SYSTEM, "code": "B02-2",
                             "display": "Journalnotat"}], "text": "Journalnotat"},
        "encounter": ids.ref("Encounter"),
        "date": instant(note.approved_at),
        "author": [_doctor_ref(note, ids)],
        "title": title,
        "attester": [{"mode": "legal", "time": instant(note.approved_at),
                      "party": _approver_ref(note, ids)}],
        "section": _sections(note, ids),
    }
    if note.patient_ref:
        composition["subject"] = ids.ref("Patient")
    return composition


def _provenance(note: ApprovedNote, ids: _Ids) -> Json:
    approver = _approver_ref(note, ids)
    return {
        "resourceType": "Provenance", "id": ids.id("Provenance"),
        "target": [ids.ref("Composition")],
        "recorded": instant(note.approved_at),
        "activity": {"coding": [{"system": PARTICIPATION, "code": "LA",
                                 "display": "legal authenticator"}]},
        "agent": [{"type": {"coding": [{"system": PROVENANCE_AGENT, "code": "attester"}]},
                   "who": approver, **_on_behalf(note, ids)}],
        "signature": [{"type": [{"system": SIGNATURE_TYPE, "code": "1.2.840.10065.1.12.1.5",
                                 "display": "Verification Signature"}],
                       "when": instant(note.approved_at), "who": approver,
                       **_on_behalf(note, ids)}],
        "extension": [{"url": APPROVAL_HASH_URL, "valueString": note.sha256}],
    }


def _resources(note: ApprovedNote, ids: _Ids) -> list[Json]:
    resources = [_composition(note, ids), _encounter(note, ids), *_practitioners(note, ids)]
    if (patient := _patient(note, ids)) is not None:
        resources.append(patient)
    resources += [_condition(note, ids, n, c) for n, c in enumerate(note.codes)]
    resources += [_charge_item(note, ids, n, t) for n, t in enumerate(note.takster)]
    resources.append(_provenance(note, ids))
    return resources


def document_bundle(note: ApprovedNote, *, timestamp: datetime) -> Json:
    """The document Bundle as a JSON-ready dict; ``timestamp`` is when it was assembled."""
    ids = _Ids(note)
    return {
        "resourceType": "Bundle", "id": ids.id("Bundle"), "type": "document",
        "identifier": {"system": "urn:ietf:rfc:3986", "value": ids.url("Bundle")},
        "timestamp": instant(timestamp),
        "entry": [{"fullUrl": f"urn:uuid:{r['id']}", "resource": r}
                  for r in _resources(note, ids)],
    }


def to_json(bundle: Json) -> str:
    """UTF-8 JSON text (æøå kept), indented for people who open the file."""
    return json.dumps(bundle, ensure_ascii=False, indent=2) + "\n"
