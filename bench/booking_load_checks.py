"""The checks and accounting of bench/booking_load.py: the database after a run (no overbooking, counters equal to
the placements), the outbox drained, CPU time per process from /proc, the calibration loop and py-spy."""

from __future__ import annotations

import asyncio
import os
import subprocess
import time
import uuid
from pathlib import Path

import asyncpg
from booking_load_runs import HOLDING

# --------------------------------------------------------------------------- checks and accounting


async def verify(conn: asyncpg.Connection, ids: list[str]) -> tuple[int, int, int]:
    """(overbooked positions, positions whose seats_taken differs from the placements holding a seat,
    placements holding a seat) over the given positions."""
    row = await conn.fetchrow(
        """
        SELECT count(*) FILTER (WHERE holding > seats) AS overbooked,
               count(*) FILTER (WHERE holding <> seats_taken OR seats_taken > seats) AS mismatched,
               coalesce(sum(holding), 0) AS holding
        FROM (SELECT p.id, p.seats, p.seats_taken,
                     count(pl.id) FILTER (WHERE pl.status = ANY($2::text[])) AS holding
              FROM position p LEFT JOIN placement pl ON pl.position_id = p.id
              WHERE p.id = ANY($1::uuid[])
              GROUP BY p.id) counts
        """,
        [uuid.UUID(i) for i in ids],
        list(HOLDING),
    )
    return row["overbooked"], row["mismatched"], row["holding"]


async def outbox_drained(conn: asyncpg.Connection, timeout: float = 120) -> None:
    deadline = time.monotonic() + timeout
    while await conn.fetchval("SELECT count(*) FROM outbox WHERE sent_at IS NULL"):
        if time.monotonic() > deadline:
            raise RuntimeError("the outbox relay did not drain the outbox")
        await asyncio.sleep(0.1)


def _cpu_seconds(pid: int, *, reaped_children: bool = False) -> float:
    """utime + stime of a process (+ those of its exited, reaped children)."""
    try:
        fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
    except OSError:
        return 0.0
    ticks = int(fields[11]) + int(fields[12]) + (int(fields[13]) + int(fields[14]) if reaped_children else 0)
    return ticks / os.sysconf("SC_CLK_TCK")


def calibration_ms() -> float:
    """CPU time of a fixed pure-Python loop: this machine's speed drifts (seen: 0.73 s to 1.07 s for the same
    loop within an hour), so runs are only comparable together with this figure."""
    started, total = time.process_time(), 0
    for i in range(3_000_000):
        total += i
    return (time.process_time() - started) * 1000


def _machine_busy_seconds() -> float:
    """CPU seconds all cores spent neither idle nor waiting for I/O (/proc/stat)."""
    ticks = [int(v) for v in Path("/proc/stat").read_text().split("\n", 1)[0].split()[1:9]]
    return (sum(ticks) - ticks[3] - ticks[4]) / os.sysconf("SC_CLK_TCK")


def _parent(pid: int) -> int:
    return int(Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()[1])


def _children(ppid: int) -> list[int]:
    pids = []
    for entry in Path("/proc").iterdir():
        if entry.name.isdigit():
            try:
                if int((entry / "stat").read_text().rsplit(")", 1)[1].split()[1]) == ppid:
                    pids.append(int(entry.name))
            except (OSError, IndexError, ValueError):
                pass
    return pids


class CpuMeter:
    """CPU seconds used by the service processes, PostgreSQL (postmaster and its children) and this
    process over an interval, read from /proc."""

    def __init__(self, services: dict[str, int], postmaster: int) -> None:
        self.services, self.postmaster = services, postmaster

    def sample(self) -> dict[str, float]:
        times = os.times()
        return {
            **{name: _cpu_seconds(pid) for name, pid in self.services.items()},
            "postgres": _cpu_seconds(self.postmaster, reaped_children=True)
            + sum(_cpu_seconds(p) for p in _children(self.postmaster)),
            "load generator": times.user + times.system,
            "machine": _machine_busy_seconds(),
        }

    @staticmethod
    def line(before: dict[str, float], after: dict[str, float], seconds: float) -> str:
        used = {k: (after[k] - before[k]) / seconds for k in before}
        machine = used.pop("machine")
        parts = [f"{k} {v:4.2f}" for k, v in used.items()]
        others = max(0.0, machine - sum(used.values()))
        return f"CPU cores busy: {', '.join(parts)}, other processes on the machine {others:4.2f}"


# --------------------------------------------------------------------------- main


def start_profilers(py_spy: str, pids: list[int], workdir: Path) -> list[subprocess.Popen]:
    """py-spy record (raw collapsed stacks, 200 Hz) on each service process; stopped with SIGINT."""
    return [
        subprocess.Popen(
            [
                py_spy,
                "record",
                "--pid",
                str(pid),
                "--format",
                "raw",
                "--rate",
                "200",
                "--nonblocking",
                "-o",
                str(workdir / f"py-spy-internships-{i + 1}.txt"),
            ],
            stdout=subprocess.DEVNULL,
            stderr=subprocess.DEVNULL,
        )
        for i, pid in enumerate(pids)
    ]
