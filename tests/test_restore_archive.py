"""The restorer on the archive's real scan: our transcription of passages of ``003_…`` as the reference.

The transcription is stored as edits of the wrecked text keyed by its offsets
(``tests/gold/restore_003.json``), so the project holds no sentence of the document: applying the
edits to a passage gives what the printed page said. The real scan's channel differs from our
renders (capital ``Đ`` read as ``P`` or ``B``, ``ă`` as ``i``, ``ệ`` as ``¢``); this is the test
of it.
"""

from __future__ import annotations

import bisect
import hashlib
import json
import math
import re
from collections import Counter
from pathlib import Path

import pytest

from chitieu.text.offsets import MappedText
from chitieu.text.restore import restorer as restorer_module
from chitieu.text.restore.model import shipped_restorer
from chitieu.text.restore.scoring import aligned_indices, syllable_errors, tokens
from corpus import wrecked

GOLD = Path(__file__).parent / "gold" / "restore_003.json"
# Every token of the scan that could be a wreck of one of the six words (its letters within a
# few OCR confusions of them, or read as one of them by the restorer when we labelled), labelled
# by reading each in its context: the word the page printed, or "other" (đang, tầng, nắm, Nam…).
WORD_LABELS = Path(__file__).parent / "gold" / "restore_003_words.json"
WORDS = ("đảng", "năm", "tăng", "được", "nước", "ước")


def transcribed(text: str, passage: dict[str, object]) -> str:
    """A passage of ``text`` with our edits applied: what the page printed."""
    parts, position = [], int(passage["start"])  # type: ignore[call-overload]
    for start, end, replacement in passage["edits"]:  # type: ignore[attr-defined]
        parts += [text[position:start], replacement]
        position = end
    parts.append(text[position : int(passage["end"])])  # type: ignore[call-overload]
    return "".join(parts)


def restored_span(mapped: MappedText, start: int, end: int) -> str:
    """The restored reading of the original's ``[start, end)``."""
    return mapped.text[bisect.bisect_left(mapped.origin, start) : bisect.bisect_left(mapped.origin, end)]


@pytest.fixture(scope="module")
def scan() -> tuple[str, MappedText]:
    """The archive's scan and its restored reading."""
    text = wrecked("003").read_text(encoding="utf-8")
    return text, shipped_restorer().restore(text)


@pytest.fixture(scope="module")
def readings(scan: tuple[str, MappedText]) -> tuple[str, str, str]:
    """(reference, wrecked, restored) over every transcribed passage, joined by blank lines."""
    text, mapped = scan
    gold = json.loads(GOLD.read_text(encoding="utf-8"))
    assert hashlib.sha256(text.encode()).hexdigest() == gold["sha256"], "the document changed; transcribe again"
    passages = gold["passages"]
    return (
        "\n\n".join(transcribed(text, p) for p in passages),
        "\n\n".join(text[p["start"] : p["end"]] for p in passages),
        "\n\n".join(restored_span(mapped, p["start"], p["end"]) for p in passages),
    )


def test_transcription_covers_hundreds_of_lines_of_prose(readings: tuple[str, str, str]) -> None:
    reference, _, _ = readings
    assert reference.count("\n") >= 300 and len(tokens(reference)) >= 5000


def test_restoration_brings_the_real_scan_near_the_printed_text(readings: tuple[str, str, str]) -> None:
    reference, wreck, restored = readings
    before, after = syllable_errors(reference, wreck), syllable_errors(reference, restored)
    assert before.exact > 0.8  # the archive's text layer as it is
    assert after.exact <= 0.04 and after.folded <= 0.02
    assert after.numbers <= before.numbers


def test_the_commonest_words_are_restored_where_they_occur_in_the_passages(
    readings: tuple[str, str, str],
) -> None:
    reference, _, restored = readings
    ref, hyp = tokens(reference), tokens(restored)
    seen: Counter[str] = Counter()
    right: Counter[str] = Counter()
    for i, j in aligned_indices(ref, hyp):
        if i is not None and ref[i].lower() in WORDS:
            seen[ref[i].lower()] += 1
            right[ref[i].lower()] += j is not None and hyp[j].lower() == ref[i].lower()
    assert set(seen) >= {"đảng", "năm", "tăng", "được", "nước"}
    for word in seen:
        assert right[word] >= 0.95 * seen[word], (word, right[word], seen[word])


@pytest.fixture(scope="module")
def whole_document(scan: tuple[str, MappedText]) -> tuple[dict[str, object], str, MappedText]:
    """Our labels of the six words over the whole scan, the scan, and its restored reading."""
    text, mapped = scan
    labels = json.loads(WORD_LABELS.read_text(encoding="utf-8"))
    assert hashlib.sha256(text.encode()).hexdigest() == labels["sha256"], "the document changed; label again"
    return labels, text, mapped


def _restored_words(mapped: MappedText, start: int, end: int) -> list[str]:
    return re.findall(r"[^\W\d_]+", restored_span(mapped, start, end).lower())


def test_the_six_words_are_restored_wherever_they_occur_in_the_whole_scan(
    whole_document: tuple[dict[str, object], str, MappedText],
) -> None:
    labels, text, mapped = whole_document
    places: dict[str, list[list[int]]] = labels["words"]  # type: ignore[assignment]
    assert set(places) == set(WORDS)
    assert sum(len(spans) for spans in places.values()) > 650  # every page, not a sample
    missed = {}
    for word, spans in places.items():
        wrong = [text[s:e] for s, e in spans if word not in _restored_words(mapped, s, e)]
        allowed = int(0.05 * len(spans))  # 95% of the occurrences: all of a word seen under twenty times
        if len(wrong) > allowed:
            missed[word] = (len(spans) - len(wrong), len(spans), wrong)
    assert not missed, missed


def test_other_words_of_the_same_letters_are_not_read_as_the_six(
    whole_document: tuple[dict[str, object], str, MappedText],
) -> None:
    """``hạ tầng`` stays ``tầng``, ``đang`` ``đang``, ``Việt Nam`` ``Nam``, ``nắm bắt`` ``nắm``."""
    labels, text, mapped = whole_document
    others: list[list[int]] = labels["other"]  # type: ignore[assignment]
    taken = [text[s:e] for s, e in others if set(_restored_words(mapped, s, e)) & set(WORDS)]
    assert len(others) > 200 and len(taken) <= 0.03 * len(others), taken


def test_the_scans_digits_for_ty_le_are_read_as_the_words(scan: tuple[str, MappedText]) -> None:
    """The scan writes ``tỷ lệ``, the head of most indicators' names, as ``ty 18`` or ``Ty 16``
    (OCR's digit mode): after ``tỷ`` no such figure is left."""
    text, mapped = scan
    digit_mode = list(re.finditer(r"\b[Tt]y\s+1[68]\b", text))
    assert len(digit_mode) >= 10
    read = [restored_span(mapped, m.start(), m.end()).lower().split() for m in digit_mode]
    assert all(words == ["tỷ", "lệ"] for words in read), read


def test_the_pruned_search_reads_the_scan_as_the_full_search_does(
    scan: tuple[str, MappedText], monkeypatch: pytest.MonkeyPatch
) -> None:
    """The beam and the gap only save time: the whole scan reads the same without them."""
    text, pruned = scan
    monkeypatch.setattr(restorer_module, "BEAM", math.inf)
    monkeypatch.setattr(restorer_module, "MOVE_GAP", math.inf)
    assert shipped_restorer.__wrapped__().restore(text).text == pruned.text
