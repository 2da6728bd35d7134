"""Benchmark: computing one national-scale allocation round (internships.domain.allocation), in process.

A synthetic round: 50,000 students, 5,000 positions with 1-20 seats, every student listing 10 distinct
positions drawn with a Zipf-like popularity skew (weight 1 / rank^0.9: the most popular position is
listed by about half the students, the median one by a few dozen), competencies from a pool of 300, ids
as UUID strings. Enterprises rank all their applicants by a common merit plus their own noise; a fifth
give tie groups (merit bands of ten) and a fifth give no ranking, so the default competency-fit ranking
applies there.

This bench covers the computation, in process, on a round already in memory: `allocate` under the tie rule
`lottery` (the input checks, ids to ints, the lottery, the ranking dicts, deferred acceptance, the matches), best
and median of 3, and its phases; `allocate` under `lottery-then-improvement-cycles` (the same, then stable
improvement cycles), best and median of 3, how many students the cycles moved up and the time they added; then, each timed once, explaining every student, `input_hash` and `check_stable`
on the result. Reading the round from the database and publishing placements are outside it. Peak
memory: tracemalloc over one `allocate` (Python allocations) and the process's ru_maxrss (which also
counts the generated round). The baseline, in the same run on the same round: a textbook deferred
acceptance (a queue of free students, one proposal per step, each position a list re-sorted on every
proposal, rankings as dicts of tuples); it must return the identical matching.

    .venv/bin/python bench/allocation.py [--students 50000] [--positions 5000] [--list-length 10] [--seed 1]
"""

from __future__ import annotations

import argparse
import collections
import dataclasses
import gc
import os
import platform
import random
import resource
import statistics
import time
import tracemalloc
import uuid
from collections.abc import Callable
from typing import TypeVar

from internships.domain.allocation import (
    Instance,
    Position,
    Student,
    TieRule,
    _compile,
    _deferred_acceptance,
    allocate,
    check_stable,
    input_hash,
    preference_keys,
    validate,
)

T = TypeVar("T")
GIB = 1024**3


def generate(
    *,
    students: int,
    positions: int,
    list_length: int,
    seed: int,
    unranked_share: float = 0.2,
    tied_share: float = 0.2,
) -> Instance:
    """A synthetic round (see the module docstring); the same arguments give the same round."""
    rng = random.Random(seed)
    pool = [f"competency-{i}" for i in range(300)]
    position_ids = [str(uuid.UUID(int=rng.getrandbits(128))) for _ in range(positions)]
    popularity = [1 / (rank + 1) ** 0.9 for rank in range(positions)]
    by_popularity = rng.sample(position_ids, positions)
    cumulative = list(_accumulate(popularity))

    people = []
    for _ in range(students):
        wanted: dict[str, None] = {}
        while len(wanted) < list_length:
            for pid in rng.choices(by_popularity, cum_weights=cumulative, k=2 * list_length):
                wanted[pid] = None
        people.append(
            Student(
                id=str(uuid.UUID(int=rng.getrandbits(128))),
                preferences=tuple(wanted)[:list_length],
                competencies=frozenset(rng.sample(pool, rng.randint(3, 8))),
            )
        )

    merit = {s.id: rng.random() for s in people}
    applicants: dict[str, list[str]] = {pid: [] for pid in position_ids}
    for s in people:
        for pid in s.preferences:
            applicants[pid].append(s.id)
    offered = []
    for pid in position_ids:
        kind = rng.random()
        ranking = None
        if kind >= unranked_share:
            scored = sorted(applicants[pid], key=lambda sid: -(merit[sid] + 0.3 * rng.random()))
            if kind < unranked_share + tied_share:  # merit bands of ten: ties inside a band
                ranking = tuple(tuple(scored[k : k + 10]) for k in range(0, len(scored), 10))
            else:
                ranking = tuple((sid,) for sid in scored)
        tags = frozenset(rng.sample(pool, rng.randint(2, 6)))
        offered.append(Position(id=pid, capacity=rng.randint(1, 20), tags=tags, ranking=ranking))
    return Instance(students=tuple(people), positions=tuple(offered), seed=seed)


