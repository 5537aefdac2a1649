"""Recognising an indicator in a phrase as documents write it.

A phrase such as "Tỷ lệ che phủ rừng đạt 52,3%", "ty 1e che phu rung" (OCR without a
Vietnamese model) or "Tổng lượt khách du lịch tăng" (with unit "%") must find its catalogue
code. Every name and alias of the catalogue is folded twice, once safely (:func:`fold`) and
once aggressively (:func:`fold_ocr`), into an index built once per catalogue. A phrase is
folded the same way and looked up:

1. an equal safe key is an ``exact`` (the name) or ``alias`` match;
2. an equal OCR key is an ``ocr`` match (the text was damaged but nothing is missing);
3. otherwise rapidfuzz proposes close keys, which are rescored by how much of the key's
   *informative* words (weighted by inverse document frequency over the catalogue, so "tỷ lệ"
   counts for little and "nghèo" for much) the phrase covers and how much of the phrase the
   key explains: a ``fuzzy`` match.

The unit of the figure then breaks ties: a growth rate and a quantity often share a wording
("lượt khách du lịch" in "%" or in "lượt"), so a fitting unit adds a little and a clashing one
takes a lot; a unit that cannot state the indicator at all ("cây" for an area, "hồ sơ" for a
rate: :func:`chitieu.catalog.units.can_state`) rules it out. Scores are in [0, 1];
``threshold`` (0.6 by default) separates a match from none.
"""

from __future__ import annotations

import math
import re
from collections import Counter, OrderedDict
from collections.abc import Callable
from dataclasses import dataclass, field, replace

from rapidfuzz import fuzz, process

from chitieu.catalog.model import Catalog, Indicator, shipped_catalog
from chitieu.catalog.units import MEASURES, can_state, families_fit, unit_family
from chitieu.text.fold import fold, fold_ocr

__all__ = [
    "Match",
    "clean_phrase",
    "match_candidates",
    "match_indicator",
    "phrase_key",
    "unit_clash",
    "unit_family",
]

EXACT_SCORE = 1.0
ALIAS_SCORE = 0.98
OCR_SCORE = 0.95
UNIT_FIT_BONUS = 0.05
UNIT_CLASH_PENALTY = 0.2
AMBIGUITY_PENALTY = 0.15
AMBIGUOUS_SCORE = 0.5
NEAR_TIE = 0.02
_FUZZY_POOL = 15
_RESULT_CACHE_SIZE = 20000


@dataclass(frozen=True)
class Match:
    """A catalogue indicator recognised in a phrase.

    ``method`` is "exact" (the catalogue name), "alias" (a recorded wording), "ocr" (equal
    once OCR confusions are folded) or "fuzzy"; ``matched`` is the catalogue wording that
    matched; ``score`` is in [0, 1].
    """

    code: str
    name: str
    score: float
    method: str
    matched: str
    unit: str | None = None


# --- phrase cleaning ---------------------------------------------------------------------

_LEADING_MARKERS = re.compile(r"^\s*(?:\(?\d{1,2}\)\.?|\d{1,2}\.(?!\d)|[a-zđ]\)|[-+•*–]+)\s*", re.IGNORECASE)
_NUMBER = r"\d[\d.,]*(?![^\W\d_])"
_LEADING_VALUE = re.compile(rf"^\s*[<>≤≥~]?\s*{_NUMBER}(?:\s*/\s*{_NUMBER})?\s*(?:%|‰|%o)?\s*")
_COMPARATOR_WORDS = (
    "ước đạt|ước thực hiện|ước|đạt|là|khoảng|trên|dưới|hơn|tối thiểu|ít nhất|từ|còn|xuống dưới|xuống|"
    "bằng|không quá|không dưới|phấn đấu đạt|phấn đấu|lên|ở mức"
)
_TRAILING_VALUE = re.compile(
    rf"[\s:,;=–-]*(?:(?:{_COMPARATOR_WORDS})\s+)*[<>≤≥~]?\s*{_NUMBER}(?:\s*[-–]\s*{_NUMBER})?(?P<tail>[^\d]*)$",
    re.IGNORECASE,
)
_MAX_UNIT_TAIL_WORDS = 3

