"""The later statement wins: a speaker's self-correction replaces what it corrects.

"… nedover venstre leggen, nei vent, det er mer i setet og hofta" keeps only the correction;
"den fjerde, eller nei, den sjette januar" becomes "den sjette januar"; "på tirsdag, nei,
onsdag" becomes "på onsdag". The markers ("nei vent", "eller nei", "unnskyld, jeg mener" …)
are in ``data/phrasebook.toml`` under ``[corrections]``.

A correction that is a clause replaces the last clause before it; a phrase replaces the words
it lines up with (the same word, a number for a number, a weekday for a weekday, a side for a
side), or else the words at the end.

After a pause and "nei"/"næh", what the speaker says about the repair is no part of it (how
honest, on second thought, reading the paper again: :func:`repair_said`); a repair that only
says the words before were wrong ("det stemmer ittje", "det e feil", "det må vere meir") takes
them back, and the speaker's next sentence says what stands.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import replace
from functools import lru_cache

from scribe.domain import Speaker
from scribe.draft.phrasebook import alternation, phrasebook
from scribe.draft.spoken import MONTHS, ORDINALS, capitalise, lower_first, tidy
from scribe.text.kinship import either_of, kin_words
from scribe.text.numbers import NUMBER_WORD, word_to_int
from scribe.text.sentences import Sentence

# set off by a pause as well ("CRP er åttiseks ... unnskyld, sekstiåtte", "fem kilo ... hva
# sier je, sju kilo")
_AFTER_PAUSE = ("unnskyld", "sorry", "hva sier jeg", "hva sier je", "hva sier eg",
                "hva seier eg", "kva seier eg", "kå seier e", "ka seie æ", "ka sei æ",
                "kva seie eg", "ka seier eg")
_WEAK = {*_AFTER_PAUSE, "jeg mener", "nei, det var", "nei, det er", "korreksjon", "rettelse",
         "jeg tok feil", "jeg tar feil", "jeg sa feil", "jeg husker feil", "jeg leste feil",
         "jeg mente", "stryk det"}
# owning up to an error, in any dialect's "I": "jeg sa feil", "æ huska feil", "det ble
# feil", "feil av meg", "la meg rette opp det", "eg må ta det om igjen", "jeg retter meg"
_I = r"(?:jeg|je|eg|æ|jæ|i)"
# wondering at what one says: "hva er det je sier", "ka e det æ seie", "kva er det eg seier",
# with why it was wrong after it ("…, no snakke æ om feil unge"): what was just said is
# taken back, and the speaker's next sentence says what stands
_SAYING_WHAT = (rf"(?:(?:hva|ka|kva|kå)\s+(?:er|e)\s+det\s+{_I}\s+(?:sier|seier|sei|seie|sie|"
                rf"snakker\s+om|snakke\s+om|prater\s+om)|(?:hva|ka|kva|kå)\s+(?:sier|seier|"
                rf"sei|seie|sie)\s+(?:{_I}|e))(?:\s*,\s*(?:nå|no)\s+(?:snakker|snakke|prater|"
                rf"prate|tenker|tenke)\s+{_I}\s+om\s+feil\s+[\wæøå]+)?")
# (what was got wrong: said, remembered, read, heard, translated; "nå husker jeg feil" with
# the verb first as well)
_ERRED = (r"(?:sa|sier|sei|sæ|tok|tar|tek|husket|huska|husker|hugsa|hugsar|leste|las|så|"
          r"mente|meinte|hørte|oversatte|oversette|omsette|omsatte)")
# mixing things up: "jeg har rotet med datoene", "eg blanda sammen dagane"
_MIXED = (rf"{_I}\s+(?:har\s+|hadde\s+)?(?:nok\s+|visst\s+|jo\s+)?(?:rotet|rota|roter|"
          rf"blandet|blanda|blander|blandar|forvekslet|forveksla)\b(?:\s+[\wæøå]+){{0,3}}?")
# "jeg har nok sagt feil", "nå husker jeg feil"
_GOT_WRONG = (rf"{_I}\s+(?:har\s+)?(?:nok\s+|visst\s+|jo\s+)?{_ERRED}\s+feil|"
              rf"(?:nå|no|da)\s+{_ERRED}\s+{_I}\s+feil")
_OPENER = r"å|oi|nei|næ|næi|vent(?:\s+litt)?|unnskyld|sorry"  # what an admission opens with
# wondering at oneself: "hva er det jeg tenker på", "ka e det æ tenke på", "kva tenkjer eg
# på", "hør på meg" (what was just said is wrong; what follows stands)
_WONDER = (rf"(?:(?:hva|ka|kva)\s+(?:er|e)\s+det\s+{_I}\s+(?:tenker|tenke|tenkjer|driver\s+med)"
           rf"(?:\s+på)?|(?:hva|ka|kva)\s+(?:tenker|tenke|tenkjer)\s+{_I}\s+på|hør\s+på\s+meg|"
           rf"{_SAYING_WHAT})")
_ADMITTED = (rf"(?:(?:{_OPENER})\s*,?\s+)*"
             rf"(?:{_GOT_WRONG}|{_WONDER}|"
             rf"det\s+(?:ble|blei|vart|var|va|blir|e|er)\s+(?:jo\s+)?feil|"
             rf"feil\s+av\s+meg|la\s+meg\s+rette\s+(?:opp\s+)?(?:det|på\s+det|meg)|"
             rf"{_I}\s+(?:må|skal|får)\s+(?:ta|si)\s+det\s+(?:om\s+igjen|på\s+nytt)|"
             # counting again, and then the count: "fire koppar ... nei, eg må telja på
             # fingrane: ein til frukost, …"
             rf"{_I}\s+(?:må|skal)\s+(?:telle|telja|telje|regne|rekne|rekna)(?:\s+(?:på\s+"
             rf"fingrene|på\s+fingrane|på\s+nytt|etter|igjen))?(?=\s*:)|"
             rf"{_I}\s+retter\s+(?:meg|det|på\s+det))")
# an admission that is a sentence of its own, opened by the word that corrects ("Nei, nå
# husker jeg feil.", "Å nei, jeg har rotet med datoene."): the speaker's next sentence says
# what stands (a bare "Det ble feil." tells of an error and corrects nothing)
_OWNED_ALONE = (rf"(?:(?:{_OPENER}|stopp|beklager)\s*,?\s+)+"
                rf"(?:{_GOT_WRONG}|{_MIXED}|{_WONDER}|"
                # counting again: "Nei, stopp, jeg må telle på nytt."
                rf"(?:{_I}\s+(?:må|skal)|la\s+meg)\s+(?:telle|regne|tenke)\s+(?:på\s+nytt|"
                rf"etter|igjen|over\s+igjen))\s*[.!]?\s*$")
_REDO = re.compile(r"\b(?:om\s+igjen|på\s+nytt|telle|telja|telje|regne|rekne|rekna)\b",
                   re.IGNORECASE)
_CLAUSE_SUBJECTS = {"jeg", "du", "det", "den", "dette", "han", "hun", "vi", "de", "man"}
_PREPOSITIONS = {"i", "på", "til", "fra", "med", "over", "under", "ved", "om", "for", "etter",
                 "nedover", "oppover", "bak", "foran", "mot"}
_CLAUSE_BREAK = re.compile(r",\s+|\s+(?:og|men)\s+(?=(?:jeg|det|den|han|hun|vi|du)\b)", re.I)
_KINDS: dict[str, re.Pattern[str]] = {
    "number": re.compile(rf"^(?:\d+(?:[.,]\d+)?\.?|{NUMBER_WORD})$", re.IGNORECASE),
    "ordinal": re.compile(rf"^(?:{'|'.join(ORDINALS)}|\d+\.)$", re.IGNORECASE),
    "weekday": re.compile(r"^(?:mandag|tirsdag|onsdag|torsdag|fredag|lørdag|søndag)\w*$", re.I),
    "month": re.compile(rf"^(?:{'|'.join(MONTHS)})$", re.IGNORECASE),
    "side": re.compile(r"^(?:høyre|høgre|venstre|vinstre|hø\.|ve\.|begge)$", re.IGNORECASE),
    "time": re.compile(r"^(?:dag(?:er)?|dagar|uker?|veke[rn]?|veka|måned(?:er)?|månad(?:er)?|"
                       r"år|timer?|timar|minutter|døgn|d|mnd)$", re.I),
}


# What a speaker says about the repair rather than in it, set off by commas around it: how
# honest ("hvis jeg skal være helt ærlig", "skal eg vere ærleg", "om eg er ærleg"), on
# second thought ("når jeg tenker meg om", "når jeg kjenner skikkelig etter"), reading or
# measuring again ("jeg ser på papiret nå", "la meg måle ordentlig"), a line misread ("jeg
# leste linja under"), "rettere sagt", "forresten". None of it is the history.
_HONEST = (rf"(?:(?:hvis|viss|om)\s+{_I}\s+skal\s+(?:være|vere|vær)|skal\s+{_I}\s+"
           rf"(?:være|vere|vær)|om\s+{_I}\s+(?:er|e|skal\s+(?:være|vere))|for\s+å\s+"
           r"(?:være|vere))\s+(?:helt\s+|heilt\s+)?(?:ærlig|ærleg)|(?:ærlig|ærleg)\s+talt")
_SECOND_THOUGHT = (rf"(?:når|nå|no)\s+{_I}\s+(?:tenker|tenkjer|tenke|tænke|tænker)\s+"
                   rf"(?:meg|mæ|me)\s+om|(?:når|nå|no)\s+{_I}\s+(?:kjenner|kjenne|kjenn)\s+"
                   r"(?:skikkelig\s+|godt\s+|nøye\s+|ordentlig\s+)?etter")
_READ_AGAIN = (rf"{_I}\s+(?:ser|sjekker|leser|les)\s+(?:på\s+)?(?:papiret|apparatet|appen|"
               r"svaret|skjermen|lappen|arket|journalen|måleren)(?:\s+(?:nå|no))?|"
               r"la\s+meg\s+(?:måle|telle|sjekke|se|kjenne|lese)\s+(?:ordentlig|skikkelig|"
               r"igjen|etter|på\s+nytt|en\s+gang\s+til)|"
               rf"{_I}\s+(?:leste|las|så|såg)\s+(?:på\s+)?(?:feil\s+(?:linje|linja|rad|"
               r"raden|sted)|(?:linja|linjen|raden)\s+(?:under|over)|neste\s+(?:linje|rad))"
               r"(?:\s+i\s+[\wæøå]+)?")
# (thinking of someone else: "… nei, stryk det, æ tænkte på storebroren hans")
_OTHER_IN_MIND = (rf"{_I}\s+(?:tenkte|tænkte|tenkjer|tenker|tænke)\s+på\s+"
                  r"(?:[\wæøå]+\s+){0,2}[\wæøå]+")
_ASIDE = (rf"(?:{_HONEST}|{_SECOND_THOUGHT}|{_READ_AGAIN}|{_OTHER_IN_MIND}|rettere\s+sagt|"
          r"rettare\s+sagt|forresten|egentlig|eigentleg)")
# (the aside, then "så" before the value: "…, hvis jeg skal være ærlig, så ble det nok
# fem-seks")
_ASIDE_FIRST = re.compile(rf"^\s*(?:(?:{_ASIDE})\s*[,:]|egentlig|eigentleg|faktisk)\s*"
                          r"(?:så\s+)?(?=\w)", re.IGNORECASE)
_ASIDE_LAST = re.compile(rf"\s*,\s*(?:{_HONEST}|{_SECOND_THOUGHT}|egentlig|faktisk|det)"
                         r"\s*(?P<end>[.!]?)\s*$", re.IGNORECASE)
_NOT = r"(?:ikke|itte|ikkje|ittje|itj|ittj|inkje)"
# the repair that says only that what came before was wrong ("det stemmer ittje", "det e
# feil", "det er tull eg seier", "det gjør hun ikke"): the speaker's next sentence says what
# stands
_WRONG_SAID = (rf"det\s+(?:stemmer|stemme)\s+{_NOT}(?:\s+(?:helt|heilt))?|"
               rf"det\s+(?:er|e|var|va|blir|ble|blei)\s+(?:jo\s+)?(?:feil|løgn|lygn|tull|"
               rf"galt|{_NOT}\s+(?:helt\s+|heilt\s+)?(?:riktig|rett|sant|ærlig|ærleg))"
               rf"(?:\s+(?:{_I}\s+(?:sier|seier|sei|seie|sa)|sagt))?|"
               rf"det\s+(?:gjør|gjer|gjorde|har|hadde)\s+(?:hun|han|jeg|eg|ho|hu|de|dem|"
               rf"æ|je|vi|me)\s+{_NOT}|"
               # (more or less than said, and no value: "det må vere meir", "egentlig kortere")
               r"(?:det\s+(?:må\s+(?:ha\s+)?(?:vere|være|vært|vore)|er|e|var|va)\s+)?"
               r"(?:(?:nok|vel|jo|egentlig|eigentleg)\s+)?(?:lenger|lengre|meir|mer|kortere|"
               r"mindre|flere|fleire|færre|oftere|sjeldnere)(?:\s+enn\s+det)?")
_DENIAL = re.compile(rf"^\s*(?:{_WRONG_SAID})\s*[.!]?\s*$", re.IGNORECASE)
_ASIDE_ALONE = re.compile(rf"^\s*(?:{_ASIDE})\s*[.!]?\s*$", re.IGNORECASE)
_DENIAL_FIRST = re.compile(rf"^\s*(?:{_WRONG_SAID})\s*[,:]\s*(?=\w)", re.IGNORECASE)


def repair_said(after: str) -> str:
    """The repair without what the speaker says about it: "nei, hvis jeg skal være helt
    ærlig, så ble det nok fem-seks" → "ble det nok fem-seks"; "det stemmer ikke, jeg ser på
    papiret nå: hundreogtjue" → "hundreogtjue"; "det begynte før påske, det." → "det begynte
    før påske."; "" when the repair only takes back ("det stemmer ittje", "jeg leste linja
    under i svaret", "det gjør hun ikke, når jeg tenker meg om")."""
    for _ in range(2):
        after = _ASIDE_LAST.sub(lambda m: m.group("end"), after)
    for _ in range(3):
        m = _ASIDE_FIRST.match(after) or _DENIAL_FIRST.match(after)
        if m is None:
            break
        after = after[m.end():]
    # (nothing but the aside or the denial: taken back, and nothing said instead)
    return "" if _DENIAL.match(after) or _ASIDE_ALONE.match(after) else after


