"""Measured values as a note writes them: "Blodtrykket er hundre og førti over nitti" →
"BT 140/90", "metningen er 95 prosent" → "SpO2 95 %", "pulsen er nittiseks" → "P 96".

The names and abbreviations are the ``[[value]]`` entries of ``data/phrasebook.toml``. A value
is only ever rewritten in form, never in size: the digits out are the number that was said.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache

from scribe.draft.phrasebook import ValueName, alternation, phrasebook
from scribe.text.numbers import NUMBER_WORD, word_to_int

_W = r"[\wæøåÆØÅ]"
_WORDNUM = rf"(?<!{_W})(?:{NUMBER_WORD})(?!{_W})"
_DIGIT_WORD = r"(?:en|ett|to|tre|fire|fem|seks|sju|syv|åtte|ni|null|\d)"
_SEP = (r"(?:\s*[,:]?\s*(?:din|ditt|hans|hennes|er|var|ble|blir|ligger|lå|viser|målt|målte|"
        r"måles|til|på|nå|i dag|i går|akkurat nå|helt|rett|først|her|da|så|ja|den|det|sier|og|"
        r"skal vi se|la oss se|vi får se|litt|lett|noe|veldig|ganske|rask|raskt|høy|høyt|lav|"
        r"lavt|fin|fint|normal|normalt|greit|bra|forhøyet|regelmessig|stabil|bare|kun|fortsatt|"
        r"fremdeles|altså|jo|faktisk)"
        r"|\.\s*(?:den|det)\s+(?:er|var|ble|viser))*")
_CMP = r"(?P<cmp>under|over|mindre enn|større enn|høyere enn|lavere enn|<|>)?\s*"
_APPROX = r"(?P<approx>ca\.|cirka|omtrent|rundt|sånn)?\s*"
_VALUE = (rf"(?P<val>\d+(?:,\d+)?(?:\s*/\s*\d+)?|{_WORDNUM}(?:\s*(?:komma|,)\s*{_WORDNUM})?"
          rf"(?:\s+over\s+{_WORDNUM})?)")
_UNIT = (r"(?P<plus>\s*(?:pluss|\+))?(?:\s*(?P<unit>%|prosent|grader|°C|°|mmHg|kg|kilo|cm|"
         r"slag i minuttet|slag per minutt|ganger i minuttet|ganger per minutt|i minuttet|"
         r"per minutt|mg/l|mmol/l|mmol|g/dl|bpm)"
         r"(?![\wæøå]))?(?!\s*(?:dager|dag|døgn|uker|uke|måneder|måned|år|timer|time|"
         r"minutter|siden|ganger|gang|tabletter|d|mnd)\b)")
_UNNAMED = re.sub(r"\?P<\w+>", "?:", _VALUE + _UNIT)  # the same, to look ahead with
_CMP_SIGN = {"under": "<", "mindre enn": "<", "lavere enn": "<", "<": "<",
             "over": ">", "større enn": ">", "høyere enn": ">", ">": ">"}
_SINGLE = {"en", "ett", "ei", "én"}


@dataclass(frozen=True)
class _Named:
    value: ValueName
    pattern: re.Pattern[str]


def _apposition(others: str) -> str:
    """A lay name or explanation set off by commas after a value's name: "ferritin,
    jernlageret, er 6", "HbA1c, altså langtidsblodsukkeret ditt, var 54", "TSH, som er
    stoffskiftet, er 2,1"; two in a row. One to three words, none of them a number, a
    conjunction (a list of tests, "Hb, ferritin og TSH, …", is no apposition) or another
    value's name (whose own pattern reads what follows). An explanation that starts "som"
    or "altså" may have up to seven words."""
    word = (rf"(?!(?:{others}|{_WORDNUM}|og|eller|men|hvis|når|så)(?!{_W}))"
            rf"[^\W\d_][\wæøå-]*")
    # an explanation may be longer: "eGFR, som er et mål på nyrefunksjonen, er 41"
    explains = rf"(?:som|altså|det vil si)\s+{word}(?:\s+{word}){{0,5}}"
    # a clause with no "som" that says where it was taken: "CRP-en vi tok i fingeren er 85"
    # (or "som" first: "CRP-en som sykepleieren tok i fingeren var sekstifire")
    taken = (r"\s+(?:som\s+)?(?:vi|jeg|sykepleieren|sykepleier|bioingeniøren|laboranten)\s+"
             r"(?:tok|tar|målte|måler|har\s+tatt|sjekket)"
             rf"(?:\s+{word}){{0,6}}")
    # the value in the next sentence, after where or when it was taken: "Vi tok en CRP i
    # fingeren da du kom. Den er 96" (the sentence says nothing else)
    before = rf"(?:\s+{word}){{1,6}}(?=\.\s*(?:den|det)\s+(?:er|var|ble|viser)\b)"
    # where or when it was taken, as a phrase after the name: "CRP-en fra fingeren er 94",
    # "Hemoglobinet i fingeren er 12,4", "CRP fra i dag er 40"
    place = rf"\s+(?:fra|i|på|hos)\s+(?:i\s+)?{word}(?:\s+{word})?(?=\s+(?:er|var|ble|viser)\b)"
    # (two of them: "Langtidsblodsukkeret, HbA1c, som vi tok i fingeren da du kom, er 61")
    return (rf"(?:\s*,\s*(?:{explains}|{word}(?:\s+{word}){{0,2}})\s*,|{taken}|{before}"
            rf"|{place}){{0,2}}")


@lru_cache(maxsize=1)
def _patterns() -> tuple[_Named, ...]:
    out = []
    values = phrasebook().values
    for v in values:
        decimal = rf"(?:\s+(?P<dec>{_DIGIT_WORD})(?![\wæøå,/]))?" if v.kind == "temperature" else ""
        others = alternation(n for o in values if o.abbr != v.abbr for n in o.names)
        # or the value read after a colon that ends the clause naming it: "Vi tok
        # langtidsblodsukker i fingeren nå, siden det var tid for det uansett: femtiåtte"
        colon = rf"[^.:;?!\d]{{1,80}}:\s*(?={_UNNAMED}\s*(?:[.;!]|$))"
        rx = (rf"(?P<name>{alternation(v.names)})(?:{colon}|{_apposition(others)}{_SEP})"
              rf"\s*[,:]?\s*{_CMP}{_APPROX}{_VALUE}{decimal}{_UNIT}")
        out.append(_Named(v, re.compile(rx, re.IGNORECASE)))
    return tuple(out)


def _number(text: str) -> str | None:
    """A spoken or written number as digits with decimal comma; None when it is not one."""
    text = re.sub(r"\s+", " ", text.strip().lower())
    if re.fullmatch(r"\d+(?:,\d+)?(?: ?/ ?\d+)?", text):
        return text.replace(" ", "")
    bp = re.fullmatch(r"(.+?) over (.+)", text)
    if bp:
        a, b = _number(bp.group(1)), _number(bp.group(2))
        return f"{a}/{b}" if a and b else None
    dec = re.fullmatch(r"(.+?)\s*(?:komma|,)\s*(.+)", text)
    if dec:
        a, b = _number(dec.group(1)), _number(dec.group(2))
        return f"{a},{b}" if a and b else None
    if text in _SINGLE:
        return None
    value = word_to_int(text)
    return None if value is None else str(value)


def _written(named: _Named, m: re.Match[str]) -> str | None:
    v = named.value
    value = _number(m.group("val"))
    if value is None:
        return None
    dec = m.groupdict().get("dec")
    if dec and "," not in value:
        digit = _number(dec) if dec not in _SINGLE else "1"
        value = f"{value},{digit}" if digit and len(digit) == 1 else value
    if not _plausible(v, value) or not _same_unit(v, m.group("unit")):
        return None
    cmp = _CMP_SIGN.get((m.group("cmp") or "").lower(), "")
    approx = "ca. " if m.group("approx") else ""
    plus = "+" if m.group("plus") else ""
    unit = f" {v.unit}" if v.unit else ""
    return f"{v.abbr} {approx}{cmp}{value}{plus}{unit}"


# a unit said with the number, as the value's own unit is written
_SAID_UNIT = {"kilo": "kg", "kg": "kg", "cm": "cm", "prosent": "%", "%": "%"}


def _same_unit(v: ValueName, said: str | None) -> bool:
    """The unit said with the number is the value's own: "vekt og høyde … 27,4 kilo, og 131
    centimeter" gives the weight, not a height of 27,4 cm."""
    unit = _SAID_UNIT.get((said or "").lower())
    return not (unit and v.unit and v.unit in _SAID_UNIT.values() and unit != v.unit)


