"""The takst rule engine: consultation facts + doctor profile → takst lines, checked.

What each procedure, sample or form gives is data (``takstregler.toml`` in
:mod:`scribe.text`, beside the detectors' trigger words); fees, patient shares, invalid and
required combinations, minimum minutes and repetitions come from the imported Helfo table.
Every proposed set is checked against the table's machine rules, and a rule that had to be
applied (a takst dropped because it cannot be combined) is explained.
"""

from __future__ import annotations

import math
from dataclasses import dataclass, field
from typing import Any

from scribe.coding.model import Takst
from scribe.coding.reference import Reference
from scribe.domain import ConsultationFacts, ContactType, DoctorProfile, TakstLine
from scribe.text.facts import load_rules


@dataclass
class _Draft:
    """A takst being proposed: count, reason and evidence before fees are attached."""

    code: str
    count: int
    reason: str
    evidence: tuple[str, ...] = ()
    warnings: list[str] = field(default_factory=list)


def time_supplement_count(minutes: float, takst: Takst) -> int:
    """2cd: per started ``minutes_per_repetition`` beyond ``minimum_minutes`` (20 → 0, 21 → 1)."""
    over = minutes - takst.minimum_minutes
    if over <= 0 or takst.minutes_per_repetition <= 0:
        return 0
    return math.ceil(over / takst.minutes_per_repetition)


def max_count(t: Takst) -> int | None:
    """The most units per regning: 1 + maksRepetisjoner (Normaltariffen's repetition column)."""
    if t.max_repetitions is None:
        return None
    return 1 + t.max_repetitions if t.repetition_percent > 0 else 1


def suggest_takster(facts: ConsultationFacts, profile: DoctorProfile, *, ref: Reference,
                    rules: dict[str, Any] | None = None) -> list[TakstLine]:
    """Takster for one consultation; each line has its reason, evidence and rule warnings."""
    rules = rules or load_rules()
    sup = rules["supplements"]
    drafts = _base(facts, profile, ref, rules)
    done = _procedures(facts, rules) + _samples(facts, sup)
    absent: list[str] = []
    if facts.contact_type in _PRESENT:
        drafts += done
    elif done:
        # a procedure or a sample needs the patient in the room: on the phone or video the
        # samples talked about were taken before ("blodprøvene du tok forrige uke")
        absent.append(", ".join(dict.fromkeys(d.code for d in done)) + " er utelatt: "
                      f"pasienten var ikke på kontoret ({_contact_text(facts.contact_type)}), "
                      "så prøver og prosedyrer ble tatt tidligere eller tas senere.")
    drafts += _forms_and_notes(facts, rules, ref)
    merged = _merge(d for d in drafts if d.code in ref.takster)
    notes = absent + _resolve_conflicts(merged, ref, rules, facts) + _cap_repetitions(merged,
                                                                                     ref)
    lines = [_line(d, ref.takster[d.code]) for d in merged]
    warnings = check_takster(lines, ref, facts=facts, profile=profile, rules=rules)
    if notes or warnings:
        first = lines[0] if lines else None
        if first is not None:
            lines[0] = _with_warnings(first, (*notes, *warnings))
    return lines


def _base(facts: ConsultationFacts, profile: DoctorProfile, ref: Reference,
          rules: dict[str, Any]) -> list[_Draft]:
    sup = rules["supplements"]
    code = rules["contact"].get(str(facts.contact_type), "2ad")
    out = [_Draft(code, 1, f"Kontakttype: {_contact_text(facts.contact_type)}, dagtid.")]
    time = ref.takster.get(sup["time"])
    n = time_supplement_count(facts.duration_min, time) if time else 0
    if n:
        out.append(_Draft(sup["time"], n, f"Konsultasjonen varte {facts.duration_min:g} min: "
                          f"{n} påbegynte {time.minutes_per_repetition if time else 15} min "
                          f"utover {time.minimum_minutes if time else 20} min."))
    if profile.specialist_allmennmedisin:
        out.append(_Draft(sup["specialist"], 1, "Legen er spesialist i allmennmedisin."))
        if n:
            out.append(_Draft(sup["specialist_time"], n, "Tidstillegg for spesialist i "
                              "allmennmedisin, samme antall som tidstillegget."))
    if profile.phd:
        out.append(_Draft(sup["phd"], 1, "Legen har doktorgrad (profil)."))
    return out


_PRESENT = frozenset({ContactType.OPPMOTE, ContactType.SYKEBESOK})


def _contact_text(contact: ContactType) -> str:
    return {ContactType.OPPMOTE: "oppmøte", ContactType.VIDEO: "video",
            ContactType.TELEFON: "telefon", ContactType.SYKEBESOK: "sykebesøk"}[contact]