@lru_cache(maxsize=1)
def _markers() -> tuple[re.Pattern[str], re.Pattern[str], re.Pattern[str]]:
    inline = phrasebook().words("corrections", "inline")
    strong = [m for m in inline if m not in _WEAK]
    weak = [m for m in inline if m in _WEAK]
    anywhere = rf"(?:[,;:–—-]|\s)\s*{alternation(strong)}\s*[,.:!]?\s*"
    # (an apology after a pause as well: "CRP er åttiseks ... unnskyld, sekstiåtte")
    set_off = (rf"(?:[,;:–—-]\s*{alternation(weak)}|(?:\s*\.\.\.|\s*…)\s*"
               rf"{alternation(list(_AFTER_PAUSE))})"
               r"\s*[,.:!]?\s*")
    leading = phrasebook().words("corrections", "leading")
    # an estimate said again, closer: "Et halvt år, kanskje. Nei, nærmere ett år." (the
    # word that says how close stays with the value)
    # (honesty said on the way: "Nei, ærlig talt, det er nok nærmere seks-sju.")
    closer = (r"nei\s*,?(?:\s*(?:ærlig\s+talt|helt\s+ærlig|for\s+å\s+være\s+ærlig)\s*,?)?"
              r"(?=\s+(?:(?:det\s+(?:er|e|var|va)\s+)?(?:nok\s+|vel\s+)?)?(?:nærmere|nærare|"
              r"snarere|mer\s+som)\b)")
    # (the speaker owning up to an error in their own words, set off before and after:
    # "… i venstre knehase ... vent litt, la meg rette opp det: det e jo høyre", "for to
    # dager siden ... Å, det ble feil: det var natt til søndag")
    set_off = rf"(?:{set_off}|(?:[,;:–—-]|\s*\.\.\.|\s*…)\s*{_ADMITTED}\s*[,.:!]\s*)"
    return (re.compile(anywhere, re.IGNORECASE), re.compile(set_off, re.IGNORECASE),
            re.compile(rf"^\s*(?:{_OWNED_ALONE}|{alternation(leading)}\s*[,.:!]?|"
                       rf"{_ADMITTED}\s*[,:]\s*(?=\w)|{closer})\s*", re.IGNORECASE))


