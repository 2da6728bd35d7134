"""What the placement state machine checks in the database: a refused call changed nothing and answers its problem,
and after every step the counters, statuses, overlaps and outbox events agree with the model."""

from __future__ import annotations

import itertools

from hypothesis.stateful import invariant
from internships_placement_model import (
    ALL_STATUSES,
    CO,
    MINORS,
    OVERLAP_BLOCKING,
    RJ,
    SEAT_HOLDING,
    A,
    C,
    E,
    R,
    T,
    W,
    problem_of,
)
from sqlalchemy import text

from internships.domain.compliance import ComplianceViolation
from internships.domain.placements import IllegalTransition
from praxis_common.errors import Conflict, Forbidden, InvalidInput, NotFound, PraxisError

# What preparing a start adds to a placement's events (its document, its insurance), and the grade its completion
# gives it: not life-cycle transitions.
DOCUMENT_EVENTS = {"document_rendered", "document_signed", "signatures_voided", "insured", "guardian_consented"}
NOT_TRANSITIONS = DOCUMENT_EVENTS | {"graded"}


class DatabaseChecks:
    """The database side of the placement state machine (a mixin of the machine)."""

    def _check_refusal(self, exc: PraxisError, expected: type[PraxisError] | None, before, path: str) -> None:
        assert expected is not None, f"unexpected refusal: {type(exc).__name__}: {exc.detail}"
        assert isinstance(exc, expected), f"expected {expected.__name__}, got {type(exc).__name__}: {exc.detail}"
        if expected is IllegalTransition:
            assert type(exc) is IllegalTransition
        after = self.run(self._snapshot())
        assert after == before, "a refused call changed the database"
        body = problem_of(exc, path)
        status = {Forbidden: 403, NotFound: 404, ComplianceViolation: 422, InvalidInput: 422}.get(expected, 409)
        assert issubclass(expected, Conflict) == (status == 409)
        assert body["status"] == status
        assert body["type"] == f"urn:praxis:problem:{exc.code}" and exc.code not in ("conflict", "internal")
        assert body["detail"] and body["title"] and body["instance"] == path
        self.errors_seen[exc.code] = self.errors_seen.get(exc.code, 0) + 1

    # ---- what the database says --------------------------------------------------------------------------

    async def _snapshot(self):
        async with self.engine.connect() as conn:
            placements = (
                await conn.execute(
                    text(
                        "SELECT id, status, version, decided_at, started_at, ended_at, reason, student_consent_at, "
                        "guardian_consent_at FROM placement "
                        "WHERE school_org = :s OR enterprise_org = :e ORDER BY id"
                    ),
                    {"s": self.school, "e": self.enterprise},
                )
            ).all()
            positions = (
                await conn.execute(
                    text("SELECT id, seats_taken, version FROM position WHERE enterprise_org = :e ORDER BY id"),
                    {"e": self.enterprise},
                )
            ).all()
            agreement = (
                await conn.execute(
                    text("SELECT interns_placed, version FROM agreement WHERE id = :id"), {"id": self.agreement_id}
                )
            ).all()
            outbox = await conn.scalar(
                text("SELECT count(*) FROM outbox WHERE aggregate_type = 'placement' AND aggregate_id = ANY(:ids)"),
                {"ids": [str(p.id) for p in placements]},
            )
        return placements, positions, agreement, outbox

    @invariant()
    def database_agrees(self):
        self.run(self._check_database())

    async def _check_database(self):
        async with self.engine.connect() as conn:
            rows = (
                await conn.execute(
                    text(
                        "SELECT id, position_id, agreement_id, school_org, student_ref, status, starts_on, ends_on, "
                        "decided_at, started_at, ended_at, reason, student_consent_at, guardian_consent_at "
                        "FROM placement WHERE school_org = :s OR enterprise_org = :e"
                    ),
                    {"s": self.school, "e": self.enterprise},
                )
            ).all()
            positions = (
                await conn.execute(
                    text(
                        "SELECT id, seats, seats_taken, interns_current, status FROM position WHERE enterprise_org = :e"
                    ),
                    {"e": self.enterprise},
                )
            ).all()
            quota, placed = (
                await conn.execute(
                    text("SELECT intern_quota, interns_placed FROM agreement WHERE id = :id"),
                    {"id": self.agreement_id},
                )
            ).one()
            at_bases = (
                await conn.execute(
                    text("SELECT sum(interns_current) FROM practice_base WHERE enterprise_org = :e"),
                    {"e": self.enterprise},
                )
            ).scalar_one()
            # the parties that signed, before the start, the version current at the start (not voided)
            signed_before_start = {
                r.placement_id: r.parties
                for r in await conn.execute(
                    text(
                        "SELECT s.placement_id, count(DISTINCT s.party) AS parties FROM placement_signature s "
                        "JOIN placement p ON p.id = s.placement_id "
                        "WHERE (p.school_org = :s OR p.enterprise_org = :e) AND s.voided_at IS NULL "
                        "AND s.signed_at <= p.started_at GROUP BY s.placement_id"
                    ),
                    {"s": self.school, "e": self.enterprise},
                )
            }
            events = (
                await conn.execute(
                    text(
                        "SELECT aggregate_id, subject FROM outbox WHERE aggregate_type = 'placement' "
                        "AND aggregate_id = ANY(:ids) ORDER BY position"
                    ),
                    {"ids": [str(r.id) for r in rows]},
                )
            ).all()

        assert {r.status for r in rows} <= ALL_STATUSES
        for r in rows:  # each status carries the traces of the way there, and nothing of a way not taken
            if r.status in {C, RJ, A, CO, T}:
                assert r.decided_at is not None, r
            if r.status in {R, E}:
                assert r.decided_at is None, r
            assert (r.started_at is not None) == (r.status in {A, CO, T}), r
            assert (r.ended_at is not None) == (r.status in {CO, T, W, E}), r
            if r.status == T:
                assert r.reason, r
            if r.started_at is not None:  # started on or after its first day, signed by the three parties first
                assert r.started_at.date() >= r.starts_on and signed_before_start.get(r.id) == 3, r
                if r.student_ref in MINORS:
                    assert r.guardian_consent_at is not None and r.guardian_consent_at <= r.started_at, r
        assert {r.id: r.status for r in rows} == {pid: e.status for pid, e in self.expected.items()}
        assert all(r.agreement_id == self.agreement_id and r.school_org == self.school for r in rows)

        holding = [r for r in rows if r.status in SEAT_HOLDING]
        assert len(positions) == len(self.positions)
        for p in positions:
            assert p.status == "published"
            assert p.seats_taken == sum(1 for r in holding if r.position_id == p.id), (
                f"position {p.id}: seats_taken {p.seats_taken} but {[r.status for r in rows if r.position_id == p.id]}"
            )
            assert 0 <= p.seats_taken <= p.seats
            assert p.interns_current == sum(1 for r in rows if r.position_id == p.id and r.status in OVERLAP_BLOCKING)
        assert placed == len(holding), f"interns_placed {placed} but {len(holding)} seat-holding placements"
        assert placed <= quota == self.quota
        current = sum(1 for r in rows if r.status in OVERLAP_BLOCKING)  # the interns the ratio rules count
        assert at_bases == current, f"the base counts {at_bases} current interns, the placements say {current}"

        live = [r for r in rows if r.status in OVERLAP_BLOCKING]
        for a, b in itertools.combinations(live, 2):
            if a.student_ref == b.student_ref:
                assert a.ends_on < b.starts_on or b.ends_on < a.starts_on, (
                    f"{a.student_ref} holds overlapping placements {a.id} ({a.status}) and {b.id} ({b.status})"
                )

        subjects: dict[str, list[str]] = {}
        for ev in events:  # the life-cycle's events (the agreement document's own have tests of their own)
            kind = ev.subject.rsplit(".", 1)[-1]
            if kind not in NOT_TRANSITIONS:
                subjects.setdefault(ev.aggregate_id, []).append(kind)
        assert subjects == {str(pid): e.events for pid, e in self.expected.items()}