def _procedures(facts: ConsultationFacts, rules: dict[str, Any]) -> list[_Draft]:
    items = {p["id"]: p for p in rules.get("procedure", ())}
    out: list[_Draft] = []
    blocks_materials = False
    for f in facts.of_kind("procedure"):
        item = items.get(f.name)
        if item is None or f.attr("done_here") != "true":
            continue
        blocks_materials |= bool(item.get("no_materials"))
        if item.get("point_of_care") and f.attr("status") == "sent":
            continue  # analysed at a laboratory: the sample alone is ours (701a)
        out += [_Draft(code, 1, f"{item['name']} utført her.", f.evidence)
                for code in item.get("takster", ())]
    if blocks_materials:
        out = [d for d in out if not _is_material(d.code)]
    return out


def _is_material(code: str) -> bool:
    return len(code) == 3 and code.startswith("10") and code[2].isalpha()


def _samples(facts: ConsultationFacts, sup: dict[str, Any]) -> list[_Draft]:
    taken = [f for f in facts.of_kind("procedure") if f.attr("material")]
    if not taken:
        return []
    evidence = tuple(dict.fromkeys(e for f in taken for e in f.evidence))
    out = [_Draft(sup["sample_first"], 1, "Prøve tatt på kontoret: "
                  + ", ".join(sorted({f.value for f in taken})) + ".", evidence)]
    sent = sorted({f.attr("material") for f in taken if f.attr("sent") == "true"})
    if len(sent) > 1:
        out.append(_Draft(sup["sample_extra"], len(sent) - 1,
                          f"Sendeprøver av ulikt materiale: {', '.join(sent)}.", evidence))
    return out


def _forms_and_notes(facts: ConsultationFacts, rules: dict[str, Any],
                     ref: Reference) -> list[_Draft]:
    sup, out = rules["supplements"], []
    forms = [f for f in facts.of_kind("questionnaire") if f.attr("billable") == "true"]
    if forms:
        code = rules["questionnaires"]["takst"]
        out.append(_Draft(code, len(forms), "Anerkjent skjema brukt: "
                          + ", ".join(f.value for f in forms) + ".",
                          tuple(e for f in forms for e in f.evidence)))
    out += _sick_notes(facts, sup)
    interpreter = rules.get("interpreter", {}).get("takst")
    for f in facts.of_kind("interpreter"):
        if interpreter:
            out.append(_Draft(interpreter, 1, "Kvalifisert tolk brukt i konsultasjonen.",
                              f.evidence))
    guidance = {g["id"]: g for g in rules.get("guidance", ())}
    for f in facts.of_kind("guidance"):
        out += [_Draft(c, 1, f"{f.value}.", f.evidence)
                for c in guidance.get(f.name, {}).get("takster", ())]
    return out


def _sick_notes(facts: ConsultationFacts, sup: dict[str, Any]) -> list[_Draft]:
    """L1 for a sick note written (not one refused); L4 when its utdypende opplysninger to
    NAV are filled in as well."""
    notes = [f for f in facts.of_kind("sick_leave") if f.attr("status") != "refused"]
    if not notes:
        return []
    out = [_Draft(sup["sick_note"], 1, "Sykmelding skrevet.", notes[0].evidence)]
    extended = [e for f in notes if f.attr("extended") == "true" for e in f.evidence]
    extended += [e for f in facts.of_kind("nav_form") if f.name == "utdypende_opplysninger"
                 for e in f.evidence]
    if extended:
        out.append(_Draft(sup["sick_note_extended"], 1, "Utdypende opplysninger til NAV.",
                          tuple(dict.fromkeys(extended))))
    return out


def _merge(drafts: Any) -> list[_Draft]:
    """One line per code; repeated procedures under 100 add up, others stay at one."""
    merged: dict[str, _Draft] = {}
    for d in drafts:
        if d.code in merged:
            m = merged[d.code]
            if d.code == "100" or d.reason != m.reason:
                m.count += d.count if d.code == "100" else 0
                m.reason = m.reason if d.reason in m.reason else f"{m.reason} {d.reason}"
                m.evidence = tuple(dict.fromkeys((*m.evidence, *d.evidence)))
        else:
            merged[d.code] = _Draft(d.code, d.count, d.reason, d.evidence)
    return list(merged.values())


def _resolve_conflicts(drafts: list[_Draft], ref: Reference, rules: dict[str, Any],
                       facts: ConsultationFacts) -> list[str]:
    """Drop the lesser of two takster the table forbids together; say which rule did it."""
    notes: list[str] = []
    keep = {rules["contact"].get(str(facts.contact_type), "2ad")}
    changed = True
    while changed:
        changed = False
        for a in drafts:
            for b in drafts:
                if a is b or not _forbidden(a.code, b.code, ref):
                    continue
                loser = min((a, b), key=lambda d: (d.code in keep, _value(d, ref)))
                drafts.remove(loser)
                other = b if loser is a else a
                notes.append(f"{loser.code} er utelatt: kan ikke kombineres med {other.code} "
                             f"(ugyldigKombinasjon i taksttabellen).")
                changed = True
                break
            if changed:
                break
    return notes