_FILLER_PREFIXES = tuple(
    " ".join(fold(p).split())
    for p in (
        "phấn đấu đạt",
        "phấn đấu",
        "ước thực hiện",
        "ước đạt",
        "ước",
        "dự kiến",
        "đến nay",
        "trong năm",
        "toàn tỉnh đạt",
        "toàn tỉnh",
        "trong đó",
        "riêng",
        "đạt",
        "có",
        "duy trì",
        "nâng",
        "số",
    )
)


def clean_phrase(phrase: str, min_head_words: int = 2) -> str:
    """The indicator part of a phrase: list markers, Markdown marks and the value removed.

    "(1) Tỷ lệ che phủ rừng đạt 52,3%" → "Tỷ lệ che phủ rừng"; a number inside the name
    ("trẻ em dưới 5 tuổi suy dinh dưỡng") is kept because many words follow it, and so is
    a figure that would leave fewer than ``min_head_words`` words ("xã đạt từ 15-18 tiêu chí").
    """
    text = phrase.replace("**", " ").replace("*", " ").replace("|", " ").strip()
    for _ in range(3):
        stripped = _LEADING_MARKERS.sub("", text, count=1)
        if stripped == text:
            break
        text = stripped
    text = _LEADING_VALUE.sub("", text, count=1)
    match = _TRAILING_VALUE.search(text)
    if match and len(match.group("tail").split()) <= _MAX_UNIT_TAIL_WORDS:
        head = text[: match.start()]
        tail = match.group("tail").strip()
        # a rate unit names the indicator ("13,9 tiêu chí/xã", "13,0 bác sỹ/1 vạn dân"): keep it
        kept = f"{head} {tail}" if "/" in tail else head
        if len(head.split()) >= min_head_words and not head.rstrip().endswith("/"):
            text = kept
    return text.strip(" \t:;,.-–")


# --- folding a phrase to a key --------------------------------------------------------------

_NON_WORD = re.compile(r"[^0-9a-z%‰]+")
_Y_AFTER_CONSONANT = re.compile(r"^([bcdghklmnpqrstvx]+)y$")

_ABBREVIATIONS = {
    "ntm": "nông thôn mới",
    "mttq": "mặt trận tổ quốc",
    "thcs": "trung học cơ sở",
    "thpt": "trung học phổ thông",
    "bhyt": "bảo hiểm y tế",
    "bhxh": "bảo hiểm xã hội",
    "nsnn": "ngân sách nhà nước",
    "nsđp": "ngân sách địa phương",
    "tngt": "tai nạn giao thông",
    "attp": "an toàn thực phẩm",
    "vsattp": "vệ sinh an toàn thực phẩm",
    "htx": "hợp tác xã",
    "dn": "doanh nghiệp",
    "tdtt": "thể dục thể thao",
    "cchc": "cải cách hành chính",
    "dvc": "dịch vụ công",
    "gtsx": "giá trị sản xuất",
    "xnk": "xuất nhập khẩu",
    "mtqg": "mục tiêu quốc gia",
    "cntt": "công nghệ thông tin",
    "sdd": "suy dinh dưỡng",
    "kcn": "khu công nghiệp",
    "ccn": "cụm công nghiệp",
    "ubnd": "ủy ban nhân dân",
    "tctd": "tổ chức tín dụng",
    "pccc": "phòng cháy chữa cháy",
    "ldtbxh": "lao động thương binh và xã hội",
    "grdp": "grdp",
}


# abbreviations of two words joined by a hyphen ("đoàn thể CT-XH")
_HYPHENATED = {"ct-xh": "chính trị - xã hội", "kt-xh": "kinh tế - xã hội", "qp-an": "quốc phòng - an ninh"}
_HYPHENATED_ABBREVIATION = re.compile(
    r"\b(?:" + "|".join(re.escape(k) for k in _HYPHENATED) + r")\b", re.IGNORECASE
)


def _simplify_tokens(tokens: list[str]) -> list[str]:
    """Spelling variants that mean the same word: tỷ/tỉ, sỹ/sĩ, kỹ/kĩ, lý/lí → one form."""
    out = []
    for tok in tokens:
        m = _Y_AFTER_CONSONANT.match(tok)
        out.append(m.group(1) + "i" if m else tok)
    return out


def _raw_key(text: str, ocr: bool) -> str:
    folded = fold_ocr(text) if ocr else fold(text)
    folded = folded.replace("%o", "‰")
    return " ".join(_simplify_tokens(_NON_WORD.sub(" ", folded).split()))


