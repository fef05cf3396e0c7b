"""Norwegian numbers: spoken number words to digits, and numbers written as Norwegians do.

ASR gives "trettiåtte komma en", "hundre og førtiåtte over nittito" and "37.6"; the note
wants "38,1", "148/92" and "37,6". Number words are converted only where they are clearly
numbers (before a unit, around "komma" or "over"), so "en virusinfeksjon" stays as it is.
"""

from __future__ import annotations

import re

_UNITS = {
    # ("ein", "eitt": one in nynorsk and most dialects: "ein time", "ein tablett")
    "null": 0, "en": 1, "ett": 1, "én": 1, "ei": 1, "ein": 1, "eitt": 1, "to": 2, "tre": 3,
    "fire": 4, "fem": 5, "seks": 6, "sju": 7, "syv": 7, "åtte": 8, "ni": 9,
}
_TEENS = {
    "ti": 10, "elleve": 11, "tolv": 12, "tretten": 13, "fjorten": 14, "femten": 15,
    "seksten": 16, "sytten": 17, "atten": 18, "nitten": 19,
}
_TENS = {
    "tjue": 20, "tyve": 20, "tretti": 30, "tredve": 30, "førti": 40, "femti": 50,
    "seksti": 60, "sytti": 70, "åtti": 80, "nitti": 90,
}
_TENS_RE = "|".join(sorted(_TENS, key=len, reverse=True))
_UNIT_RE = "|".join(sorted((u for u in _UNITS if u not in {"null", "ei"}), key=len,
                           reverse=True))
_SIMPLE_RE = "|".join(sorted([*_UNITS, *_TEENS], key=len, reverse=True))
_TWO_DIGIT = rf"(?:(?:{_TENS_RE})(?:{_UNIT_RE})?|{_SIMPLE_RE})"
_HUNDREDS = rf"(?:(?:(?:{_UNIT_RE})\s*)?hundre(?:\s*og\s*{_TWO_DIGIT}|\s+{_TWO_DIGIT})?)"
# "tusen", "to tusen", "tusen fem hundre", "fire tusen og to hundre": a dose of metformin, a
# frequency in an audiogram
_THOUSANDS = (rf"(?:(?:{_TWO_DIGIT})\s*)?tusen(?:\s*(?:og\s*)?{_HUNDREDS}|\s*og\s*{_TWO_DIGIT}|"
              rf"\s+{_TWO_DIGIT})?")
NUMBER_WORD = rf"(?:{_THOUSANDS}|{_HUNDREDS}|{_TWO_DIGIT})"
_NUM = rf"(?:\d+(?:[.,]\d+)?|{NUMBER_WORD})"

UNIT_WORDS = (
    r"dager?|døgn|timer?|minutter|minutt|uker?|ukers|måneder|måned|år|kilo|kg|gram|g|"
    r"milligram|mg|mikrogram|mcg|ml|milliliter|prosent|%|grader|ganger|tabletter|"
    r"tablett|tabletter|sting|suturer|cm|centimeter|millimeter|mm|poeng|mmol|enheter|doser|"
    r"dråper|pust|slag|kapsler|kapsel|puff|drag|"
    # how far, how much is smoked or drunk: "hundre og femti meter", "femten sigaretter"
    r"meter|kilometer|km|sigaretter|sigarett|røyk|snus|glass|flasker|bokser|pakker|skritt|"
    # a hearing test read out: "fire tusen hertz", "femti desibel"
    r"hertz|desibel"
)
_WORD_BEFORE_UNIT = re.compile(rf"\b({NUMBER_WORD})(?=\s+(?:{UNIT_WORDS})\b)", re.IGNORECASE)
# decimals said digit by digit: "null komma seks åtte" (0,68), also run together ("seksåtte")
def _digit_words(*left_out: str) -> str:
    return "|".join(sorted((u for u in _UNITS if u not in {"ett", "én", "ei", *left_out}),
                           key=len, reverse=True))