# after a comma or a pause ("Mandag ... nei, søndag kveld", "Venstre … nei, høyre!")
_BARE_NO = re.compile(r"(?:,|\s*(?:\.\.\.|…))\s*(?:nei|næ|næh|næi)\s*,?\s+", re.IGNORECASE)
# a relative named, with whose ("far min", "mor mi", "tanta mi", "onkelen min"), or bare
# ("onkel", "farmor")
# (the list of relatives is read when first needed, not when the module is imported)
_WHOSE = r"(?:\s+(?:min|mi|mitt|mine|din|di|hans|hennes|vår|si|sin))?"


@lru_cache(maxsize=1)
def _kin_said() -> tuple[re.Pattern[str], re.Pattern[str]]:
    """The relative a sentence begins with, and "… nei, det var onkel, farbroren min", "næh,
    det va tanta mi, mor si søster": who it was, said again."""
    kin = rf"(?:{either_of(kin_words())})"
    return (re.compile(rf"^(?P<kin>{kin}{_WHOSE})\b", re.IGNORECASE),
            re.compile(rf"^(?:det\s+(?:var|va|er|e)\s+)(?P<kin>{kin}{_WHOSE}"
                       rf"(?:\s*,\s*[\wæøå]+(?:\s+[\wæøå]+){{0,3}})?)\s*(?P<end>[.!]?)$",
                       re.IGNORECASE))


def take_back_text(text: str) -> str:
    """One sentence with its self-corrections applied (only the corrected version is left)."""
    strong, weak, _ = _markers()
    if kept := _taken_back(text):
        text = kept  # a short part after a comma taken back ("" is the whole: _retracted)
    for _ in range(4):
        m = _last(strong, text) or _last(weak, text)
        if m is None:
            break
        before, after = text[:m.start()], text[m.end():]
        if _REPLY.search(m.group(0)) and _POINTS_BACK.match(after):
            break  # "Amlodipin fem, nei, det er den jeg tar.": a reply, nothing said instead
        if not re.search(r"\w", before) or not re.search(r"\w", after):
            text = tidy(before + " " + after)
            continue
        if _REDO.search(m.group(0)):  # "… nei, æ må ta det om igjen, …": all of it again
            text = capitalise(tidy(after))
            continue
        text = splice(before, after)
    return _bare_no(text)


# "nei, det er" / "nei, det var" answering what was said, not correcting it: what follows
# points back to it ("det er den jeg tar", "det er det ikke") instead of saying a new value
_REPLY = re.compile(r"\bnei\s*,?\s+det\s+(?:er|var)\s*$", re.IGNORECASE)
_POINTS_BACK = re.compile(r"\s*(?:den|det|de|dem|dette|denne|disse|ikke|ikkje)\b",
                          re.IGNORECASE)


@lru_cache(maxsize=1)
def _retract() -> re.Pattern[str]:
    said = phrasebook().words("corrections", "retract")
    # (and owning up in any dialect's words after a pause: "… ... nei, eg las feil.", "…
    # ... næ, æ huska feil."; an admission of its own, "Nei, jeg husker feil.", takes back
    # the sentence before instead)
    return re.compile(rf"\w.*?(?:(?:,|\s*(?:\.\.\.|…))\s*{alternation(said)}|"
                      rf"\s*(?:\.\.\.|…)\s*(?:(?:{_OPENER})\s*,?\s+)*(?:{_GOT_WRONG}))"
                      r"\s*[.!]?\s*$", re.IGNORECASE)


@lru_cache(maxsize=1)
def _retract_first() -> re.Pattern[str]:
    said = phrasebook().words("corrections", "retract")
    return re.compile(rf"^\s*(?:{alternation(said)}|(?:(?:{_OPENER})\s*,?\s+)*{_SAYING_WHAT})"
                      r"\s*(?:[,.!:;–—-]\s*|$)", re.IGNORECASE)


# the conclusion drawn after a correction: "… nei vent, det var rett etter høstferien. Så det
# er mer som fire måneder."
_SO = re.compile(r"^\s*så\b[,]?\s*", re.IGNORECASE)
_NO_IT_WAS = re.compile(rf"^\s*nei\s*,?\s+(?=det\s+(?:var|va|er|e|ble|blei)\b|"
                        # or straight with the amount: "… to ganger. Nei, tre ganger, …"
                        rf"(?:\d+|{NUMBER_WORD})\s+(?:ganger?|gonger|gongar|dag(?:er)?|dagar|uker?|"
                        r"veker|måned(?:er)?|månader|år)\b)", re.IGNORECASE)


