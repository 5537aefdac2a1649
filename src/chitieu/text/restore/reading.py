"""The restored reading of a document's text, where OCR wrecked it; nothing for clean text.

Deciding whether a text needs restoring costs a pass over its words (:func:`wrecked_passages`);
the restorer's model is loaded only when some passage does, so clean documents never pay for it.
"""

from __future__ import annotations

from chitieu.text.restore.restorer import Replacement, wrecked_passages


def restorations(text: str) -> list[Replacement]:
    """The replacements that turn ``text``'s wrecked passages into Vietnamese; none for clean text."""
    passages = wrecked_passages(text)
    if not passages:
        return []
    from chitieu.text.restore.model import shipped_restorer

    return shipped_restorer().replacements(text, passages)
