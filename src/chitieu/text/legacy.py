"""Vietnamese legacy 8-bit encodings (TCVN3, VNI, Windows-1258): detection and conversion.

Older provincial files were typed before Unicode, in two incompatible font-based encodings:

* **TCVN3** (ABC, TCVN 5712:1993, the ``.VnTime``/``.VnArial`` fonts): one byte per letter.
  The standard has three levels. VN3, what the ``.Vn…`` fonts implement, has every lower-case
  letter with its tone but upper-case only for ``Ă Â Ê Ô Ơ Ư Đ``: capitals with tones were typed
  in the separate ``.VnTimeH`` capitals fonts, which draw capitals for the *lower-case* codes.
  VN1 (what glibc's ``TCVN5712-1`` implements) adds the toned capitals in the byte positions
  VN3 leaves empty (``0x80–0x9F``, ``0x01–0x17`` and some free slots above ``0xAF``). All levels
  also have the five tones as combining bytes ``0xB0–0xB4`` written after a base letter.
  **Decoding** here reads the full VN1 table and composes base + combining tone, so VN3, VN1
  and glibc output all decode correctly. **Encoding** offers three treatments of toned
  capitals (see :func:`encode_tcvn3`). Text from a ``.VnTimeH`` run decodes to lower case; the
  caller that knows the font upper-cases it (:func:`legacy_font`).
* **VNI** (VNI-Windows, the ``VNI-Times``/``VNI-Helve`` fonts): an ASCII base letter followed
  by one modifier byte carrying the vowel mark and the tone (``a`` + ``ù`` = ``á``, ``o`` + ``á``
  = ``ố``); ``ơ ư đ`` and ``i`` with tones are single bytes (``ô ö ñ í ì æ ó ò``).
* **Windows-1258**: Microsoft's code page, Unicode-like, with combining tone marks.

Legacy text reaches us two ways. As **bytes** (a ``.txt`` file): :func:`decode_bytes` tries
UTF-8/UTF-16 and otherwise decodes every legacy candidate and keeps the one producing the most
valid Vietnamese syllables. As **Unicode already** (a DOCX run in ``.VnTime``, or a legacy file
once opened as Western text and saved again): the characters are the Windows-1252 view of the
legacy bytes (``§¶ng bé tØnh``, ``Ñaûng boä tænh``); :func:`detect_legacy` recognises that view
and :func:`convert_legacy` converts it, optionally with an origin map for offset tracking.
"""

from __future__ import annotations

import codecs
import re
import unicodedata
from collections.abc import Callable
from dataclasses import dataclass
from functools import lru_cache
from typing import Literal

from chitieu.text.syllables import is_vietnamese_syllable

LegacyEncoding = Literal["tcvn3", "vni"]
LEGACY_ENCODINGS: tuple[LegacyEncoding, ...] = ("tcvn3", "vni")

_TONE_MARKS = ("", "\u0300", "\u0301", "\u0309", "\u0303", "\u0323")  # ngang huyền sắc hỏi ngã nặng
_VOWEL_BASES = "aăâeêioôơuưy"

# --------------------------------------------------------------------------- the Windows-1252 view


def _cp1252_char(byte: int) -> str:
    """The character Windows shows for ``byte`` in a Western font (Latin-1 where 1252 has a hole)."""
    try:
        return bytes([byte]).decode("cp1252")
    except UnicodeDecodeError:
        return chr(byte)


_CP1252_VIEW = [_cp1252_char(b) for b in range(256)]
_LATIN1_TO_CP1252 = {b: _CP1252_VIEW[b] for b in range(0x80, 0xA0) if _CP1252_VIEW[b] != chr(b)}


def cp1252_view(data: bytes) -> str:
    """The text a Western font shows for legacy bytes: what a DOCX run in ``.VnTime`` holds."""
    return data.decode("latin-1").translate(_LATIN1_TO_CP1252)


def _view_to_bytes(text: str) -> bytes:
    out = bytearray()
    for ch in text:
        code = ord(ch)
        if code < 0x100 and not 0x80 <= code < 0xA0:
            out.append(code)
        else:
            out += ch.encode("cp1252")
    return bytes(out)


# --------------------------------------------------------------------------- TCVN3 (TCVN 5712:1993)

