"""The document viewer's text: every stored fact highlighted in place, all text escaped.

Facts may overlap (several indicators share a sentence, a table row holds figures that are also
facts of their own), so the text is cut at every fact boundary and each piece lists every fact
that covers it. Markup is built here with ``markupsafe.escape`` on every piece of document
text, so nothing a document contains can become HTML.

A document wrecked by OCR is shown in its restored reading: each restored token is written as
the reading has it, with the original in its tooltip, so a reader sees Vietnamese and can
still check every word against the original.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from itertools import pairwise

from markupsafe import Markup, escape

from chitieu.text.restore.restorer import overlapping

Restoration = tuple[int, int, str]  # a wrecked token's start and end, and its restored reading


@dataclass(frozen=True)
class Span:
    fact_id: int
    start: int
    end: int
    kind: str


@dataclass(frozen=True)
class Segment:
    start: int
    end: int
    fact_ids: tuple[int, ...]
    kinds: tuple[str, ...]


def clamp_spans(spans: Iterable[Span], length: int) -> list[Span]:
    """Spans limited to ``[0, length]``; empty or inverted spans dropped."""
    out = []
    for span in spans:
        start, end = max(0, span.start), min(length, span.end)
        if start < end:
            out.append(Span(span.fact_id, start, end, span.kind))
    return out


def segments(length: int, spans: Iterable[Span]) -> list[Segment]:
    """Consecutive pieces of ``[0, length)``, each with the facts that cover all of it."""
    valid = clamp_spans(spans, length)
    cuts = sorted({0, length, *(s.start for s in valid), *(s.end for s in valid)})
    starting: dict[int, list[Span]] = {}
    for span in valid:
        starting.setdefault(span.start, []).append(span)
    active: list[Span] = []
    out: list[Segment] = []
    for lo, hi in pairwise(cuts):
        active = [s for s in active if s.end > lo] + starting.get(lo, [])
        out.append(Segment(lo, hi, tuple(s.fact_id for s in active), tuple(s.kind for s in active)))
    return out


def restored_html(text: str, start: int, end: int, restorations: Sequence[Restoration]) -> str:
    """``text[start:end]`` as escaped HTML, each restored token in its reading with the original on hover.

    ``restorations`` are ``(start, end, reading)`` of tokens of ``text``, in order, none overlapping.
    """
    parts: list[str] = []
    position = start
    for token_start, token_end, reading in overlapping(restorations, start, end):
        if token_start < position or token_end > end:
            continue  # a token cut by the piece's edge stays as the original writes it
        original = text[token_start:token_end]
        parts.append(str(escape(text[position:token_start])))
        parts.append(f'<span class="restored" title="Bản gốc: {escape(original)}">{escape(reading)}</span>')
        position = token_end
    parts.append(str(escape(text[position:end])))
    return "".join(parts)


def highlighted_html(text: str, spans: Iterable[Span], restorations: Sequence[Restoration] = ()) -> Markup:
    """``text`` as escaped HTML with ``<mark>`` around every piece that belongs to a fact.

    The first piece of each fact carries ``id="src-<fact id>"`` so a link can jump to it.
    Restored tokens show their reading (:func:`restored_html`).
    """
    parts: list[str] = []
    anchored: set[int] = set()
    for seg in segments(len(text), spans):
        piece = restored_html(text, seg.start, seg.end, restorations)
        if not seg.fact_ids:
            parts.append(piece)
            continue
        new = [f for f in seg.fact_ids if f not in anchored]
        anchor = f' id="src-{new[0]}"' if new else ""
        anchored.update(new)
        extra = "".join(f'<span class="anchor" id="src-{f}"></span>' for f in new[1:])
        kind = seg.kinds[-1]
        depth = min(len(seg.fact_ids), 3)
        ids = " ".join(str(f) for f in seg.fact_ids)
        parts.append(
            f'{extra}<mark{anchor} class="fact fact-{escape(kind)} depth-{depth}" data-facts="{ids}" tabindex="0">{piece}</mark>'
        )
    return Markup("".join(parts))
