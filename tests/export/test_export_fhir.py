"""The FHIR R4 document Bundle: parsed back with fhir.resources (R4B models) to prove it valid."""

from __future__ import annotations

import json
from dataclasses import replace
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

import pytest
from export_sample import NOTE
from fhir.resources.R4B.bundle import Bundle

from scribe.domain import ContactType
from scribe.export.fhir import (
    HPR_SYSTEM,
    ICPC2_SYSTEM,
    TAKST_SYSTEM,
    document_bundle,
    to_json,
)
from scribe.export.model import ApprovedNote, Clinician

AT = datetime(2026, 11, 25, 11, 0, tzinfo=UTC)
GOLDEN = Path(__file__).parent / "golden"


def _bundle(note: ApprovedNote = NOTE) -> dict[str, Any]:
    data: dict[str, Any] = json.loads(to_json(document_bundle(note, timestamp=AT)))
    return data


def _of(bundle: dict[str, Any], kind: str) -> list[dict[str, Any]]:
    return [e["resource"] for e in bundle["entry"] if e["resource"]["resourceType"] == kind]


def test_the_bundle_parses_as_a_valid_r4_document() -> None:
    model = Bundle.model_validate_json(to_json(document_bundle(NOTE, timestamp=AT)))
    assert model.type == "document" and model.entry is not None
    kinds = [type(e.resource).__name__ for e in model.entry]
    assert kinds == ["Composition", "Encounter", "Practitioner", "Patient", "Condition",
                     "ChargeItem", "ChargeItem", "ChargeItem", "Provenance"]


def test_the_bundle_matches_the_golden_file() -> None:
    # Ids are derived from the approval, so the document is reproducible byte for byte.
    expected = (GOLDEN / "note_r81.fhir.json").read_text(encoding="utf-8")
    assert to_json(document_bundle(NOTE, timestamp=AT)) == expected


@pytest.mark.parametrize("contact", list(ContactType))
def test_every_contact_type_and_a_note_without_patient_or_codes_validates(
        contact: ContactType) -> None:
    note = replace(NOTE, contact_type=contact, patient_ref=None, codes=(), ended_at=None,
                   approved_by=Clinician("Per Vikar", None))
    Bundle.model_validate_json(to_json(document_bundle(note, timestamp=AT)))


def test_every_reference_resolves_inside_the_bundle() -> None:
    bundle = _bundle()
    urls = {e["fullUrl"] for e in bundle["entry"]}
    refs: list[str] = []

    def walk(node: Any) -> None:
        if isinstance(node, dict):
            if isinstance(node.get("reference"), str):
                refs.append(node["reference"])
            for value in node.values():
                walk(value)
        elif isinstance(node, list):
            for value in node:
                walk(value)

    walk(bundle["entry"])
    assert refs and set(refs) <= urls


def test_the_composition_is_final_attested_by_the_approving_doctor() -> None:
    comp = _of(_bundle(), "Composition")[0]
    assert comp["status"] == "final"
    assert comp["attester"][0]["mode"] == "legal"
    assert comp["attester"][0]["time"] == "2026-11-25T10:40:05+00:00"
    assert [s["title"] for s in comp["section"]] == [
        "Anamnese", "Funn", "Vurdering", "Tiltak", "Diagnoser", "Takster"]
    assert "38,4 °C" in comp["section"][1]["text"]["div"]


def test_the_practitioner_carries_the_hpr_number_with_the_no_basis_system() -> None:
    doctor = _of(_bundle(), "Practitioner")[0]
    assert doctor["identifier"] == [{"system": HPR_SYSTEM, "value": "9144900"}]
    assert HPR_SYSTEM == "urn:oid:2.16.578.1.12.4.1.4.4"
    assert doctor["meta"]["profile"] == [
        "http://hl7.no/fhir/StructureDefinition/no-basis-Practitioner"]
    assert doctor["qualification"][0]["code"]["coding"][0]["code"] == "LE"


def test_the_document_type_is_journalnotat_from_the_no_basis_value_set() -> None:
    comp = _of(_bundle(), "Composition")[0]
    assert comp["type"]["coding"] == [{"system": "urn:oid:2.16.578.1.12.4.1.1.9602",
                                       "code": "B02-2", "display": "Journalnotat"}]