# Byte -> Unicode for 0x80..0xFF, VN1 level (identical to glibc's TCVN5712-1). 0xB0..0xB4 are
# the combining tone marks; 0xA0 is a no-break space.
_TCVN_HIGH = (
    "ÀẢÃÁẠẶẬÈẺẼÉẸỆÌỈĨ"
    "ÍỊÒỎÕÓỌỘỜỞỠỚỢÙỦŨ"
    "\xa0ĂÂÊÔƠƯĐăâêôơưđẰ"
    "\u0300\u0309\u0303\u0301\u0323àảãáạẲằẳẵắẴ"
    "ẮẦẨẪẤỀặầẩẫấậèỂẻẽ"
    "éẹềểễếệìỉỄẾỒĩíịò"
    "Ổỏõóọồổỗốộờởỡớợù"
    "ỖủũúụừửữứựỳỷỹýỵỐ"
)
# VN1 puts the capitals that did not fit above in C0 control positions (tab, LF, CR untouched).
_TCVN_CONTROL = {
    0x01: "Ú", 0x02: "Ụ", 0x04: "Ừ", 0x05: "Ử", 0x06: "Ữ", 0x11: "Ứ",
    0x12: "Ự", 0x13: "Ỳ", 0x14: "Ỷ", 0x15: "Ỹ", 0x16: "Ý", 0x17: "Ỵ",
}  # fmt: skip
assert len(_TCVN_HIGH) == 128

TCVN3_DECODE: dict[int, str] = {**_TCVN_CONTROL, **{0x80 + i: ch for i, ch in enumerate(_TCVN_HIGH)}}
_TCVN_ENCODE: dict[str, int] = {ch: b for b, ch in TCVN3_DECODE.items()}
_TCVN_TONE_BYTE = {mark: _TCVN_ENCODE[mark] for mark in _TONE_MARKS if mark}
# Letters VN3 lacks (toned capitals): VN1 gives them a byte of their own.
_VN1_ONLY = frozenset(
    ch
    for b, ch in TCVN3_DECODE.items()
    if (b < 0x20 or 0x80 <= b < 0xA0 or ch.isupper()) and b not in range(0xA1, 0xA8)
)

TcvnCapitals = Literal["combining", "vn1", "lower"]
Errors = Literal["strict", "replace"]


def encode_tcvn3(text: str, *, capitals: TcvnCapitals = "combining", errors: Errors = "strict") -> bytes:
    """Encode Unicode ``text`` as TCVN3 bytes.

    ``capitals`` says how to write a capital letter with a tone, which VN3 has no byte for:
    ``"combining"`` (default, valid VN3) writes the capital base letter and a combining tone
    byte (``Ả`` = ``A`` + ``0xB1``); ``"vn1"`` writes VN1's own byte, as glibc does
    (``Ả`` = ``0x81``); ``"lower"`` writes the lower-case letter, as text typed for a
    ``.VnTimeH`` capitals font was (the case is lost). A character TCVN3 cannot hold raises
    ``ValueError``, or becomes ``?`` with ``errors="replace"``.
    """
    out = bytearray()
    for ch in unicodedata.normalize("NFC", text):
        code = ord(ch)
        if code < 0x80 and code not in _TCVN_CONTROL:
            out.append(code)
            continue
        if ch in _VN1_ONLY and capitals != "vn1":
            if capitals == "lower":
                out.append(_TCVN_ENCODE[ch.lower()])
                continue
            decomposed = unicodedata.normalize("NFD", ch)
            base, marks = decomposed[0], decomposed[1:]
            base_nfc = unicodedata.normalize(
                "NFC", base + "".join(m for m in marks if m not in _TCVN_TONE_BYTE)
            )
            tone = [m for m in marks if m in _TCVN_TONE_BYTE]
            out += encode_tcvn3(base_nfc) + bytes(_TCVN_TONE_BYTE[m] for m in tone)
            continue
        byte = _TCVN_ENCODE.get(ch)
        if byte is None:
            # A letter with a tone the table lacks precomposed: base + combining tone byte.
            decomposed = unicodedata.normalize("NFD", ch)
            if len(decomposed) > 1 and decomposed[-1] in _TCVN_TONE_BYTE:
                base = unicodedata.normalize("NFC", decomposed[:-1])
                out += encode_tcvn3(base, capitals=capitals, errors=errors)
                out.append(_TCVN_TONE_BYTE[decomposed[-1]])
                continue
            if errors == "replace":
                out += b"?"
                continue
            raise ValueError(f"character {ch!r} (U+{code:04X}) has no TCVN3 code")
        out.append(byte)
    return bytes(out)