def _cap_repetitions(drafts: list[_Draft], ref: Reference) -> list[str]:
    notes = []
    for d in drafts:
        t = ref.takster[d.code]
        most = max_count(t)
        if most is not None and d.count > most:
            notes.append(f"{d.code} er begrenset til {most} (maksRepetisjoner {t.max_repetitions}"
                         f"); {d.count} ble funnet.")
            d.count = most
    return notes


def _value(d: _Draft, ref: Reference) -> float:
    return ref.takster[d.code].fee * d.count


def _forbidden(a: str, b: str, ref: Reference) -> bool:
    ta, tb = ref.takster.get(a), ref.takster.get(b)
    return bool((ta and ta.invalid.forbids(b)) or (tb and tb.invalid.forbids(a)))


def _line(d: _Draft, t: Takst) -> TakstLine:
    return TakstLine(code=d.code, count=d.count, fee=t.fee, patient_share=t.patient_share,
                     refund=t.refund, reason=d.reason, evidence=d.evidence,
                     warnings=tuple(d.warnings))


def _with_warnings(line: TakstLine, warnings: tuple[str, ...]) -> TakstLine:
    return TakstLine(code=line.code, count=line.count, fee=line.fee,
                     patient_share=line.patient_share, refund=line.refund, reason=line.reason,
                     warnings=(*line.warnings, *warnings), evidence=line.evidence,
                     status=line.status)


def check_takster(lines: list[TakstLine], ref: Reference, *,
                  facts: ConsultationFacts | None = None, profile: DoctorProfile | None = None,
                  rules: dict[str, Any] | None = None) -> list[str]:
    """Every rule in the table the set breaks, in Norwegian, naming the rule."""
    codes = {ln.code for ln in lines}
    out: list[str] = []
    for ln in lines:
        t = ref.takster.get(ln.code)
        if t is None:
            out.append(f"{ln.code} finnes ikke i taksttabellen {_edition(ref)}.")
            continue
        out += _pair_rules(ln, t, codes)
        most = max_count(t)
        if most is not None and ln.count > most:
            out.append(f"{ln.code} er satt {ln.count} ganger; maksRepetisjoner "
                       f"{t.max_repetitions} tillater {most}.")
    if facts is not None:
        out += _time_rules(lines, ref, facts, rules or load_rules())
    if profile is not None:
        out += _profile_rules(codes, profile, rules or load_rules())
    return out


def _edition(ref: Reference) -> str:
    ed = ref.editions.get("takster")
    return ed.edition if ed else ""


def _pair_rules(ln: TakstLine, t: Takst, codes: set[str]) -> list[str]:
    out = [f"{ln.code} kan ikke kombineres med {o} (ugyldigKombinasjon: "
           f"{'alle unntatt listen' if t.invalid.all_except else 'listet'})."
           for o in sorted(codes - {ln.code}) if t.invalid.forbids(o)]
    if t.requires_any and not (t.requires_any & codes):
        out.append(f"{ln.code} krever en av {', '.join(sorted(t.requires_any))} (kreverTakst).")
    return out


def _time_rules(lines: list[TakstLine], ref: Reference, facts: ConsultationFacts,
                rules: dict[str, Any]) -> list[str]:
    sup, out = rules["supplements"], []
    counts = {ln.code: ln.count for ln in lines}
    time = ref.takster.get(sup["time"])
    if time is not None:
        want = time_supplement_count(facts.duration_min, time)
        have = counts.get(time.code, 0)
        if have != want and time.code not in _dropped_for_conflict(counts, ref, time.code):
            out.append(f"{time.code} er satt {have} ganger, men {facts.duration_min:g} min gir "
                       f"{want} (minimumTidsbruk {time.minimum_minutes}, per påbegynt "
                       f"{time.minutes_per_repetition} min).")
    if counts.get(sup["specialist_time"], 0) not in (0, counts.get(sup["time"], 0)):
        out.append(f"{sup['specialist_time']} skal ha samme antall som {sup['time']}.")
    for code, n in counts.items():
        t = ref.takster.get(code)
        if t and t.minimum_minutes > facts.duration_min and n:
            out.append(f"{code} krever minst {t.minimum_minutes} min (minimumTidsbruk).")
    return out


def _dropped_for_conflict(counts: dict[str, int], ref: Reference, code: str) -> set[str]:
    return {code} if any(_forbidden(code, other, ref) for other in counts) else set()


def _profile_rules(codes: set[str], profile: DoctorProfile, rules: dict[str, Any]) -> list[str]:
    sup, out = rules["supplements"], []
    for code in (sup["specialist"], sup["specialist_time"]):
        if code in codes and not profile.specialist_allmennmedisin:
            out.append(f"{code} kan kun kreves av spesialist i allmennmedisin (Beskrivelse).")
    if sup["phd"] in codes and not profile.phd:
        out.append(f"{sup['phd']} krever doktorgrad (legeprofilen).")
    return out
