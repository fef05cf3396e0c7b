from __future__ import annotations

from pathlib import Path

import pytest

from scribe.domain import Segment, Speaker, Transcript
from scribe.draft.lexicon import DrugLexicon, load_lexicon

DRUGS_CSV = """name,kind,substance,atc,forms_strengths,prescription
Ibuprofen,substance,Ibuprofen,M01AE01,tab 400 mg,partly (C,CF)
Ibux,brand,Ibuprofen,M01AE01,tab 400 mg,partly (CF)
Paracetamol,substance,Paracetamol,N02BE01,tab 500 mg,partly (C,CF)
Tramadol,substance,Tramadol,N02AX02,kaps 50 mg,yes (B)
Amlodipin,substance,Amlodipin,C08CA01,tab 5 mg,yes (C)
Atorvastatin,substance,Atorvastatin,C10AA05,tab 10 mg,yes (C)
Sertralin,substance,Sertralin,N06AB06,tab 50 mg,yes (C)
"""


def write_drugs(folder: Path, rows: str) -> Path:
    """A reference folder holding ``drugs/drugs_no.csv`` with ``rows``."""
    (folder / "drugs").mkdir()
    (folder / "drugs" / "drugs_no.csv").write_text(rows, encoding="utf-8")
    return folder


@pytest.fixture
def reference_dir(tmp_path: Path) -> Path:
    return write_drugs(tmp_path, DRUGS_CSV)


@pytest.fixture
def lexicon(reference_dir: Path) -> DrugLexicon:
    return load_lexicon(reference_dir)


@pytest.fixture
def drugs(tmp_path: Path, request: pytest.FixtureRequest) -> DrugLexicon:
    """The drug lexicon of the test module's own rows (its ``DRUGS_CSV``)."""
    return load_lexicon(write_drugs(tmp_path, request.module.DRUGS_CSV))


def make_transcript(*turns: tuple[str, str]) -> Transcript:
    speakers = {"lege": Speaker.LEGE, "pasient": Speaker.PASIENT, "parorende": Speaker.ANNEN,
                "annen": Speaker.ANNEN}
    return Transcript(tuple(Segment(f"s{i + 1:04d}", float(i), float(i + 1), text,
                                    speakers[who]) for i, (who, text) in enumerate(turns)))


BACK_PAIN = make_transcript(
    ("lege", "Hei, sett deg. Hva kan jeg hjelpe deg med?"),
    ("pasient", "Jeg har hatt vondt i ryggen siden mandag. Det stråler ikke ned i beina."),
    ("lege", "Har du hatt feber?"),
    ("pasient", "Nei."),
    ("pasient", "Mannen min har noen Tramadol, 50 milligram. Kan jeg ta dem?"),
    ("lege", "Det vil jeg fraråde. Tramadol gir mye bivirkninger."),
    ("pasient", "Vi skulle egentlig på ferie til Syden i helga."),
    ("lege", "Blodtrykket er hundre og førtiåtte over nittito, og temperaturen er "
             "trettisju komma to. Lasègue er negativ på begge sider."),
    ("lege", "Vurderingen min er akutte korsryggsmerter, lumbago, uten røde flagg."),
    ("lege", "Du kan legge til ibuprofen 400 milligram tre ganger daglig sammen med mat. "
             "Jeg skriver resept på det. Jeg sykmelder deg hundre prosent i fem dager."),
)


@pytest.fixture
def back_pain() -> Transcript:
    return BACK_PAIN