def decode_tcvn3(data: bytes) -> str:
    """Decode TCVN3 (any level: VN3, VN1, glibc ``TCVN5712-1``) to Unicode NFC."""
    return convert_legacy(cp1252_view(data), "tcvn3")


# --------------------------------------------------------------------------- VNI

# VNI writes every vowel mark + tone as one modifier byte after an ASCII base letter.
_VNI_TONE = {"": "", "\u0301": "ù", "\u0300": "ø", "\u0309": "û", "\u0303": "õ", "\u0323": "ï"}
_VNI_BREVE = {"": "ê", "\u0301": "é", "\u0300": "è", "\u0309": "ú", "\u0303": "ü", "\u0323": "ë"}
_VNI_CIRCUMFLEX = {"": "â", "\u0301": "á", "\u0300": "à", "\u0309": "å", "\u0303": "ã", "\u0323": "ä"}
_VNI_I = {"": "i", "\u0301": "í", "\u0300": "ì", "\u0309": "æ", "\u0303": "ó", "\u0323": "ò"}


def _vni_lower(letter: str, tone: str) -> str:
    """VNI spelling (Windows-1252 view) of a lower-case vowel ``letter`` with ``tone``."""
    if letter == "i":
        return _VNI_I[tone]
    if letter == "y" and tone == "\u0323":
        return "î"
    if letter == "ă":
        return "a" + _VNI_BREVE[tone]
    if letter in "âêô":
        return {"â": "a", "ê": "e", "ô": "o"}[letter] + _VNI_CIRCUMFLEX[tone]
    base = {"ơ": "ô", "ư": "ö"}.get(letter, letter)
    return base + _VNI_TONE[tone]


def _build_vni() -> dict[str, str]:
    table: dict[str, str] = {"đ": "ñ", "Đ": "Ñ"}
    for letter in _VOWEL_BASES:
        for tone in _TONE_MARKS:
            lower = unicodedata.normalize("NFC", letter + tone)
            spelled = _vni_lower(letter, tone)
            table[lower] = spelled
            table[lower.upper()] = spelled.upper()
    return {k: v for k, v in table.items() if k != v}


VNI_ENCODE: dict[str, str] = _build_vni()


def encode_vni(text: str, *, errors: Errors = "strict") -> bytes:
    """Encode Unicode ``text`` as VNI-Windows bytes.

    A character VNI cannot hold raises ``ValueError``, or becomes ``?`` with ``errors="replace"``.
    """
    out = bytearray()
    for ch in unicodedata.normalize("NFC", text):
        try:
            out += _view_to_bytes(VNI_ENCODE.get(ch, ch))
        except UnicodeEncodeError:
            if errors == "strict":
                raise ValueError(f"character {ch!r} (U+{ord(ch):04X}) has no VNI code") from None
            out += b"?"
    return bytes(out)


def decode_vni(data: bytes) -> str:
    """Decode VNI-Windows bytes to Unicode NFC."""
    return convert_legacy(cp1252_view(data), "vni")


# --------------------------------------------------------------------------- conversion of the view


@dataclass(frozen=True)
class _Converter:
    """One regex pass over the Windows-1252 view: a base + modifier pair, or a single character.

    The pattern is two character classes (``[bases][modifiers]|[singles]``) rather than an
    alternation of every key, which keeps conversion linear and fast on whole documents.
    """

    pattern: re.Pattern[str]
    pairs: dict[str, str]
    singles: dict[str, str]

    def replace(self, match: re.Match[str]) -> str:
        found = match.group()
        if len(found) == 1:
            return self.singles[found]
        pair = self.pairs.get(found)
        if pair is not None:
            return pair
        return "".join(self.singles.get(ch, ch) for ch in found)


def _make_converter(table: dict[str, str]) -> _Converter:
    pairs = {k: v for k, v in table.items() if len(k) == 2}
    singles = {k: v for k, v in table.items() if len(k) == 1}
    firsts = "".join(sorted({k[0] for k in pairs}))
    seconds = "".join(sorted({k[1] for k in pairs}))
    pattern = re.compile(
        f"[{re.escape(firsts)}][{re.escape(seconds)}]|[{re.escape(''.join(sorted(singles)))}]"
    )
    return _Converter(pattern, pairs, singles)


