"""How damaged the Vietnamese of a text is: 1.0 = clean Vietnamese, 0.0 = destroyed.

OCR without a Vietnamese language model damages text in a few systematic ways (DOMAIN.md,
"Vietnamese text as it really arrives"), and each leaves a measurable trace:

* **impossible syllables** — ``nguoi``, ``duoc``, ``Viet`` have rhymes (``uoi``, ``uoc``,
  ``iet``) that exist only with their vowel marks; foreign words and garbage fail the same
  check (:mod:`chitieu.text.syllables`);
* **missing diacritics** — clean Vietnamese prose writes about 10–12% of its syllables with no
  mark at all (measured on the province's own documents); text whose marks were stripped is
  near 100%. Frequent words whose unmarked spelling is rarely a word of its own (``cua`` for
  ``của``, ``cac`` for ``các``; not ``nam`` or ``thanh``, which are) make the point word by word;
* **P or B for Đ** — ``Pang bo tinh`` (Đảng bộ tỉnh), ``Bat`` (Đạt);
* **digits inside words** — ``1én`` (lên), ``c0ng``;
* **stray ``|``** — table rules read as characters and glued to words (``tinh|``). Cells joined
  by `` | `` (how tables are rendered into document text) are not stray.

Each trace is mapped to a severity in 0..1 and the score is the product of
``1 - weight * severity`` over the traces, so no single trace can zero it and several together
compound. :func:`quality_report` returns every
component so that a user can see *why* a document is marked unreliable. Counting works on
distinct words with cached syllable checks, so whole documents score at several MB/s.
"""

from __future__ import annotations

import re
import unicodedata
from collections import Counter
from typing import Any

from chitieu.text.syllables import has_diacritics, is_vietnamese_syllable, split_tone

# Latin letters, including every Vietnamese one; no digits, superscripts or symbols.
_WORD = re.compile(r"[A-Za-z0-9\u00c0-\u00d6\u00d8-\u00f6\u00f8-\u024f\u1e00-\u1eff]+")
_DIGIT = re.compile(r"[0-9]")

# Clean Vietnamese writes ~10-12% of syllables without any mark; above this share we start to
# believe marks are missing, and at _PLAIN_DESTROYED all of them are.
_PLAIN_NORMAL = 0.22
_PLAIN_DESTROYED = 0.75

# Frequent Vietnamese words whose unmarked spelling is rarely a word of its own in this kind of
# text: seeing them plain means the marks were lost (cua=của, cac=các, duoc=được …).
_STRIPPED_FORMS = frozenset(
    """
    cua cac va la co mot nhung de voi ve da ty le dan phat hien thuc tich dong dat ke hoach tren
    duoi nguoi duoc viec nuoc truong hoi uy chinh phu nhiem vu doan ngan sach dau tong pham
    nghiep nong thuy xay dich moi duc te nang luc ly kiem ky hon tieu muc bien phap tuc hoan
    """.split()  # noqa: SIM905 - a word list reads better as text
)

# Toneless rests of P/B words that are common đ-words and rare as p-/b-words in unmarked form.
_D_RESTS_AFTER_B = frozenset(
    "at ang ia iem ieu ien oan ong uong uoc ot ung anh am ua au oi en ac oc ai uoi".split()  # noqa: SIM905
)
_P_WORDS = frozenset(
    {"pa", "pu", "pac", "po", "pin", "pe", "pi", "pom", "pao"}
)  # place names, loans: Pa Tần, Pú …
_VOWEL_START = re.compile(r"^[aăâeêioôơuưy]", re.IGNORECASE)

# A pipe touching a non-space character, as OCR reads a table rule: "tinh|", "|95", "18,5%;|".
_GLUED_PIPE = re.compile(r"(?<=[^\s|])\||\|(?=[^\s|])")

# Each component can take away at most this share of what is left (the score is a product):
# impossible syllables or missing marks alone halve it; the narrower OCR signs take less.
_WEIGHTS = {
    "invalid_syllables": 0.5,
    "missing_diacritics": 0.5,
    "d_substitution": 0.2,
    "digits_in_words": 0.2,
    "stray_pipes": 0.1,
}


def _has_lower(token: str) -> bool:
    return any(ch.islower() for ch in token)


def _severity(share: float, full: float) -> float:
    """Linear ramp: 0 at share 0, 1 at ``full`` and above."""
    return min(1.0, share / full) if full > 0 else 0.0


