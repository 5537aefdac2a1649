"""Wrecks made the way archives made them: Vietnamese pages rendered, degraded, OCR'd in English.

The province's older documents survive as text layers that OCR wrote without a Vietnamese model
(``Pang bo tinh`` for ``Đảng bộ tỉnh``, ``dugc`` for ``được``). To learn and to measure how to read
them back we need many (clean, wrecked) pairs whose clean side is known exactly, so we make them:

1. **render** — the clean text is typeset on A4 pages as an office prints it: a Times-metric
   serif (Liberation Serif) or DejaVu Serif/Sans at 12–14 pt, 30 mm left margin, paragraphs
   word-wrapped by drawn width, headings (short lines in capitals, ``I.``/``1.`` items) in bold,
   and lines holding `` | `` cells drawn as a ruled table;
2. **degrade** — what scanners, copiers and fax paths do: a slight skew, blur, grain, heavier
   strokes (ink spread fills small bowls and merges marks into letters: ``năm`` read ``nim``,
   ``được`` read ``dufgc``), JPEG compression;
3. **read** — Tesseract's ``eng`` model with page segmentation ``--psm 4`` or ``6``, page by page;
4. **as archived** — one confusion renders do not reproduce: the archives' scans read a capital
   ``Đ`` as ``P`` (``Pang``, ``Pai hoi``) or ``B`` (``Bang bo``) far more often than as ``D``
   (about 60% P, 15% B, 25% D word-initially in the political report ``003_…``), while Tesseract
   on rendered pages sees the bar and writes ``D``. A style with ``archive_d`` rewrites that share
   of the word-initial ``D`` it aligned to a clean ``Đ`` (:func:`as_archived`), so the benchmark's
   wrecks carry the confusion at the archives' rate.

A :class:`ScanStyle` fixes every choice, so a pair is reproducible from (text, style); the
presets in :data:`STYLES` span 150–300 dpi and light to heavy damage. :func:`wreck_cached` keeps
each pair on disk under a key of the text, the style and the Tesseract version, because OCR is
the slow step (about a second a page) and benchmarks reread the same documents.

Pillow, NumPy and pytesseract are imported where pages are made, so that code which only scores
or restores text does not load them.
"""

from __future__ import annotations

import hashlib
import io
import json
import random
import re
from dataclasses import asdict, dataclass
from functools import lru_cache
from pathlib import Path
from typing import TYPE_CHECKING

from chitieu.text.restore.scoring import aligned_indices

if TYPE_CHECKING:
    from PIL import Image, ImageDraw, ImageFont

_FONT_DIRS = (Path("/usr/share/fonts/truetype/liberation2"), Path("/usr/share/fonts/truetype/dejavu"))
# Regular and bold face of each family the presets use.
FONT_FILES = {
    "liberation-serif": ("LiberationSerif-Regular.ttf", "LiberationSerif-Bold.ttf"),
    "dejavu-serif": ("DejaVuSerif.ttf", "DejaVuSerif-Bold.ttf"),
    "dejavu-sans": ("DejaVuSans.ttf", "DejaVuSans-Bold.ttf"),
}
A4_MM = (210.0, 297.0)
MARGINS_MM = (30.0, 20.0, 20.0, 20.0)  # left, right, top, bottom, as the state's document rules set them
CELL_SEPARATOR = " | "
# Part of every cached wreck's key: raise it whenever rendering, degrading or reading changes.
GENERATOR_VERSION = 1


@dataclass(frozen=True)
class ScanStyle:
    """Every choice that turns a clean text into a wreck; equal styles give equal wrecks."""

    name: str
    font: str  # a key of FONT_FILES
    pt: float  # body size
    dpi: int
    skew: float = 0.0  # degrees, counter-clockwise
    blur: float = 0.0  # Gaussian radius, in pixels at 300 dpi (scaled to the style's dpi)
    noise: float = 0.0  # grain: standard deviation of the grey level, 0..255
    heavy: int = 0  # ink spread: passes of a 3x3 minimum filter (each thickens strokes ~1 px)
    jpeg: int = 0  # JPEG quality the page went through; 0 = none
    psm: int = 4  # Tesseract page segmentation: 4 = one column of varying lines, 6 = one block
    archive_d: tuple[float, float] = (0.0, 0.0)  # shares of a capital Đ read as D that archives read P, B
    seed: int = 1

    def key(self) -> str:
        return json.dumps(asdict(self), sort_keys=True)