def _tcvn_converter() -> _Converter:
    table: dict[str, str] = {}
    for byte, uni in TCVN3_DECODE.items():
        table[_CP1252_VIEW[byte]] = uni
        table[chr(byte)] = uni  # the Latin-1 view of 0x80..0x9F, as some converters wrote it
    tone_views = {_CP1252_VIEW[b]: mark for mark, b in _TCVN_TONE_BYTE.items()}
    base_views = {ch: ch for ch in "aeiouyAEIOUY"}
    base_views.update({_CP1252_VIEW[_TCVN_ENCODE[ch]]: ch for ch in "ăâêôơưĂÂÊÔƠƯ"})
    for view, base in base_views.items():
        for tone_view, mark in tone_views.items():
            table[view + tone_view] = unicodedata.normalize("NFC", base + mark)
    return _make_converter(table)


def _vni_converter() -> _Converter:
    table = {spelled: uni for uni, spelled in VNI_ENCODE.items()}
    # Tolerate what real files contain: a capital base with a lower-case modifier (``Aù``), or
    # the reverse, and ``y`` + dot below written as a pair.
    for spelled, uni in list(table.items()):
        if len(spelled) == 2:
            base, mod = spelled[0], spelled[1]
            swapped = base + (mod.lower() if mod.isupper() else mod.upper())
            table.setdefault(swapped, uni)
    table.setdefault("yï", "ỵ")
    table.setdefault("YÏ", "Ỵ")
    return _make_converter(table)


_CONVERTERS: dict[str, Callable[[], _Converter]] = {"tcvn3": _tcvn_converter, "vni": _vni_converter}
_BUILT: dict[str, _Converter] = {}


def _converter(encoding: str) -> _Converter:
    if encoding not in _CONVERTERS:
        raise ValueError(f"unknown legacy encoding {encoding!r}; expected one of {LEGACY_ENCODINGS}")
    if encoding not in _BUILT:
        _BUILT[encoding] = _CONVERTERS[encoding]()
    return _BUILT[encoding]


def convert_legacy(text: str, encoding: str) -> str:
    """Convert the Windows-1252 view of legacy text (``§¶ng``, ``Ñaûng``) to Unicode NFC.

    Characters that are not part of the encoding (ASCII, and anything beyond Latin-1) pass
    through unchanged, so converting text that is already Unicode damages its accented letters:
    decide with :func:`detect_legacy` or the run's font (:func:`legacy_font`) first.
    """
    conv = _converter(encoding)
    converted = conv.pattern.sub(conv.replace, text)
    return unicodedata.normalize("NFC", converted)


def convert_legacy_with_origin(text: str, encoding: str) -> tuple[str, list[int]]:
    """:func:`convert_legacy` plus an origin map: ``origin[i]`` is the offset in ``text`` of
    output character ``i`` (``len(result) + 1`` entries, the last one ``len(text)``), ready for
    :class:`chitieu.text.offsets.MappedText`."""
    conv = _converter(encoding)
    parts: list[str] = []
    origin: list[int] = []
    pos = 0
    for m in conv.pattern.finditer(text):
        start, end = m.span()
        parts.append(text[pos:start])
        origin.extend(range(pos, start))
        value = conv.replace(m)
        parts.append(value)
        origin.extend(range(start, end) if len(value) == end - start else [start] * len(value))
        pos = end
    parts.append(text[pos:])
    origin.extend(range(pos, len(text)))
    converted = "".join(parts)
    if not unicodedata.is_normalized("NFC", converted):
        converted, origin = _nfc_with_origin(converted, origin)
    return converted, [*origin, len(text)]


def _nfc_with_origin(text: str, origin: list[int]) -> tuple[str, list[int]]:
    """NFC per cluster (a base and its combining marks), keeping each cluster's first origin."""
    parts: list[str] = []
    out_origin: list[int] = []
    start = 0
    for i in range(1, len(text) + 1):
        if i == len(text) or not unicodedata.combining(text[i]):
            cluster = unicodedata.normalize("NFC", text[start:i])
            parts.append(cluster)
            out_origin.extend([origin[start]] * len(cluster))
            start = i
    return "".join(parts), out_origin