def test_the_patient_is_only_the_epj_reference_as_given() -> None:
    patient = _of(_bundle(), "Patient")[0]
    assert set(patient) == {"resourceType", "id", "meta", "identifier"}
    assert patient["identifier"][0]["value"] == "EPJ-4711"
    assert "2.16.578.1.12.4.1.4.1" not in to_json(_bundle())  # no fødselsnummer system


def test_conditions_are_coded_with_icpc2_and_takster_are_charge_items() -> None:
    bundle = _bundle()
    condition = _of(bundle, "Condition")[0]
    assert condition["code"]["coding"][0] == {
        "system": ICPC2_SYSTEM, "code": "R81", "display": "Lungebetennelse"}
    assert ICPC2_SYSTEM == "urn:oid:2.16.578.1.12.4.1.1.7170"
    items = _of(bundle, "ChargeItem")
    assert [i["code"]["coding"][0]["code"] for i in items] == ["2ad", "2cd", "705k"]
    assert {i["code"]["coding"][0]["system"] for i in items} == {TAKST_SYSTEM}
    assert items[0]["priceOverride"] == {"value": 194.0, "currency": "NOK"}


@pytest.mark.parametrize("contact, code", [(ContactType.OPPMOTE, "AMB"),
                                           (ContactType.VIDEO, "VR"),
                                           (ContactType.TELEFON, "VR"),
                                           (ContactType.SYKEBESOK, "HH")])
def test_the_encounter_class_follows_the_contact_type(contact: ContactType, code: str) -> None:
    encounter = _of(_bundle(replace(NOTE, contact_type=contact)), "Encounter")[0]
    assert encounter["class"]["code"] == code


def test_the_provenance_records_the_approval_and_its_hash() -> None:
    bundle = _bundle()
    prov = _of(bundle, "Provenance")[0]
    comp_url = bundle["entry"][0]["fullUrl"]
    assert prov["target"] == [{"reference": comp_url}]
    assert prov["recorded"] == "2026-11-25T10:40:05+00:00"
    assert prov["extension"][0]["valueString"] == NOTE.sha256


def test_the_same_approved_version_gives_the_same_document_identity() -> None:
    first, second = _bundle(), _bundle()
    assert first["identifier"] == second["identifier"]
    other = _bundle(replace(NOTE, sha256="cd" * 32))
    assert other["identifier"] != first["identifier"]


def test_a_naive_time_is_refused() -> None:
    with pytest.raises(ValueError, match="tidssone"):
        document_bundle(NOTE, timestamp=datetime(2026, 1, 1))


def test_an_approval_on_behalf_keeps_the_doctor_as_author_and_names_the_approver() -> None:
    vikar = Clinician("Per Vikar", "1111111")
    bundle = _bundle(replace(NOTE, approved_by=vikar))
    Bundle.model_validate(bundle)
    names = {e["fullUrl"]: e["resource"].get("name", [{}])[0].get("text")
             for e in bundle["entry"]}
    comp = _of(bundle, "Composition")[0]
    assert names[comp["author"][0]["reference"]] == "Kari Lege"
    assert names[comp["attester"][0]["party"]["reference"]] == "Per Vikar"
    assert names[_of(bundle, "Encounter")[0]["participant"][0]["individual"]["reference"]] \
        == "Kari Lege"
    assert names[_of(bundle, "Condition")[0]["asserter"]["reference"]] == "Kari Lege"
    prov = _of(bundle, "Provenance")[0]
    for part in (prov["agent"][0], prov["signature"][0]):
        who, behalf = part["who"]["reference"], part["onBehalfOf"]["reference"]
        assert (names[who], names[behalf]) == ("Per Vikar", "Kari Lege")
    hprs = sorted(p["identifier"][0]["value"] for p in _of(bundle, "Practitioner"))
    assert hprs == ["1111111", "9144900"]


def test_without_a_colleague_nobody_is_named_on_behalf() -> None:
    assert "onBehalfOf" not in to_json(_bundle())
