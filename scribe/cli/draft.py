"""``scribe draft`` (a journal-note draft from a transcript) and ``scribe eval``."""

from __future__ import annotations

import argparse
import json
import sys
from dataclasses import asdict, replace
from pathlib import Path
from typing import TYPE_CHECKING, Any

from scribe.config import Settings, load_settings, with_section
from scribe.progress import Progress

if TYPE_CHECKING:
    from scribe.app import ScribeApp


def register(sub: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    p = sub.add_parser("draft", help="lag journalutkast fra en transkripsjon (JSON)",
                       description="Lag journalutkast med kildehenvisninger fra en "
                                   "transkripsjon eller et evalueringstilfelle (JSON).")
    p.add_argument("transcript", type=Path, metavar="TRANSKRIPSJON.json")
    p.add_argument("--template", default=None, help="notatmal (standard: allmennlege)")
    p.add_argument("--json", action="store_true", help="skriv utkastet som JSON")
    _model_args(p)
    _mode_arg(p)
    p.set_defaults(func=cmd_draft)
    e = sub.add_parser("eval", help="evaluer utkastene mot gullstandarden i en mappe",
                       description="Lag utkast for hvert tilfelle i mappen og skår dem.")
    e.add_argument("--cases", type=Path, required=True, metavar="MAPPE")
    e.add_argument("--json", action="store_true", help="skriv resultatet som JSON")
    e.add_argument("--limit", type=int, default=None, help="bare de N første tilfellene")
    _model_args(e)
    _mode_arg(e)
    e.set_defaults(func=cmd_eval)


def _mode_arg(p: argparse.ArgumentParser) -> None:
    p.add_argument("--llm-mode", choices=["auto", "av", "koder", "utkast"], default=None,
                   help="som [llm] mode i appen: av, koder (modellen rangerer bare ICPC-2) "
                        "eller utkast (også notatet); standard: det appen bruker "
                        "med innstillingene")


def llm_mode(args: argparse.Namespace, settings: Settings) -> str:
    """What the model does in this run: ``--llm-mode``, else what the app would do with these
    settings (``ScribeApp.llm_mode``); ``--model ingen`` means none."""
    from scribe.app import ScribeApp

    if args.model == "ingen":
        return "av"
    if args.model:
        settings = with_section(settings, "llm", model=args.model)
    if args.llm_mode:
        settings = with_section(settings, "llm", mode=args.llm_mode)
    return ScribeApp(settings).llm_mode


def _model_args(p: argparse.ArgumentParser) -> None:
    p.add_argument("--model", default=None, metavar="ID",
                   help="språkmodellpakke; «ingen» gir bare uttrekk uten modell")
    p.add_argument("--threads", type=int, default=None, help="tråder for språkmodellen")
    p.add_argument("--no-phrase", action="store_true",
                   help="modellen setter bare etiketter; teksten er uttrekket")
    p.add_argument("--reference", type=Path, default=None,
                   help="mappe med referansedata (drugs/drugs_no.csv); standard: "
                        "SCRIBE_LEXICON_DIR, mappen over SCRIBE_REFERENCE_DIR, ellers "
                        "legemiddellisten importert med «scribe codes import»")


def warn_without_drug_list(app: ScribeApp) -> None:
    """Says on stderr, once, that notes are drafted without the drug list, if none is found."""
    missing = app.drugs_missing()
    if missing is not None:
        print(f"Merk: {missing.show()}", file=sys.stderr, flush=True)


def _settings(args: argparse.Namespace) -> Settings:
    """The settings, with ``--reference`` as the drug list's folder; warns without one."""
    from scribe.app import ScribeApp

    settings = load_settings()
    if args.reference:
        settings = replace(settings, given_lexicon_dir=args.reference)
    warn_without_drug_list(ScribeApp(settings))
    return settings


def build_drafter(args: argparse.Namespace, settings: Settings, n_ctx: int = 8192, *,
                  mode: str = "utkast") -> Any:
    """The drafter; its model is loaded unless ``mode`` is "av" (the caller drops it from
    the note for "koder")."""
    from scribe.draft.lexicon import lexicon_for
    from scribe.draft.llm_stages import LlmOptions
    from scribe.draft.pipeline import Drafter
    from scribe.draft.render import Templates
    from scribe.llm.factory import make_chat_model
    from scribe.models import ModelStore

    if args.threads:
        settings = with_section(settings, "llm", threads=args.threads)
    model = None
    if mode != "av" and args.model != "ingen" and (args.model or settings.llm.server_url
                                  or _installed(settings, settings.llm.model)):
        model = make_chat_model(settings, ModelStore(settings.models_dir), model_id=args.model,
                                n_ctx=n_ctx)
    template = getattr(args, "template", None) or settings.template
    return Drafter(lexicon_for(settings.lexicon_dir),
                   Templates(settings.templates_dir), model,
                   template, phrase=not args.no_phrase,
                   options=LlmOptions(context_tokens=min(n_ctx, 32768)))


def _installed(settings: Settings, pack_id: str) -> bool:
    from scribe.models import ModelStore

    store = ModelStore(settings.models_dir)
    try:
        return store.status(store.get(pack_id)).installed
    except Exception:
        return False


def _bar(progress: Progress) -> None:
    print(f"\r{progress.label:<40}", end="", file=sys.stderr, flush=True)


def cmd_draft(args: argparse.Namespace) -> int:
    from scribe.llm.factory import context_for
    from scribe.text.transcripts import contact_of, load_json, transcript_from_json

    data = load_json(args.transcript)
    transcript = transcript_from_json(data)
    settings = _settings(args)
    mode = llm_mode(args, settings)
    drafter = build_drafter(args, settings, context_for(transcript), mode=mode)
    if mode != "utkast":
        drafter.model = None  # the note without the model, as in the app
    case = data if isinstance(data, dict) else {}
    result = drafter.draft(transcript, contact=contact_of(case), on_progress=_bar)
    print("\r" + " " * 40 + "\r", end="", file=sys.stderr)
    note = drafter.templates.render_note(result.draft, template=args.template)
    if args.json:
        out = {"note": note, "draft": asdict(result.draft),
               "facts": [asdict(f) for f in result.extraction.facts.facts],
               "model_statements": result.model_statements,
               "fallback_statements": result.fallback_statements,
               "warnings": list(result.warnings)}
        print(json.dumps(out, ensure_ascii=False, indent=1))
        return 0
    print(note)
    flagged = [(st, sec.name) for sec in result.draft.sections for st in sec.statements
               if st.flags]
    for st, name in flagged:
        kinds = ", ".join(sorted({f.kind for f in st.flags}))
        print(f"[merknad] {name}: {kinds} (kilde: {', '.join(st.evidence) or '-'})",
              file=sys.stderr)
    return 0


def cmd_eval(args: argparse.Namespace) -> int:
    from scribe.coding.reference import ensure_reference
    from scribe.evaluation import evaluate, register_coding_metrics

    settings = _settings(args)
    mode = llm_mode(args, settings)
    drafter = build_drafter(args, settings, mode=mode)
    coding_llm = drafter.model
    if mode == "koder":  # the model ranks codes only: the note without it, as in the app
        drafter.model = None
    register_coding_metrics(ensure_reference(settings.data_dir, settings.reference_dir),
                            coding_llm)

    def show(score: Any) -> None:
        d = score.as_dict()
        print(f"{d['id']}: fakta {d['found']}/{d['facts']}, ikke-treff "
              f"{len(d['must_not_hits'])}, flagget {d['unsupported']}/{d['statements']}, "
              f"{d['seconds']} s", file=sys.stderr if args.json else sys.stdout, flush=True)

    result = evaluate(args.cases, drafter, limit=args.limit, on_case=show)
    if args.json:
        print(json.dumps(result, ensure_ascii=False, indent=1))
    else:
        print(f"Totalt: {result['cases']} tilfeller, modell {result['model']}: "
              f"faktadekning {result['fact_recall']:.1%}, ikke-treff {result['must_not_hits']}, "
              f"andel uten støtte {result['unsupported_rate']:.1%}, "
              f"tall som ikke står i transkripsjonen {result['numbers_not_in_transcript']}; "
              f"ICPC-2 topp-1 {result.get('icpc2_top1', 0):.1%}, topp-3 "
              f"{result.get('icpc2_top3', 0):.1%}, takster eksakt "
              f"{result.get('takst_exact', 0):.1%}")
    return 0
