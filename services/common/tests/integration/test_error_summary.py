"""What a log may say about a database error (praxis_common.logs) against a real PostgreSQL: the statement's bound
values appear neither in the engine's error (hide_parameters), nor in its summary, nor in a logged traceback,
although the driver's own message quotes them."""

from __future__ import annotations

import json
import logging
import sys

import pytest
from sqlalchemy import text
from sqlalchemy.exc import DBAPIError

from praxis_common.db import create_engine
from praxis_common.logs import JsonFormatter, error_summary

SECRET = "Zyx Qwerty-Unique"


async def test_a_database_error_is_summarised_without_the_values_it_was_given(database_factory):
    engine = create_engine(database_factory("logs"), pool_size=1)
    try:
        async with engine.connect() as conn:
            with pytest.raises(DBAPIError) as caught:
                await conn.execute(text("SELECT CAST(:v AS integer) + 1"), {"v": SECRET})
    finally:
        await engine.dispose()
    exc = caught.value
    assert SECRET in str(exc.orig)  # the driver quotes the value: that is what the summary leaves out
    assert SECRET not in error_summary(exc)
    assert error_summary(exc).startswith(type(exc).__name__ + "(")
    assert "SQL parameters hidden" in str(exc)  # create_engine's hide_parameters: no "[parameters: ...]" line

    try:
        raise RuntimeError("handling failed") from exc
    except RuntimeError:
        record = logging.LogRecord("t", logging.ERROR, __file__, 1, "unhandled error", None, sys.exc_info())
    logged = json.loads(JsonFormatter("test").format(record))
    assert SECRET not in json.dumps(logged)
    assert "SQLSTATE 22000" in logged["exception"] and "test_a_database_error_is_summarised" in logged["exception"]
    assert logged["exception"].endswith("RuntimeError: handling failed")
