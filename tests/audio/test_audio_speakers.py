"""Speaker roles from the text: measured on the turn-labelled dev cases, and on small examples."""

from __future__ import annotations

from pathlib import Path

from scribe.audio.speakers import TextRoleAssigner, assign_speakers, evaluate_roles
from scribe.domain import Segment, Speaker


def test_accuracy_on_the_turn_labelled_dev_cases_is_at_least_85_percent(
        shared_dir: Path) -> None:
    result = evaluate_roles(shared_dir / "eval" / "dev")
    assert result.total > 300
    assert result.accuracy >= 0.85, result.per_case


def test_question_answer_findings_and_plan() -> None:
    texts = [
        "Hei, kom inn og sett deg. Hva kan jeg hjelpe deg med?",
        "Jeg har hatt vondt i ryggen i to uker.",
        "Har du hatt feber?",
        "Nei.",
        "Jeg skal kjenne på ryggen. Ingen tegn til prolaps, refleksene er normale.",
        "Du får Ibux 400 mg tre ganger daglig, og vi tar kontroll om to uker.",
        "Takk, doktor.",
    ]
    roles = TextRoleAssigner().assign(texts)
    assert roles == [Speaker.LEGE, Speaker.PASIENT, Speaker.LEGE, Speaker.PASIENT,
                     Speaker.LEGE, Speaker.LEGE, Speaker.PASIENT]


def test_a_parent_speaking_about_the_child_is_annen() -> None:
    texts = ["Hei, kom inn.", "Ja, hun har hatt feber i to dager, og datteren min hoster mye.",
             "Har hun spist noe i dag?", "Hun drikker litt, men spiser dårlig."]
    roles = TextRoleAssigner().assign(texts)
    assert roles[1] == Speaker.ANNEN and roles[3] == Speaker.ANNEN


def test_assign_speakers_sets_the_role_on_copies_and_keeps_everything_else() -> None:
    segments = (Segment("s0001", 0.0, 2.0, "Hva kan jeg hjelpe deg med?"),
                Segment("s0002", 2.5, 4.0, "Jeg har vondt i halsen."))
    out = assign_speakers(segments)
    assert [s.speaker for s in out] == [Speaker.LEGE, Speaker.PASIENT]
    assert [(s.id, s.t0, s.text) for s in out] == [(s.id, s.t0, s.text) for s in segments]
    assert assign_speakers(()) == ()
