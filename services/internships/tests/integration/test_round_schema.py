"""The migrations create exactly the tables the code declares (no drift), and the rounds migration downgrades cleanly."""

from __future__ import annotations

import asyncio
import uuid

import pytest
from alembic import command

from internships.adapters.orm import metadata
from internships.main import MIGRATIONS
from praxis_common import migrations


@pytest.fixture(scope="module")
def database_url(database_factory):
    url = database_factory("internships_round_schema", migrated=MIGRATIONS)
    return url


async def test_the_migrations_match_the_table_declarations(database_url):
    assert await migrations.schema_drift(metadata, database_url) == {}


def test_a_runs_inputs_are_stored_with_lz4(database_url):
    """Tens of MB of inputs per national run: lz4 stores them in about half pglz's time (migration 0040)."""
    (row,) = _sql(
        database_url,
        "SELECT 'lz4' = ANY(enumvals) AS lz4, (SELECT attcompression FROM pg_attribute WHERE attrelid = "
        "'round_run'::regclass AND attname = 'inputs') AS method FROM pg_settings WHERE name = 'default_toast_compression'",
    )
    if not row["lz4"]:
        pytest.skip("this PostgreSQL was built without lz4")
    assert row["method"] == b"l"  # pg_attribute.attcompression, a "char"


def test_downgrade_to_before_rounds_and_upgrade_again(database_factory):
    url = database_factory("internships_round_roundtrip", migrated=MIGRATIONS)
    config = migrations.alembic_config(MIGRATIONS, url)
    command.downgrade(config, "0007_booking_function")
    assert "allocation_round" in asyncio.run(migrations.schema_drift(metadata, url))  # its tables are gone
    command.upgrade(config, "head")
    assert asyncio.run(migrations.schema_drift(metadata, url)) == {}


def _quoted(text: str) -> str:
    return text.replace("'", "''")


def _sql(url: str, *statements: str) -> list:
    """Run statements on the database; the rows of the last one."""
    import asyncpg

    async def run() -> list:
        conn = await asyncpg.connect(url.replace("postgresql+asyncpg://", "postgresql://", 1))
        try:
            for statement in statements[:-1]:
                await conn.execute(statement)
            return await conn.fetch(statements[-1])
        finally:
            await conn.close()

    return asyncio.run(run())


_ROUND = (
    "INSERT INTO allocation_round (id, title, owner_org, schools, list_limit, publish_as, seed, status, created_at, "
    "created_by, version) VALUES ('{id}', 't', 's1', '{schools}', 10, 'requested', 7, '{status}', now(), 'u', 0)"
)


def _computed_round(rnd: str, run: str, *, students: int, columns: dict[str, str]) -> tuple[str, str]:
    """A computed round of school s1 with one run, as the schema at some revision stores it (`columns`: the round's
    columns that revision adds, with their SQL values)."""
    names, values = "".join(f", {c}" for c in columns), "".join(f", {v}" for v in columns.values())
    return (
        _ROUND.format(id=rnd, schools="{s1}", status="computed")
        .replace("created_by, version)", f"created_by, version{names})")
        .replace("'u', 0)", f"'u', 0{values})"),
        "INSERT INTO round_run (id, round_id, seq, input_hash, algorithm_version, seed, computed_at, computed_by, "
        f"students, matched, inputs) VALUES ('{run}', '{rnd}', 1, 'h', 'v', 7, now(), 'u', {students}, 0, '{{}}')",
    )


def test_existing_co_owners_that_took_no_part_become_invited(database_factory):
    """Rounds created before co-owners had to accept: a co-owner that added a student (or a position) took part and
    stays; one that did nothing is invited now. The downgrade makes both co-owners again."""
    url = database_factory("internships_round_invitations")
    migrations.upgrade(MIGRATIONS, url, "0014_idempotency_subject")
    joint, alone = "00000000-0000-0000-0000-0000000000a1", "00000000-0000-0000-0000-0000000000a2"
    _sql(
        url,
        _ROUND.format(id=joint, schools="{s1,s2,s3}", status="open"),
        _ROUND.format(id=alone, schools="{s1}", status="open"),
        "INSERT INTO round_student (round_id, school_org, student_ref, profile, added_at) "
        f"VALUES ('{joint}', 's3', 'stu', '{{}}', now())",
        "SELECT 1",
    )
    migrations.upgrade(MIGRATIONS, url, "0015_round_invitations")
    rows = _sql(url, "SELECT id::text, schools, invited_schools FROM allocation_round ORDER BY id")
    assert [(r["id"], r["schools"], r["invited_schools"]) for r in rows] == [
        (joint, ["s1", "s3"], ["s2"]),
        (alone, ["s1"], []),
    ]
    command.downgrade(migrations.alembic_config(MIGRATIONS, url), "0014_idempotency_subject")
    rows = _sql(url, "SELECT schools FROM allocation_round ORDER BY id")
    assert [r["schools"] for r in rows] == [["s1", "s3", "s2"], ["s1"]]


