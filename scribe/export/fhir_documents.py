"""The approved referral as a FHIR R4 ``ServiceRequest``, in a collection Bundle with the
requesting Practitioner (HPR number), the Patient (the EPJ's own reference, when given) and
a Provenance for the doctor's approval.

Mapping: receiver → ``performerType.text``; urgency "Øyeblikkelig hjelp" → ``priority`` stat,
"Haster" → urgent, nothing said → no priority (the receiver's default, routine); the diagnosis
→ ``reasonCode`` (ICPC-2, as in the note's bundle); the question → ``reasonCode.text``;
history, findings, what was tried, medication, allergies and consent → ``note``; the whole
rendered referral → ``text``. Ids are UUIDs derived from the approval hash, so the same
approved version always gives the same resources.
"""

from __future__ import annotations

import re
import uuid
from datetime import datetime
from typing import TYPE_CHECKING, Any

from scribe.export.fhir import (
    APPROVAL_HASH_URL,
    CONSULTATION_SYSTEM,
    HPR_SYSTEM,
    ICPC2_SYSTEM,
    ICPC2_URI,
    PATIENT_REF_SYSTEM,
    PERSONNEL_CATEGORY_SYSTEM,
    PROVENANCE_AGENT,
    instant,
    narrative,
)
from scribe.export.model import Clinician

if TYPE_CHECKING:
    from scribe.export.documents import ApprovedDocument

Json = dict[str, Any]
PRIORITY = {"Øyeblikkelig hjelp": "stat", "Haster": "urgent"}
_CODE = re.compile(r"^([A-Z]\d{2})\s+(.+?)\.?$")
NOTE_FIELDS = ("sykehistorie", "funn", "forsokt", "legemidler", "allergier", "samtykke")


class _Ids:
    def __init__(self, doc: ApprovedDocument) -> None:
        self._ns = uuid.uuid5(uuid.NAMESPACE_URL, f"scribe:{doc.consultation_id}:henvisning:"
                                                  f"{doc.version.n}:{doc.sha256}")

    def id(self, kind: str) -> str:
        return str(uuid.uuid5(self._ns, kind))

    def ref(self, kind: str, display: str | None = None) -> Json:
        ref: Json = {"reference": f"urn:uuid:{self.id(kind)}"}
        if display:
            ref["display"] = display
        return ref


def _practitioner(ids: _Ids, key: str, who: Clinician) -> Json:
    resource: Json = {"resourceType": "Practitioner", "id": ids.id(f"Practitioner/{key}"),
                      "name": [{"text": who.name}],
                      "qualification": [{"code": {"coding": [{
                          "system": PERSONNEL_CATEGORY_SYSTEM, "code": "LE",
                          "display": "Lege"}]}}]}
    if who.hpr:
        resource["identifier"] = [{"system": HPR_SYSTEM, "value": who.hpr}]
    return resource


def _reason(doc: ApprovedDocument) -> list[Json]:
    document = doc.version.document
    reason: Json = {}
    if (m := _CODE.match(document.text_of("diagnose"))) is not None:
        reason["coding"] = [{"system": s, "code": m.group(1), "display": m.group(2)}
                            for s in (ICPC2_SYSTEM, ICPC2_URI)]
    if question := document.text_of("problemstilling"):
        reason["text"] = question
    return [reason] if reason else []


def service_request(doc: ApprovedDocument, text: str, ids: _Ids) -> Json:
    document = doc.version.document
    request: Json = {
        "resourceType": "ServiceRequest", "id": ids.id("ServiceRequest"),
        "text": narrative(text), "status": "active", "intent": "order",
        "category": [{"text": "Henvisning"}],
        "code": {"text": "Henvisning"},
        "identifier": [{"system": CONSULTATION_SYSTEM,
                        "value": f"{doc.consultation_id}-henvisning-v{doc.version.n}"}],
        "subject": ids.ref("Patient") if doc.patient_ref
        else {"display": "Pasient uten referanse"},
        "authoredOn": instant(doc.approved_at),
        "requester": ids.ref("Practitioner/lege", doc.doctor.name),
        "extension": [{"url": APPROVAL_HASH_URL, "valueString": doc.sha256}],
    }
    if receiver := document.text_of("mottaker"):
        request["performerType"] = {"text": receiver.rstrip(".")}
    if (priority := PRIORITY.get(document.text_of("hastegrad").rstrip("."))) is not None:
        request["priority"] = priority
    if reason := _reason(doc):
        request["reasonCode"] = reason
    notes = [f"{f.label}: {f.text}" for key in NOTE_FIELDS
             if (f := document.field(key)) is not None and not f.empty]
    if notes:
        request["note"] = [{"text": n} for n in notes]
    return request


def service_request_bundle(doc: ApprovedDocument, text: str, *, timestamp: datetime) -> Json:
    """The collection Bundle: ServiceRequest, Practitioner(s), Patient, Provenance."""
    ids = _Ids(doc)
    resources = [service_request(doc, text, ids), _practitioner(ids, "lege", doc.doctor)]
    approver = ids.ref("Practitioner/lege", doc.doctor.name)
    if doc.approved_by != doc.doctor:
        resources.append(_practitioner(ids, "godkjenner", doc.approved_by))
        approver = ids.ref("Practitioner/godkjenner", doc.approved_by.name)
    if doc.patient_ref:
        resources.append({"resourceType": "Patient", "id": ids.id("Patient"),
                          "identifier": [{"system": PATIENT_REF_SYSTEM,
                                          "value": doc.patient_ref}]})
    resources.append({
        "resourceType": "Provenance", "id": ids.id("Provenance"),
        "target": [ids.ref("ServiceRequest")], "recorded": instant(doc.approved_at),
        "agent": [{"type": {"coding": [{"system": PROVENANCE_AGENT, "code": "attester"}]},
                   "who": approver}],
        "extension": [{"url": APPROVAL_HASH_URL, "valueString": doc.sha256}]})
    return {"resourceType": "Bundle", "id": ids.id("Bundle"), "type": "collection",
            "timestamp": instant(timestamp),
            "entry": [{"fullUrl": f"urn:uuid:{r['id']}", "resource": r} for r in resources]}
