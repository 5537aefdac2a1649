"""Which reading of a scanned PDF to keep: the text layer it came with, or our own OCR of its pages.

Archives hold scans as "searchable" PDFs: each page an image, under it an invisible text layer
that some OCR wrote, often without a Vietnamese model (``Pang bo tinh`` for ``Đảng bộ tỉnh``).
Restoration (:mod:`chitieu.text.restore`) reads such a layer back well, but the page image is
still there, and Tesseract's Vietnamese model reading it again does better still. So a PDF
whose pages carry page images and whose text layer scores low on quality
(:mod:`chitieu.text.quality`) is OCR'd again, page by page, and each page keeps the better of
its two readings (a page that keeps ours still takes the layer's reading of the lines ours
garbled: :mod:`chitieu.ingest.line_choice`). The decision and its grounds are kept
(:class:`TextLayerCheck`) so the user can see which reading the document's text is and why.

The rules are pure functions of the two readings' texts, so they are tested without Tesseract.
"""

from __future__ import annotations

from dataclasses import asdict, dataclass, field
from typing import Any

from chitieu.text.quality import quality_report, quality_score

# A page image covering at least this share of the page makes it a scanned page.
PAGE_IMAGE_SHARE = 0.5
# The text layer over the scanned pages is OCR'd again when it scores below this.
REOCR_BELOW = 0.8
# Our reading replaces a page's layer only when it scores at least this much higher ...
BETTER_BY = 0.05
# ... and keeps at least this share of the layer's words (a reading that lost half the page is
# not better, however clean its few words are).
MIN_WORD_SHARE = 0.6

OCR = "ocr"
TEXT_LAYER = "text_layer"

# The quality components a user is told about, in the order they are named.
_DAMAGE_NAMES = {
    "invalid_syllables": "{share} số từ không phải âm tiết tiếng Việt",
    "missing_diacritics": "mất dấu tiếng Việt",
    "d_substitution": "chữ Đ bị đọc thành P hoặc B",
    "digits_in_words": "chữ số lẫn vào giữa chữ",
    "stray_pipes": "vạch kẻ bảng lẫn vào chữ",
}
_NAMED_SEVERITY = 0.3


@dataclass(frozen=True)
class PageReading:
    """The two readings of one scanned page and the one the document's text holds."""

    page: int  # 1-based
    used: str  # OCR or TEXT_LAYER
    layer_quality: float
    ocr_quality: float | None  # None when the page was not OCR'd again
    layer_words: int = 0
    ocr_words: int = 0
    # lines our reading garbled, or figures whose marks it lost, mended from the layer restored
    # (chitieu.ingest.line_choice)
    layer_lines: int = 0

    def to_json(self) -> dict[str, Any]:
        return asdict(self)