def test_stored_explanations_lose_their_lottery_places(database_factory):
    """Runs computed before give "full" explanations with the student's and the last admitted student's lottery
    places: the migration keeps the bands (renamed `cutoff`) and drops every draw."""
    import json

    url = database_factory("internships_explanations")
    migrations.upgrade(MIGRATIONS, url, "0015_round_invitations")
    rnd, run = "00000000-0000-0000-0000-0000000000b1", "00000000-0000-0000-0000-0000000000b2"
    full = {
        "position_id": "p",
        "reason": "full",
        "seats": 1,
        "position_tags": 0,
        "you": {"group": 1, "shared_tags": None, "draw": 7},
        "last_admitted": {"group": 1, "shared_tags": None, "draw": 3},
        "lost_on_draw": True,
        "text": "p: all 1 seat(s) went to students it ranked higher",
    }
    not_ranked = {**full, "reason": "not-ranked", "you": None, "last_admitted": None, "lost_on_draw": False}
    _sql(
        url,
        *_computed_round(rnd, run, students=2, columns={"invited_schools": "'{}'"}),
        "INSERT INTO round_match (run_id, school_org, student_ref, explanation) VALUES "
        f"('{run}', 's1', 'a', '{json.dumps([full, not_ranked])}'), ('{run}', 's1', 'b', '[]')",
        "SELECT 1",
    )
    migrations.upgrade(MIGRATIONS, url, "0016_explanations_without_draws")
    rows = _sql(url, "SELECT student_ref, explanation FROM round_match ORDER BY student_ref")
    explanations = {r["student_ref"]: json.loads(r["explanation"]) for r in rows}
    assert explanations["b"] == []
    assert explanations["a"] == [
        {
            **{k: v for k, v in full.items() if k != "last_admitted"},
            "you": {"group": 1, "shared_tags": None},
            "cutoff": {"group": 1, "shared_tags": None},
        },
        {**{k: v for k, v in not_ranked.items() if k != "last_admitted"}, "cutoff": None},
    ]
    assert all('"draw"' not in r["explanation"] for r in rows)
    command.downgrade(migrations.alembic_config(MIGRATIONS, url), "0015_round_invitations")
    (row,) = _sql(url, "SELECT explanation FROM round_match WHERE student_ref = 'a'")
    assert json.loads(row["explanation"])[0]["last_admitted"] == {"group": 1, "shared_tags": None, "draw": 0}


def test_stored_explanations_become_what_builds_them_and_back(database_factory):
    """Runs computed before stored each student's explanation; the migration keeps what they were built from (the
    positions passed over with the student's band, each position's facts), and the explanation built from it when
    read is the one stored. The previous release still writes as it did while this one rolls out (an expand step);
    the downgrade keeps the stored explanations and writes those of runs this release computed, texts included."""
    import json

    from internships.domain.allocation import PositionFacts, Reason, Rejection, Standing
    from internships.domain.round_views import Match
    from internships.handlers.rounds.results import explained, rejection_json

    url = database_factory("internships_explanations_when_read")
    migrations.upgrade(MIGRATIONS, url, "0038_round_tie_rule")
    rnd, run = "00000000-0000-0000-0000-0000000000c1", "00000000-0000-0000-0000-0000000000c2"
    ranked, fit, none, unranking = (f"00000000-0000-0000-0000-00000000010{i}" for i in range(4))
    stored = {
        "a": [
            Rejection(ranked, Reason.FULL, 3, 2, Standing(4, None), Standing(2, None)),  # group 4, cutoff group 2
            Rejection(fit, Reason.FULL, 1, 5, Standing(None, 3), Standing(None, 3)),  # lost the tie-break at 3/5
            Rejection(none, Reason.NO_SEATS, 0, 1),
            Rejection(unranking, Reason.NOT_RANKED, 2, 0),
        ],
        "b": [Rejection(fit, Reason.FULL, 1, 5, Standing(None, 2), Standing(None, 3))],
        "c": [],
    }
    stored = {ref: [rejection_json(r) for r in rejections] for ref, rejections in stored.items()}
    _sql(
        url,
        *_computed_round(rnd, run, students=3, columns={"invited_schools": "'{}'", "tie_rule": "'lottery'"}),
        *(
            "INSERT INTO round_match (run_id, school_org, student_ref, explanation) VALUES "
            f"('{run}', 's1', '{ref}', '{_quoted(json.dumps(explanation))}')"
            for ref, explanation in stored.items()
        ),
        "SELECT 1",
    )
    migrations.upgrade(MIGRATIONS, url, "0039_explanations_when_read")
    rows = _sql(url, f"SELECT student_ref, passed_over, bands FROM round_match WHERE run_id = '{run}'")
    facts = _sql(url, f"SELECT position_id, seats, tags, ranked, cutoff FROM round_run_position WHERE run_id = '{run}'")
    facts = {f["position_id"]: PositionFacts(f["seats"], f["tags"], f["ranked"], f["cutoff"]) for f in facts}

    def built(ref: str, passed_over) -> list[dict]:
        return explained(Match("s1", ref, None, None, {}, tuple(passed_over)), facts)

    assert {
        r["student_ref"]: built(r["student_ref"], zip(r["passed_over"], r["bands"], strict=True)) for r in rows
    } == (stored)
    # A student of a run this release computes (no explanation stored), and one an old process writes meanwhile.
    new = built("d", [(uuid.UUID(fit), 1), (uuid.UUID(unranking), None)])
    _sql(
        url,
        "INSERT INTO round_match (run_id, school_org, student_ref, passed_over, bands) VALUES "
        f"('{run}', 's1', 'd', ARRAY['{fit}', '{unranking}']::uuid[], ARRAY[1, NULL]::int[])",
        f"INSERT INTO round_match (run_id, school_org, student_ref, explanation) VALUES ('{run}', 's1', 'e', '[]')",
        "SELECT 1",
    )
    command.downgrade(migrations.alembic_config(MIGRATIONS, url), "0038_round_tie_rule")
    rows = _sql(url, "SELECT student_ref, explanation FROM round_match")
    assert {r["student_ref"]: json.loads(r["explanation"]) for r in rows} == {**stored, "d": new, "e": []}
    assert new == [
        rejection_json(Rejection(fit, Reason.FULL, 1, 5, Standing(None, 4), Standing(None, 3))),
        rejection_json(Rejection(unranking, Reason.NOT_RANKED, 2, 0)),
    ]
