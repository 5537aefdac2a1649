"""full-text search over documents and indicators, accent-insensitive, in the database itself

SQLite: FTS5 tables ``documents_fts`` (rowid = documents.id) and ``indicators_fts``
(rowid = indicators.rowid) over a folded copy of the text, kept current by triggers, so every
writer (CLI ingest, web upload, a script) maintains them without Python code. FTS5's
``unicode61 remove_diacritics 2`` tokenizer folds case and tone/vowel marks; it leaves ``đ``
alone (a letter with a stroke is not a combining mark), so the triggers replace đ/Đ first.

PostgreSQL: the ``unaccent`` extension, an IMMUTABLE wrapper ``chitieu_fold(text)`` (unaccent
itself is only STABLE, which a generated column refuses), generated ``search_vector`` tsvector
columns ('simple' configuration: Vietnamese has no stemmer) and GIN indexes.

Caution for later migrations: a SQLite batch ("move and copy") rebuild of ``documents`` or
``indicators`` drops their triggers; such a migration must recreate them (see ``_sqlite_triggers``).

Revision ID: 0002
Revises: 0001
"""

from collections.abc import Sequence

from alembic import op

revision: str = "0002"
down_revision: str | None = "0001"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def _fold(expr: str) -> str:
    return f"replace(replace(coalesce({expr}, ''), 'đ', 'd'), 'Đ', 'D')"


_DOC_TITLE = _fold("new.name || ' ' || coalesce(new.number, '') || ' ' || coalesce(new.doc_type, '') || ' ' || coalesce(new.title, '')")
_DOC_BODY = _fold("new.text")
_IND_NAME = _fold("new.name")
# aliases is a JSON array stored with \uXXXX escapes (json.dumps); json_each decodes them
_IND_ALIASES = _fold("coalesce((SELECT group_concat(value, ' ') FROM json_each(new.aliases)), '') || ' ' || coalesce(new.\"group\", '')")


def _sqlite_triggers() -> list[str]:
    return [
        f"""CREATE TRIGGER documents_fts_insert AFTER INSERT ON documents BEGIN
            INSERT INTO documents_fts(rowid, title, body) VALUES (new.id, {_DOC_TITLE}, {_DOC_BODY});
        END""",
        f"""CREATE TRIGGER documents_fts_update AFTER UPDATE OF name, number, doc_type, title, text ON documents BEGIN
            DELETE FROM documents_fts WHERE rowid = old.id;
            INSERT INTO documents_fts(rowid, title, body) VALUES (new.id, {_DOC_TITLE}, {_DOC_BODY});
        END""",
        """CREATE TRIGGER documents_fts_delete AFTER DELETE ON documents BEGIN
            DELETE FROM documents_fts WHERE rowid = old.id;
        END""",
        f"""CREATE TRIGGER indicators_fts_insert AFTER INSERT ON indicators BEGIN
            INSERT INTO indicators_fts(rowid, code, name, aliases) VALUES (new.rowid, new.code, {_IND_NAME}, {_IND_ALIASES});
        END""",
        f"""CREATE TRIGGER indicators_fts_update AFTER UPDATE OF code, name, aliases, "group" ON indicators BEGIN
            DELETE FROM indicators_fts WHERE rowid = old.rowid;
            INSERT INTO indicators_fts(rowid, code, name, aliases) VALUES (new.rowid, new.code, {_IND_NAME}, {_IND_ALIASES});
        END""",
        """CREATE TRIGGER indicators_fts_delete AFTER DELETE ON indicators BEGIN
            DELETE FROM indicators_fts WHERE rowid = old.rowid;
        END""",
    ]


def _upgrade_sqlite() -> None:
    tokenize = "tokenize = 'unicode61 remove_diacritics 2'"
    op.execute(f"CREATE VIRTUAL TABLE documents_fts USING fts5(title, body, {tokenize})")
    op.execute(f"CREATE VIRTUAL TABLE indicators_fts USING fts5(code UNINDEXED, name, aliases, {tokenize})")
    for statement in _sqlite_triggers():
        op.execute(statement)
    op.execute(
        f"INSERT INTO documents_fts(rowid, title, body) SELECT id, {_DOC_TITLE.replace('new.', '')}, "
        f"{_DOC_BODY.replace('new.', '')} FROM documents"
    )
    op.execute(
        f"INSERT INTO indicators_fts(rowid, code, name, aliases) SELECT rowid, code, "
        f"{_IND_NAME.replace('new.', '')}, {_IND_ALIASES.replace('new.', '')} FROM indicators"
    )


def _upgrade_postgresql() -> None:
    op.execute("CREATE EXTENSION IF NOT EXISTS unaccent")
    op.execute(
        """CREATE OR REPLACE FUNCTION chitieu_fold(text) RETURNS text
        LANGUAGE sql IMMUTABLE STRICT PARALLEL SAFE
        AS $$ SELECT lower(public.unaccent('public.unaccent'::regdictionary, $1)) $$"""
    )
    op.execute(
        """ALTER TABLE documents ADD COLUMN search_vector tsvector GENERATED ALWAYS AS (
            setweight(to_tsvector('simple', chitieu_fold(
                name || ' ' || coalesce(number, '') || ' ' || coalesce(doc_type, '') || ' ' || coalesce(title, ''))), 'A')
            || setweight(to_tsvector('simple', chitieu_fold(coalesce(text, ''))), 'B')
        ) STORED"""
    )
    op.execute("CREATE INDEX ix_documents_search_vector ON documents USING gin (search_vector)")
    op.execute(
        """ALTER TABLE indicators ADD COLUMN search_vector tsvector GENERATED ALWAYS AS (
            setweight(to_tsvector('simple', chitieu_fold(name || ' ' || code)), 'A')
            || setweight(to_tsvector('simple', chitieu_fold(coalesce((aliases::jsonb)::text, '') || ' ' || coalesce("group", ''))), 'B')
        ) STORED"""
    )
    op.execute("CREATE INDEX ix_indicators_search_vector ON indicators USING gin (search_vector)")


def upgrade() -> None:
    dialect = op.get_bind().dialect.name
    if dialect == "sqlite":
        _upgrade_sqlite()
    elif dialect == "postgresql":
        _upgrade_postgresql()


def downgrade() -> None:
    dialect = op.get_bind().dialect.name
    if dialect == "sqlite":
        for name in ("documents_fts_insert", "documents_fts_update", "documents_fts_delete",
                     "indicators_fts_insert", "indicators_fts_update", "indicators_fts_delete"):
            op.execute(f"DROP TRIGGER IF EXISTS {name}")
        op.execute("DROP TABLE IF EXISTS documents_fts")
        op.execute("DROP TABLE IF EXISTS indicators_fts")
    elif dialect == "postgresql":
        op.execute("DROP INDEX IF EXISTS ix_indicators_search_vector")
        op.execute("DROP INDEX IF EXISTS ix_documents_search_vector")
        op.execute("ALTER TABLE indicators DROP COLUMN IF EXISTS search_vector")
        op.execute("ALTER TABLE documents DROP COLUMN IF EXISTS search_vector")
        op.execute("DROP FUNCTION IF EXISTS chitieu_fold(text)")