# --------------------------------------------------------------------------- detection

_WHITESPACE = re.compile(r"[ \t\r\n\f\v\u00a0\u2028\u2029]+")
_LETTERS = re.compile(r"[A-Za-z\u00c0-\u00d6\u00d8-\u00f6\u00f8-\u024f\u1e00-\u1eff]+")
# Characters that can only come from a legacy view: anything in U+0080..U+00FF or cp1252's extras.
_LEGACY_SIGNAL = re.compile(
    r"[\u0080-\u00ff\u0152\u0153\u0160\u0161\u0178\u017d\u017e\u0192\u02c6\u02dc\u2013-\u2122]"
)


_UNICODE_VIETNAMESE = re.compile(
    r"[\u0102\u0103\u0110\u0111\u0128\u0129\u0168\u0169\u01a0\u01a1\u01af\u01b0\u1ea0-\u1ef9]"
)


_PUNCTUATION = ".,;:!?()[]{}\"'“”‘’«»-–—…/%"


@lru_cache(maxsize=65536)
def _chunk_is_vietnamese(chunk: str) -> bool:
    words = _LETTERS.findall(chunk)
    if not words:
        return False
    # A chunk such as "®¶ng" keeps only "ng" as letters: the symbols themselves are the damage.
    letters = sum(map(len, words))
    symbols = sum(1 for ch in chunk if "\u0080" <= ch <= "\u00ff" and not ch.isalpha())
    return symbols == 0 and letters > 0 and all(is_vietnamese_syllable(w) for w in words)


@dataclass(frozen=True)
class LegacyEvidence:
    """How converting a text with one encoding changed it, counted over whitespace chunks."""

    encoding: LegacyEncoding
    changed: int  # chunks the conversion altered
    gained: int  # chunks not Vietnamese before and Vietnamese after
    lost: int  # chunks Vietnamese before and not after

    @property
    def convincing(self) -> bool:
        return self.gained >= 1 and self.gained >= 0.5 * self.changed and self.gained > 2 * self.lost


def legacy_evidence(text: str, encoding: LegacyEncoding) -> LegacyEvidence:
    """Compare ``text`` with its conversion chunk by chunk (whitespace never changes)."""
    converted = convert_legacy(text, encoding)
    before = _WHITESPACE.split(text)
    after = _WHITESPACE.split(converted)
    changed = gained = lost = 0
    if len(before) != len(after):  # cannot happen with the tables above; stay safe
        return LegacyEvidence(encoding, 0, 0, 0)
    for old, new in zip(before, after, strict=True):
        if old == new:
            continue
        changed += 1
        was, now = _chunk_is_vietnamese(old), _chunk_is_vietnamese(new)
        # A lone letter is weak evidence: "‰" (0x89) would "convert" to "Ẽ".
        gained += now and not was and len(new.strip(_PUNCTUATION)) > 1
        lost += was and not now
    return LegacyEvidence(encoding, changed, gained, lost)


def detect_legacy(text: str) -> str | None:
    """``"tcvn3"`` or ``"vni"`` when ``text`` is the Windows-1252 view of legacy Vietnamese,
    else ``None`` (plain Unicode Vietnamese, English, ASCII, or too little evidence).

    Each encoding's conversion is judged by how many words it turns from non-Vietnamese into
    valid Vietnamese syllables; real Unicode Vietnamese only loses words when "converted".
    """
    signals = len(_LEGACY_SIGNAL.findall(text))
    if not signals:
        return None
    # A legacy view holds no letters beyond Latin-1 (ư, ơ, đ, ạ … are U+0100 and up); text
    # full of them is Unicode Vietnamese already.
    if len(_UNICODE_VIETNAMESE.findall(text)) >= 0.2 * signals:
        return None
    candidates = [legacy_evidence(text, enc) for enc in LEGACY_ENCODINGS]
    convincing = [c for c in candidates if c.convincing]
    if not convincing:
        return None
    best = max(convincing, key=lambda c: (c.gained - c.lost, -LEGACY_ENCODINGS.index(c.encoding)))
    return best.encoding


# --------------------------------------------------------------------------- bytes

DecodedEncoding = Literal["utf-8", "utf-16", "tcvn3", "vni", "cp1258"]


