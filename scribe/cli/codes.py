"""``scribe codes …`` and ``scribe takster …``: import, look up, search, suggest, evaluate."""

from __future__ import annotations

import argparse
import json
from dataclasses import asdict, replace
from pathlib import Path
from typing import Any

from scribe.cli import subcommand_group
from scribe.config import load_settings
from scribe.domain import ContactType, DoctorProfile


def _reference() -> Any:
    from scribe.coding.reference import ensure_reference

    settings = load_settings()
    return ensure_reference(settings.data_dir, settings.reference_dir)


def _index() -> Any:
    from scribe.coding.index import CodeIndex

    return CodeIndex(_reference())


def _llm(model_id: str | None) -> Any:
    """The chat model named (or the configured one for "standard"); None without --llm."""
    if model_id is None:
        return None
    from scribe.llm.factory import make_chat_model
    from scribe.models import ModelStore

    settings = load_settings()
    return make_chat_model(settings, ModelStore(settings.models_dir),
                           model_id=None if model_id == "standard" else model_id)


def _add_llm_option(p: argparse.ArgumentParser) -> None:
    p.add_argument("--llm", nargs="?", const="standard", metavar="MODELL",
                   help="la en språkmodell velge blant kandidatene (standard: innstillingene)")


def register(sub: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    actions = subcommand_group(sub, "codes", "ICPC-2: importer, vis, søk og foreslå koder")
    p = actions.add_parser("import", help="importer FinnKode-JSON, termsett (xlsx), "
                           "Helfos taksttabell (xml) eller legemiddellisten (drugs_no.csv)")
    p.add_argument("files", nargs="+", type=Path, metavar="FIL")
    p.set_defaults(func=cmd_import)
    p = actions.add_parser("show", help="vis en ICPC-2-kode")
    p.add_argument("code", metavar="KODE")
    p.set_defaults(func=cmd_show)
    p = actions.add_parser("search", help="søk i ICPC-2 (titler, inklusjoner, termsett)")
    p.add_argument("query", metavar="TEKST")
    p.add_argument("-k", type=int, default=10, help="antall treff (standard 10)")
    p.set_defaults(func=cmd_search)
    p = actions.add_parser("suggest", help="foreslå ICPC-2-koder og takster for en transkripsjon")
    p.add_argument("transcript", type=Path, metavar="TRANSKRIPSJON.json")
    p.add_argument("--contact", choices=[c.value for c in ContactType])
    p.add_argument("--minutes", type=float, help="konsultasjonens varighet i minutter")
    p.add_argument("--sex", choices=["K", "M"],
                   help="pasientens kjønn (standard: tilfellets eget, ellers ukjent)")
    p.add_argument("--json", action="store_true", help="skriv resultatet som JSON")
    _add_llm_option(p)
    p.set_defaults(func=cmd_suggest)
    p = actions.add_parser("eval", help="mål kodeforslagene mot evalueringscaser")
    p.add_argument("--cases", type=Path, required=True, metavar="MAPPE")
    p.add_argument("--json", action="store_true", help="skriv resultatet som JSON")
    _add_llm_option(p)
    p.set_defaults(func=cmd_eval)
    takster = subcommand_group(sub, "takster", "Helfo-takster: vis takst og regler")
    p = takster.add_parser("show", help="vis en takst med honorar og regler")
    p.add_argument("code", metavar="TAKST")
    p.set_defaults(func=cmd_takst_show)


def cmd_import(args: argparse.Namespace) -> int:
    from scribe.coding.reference import import_file

    data_dir = load_settings().data_dir
    for path in args.files:
        ed = import_file(path, data_dir)
        print(f"{path.name}: {ed.part}, utgave {ed.edition} (gyldig fra {ed.valid_from or '?'}),"
              f" {ed.count} poster")
    return 0


def cmd_show(args: argparse.Namespace) -> int:
    ref = _reference()
    c = ref.validate_code(args.code)
    print(f"{c.code}  {c.title}  ({c.component}, kapittel {c.chapter})")
    if c.title_en:
        print(f"  engelsk: {c.title_en}")
    for label, items in (("inklusjon", c.inclusion), ("termer", ref.terms.get(c.code, ()))):
        if items:
            print(f"  {label}: " + "; ".join(items))
    if c.exclusion:
        print("  eksklusjon: " + "; ".join(f"{t} → {k}" for t, k in c.exclusion))
    if c.criteria:
        print(f"  kriterier: {c.criteria}")
    if c.icd10:
        print(f"  ICD-10: {', '.join(c.icd10)}")
    ed = ref.editions.get("icpc2")
    print(f"  utgave: {ed.edition if ed else '?'}")
    return 0


def cmd_search(args: argparse.Namespace) -> int:
    for code, score in _index().search(args.query, args.k):
        print(f"{code.code:<5} {score:7.2f}  {code.title}")
    return 0


def cmd_suggest(args: argparse.Namespace) -> int:
    from scribe.coding.evaluate import case_profile
    from scribe.coding.service import code_consultation, facts_for
    from scribe.text.facts import detect_in
    from scribe.text.transcripts import case_facts, is_case, load_json, transcript_from_json

    settings = load_settings()
    data = load_json(args.transcript)
    transcript = transcript_from_json(data)
    base = case_facts(data) if is_case(data) else None
    facts = facts_for(transcript, contact=args.contact, minutes=args.minutes, base=base,
                      sex=args.sex)
    facts = replace(facts, facts=tuple(detect_in(transcript)))  # no draft: detect here
    # an evaluation case states the doctor it assumes, as ``scribe eval`` reads it
    profile = case_profile(data) if is_case(data) else DoctorProfile(
        specialist_allmennmedisin=settings.doctor.specialist_allmennmedisin,
        phd=settings.doctor.phd)
    result = code_consultation(transcript, facts, profile, index=_index(), llm=_llm(args.llm))
    if args.json:
        print(json.dumps(asdict(result), ensure_ascii=False, indent=2))
        return 0
    print("ICPC-2:")
    for s in result.icpc2:
        print(f"  {s.rank}. {s.code:<5} {s.title}{'  (primær)' if s.primary else ''}")
        print(f"       {s.reason} [{', '.join(s.evidence)}]")
    print("Takster:")
    for ln in result.takster:
        print(f"  {ln.code:<5} x{ln.count}  {ln.fee * ln.count:8.2f} kr  "
              f"(egenandel {ln.patient_share * ln.count:.2f})  {ln.reason}")
    for w in result.warnings:
        print(f"  ADVARSEL: {w}")
    return 0


def cmd_eval(args: argparse.Namespace) -> int:
    from scribe.coding.evaluate import evaluate_dir

    llm = _llm(args.llm)
    results, summary = evaluate_dir(args.cases, _index(), llm)
    summary["model"] = llm.model_id if llm is not None else None
    if args.json:
        print(json.dumps({"cases": results, "summary": summary}, ensure_ascii=False, indent=2))
        return 0
    for r in results:
        mark = "topp1" if r["top1"] else "topp3" if r["top3"] else "bom"
        takst = "lik" if r["takst_exact"] else f"ulik {r['takster']} ≠ {r['gold_takster']}"
        print(f"{r['id']:<10} ICPC-2 {mark:<5} {' '.join(r['icpc2'][:3]):<16} "
              f"(fasit {r['gold_primary']})  takster {takst}")
    print(f"\n{summary['cases']} caser: topp-1 {_pct(summary['icpc2_top1'])}, "
          f"topp-3 {_pct(summary['icpc2_top3'])}, sekundær recall "
          f"{_pct(summary['secondary_recall'])}, takster eksakt {_pct(summary['takst_exact'])} "
          f"(uten 10a–d og L-takster {_pct(summary['takst_exact_core'])}), "
          f"ukjente koder {summary['unknown_codes']}, sett med regelbrudd "
          f"{summary['rule_breaking_sets']}, modell {summary['model'] or 'ingen (bare regler)'}")
    return 0


def _pct(value: float | None) -> str:
    return "–" if value is None else f"{100 * value:.0f} %"


def cmd_takst_show(args: argparse.Namespace) -> int:
    ref = _reference()
    t = ref.takst(args.code)
    print(f"{t.code}  honorar {t.fee:.2f} kr, refusjon {t.refund:.2f} kr, "
          f"egenandel {t.patient_share:.2f} kr  (fra {t.valid_from})")
    print(f"  {t.description}")
    if t.invalid.codes or t.invalid.all_except:
        print(f"  ugyldig sammen med: {t.invalid.describe()}")
    if t.requires_any:
        print(f"  krever en av: {', '.join(sorted(t.requires_any))}")
    if t.minimum_minutes or t.minutes_per_repetition:
        print(f"  minimum tidsbruk: {t.minimum_minutes} min, per repetisjon: "
              f"{t.minutes_per_repetition} min")
    if t.max_repetitions is not None:
        print(f"  maks repetisjoner: {t.max_repetitions} ({t.repetition_percent} %)")
    ed = ref.editions.get("takster")
    print(f"  taksttabell: {ed.edition if ed else '?'}")
    return 0
