"""Text with an offset map back to the text it was derived from.

Every normalisation step (NFC, legacy-encoding conversion, re-flow of hard-wrapped lines,
removal of page numbers and Markdown marks, moving footnotes out of sentences) produces a new
``MappedText`` whose ``origin`` says, for each character, where it came from in the original.
Steps compose, so a span of the final text maps back to the exact bytes of the source file's
decoded text. This is what lets every extracted fact cite its source.
"""

from __future__ import annotations

import bisect
from dataclasses import dataclass, field


@dataclass
class MappedText:
    """``text`` plus ``origin``: ``origin[i]`` is the offset in the original text of ``text[i]``.

    ``origin`` has ``len(text) + 1`` entries; the last one is the end of the original span, so
    half-open spans ``[start, end)`` map with :meth:`to_original`.

    ``ends`` (optional, ``len(text)`` entries) is the exclusive end in the original of what
    ``text[i]`` stands for. It matters when one character replaces several (NFC composing
    "e" + two combining marks into "ệ", a space replacing a line break and indentation): a
    span ending in such a character then maps to the whole of its source, not to its first
    code point. Without ``ends`` every character stands for one original character.
    """

    text: str
    origin: list[int] = field(default_factory=list)
    ends: list[int] | None = None

    def __post_init__(self) -> None:
        if not self.origin:
            self.origin = list(range(len(self.text) + 1))
        if len(self.origin) != len(self.text) + 1:
            raise ValueError("origin must have len(text) + 1 entries")
        if self.ends is not None and len(self.ends) != len(self.text):
            raise ValueError("ends must have len(text) entries")

    @classmethod
    def identity(cls, text: str) -> MappedText:
        return cls(text, list(range(len(text) + 1)))

    def end_of(self, i: int) -> int:
        """Exclusive end in the original of what ``text[i]`` stands for."""
        if self.ends is not None:
            return self.ends[i]
        return self.origin[i] + 1

    def to_original(self, start: int, end: int) -> tuple[int, int]:
        """Map the half-open span ``[start, end)`` of ``text`` to a span of the original."""
        if start >= end:
            pos = self.origin[start]
            return pos, pos
        first = self.origin[start]
        last = self.end_of(end - 1)
        if last < first:  # the span ends in text inserted at an earlier point, or was reordered
            last = max(max(self.origin[start:end]) + 1, first)
            if self.ends is not None:
                last = max(last, max(self.ends[start:end]))
        return first, last

    def from_original(self, position: int) -> int:
        """The offset in ``text`` where the original's ``position`` falls.

        For a text whose origins never go backwards (restoration, which only replaces tokens in
        place): the first character that comes from ``position`` or later.
        """
        return bisect.bisect_left(self.origin, position)

    def compose(self, later: MappedText) -> MappedText:
        """``later`` was derived from ``self.text``; return it mapped to ``self``'s original."""
        origin = self.origin
        later_origin = later.origin
        new_origin = [origin[i] for i in later_origin]
        if later.ends is None and self.ends is None:
            return MappedText(later.text, new_origin)
        starts = later_origin[:-1]
        if later.ends is None:
            assert self.ends is not None
            ends = self.ends
            return MappedText(later.text, new_origin, [ends[i] for i in starts])
        if self.ends is None:
            # end of self.text[e - 1] is origin[e - 1] + 1; a point (e == s) maps to a point
            new_ends = [
                origin[e - 1] + 1 if e > s else origin[s] for s, e in zip(starts, later.ends, strict=True)
            ]
        else:
            ends = self.ends
            new_ends = [ends[e - 1] if e > s else origin[s] for s, e in zip(starts, later.ends, strict=True)]
        return MappedText(later.text, new_origin, new_ends)


class TextBuilder:
    """Builds a new ``MappedText`` from pieces of a source string, tracking origins.

    ``copy(start, end)`` appends ``source[start:end]`` with exact origins; ``insert(s, at)``
    appends text that does not exist in the source (a space replacing a line break, a converted
    character) and maps all of it to source offset ``at``; ``insert(s, at, end)`` says that
    ``s`` stands for ``source[at:end]``, so a span ending in it maps to the whole of that.
    """

    def __init__(self, source: str) -> None:
        self.source = source
        self._parts: list[str] = []
        self._origin: list[int] = []
        # characters that do not stand for exactly one source character: (first, count, end)
        self._special: list[tuple[int, int, int]] = []
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
        stands_for = end if end is not None and end > at else at
        if not (len(s) == 1 and stands_for == at + 1):
            self._special.append((len(self._origin), len(s), stands_for))
        self._parts.append(s)
        self._origin.extend([at] * len(s))
        self._end = end if end is not None else at

    def __len__(self) -> int:
        """Length of the text built so far (the offset the next piece will start at)."""
        return len(self._origin)

    def build(self) -> MappedText:
        text = "".join(self._parts)
        origin = [*self._origin, self._end if self._origin else 0]
        if not self._special:
            return MappedText(text, origin)
        ends = [o + 1 for o in self._origin]
        for first, count, stands_for in self._special:
            ends[first : first + count] = [stands_for] * count
        return MappedText(text, origin, ends)