def _retracted(text: str) -> bool:
    """Something said, then taken back whole after a pause: "Siden påske ... nei, det stemmer
    ikke." (a bare "Nei, det stemmer ikke." answers a question and takes nothing back)."""
    # (one that opens with the taking back, "Unnskyld, jeg leste på feil linje.", takes back
    # the sentence before it: :func:`_instead`)
    return (_retract().match(text.strip()) is not None and not _retract_first().match(text)
            ) or _taken_back(text) == ""


# after a pause or a comma, the words that open a repair ("... nei, unnskyld,", ", næh,",
# "... nei, stryk det,")
_OPENS_REPAIR = re.compile(r"(?:,|\s*(?:\.\.\.|…))\s*(?:(?:nei|næ|næh|næi)\b\s*,?\s*)"
                           r"(?:(?:unnskyld|sorry|vent(?:\s+litt)?|stryk\s+det)\b\s*,?\s*)*",
                           re.IGNORECASE)
_NEGATED_BEFORE = re.compile(rf"\b(?:{_NOT}|ingen|inga|ingenting|aldri)\b", re.IGNORECASE)
_REPARANDUM_WORDS = 6  # words after the last comma that a repair may take back alone


def _taken_back(text: str) -> str | None:
    """What stays of a sentence whose repair only takes back ("Det begynte vel for en fire
    ukers tid siden ... nei, det stemmer ittje.", "Men det e mest i venstre ... næh, det e
    feil.", "…, det som kalles ASC-H ... nei, unnskyld, jeg leste linja under i svaret."):
    the part before the last comma when what it takes back is a short part after one, else
    "" (the whole sentence; the speaker's next sentence says what stands). None when the
    sentence takes nothing back, or when "nei" agrees with a negative ("Jeg har ikke feber,
    nei, det gjør jeg ikke.")."""
    m = _last(_OPENS_REPAIR, text)
    if m is None or m.start() == 0:
        return None
    before, after = text[:m.start()], text[m.end():]
    if not re.search(r"\w", after) or repair_said(after) != "" or _NEGATED_BEFORE.search(before):
        return None
    head, comma, last = before.rpartition(",")
    if comma and re.search(r"\w", head) and 2 <= len(last.split()) <= _REPARANDUM_WORDS:
        return tidy(head) + "."
    return ""


def _muddled(text: str) -> int | None:
    """Where a word on the speaker's own muddle begins, set off by a pause at the end of the
    sentence ("Eg er i veke tjueni ... nei, no surra eg.", "… i dag tidlig ... nei, nå flyter
    dagene i hverandre, jeg har nesten ikke sovet."): what went before is wrong, and the
    speaker's next sentence says what stands in its place (None when there is none)."""
    m = _OWN_STATE.search(text)
    if m is None or m.start() == 0 or _HOW_IT_IS.search(m.group("remark")) is not None or any(
            kind.match(w) for w in re.findall(r"[\wæøå]+", m.group("remark"))
            for kind in _KINDS.values()):
        return None
    return m.start()


# after a pause, "nei, nå/no …" with the speaker in it and nothing of a value: a word on
# how the speaker is muddled ("nei, no surra eg", "nei, nå pynter jeg på det")
_OWN_STATE = re.compile(r"(?:\.\.\.|…)\s*nei\s*,?\s+(?P<remark>(?:nå|no|nu)\s+[^.!?:;]{3,90}?|"
                        # counting again: "Det e to uker sia ... nei, æ må rekne baklengs."
                        r"(?:jeg|eg|æ|je)\s+må\s+(?:regne|rekne|telle|tenke)\s+"
                        r"(?:baklengs|etter|på\s+nytt|igjen|tilbake))"
                        r"\s*[.!]?\s*$", re.IGNORECASE)
_HOW_IT_IS = re.compile(r"\b(?:bedre|verre|bra|fint|greit|godt|vondt|ille)\b|"
                        r"^(?!.*\b(?:jeg|eg|æ|je|dagene|dagane)\b)", re.IGNORECASE)


# someone else in the room denies what the patient just said, in a sentence of its own ("Mor,
# det stemmer itte helt."), and goes on to say what is so: the patient's sentence goes
# ("Far, det der går itte opp.": it does not add up; "Nei, du husker feil.")
_DENIED_BY_OTHER = re.compile(
    rf"^(?:[\wæøå]+\s*,\s*)?(?:nei\s*,?\s*)?(?:det(?:\s+(?:der|her|dette))?\s+(?:(?:stemmer|er)\s+"
    rf"{_NOT}(?:\s+(?:helt|heilt))?(?:\s+(?:riktig|rett|sant|korrekt))?|går\s+{_NOT}\s+opp|"
    rf"(?:er|var)\s+feil)|(?:du|dere|dokker)\s+husker\s+feil)\s*[.!]?\s*$", re.IGNORECASE)


def is_denial(text: str) -> bool:
    """A sentence that only denies what was just said ("Mor, det stemmer itte helt.")."""
    return _DENIED_BY_OTHER.match(text) is not None


def denied_by_other(sentences: Sequence[Sentence]) -> list[Sentence]:
    """The sentences without a patient's statement that a relative or interpreter then denies
    and corrects ("Et par ganger i uka, kanskje." — "Mor, det stemmer itte helt. Du tar Ibux
    morra og kveld …"). The denial itself stays, a sentence with nothing for the note, so that
    the talk still reads as a relative setting the history right."""
    drop: set[str] = set()
    for i, s in enumerate(sentences):
        if i == 0 or s.speaker != Speaker.ANNEN or not is_denial(s.text):
            continue
        before, after = sentences[i - 1], sentences[i + 1] if i + 1 < len(sentences) else None
        if (before.speaker == Speaker.PASIENT and before.segment_id != s.segment_id
                and after is not None and after.segment_id == s.segment_id):
            drop.add(before.id)  # (the denial stays: who sets the patient right, and when)
    return [s for s in sentences if s.id not in drop]


def _last(pattern: re.Pattern[str], text: str) -> re.Match[str] | None:
    found = None
    for m in pattern.finditer(text):
        found = m
    return found


# when something happened, as said: "for en uke siden", "på fredag", "torsdag kveld",
# "i går morges", "i forrige uke"
_WEEKDAY = r"(?:mandag|tirsdag|onsdag|torsdag|fredag|lørdag|søndag)(?:s|en)?"
_PART_OF_DAY = r"(?:\s+(?:morgen|morges|kveld|kvelden|ettermiddag|formiddag|natt|natta|tidlig))?"
_TIME = (rf"(?:for\s+[\wæøå]+(?:\s+[\wæøå]+)?\s+(?:dag|dager|dagar|uke|uker|veke|veker|måned|"
         rf"måneder|månad|månader|år|time|timer|døgn)\s+siden|(?:(?:på|i|sist|forrige)\s+)?{_WEEKDAY}{_PART_OF_DAY}|"
         rf"i\s+(?:går|forgårs|morges|natt|kveld|helga|helgen){_PART_OF_DAY}|"
         # (today only with its part of the day: "i dag tidlig", not the "i dag" of now)
         rf"i\s+dag\s+(?:tidlig|morges|morgen|formiddag|ettermiddag)|"
         # a holiday names a time as well: "nei, det var i påsken"
         rf"(?:i|rundt|etter|før)\s+(?:påsken|påska|påske|jula|julen|jul|sommerferien|"
         rf"vinterferien|høstferien|romjula|romjulen|nyttår|sommeren|sommern|vinteren|"
         rf"høsten|våren)|"
         rf"(?:i\s+)?forrige\s+(?:uke|veke|helg|helga|måned|månad))")