# Word-initial capital Đ in the archives' scans: read as P, as B (the rest as D); see ``as_archived``.
ARCHIVE_D = (0.6, 0.15)

STYLES: tuple[ScanStyle, ...] = (
    ScanStyle("laser-300", "liberation-serif", 13, 300, skew=0.2, blur=0.6, noise=4, psm=4),
    ScanStyle("copier-200", "liberation-serif", 13, 200, skew=-0.6, blur=1.0, noise=10, heavy=1, jpeg=55, psm=6,
              archive_d=ARCHIVE_D),
    ScanStyle("fax-150", "dejavu-serif", 12, 150, skew=0.4, blur=0.5, noise=8, jpeg=40, psm=4),
    ScanStyle("sans-250", "dejavu-sans", 12, 250, skew=-0.3, blur=0.8, noise=6, heavy=1, jpeg=70, psm=6),
    ScanStyle("inked-200", "liberation-serif", 14, 200, skew=0.8, blur=1.2, noise=12, heavy=2, jpeg=45, psm=4,
              archive_d=ARCHIVE_D),
)
STYLE_BY_NAME = {style.name: style for style in STYLES}


@dataclass(frozen=True)
class Wreck:
    """A clean text and what OCR made of its rendered pages."""

    clean: str
    wrecked: str
    style: ScanStyle
    pages: int


# --------------------------------------------------------------------------------------------
# Render
# --------------------------------------------------------------------------------------------

# The generator's tokens: numbers, and runs of letters and digits. Kept as they were when the
# stored wrecks were made (an OCR stand-in such as § splits a token here), so that the same text
# and style still give the same wreck.
_GENERATOR_TOKEN = re.compile(r"\d+(?:[.,:/]\d+)+|[^\W_]+")
_NUMBERED_HEADING = re.compile(r"(?:[IVX]+\.|\d+\.|Phần thứ|Điều \d+\.)\s")


def is_heading(line: str) -> bool:
    """A short line set in bold: in capitals, or opening with a part, article or item number."""
    if len(line) > 120:
        return False
    return bool(_NUMBERED_HEADING.match(line)) or (line.upper() == line and any(ch.isalpha() for ch in line))


def font_path(family: str, bold: bool = False) -> Path:
    """The file of a preset family's face; a clear error names the missing font package."""
    name = FONT_FILES[family][1 if bold else 0]
    for folder in _FONT_DIRS:
        if (folder / name).exists():
            return folder / name
    raise FileNotFoundError(f"thiếu phông chữ {name} (gói fonts-liberation2 / fonts-dejavu-core)")


@lru_cache(maxsize=32)
def _face(family: str, bold: bool, pixels: int) -> ImageFont.FreeTypeFont:
    from PIL import ImageFont

    return ImageFont.truetype(str(font_path(family, bold)), pixels)


def mm_to_px(mm: float, dpi: int) -> int:
    """Millimetres on paper in pixels of a page scanned at ``dpi``."""
    return round(mm * dpi / 25.4)


def wrap(text: str, face: ImageFont.FreeTypeFont, width: float) -> list[str]:
    """Greedy word wrap by drawn width, as a word processor does; a too-long word stands alone."""
    lines: list[str] = []
    current = ""
    for word in text.split():
        candidate = f"{current} {word}" if current else word
        if current and face.getlength(candidate) > width:
            lines.append(current)
            current = word
        else:
            current = candidate
    if current:
        lines.append(current)
    return lines


