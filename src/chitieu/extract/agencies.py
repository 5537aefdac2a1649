"""Agencies named in plans and reports, normalised against the province's list of bodies.

Plans assign every task to bodies written in many ways: "Sở Kế hoạch và Đầu tư", "Sở KH&ĐT",
"sở Kế hoạch và Đầu tư", "UBND các huyện, thành phố", "Ủy ban nhân dân huyện, thành phố". The
shipped list (``catalog/data/agencies.json``) gives each body one canonical name and its
aliases. Known aliases are found by exact matching on folded text (diacritic- and
case-insensitive, longest alias first, so "Sở Kế hoạch và Đầu tư" is not read as "Sở … và …");
what remains of a list of bodies is split on commas and "và", matched fuzzily (rapidfuzz) and,
when nothing is close enough, kept as written: an unknown body is information, not noise.
"""

from __future__ import annotations

import json
import re
from dataclasses import dataclass
from functools import lru_cache
from importlib import resources

from rapidfuzz import fuzz, process

from chitieu.extract.periods import fold

__all__ = ["Agency", "AgencyMention", "agencies", "find_agencies", "normalize_agency", "split_agencies"]

FUZZY_CUTOFF = 90.0

# words a body's name begins with; a leftover chunk that starts otherwise is not a body
_BODY_HEADS = (
    "so ",
    "ban ",
    "uy ban",
    "ubnd",
    "hdnd",
    "hoi dong",
    "van phong",
    "cong an",
    "bo chi huy",
    "bo ",
    "ngan hang",
    "kho bac",
    "cuc ",
    "chi cuc",
    "thanh tra",
    "trung tam",
    "dai ",
    "bao ",
    "hoi ",
    "lien doan",
    "lien minh",
    "truong ",
    "benh vien",
    "vien ",
    "tinh doan",
    "tinh uy",
    "cong ty",
    "cac so",
    "cac co quan",
    "cac don vi",
    "cac huyen",
    "cac xa",
    "chinh phu",
    "thu tuong",
    "bao hiem",
    "quy ",
    "doan ",
)
# what precedes a body without being part of it ("Giám đốc các sở …", "Chủ tịch UBND …")
_ROLE_PREFIX = re.compile(
    r"^(?:giam doc|thu truong|chu tich|pho chu tich|truong|lanh dao|giao|de nghi|yeu cau|voi|cung|va|cac dong chi)\s+"
)


@dataclass(frozen=True)
class Agency:
    name: str
    short: str | None
    aliases: tuple[str, ...]
    kind: str


@dataclass(frozen=True)
class AgencyMention:
    start: int
    end: int
    name: str  # canonical name, or the text as written when the body is not in the list
    known: bool


@lru_cache(maxsize=1)
def agencies() -> tuple[Agency, ...]:
    """The shipped list of bodies."""
    raw = json.loads(resources.files("chitieu.catalog").joinpath("data/agencies.json").read_text("utf-8"))
    return tuple(
        Agency(a["name"], a.get("short"), tuple(a.get("aliases", [])), a.get("kind", "department"))
        for a in raw["agencies"]
    )


@lru_cache(maxsize=1)
def _alias_index() -> dict[str, str]:
    index: dict[str, str] = {}
    for agency in agencies():
        for form in (agency.name, agency.short, *agency.aliases):
            if form:
                index.setdefault(_key(form), agency.name)
    return index


@lru_cache(maxsize=1)
def _alias_pattern() -> re.Pattern[str]:
    keys = sorted(_alias_index(), key=len, reverse=True)
    body = "|".join(re.escape(k).replace(r"\ ", r"\s+") for k in keys)
    return re.compile(rf"(?<![\w&])(?:{body})(?![\w&])")


def _key(name: str) -> str:
    return re.sub(r"\s+", " ", fold(name)).strip(" ,;.")


def normalize_agency(written: str) -> str:
    """The canonical name of a body written in any known way; the cleaned text when unknown."""
    clean = re.sub(r"\s+", " ", written).strip(" ,;.:-")
    key = _key(clean)
    key = _ROLE_PREFIX.sub("", key)
    index = _alias_index()
    if key in index:
        return index[key]
    best = process.extractOne(key, list(index), scorer=fuzz.ratio, score_cutoff=FUZZY_CUTOFF)
    if best is not None:
        return index[best[0]]
    return clean[:1].upper() + clean[1:] if clean else clean


def find_agencies(text: str, start: int = 0, end: int | None = None) -> list[AgencyMention]:
    """Every known body mentioned in ``text[start:end]``, in order (spans index ``text``)."""
    end = len(text) if end is None else end
    folded = fold(text[start:end])
    index = _alias_index()
    out: list[AgencyMention] = []
    for m in _alias_pattern().finditer(folded):
        out.append(
            AgencyMention(start + m.start(), start + m.end(), index[re.sub(r"\s+", " ", m.group(0))], True)
        )
    return out


def split_agencies(phrase: str) -> list[str]:
    """The bodies of a list such as "Sở Tài chính, Cục Thuế tỉnh và UBND các huyện, thành phố".

    Known bodies come out under their canonical names; leftover pieces that begin like a body
    ("Sở …", "Ban …", "Trung tâm …") are matched fuzzily or kept as written. Order is the
    order of the phrase; duplicates are dropped.
    """
    names: list[tuple[int, str]] = []
    known = find_agencies(phrase)
    rest = list(phrase)
    for mention in known:
        names.append((mention.start, mention.name))
        for i in range(mention.start, mention.end):
            rest[i] = ","
    leftover = "".join(rest)
    for m in re.finditer(r"[^,;()]+", leftover):
        for piece in re.split(r"\s+và\s+|\s+cùng\s+", m.group(0)):
            chunk = piece.strip(" .:-–\n\t")
            key = _ROLE_PREFIX.sub("", _key(chunk))
            if not key or len(key) < 4 or not key.startswith(_BODY_HEADS):
                continue
            offset = m.start() + max(m.group(0).find(piece), 0)
            names.append((offset, normalize_agency(chunk)))
    names.sort()
    out: list[str] = []
    for _pos, name in names:
        if name not in out:
            out.append(name)
    return out