_TIME_ANYWHERE = re.compile(rf"(?<![\wæøå])(?:{_TIME})(?![\wæøå])", re.IGNORECASE)
_TIME_LAST = re.compile(rf"(?<![\wæøå])(?:{_TIME})\s*$", re.IGNORECASE)
# the correction, a time, perhaps said as a clause: "nei, det var på fredag", "nei, det va
# torsdag kveld, for …"
_TIME_FIRST = re.compile(rf"^(?:det\s+(?:var|va|er|e|må\s+ha\s+(?:vært|vore|vøri))\s+"
                         rf"(?:vel\s+|nok\s+)?)?(?P<time>{_TIME})"
                         r"(?P<rest>(?![\wæøå]).*)$", re.IGNORECASE | re.DOTALL)


# a time of day: "klokka to", "klokka halv tre", "kl. 14"; corrected by another, the word
# "klokka" often left out and the hour hedged ("… nei, det må ha vært nærmere tre")
_HOUR = rf"(?:halv\s+)?(?:\d{{1,2}}(?:[.:]\d{{2}})?|{NUMBER_WORD})"
_CLOCK_LAST = re.compile(rf"(?<![\wæøå])(?:klokka|klokken|kl\.)\s+{_HOUR}\s*$", re.IGNORECASE)
_CLOCK_FIRST = re.compile(
    rf"^(?:det\s+(?:var|va|er|e|ble|blei|må\s+ha\s+vært)\s+)?(?:vel\s+|nok\s+)?"
    rf"(?P<near>(?:nærmere|rundt|omtrent|ca\.?)\s+)?(?:(?:klokka|klokken|kl\.)\s+)?"
    rf"(?P<time>{_HOUR})(?P<rest>(?![\wæøå]).*)$", re.IGNORECASE | re.DOTALL)


def _new_clock(before: str, after: str) -> str | None:
    """ "i natt, klokka to ... nei, det må ha vært nærmere tre, for jeg hadde sett på klokka,
    så våknet han" → "i natt, nærmere klokka tre, så våknet han": how the speaker knows goes
    (to the next comma), what happened stays."""
    old = _CLOCK_LAST.search(before.rstrip(" ,"))
    new = _CLOCK_FIRST.match(after.strip())
    if old is None or new is None:
        return None
    rest = re.sub(r"^\s*,?\s*(?:for|fordi)\s[^,.!?]*", "", new.group("rest"),
                  flags=re.IGNORECASE)
    near = (new.group("near") or "").lower()
    return tidy(before.rstrip(" ,")[:old.start()] + f"{near}klokka {new.group('time')}" + rest)


def _new_time(before: str, after: str) -> str | None:
    """ "Smertene begynte for en uke siden ... nei, det var på fredag." → "Smertene begynte
    på fredag.": a time corrected by a time, whatever words each is said in; what follows
    the new time stays, unless it is how the speaker knows ("…, for det var dagen etter
    kampen")."""
    if (clock := _new_clock(before, after)) is not None:
        return clock
    old = _TIME_LAST.search(before.rstrip(" ,"))
    tail = ""  # a short phrase after the time ("for to uker siden, med kikkhull") stays
    if old is None and (comma := before.rfind(",")) > 0 and len(before[comma:].split()) <= 4:
        old = _TIME_LAST.search(before[:comma].rstrip(" ,"))
        tail = before[comma:].rstrip(" ,") if old else ""
    new = _TIME_FIRST.match(after.strip())
    if old is None or new is None:
        return None
    time = new.group("time")
    lead = re.match(r"(?:på|i)\s+", old.group(0), re.IGNORECASE)
    if lead and not re.match(r"(?:på|i|for|før|etter|rundt|sist|forrige)\s", time, re.IGNORECASE):
        time = lead.group(0) + time  # "på tirsdag, nei, onsdag" → "på onsdag"
    # how the speaker knows ("…, for det var dagen etter Brann-kampen") is not the history
    rest = re.sub(r"^\s*,?\s*(?:for|fordi)\s.*?(?=[.!?]?$)", "", new.group("rest"),
                  flags=re.IGNORECASE | re.DOTALL)
    return tidy(before.rstrip(" ,")[:old.start()] + time + rest.rstrip(" .!?") + tail + (
        rest.rstrip()[-1:] if rest.rstrip()[-1:] in {".", "!", "?"} else ""))


# "… tre centimeter ... nei, når jeg kjenner skikkelig etter, er den nærmere to": how the
# speaker knows is no part of the correction, the value said closer is
# (or the value said again with a hedge: "Fire netter i uka … nei, hvis jeg teller etter,
# er det nok fem av sju")
_HOW_THEN_CLOSER = re.compile(r"(?P<no>(?:,|\s*(?:\.\.\.|…))\s*nei\s*,?\s+)[^.?!]*?,\s*"
                              r"(?:er|var|blir)\s+(?:den|det|de|han|hun)\s+"
                              r"(?:(?:nok|vel|kanskje|egentlig)\s+)?(?!ikke\b|ikkje\b)"
                              r"(?P<closer>(?:(?:nærmere|nærare|snarere|heller)\s+)?\S+"
                              r"(?:\s+\S+){0,3}?)(?=[.!]?\s*$)",
                              re.IGNORECASE)


_COUNT = re.compile(rf"(?<![\wæøå])(?:\d+|{NUMBER_WORD})(?![\wæøå])", re.IGNORECASE)
_SHARE = re.compile(rf"(?:\d+|{NUMBER_WORD})\s+av\s+(?:\d+|{NUMBER_WORD})", re.IGNORECASE)
# (the verb first as well, and hedged: "så er det vel heller tre", "ble det nok fem-seks",
# "det er vel nærare fem")
_SAID_AGAIN = re.compile(rf"^(?:(?:det|den|de)\s+(?:er|var|e|va|ble|blei|blir)|(?:er|var|e|va|ble|"
                         r"blei|blir)\s+(?:det|den|de))\s+(?:(?:nok|vel|faktisk|heller|egentlig|"
                         r"kanskje|jo|mer\s+som|mer\s+sånn)\s+)*"
                         rf"(?P<v>(?:(?:nærmere|nærare|rundt|omtrent|ca\.)\s+)?"
                         rf"(?:\d+(?:[.,]\d+)?|{NUMBER_WORD})(?:[-–](?:\d+|{NUMBER_WORD}))?"
                         rf"(?:\s+komma\s+(?:\d+|{NUMBER_WORD}))?(?:\s+[\wæøå]+)?)"
                         r"(?P<rest>(?:,?\s+[^.!?]*)?[.!?]?)$", re.IGNORECASE)
