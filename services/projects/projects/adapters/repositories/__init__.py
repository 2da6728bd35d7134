"""Repositories of the projects service, a module per resource: rows ↔ domain objects, in SQLAlchemy Core
statements only. A unit of work (adapters/unit_of_work.py) binds them to its connection.

Team slots are never counted in Python: a slot is taken with one conditional UPDATE (`teams_formed <
team_capacity`, under READ COMMITTED a concurrent taker waits on the row and re-checks the condition) and given
back with another; the CHECK constraint stands behind both. Rows are locked FOR NO KEY UPDATE / KEY SHARE (keys
never change), so inserting a row that references a team does not wait on it.

Lock order (so transactions cannot deadlock): the project row before its teams; a team's row before its
milestones.
"""

from __future__ import annotations

import uuid
from datetime import datetime

from sqlalchemy import and_, or_

After = tuple[datetime, uuid.UUID] | None  # the last row of the previous page: newest first


def newest_first(query, column_at, column_id, after: After, limit: int):
    if after is not None:
        query = query.where(or_(column_at < after[0], and_(column_at == after[0], column_id < after[1])))
    return query.order_by(column_at.desc(), column_id.desc()).limit(limit)
