"""An allocation round end to end over REST against real processes: two schools' students rank four positions
of two enterprises (one ranks its applicants with ties, the other gives no ranking), the round is closed,
computed and published; the result, its explanations, the placements, the seats and the events agree."""

from __future__ import annotations

import json
from datetime import date, timedelta

import httpx
import nats

from internships.domain import allocation
from praxis_dev.testing.stack import eventually

TODAY = date.today()
A, B = "sch-round-a", "sch-round-b"  # the owner school, and a co-owner
E1, E2 = "ent-round-1", "ent-round-2"  # E1 ranks its applicants; E2 gives no ranking
SEED = 2027
B2 = "2027.b2"  # school references hold dots, colons and dashes, never a "/": each is one path segment


async def position(internships, c, enterprise, agreement, seats, tags) -> str:
    made = await internships.position(
        c, enterprise, agreement, seats=seats, starts_on=TODAY + timedelta(days=30), competencies=tags
    )
    return made["id"]


async def setup_world(internships) -> dict:
    """Agreements A–E1, A–E2, B–E1 (B holds none with E2, so it neither sees nor can list E2's positions)."""
    async with internships.client() as c:
        a_e1 = await internships.agreement(c, A, E1, quota=10)
        a_e2 = await internships.agreement(c, A, E2, quota=10)
        b_e1 = await internships.agreement(c, B, E1, quota=10)
        p1 = await position(internships, c, E1, a_e1, 2, ["platform-operation"])
        p2 = await position(internships, c, E1, a_e1, 1, ["data-analysis"])
        p3 = await position(internships, c, E2, a_e2, 1, ["data-analysis"])
        p4 = await position(internships, c, E2, a_e2, 2, ["logistics", "cross-cultural-communication"])
    return {"agreements": {"A-E1": a_e1, "A-E2": a_e2, "B-E1": b_e1}, "positions": [p1, p2, p3, p4]}


# The round, step by step (each step starts from what the steps before it left in `steps`).


async def test_1_two_schools_open_a_joint_round_of_four_positions_and_seven_students(stack, internships, rounds, steps):
    """The owner invites a co-owner, who accepts; positions and students join; B sees only E1's positions."""
    world = await setup_world(internships)
    steps["world"] = world
    p1, p2, p3, p4 = world["positions"]
    async with internships.client() as c:
        rnd = await rounds.create(c, A, co_owner_schools=[B], seed=SEED, list_limit=3)
        assert (rnd["status"], rnd["schools"], rnd["seed"], rnd["list_limit"]) == ("open", [A], SEED, 3)
        assert rnd["invited_schools"] == [B] and rnd["tie_rule"] == "lottery-then-improvement-cycles"
        round_id = rnd["id"]
        joined = await rounds.accept(c, B, round_id)
        assert (joined["schools"], joined["invited_schools"]) == ([A, B], [])
        await rounds.add_positions(c, A, round_id, p1, p2, p3, p4)
        await rounds.add_students(
            c,
            A,
            round_id,
            {"a1": ["data-analysis"], "a2": ["platform-operation"], "a3": ["logistics"], "a4": [], "a5": []},
        )
        await rounds.add_students(c, B, round_id, {"b1": ["data-analysis"], B2: []})
        seen_by_b = await c.get(f"/v1/rounds/{round_id}/positions", headers=rounds.school(B))
        assert sorted(p["position_id"] for p in seen_by_b.json()["items"]) == sorted([p1, p2])  # no agreement with E2
        steps["round_id"] = round_id


