"""The outline of a document: Điều, Phần, A./I./1./a)/(1)/-/+ headings with offsets. (stub: being built)"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any


@dataclass
class Heading:
    marker: str  # "B", "I", "1", "a", "(1)", "Điều 1" …
    level: str  # "dieu", "phan", "letter_upper", "roman", "arabic", "letter_lower", "paren_number", "dash", "plus"
    path: str  # dotted id of this item in the tree, e.g. "B.I.1.a"
    title: str
    start: int  # offset of the heading line in the normalised text
    end: int  # end of the heading's own line
    body_end: int  # end of the heading's section (before the next sibling or ancestor)

    def to_json(self) -> dict[str, Any]:
        return self.__dict__.copy()


def parse_outline(text: str) -> list[Heading]:
    return []
