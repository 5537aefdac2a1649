"""The restorer's model: what it is built from, and the compact file it ships as.

Three kinds of knowledge, each kept as additive counts so that a benchmark can leave a
document (or a whole genre) out of the model it is scored on:

* **language** — syllable bigrams of clean official writing: our own texts in every genre
  (``data/restore/texts``), the province's clean documents where present, the catalogue's
  indicator names and aliases;
* **case** — how often each syllable is written with a capital inside a sentence, from the
  same clean writing (:mod:`chitieu.text.restore.casing`);
* **channel** — how OCR without Vietnamese writes each letter, from (clean, wrecked) token
  pairs: our own texts wrecked by the generator (:mod:`chitieu.text.restore.wreck`);
* **inventory** — the syllables of two permissively licensed word lists
  (``data/restore/words``) and of the texts, and the word lists' two-syllable compounds.

Built from them, and shipped beside them so that restoring a document rarely searches: the
ranked candidates of the wrecked forms OCR writes most (:func:`common_wrecked_forms`), exactly
what the restorer would rank for them, as syllable indices and channel scores.

Only derived counts and rankings ship (``restorer.json.gz`` in this package); no document's text does.
The file holds no code: plain JSON, read with ``json`` (the rankings' numbers as little-endian
arrays in base64, read with ``numpy.frombuffer``; nothing is unpickled).
"""

from __future__ import annotations

import base64
import gzip
import json
import zlib
from collections import Counter
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from functools import lru_cache
from importlib import resources
from pathlib import Path
from typing import TYPE_CHECKING, Any

import numpy as np
from rapidfuzz.distance import Levenshtein

from chitieu.text.fold import fold
from chitieu.text.restore.casing import CaseCounts, CaseModel
from chitieu.text.restore.channel import Channel, ChannelCounts
from chitieu.text.restore.language import BigramCounts, LanguageModel
from chitieu.text.restore.lexicon import STAND_INS, Lexicon, compounds, inventory, read_back_stand_ins
from chitieu.text.restore.restorer import Restorer, StoredRanking, tokenize
from chitieu.text.restore.scoring import align, is_number, tokens

if TYPE_CHECKING:  # the generator (PIL, Tesseract) is loaded only to build a model, never to restore
    from chitieu.text.restore.wreck import ScanStyle

MODEL_FILE = "restorer.json.gz"
FORMAT = 4


@dataclass
class ModelCounts:
    """Everything the restorer learns, as counts that add and subtract."""

    language: BigramCounts = field(default_factory=BigramCounts)
    channel: ChannelCounts = field(default_factory=ChannelCounts)
    case: CaseCounts = field(default_factory=CaseCounts)

    def __add__(self, other: ModelCounts) -> ModelCounts:
        return ModelCounts(
            self.language + other.language, self.channel + other.channel, self.case + other.case
        )


def total(parts: Iterable[ModelCounts]) -> ModelCounts:
    """The sum of several sources' counts."""
    result = ModelCounts()
    for part in parts:
        result = result + part
    return result


def language_counts(text: str) -> ModelCounts:
    """A clean text's syllable bigrams and how it writes each syllable's case."""
    counts = ModelCounts()
    counts.language.add_text(text)
    counts.case.add_text(text)
    return counts