def _build_abbreviations(ocr: bool) -> dict[str, str]:
    return {_raw_key(k, ocr): _raw_key(v, ocr) for k, v in _ABBREVIATIONS.items()}


_ABBREV_PLAIN = _build_abbreviations(False)
_ABBREV_OCR = _build_abbreviations(True)
_FILLER_PLAIN = tuple(tuple(_raw_key(p, False).split()) for p in _FILLER_PREFIXES)
_FILLER_OCR = tuple(tuple(_raw_key(p, True).split()) for p in _FILLER_PREFIXES)
# words that end a phrase cut before its figure ("giải quyết việc làm cho | 8.440 lao động")
_TRAILING_FILLERS = frozenset({"cho", "cua", "la", "dat", "duoc", "o", "muc", "voi", "tai", "va"})


def phrase_key(text: str, ocr: bool = False) -> str:
    """The lookup key of ``text``: folded, punctuation dropped, abbreviations expanded.

    Leading filler words ("phấn đấu", "ước đạt", "toàn tỉnh") are removed so that they do not
    count against a match.
    """
    abbreviations = _ABBREV_OCR if ocr else _ABBREV_PLAIN
    text = _HYPHENATED_ABBREVIATION.sub(lambda m: _HYPHENATED[m.group(0).lower()], text)
    tokens = [abbreviations.get(tok, tok) for tok in _raw_key(text, ocr).split()]
    prefixes = _FILLER_OCR if ocr else _FILLER_PLAIN
    changed = True
    while changed and tokens:
        changed = False
        for prefix in prefixes:
            n = len(prefix)
            if len(tokens) > n and tuple(tokens[:n]) == prefix:
                tokens = tokens[n:]
                changed = True
        while len(tokens) > 1 and tokens[-1] in _TRAILING_FILLERS:
            tokens.pop()
    return " ".join(tokens)


# --- units ------------------------------------------------------------------------------------


def _unit_adjustment(indicator: Indicator, unit: str | None) -> float:
    wanted = unit_family(unit)
    have = unit_family(indicator.unit)
    if wanted is None or have is None:
        return 0.0
    counted = unit_family(indicator.counts) if indicator.counts else None
    return UNIT_FIT_BONUS if families_fit(have, wanted, counted) else -UNIT_CLASH_PENALTY


# --- the index ------------------------------------------------------------------------------


@dataclass(frozen=True)
class _Entry:
    code: str
    phrase: str
    is_name: bool