async def test_2_students_list_preferences_and_an_enterprise_ranks_with_ties(stack, internships, rounds, steps):
    """Preferences of every student; E1 ranks p1 with a tie and p2; its applicants page shows the groups."""
    round_id = steps["round_id"]
    p1, p2, p3, p4 = steps["world"]["positions"]
    async with internships.client() as c:
        lists = {
            (A, "a1"): [p1, p3],
            (A, "a2"): [p1, p2],
            (A, "a3"): [p1, p4],
            (A, "a4"): [p3, p4],
            (A, "a5"): [p2],
            (B, "b1"): [p1, p2],
            (B, B2): [p2],
        }
        for (school, ref), positions in lists.items():
            r = await rounds.prefer(c, school, round_id, ref, positions)
            assert r.status_code == 200 and r.json()["preferences"] == positions, r.text
        # E1 ties a2, b1 and a1 for p1's two seats (the lottery decides), then a3; at p2 it takes b2, then b1.
        ranked = await rounds.rank(c, E1, round_id, p1, [[(A, "a2"), (B, "b1"), (A, "a1")], [(A, "a3")]])
        assert ranked.status_code == 200 and ranked.json()["ranked"], ranked.text
        assert (await rounds.rank(c, E1, round_id, p2, [[(B, B2)], [(B, "b1")]])).status_code == 200
        applicants = await c.get(f"/v1/rounds/{round_id}/positions/{p2}/applicants", headers=rounds.enterprise(E1))
        assert sorted((s["school_org"], s["student_ref"], s["group"]) for s in applicants.json()["items"]) == sorted(
            [(A, "a2", None), (A, "a5", None), (B, "b1", 2), (B, B2, 1)]
        )
        assert applicants.json()["items"][0]["profile"]["display_name"]  # the shared profile, nothing more
        steps["lists"] = lists


async def test_3_closing_the_round_offers_every_seat(stack, internships, rounds, steps):
    """Closing freezes the inputs and offers each position's seats."""
    round_id = steps["round_id"]
    p1, p2, p3, p4 = steps["world"]["positions"]
    async with internships.client() as c:
        closed = await rounds.act(c, A, round_id, "close")
        assert closed.status_code == 200 and closed.json()["status"] == "closed", closed.text
        offered = {
            p["position_id"]: (p["offered_seats"], p["offered_limit"])
            for p in (await c.get(f"/v1/rounds/{round_id}/positions", headers=rounds.school(A))).json()["items"]
        }
        assert offered == {p1: (2, "seats"), p2: (1, "seats"), p3: (1, "seats"), p4: (2, "seats")}
        steps["offered"] = offered


async def test_4_the_computed_matching_is_the_algorithms_on_the_rounds_inputs_and_stable(
    stack, internships, rounds, steps
):
    """Each school sees its own students' result; the same matching as the pure algorithm, stable, same input hash."""
    round_id, lists, offered = steps["round_id"], steps["lists"], steps["offered"]
    p1, p2, p3, p4 = steps["world"]["positions"]
    async with internships.client() as c:
        computed = await rounds.act(c, A, round_id, "compute")
        assert computed.status_code == 201, computed.text
        run = computed.json()
        assert (run["seq"], run["students"], run["seed"]) == (1, 7, SEED)
        assert (
            run["algorithm_version"] == allocation.ALGORITHM_VERSIONS[allocation.TieRule.IMPROVED]
            and len(run["input_hash"]) == 64
        )

        view_a = (await c.get(f"/v1/rounds/{round_id}/result", headers=rounds.school(A))).json()
        view_b = (await c.get(f"/v1/rounds/{round_id}/result", headers=rounds.school(B))).json()
        assert {s["student_ref"] for s in view_a["items"]} == {"a1", "a2", "a3", "a4", "a5"}
        assert {s["student_ref"] for s in view_b["items"]} == {"b1", B2}  # each school sees its own
        got = {(s["school_org"], s["student_ref"]): s for s in view_a["items"] + view_b["items"]}
        match = {k: s["position_id"] for k, s in got.items()}

        # The same matching as the algorithm on the inputs as the round holds them, and stable.
        e1_rankings = {
            p["position_id"]: await ranking_of(c, rounds, round_id, p["position_id"])
            for p in (await c.get(f"/v1/rounds/{round_id}/positions", headers=rounds.enterprise(E1))).json()["items"]
        }
        tags = {
            p1: ["platform-operation"],
            p2: ["data-analysis"],
            p3: ["data-analysis"],
            p4: ["logistics", "cross-cultural-communication"],
        }
        competencies = {
            "a1": ["data-analysis"],
            "a2": ["platform-operation"],
            "a3": ["logistics"],
            "b1": ["data-analysis"],
        }
        instance = allocation.Instance(
            students=[
                allocation.Student(f"{s}/{ref}", tuple(ps), frozenset(competencies.get(ref, [])))
                for (s, ref), ps in lists.items()
            ],
            positions=[
                allocation.Position(
                    pid,
                    offered[pid][0],
                    frozenset(tags[pid]),
                    e1_rankings.get(pid),
                )
                for pid in (p1, p2, p3, p4)
            ],
            seed=SEED,
        )
        pure = allocation.allocate(instance)
        assert {tuple(k.split("/", 1)): v for k, v in pure.matches.items()} == match
        assert allocation.check_stable(instance, match_by_key(match)) == []
        assert allocation.input_hash(instance) == run["input_hash"]
        steps["run"] = run
        steps["got"] = got
        steps["match"] = match
        steps["view_a"] = view_a
        steps["view_b"] = view_b


