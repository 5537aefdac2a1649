"""Vietnamese syllable structure: can this written word be one Vietnamese syllable?

Vietnamese writing is syllabic: every word of running text is one syllable made of an optional
onset (``ngh``, ``tr``, ``qu`` …), a rhyme drawn from a closed inventory of about 160 written
forms (``a``, ``oanh``, ``ương``, ``uyêt`` …) and one of six tones. That closed structure is what
lets us tell, without any dictionary, whether a decoding of legacy bytes produced Vietnamese
(``đảng``) or garbage (``®¶ng``), and whether OCR destroyed a word (``nguoi`` has no rhyme
``uoi``; ``Ty`` is fine but ``1é`` is not).

The validator is a spelling checker for syllable *shape*, not a lexicon: ``bành`` and ``xoanh``
both pass. It also applies the orthographic rules that make many non-words impossible:

* ``k``, ``gh``, ``ngh`` only before ``e ê i y`` (and ``iê``); ``c``, ``g``, ``ng`` never there;
* ``q`` only as ``qu``; ``gi`` fuses with a following ``i`` (``gì``, ``giêng``);
* a rhyme spelled ``iê`` needs an onset, ``yê`` must have none (``yêu``, ``tiêu``);
* a closed rhyme (coda ``c ch p t``) carries only the sắc or nặng tone;
* at most one tone mark.

All functions are pure and cached: real documents repeat the same few thousand syllables.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass
from enum import Enum
from functools import lru_cache


class Tone(Enum):
    """The six tones, by their Vietnamese names."""

    NGANG = ""  # level, unmarked
    HUYEN = "\u0300"  # grave
    SAC = "\u0301"  # acute
    HOI = "\u0309"  # hook above
    NGA = "\u0303"  # tilde
    NANG = "\u0323"  # dot below


TONE_MARKS = frozenset(t.value for t in Tone if t.value)
_TONE_BY_MARK = {t.value: t for t in Tone if t.value}

# Onsets, longest first so that ``ngh`` wins over ``ng`` and ``n``.
ONSETS: tuple[str, ...] = (
    "ngh",
    "ch", "gh", "gi", "kh", "ng", "nh", "ph", "qu", "th", "tr",
    "b", "c", "d", "đ", "g", "h", "k", "l", "m", "n", "p", "r", "s", "t", "v", "x",
)  # fmt: skip

# Rhymes without a medial glide (the ``u`` of ``qu`` is part of the onset, so these follow it).
_PLAIN_RHYMES = """
a ac ach ai am an ang anh ao ap at au ay
ăc ăm ăn ăng ăp ăt
âc âm ân âng âp ât âu ây
e ec em en eng eo ep et
ê êch êm ên ênh êp êt êu
i ia ich im in inh ip it iu
iêc iêm iên iêng iêp iêt iêu
y yêm yên yêng yêt yêu
o oc oi om on ong op ot ooc oong
ô ôc ôi ôm ôn ông ôp ôt
ơ ơi ơm ơn ơp ơt
u ua uc ui um un ung up ut
uôc uôi uôm uôn uông uôt
ư ưa ưc ưi ưm ưn ưng ưt ưu
ươc ươi ươm ươn ương ươp ươt ươu
""".split()  # noqa: SIM905 - a table reads better as text

# Rhymes with the medial glide written ``o`` (before a ă e) or ``u`` (before â ê y ơ).
_GLIDE_RHYMES = """
oa oac oach oai oam oan oang oanh oao oap oat oay
oăc oăm oăn oăng oăt
oe oen oeo oet
uân uâng uât uây
uê uêch uênh
uơ
uy uya uych uynh uyp uyt uyu uyên uyêt
""".split()  # noqa: SIM905

RHYMES = frozenset(_PLAIN_RHYMES) | frozenset(_GLIDE_RHYMES)
_STOP_CODAS = ("ch", "c", "p", "t")
_FRONT = ("e", "ê", "i", "y")  # vowels that select k / gh / ngh
LETTERS = frozenset("abcdefghijklmnopqrstuvwxyzăâđêôơư")


@dataclass(frozen=True)
class Syllable:
    """A parsed syllable: lower-case onset and rhyme without tone, plus the tone."""

    onset: str
    rhyme: str
    tone: Tone


def split_tone(word: str) -> tuple[str, Tone | None]:
    """Lower-case ``word`` without its tone mark, and the tone (``None`` if several marks)."""
    decomposed = unicodedata.normalize("NFD", word.lower())
    marks = [c for c in decomposed if c in TONE_MARKS]
    if len(marks) > 1:
        return "", None
    base = unicodedata.normalize("NFC", "".join(c for c in decomposed if c not in TONE_MARKS))
    return base, (_TONE_BY_MARK[marks[0]] if marks else Tone.NGANG)


def _rhyme_allowed(onset: str, rhyme: str, tone: Tone) -> bool:
    if onset == "qu":
        # The ``u`` of ``qu`` is the medial glide: ``quyết`` is qu + yêt (= uyêt).
        if rhyme.startswith(("u", "ư", "o")) or ("u" + rhyme not in RHYMES and rhyme not in RHYMES):
            return False
    elif rhyme not in RHYMES:
        return False
    if rhyme.endswith(_STOP_CODAS) and tone not in (Tone.SAC, Tone.NANG):
        return False
    front = rhyme.startswith(_FRONT)
    if onset in ("k", "gh", "ngh"):
        return front
    if onset in ("c", "g", "ng") and front:
        return False
    if rhyme.startswith("iê") and not onset:
        return False
    return not (rhyme.startswith("yê") and onset not in ("", "qu"))


@lru_cache(maxsize=65536)
def parse_syllable(word: str) -> Syllable | None:
    """Parse ``word`` (any case, NFC or NFD) as one Vietnamese syllable, or ``None``."""
    base, tone = split_tone(word)
    if tone is None or not base or not LETTERS.issuperset(base):
        return None
    for onset in ONSETS:
        if not base.startswith(onset):
            continue
        rhyme = base[len(onset) :]
        if onset == "qu" and rhyme and _rhyme_allowed("qu", rhyme, tone):
            return Syllable(onset, rhyme, tone)
        if onset == "gi":
            # ``gi`` + rhyme (``gia``, ``giữ``), or ``g`` fused with a rhyme starting in i (``gì``).
            if rhyme and _rhyme_allowed("gi", rhyme, tone):
                return Syllable("gi", rhyme, tone)
            if _rhyme_allowed("gi", "i" + rhyme, tone):
                return Syllable("gi", "i" + rhyme, tone)
            continue
        if onset == "qu":
            continue
        if _rhyme_allowed(onset, rhyme, tone):
            return Syllable(onset, rhyme, tone)
    if _rhyme_allowed("", base, tone):
        return Syllable("", base, tone)
    return None


def is_vietnamese_syllable(word: str) -> bool:
    """True when ``word`` is spelled like one Vietnamese syllable (``Đảng``, ``nghiêng``)."""
    return parse_syllable(word) is not None


def may_be_syllable(word: str) -> bool:
    """True when ``word`` is a syllable, or becomes one with a tone OCR may have lost: a syllable
    that ends in ``c``, ``ch``, ``p`` or ``t`` carries sắc or nặng (``it`` → ``ít``, ``hoc`` → ``học``)."""
    if is_vietnamese_syllable(word):
        return True
    return split_tone(word)[1] is Tone.NGANG and is_vietnamese_syllable(word + "\u0301")


_PLAIN = frozenset("abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ")


def has_diacritics(word: str) -> bool:
    """True when ``word`` carries any Vietnamese diacritic (tone, ă â ê ô ơ ư or đ)."""
    return not _PLAIN.issuperset(word)


# An open syllable ending in oa, oe or uy with its tone on the last vowel (hoà, khoẻ, thuỷ), not
# after the q of qu (quý).
_LATE_TONE = re.compile(r"(.*?)(?<![qQ])([oOuU])([aAeEyY])([\u0300\u0301\u0303\u0309\u0323])")
_PAIRS = frozenset({"oa", "oe", "uy"})


def usual_tone_placement(word: str) -> str:
    """``word`` with its tone where official writing puts it: ``hoà`` → ``hòa``, ``thuỷ`` → ``thủy``.

    Both placements are correct Vietnamese; administrative documents write the mark on the first
    vowel of an open ``oa``, ``oe``, ``uy`` (``Cộng hòa``, ``khóa``, ``thủy lợi``), most word lists on
    the second. One spelling per syllable keeps a model's counts together.
    """
    decomposed = unicodedata.normalize("NFD", word)
    m = _LATE_TONE.fullmatch(decomposed)
    if m is None or (m.group(2) + m.group(3)).lower() not in _PAIRS:
        return word
    return unicodedata.normalize("NFC", m.group(1) + m.group(2) + m.group(4) + m.group(3))


# An open syllable of one onset and a lone i or y, its tone on it: tỉ/tỷ, kĩ/kỹ, lí/lý, mĩ/mỹ,
# sĩ/sỹ, hi/hy, quí/quý. Both spellings are correct Vietnamese.
_I_OR_Y = dict(zip("iíìỉĩịyýỳỷỹỵ", "yýỳỷỹỵiíìỉĩị", strict=True))
_I_Y_ONSETS = ("qu", "h", "k", "l", "m", "s", "t")


def spelling_sibling(word: str) -> str | None:
    """The other spelling of a lower-case syllable written with i or y at will (``tỉ`` ↔ ``tỷ``), else None.

    Writers and provinces keep one spelling or the other (``tỉ lệ``, ``tỷ lệ``; ``bác sĩ``,
    ``bác sỹ``); a model learnt mostly from one should not find the other strange.
    """
    for onset in _I_Y_ONSETS:
        if len(word) == len(onset) + 1 and word.startswith(onset) and word[-1] in _I_OR_Y:
            return onset + _I_OR_Y[word[-1]]
    return None