@dataclass
class _Index:
    catalog: Catalog
    plain: dict[str, list[_Entry]] = field(default_factory=dict)
    ocr: dict[str, list[_Entry]] = field(default_factory=dict)
    keys: list[str] = field(default_factory=list)
    key_entries: list[list[_Entry]] = field(default_factory=list)
    idf: dict[str, float] = field(default_factory=dict)
    postings: dict[str, list[int]] = field(default_factory=dict)
    vocabulary: list[str] = field(default_factory=list)
    similar_words: dict[str, tuple[str, ...]] = field(default_factory=dict)
    key_tokens: list[list[str]] = field(default_factory=list)
    key_token_sets: list[frozenset[str]] = field(default_factory=list)
    key_weights: list[float] = field(default_factory=list)
    key_token_weights: list[list[float]] = field(default_factory=list)
    unknown_weight: float = 1.0
    cache: OrderedDict[tuple[str, str | None, str | None], list[Match]] = field(default_factory=OrderedDict)

    @classmethod
    def build(cls, catalog: Catalog) -> _Index:
        index = cls(catalog)
        by_ocr_key: dict[str, list[_Entry]] = {}
        for ind in catalog.all():
            for i, phrase in enumerate(ind.phrases):
                entry = _Entry(ind.code, phrase, i == 0)
                plain_key = phrase_key(phrase)
                ocr_key = phrase_key(phrase, ocr=True)
                if plain_key:
                    index.plain.setdefault(plain_key, []).append(entry)
                if ocr_key:
                    index.ocr.setdefault(ocr_key, []).append(entry)
                    by_ocr_key.setdefault(ocr_key, []).append(entry)
        index.keys = list(by_ocr_key)
        index.key_entries = [by_ocr_key[k] for k in index.keys]
        doc_freq: Counter[str] = Counter()
        for key in index.keys:
            doc_freq.update(set(key.split()))
        n = len(index.keys) or 1
        index.idf = {tok: math.log(1 + n / df) for tok, df in doc_freq.items()}
        for i, key in enumerate(index.keys):
            for tok in set(key.split()):
                index.postings.setdefault(tok, []).append(i)
        index.vocabulary = sorted(index.postings)
        index.unknown_weight = math.log(1 + n)
        index.key_tokens = [key.split() for key in index.keys]
        index.key_token_sets = [frozenset(tokens) for tokens in index.key_tokens]
        index.key_token_weights = [[index.weight(t) for t in tokens] for tokens in index.key_tokens]
        index.key_weights = [sum(weights) or 1.0 for weights in index.key_token_weights]
        return index

    def words_like(self, token: str) -> tuple[str, ...]:
        """Catalogue words equal or close to ``token`` (a word damaged by OCR), memoised."""
        found = self.similar_words.get(token)
        if found is None:
            if token in self.postings:
                found = (token,)
            elif len(token) < 4:
                found = ()
            else:
                close = process.extract(token, self.vocabulary, scorer=fuzz.ratio, score_cutoff=75, limit=4)
                found = tuple(word for word, _score, _i in close)
            if len(self.similar_words) < _RESULT_CACHE_SIZE:
                self.similar_words[token] = found
        return found

    def shortlist(self, query: _Query, limit: int) -> list[int]:
        """Keys sharing the most information with ``query`` (inverted index), plus the closest strings."""
        weights: dict[int, float] = {}
        for word in query.expanded:
            postings = self.postings.get(word)
            if not postings:
                continue
            w = self.weight(word)
            for i in postings:
                weights[i] = weights.get(i, 0.0) + w
        ranked = sorted(weights, key=lambda i: -weights[i])[:limit]
        # words merged or split by OCR share no token: whole-string similarity finds them
        for _key, _score, i in process.extract(query.key, self.keys, scorer=fuzz.QRatio, limit=5, score_cutoff=60):
            if i not in weights:
                ranked.append(i)
        return ranked

    def weight(self, token: str) -> float:
        return self.idf.get(token, self.unknown_weight)


def _index_for(catalog: Catalog) -> _Index:
    index = catalog._matcher_index
    if not isinstance(index, _Index) or index.catalog is not catalog:
        index = _Index.build(catalog)
        catalog._matcher_index = index
    return index


@dataclass
class _Query:
    """A folded phrase with, for each word, the catalogue words it may stand for (OCR damage)."""

    key: str
    tokens: list[str]
    token_set: frozenset[str]
    expanded: frozenset[str]
    like: dict[str, frozenset[str]]

    @classmethod
    def of(cls, index: _Index, key: str) -> _Query:
        tokens = key.split()
        like = {tok: frozenset((tok, *index.words_like(tok))) for tok in set(tokens)}
        expanded = frozenset().union(*like.values()) if like else frozenset()
        return cls(key, tokens, frozenset(tokens), expanded, like)


def _fuzzy_score(index: _Index, query: _Query, key_index: int) -> float:
    """How well ``query`` names catalogue key ``key_index`` (see the module docstring)."""
    key = index.keys[key_index]
    k_tokens = index.key_tokens[key_index]
    if not query.tokens or not k_tokens:
        return 0.0
    k_set = index.key_token_sets[key_index]
    covered_key = sum(w for t, w in zip(k_tokens, index.key_token_weights[key_index], strict=True) if t in query.expanded)
    cov_key = covered_key / index.key_weights[key_index]
    total_query = 0.0
    covered_query = 0.0
    for tok in query.tokens:
        w = index.weight(tok)
        total_query += w
        if not query.like[tok].isdisjoint(k_set):
            covered_query += w
    cov_query = covered_query / total_query if total_query else 0.0
    token_set = fuzz.token_set_ratio(query.key, key) / 100
    set_score = token_set * (0.3 + 0.7 * cov_key) * (0.35 + 0.65 * cov_query)
    # whole-string similarity catches words split or merged by OCR, still weighted by coverage
    whole = max(fuzz.token_sort_ratio(query.key, key), fuzz.ratio(query.key, key)) / 100
    whole_score = whole * (0.4 + 0.6 * cov_key) * (0.6 + 0.4 * cov_query)
    return max(set_score, whole_score)


