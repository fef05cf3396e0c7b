"""Builds ``scribe/coding/data/lekord.tsv``: the words patients use, per ICPC-2 code.

The file has two layers:

* rows with source ``allmenn`` or ``dialekt`` are written by hand (everyday bokmål, nynorsk and
  dialect forms of symptoms and diagnoses). A GP adds and corrects these in the file itself;
  this script keeps them as they are and only checks them.
* rows with source ``termsett`` or ``inklusjon`` are made again on every run from
  Helsedirektoratet's termsett and the codes' inclusion texts: the terms written only in
  everyday words (the words of the hand-written rows plus a short list of body words), so
  "Klump i halsen" is kept and "Hals sårhet" or "Lumbalgi" is not.

Every code must exist (as a symptom or diagnosis) in the ICPC-2 list; a term is listed once per
code, hand-written rows first. Run from the repository root::

    python bench/build_lekord.py [--reference ../shared/data/reference]
"""

from __future__ import annotations

import argparse
import csv
import re
import sys
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
TARGET = REPO / "scribe" / "coding" / "data" / "lekord.tsv"
HAND = ("allmenn", "dialekt")
MAX_WORDS = 5
HEADER = """\
# Lekord: ord og uttrykk pasienter bruker, og ICPC-2-koden de oftest peker mot.
# Brukes til å finne kodeforslag etter mening (ikke bare ordlikhet). Én rad per uttrykk.
# Kolonner, skilt med tabulator:
#   kode    ICPC-2-koden (symptom- eller diagnosekode i den importerte utgaven)
#   lekord  uttrykket slik pasienten sier det, med små bokstaver
#   kilde   allmenn = vanlig hverdagsspråk, skrevet for hånd; dialekt = dialekt eller nynorsk;
#           termsett / inklusjon = hentet fra Helsedirektoratets termsett / kodens inklusjonstekst
# Rader med kilde allmenn og dialekt kan legges til, rettes og slettes fritt. Rader med kilde
# termsett og inklusjon lages på nytt med «python bench/build_lekord.py».
"""
COLUMNS = ("kode", "lekord", "kilde")
# Body parts and plain words a patient says that the hand-written rows may not happen to use.
_EVERYDAY_TEXT = """
i på av og med fra til for ved under over etter uten en et ei som om når ikke
hode hodet ansikt ansiktet øye øyet øyne øynene øre øret ører ørene nese nesen nesa munn munnen
tunge tungen tann tenner tennene lepper leppe hals halsen nakke nakken skulder skulderen arm
armen albue albuen hånd hånda hånden hender hendene finger fingre fingrene bryst brystet
brystene mage magen rygg ryggen hofte hofta lår låret kne kneet legg leggen ankel ankelen fot
foten føtter føttene tå tær tærne hud huden hår håret negl negler blod blodet urin urinen
avføring lunge lungene hjerte hjertet blære blæra nyre nyrene tarm tarmen lyske lysken
vondt smerte smerter sår kløe hoven hovne rød røde tørr tørt våt tett tung stiv svak dårlig
følelse plager problem problemer vansker mye lite stor store liten små
"""
EVERYDAY = frozenset(_EVERYDAY_TEXT.split())


def words(text: str) -> list[str]:
    return re.findall(r"[a-zæøåéü0-9-]+", text.lower())


def read_rows(path: Path) -> list[tuple[str, str, str]]:
    if not path.exists():
        return []
    lines = [ln for ln in path.read_text(encoding="utf-8").splitlines()
             if ln.strip() and not ln.startswith("#")]
    rows = [tuple(cell.strip() for cell in ln.split("\t")) for ln in lines]
    if rows and rows[0] == COLUMNS:
        rows = rows[1:]
    bad = [r for r in rows if len(r) != 3]
    if bad:
        raise SystemExit(f"{path}: rader uten tre kolonner: {bad[:3]}")
    return [(c.upper(), t.lower(), s) for c, t, s in rows]  # type: ignore[misc]


def official_terms(ref: Path) -> tuple[set[str], list[tuple[str, str, str]]]:
    """(symptom and diagnosis codes, [(code, term, source)]) from the flattened lists."""
    codes: set[str] = set()
    found: list[tuple[str, str, str]] = []
    with (ref / "icpc2_no.csv").open(encoding="utf-8") as fh:
        for row in csv.DictReader(fh):
            if row["component"] == "process":
                continue
            codes.add(row["code"])
            found += [(row["code"], t.strip(), "inklusjon")
                      for t in row["inclusion_no"].split(";") if t.strip()]
    with (ref / "icpc2_no_terms.csv").open(encoding="utf-8") as fh:
        found += [(r["code"], r["term_no"].strip(), "termsett") for r in csv.DictReader(fh)
                  if r["code"] in codes]
    return codes, found


def is_everyday(term: str, vocabulary: set[str]) -> bool:
    ws = words(term)
    return 0 < len(ws) <= MAX_WORDS and all(w in vocabulary for w in ws)


def build(ref: Path, target: Path) -> list[tuple[str, str, str]]:
    hand = [r for r in read_rows(target) if r[2] in HAND]
    codes, official = official_terms(ref)
    unknown = sorted({c for c, _, _ in hand if c not in codes})
    if unknown:
        raise SystemExit(f"Ukjente eller prosesskoder i håndskrevne rader: {unknown}")
    vocabulary = set(EVERYDAY) | {w for _, t, _ in hand for w in words(t)}
    rows: list[tuple[str, str, str]] = []
    seen: set[tuple[str, str]] = set()
    for code, term, source in [*hand, *official]:
        key = (code, " ".join(words(term)))
        if key in seen or (source not in HAND and not is_everyday(term, vocabulary)):
            continue
        seen.add(key)
        rows.append((code, term.lower(), source))
    order = {s: i for i, s in enumerate((*HAND, "termsett", "inklusjon"))}
    # Codes in list order: A98, A981, A99 (an extension code follows its parent).
    return sorted(rows, key=lambda r: (r[0][:3], r[0], order[r[2]]))


def write(rows: list[tuple[str, str, str]], target: Path) -> None:
    body = "".join("\t".join(r) + "\n" for r in [COLUMNS, *rows])
    tmp = target.with_name(target.name + ".tmp")
    tmp.write_text(HEADER + body, encoding="utf-8")
    tmp.replace(target)


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--reference", type=Path, default=REPO.parent / "shared/data/reference")
    ap.add_argument("--target", type=Path, default=TARGET)
    args = ap.parse_args(argv)
    rows = build(args.reference, args.target)
    write(rows, args.target)
    counts = {s: sum(1 for r in rows if r[2] == s) for s in (*HAND, "termsett", "inklusjon")}
    print(f"{args.target}: {len(rows)} rader {counts}", file=sys.stderr)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
