"""Accent-insensitive full-text search over documents and indicators, in the database.

The matching is done by the database's own full-text engine (created by migration 0002):
SQLite FTS5 over a folded copy of the text, PostgreSQL tsvector over ``unaccent``. This module
only turns what a user typed into a safe query: it folds it (``chitieu.text.fold``), keeps word
characters, quotes every word (so FTS5 operators such as ``OR``, ``NEAR``, ``*``, ``:`` and
SQL such as ``' OR 1=1 --`` are plain words) and passes it as a bind parameter. The last word
is a prefix, so "che phu ru" already finds "che phủ rừng".

Indicators of the shipped catalogue live in a data file, not in the database (the table holds
only the changes users made), so the catalogue indicators the stored facts use are matched here
on their folded names and aliases with the same rule: every word, the last one as a prefix.

Snippets are cut from the original text around the first place where the words stand together
as typed ("che phủ rừng"), else around the first matched word, with every matched word marked.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from sqlalchemy import select, text
from sqlalchemy.orm import Session

from chitieu.store import models
from chitieu.text.fold import fold, fold_with_map

MAX_TOKENS = 12
SNIPPET_RADIUS = 110
_WORD = re.compile(r"\w+")


@dataclass(frozen=True)
class SnippetPart:
    text: str
    highlighted: bool


@dataclass
class DocumentHit:
    document_id: int
    title: str
    name: str
    doc_type: str | None
    number: str | None
    score: float
    snippet: list[SnippetPart]


@dataclass
class IndicatorHit:
    code: str
    name: str
    unit: str | None
    agency: str | None
    score: float


@dataclass
class SearchResults:
    query: str
    tokens: list[str]
    documents: list[DocumentHit] = field(default_factory=list)
    indicators: list[IndicatorHit] = field(default_factory=list)

    @property
    def total(self) -> int:
        return len(self.documents) + len(self.indicators)


def query_tokens(query: str) -> list[str]:
    """The folded words of ``query`` (at most ``MAX_TOKENS``); every other character is dropped."""
    return _WORD.findall(fold(query))[:MAX_TOKENS]


def fts5_query(tokens: list[str]) -> str:
    """An FTS5 MATCH expression: every word quoted, all required, the last one a prefix."""
    quoted = [f'"{tok}"' for tok in tokens]
    quoted[-1] += "*"
    return " ".join(quoted)


def tsquery(tokens: list[str]) -> str:
    """A PostgreSQL tsquery text for ``to_tsquery('simple', …)``: words ANDed, last one a prefix."""
    quoted = [f"'{tok}'" for tok in tokens]
    quoted[-1] += ":*"
    return " & ".join(quoted)


def search(session: Session, query: str, limit: int = 30) -> SearchResults:
    tokens = query_tokens(query)
    results = SearchResults(query=query, tokens=tokens)
    if not tokens:
        return results
    dialect = session.get_bind().dialect.name
    if dialect == "sqlite":
        doc_rows = session.execute(
            text(
                "SELECT rowid, bm25(documents_fts, 4.0, 1.0) AS score FROM documents_fts "
                "WHERE documents_fts MATCH :q ORDER BY score LIMIT :n"
            ),
            {"q": fts5_query(tokens), "n": limit},
        ).all()
        ind_rows = session.execute(
            text(
                "SELECT code, bm25(indicators_fts, 0.0, 4.0, 1.0) AS score FROM indicators_fts "
                "WHERE indicators_fts MATCH :q ORDER BY score LIMIT :n"
            ),
            {"q": fts5_query(tokens), "n": limit},
        ).all()
        doc_scores = {int(r[0]): -float(r[1]) for r in doc_rows}
        ind_scores = {str(r[0]): -float(r[1]) for r in ind_rows}
    elif dialect == "postgresql":
        doc_rows = session.execute(
            text(
                "SELECT id, ts_rank(search_vector, to_tsquery('simple', :q)) AS score FROM documents "
                "WHERE search_vector @@ to_tsquery('simple', :q) ORDER BY score DESC, id LIMIT :n"
            ),
            {"q": tsquery(tokens), "n": limit},
        ).all()
        ind_rows = session.execute(
            text(
                "SELECT code, ts_rank(search_vector, to_tsquery('simple', :q)) AS score FROM indicators "
                "WHERE search_vector @@ to_tsquery('simple', :q) ORDER BY score DESC, code LIMIT :n"
            ),
            {"q": tsquery(tokens), "n": limit},
        ).all()
        doc_scores = {int(r[0]): float(r[1]) for r in doc_rows}
        ind_scores = {str(r[0]): float(r[1]) for r in ind_rows}
    else:  # pragma: no cover - only SQLite and PostgreSQL are supported
        raise NotImplementedError(f"full-text search is not available on {dialect}")

    if doc_scores:
        docs = session.scalars(select(models.Document).where(models.Document.id.in_(doc_scores))).all()
        for doc in sorted(docs, key=lambda d: (-doc_scores[d.id], d.id)):
            results.documents.append(
                DocumentHit(
                    document_id=doc.id,
                    title=doc.title or doc.name,
                    name=doc.name,
                    doc_type=doc.doc_type,
                    number=doc.number,
                    score=doc_scores[doc.id],
                    snippet=snippet(doc.text, tokens),
                )
            )
    if ind_scores:
        inds = session.scalars(select(models.Indicator).where(models.Indicator.code.in_(ind_scores))).all()
        for ind in sorted(inds, key=lambda i: (-ind_scores[i.code], i.code)):
            results.indicators.append(
                IndicatorHit(code=ind.code, name=ind.name, unit=ind.unit, agency=ind.agency, score=ind_scores[ind.code])
            )
    found = {hit.code for hit in results.indicators}
    results.indicators.extend(h for h in catalogue_hits(session, tokens) if h.code not in found)
    return results


def _words_pattern(tokens: list[str]) -> re.Pattern[str]:
    """Every token as a whole folded word, the last one as a prefix, in any order."""
    look = [rf"(?=.*\b{re.escape(t)}\b)" for t in tokens[:-1]] + [rf"(?=.*\b{re.escape(tokens[-1])})"]
    return re.compile("^" + "".join(look), re.DOTALL)


def catalogue_hits(session: Session, tokens: list[str], limit: int = 30) -> list[IndicatorHit]:
    """Catalogue indicators that stored facts use, whose name (score 1) or an alias (0.5) holds
    every word of the query."""
    from chitieu.catalog import load_catalog

    used = set(session.scalars(select(models.Fact.indicator).where(models.Fact.indicator.is_not(None)).distinct()))
    if not used:
        return []
    pattern = _words_pattern(tokens)
    hits = []
    for code, ind in load_catalog(session).indicators.items():
        if code not in used or ind.merged_into:
            continue
        if pattern.match(fold(ind.name)):
            score = 1.0
        elif any(pattern.match(fold(alias)) for alias in ind.aliases):
            score = 0.5
        else:
            continue
        hits.append(IndicatorHit(code=code, name=ind.name, unit=ind.unit, agency=ind.agency, score=score))
    hits.sort(key=lambda h: (-h.score, h.name))
    return hits[:limit]


def snippet(original: str, tokens: list[str], radius: int = SNIPPET_RADIUS) -> list[SnippetPart]:
    """A window of ``original`` around the first matched word, matched words marked.

    Words are matched on the folded text at word starts (the last token as a prefix, like the
    query), and mapped back to the original so the snippet shows the real diacritics.
    """
    folded = fold(original)
    if len(folded) == len(original):
        origin: list[int] | None = None
    else:
        folded, origin = fold_with_map(original)

    def to_original(i: int) -> int:
        return origin[i] if origin is not None else i

    alternatives = [re.escape(t) + (r"\w*" if i == len(tokens) - 1 else r"\b") for i, t in enumerate(tokens)]
    pattern = re.compile(r"\b(?:" + "|".join(alternatives) + ")")
    phrase = re.compile(r"\b" + r"\W+".join(alternatives)) if len(tokens) > 1 else None
    first = (phrase.search(folded) if phrase else None) or pattern.search(folded)
    if first is None:
        head = original[: 2 * radius]
        return [SnippetPart(head + ("…" if len(original) > len(head) else ""), False)]
    lo = max(0, first.start() - radius)
    hi = min(len(folded), first.end() + radius)
    parts: list[SnippetPart] = []
    cursor = lo
    marks = pattern if phrase is None or phrase.search(folded, lo, hi) is None else phrase
    for match in marks.finditer(folded, lo, hi):
        if match.start() > cursor:
            parts.append(SnippetPart(original[to_original(cursor) : to_original(match.start())], False))
        parts.append(SnippetPart(original[to_original(match.start()) : to_original(match.end())], True))
        cursor = match.end()
    if cursor < hi:
        parts.append(SnippetPart(original[to_original(cursor) : to_original(hi)], False))
    if lo > 0:
        parts.insert(0, SnippetPart("…", False))
    if hi < len(folded):
        parts.append(SnippetPart("…", False))
    return parts