async def test_5_the_explanations_say_why_each_student_did_not_get_a_better_choice(stack, internships, rounds, steps):
    """The lottery's loser, a lower tie group, an unranked applicant; filled seats add up."""
    got, match, view_a, view_b = steps["got"], steps["match"], steps["view_a"], steps["view_b"]
    p1, p2, p3, p4 = steps["world"]["positions"]
    # What the rules say whoever wins p1's lottery: two of the three tied get it, the third lost the draw.
    winners = {k for k in [(A, "a2"), (B, "b1"), (A, "a1")] if match[k] == p1}
    [loser] = {(A, "a2"), (B, "b1"), (A, "a1")} - winners
    assert len(winners) == 2
    [lost] = [r for r in got[loser]["explanation"] if r["position_id"] == p1]
    assert lost["reason"] == "full" and lost["lost_on_draw"] and "lost its tie-break" in lost["text"]
    assert got[(A, "a3")]["position_id"] == p4 and got[(A, "a3")]["choice"] == 2
    [a3_p1] = got[(A, "a3")]["explanation"]
    assert (a3_p1["reason"], a3_p1["you"]["group"], a3_p1["cutoff"]["group"]) == ("full", 2, 1)
    assert not a3_p1["lost_on_draw"]
    assert (match[(A, "a5")], [(r["position_id"], r["reason"]) for r in got[(A, "a5")]["explanation"]]) == (
        None,
        [(p2, "not-ranked")],
    )
    assert (match[(B, B2)], got[(B, B2)]["choice"], got[(B, B2)]["explanation"]) == (p2, 1, [])
    filled = {p["position_id"]: p["filled"] for p in view_a["positions"]}
    assert sum(filled.values()) == sum(v is not None for v in match.values())
    assert {p["position_id"] for p in view_b["positions"]} == {p1, p2}
    steps["filled"] = filled


async def test_6_computing_again_gives_the_identical_matching(stack, internships, rounds, steps):
    """The same inputs again: the identical matching, no moves; enterprises wait for publishing."""
    round_id, run = steps["round_id"], steps["run"]
    async with internships.client() as c:
        # The same inputs again: the identical matching, and no moves between the two runs.
        again = (await rounds.act(c, A, round_id, "compute")).json()
        assert (again["seq"], again["input_hash"]) == (2, run["input_hash"])
        compared = await c.get(
            f"/v1/rounds/{round_id}/runs/compare", params={"a": run["id"], "b": again["id"]}, headers=rounds.school(A)
        )
        assert compared.status_code == 200 and compared.json()["items"] == [], compared.text

        early = await c.get(f"/v1/rounds/{round_id}/result", headers=rounds.enterprise(E2))
        assert early.status_code == 409  # enterprises see the result once it is published
        steps["again"] = again