# the first part of one value said in words: "trettiåtte komma to", "hundre og ti"
_DECIMAL_SAID = re.compile(rf"(?<![\wæøå])(?:(?:\d+|{NUMBER_WORD})\s+komma|"
                           rf"(?:(?:{NUMBER_WORD})\s+)?(?:hundre|tusen)\s+og)\s+$", re.IGNORECASE)
_VALUE_ALONE = re.compile(rf"(?:\d+(?:[.,]\d+)?|{NUMBER_WORD})(?:\s+(?:komma|og)\s+(?:\d+|"
                          rf"{NUMBER_WORD}))*", re.IGNORECASE)
_ENDS_IN_COUNT = re.compile(rf"(?<![\wæøå])(?:\d+|{NUMBER_WORD})(?:[-–](?:\d+|{NUMBER_WORD}))?$",
                            re.IGNORECASE)
_NAMED_AGAIN = re.compile(r"(?P<name>[A-ZÆØÅ][\wæøå-]+)(?:,?\s+(?:heter|het)\s+(?:den|det|han|"
                          r"hun|de))?\s*(?P<end>[.!]?)")
_MORE_LIKE = re.compile(r"^(?:mer\s+som|mer\s+sånn|snarere|heller)\s+(?=\S)", re.IGNORECASE)
_AFTERTHOUGHT = re.compile(r",?\s+(?:faktisk|egentlig|tror\s+jeg|vel|da)\s*([.!?]?)\s*$",
                           re.IGNORECASE)


def _end(text: str) -> str:
    """The full stop or exclamation mark ``text`` ends with ("" without one)."""
    last = text.strip()[-1:]
    return last if last in (".", "!") else ""


_SENTENCE_END = re.compile(r"[.!?]\s+(?=[A-ZÆØÅ\d])")
_NOTHING_SAID = {"eller", "og", "men", "ja", "au", "å", "så", "altså", "eh", "ehm", "hm", "mm"}
_CLAUSE_REPAIRED = 8  # words: the longest sentence part a clause said instead replaces whole


def _bare_no(text: str) -> str:
    """ "på tirsdag, nei, onsdag" → "på onsdag": a bare "nei" between two parallel phrases,
    after a comma or a pause ("Mandag ... nei, søndag kveld" → "Søndag kveld")."""
    text = _HOW_THEN_CLOSER.sub(lambda c: c.group("no") + c.group("closer"), text)
    m = _last(_BARE_NO, text)
    if m is None:
        return text
    # (the repair ends with its sentence: what the speaker says next is said as it stands,
    # "Venstre ... nei, høyre, selvfølgelig. Det er racketarmen.")
    if (end := _SENTENCE_END.search(text, m.end())) is not None:
        return f"{_bare_no(text[:end.start() + 1])} {text[end.end():]}"
    before, after = text[:m.start()], text[m.end():]
    if not (after := repair_said(after)):
        return text  # taken back whole: :func:`_retracted`
    if (timed := _new_time(before, after)) is not None:
        return _cap(timed)
    # an amount of time said again in a clause, with how the speaker knows after it ("… for
    # to år sia ... nei, det va i niandeklasse, så det e vel tre år sia")
    if (fixed := _amount_or_time(tidy(before).rstrip(".!?"),
                                 tidy(after).rstrip(".!?"))) is not None:
        return fixed + _end(after)
    # "Et halvt år … nei, mer som et år, faktisk": "more like" says the value again, and a
    # word said on the way at the end ("faktisk") is no part of it
    after = _AFTERTHOUGHT.sub(r"\1", _MORE_LIKE.sub("", after))
    # the value said again in a clause of its own ("Amlodipin fem … nei, det er ti milligram,
    # dom økte den i fjor"): the value stands for the number before, the rest goes on
    # (how the speaker knows may come first: "nei, jeg veide meg i dag morges, det er tre")
    last_part = after.rpartition(",")[2]
    if _SAID_AGAIN.match(after.strip()) is None and _SAID_AGAIN.match(last_part.strip()):
        after = last_part
    if (again := _SAID_AGAIN.match(after.strip())) is not None and (
            old := _last(_COUNT, before)) is not None and _COUNT.search(again.group("v")):
        # (a bare number keeps the word after the one it replaces: "trettini grader",
        # "nærare fem timar")
        value = again.group("v").strip()
        tail = before[old.end():] if _ENDS_IN_COUNT.search(value) else ""
        return _cap(tidy(before[:_value_start(before, old)] + value + tail + again.group("rest")))
    # a value alone said instead ("Pulsen var hundre og ti ... nei, nitti"): it stands for the
    # whole value before, however many words that was said in
    if _VALUE_ALONE.fullmatch(after.strip(" .!")) and (old := _last(_COUNT, before)) is not None:
        return _cap(tidy(before[:_value_start(before, old)] + after.strip(" .!")
                         + before[old.end():])) + _end(after)
    # a name said again ("Yaz … nei, Yasmin heter den"): the name stands for the one before
    name = _NAMED_AGAIN.fullmatch(after.strip())
    last = re.search(r"(?<![\wæøå])[A-ZÆØÅ][\wæøå-]+\s*$", before)
    if name is not None and last is not None:
        return tidy(before[:last.start()] + name.group("name")) + name.group("end")
    if (share := _SHARE.fullmatch(after.strip(" .!?"))) is not None and (
            old := _last(_COUNT, before)) is not None:
        # "Fire netter i uka … nei, fem av sju" → "fem av sju netter i uka"
        said = re.sub(r"[\wæøå]+", lambda w: str(word_to_int(w.group(0)) or w.group(0)),
                      share.group(0))  # "5 av 7", as the note writes counts
        return _cap(tidy(before[:old.start()] + said + before[old.end():])) + _end(after)
    if _AMOUNT.fullmatch(after.strip(" .!?")) and (
            amount := _new_amount(before, after)) is not None:
        return _cap(amount) + _end(after)
    # who it was, put right ("Far min hadde tarmkreft ... nei, det var onkel, farbroren
    # min."): the relative named again takes the place of the one the sentence began with
    kin_first, kin_again = _kin_said()
    if (kin := kin_again.match(after.strip())) is not None and (
            first := kin_first.match(before.strip())) is not None:
        rest = before.strip()[first.end():]
        told = kin.group("kin")
        return _cap(tidy(f"{told}{',' if ',' in told else ''}{rest}")) + (kin.group("end") or ".")
    if not [w for w in _words(before) if w.strip(",.").lower() not in _NOTHING_SAID]:
        return _cap(after)  # nothing said before it ("Eller ... nei, det var helsestasjonen")
    if _is_clause(after):
        # a clause of its own said instead, with a time, a number or a side ("Det har vært
        # sånn i to måneder ... nei, det begynte før sommerferien"): it stands for a short one
        # before it (a clause without one says something of what went before: "Pekefingeren
        # … nei, den er fin.")
        says_value = _TIME_ANYWHERE.search(after) or any(_kind(w) for w in _words(after))
        return splice(before, after) if says_value and (
            len(_words(before)) <= _CLAUSE_REPAIRED) else text
    words = _words(after)
    if not words or len(words) > 4 or words[0].lower() in {"men", "og", "ikke", "ingen"}:
        return text
    score = _align(_words(before), words)[1]
    return splice(before, after) if score > 0 else text