def _accumulate(weights: list[float]) -> list[float]:
    total, out = 0.0, []
    for w in weights:
        total += w
        out.append(total)
    return out


def textbook_deferred_acceptance(instance: Instance) -> dict[str, str | None]:
    """The baseline: deferred acceptance as usually written, with the same orders (preference_keys)."""
    keys = preference_keys(instance)
    capacity = {p.id: p.capacity for p in instance.positions}
    prefs = {s.id: s.preferences for s in instance.students}
    next_choice = dict.fromkeys(prefs, 0)
    held: dict[str, list[str]] = {p.id: [] for p in instance.positions}
    free = collections.deque(prefs)
    while free:
        sid = free.popleft()
        if next_choice[sid] >= len(prefs[sid]):
            continue
        pid = prefs[sid][next_choice[sid]]
        next_choice[sid] += 1
        if sid not in keys[pid]:
            free.append(sid)
            continue
        held[pid].append(sid)
        held[pid].sort(key=keys[pid].__getitem__)
        if len(held[pid]) > capacity[pid]:
            free.append(held[pid].pop())
    matches: dict[str, str | None] = dict.fromkeys(prefs)
    for pid, sids in held.items():
        for sid in sids:
            matches[sid] = pid
    return matches


def timed(fn: Callable[[], T], runs: int) -> tuple[list[float], T]:
    """Wall times of `runs` calls, each as the service makes it: in a worker process of its own with the cyclic
    garbage collector off (praxis_common.worker_process), here after a full collection."""
    times, result = [], None
    for _ in range(runs):
        gc.collect()
        gc.disable()
        t0 = time.perf_counter()
        result = fn()
        times.append(time.perf_counter() - t0)
        gc.enable()
    return times, result  # type: ignore[return-value]


