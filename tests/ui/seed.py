"""A consultation stored through the core without models: transcript, draft, codes, takster."""

from __future__ import annotations

from scribe.app import ScribeApp
from scribe.config import Settings
from scribe.consultation import Status
from scribe.domain import CodeSuggestion, Draft, Flag, Section, Segment, Speaker, Statement, Word

SEGMENTS = (
    Segment("s0001", 0.0, 3.5, "Jeg har hatt feber og vondt i halsen i tre dager.",
            Speaker.PASIENT, words=(Word("Jeg", 0, .3, .9), Word(" har", .3, .5, .9),
                                    Word(" hatt", .5, .8, .9), Word(" feber", .8, 1.2, .3),
                                    Word(" og", 1.2, 1.4, .9), Word(" vondt", 1.4, 1.8, .9),
                                    Word(" i", 1.8, 1.9, .9), Word(" halsen", 1.9, 2.4, .9),
                                    Word(" i", 2.4, 2.5, .9), Word(" tre", 2.5, 2.8, .9),
                                    Word(" dager.", 2.8, 3.5, .9))),
    Segment("s0002", 3.6, 6.0, "Mandlene er røde og hovne.", Speaker.LEGE),
    Segment("s0003", 6.1, 9.0, "CRP er førtito og streptesten er positiv.", Speaker.LEGE),
    Segment("s0004", 9.1, 12.0, "Har du sett kampen i går?", Speaker.PASIENT,
            low_confidence=True),
)

DRAFT = Draft(template="allmennlege", author="smollm2-135m", sections=(
    Section("Anamnese", (Statement("Feber og sår hals i tre dager.", ("s0001",)),)),
    Section("Funn", (Statement("Røde, hovne mandler.", ("s0002",)),
                     Statement("CRP 42, positiv streptest.", ("s0003",)))),
    Section("Vurdering", (Statement("Streptokokkhals.", ("s0003",)),)),
    Section("Tiltak", (Statement("Penicillin 1 g x 4 i 10 dager.", (),
                                 (Flag("no_evidence", "Ingen støtte i samtalen"),
                                  Flag("number_not_in_source", "Tallet 10 er ikke sagt"))),)),
))

CODES = (
    CodeSuggestion("ICPC-2", "R74", "Akutt øvre luftveisinfeksjon", 1,
                   "Sår hals og feber", ("s0001",), primary=True),
    CodeSuggestion("ICPC-2", "A03", "Feber", 2, "Feber i tre dager", ("s0001",)),
)


def seed_consultation(settings: Settings, passphrase: str, kdf_iter: int, doctor: str,
                      password: str, *, approve: bool = False) -> int:
    from scribe.coding.reference import ensure_reference
    from scribe.domain import TakstLine

    app = ScribeApp(settings)
    store = app.unlock(passphrase, kdf_iter=kdf_iter)
    session = store.authenticate(doctor, password)
    cid = store.create_consultation(session, contact_type="oppmote")
    store.set_consent(session, cid, True)
    store.add_segments(cid, SEGMENTS)
    store.transition(session, cid, Status.TRANSCRIBED)
    # an approved note had its flags checked by the doctor first
    n = store.save_draft(session, cid, DRAFT.with_flags_acknowledged() if approve else DRAFT)
    ref = ensure_reference(settings.data_dir, settings.reference_dir)
    t = ref.takst("2ad")
    takster = (TakstLine("2ad", 1, t.fee, t.patient_share, t.refund, "Konsultasjon",
                         status="accepted" if approve else "suggested"),)
    codes = CODES if not approve else tuple(
        CodeSuggestion(c.system, c.code, c.title, c.rank, c.reason, c.evidence, c.primary,
                       "accepted") for c in CODES)
    store.save_coding(session, cid, n, codes, takster)
    if approve:
        store.approve(session, cid, password, retention_days=None)
    store.logout(session)
    app.close()
    return cid