def _offer_fuzzy(index: _Index, query: _Query, key_index: int, offer: Callable[[str, float, str, str], None]) -> None:
    score = min(_fuzzy_score(index, query, key_index), OCR_SCORE - 0.01)
    for entry in index.key_entries[key_index]:
        offer(entry.code, score, "fuzzy", entry.phrase)


def _candidates(index: _Index, phrase: str, unit: str | None, restrict: set[str] | None) -> list[Match]:
    cleaned = clean_phrase(phrase)
    ocr_key = phrase_key(cleaned, ocr=True)
    if not ocr_key:
        return []
    # a figure-like part may belong to the name ("xã đạt dưới 10 tiêu chí"): exact lookups try
    # the phrase as written too
    short = clean_phrase(phrase, min_head_words=1)  # "Quế đạt 1.850 ha" → "Quế"
    texts = {cleaned, phrase, short}
    plain_keys = {phrase_key(text) for text in texts}
    ocr_keys = {ocr_key} | {phrase_key(text, ocr=True) for text in texts - {cleaned}}
    best: dict[str, tuple[float, str, str]] = {}

    def offer(code: str, score: float, method: str, matched: str) -> None:
        if restrict is not None and code not in restrict:
            return
        if code not in best or score > best[code][0]:
            best[code] = (score, method, matched)

    exact_codes: set[str] = set()
    for key in plain_keys:
        for entry in index.plain.get(key, []):
            offer(entry.code, EXACT_SCORE if entry.is_name else ALIAS_SCORE, "exact" if entry.is_name else "alias", entry.phrase)
            exact_codes.add(entry.code)
    for key in ocr_keys:
        for entry in index.ocr.get(key, []):
            offer(entry.code, OCR_SCORE, "ocr", entry.phrase)
            exact_codes.add(entry.code)
    fuzzy_keys = [ocr_key]
    raw_ocr_key = phrase_key(phrase, ocr=True)
    if raw_ocr_key != ocr_key and len(ocr_key.split()) <= 2:
        # the cut may have taken words of the name with the figure ("xã đạt từ 15-18 tiêu chí")
        fuzzy_keys.append(raw_ocr_key)
    for fuzzy_key in fuzzy_keys:
        query = _Query.of(index, fuzzy_key)
        for i in index.shortlist(query, _FUZZY_POOL):
            _offer_fuzzy(index, query, i, offer)

    results: list[Match] = []
    for code, (score, method, matched) in best.items():
        indicator = index.catalog.indicators[code]
        if not can_state(indicator.unit, unit, indicator.counts):
            continue  # "5.500.000 cây" is not "Diện tích cây quế", however well the words match
        adjusted = score + _unit_adjustment(indicator, unit)
        results.append(Match(code, indicator.name, round(max(0.0, min(1.0, adjusted)), 4), method, matched, indicator.unit))
    results.sort(key=lambda m: (-m.score, m.method != "exact", m.code))
    return _mark_ambiguity(results, exact_codes)


def _mark_ambiguity(results: list[Match], exact_codes: set[str]) -> list[Match]:
    """Lower the best score when the phrase does not tell two indicators apart.

    A wording recorded for several indicators ("tiểu học": enrolment or school standard) that
    the unit cannot separate drops to ``AMBIGUOUS_SCORE``, below the default threshold; a
    fuzzy near-tie loses ``AMBIGUITY_PENALTY``. Both stay in the candidate list.
    """
    if len(results) < 2:
        return results
    first, second = results[0], results[1]
    if first.score - second.score > NEAR_TIE:
        return results
    both_exact = first.code in exact_codes and second.code in exact_codes
    if not both_exact and first.code in exact_codes:
        return results
    tied = {m.code for m in results if first.score - m.score <= NEAR_TIE}
    lowered = [
        replace(m, score=round(min(m.score, AMBIGUOUS_SCORE) if both_exact else max(0.0, m.score - AMBIGUITY_PENALTY), 4))
        if m.code in tied
        else m
        for m in results
    ]
    lowered.sort(key=lambda m: (-m.score, m.code))
    return lowered


