"""The serif font a printed report uses, and how wide a line of text is in it.

Nghị định 30/2020 asks for Times New Roman. Where it is missing, fontconfig substitutes a
metric-compatible font (Liberation Serif, Tinos) or, failing that, any serif (DejaVu Serif is a
quarter wider). The PDF writer asks fontconfig (`fc-match`) which family and files the request
really resolves to, names that family first in the stylesheet so the measured font is the
printed one, and measures lines with Pillow's FreeType, so the header block can be laid out for
the font the page will carry (see `header_layout`). `CHITIEU_REPORT_FONT` names another family.
Without fontconfig nothing is measured and the header keeps its default layout.
"""

from __future__ import annotations

import functools
import os
import shutil
import subprocess
from dataclasses import dataclass
from pathlib import Path

from PIL import ImageFont

FONT_ENV = "CHITIEU_REPORT_FONT"
DEFAULT_FAMILY = "Times New Roman"
FALLBACK_FAMILIES = ("Times New Roman", "Liberation Serif", "Tinos", "DejaVu Serif")
STYLES = {"regular": "Regular", "bold": "Bold", "italic": "Italic", "bold-italic": "Bold Italic"}
_SCALE = 1000  # font size the widths are measured at, in pixels; widths scale linearly


@dataclass(frozen=True)
class ReportFont:
    """A family as fontconfig resolved it, with one file per style."""

    family: str
    files: dict[str, Path]

    def width_mm(self, text: str, size_pt: float, bold: bool = False, italic: bool = False) -> float:
        """Advance width of `text` set on one line at `size_pt` (kerning and marks included)."""
        style = "bold-italic" if bold and italic else "bold" if bold else "italic" if italic else "regular"
        face = _face(self.files[style])
        return face.getlength(text) / _SCALE * size_pt * 25.4 / 72


def css_stack(font: ReportFont | None) -> str:
    """`"Liberation Serif", "Times New Roman", …, serif`: the measured family first."""
    families = [font.family] if font else []
    return ", ".join(f'"{name}"' for name in dict.fromkeys([*families, *FALLBACK_FAMILIES])) + ", serif"


def report_font(family: str | None = None) -> ReportFont | None:
    """The font `family` (default: `CHITIEU_REPORT_FONT`, else Times New Roman) resolves to here;
    None without fontconfig."""
    return _resolve(family or os.environ.get(FONT_ENV, "").strip() or DEFAULT_FAMILY)


@functools.cache
def _resolve(family: str) -> ReportFont | None:
    if shutil.which("fc-match") is None:
        return None
    names: list[str] = []
    files: dict[str, Path] = {}
    for key, style in STYLES.items():
        found = _fc_match(f"{family}:style={style}")
        if found is None:
            return None
        names = names or found[0]
        files[key] = found[1]
    return ReportFont(_css_name(family, names), files)


def _css_name(requested: str, names: list[str]) -> str:
    """The requested name when the font answers to it ("DejaVu Serif Condensed"), else its first."""
    return next((name for name in names if name.casefold() == requested.casefold()), names[0])


def _fc_match(pattern: str) -> tuple[list[str], Path] | None:
    """`["Liberation Serif"]`, `/usr/share/fonts/…/LiberationSerif-Bold.ttf` for one pattern."""
    try:
        out = subprocess.run(
            ["fc-match", "-f", "%{family}\t%{file}", pattern],
            capture_output=True, text=True, timeout=10, check=True,
        ).stdout
    except (OSError, subprocess.SubprocessError):
        return None
    family, _, file = out.partition("\t")
    names = [name.strip() for name in family.split(",") if name.strip()]
    path = Path(file.strip())
    return (names, path) if names and path.is_file() else None


@functools.cache
def _face(path: Path) -> ImageFont.FreeTypeFont:
    return ImageFont.truetype(str(path), _SCALE)