def once(fn: Callable[[], T]) -> tuple[float, T]:
    times, result = timed(fn, 1)
    return times[0], result


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--students", type=int, default=50_000)
    parser.add_argument("--positions", type=int, default=5_000)
    parser.add_argument("--list-length", type=int, default=10)
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--runs", type=int, default=3)
    args = parser.parse_args()

    t_gen, instance = once(
        lambda: generate(students=args.students, positions=args.positions, list_length=args.list_length, seed=args.seed)
    )
    seats = sum(p.capacity for p in instance.positions)
    entries = sum(len(s.preferences) for s in instance.students)
    ranked = [p for p in instance.positions if p.ranking is not None]
    tied = sum(1 for p in ranked if any(len(g) > 1 for g in p.ranking or ()))
    demand = collections.Counter(pid for s in instance.students for pid in s.preferences)
    print(
        f"cores: {os.cpu_count()}  load average (1 min): {os.getloadavg()[0]:.2f}  python: {platform.python_version()}"
    )
    print(
        f"round: {len(instance.students):,} students, {len(instance.positions):,} positions, {seats:,} seats, "
        f"{entries:,} list entries; rankings: {len(ranked) - tied:,} strict, {tied:,} with ties, "
        f"{len(instance.positions) - len(ranked):,} default (competency fit); "
        f"applicants per position: max {max(demand.values()):,}, median {statistics.median(demand.values()):.0f}, "
        f"{len(instance.positions) - len(demand):,} with none  (generated in {t_gen:.1f} s)"
    )

    improving, instance = instance, dataclasses.replace(instance, tie_rule=TieRule.LOTTERY)
    times, result = timed(lambda: allocate(instance), args.runs)
    rss_after_allocate = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss * 1024
    best, middle = min(times), statistics.median(times)
    matched = sum(1 for pid in result.matches.values() if pid is not None)
    print(
        f"allocate (tie rule lottery): best {best * 1000:.0f} ms, median {middle * 1000:.0f} ms of {args.runs} "
        f"({', '.join(f'{t * 1000:.0f}' for t in times)} ms); matched {matched:,} of {len(result.matches):,}"
    )

    t_compile, compiled = once(lambda: _compile(instance))
    t_da, _ = once(lambda: _deferred_acceptance(compiled))
    print(
        f"  phases: checks + ids -> ints + lottery + ranking dicts {t_compile * 1000:.0f} ms, "
        f"deferred acceptance {t_da * 1000:.0f} ms"
    )
    improved_times, improved = timed(lambda: allocate(improving), args.runs)
    better = sum(
        1
        for s in improving.students
        if improved.matches[s.id] != result.matches[s.id]
        and (
            result.matches[s.id] is None
            or s.preferences.index(improved.matches[s.id]) < s.preferences.index(result.matches[s.id])
        )
    )
    improved_middle = statistics.median(improved_times)
    improved_violations = check_stable(improving, improved.matches)
    print(
        f"allocate (tie rule lottery-then-improvement-cycles): best {min(improved_times) * 1000:.0f} ms, median "
        f"{improved_middle * 1000:.0f} ms ({', '.join(f'{t * 1000:.0f}' for t in improved_times)} ms); "
        f"{improved.improved:,} students moved up ({better:,} to a position they prefer, "
        f"{improved.improved / max(matched, 1):.1%} of the matched), {(improved_middle - middle) * 1000:.0f} ms "
        f"added (medians); stable for the rankings as given: {not improved_violations}"
    )
    t_validate, _ = once(lambda: validate(instance))
    print(f"validate (the field-by-field checks, run by allocate only on bad input): {t_validate * 1000:.0f} ms")
    t_explain, explanations = once(result.explanations)
    reasons = collections.Counter(r.reason.value for rs in explanations.values() for r in rs)
    lost_on_draw = sum(1 for rs in explanations.values() for r in rs if r.lost_on_draw)
    proposals = sum(reasons.values()) + matched  # each proposal was refused (and is explained) or holds
    by_reason = ", ".join(f"{k} {v:,}" for k, v in sorted(reasons.items()))
    print(
        f"explain every student: {t_explain * 1000:.0f} ms, {sum(reasons.values()):,} rejections ({by_reason}; "
        f"lost on the lottery {lost_on_draw:,}); {proposals:,} proposals in all"
    )
    t_hash, digest = once(lambda: input_hash(instance))
    print(f"input_hash: {t_hash * 1000:.0f} ms  sha256 {digest[:16]}...")

    tracemalloc.start()
    tracemalloc.reset_peak()
    traced = allocate(instance)
    _, traced_peak = tracemalloc.get_traced_memory()
    tracemalloc.stop()
    assert traced.matches == result.matches
    print(
        f"memory: tracemalloc peak during allocate {traced_peak / 2**20:.0f} MiB; "
        f"process ru_maxrss {rss_after_allocate / 2**20:.0f} MiB (includes the generated round)"
    )

    t_check, violations = once(lambda: check_stable(instance, result.matches))
    print(f"check_stable: {len(violations)} violations ({t_check * 1000:.0f} ms)")
    for line in violations[:5]:
        print(f"  {line}")

    base_times, base = timed(lambda: textbook_deferred_acceptance(instance), args.runs)
    same = base == result.matches
    print(
        f"baseline (textbook deferred acceptance): best {min(base_times) * 1000:.0f} ms, "
        f"median {statistics.median(base_times) * 1000:.0f} ms; same matching: {same}; "
        f"speedup (median) {statistics.median(base_times) / middle:.1f}x"
    )

    met = middle < 1.0 and max(traced_peak, rss_after_allocate) < GIB and not violations and same
    print(
        f"target: computation < 1 s and < 1 GiB -> {'met' if met else 'NOT met'} "
        f"(median {middle * 1000:.0f} ms; peak {max(traced_peak, rss_after_allocate) / 2**20:.0f} MiB; "
        f"stable: {not violations}; load average now {os.getloadavg()[0]:.2f})"
    )
    met = improved_middle < 2.0 and not improved_violations and better == improved.improved
    print(
        f"target: with improvement cycles < 2 s -> {'met' if met else 'NOT met'} (median {improved_middle * 1000:.0f} ms)"
    )


if __name__ == "__main__":
    main()