_DIGIT_RE = _digit_words()
# (never "en" after the first: "tre komma fem en uke etter"; never before a unit: "ni komma
# fire to uker etter")
_NEXT_DIGIT_RE = _digit_words("en", "ein", "eitt")
_DIGITS = (rf"(?:{_DIGIT_RE})(?:\s*(?:{_NEXT_DIGIT_RE}))+(?![\wæøå])"
           rf"(?!\s+(?:{UNIT_WORDS})\b)")
_KOMMA = re.compile(rf"\b({_NUM})\s+komma\s+({_DIGITS}|{_NUM})\b", re.IGNORECASE)
_OVER = re.compile(rf"\b({_NUM})\s+over\s+({_NUM})\b", re.IGNORECASE)
_RANGE = re.compile(rf"\b({_NUM})\s*(?:-|–|til)\s*({_NUM})(?=\s+(?:{UNIT_WORDS})\b)", re.IGNORECASE)
# two numbers in a row said as an estimate: "tre, fire ganger" is 3-4 (only n, n + 1 before a
# unit: "to, tre dager"; "fem, seks uker")
_ABOUT = re.compile(rf"\b({NUMBER_WORD}|\d+),\s+({NUMBER_WORD}|\d+)(?=\s+(?:{UNIT_WORDS})\b)",
                    re.IGNORECASE)
_DOT_DECIMAL = re.compile(r"(?<![\d.])(\d{1,4})\.(\d{1,2})(?![\d.])")
_UNIT_SPELLING = (
    (re.compile(r"\b(\d+(?:,\d+)?)\s+milligram\b", re.I), r"\1 mg"),
    (re.compile(r"\b(\d+(?:,\d+)?)\s+mikrogram\b", re.I), r"\1 mikrogram"),
    (re.compile(r"\b(\d+(?:,\d+)?)\s+gram\b", re.I), r"\1 g"),
    (re.compile(r"\b(\d+(?:,\d+)?)\s+prosent\b", re.I), r"\1 %"),
    (re.compile(r"\b(\d+(?:,\d+)?)\s+kilo\b", re.I), r"\1 kg"),
    (re.compile(r"\b(\d+(?:,\d+)?)\s+centimeter\b", re.I), r"\1 cm"),
    # lengths and volumes as a note writes them ("fem millimeter" → 5 mm, "150 meter" → 150 m)
    (re.compile(r"\b(\d+(?:,\d+)?)\s+millimeter\b", re.I), r"\1 mm"),
    (re.compile(r"\b(\d+(?:,\d+)?)\s+kilometer\b", re.I), r"\1 km"),
    (re.compile(r"\b(\d+(?:,\d+)?)\s+meter\b", re.I), r"\1 m"),
    (re.compile(r"\b(\d+(?:,\d+)?)\s+milliliter\b", re.I), r"\1 ml"),
    (re.compile(r"\b(\d+(?:,\d+)?)\s+hertz\b", re.I), r"\1 Hz"),
    (re.compile(r"\b(\d+(?:,\d+)?)\s+desibel\b", re.I), r"\1 dB"),
)


def word_to_int(word: str) -> int | None:
    """The value of one Norwegian number word or phrase ("trettiåtte", "hundre og tolv")."""
    w = re.sub(r"\s+", " ", word.strip().lower())
    if w.isdigit():
        return int(w)
    thousand = re.fullmatch(r"(?:(.+?)\s*)?tusen(?:\s*(?:og\s*)?(.+))?", w)
    if thousand:
        head = word_to_int(thousand.group(1)) if thousand.group(1) else 1
        rest = word_to_int(thousand.group(2)) if thousand.group(2) else 0
        return None if head is None or rest is None or rest >= 1000 else head * 1000 + rest
    hundred = re.fullmatch(rf"(?:({_UNIT_RE})\s*)?hundre(?:\s*(?:og\s*)?(.+))?", w)
    if hundred:
        head = _UNITS.get(hundred.group(1) or "en", 1)
        rest = word_to_int(hundred.group(2)) if hundred.group(2) else 0
        return None if rest is None else head * 100 + rest
    if w in _UNITS:
        return _UNITS[w]
    if w in _TEENS:
        return _TEENS[w]
    tens = re.fullmatch(rf"({_TENS_RE})({_UNIT_RE})?", w)
    if tens:
        return _TENS[tens.group(1)] + (_UNITS[tens.group(2)] if tens.group(2) else 0)
    return None