@dataclass
class TextLayerCheck:
    """What was found of a PDF's text layer over its scanned pages, and what was done about it."""

    quality: float  # the layer's score over every scanned page together
    damage: list[str] = field(default_factory=list)  # what lowered it, in words
    pages: list[PageReading] = field(default_factory=list)
    unavailable: str | None = None  # why OCR could not run, when it could not

    @property
    def reocr(self) -> bool:
        """Whether the scanned pages were OCR'd again."""
        return any(page.ocr_quality is not None for page in self.pages)

    @property
    def ocr_pages(self) -> list[int]:
        """The pages (1-based) whose text is our reading."""
        return [page.page for page in self.pages if page.used == OCR]

    @property
    def used(self) -> str:
        """OCR when any page's text is our reading, else TEXT_LAYER."""
        return OCR if self.ocr_pages else TEXT_LAYER

    def reason(self) -> str:
        """In Vietnamese, for the user: which reading the document's text is, and why."""
        score, threshold = _score(self.quality), _score(REOCR_BELOW)
        if self.quality >= REOCR_BELOW:
            return (f"Lớp chữ sẵn có trong tệp PDF đạt chất lượng (điểm {score}, ngưỡng {threshold}), "
                    "nên được dùng; không cần nhận dạng lại từ ảnh trang.")
        damage = f": {', '.join(self.damage)}" if self.damage else ""
        head = f"Lớp chữ sẵn có trong tệp PDF chất lượng thấp (điểm {score}, dưới ngưỡng {threshold}){damage}."
        if self.unavailable:
            return f"{head} Không nhận dạng lại được ({self.unavailable}), nên vẫn dùng lớp chữ sẵn có."
        used = [page for page in self.pages if page.used == OCR]
        kept = [page for page in self.pages if page.used == TEXT_LAYER]
        parts = [f"Đã nhận dạng lại {len(self.pages)} trang ảnh quét bằng Tesseract tiếng Việt"]
        if used:
            mean = sum(page.ocr_quality or 0.0 for page in used) / len(used)
            parts.append(f"dùng bản nhận dạng lại ở {_pages(used)} (điểm {_score(mean)})")
            taken = sum(page.layer_lines for page in used)
            if taken:
                parts.append(f"riêng {taken} dòng mà bản nhận dạng lại đọc hỏng hoặc sót chữ, chữ số hay dấu của "
                             "số được đọc theo lớp chữ sẵn có, đã khôi phục dấu")
        if kept:
            parts.append(f"giữ lớp chữ sẵn có ở {_pages(kept)} vì bản nhận dạng lại không tốt hơn")
        return f"{head} {'; '.join(parts)}."

    def to_json(self) -> dict[str, Any]:
        return {
            "used": self.used,
            "quality": self.quality,
            "threshold": REOCR_BELOW,
            "reocr": self.reocr,
            "unavailable": self.unavailable,
            "ocr_pages": self.ocr_pages,
            "reason": self.reason(),
            "pages": [page.to_json() for page in self.pages],
        }


def _score(value: float) -> str:
    return f"{value:.2f}".replace(".", ",")


def _pages(pages: list[PageReading]) -> str:
    numbers = [page.page for page in pages]
    if len(numbers) == 1:
        return f"trang {numbers[0]}"
    if numbers == list(range(numbers[0], numbers[-1] + 1)):
        return f"các trang {numbers[0]}–{numbers[-1]}"
    return "các trang " + ", ".join(str(n) for n in numbers)


def damage_in_words(report: dict[str, Any]) -> list[str]:
    """The quality components that weigh on a text, as a user reads them (most telling first)."""
    severity = report["severity"]
    named = []
    for component, words in _DAMAGE_NAMES.items():
        if severity.get(component, 0.0) >= _NAMED_SEVERITY:
            named.append(words.format(share=f"{round(100 * report.get(component, 0.0))}%"))
    return named


def check_text_layer(layer_pages: dict[int, str]) -> TextLayerCheck:
    """The text layer of the scanned pages (page number → its text), scored as one text.

    Pages are scored together: one page's few words say little, a document's many say a lot.
    """
    report = quality_report("\n".join(layer_pages[page] for page in sorted(layer_pages)))
    pages = [PageReading(page, TEXT_LAYER, quality_score(text), None, layer_words=_words(text))
             for page, text in sorted(layer_pages.items())]
    return TextLayerCheck(quality=float(report["score"]), damage=damage_in_words(report), pages=pages)


def needs_reocr(check: TextLayerCheck) -> bool:
    """Whether the scanned pages should be OCR'd again: their layer scores low."""
    return check.quality < REOCR_BELOW


def choose_reading(page: int, layer: str, ocr: str) -> PageReading:
    """The better of a page's two readings: ours only when it scores clearly higher and keeps the page."""
    layer_quality, ocr_quality = quality_score(layer), quality_score(ocr)
    layer_words, ocr_words = _words(layer), _words(ocr)
    better = ocr_quality >= layer_quality + BETTER_BY and ocr_words >= MIN_WORD_SHARE * layer_words
    return PageReading(page, OCR if better else TEXT_LAYER, layer_quality, ocr_quality, layer_words, ocr_words)


def _words(text: str) -> int:
    return sum(1 for token in text.split() if any(ch.isalpha() for ch in token))