def _plausible(v: ValueName, value: str) -> bool:
    try:
        first = float(value.split("/")[0].replace(",", "."))
    except ValueError:
        return False
    if v.kind == "temperature":
        return 34 <= first <= 43
    if v.kind == "bp":
        return 40 <= first <= 300
    return True


@lru_cache(maxsize=1)
def _qualitative() -> tuple[tuple[str, re.Pattern[str]], ...]:
    out = []
    for q in phrasebook().raw.get("qualitative", []):
        rx = (rf"(?P<name>{alternation(q['names'])}){_SEP}\s*(?P<res>negativ|positiv|neg\.?|"
              r"pos\.?)(?![\wæøå])")
        out.append((str(q["abbr"]), re.compile(rx, re.IGNORECASE)))
    return tuple(out)


def find_values(text: str) -> list[tuple[int, int, str]]:
    """(start, end, written) for each named value in ``text``, in order, not overlapping;
    tests read as positive or negative too ("Strep A negativ")."""
    found: list[tuple[int, int, str]] = []

    def add(start: int, end: int, written: str) -> None:
        if not any(s < end and start < e for s, e, _ in found):
            found.append((start, end, written))

    for named in _patterns():
        for m in named.pattern.finditer(text):
            written = _written(named, m)
            if written:
                add(m.start(), m.end(), written)
    for start, end, written in _by_unit(text):
        add(start, end, written)
    for abbr, pattern in _qualitative():
        for m in pattern.finditer(text):
            res = "negativ" if m.group("res").lower().startswith("neg") else "positiv"
            add(m.start(), m.end(), f"{abbr} {res}")
    return sorted(found)