def _value_start(before: str, last: re.Match[str]) -> int:
    """Where the value whose last number is ``last`` begins: "trettiåtte komma to" and
    "hundre og ti" are one value each."""
    whole = _DECIMAL_SAID.search(before[:last.start()])
    return last.start() if whole is None else whole.start()


def _put_right(before: str, after: str) -> str:
    """``before`` with the amount or time that ``after`` puts right, or ``after`` itself."""
    end = after.rstrip()[-1:] if after.rstrip()[-1:] in {".", "!", "?"} else "."
    fixed = _amount_or_time(tidy(before).rstrip(".!?"), tidy(after).rstrip(".!?"))
    return after if fixed is None else fixed + end


def _amount_or_time(before: str, after: str) -> str | None:
    """``before`` with the amount or the time that the clause ``after`` corrects ("Det
    begynte på tirsdag. Nei, vent, det var mandag kveld, for …": the time), if it does."""
    if not _is_clause(after):
        return None
    if (amount := _new_amount(before, after)) is not None:
        return _cap(amount)
    timed = _new_time(before, after)
    return None if timed is None else _cap(timed.rstrip(".!? "))


def splice(before: str, after: str, *, new_sentence: bool = False) -> str:
    """``before`` with its last part replaced by the correction ``after`` (``new_sentence``:
    ``after`` began a sentence, so its capital letter means nothing)."""
    end = after.rstrip()[-1:] if after.rstrip()[-1:] in {".", "!", "?"} else ""
    before = tidy(before).rstrip(".!?")
    after = tidy(after).rstrip(".!?")
    if (fixed := _amount_or_time(before, after)) is not None:
        return fixed + end
    if _is_clause(after):
        parts = list(_CLAUSE_BREAK.finditer(before))
        head = before[:parts[-1].start()] + ", " if parts else ""
        return _cap(tidy(head + after)) + end
    xs, ys = _words(before), _words(lower_first(after) if new_sentence else after)
    start, score = _align(xs, ys)
    if score > 0:
        merged = [*xs[:start], *ys, *xs[start + len(ys):]]
    else:
        start = max(0, len(xs) - len(ys))
        if start < len(xs) and xs[start].lower() in _PREPOSITIONS and (
                ys[0].lower() not in _PREPOSITIONS):
            start += 1
        merged = [*xs[:start], *ys]
    return _cap(" ".join(merged)) + end


# (a rough amount too: "et par månader", "noen uker")
_AMOUNT = re.compile(rf"\b(?P<n>\d+(?:[.,]\d+)?|(?:et|ett|en|ei)\s+halvt?|halvannen|halvannet|"
                     r"et\s+par|noen|nokre|nokon|"
                     rf"{NUMBER_WORD}|et|ett|en|ei)\s+"
                     # (and in nynorsk and dialect: "fem månader", "tre veker")
                     r"(?P<unit>(?:dag(?:er)?|dagar|døgn|uker?|veke[rn]?|veka|måned(?:er)?|månad(?:er)?|"
                     r"år|timer?|timar|minutter|minutt|ganger?|gonger|gongar)\b)",
                     re.IGNORECASE)


def _new_amount(before: str, after: str) -> str | None:
    """A clause that corrects how long or how long ago ("… for to uker siden. Nei vent, det
    var på hytta, så det er snart tre uker siden."): the amount in ``before`` takes the
    corrected one; the rest of the correcting clause is how the speaker worked it out."""
    old = _last(_AMOUNT, before)
    new = _last(_AMOUNT, after)
    if old is None or new is None or old.group("n").lower() == new.group("n").lower():
        return None
    # (with its bound: "… nei, jeg husker feil, det er over en måned")
    near = _NEAR.search(after[:new.start()])
    said = f"{near.group(1)} " if near else ""
    # (what it is for stays: "Kontroll om seks uker ... nei, vi sier fire uker, så vi får
    # fulgt opp røykesluttet")
    purpose = _PURPOSE.match(after[new.end():])
    return tidy(before[:old.start()] + f"{said}{new.group('n')} {new.group('unit')}"
                + before[old.end():].rstrip(" .!?") + (purpose.group(0).rstrip(" .!?")
                                                       if purpose else ""))


_PURPOSE = re.compile(r"\s*,?\s*så\s+(?:vi|du|jeg|han|hun|dere|me|eg|æ)\s+(?:får|kan|rekker|"
                      r"slipper)\b[^.!?]*", re.IGNORECASE)
# (a bound that changes the amount: "over en måned" is not "en måned"; "snart tre uker" is
# three weeks as the note writes it)
_NEAR = re.compile(r"\b(over|under|minst|drøyt|mer enn|mindre enn)\s*$", re.IGNORECASE)


def _words(text: str) -> list[str]:
    return tidy(text).rstrip(".!?").split()


def _cap(text: str) -> str:
    return text[:1].upper() + text[1:] if text else text


def _kind(word: str) -> str:
    w = word.strip(",.").lower() if not re.fullmatch(r"\d+\.", word) else word
    for name, pattern in _KINDS.items():
        if pattern.match(w):
            return name
    return ""


def _align(xs: list[str], ys: list[str]) -> tuple[int, int]:
    """Where in ``xs`` the correction ``ys`` lines up best: (start, score); latest on ties."""
    best, best_score = 0, 0
    for i in range(len(xs)):
        score = 0
        for j, y in enumerate(ys):
            if i + j >= len(xs):
                break
            x = xs[i + j]
            same = x.strip(",").lower() == y.strip(",").lower()
            if same or (_kind(x) and _kind(x) == _kind(y)) or _same_head(x, y):
                score += 1
        if score >= best_score and score > 0:
            best, best_score = i, score
    return best, best_score


def _same_head(x: str, y: str) -> bool:
    """Two compounds with the same last part ("pekefingeren" and "langfingeren"): one said
    instead of the other."""
    a, b = x.strip(",.!?").lower(), y.strip(",.!?").lower()
    n = 0
    while n < min(len(a), len(b)) and a[-1 - n] == b[-1 - n]:
        n += 1
    return a != b and n >= 5 and len(a) - n >= 3 and len(b) - n >= 3


def _is_clause(text: str) -> bool:
    """Whether ``text`` is a clause of its own (subject and verb), not a phrase."""
    words = [w.strip(",.").lower() for w in text.split()[:3]]
    if len(words) < 2:
        return False
    return words[0] in _CLAUSE_SUBJECTS and words[1] not in {"og", "eller"} and not _kind(
        words[1])


