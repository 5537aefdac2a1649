"""Text with an offset map back to the text it was derived from.

Every normalisation step (NFC, legacy-encoding conversion, re-flow of hard-wrapped lines,
removal of page numbers and Markdown marks, moving footnotes out of sentences) produces a new
``MappedText`` whose ``origin`` says, for each character, where it came from in the original.
Steps compose, so a span of the final text maps back to the exact bytes of the source file's
decoded text. This is what lets every extracted fact cite its source.
"""

from __future__ import annotations

from dataclasses import dataclass, field


@dataclass
class MappedText:
    """``text`` plus ``origin``: ``origin[i]`` is the offset in the original text of ``text[i]``.

    ``origin`` has ``len(text) + 1`` entries; the last one is the end of the original span, so
    half-open spans ``[start, end)`` map with :meth:`to_original`.
    """

    text: str
    origin: list[int] = field(default_factory=list)

    def __post_init__(self) -> None:
        if not self.origin:
            self.origin = list(range(len(self.text) + 1))
        if len(self.origin) != len(self.text) + 1:
            raise ValueError("origin must have len(text) + 1 entries")

    @classmethod
    def identity(cls, text: str) -> MappedText:
        return cls(text, list(range(len(text) + 1)))

    def to_original(self, start: int, end: int) -> tuple[int, int]:
        """Map the half-open span ``[start, end)`` of ``text`` to a span of the original."""
        if start >= end:
            pos = self.origin[start]
            return pos, pos
        return self.origin[start], self.origin[end - 1] + 1

    def compose(self, later: MappedText) -> MappedText:
        """``later`` was derived from ``self.text``; return it mapped to ``self``'s original."""
        return MappedText(later.text, [self.origin[i] for i in later.origin])


class TextBuilder:
    """Builds a new ``MappedText`` from pieces of a source string, tracking origins.

    ``copy(start, end)`` appends ``source[start:end]`` with exact origins; ``insert(s, at)``
    appends text that does not exist in the source (a space replacing a line break, a converted
    character) and maps all of it to source offset ``at``.
    """

    def __init__(self, source: str) -> None:
        self.source = source
        self._parts: list[str] = []
        self._origin: list[int] = []
        self._end = 0

    def copy(self, start: int, end: int) -> None:
        if end <= start:
            return
        self._parts.append(self.source[start:end])
        self._origin.extend(range(start, end))
        self._end = end

    def insert(self, s: str, at: int, end: int | None = None) -> None:
        """Append ``s`` standing for ``source[at:end]`` (or a point at ``at``)."""
        if not s:
            if end is not None:
                self._end = end
            return
        self._parts.append(s)
        self._origin.extend([at] * len(s))
        self._end = end if end is not None else at

    def build(self) -> MappedText:
        text = "".join(self._parts)
        return MappedText(text, [*self._origin, self._end if self._origin else 0])
