"""Note Norwegian is telegraphic: the subject and its auxiliary go, as a GP writes (issue 14).

A statement of the history is about the patient, so the note leaves out who and keeps what:
"Har hatt vondt i halsen i 3 dager" → "Vondt i halsen i 3 dager"; "Er tett i nesa og har fått
litt hoste" → "Tett i nesa og litt hoste"; "Har gått ned 4 kg" → "Gått ned 4 kg". A condition
of the plan is written with "ved": "Kontakt legevakt hvis pas. får feber" → "Kontakt legevakt
ved feber"; "hvis det ikke blir bedre" → "ved manglende bedring". A follow-up the doctor wants
is a "Kontroll". Words of degree said for emphasis ("så vondt", "skikkelig dårlig") lose the
emphasis, not the degree word.

The rules are about the grammar of spoken Norwegian, never about a topic: what a statement
says is left as it is, and a statement whose subject is not the patient ("Det er stortåa",
"Har det godt") keeps its frame. Each rule is a pure function of one statement's text.
"""

from __future__ import annotations

import re

# what follows an auxiliary when it is not the patient's state: a pronoun or adverb that is
# the real subject or object ("Har det godt", "Er det fint", "Har med seg", "Har vært der"),
# a name ("Er Ottawa-reglene negative") or a conjunction
_NOT_STATE = (r"(?:det|den|dem|de|dette|disse|der|her|hos|med|pas\.|han|hun|ham|henne|seg|"
              r"som|at|om|og|men|noe\s+(?:å|med)|lyst\s+til\s+å\s+(?:snakke|spørre))\b")
_LEAD = re.compile(r"^(?:har\s+hatt|har\s+fått|har\s+vært|har|er)\s+", re.IGNORECASE)
_NOT_STATE_RX = re.compile(_NOT_STATE, re.IGNORECASE)
# the same auxiliaries after "og" inside a statement about the patient
_AND = re.compile(rf"\s+og\s+(?:har\s+hatt|har\s+fått|har|er)\s+(?!{_NOT_STATE}|så\s|vært\s|"
                  r"fått\s|hatt\s)(?=[a-zæøå])", re.IGNORECASE)
# emphasis before a degree word: "så mye", "så vondt", "skikkelig vondt"
# (not "så vondt at …": there "så" belongs to the clause that follows)
_EMPHASIS = re.compile(r"\b(?:så|skikkelig|kjempe|veldig)\s+(?=(?:mye|mange|vondt|vond|"
                       r"dårlig|sliten|slapp|trøtt|tett|kvalm|svimmel|ille|sterke?|"
                       r"kraftige?|stor|store|høy|høyt|ofte|lite)\b(?![^,.;:]*\bat\b))",
                       re.IGNORECASE)
# the article left in front once the auxiliary went: "Har en ørevoksplugg" → "Ørevoksplugg"
_ARTICLE = re.compile(r"^(?:en|et|ei)\s+(?=[a-zæøå])", re.IGNORECASE)

# a condition in the plan: "hvis pas. får feber" → "ved feber"
_PATIENT = r"(?:pas\.|han|hun|det|den|dere|barnet)"
_CONDITIONS = (
    (re.compile(rf"\b(?:hvis|om)\s+{_PATIENT}\s+(?:fortsatt\s+)?ikke\s+(?:er|blir)\s+"
                r"(?:noe\s+|tydelig\s+|klart\s+)?bedre\b", re.IGNORECASE),
     "ved manglende bedring"),
    (re.compile(rf"\b(?:hvis|om)\s+{_PATIENT}\s+blir\s+(?:verre|dårligere)\b", re.IGNORECASE),
     "ved forverring"),
    (re.compile(rf"\b(?:hvis|om)\s+{_PATIENT}\s+trenger(?:\s+(?:det|den|dem))?(?=\s*[,.;]|$)",
                re.IGNORECASE), "ved behov"),
    # "hvis pas. får feber" → "ved feber" (only a noun phrase after "får": not "får ikke",
    # "får lov", "får sove")
    (re.compile(rf"\b(?:hvis|om)\s+{_PATIENT}\s+får\s+(?!ikke\b|lov\b|til\b|det\b|den\b|"
                r"sove\b|gå\b|tatt\b|i\s+seg\b|\w+e\b\s+(?:å|seg)\b)", re.IGNORECASE), "ved "),
)
# a follow-up the doctor wants: "Vil se pas. igjen om 1 uke" → "Kontroll om 1 uke"
_SEE_AGAIN = re.compile(r"^(?:vil|skal|ønsker\s+å)\s+(?:gjerne\s+)?se\s+(?:pas\.|ham|henne|dere|"
                        r"deg|barnet)\s+(?:igjen\s+|til\s+(?:ny\s+)?kontroll\s+)?(?=om\s+\S+)",
                        re.IGNORECASE)
# a recommendation: "Anbefaler at pas. starter med …", "Vil at pas. prøver …" → what to do
_WANTS = re.compile(r"^(?:anbefaler|vil|vil\s+gjerne|ønsker)\s+at\s+(?:pas\.|han|hun)\s+",
                    re.IGNORECASE)


def telegraphic(text: str) -> str:
    """The statement in note form; its content words, numbers and negations unchanged."""
    out = _EMPHASIS.sub("", text)
    out = _SEE_AGAIN.sub("Kontroll ", out, count=1)
    out = _WANTS.sub("", out, count=1)
    for pattern, repl in _CONDITIONS:
        out = pattern.sub(repl, out)
    lead = _LEAD.match(out)
    rest = out[lead.end():] if lead is not None else ""
    if lead is not None and re.match(r"[a-zæøå0-9]", rest) and not _NOT_STATE_RX.match(rest):
        # "Har så ryggsmerter": after a subject's auxiliary "så" is only emphasis
        out = _ARTICLE.sub("", re.sub(r"^så\s+", "", rest, flags=re.IGNORECASE), count=1)
    out = _AND.sub(" og ", out)
    out = re.sub(r"\s{2,}", " ", out).strip()
    if not out or not re.search(r"[a-zæøå0-9]", out, re.IGNORECASE):
        return text
    return out[:1].upper() + out[1:]
