"""Speaker roles (lege / pasient / annen) for transcript segments.

No offline diarization model with weights can be installed here, so the first assigner reads
the words: questions, examination findings, assessment and plan point to the doctor; symptoms
in the first person to the patient; talk about the patient in the third person ("han har
vært", "sønnen min") to a relative. Each segment gets a score per role; a Viterbi pass then
picks the most likely sequence, with the prior that the speaker usually changes between turns
and that a reply follows a question. A real diarization model replaces this behind
:class:`SpeakerAssigner`.
"""

from __future__ import annotations

import json
import math
import re
from collections.abc import Sequence
from dataclasses import dataclass, replace
from pathlib import Path
from typing import Protocol

from scribe.domain import Segment, Speaker

ROLES = (Speaker.LEGE, Speaker.PASIENT, Speaker.ANNEN)


class SpeakerAssigner(Protocol):
    def assign(self, texts: Sequence[str]) -> list[Speaker]: ...


def _rx(*parts: str) -> re.Pattern[str]:
    return re.compile("|".join(parts), re.IGNORECASE)


# (pattern, weight) per role; weights are log-odds-like evidence, tuned by hand on general
# consultation language, not on any particular case.
_LEGE = [
    (_rx(r"\b(har|er|kan|blir|får|bruker|tar|merker|kjenner) (du|dere|han|hun)\b.*\?"), 2.5),
    (_rx(r"\b(hva|hvor|når|hvordan|hvilke?|noen)\b.*\?"), 1.5),
    (_rx(r"\bhva kan jeg hjelpe", r"\bsett deg\b", r"\bkom inn\b"), 3.0),
    (_rx(r"\bjeg (skal|vil) (se|lytte|kjenne|undersøke|måle|sjekke|ta)\b", r"\bla meg\b",
         r"\bpust (inn|dypt|med)\b", r"\bgap\b", r"\blegg deg\b", r"\bjeg lytter\b"), 2.5),
    (_rx(r"\b(trommehinne|lungene|hjertelyd|mandlene|lymfeknute|blodtrykket er|puls\b"
         r"|ingen tegn|normalt?\b|ser fin|auskultasjon|palpasjon|status)"), 1.5),
    (_rx(r"\b(min vurdering|jeg tenker|jeg tror (det|du)|det (ser ut|høres ut) som"
         r"|det er (trolig|sannsynligvis))"), 2.5),
    (_rx(r"\b(jeg (skriver|gir|sender|henviser|anbefaler|foreslår|sykmelder|rekvirerer)"
         r"|du får|vi (tar|avtaler|starter|sender|måler|sees)|kontroll|resept"
         r"|ta kontakt|milligram|mg\b|ganger (daglig|om dagen|i døgnet))"), 1.8),
    (_rx(r"\b(det er (vanlig|normalt|et godt tegn)|det går (fint|over)|god bedring)"), 1.5),
    (_rx(r"\bdu\b", r"\bdeg\b", r"\bditt?\b", r"\bdine\b"), 0.6),
]
_PASIENT = [
    (_rx(r"\bjeg (har|hadde|er|var|fikk|kjenner|merker|får|blir|klarer|sover|tar|bruker"
         r"|målte|tenkte|lurte|vet)\b"), 1.6),
    (_rx(r"\bjeg\b.*\b(vondt|verk|smerter?|svimmel|kvalm|sliten|trøtt|hoster|feber|tett i)\b"),
     0.8),
    (_rx(r"\b(meg|min|mitt|mine|mi)\b"), 0.7),
    (_rx(r"^\W*(ja|nei|jo|ok|mm|takk|greit|eh)\b"), 1.2),
    (_rx(r"\b(doktor|legen)\b"), 1.5),
    (_rx(r"\b(kan jeg|må jeg|trenger jeg|skal jeg)\b.*\?"), 1.8),
]
_ANNEN = [
    (_rx(r"^\W*(ja, |nei, )?(han|hun|hu) (har|er|var|hadde|fikk|sier|våknet|spiser|drikker)\b"),
     2.5),
    (_rx(r"\b(sønnen|datteren|mannen|kona|kone|faren|moren|gutten|jenta) (min|mi|vår)\b",
         r"\bvi (ga|har gitt|merket)\b", r"\b(barnehagen|skolen hans|skolen hennes)\b"), 1.8),
    (_rx(r"\b(han|hun|ham|henne|hans|hennes)\b"), 0.5),
    (_rx(r"^\W*(ja|nei|jo|ok|mm|greit)\b"), 0.6),
]
_QUESTION = re.compile(r"\?\s*$")