def token_pairs(clean: str, wrecked: str) -> list[tuple[str, str]]:
    """Aligned (clean syllable, wrecked token) pairs worth learning from.

    Numerals and pairs whose bare letters are too far apart to be one token misread (an
    alignment slip across a lost or merged word) are skipped; OCR's stand-ins count as the
    letters they stand for (``16`` for ``lệ`` is one token misread).
    """
    pairs = []
    for a, b in align(tokens(clean), tokens(wrecked)):
        if a is None or b is None or is_number(a) or not a.isalpha():
            continue
        if Levenshtein.distance(fold(a), read_back_stand_ins(fold(b))) <= max(1, len(a) // 2):
            pairs.append((a, b))
    return pairs


def channel_counts(clean: str, wrecked: str) -> ModelCounts:
    """How OCR wrote the letters of a clean text, from its wreck."""
    counts = ModelCounts()
    for a, b in token_pairs(clean, wrecked):
        counts.channel.add(a, b)
    return counts


@dataclass(frozen=True)
class Inventory:
    """The syllables a token may be restored to, and the dictionary's compounds."""

    syllables: frozenset[str]
    compounds: frozenset[tuple[str, str]]


def build_inventory(word_lists: list[list[str]], language: BigramCounts) -> Inventory:
    """The inventory from the word lists and the syllables the language counts attest."""
    attested = dict(language.unigrams())
    attested.pop("<s>", None)
    attested.pop("<num>", None)
    return Inventory(frozenset(inventory(word_lists, attested)), frozenset(compounds(word_lists)))


def stand_ins(channel: ChannelCounts, least: int = 5) -> dict[str, str]:
    """OCR's stand-ins read back to bare letters: the fixed table, then what the pairs taught."""
    table = dict(STAND_INS)
    best: dict[str, tuple[int, str]] = {}
    for (letter, segment), n in sorted(channel.pairs.items()):  # ties: the same winner however counted
        bare = fold(letter) if letter != "^" else ""
        if not segment or not bare or segment == bare or n < least:
            continue
        if segment.isalpha() and len(segment) == 1:
            continue  # a letter read as another letter is an edit, not a stand-in to undo
        if n > best.get(segment, (0, ""))[0]:
            best[segment] = (n, bare)
    table.update({segment: bare for segment, (_, bare) in best.items()})
    return table


def restorer_from(
    counts: ModelCounts, inventory_: Inventory, ranked: Mapping[str, StoredRanking] | None = None
) -> Restorer:
    """A restorer from counts and an inventory (the benchmark builds one per left-out document).

    ``ranked``: common wrecked forms' candidates, ranked by a restorer of the same counts
    (:func:`common_wrecked_forms`; the shipped file holds them).
    """
    channel = Channel(counts.channel)
    language = LanguageModel(counts.language, inventory_.compounds, inventory_.syllables)
    lexicon = Lexicon(inventory_.syllables, stand_ins(counts.channel))
    return Restorer(lexicon, channel, language, CaseModel(counts.case), ranked)


def common_wrecked_forms(syllables: Iterable[str], wrecks: Iterable[str], least: int = 2) -> list[str]:
    """The wrecked forms worth ranking when the model is built, so that restoring never searches them.

    Every syllable's bare letters (what OCR leaves of most syllables: ``nam``, ``tinh``) and every
    word token that our own texts' wrecks write at least ``least`` times (``dugc``, ``nim``), lower-cased
    as the restorer looks them up. A document's wrecked tokens are mostly these.
    """
    found = dict.fromkeys(sorted({fold(s) for s in syllables}))
    seen: Counter[str] = Counter()
    for wrecked in wrecks:
        seen.update(t.text.lower() for t in tokenize(wrecked) if not t.is_numeral or t.may_be_a_word)
    found.update(dict.fromkeys(sorted(form for form, n in seen.items() if n >= least)))
    return list(found)


# --------------------------------------------------------------------------------------------
# The shipped file
# --------------------------------------------------------------------------------------------


def save(
    path: Path, counts: ModelCounts, inventory_: Inventory, ranked: Mapping[str, StoredRanking] | None = None
) -> None:
    """Write the model as gzipped JSON: counts, word sets and the common forms' ranked candidates only."""
    case_parts = (counts.case.capital, counts.case.lower, counts.case.upper, counts.case.opening)
    data: dict[str, Any] = {
        "format": FORMAT,
        "syllables": sorted(inventory_.syllables),
        "compounds": sorted(" ".join(pair) for pair in inventory_.compounds),
        "bigrams": sorted([a, b, n] for (a, b), n in counts.language.bigrams.items()),
        "channel": sorted([a, b, n] for (a, b), n in counts.channel.pairs.items()),
        "case": sorted([s, *(part[s] for part in case_parts)] for s in set().union(*case_parts)),
        "ranked": _packed(ranked or {}),
    }
    payload = json.dumps(data, ensure_ascii=False, separators=(",", ":")).encode("utf-8")
    with gzip.GzipFile(path, "wb", mtime=0) as handle:  # no timestamp: the same counts, the same bytes
        handle.write(payload)


def load(path: Path) -> tuple[ModelCounts, Inventory, dict[str, StoredRanking]]:
    """Read a model file written by :func:`save`."""
    with gzip.open(path, "rt", encoding="utf-8") as handle:
        data = json.load(handle)
    if data.get("format") != FORMAT:
        raise ValueError(f"{path.name}: định dạng mô hình khôi phục không đúng ({data.get('format')})")
    counts = ModelCounts(
        BigramCounts(Counter({(a, b): n for a, b, n in data["bigrams"]})),
        ChannelCounts(Counter({(a, b): n for a, b, n in data["channel"]})),
        CaseCounts(*(Counter({row[0]: row[i] for row in data["case"] if row[i]}) for i in range(1, 5))),
    )
    pairs = (tuple(item.split(" ", 1)) for item in data["compounds"])
    ranked = _unpacked(data["ranked"])
    return counts, Inventory(frozenset(data["syllables"]), frozenset((a, b) for a, b in pairs)), ranked


def _packed(ranked: Mapping[str, StoredRanking]) -> dict[str, Any]:
    """Rankings as the file stores them: the forms, then every ranking's size, syllable indices and
    channel scores as little-endian arrays in base64 (exact, and parsed in a millisecond; tens of
    thousands of decimal scores take JSON longer than the rest of the model)."""
    forms = sorted(ranked)
    ids = [i for form in forms for i in ranked[form][0]]
    channels = [c for form in forms for c in ranked[form][1]]

    def encoded(values: list[int] | list[float], dtype: str) -> str:
        return base64.b64encode(np.asarray(values, dtype=dtype).tobytes()).decode("ascii")

    return {
        "forms": forms,
        "sizes": encoded([len(ranked[form][0]) for form in forms], "<u2"),
        "ids": encoded(ids, "<i4"),
        "channels": encoded(channels, "<f8"),
    }


def _unpacked(packed: dict[str, Any]) -> dict[str, StoredRanking]:
    """The rankings :func:`_packed` wrote."""

    def decoded(key: str, dtype: str) -> list[Any]:
        return np.frombuffer(base64.b64decode(packed[key]), dtype=dtype).tolist()

    sizes, ids, channels = decoded("sizes", "<u2"), decoded("ids", "<i4"), decoded("channels", "<f8")
    found: dict[str, StoredRanking] = {}
    start = 0
    for form, size in zip(packed["forms"], sizes, strict=True):
        found[form] = (ids[start : start + size], channels[start : start + size])
        start += size
    return found


@lru_cache(maxsize=1)
def shipped_restorer() -> Restorer:
    """The restorer built from the model file shipped with chitieu (loaded once, on first use)."""
    path = resources.files("chitieu.text.restore").joinpath(MODEL_FILE)
    with resources.as_file(path) as file:
        counts, inventory_, ranked = load(file)
    return restorer_from(counts, inventory_, ranked)


# --------------------------------------------------------------------------------------------
# Sources (in the repository; used to build the file and by the benchmark)
# --------------------------------------------------------------------------------------------


def own_texts(root: Path) -> list[Path]:
    """Our own language-model texts, every genre."""
    return sorted((root / "data" / "restore" / "texts").glob("*.txt"))


def style_for(path: Path) -> ScanStyle:
    """The scan style a text of ours is wrecked in: fixed by its name, so adding texts re-OCRs none."""
    from chitieu.text.restore.wreck import STYLES

    return STYLES[zlib.crc32(path.name.encode()) % len(STYLES)]


def corpus_texts(shared: Path) -> list[Path]:
    """The province's clean documents, where the shared corpus is present (never the wrecked ones)."""
    return sorted((shared / "corpus").glob("*.txt")) if (shared / "corpus").is_dir() else []


def catalogue_text() -> str:
    """The catalogue's indicator and agency names and aliases, one per line."""
    from chitieu.catalog import shipped_catalog

    lines = []
    for indicator in shipped_catalog().indicators.values():
        lines.append(indicator.name)
        lines.extend(indicator.aliases)
    agencies = json.loads(resources.files("chitieu.catalog").joinpath("data/agencies.json").read_text("utf-8"))
    for agency in agencies["agencies"]:
        lines.extend([agency["name"], agency.get("short") or "", *agency.get("aliases", [])])
    return "\n".join(line for line in lines if line)


def text_counts(text: str, style: ScanStyle) -> ModelCounts:
    """A clean text's language counts and the channel counts of its wreck in ``style`` (cached OCR)."""
    from chitieu.text.restore.wreck import wreck_cached

    made = wreck_cached(text, style)
    return language_counts(text) + channel_counts(made.clean, made.wrecked)


def own_text_counts(root: Path) -> list[tuple[Path, ModelCounts]]:
    """Each of our own texts with its counts, language and channel."""
    return [(path, text_counts(path.read_text(encoding="utf-8"), style_for(path))) for path in own_texts(root)]


def shared_counts(shared: Path) -> ModelCounts:
    """Language counts of the province's clean documents (where present) and the catalogue's names."""
    texts = [path.read_text(encoding="utf-8") for path in corpus_texts(shared)] + [catalogue_text()]
    return total(language_counts(text) for text in texts)


def word_lists(root: Path) -> list[list[str]]:
    """The word lists' lines (``data/restore/words``)."""
    folder = root / "data" / "restore" / "words"
    return [path.read_text(encoding="utf-8").splitlines() for path in sorted(folder.glob("*.txt"))]
