"""one hand entry per indicator and period

Data entry corrects the existing figure of an indicator and period instead of adding another;
the unique index makes two people creating the same figure at the same moment collide in the
database (the second is told what the first entered) rather than leave two competing rows.

Revision ID: 0003
Revises: 0002
"""

from collections.abc import Sequence

from alembic import op

revision: str = "0003"
down_revision: str | None = "0002"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    op.create_index("ux_entries_indicator_period", "entries", ["indicator", "period_start", "period_end"], unique=True)


def downgrade() -> None:
    op.drop_index("ux_entries_indicator_period", table_name="entries")
