"""The restored reading of a document's text, where OCR wrecked it; nothing for clean text.

Table cells that have a place in their row (a verdict after a row of figures) are read by it
(:mod:`chitieu.text.restore.layout`), and a heading's Roman number by its shape and its place
among the headings (:mod:`chitieu.text.restore.headings`), over what the sentence restorer made
of them. Digits OCR glued to a word are written back as the page printed them: a footnote marker
raised, a number after its space (:mod:`chitieu.text.restore.markers`); a ``%`` OCR read as ``96``
is put back where the figure's shape allows no other reading (:mod:`chitieu.text.restore.percent`).

Deciding whether a text needs restoring costs a pass over its words (:func:`wrecked_passages`);
the restorer's model is loaded only when some passage does, so clean documents never pay for it.
The text is read, and the model loaded, with the cyclic garbage collector paused
(:mod:`chitieu.collector`): the search makes only acyclic objects, which the collector would
walk again and again.
"""

from __future__ import annotations

from chitieu.collector import collector_paused
from chitieu.text.restore.headings import heading_replacements
from chitieu.text.restore.layout import verdict_replacements
from chitieu.text.restore.markers import glued_replacements
from chitieu.text.restore.percent import percent_replacements
from chitieu.text.restore.restorer import Replacement, Restorer, overlapping, wrecked_passages


def restorations(text: str, restorer: Restorer | None = None) -> list[Replacement]:
    """The replacements that turn ``text``'s wrecked passages into Vietnamese; none for clean text.

    ``restorer``: the sentence restorer to read with (a benchmark's, built without the document
    it scores); the shipped one by default.
    """
    with collector_paused():
        return _restorations(text, restorer)


def _restorations(text: str, restorer: Restorer | None) -> list[Replacement]:
    passages = wrecked_passages(text)
    if not passages:
        return []
    if restorer is None:
        from chitieu.text.restore.model import shipped_restorer

        restorer = shipped_restorer()
    restored = restorer.replacements(text, passages)
    cells = verdict_replacements(text)
    spans = [(passage[0].start, passage[-1].end) for passage in passages if passage]
    headings = [h for h in heading_replacements(text, spans) if not any(overlapping(cells, h.start, h.end))]
    markers = [Replacement(*m) for m in [*glued_replacements(text, spans), *percent_replacements(text, spans)]]
    markers = [m for m in markers if not any(overlapping([*cells, *headings], m.start, m.end))]
    merged = with_table_cells(restored, sorted([*cells, *headings, *markers]))
    # a cell kept as written (a figure glued to its unit) only stopped the restorer from reading it
    return [r for r in merged if text[r.start : r.end] != r.text]


def with_table_cells(restored: list[Replacement], cells: list[Replacement]) -> list[Replacement]:
    """The restorer's replacements with the cells (and heading numbers) read by their place standing over them."""
    if not cells:
        return restored
    kept = [r for r in restored if not any(overlapping(cells, r.start, r.end))]
    return sorted([*kept, *cells])