@dataclass(frozen=True)
class TextRoleAssigner:
    """Role per text by cue words plus a turn-taking prior (Viterbi)."""

    switch_prob: float = 0.85
    annen_prior: float = -1.5  # a relative is present in few consultations

    def scores(self, text: str) -> dict[Speaker, float]:
        def total(rules: list[tuple[re.Pattern[str], float]]) -> float:
            return sum(w for rx, w in rules if rx.search(text))

        return {Speaker.LEGE: total(_LEGE), Speaker.PASIENT: total(_PASIENT),
                Speaker.ANNEN: total(_ANNEN) + self.annen_prior}

    def assign(self, texts: Sequence[str]) -> list[Speaker]:
        if not texts:
            return []
        emissions = [self.scores(t) for t in texts]
        emissions[0][Speaker.LEGE] += 1.0  # the doctor usually opens
        best: list[dict[Speaker, float]] = [dict(emissions[0])]
        back: list[dict[Speaker, Speaker]] = [{}]
        for i in range(1, len(texts)):
            asked = bool(_QUESTION.search(texts[i - 1]))
            row, ptr = {}, {}
            for role in ROLES:
                cands = {prev: best[-1][prev] + self._move(prev, role, asked) for prev in ROLES}
                prev_best = max(cands, key=lambda r: cands[r])
                row[role], ptr[role] = cands[prev_best] + emissions[i][role], prev_best
            best.append(row)
            back.append(ptr)
        role = max(best[-1], key=lambda r: best[-1][r])
        path = [role]
        for i in range(len(texts) - 1, 0, -1):
            role = back[i][role]
            path.append(role)
        return path[::-1]

    def _move(self, prev: Speaker, role: Speaker, asked: bool) -> float:
        p = self.switch_prob + (0.08 if asked else 0.0)
        if prev == role:
            return math.log(1 - p)
        if Speaker.LEGE not in (prev, role):  # patient ↔ relative without the doctor: rarer
            return math.log(p / 2) - 1.0
        return math.log(p)


def assign_speakers(segments: Sequence[Segment],
                    assigner: SpeakerAssigner | None = None) -> tuple[Segment, ...]:
    """Copies of ``segments`` with ``speaker`` set."""
    roles = (assigner or TextRoleAssigner()).assign([s.text for s in segments])
    return tuple(replace(s, speaker=r) for s, r in zip(segments, roles, strict=True))


@dataclass(frozen=True)
class RoleAccuracy:
    correct: int
    total: int
    per_case: tuple[tuple[str, int, int], ...]  # (case id, correct, total)

    @property
    def accuracy(self) -> float:
        return self.correct / self.total if self.total else 0.0


def _gold_role(label: str) -> Speaker:
    return {"lege": Speaker.LEGE, "pasient": Speaker.PASIENT}.get(label, Speaker.ANNEN)


def evaluate_roles(cases_dir: Path, assigner: SpeakerAssigner | None = None) -> RoleAccuracy:
    """Turn-level accuracy on turn-labelled cases (``transcript[].speaker``; 'parorende' and
    anything else counts as annen)."""
    assigner = assigner or TextRoleAssigner()
    per_case = []
    for path in sorted(cases_dir.glob("*.json")):
        turns = json.loads(path.read_text(encoding="utf-8")).get("transcript", [])
        guess = assigner.assign([t["text"] for t in turns])
        hits = sum(g == _gold_role(t["speaker"]) for g, t in zip(guess, turns, strict=True))
        per_case.append((path.stem, hits, len(turns)))
    return RoleAccuracy(sum(c for _, c, _ in per_case), sum(n for _, _, n in per_case),
                        tuple(per_case))