def _cached_candidates(index: _Index, phrase: str, unit: str | None, parent: str | None) -> list[Match]:
    cache_key = (phrase, unit, parent)
    cached = index.cache.get(cache_key)
    if cached is not None:
        index.cache.move_to_end(cache_key)
        return cached
    restrict = {c.code for c in index.catalog.children(parent)} if parent else None
    results = _candidates(index, phrase, unit, restrict)
    index.cache[cache_key] = results
    if len(index.cache) > _RESULT_CACHE_SIZE:
        index.cache.popitem(last=False)
    return results


def match_candidates(
    phrase: str,
    unit: str | None = None,
    limit: int = 5,
    *,
    parent: str | None = None,
    catalog: Catalog | None = None,
) -> list[Match]:
    """The ``limit`` best catalogue indicators for ``phrase``, best first, whatever their score.

    ``parent`` restricts the search to the parts of a composite (a line "Tiểu học đạt 99,9%"
    under "Tỷ lệ huy động học sinh …"); ``catalog`` defaults to the shipped catalogue.
    """
    index = _index_for(catalog if catalog is not None else shipped_catalog())
    return _cached_candidates(index, phrase, unit, parent)[:limit]


def match_indicator(
    phrase: str,
    unit: str | None = None,
    threshold: float = 0.6,
    *,
    parent: str | None = None,
    catalog: Catalog | None = None,
) -> Match | None:
    """The catalogue indicator ``phrase`` names, or None when nothing scores ``threshold``.

    With ``parent``, the parts of that composite are tried first, then the whole catalogue.
    """
    index = _index_for(catalog if catalog is not None else shipped_catalog())
    if parent:
        within = _cached_candidates(index, phrase, unit, parent)
        if within and within[0].score >= threshold:
            return within[0]
    results = _cached_candidates(index, phrase, unit, None)
    trimmed = trim_scope_words(phrase)
    if results and results[0].score >= threshold:
        if trimmed != phrase and results[0].method == "fuzzy":
            # "Lũy kế số xã đạt chuẩn nông thôn mới nâng cao": a fuzzy hit on a longer alias
            # ("lũy kế số xã đạt chuẩn nông thôn mới") loses to the exact name without the scope word
            better = _cached_candidates(index, trimmed, unit, None)
            if better and better[0].score > results[0].score:
                return better[0]
        return results[0]
    if trimmed != phrase:
        results = _cached_candidates(index, trimmed, unit, None)
        if results and results[0].score >= threshold:
            return results[0]
    return None


def unit_clash(phrase: str, unit: str | None, threshold: float = 0.95, *, catalog: Catalog | None = None) -> Match | None:
    """The measure ``phrase`` names that a figure in ``unit`` cannot state.

    "số cây Quế" names the cinnamon area, but "5.500.000 cây" is no area: the figure is not a
    value of that indicator, and the mismatch is worth showing. None when the words name no
    indicator (exactly, by name or recorded wording), or one the unit can state, or a rate or
    a count: "944/956 bản" under words naming a share is the count behind a rate, and
    "18 hạng" of an index kept in points is its rank — figures of their own, not mismatches.
    """
    if not unit:
        return None
    index = _index_for(catalog if catalog is not None else shipped_catalog())
    results = _cached_candidates(index, phrase, None, None)
    if not results or results[0].score < threshold:
        return None
    named = index.catalog.indicators[results[0].code]
    if unit_family(named.unit) not in MEASURES - {"ratio"}:
        return None
    return None if can_state(named.unit, unit, named.counts) else results[0]


_SCOPE_TAIL = re.compile(
    r"[\s,]+(?:của\s+)?(?:toàn\s+tỉnh|trên\s+địa\s+bàn(?:\s+tỉnh)?|của\s+tỉnh|cả\s+tỉnh)\s*$", re.IGNORECASE
)
_TOTAL_HEAD = re.compile(r"^\s*(?:tổng|lũy\s+kế|luỹ\s+kế)\s+(?=số\s|diện\s+tích\s)", re.IGNORECASE)


def trim_scope_words(phrase: str) -> str:
    """A second try without words that only say scope or totality.

    "diện tích chè toàn tỉnh" names the tea area; "tổng số xã đạt chuẩn nông thôn mới" (or
    "lũy kế số xã …") the number of communes meeting the standard. Used when the phrase as
    written matched nothing or only loosely, so names that really contain these words still
    match first.
    """
    return _TOTAL_HEAD.sub("", _SCOPE_TAIL.sub("", phrase)).strip()