def _looks_utf16(data: bytes) -> str | None:
    if len(data) < 4 or len(data) % 2:
        return None
    sample = data[:4096]
    even_zeros = sample[0::2].count(0)
    odd_zeros = sample[1::2].count(0)
    half = len(sample) // 2
    if odd_zeros > 0.3 * half and even_zeros < 0.05 * half:
        return "utf-16-le"
    if even_zeros > 0.3 * half and odd_zeros < 0.05 * half:
        return "utf-16-be"
    return None


def _decode_cp1258(data: bytes) -> str:
    return unicodedata.normalize("NFC", data.decode("cp1258", errors="replace"))


_LEGACY_DECODERS: dict[DecodedEncoding, Callable[[bytes], str]] = {
    "tcvn3": decode_tcvn3,
    "vni": decode_vni,
    "cp1258": _decode_cp1258,
}


def vietnamese_chunk_score(text: str) -> int:
    """Whitespace chunks with non-ASCII characters: +1 for each that is Vietnamese, -1 otherwise.

    Used to rank candidate decodings of the same bytes: ASCII chunks are identical in every
    candidate, so only the chunks the encodings disagree on count.
    """
    score = 0
    for chunk in _WHITESPACE.split(text):
        if chunk.isascii():
            continue
        score += 1 if _chunk_is_vietnamese(chunk) else -1
    return score


_SAMPLE_BYTES = 64 * 1024


def decode_bytes(data: bytes) -> tuple[str, DecodedEncoding]:
    """Decode a text file's bytes: ``(text, encoding)``.

    Order: a BOM decides (UTF-8, UTF-16); then UTF-16 without BOM (NUL bytes in every other
    position); then UTF-8 when it decodes strictly (legacy bytes almost never do) — unless its
    text is itself a legacy view saved as UTF-8, which is converted and reported as that
    encoding; otherwise every legacy candidate (TCVN3, VNI, Windows-1258) is decoded and the one
    yielding the most valid Vietnamese syllables wins. Legacy results are NFC; UTF text is
    returned as decoded (normalisation happens later, with an offset map).
    """
    if data.startswith(codecs.BOM_UTF8):
        return data[3:].decode("utf-8", errors="replace"), "utf-8"
    if data.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
        return data.decode("utf-16", errors="replace"), "utf-16"
    utf16 = _looks_utf16(data)
    if utf16 is not None:
        return data.decode(utf16, errors="replace"), "utf-16"
    try:
        text = data.decode("utf-8")
    except UnicodeDecodeError:
        pass
    else:
        if text.isascii():
            return text, "utf-8"
        legacy = detect_legacy(text)
        if legacy == "tcvn3":
            return convert_legacy(text, legacy), "tcvn3"
        if legacy == "vni":
            return convert_legacy(text, legacy), "vni"
        return text, "utf-8"
    # Judge the candidates on a sample (encodings do not change mid-file), decode once.
    sample = (
        data[: _SAMPLE_BYTES + data[_SAMPLE_BYTES:].find(b"\n") + 1] if len(data) > _SAMPLE_BYTES else data
    )
    best_name: DecodedEncoding = "tcvn3"
    best_score: int | None = None
    for name, decoder in _LEGACY_DECODERS.items():
        score = vietnamese_chunk_score(decoder(sample))
        if best_score is None or score > best_score:
            best_name, best_score = name, score
    return _LEGACY_DECODERS[best_name](data), best_name


# --------------------------------------------------------------------------- fonts

_VNI_FONT = re.compile(r"^vni[-\s_]", re.IGNORECASE)
_TCVN3_FONT = re.compile(r"^\.?vn(?!i[-\s_])[a-z]", re.IGNORECASE)


@dataclass(frozen=True)
class LegacyFont:
    """What a font name says about the bytes typed in it."""

    encoding: LegacyEncoding
    capitals: bool  # a capitals-only font (``.VnTimeH``): lower-case codes draw capitals


def legacy_font(name: str | None) -> LegacyFont | None:
    """``LegacyFont`` for ``VNI-…`` and ``.Vn…`` font names, ``None`` for Unicode fonts."""
    if not name:
        return None
    name = name.strip()
    if _VNI_FONT.match(name):
        return LegacyFont("vni", capitals=False)
    if _TCVN3_FONT.match(name):
        return LegacyFont("tcvn3", capitals=name.endswith("H"))
    return None
