"""Problems, not just a primary code: everyday words, further matters, mentioned-only
problems, suspicions, weak evidence, and the secondary-code figures."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from coding_helpers import make_transcript

from scribe.coding.evaluate import case_figures, evaluate_case, summarise
from scribe.coding.icpc import suggest_icpc2
from scribe.coding.index import CodeIndex
from scribe.coding.suggestion import WEAK, is_secondary, is_weak, secondary_codes
from scribe.domain import CodeSuggestion

FURTHER_MATTER = make_transcript(
    ("pasient", "Det svir når jeg tisser, og jeg må på do hele tiden."),
    ("lege", "Urinstiksen viser nitritt og hvite. Vurderingen min er at du har en "
             "urinveisinfeksjon. Du får pivmecillinam i tre dager."),
    ("pasient", "Forresten, mens jeg er her, kneet mitt har verket i et halvt år."),
    ("lege", "Jeg kjenner på kneet. Det knaker litt. Det er nok slitasjegikt, artrose i kneet. "
             "Du kan begynne med fysioterapi."),
)
HISTORY_ONLY = make_transcript(
    ("pasient", "Jeg har hatt vondt i halsen i tre dager."),
    ("pasient", "Mora mi hadde brystkreft, og jeg hadde en blindtarmbetennelse som barn."),
    ("lege", "Halsen er rød, men mandlene er fine. Min vurdering er at det er en vanlig "
             "halsbetennelse, et virus. Det går over av seg selv."),
)
SUSPICION = make_transcript(
    ("pasient", "Jeg får trykk i brystet når jeg går i motbakke."),
    ("lege", "Jeg har mistanke om angina pectoris, men det er ikke avklart. "
             "Jeg henviser deg til arbeids-EKG."),
)
PASSING = make_transcript(
    ("lege", "Hei, hvordan går det?"),
    ("pasient", "Jo, det går fint. Været har vært fint i det siste."),
    ("lege", "Ja, vi har hatt en fin høst. Hvordan gikk ferien?"),
    ("pasient", "Fint, vi var på hytta og gikk på tur."),
)


def _codes(out: Sequence[CodeSuggestion]) -> list[str]:
    return [s.code for s in out]


def test_everyday_words_are_whole_terms_of_the_lexical_index(index: CodeIndex) -> None:
    said = {m.code for m in index.match_terms("eg har vondt i heile kroppen")}
    assert "A01" in said  # a dialect row of lekord.tsv
    # an everyday phrase counts only as said, in its order: "vondt" … "siden" is not "vondt
    # i siden"
    assert "L05" not in {m.code for m in index.match_terms("jeg har hatt vondt siden i går")}
    assert "L05" in {m.code for m in index.match_terms("jeg har så vondt i siden")}


def test_a_further_matter_is_coded_as_a_secondary_problem(index: CodeIndex) -> None:
    out = suggest_icpc2(FURTHER_MATTER, None, index=index)
    assert out[0].code == "U71" and out[0].primary
    assert secondary_codes(out) == ["L90"]
    assert not is_secondary(out[0])


def test_a_problem_only_mentioned_is_not_coded(index: CodeIndex) -> None:
    out = suggest_icpc2(HISTORY_ONLY, None, index=index)
    assert out[0].code in ("R74", "R76", "R21") and out[0].primary
    assert secondary_codes(out) == []
    assert not {"X76", "D88"} & set(secondary_codes(out))


def test_a_suspicion_is_coded_as_its_symptom_and_not_as_a_problem(index: CodeIndex) -> None:
    out = suggest_icpc2(SUSPICION, None, index=index)
    assert out[0].code == "K02" and out[0].primary
    assert "K74" not in secondary_codes(out)


def test_weak_evidence_gives_no_primary_code(index: CodeIndex) -> None:
    out = suggest_icpc2(PASSING, None, index=index)
    assert not any(s.primary for s in out)
    assert all(is_weak(s) and s.reason.startswith(WEAK) for s in out)
    strong = suggest_icpc2(FURTHER_MATTER, None, index=index)
    assert not is_weak(strong[0])


def _case(secondary: list[str]) -> dict[str, Any]:
    return {"id": "case_y", "contact": "oppmote", "duration_min": 15,
            "context": {"doctor_specialist_allmennmedisin": False, "doctor_phd": False},
            "transcript": [{"speaker": s.speaker.value, "text": s.text}
                           for s in FURTHER_MATTER.segments],
            "gold": {"icpc2_primary": "U71", "icpc2_acceptable": [],
                     "icpc2_secondary": secondary,
                     "takster": [{"code": "2ad", "count": 1}],
                     "takster_acceptable_alternatives": []}}


def test_secondary_precision_counts_the_marked_codes(index: CodeIndex) -> None:
    right = evaluate_case(_case(["L90"]), index=index)
    wrong = evaluate_case(_case([]), index=index)
    assert right["secondary_marked"] == ["L90"] and right["secondary_marked_right"] == 1
    assert case_figures(right)["icpc2_secondary_precision"] == 1.0
    assert case_figures(wrong)["icpc2_secondary_precision"] == 0.0
    assert "icpc2_secondary_recall" not in case_figures(wrong)
    summary = summarise([right, wrong])
    assert summary["secondary_precision"] == 0.5 and summary["secondary_recall_marked"] == 1.0
    assert summary["primary_coverage"] == 1.0 and summary["primary_precision"] == 1.0


def test_codes_found_only_by_meaning_are_weak_and_never_primary(index: CodeIndex) -> None:
    from test_semantic import HashEmbedder

    from scribe.coding.meaning import code_entries
    from scribe.coding.semantic import SemanticIndex, build_passages

    entries = dict(sorted(code_entries(index.ref).items())[:300])  # a subset: fast to embed
    semantic = SemanticIndex.build(build_passages(entries, {}), HashEmbedder(dim=32))
    plain = suggest_icpc2(HISTORY_ONLY, None, index=index, k=10)
    both = suggest_icpc2(HISTORY_ONLY, None, index=index, k=10, semantic=semantic)
    added = [s for s in both if s.code not in _codes(plain)]
    assert added, "the stand-in embedder's nearest codes join as candidates"
    assert all(is_weak(s) and not s.primary and "nær i mening" in s.reason for s in added)
    assert both[0].code == plain[0].code and both[0].primary