def _instead(before: str, text: str, before_corrected: bool) -> str | None:
    """What stands when ``text`` takes back the same speaker's sentence ``before`` whole ("" if
    nothing does), or None when it takes nothing back:

    - "Siden mars, så snart tre måneder. Nei, det stemmer ikke, det begynte i påsken.": what
      follows the taking back stands;
    - "Første gang for tre uker siden. Nei, det var lenger, …, så fire uker siden.": "nei, det
      var …" corrects the amount or the time just said (not otherwise: "Nei. Nei, det er helt
      fint." takes nothing back);
    - after a correction, "Så det er mer som fire måneder." corrects the amount again."""
    before = before.rstrip(".!?")
    if r := _retract_first().match(text):
        rest = text[r.end():].strip()
        # what stands is an amount or a time said again ("Første gang for to uker siden. Nei,
        # det var lenger, …, så tre uker siden."): it is put right in the sentence before
        if (fixed := _new_amount(before, rest) or _new_time(before, rest)) is not None:
            return _cap(fixed.rstrip(".!? ")) + "."
        return _cap(rest) if re.search(r"\w", rest) else ""
    if (no := _NO_IT_WAS.match(text)) and (
            fixed := _new_amount(before, text[no.end():]) or _new_time(before, text[no.end():])):
        return _cap(fixed.rstrip(".!? ")) + "."
    if before_corrected and (so := _SO.match(text)) and (
            amount := _new_amount(before, text[so.end():])):
        return _cap(amount) + "."
    return None


# a correction named as such, then why the value before it was wrong (not a new value)
_WHY_WRONG = re.compile(r"^\s*(?:nei\s*,?\s+)?(?:rettelse|korreksjon)\s*[,:.!]\s*\w",
                        re.IGNORECASE)
# a value said ("nitti", "6,8"), not a word that is a number only in form ("sto ikke på null",
# "en vekt")
_A_VALUE = re.compile(rf"\d|(?<![\wæøå])(?!(?:null|en|ei|et|ett)(?![\wæøå]))(?:{NUMBER_WORD})"
                      rf"(?![\wæøå])", re.IGNORECASE)


def take_back(sentences: Sequence[Sentence]) -> list[Sentence]:
    """Sentences with self-corrections applied, within a sentence and across adjacent
    sentences of the same speaker.

    A sentence that starts with a correction ("Nei vent, det er mer i setet.") replaces the
    part of the same speaker's sentence just before it that it corrects; the merged sentence
    keeps the correcting sentence's id (its segment says the value that stands). A sentence
    that is only a marker ("Nei, vent.") makes the next sentence of that speaker the
    correction. One that opens by taking back ("Nei, det stemmer ikke, det begynte i
    påsken.") drops the sentence before whole; "Nei, det var …" with a new amount or time
    corrects that amount or time; a "Så …" after a correction with a new amount ("Så det er
    mer som fire måneder") corrects the amount.
    """
    _, _, leading = _markers()
    out: list[Sentence] = []
    pending = False
    muddled: str | None = None  # the sentence cut at a word on the speaker's own muddle
    corrected: set[str] = set()  # ids of sentences a correction was applied in
    for s in sentences:
        if _retracted(s.text):
            continue  # taken back whole: the speaker's next sentence says what stands
        if (cut := _muddled(s.text)) is not None:
            # what went before the muddle stays, to be corrected by the speaker's next sentence
            out.append(replace(s, text=s.text[:cut].rstrip(" ,") + "."))
            muddled = s.id
            continue
        if muddled is not None and out and out[-1].id == muddled and out[-1].speaker == s.speaker:
            # the amount or the time put right ("… i dag tidlig ... nei, nå flyter dagene i
            # hverandre. Det var i går kveld." → "… i går kveld."), else the new words stand
            out.append(replace(s, text=_put_right(out.pop().text, s.text)))
            corrected.add(s.id)
            muddled = None
            continue
        muddled = None
        same = bool(out) and out[-1].speaker == s.speaker
        if same and (stands := _instead(out[-1].text, s.text,
                                        out[-1].id in corrected)) is not None:
            out.pop()  # the sentence before is taken back; what stands replaces it
            if stands:
                out.append(replace(s, text=stands))
                corrected.add(s.id)
            continue
        # the leading marker is read before the sentence's own corrections: in "Nei,
        # unnskyld, hun sier fire uker" the "unnskyld" is not a correction of "Nei"
        m = leading.match(s.text)
        if m and (how := _retract_first().match(s.text[m.end():])):
            # how the speaker knows is no part of the correction: "CRP er hundreogtolv. Nei,
            # unnskyld, jeg leste feil, hundreogtjueen." corrects the value
            s = replace(s, text=s.text[:m.end()] + s.text[m.end() + how.end():])
        text = s.text[:m.end()] + take_back_text(s.text[m.end():]) if m else take_back_text(
            s.text)
        same = bool(out) and out[-1].speaker == s.speaker
        if m and same and _WHY_WRONG.match(s.text) and _COUNT.search(out[-1].text) and not (
                _A_VALUE.search(text[m.end():])):
            # "Sju komma en kilo. Rettelse, vekten sto ikke på null. Nå: seks komma åtte.":
            # the value is taken back, why it was wrong is no history, the next one stands
            out.pop()
            continue
        if m and same and not re.search(r"\w", text[m.end():]):
            pending = True
            continue
        if same and (m or pending):
            prev = out.pop()
            text = splice(prev.text, text[m.end():] if m else text, new_sentence=True)
        if text != s.text or (same and (m or pending)):
            corrected.add(s.id)
        pending = False
        out.append(replace(s, text=text))
    return out


# "X, ikke Y" set right after another turn said Y: a relative, an interpreter correcting the
# translation ("Tolken her, jeg må rette min egen oversettelse: hun sa tre uker, ikke tre
# dager.") or the speaker (a side, an amount of time): the earlier sentence says X instead,
# and what sets it right is no fact of its own
_SIDE_WORD = r"(?:høyre|venstre)"
_SPAN = re.sub(r"\(\?P<\w+>", "(?:", _AMOUNT.pattern)  # an amount of time, its groups unnamed
_SAID_INSTEAD = re.compile(
    rf"(?P<new>{_SPAN}|\b{_SIDE_WORD}\b)\s*,?\s+(?:og\s+)?{_NOT}\s+"
    rf"(?P<old>{_SPAN}|\b{_SIDE_WORD}\b)", re.IGNORECASE)
_LOOK_BACK = 6  # sentences: how far back what is set right may stand


def set_right_across_turns(sentences: Sequence[Sentence]) -> list[Sentence]:
    """The sentences with a value that a later turn sets right ("… tre uker, ikke tre
    dager") said as set right, and the setting right itself left out unless it says more."""
    out = list(sentences)
    drop: set[str] = set()
    for i, s in enumerate(out):
        m = None if s.is_question else _SAID_INSTEAD.search(s.text)  # (asked: nothing set)
        if m is None or _kind_of(m["new"]) != _kind_of(m["old"]):
            continue
        old = re.compile(rf"(?<![\wæøå]){re.escape(m['old'])}(?![\wæøå])", re.IGNORECASE)
        for j in range(i - 1, max(-1, i - 1 - _LOOK_BACK), -1):
            if out[j].segment_id != s.segment_id and old.search(out[j].text):
                out[j] = replace(out[j], text=old.sub(m["new"], out[j].text, count=1))
                rest = s.text[m.end():].strip(" ,.;:")
                if len(re.findall(r"[a-zæøå]{4,}", rest, re.IGNORECASE)) < 3:
                    drop.add(s.id)
                else:
                    out[i] = replace(s, text=_cap(rest) + ".")
                break
    return [s for s in out if s.id not in drop]


def _kind_of(phrase: str) -> str:
    return "side" if re.fullmatch(_SIDE_WORD, phrase.strip(), re.IGNORECASE) else "amount"
