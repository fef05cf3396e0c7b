"""A drug change said only as a possibility is not a change made.

"Vi kunne økt Ramipril til ti milligram, men det venter vi med til neste kontroll." →
"Ramipril uendret, ev. økning vurderes til neste kontroll."; "Vi kan eventuelt øke dosen av
sertralin hvis det ikke hjelper." → "Sertralin: ev. økning vurderes hvis det ikke hjelper.".
The hypothetical mood ("kunne", "kan eventuelt", "eventuelt") marks it; the dose the change
would have given is left out, since nothing was prescribed.
"""

from __future__ import annotations

import re

_NOUNS = (("øk", "økning"), ("gå opp", "økning"), ("redus", "reduksjon"),
          ("trapp\\w* opp", "opptrapping"), ("trapp\\w* ned", "nedtrapping"),
          ("bytt", "bytte"), ("start", "oppstart"), ("seponer", "seponering"))
_VERB = r"øk\w*|gå\w* opp|redus\w*|trapp\w* (?:opp|ned)|bytt\w*|start\w*|seponer\w*"
_POSSIBLE = re.compile(
    rf"(?:\b(?:vi|jeg|du|man|dere)\s+)?(?:\b(?:kunne|kan)\s+(?:(?:vi|jeg)\s+)?"
    rf"(?:(?:ha\s+)?(?:eventuelt|kanskje|ev\.)\s+|ha\s+)|\bkunne\s+(?:(?:vi|jeg)\s+)?"
    rf"|\b(?:eventuelt|ev\.)\s+)(?P<verb>{_VERB})\s+(?:(?:vi|jeg)\s+)?"
    rf"(?:(?:dosen|dosene)\s+(?:av|på|med)\s+)?(?P<obj>[\wæøå-]+)"
    rf"(?:\s+(?:til|med|fra)\s+[^,.;]*?)?(?=\s*[,.;]|\s*$|\s+(?:hvis|dersom|men|om)\b)",
    re.IGNORECASE)
_DEFERRED = re.compile(r"\bvent\w*\s+(?:vi\s+|jeg\s+)?(?:med\b|litt\b)|\bikke\s+nå\b|"
                       r"\bsenere\b", re.IGNORECASE)
_WHEN = re.compile(r"\b(?:til|ved|på)\s+neste\s+\w+|\bom\s+(?:\d+|\w+)\s+(?:uker?|måned(?:er)?|"
                   r"dag(?:er)?|mnd)\b|\bsenere\b", re.IGNORECASE)


_NOT_OBJECTS = {"det", "den", "dem", "deg", "dosen", "vi", "jeg", "du", "han", "hun", "til",
                "med", "fra", "på", "litt", "opp", "ned"}


def _noun(verb: str) -> str:
    for stem, noun in _NOUNS:
        if re.match(stem, verb, re.IGNORECASE):
            return noun
    return "endring"


def possible_change(text: str) -> str:
    """``text`` with a drug change said as a possibility written as one (unchanged when there
    is none)."""
    m = _POSSIBLE.search(text)
    if not m or m.group("obj").lower() in _NOT_OBJECTS:
        return text
    obj = m.group("obj")
    obj = obj[:1].upper() + obj[1:]
    noun = _noun(m.group("verb"))
    rest = text[m.end():]
    before = text[:m.start()].rstrip()
    lead = f"{before} " if before else ""
    if _DEFERRED.search(rest):
        when = _WHEN.search(rest)
        tail = f" {when.group(0)}" if when else ""
        return f"{lead}{obj} uendret, ev. {noun} vurderes{tail}."
    return f"{lead}{obj}: ev. {noun} vurderes{rest}"