class _Typesetter:
    """Lays text out on A4 pages, starting a new page when the next block does not fit."""

    def __init__(self, style: ScanStyle) -> None:
        self.style = style
        dpi = style.dpi
        self.size = (mm_to_px(A4_MM[0], dpi), mm_to_px(A4_MM[1], dpi))
        left, right, top, bottom = MARGINS_MM
        self.left, self.right = mm_to_px(left, dpi), self.size[0] - mm_to_px(right, dpi)
        self.top, self.bottom = mm_to_px(top, dpi), self.size[1] - mm_to_px(bottom, dpi)
        pixels = round(style.pt * dpi / 72)
        self.body = _face(style.font, False, pixels)
        self.bold = _face(style.font, True, pixels)
        self.cell = _face(style.font, False, round(pixels * 0.85))
        self.cell_bold = _face(style.font, True, round(pixels * 0.85))
        self.pages: list[Image.Image] = []
        self._new_page()

    def _new_page(self) -> None:
        from PIL import Image, ImageDraw

        page = Image.new("L", self.size, 255)
        self.pages.append(page)
        self.draw: ImageDraw.ImageDraw = ImageDraw.Draw(page)
        self.y = self.top

    def _room_for(self, height: int) -> None:
        if self.y + height > self.bottom and self.y > self.top:
            self._new_page()

    def paragraph(self, text: str) -> None:
        heading = is_heading(text)
        face = self.bold if heading else self.body
        step = round(face.size * 1.4)
        indent = 0 if heading else mm_to_px(10, self.style.dpi)
        for i, line in enumerate(wrap(text, face, self.right - self.left - indent)):
            self._room_for(step)
            self.draw.text((self.left + (indent if i == 0 else 0), self.y), line, font=face, fill=0)
            self.y += step
        self.y += round(face.size * 0.35)

    def table(self, rows: list[list[str]]) -> None:
        """A ruled table, every cell framed; the first row (the header) in bold."""
        columns = max(len(row) for row in rows)
        rows = [row + [""] * (columns - len(row)) for row in rows]
        width = self.right - self.left
        # Columns share the width by the longest text they hold, the first (names) widest.
        longest = [max(len(row[c]) for row in rows) + 4 for c in range(columns)]
        xs = [self.left]
        for share in longest:
            xs.append(xs[-1] + round(width * share / sum(longest)))
        pad = mm_to_px(1.0, self.style.dpi)
        rule = max(1, round(self.style.dpi / 150))
        for r, row in enumerate(rows):
            face = self.cell_bold if r == 0 else self.cell
            step = round(face.size * 1.3)
            cells = [wrap(text, face, xs[c + 1] - xs[c] - 2 * pad) for c, text in enumerate(row)]
            height = max(1, max(len(lines) for lines in cells)) * step + 2 * pad
            self._room_for(height)
            for c, lines in enumerate(cells):
                y = self.y + pad
                for line in lines:
                    x = xs[c] + pad if c == 0 else (xs[c] + xs[c + 1] - face.getlength(line)) / 2
                    self.draw.text((x, y), line, font=face, fill=0)
                    y += step
            for x in xs:
                self.draw.line([(x, self.y), (x, self.y + height)], fill=0, width=rule)
            self.draw.line([(xs[0], self.y), (xs[-1], self.y)], fill=0, width=rule)
            self.y += height
            self.draw.line([(xs[0], self.y), (xs[-1], self.y)], fill=0, width=rule)
        self.y += round(self.body.size * 0.6)


def render(text: str, style: ScanStyle) -> list[Image.Image]:
    """The clean text typeset on A4 pages (white, 8-bit grey), before any degradation."""
    setter = _Typesetter(style)
    table: list[list[str]] = []
    for raw in text.splitlines():
        line = " ".join(raw.split())
        if CELL_SEPARATOR.strip() in line and CELL_SEPARATOR in raw:
            table.append([cell.strip() for cell in line.split("|")])
            continue
        if table:
            setter.table(table)
            table = []
        if line:
            setter.paragraph(line)
    if table:
        setter.table(table)
    return setter.pages


# --------------------------------------------------------------------------------------------
# Degrade and read
# --------------------------------------------------------------------------------------------


