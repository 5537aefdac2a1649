"""a phrase a planner dismissed as not an indicator

A figure whose wording matched no indicator is kept as a new, unconfirmed one until a planner
reviews it. ``dismissed`` records the answer "this is not one of the plan's indicators": its
figures stay facts of their documents (searchable, shown in place), and it leaves the review
list, the reports and the dashboard.

Revision ID: 0004
Revises: 0003
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0004"
down_revision: str | None = "0003"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


# A plain ALTER TABLE on SQLite too: a batch rebuild of ``indicators`` would drop its search
# triggers (see 0002).


def upgrade() -> None:
    op.add_column("indicators", sa.Column("dismissed", sa.Boolean(), nullable=False, server_default=sa.false()))


def downgrade() -> None:
    op.drop_column("indicators", "dismissed")