async def test_7_publishing_books_the_placements_and_takes_the_seats(stack, internships, rounds, steps):
    """Publishing creates the matched placements under the right agreements; E1 sees its part, without explanations."""
    round_id, again, match, filled = steps["round_id"], steps["again"], steps["match"], steps["filled"]
    world = steps["world"]
    p1, p2, p3, p4 = steps["world"]["positions"]
    async with internships.client() as c:
        taken_before = {pid: await seats_taken(c, rounds, pid) for pid in (p1, p2, p3, p4)}
        published = await rounds.act(c, A, round_id, "publish")
        assert published.status_code == 200, published.text
        body = published.json()
        assert body["round"]["status"] == "published" and body["run_id"] == again["id"]
        assert {x["position_id"]: x["placements"] for x in body["by_position"]} == {
            pid: n for pid, n in filled.items() if n
        }
        for pid in (p1, p2, p3, p4):
            assert await seats_taken(c, rounds, pid) == taken_before[pid] + filled[pid]

        placements = {}
        for school in (A, B):
            listed = await c.get("/v1/placements", params={"page_size": 200}, headers=rounds.school(school))
            for p in listed.json()["items"]:
                placements[(school, p["student_ref"])] = p
        assert {k: p["position_id"] for k, p in placements.items()} == {k: v for k, v in match.items() if v}
        assert {p["status"] for p in placements.values()} == {"requested"}
        for (school, _), p in placements.items():
            expected = world["agreements"][
                f"{'A' if school == A else 'B'}-{'E1' if p['enterprise_org'] == E1 else 'E2'}"
            ]
            assert p["agreement_id"] == expected

        seen_by_e1 = (await c.get(f"/v1/rounds/{round_id}/result", headers=rounds.enterprise(E1))).json()
        assert {(s["school_org"], s["student_ref"]) for s in seen_by_e1["items"]} == {
            k for k, v in match.items() if v in (p1, p2)
        }
        assert all(s["explanation"] is None for s in seen_by_e1["items"])
        assert {p["position_id"] for p in seen_by_e1["positions"]} == {p1, p2}
        steps["placements"] = placements


async def test_8_the_round_and_its_placements_events_leave_through_the_outbox(stack, steps):
    """round.published and one placement.requested per placement reach the stream."""
    round_id, placements = steps["round_id"], steps["placements"]
    placement_ids = {p["id"] for p in placements.values()}
    seen = await the_events_left(stack, round_id, placement_ids)
    published = seen[round_id]
    assert published["type"] == "praxis.internships.round.published.v1"
    assert published["placements"] == len(placement_ids) and published["placementStatus"] == "requested"
    assert published["schools"] == [A, B]


async def ranking_of(c, rounds, round_id: str, position_id: str) -> tuple | None:
    """An enterprise's ranking of its position, as its applicants page shows it (each applicant's tie group)."""
    page = (
        await c.get(f"/v1/rounds/{round_id}/positions/{position_id}/applicants", headers=rounds.enterprise(E1))
    ).json()
    if not page["position"]["ranked"]:
        return None
    groups: dict[int, list[str]] = {}
    for a in page["items"]:
        if a["group"] is not None:
            groups.setdefault(a["group"], []).append(f"{a['school_org']}/{a['student_ref']}")
    return tuple(tuple(sorted(groups[g])) for g in sorted(groups))


def match_by_key(match: dict) -> dict[str, str | None]:
    return {f"{s}/{ref}": pid for (s, ref), pid in match.items()}


async def seats_taken(c: httpx.AsyncClient, rounds, position_id: str) -> int:
    for enterprise in (E1, E2):
        r = await c.get(f"/v1/positions/{position_id}", headers=rounds.enterprise(enterprise))
        if r.status_code == 200:
            return r.json()["seats_taken"]
    raise AssertionError(f"position {position_id} not found")


async def the_events_left(stack, round_id: str, placement_ids: set[str]) -> dict[str, dict]:
    """The round's and the placements' events read from the stream (by round or placement id), once
    round.published and one placement.requested per created placement are there."""
    nc = await nats.connect(stack.nats_url)
    try:
        js = nc.jetstream()
        seen: dict[str, dict] = {}
        subs = [
            await js.subscribe(f"{stack.prefix}.internships.{topic}", ordered_consumer=True)
            for topic in ("round.published", "placement.requested")
        ]

        async def drained():
            for sub in subs:
                while True:
                    try:
                        msg = await sub.next_msg(timeout=0.2)
                    except Exception:
                        break
                    data = json.loads(msg.data)
                    key = data.get("placementId") or data.get("roundId")
                    seen[key] = {"type": msg.headers["ce-type"], **data}
            return round_id in seen and placement_ids <= seen.keys()

        await eventually(drained, timeout=15, what="round.published and the placements' events")
        return seen
    finally:
        await nc.close()