def _num_text(token: str) -> str:
    value = word_to_int(token)
    return str(value) if value is not None else token.replace(".", ",")


def _decimals(token: str) -> str:
    """The part after "komma": a number ("en", "nittifem") or digits said one by one."""
    if word_to_int(token) is not None or re.fullmatch(r"\d+", token):
        return _num_text(token)
    digits = re.findall(_DIGIT_RE, token.lower())
    return "".join(str(_UNITS[d]) for d in digits) if digits else token


def _about(m: re.Match[str]) -> str:
    a, b = word_to_int(m.group(1)), word_to_int(m.group(2))
    return f"{a}-{b}" if a is not None and b == a + 1 else m.group(0)


# a half said in a strength: "en halv milligram" (0,5 mg), "to og en halv milligram" (2,5 mg),
# "halvannen milligram" (1,5 mg); a half of anything else ("et halvt år", "en halv tablett")
# stays as said
_HALF = re.compile(rf"\b(?:(?:({_NUM})\s+og\s+)?(?:en|ei|én)\s+halv|(halvannen))"
                   r"(?=\s+(?:milligram|mg|gram|g|mikrogram|mcg|ml|milliliter)\b)", re.IGNORECASE)


def _half(m: re.Match[str]) -> str:
    if m.group(2):
        return "1,5"
    whole = _num_text(m.group(1)) if m.group(1) else "0"
    return f"{whole},5" if whole.isdigit() else m.group(0)


def spoken_to_digits(text: str) -> str:
    """Spoken numbers to digits the Norwegian way: decimal comma, "148/92", "400 mg", "100 %"."""
    text = _KOMMA.sub(lambda m: f"{_num_text(m.group(1))},{_decimals(m.group(2))}", text)
    text = _OVER.sub(lambda m: f"{_num_text(m.group(1))}/{_num_text(m.group(2))}", text)
    text = _RANGE.sub(lambda m: f"{_num_text(m.group(1))}-{_num_text(m.group(2))}", text)
    text = _ABOUT.sub(_about, text)
    text = _HALF.sub(_half, text)
    text = _WORD_BEFORE_UNIT.sub(lambda m: _num_text(m.group(1)), text)
    text = _DOT_DECIMAL.sub(r"\1,\2", text)
    for pattern, repl in _UNIT_SPELLING:
        text = pattern.sub(repl, text)
    return text


_NUMBER_IN_TEXT = re.compile(r"(?<![\w])(\d+(?:[.,]\d+)?)")


def numbers_in(text: str, *, words: bool = True) -> set[str]:
    """Every number in ``text`` (after spoken-number conversion), decimals written with '.'.

    ``words`` also counts number words left as words ("en", "to"): use it on the source
    side, where being generous means fewer false flags.
    """
    converted = spoken_to_digits(text)
    found = {m.group(1).replace(",", ".") for m in _NUMBER_IN_TEXT.finditer(converted)}
    if not words:
        return found
    for m in re.finditer(rf"\b{NUMBER_WORD}\b", converted, re.IGNORECASE):
        value = word_to_int(m.group(0))
        if value is not None:
            found.add(str(value))
    return found


def format_decimal(value: float, decimals: int = 1) -> str:
    """38.4 → "38,4"; whole numbers without decimals."""
    if float(value).is_integer() and decimals <= 1:
        return str(int(value))
    return f"{value:.{decimals}f}".replace(".", ",")