def _is_d_substitute(word: str) -> bool:
    """``Pang``/``Bat``: P or B where OCR lost the stroke of Đ."""
    first, rest = word[0], word[1:]
    if first not in "PpBb" or not rest or not _VOWEL_START.match(rest):
        return False
    base, tone = split_tone(word)
    if tone is None:
        return False
    as_d = "đ" + base[1:]
    if not (is_vietnamese_syllable(as_d) or is_vietnamese_syllable(as_d + "\u0301")):
        return False  # "Bat" -> "đát"/"đạt": stop codas need a tone, any one will do here
    if first in "Pp":
        return base not in _P_WORDS
    return not has_diacritics(word) and base[1:] in _D_RESTS_AFTER_B


def _digit_in_word(token: str) -> bool:
    """``1én`` (lên), ``c0ng``: a digit standing for a letter inside a lower-case word."""
    if not _has_lower(token):
        return False  # CO2, H2O, 5G, T1: codes, not damage
    if re.search(r"[^\W\d_][0-9]+[^\W\d_]", token):
        return True  # digits between letters: nh1ều, c0ng
    repaired = token.replace("1", "l").replace("0", "o")
    return not _DIGIT.search(repaired) and is_vietnamese_syllable(repaired)


def _stray_pipes(text: str) -> int:
    """Pipes that are not cell separators: glued to text, or opening/closing a line.

    Rendered tables join cells with " | " and Markdown rows start and end with "|"; both are
    structure, not damage.
    """
    stray = 0
    for line in text.splitlines():
        if "|" not in line:
            continue
        stripped = line.strip()
        if stripped.startswith("|") and stripped.endswith("|") and stripped.count("|") >= 2:
            continue  # a Markdown table row or rule
        stray += len(_GLUED_PIPE.findall(stripped))
        if stripped.startswith("| ") or stripped == "|":
            stray += 1
        if stripped.endswith(" |"):
            stray += 1
    return stray


def quality_report(text: str) -> dict[str, Any]:
    """Every component of the score, with the counts behind it.

    Keys: ``score``; ``words`` (syllable-like words counted); ``invalid_syllables``,
    ``plain_words``, ``stripped_words`` (frequent words seen without their marks),
    ``missing_diacritics``, ``d_substitution``, ``digits_in_words`` (shares of ``words``);
    ``stray_pipes`` (a count) and ``stray_pipes_share``; ``severity`` (each component mapped
    to 0..1 before weighting) and ``examples`` (a few impossible words, most frequent first).
    """
    text = unicodedata.normalize("NFC", text)
    counts = Counter(_WORD.findall(text))
    words = invalid = plain = stripped = d_subst = digit_words = 0
    bad: Counter[str] = Counter()
    for token, n in counts.items():
        if _DIGIT.search(token):
            if token.isdigit():
                continue
            if _digit_in_word(token):
                digit_words += n
                words += n
            continue
        marked = has_diacritics(token)
        if len(token) == 1 and not marked:
            continue  # list letters a) b), initials
        valid = is_vietnamese_syllable(token)
        if not valid and not _has_lower(token):
            continue  # abbreviations: UBND, HĐND, GRDP
        words += n
        if not valid:
            invalid += n
            bad[token] += n
        if not marked:
            plain += n
            if token.lower() in _STRIPPED_FORMS:
                stripped += n
        if _is_d_substitute(token):
            d_subst += n
    pipes = _stray_pipes(text)
    total = max(words, 1)
    shares = {
        "invalid_syllables": invalid / total,
        "plain_words": plain / total,
        "stripped_words": stripped / total,
        "d_substitution": d_subst / total,
        "digits_in_words": digit_words / total,
        "stray_pipes_share": pipes / total,
    }
    plain_excess = (shares["plain_words"] - _PLAIN_NORMAL) / (_PLAIN_DESTROYED - _PLAIN_NORMAL)
    missing = max(0.0, min(1.0, max(plain_excess, _severity(shares["stripped_words"], 0.15))))
    severity = {
        "invalid_syllables": _severity(shares["invalid_syllables"], 0.4),
        "missing_diacritics": missing,
        "d_substitution": _severity(shares["d_substitution"], 0.03),
        "digits_in_words": _severity(shares["digits_in_words"], 0.03),
        "stray_pipes": _severity(shares["stray_pipes_share"], 0.05),
    }
    score = 1.0
    for name, value in severity.items():
        score *= 1.0 - _WEIGHTS[name] * value
    return {
        "score": round(score, 4),
        "words": words,
        **{k: round(v, 4) for k, v in shares.items()},
        "missing_diacritics": round(missing, 4),
        "stray_pipes": pipes,
        "severity": {k: round(v, 4) for k, v in severity.items()},
        "examples": [w for w, _ in bad.most_common(10)],
    }


def quality_score(text: str) -> float:
    """1.0 for clean Vietnamese, falling towards 0.0 as OCR damage (or non-Vietnamese) grows."""
    return float(quality_report(text)["score"])