def degrade(page: Image.Image, style: ScanStyle, page_number: int = 0) -> Image.Image:
    """What a scanner or copier does to a printed page, reproducibly (seeded by style and page)."""
    import numpy as np
    from PIL import Image as PILImage
    from PIL import ImageFilter

    image = page
    for _ in range(style.heavy):
        image = image.filter(ImageFilter.MinFilter(3))
    if style.skew:
        image = image.rotate(style.skew, resample=PILImage.Resampling.BICUBIC, fillcolor=255)
    if style.blur:
        image = image.filter(ImageFilter.GaussianBlur(style.blur * style.dpi / 300))
    if style.noise:
        rng = np.random.default_rng(style.seed * 1000 + page_number)
        pixels = np.asarray(image, dtype=np.float32)
        pixels = pixels + rng.normal(0.0, style.noise, pixels.shape).astype(np.float32)
        image = PILImage.fromarray(np.clip(pixels, 0, 255).astype(np.uint8))
    if style.jpeg:
        buffer = io.BytesIO()
        image.save(buffer, "JPEG", quality=style.jpeg)
        buffer.seek(0)
        image = PILImage.open(buffer)
        image.load()
    return image


def ocr_english(image: Image.Image, psm: int) -> str:
    """Tesseract's English model on one page: how the archives' text layers were made."""
    import pytesseract

    from chitieu.ingest.ocr import one_thread_per_tesseract

    one_thread_per_tesseract()
    return str(pytesseract.image_to_string(image, lang="eng", config=f"--psm {psm}"))


def as_archived(clean: str, read: str, style: ScanStyle) -> str:
    """``read`` with the archives' reading of a capital ``Đ``: ``P`` or ``B`` where OCR wrote ``D``.

    Tokens of the reading are aligned to the clean text's; a reading token aligned to a clean
    token that starts with ``Đ`` and itself starts with ``D`` becomes ``P…`` or ``B…`` with the
    style's probabilities, drawn from a generator seeded by the style (reproducible).
    """
    to_p, to_b = style.archive_d
    if not (to_p or to_b):
        return read
    rng = random.Random(style.seed)
    clean_tokens = _GENERATOR_TOKEN.findall(clean)
    spans = [m.span() for m in _GENERATOR_TOKEN.finditer(read)]
    chars = list(read)
    for i, j in aligned_indices(clean_tokens, [read[a:b] for a, b in spans]):
        if i is None or j is None or not clean_tokens[i].startswith("Đ") or read[spans[j][0]] != "D":
            continue
        draw = rng.random()
        if draw < to_p:
            chars[spans[j][0]] = "P"
        elif draw < to_p + to_b:
            chars[spans[j][0]] = "B"
    return "".join(chars)


def wreck(text: str, style: ScanStyle) -> Wreck:
    """Render, degrade and OCR ``text`` in one style, with the archives' reading of ``Đ``."""
    pages = render(text, style)
    read = [ocr_english(degrade(page, style, n), style.psm).strip("\n\f ") for n, page in enumerate(pages)]
    wrecked = as_archived(text, "\n\f\n".join(read), style)
    return Wreck(clean=text, wrecked=wrecked, style=style, pages=len(pages))


# --------------------------------------------------------------------------------------------
# Cache
# --------------------------------------------------------------------------------------------


def default_cache_dir() -> Path:
    """The user's cache folder for chitieu (``~/.cache/chitieu/wrecks`` on Linux)."""
    import platformdirs

    return Path(platformdirs.user_cache_dir("chitieu", appauthor=False)) / "wrecks"


@lru_cache(maxsize=1)
def _tesseract_version() -> str:
    import pytesseract

    return str(pytesseract.get_tesseract_version())


def wreck_cached(text: str, style: ScanStyle, cache_dir: Path | None = None) -> Wreck:
    """:func:`wreck`, kept on disk: the same text, style, Tesseract and generator give the stored wreck."""
    folder = cache_dir or default_cache_dir()
    key = (text, style.key(), _tesseract_version(), str(GENERATOR_VERSION))
    digest = hashlib.sha256("\0".join(key).encode()).hexdigest()
    path = folder / f"{digest[:24]}.json"
    if path.exists():
        stored = json.loads(path.read_text(encoding="utf-8"))
        return Wreck(clean=text, wrecked=stored["wrecked"], style=style, pages=stored["pages"])
    made = wreck(text, style)
    folder.mkdir(parents=True, exist_ok=True)
    temporary = path.with_suffix(".tmp")
    temporary.write_text(json.dumps({"wrecked": made.wrecked, "pages": made.pages}), encoding="utf-8")
    temporary.replace(path)
    return made

