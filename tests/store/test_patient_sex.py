"""The patient's sex on a consultation: sealed like the patient reference, read back by the
doctor, hidden from the practice manager, and added to databases made before it existed."""

from __future__ import annotations

from pathlib import Path

from storekit import DOCTOR_PW, KDF_ITER, PASSPHRASE, raw

from scribe.domain import Sex
from scribe.store import Session, Store
from scribe.store.migrations import MIGRATIONS, applied


def test_the_doctor_reads_the_sex_back_and_the_manager_does_not(
        store: Store, doctor: Session, leader: Session, db_path: Path) -> None:
    man = store.create_consultation(doctor, patient_sex=Sex.MANN)
    woman = store.create_consultation(doctor, patient_sex=Sex.KVINNE)
    unknown = store.create_consultation(doctor)
    assert store.consultation(doctor, man).patient_sex is Sex.MANN
    assert store.consultation(doctor, woman).patient_sex is Sex.KVINNE
    assert store.consultation(doctor, unknown).patient_sex is None
    assert store.consultation(leader, man).patient_sex is None
    assert {c.id: c.patient_sex for c in store.list_consultations(doctor)} == {
        man: Sex.MANN, woman: Sex.KVINNE, unknown: None}
    with raw(db_path) as conn:
        stored = dict(conn.execute("SELECT id, patient_sex FROM consultations").fetchall())
    assert stored[unknown] is None
    for cid in (man, woman):  # sealed: the passphrase alone does not tell it
        assert stored[cid] not in ("M", "K", b"M", b"K")


def test_a_database_from_before_the_column_upgrades_and_keeps_its_consultations(
        store: Store, doctor: Session, db_path: Path) -> None:
    old = store.create_consultation(doctor, contact_type="telefon")
    store.close()
    before = [m.name for m in MIGRATIONS].index("0006_patient_sex")
    with raw(db_path) as conn:  # as Scribe left it before 0006 (no later migration undone)
        assert [r[0] for r in conn.execute(
            "SELECT name FROM schema_migrations ORDER BY name")][-1] \
            == "0006_patient_sex"
        conn.execute("ALTER TABLE consultations DROP COLUMN patient_sex")
        conn.execute("DELETE FROM schema_migrations WHERE name = '0006_patient_sex'")
        conn.execute(f"PRAGMA user_version = {before}")
    with Store.open(db_path, PASSPHRASE, kdf_iter=KDF_ITER) as s:
        assert "0006_patient_sex" in s.db.call(applied)
        doctor = s.authenticate("dr.hansen", DOCTOR_PW)
        kept = s.consultation(doctor, old)
        assert kept.patient_sex is None and kept.contact_type == "telefon"
        new = s.create_consultation(doctor, patient_sex=Sex.KVINNE)
        assert s.consultation(doctor, new).patient_sex is Sex.KVINNE