def _by_unit(text: str) -> list[tuple[int, int, str]]:
    """Values named together and read out after, each with its own unit: "Først vekt og
    høyde … 27,4 kg, og 131 cm" → vekt 27,4 kg, høyde 131 cm (the unit says which)."""
    named = [(v, number) for v, name, number in _unit_values() if name.search(text)]
    if len({v.unit for v, _ in named}) < 2:
        return []  # one named alone is read by its pattern ("Vekta har gått ned 5 kg": no weight)
    return [(m.start(), m.end(), f"{v.abbr} {m.group(1)} {v.unit}")
            for v, number in named for m in number.finditer(text)]


@lru_cache(maxsize=1)
def _unit_values() -> tuple[tuple[ValueName, re.Pattern[str], re.Pattern[str]], ...]:
    """The values written with a unit: each with its names and its number said in that unit."""
    out = []
    for v in phrasebook().values:
        if v.unit not in _SAID_UNIT.values():
            continue
        said = "|".join(re.escape(k) for k, u in _SAID_UNIT.items() if u == v.unit)
        out.append((v, re.compile(alternation(v.names), re.IGNORECASE),
                    re.compile(rf"(?<![\w,])(\d+(?:,\d+)?)\s*(?:{said})(?![\wæøå])",
                               re.IGNORECASE)))
    return tuple(out)


def name_values(text: str) -> str:
    """Each named value rewritten in place ("Pulsen er 96" → "P 96")."""
    out, last = [], 0
    for start, end, written in find_values(text):
        out += [text[last:start], written]
        last = end
    return "".join(out) + text[last:]
