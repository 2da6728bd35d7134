"""`praxis import`: upload a file to a service's import endpoint (docs/imports.md), follow its job with a progress
bar until it ends, then print the counts and each refused row as `file:line: field: message`. The exit status is 1
when a row was refused or the job failed, so a script can tell."""

from __future__ import annotations

import io
import time
import zipfile
from pathlib import Path

import click

from praxis_cli.client import Api, token_option

# The services a OneRoster bundle goes to, and what each takes from it.
ONEROSTER_TARGETS = (("internships", "students"), ("mentors", "teachers"))
POLL_SECONDS = 0.5
COUNTS = ("total", "created", "updated", "unchanged", "failed")


def bundle_bytes(path: Path) -> bytes:
    """A OneRoster bundle as a ZIP: the file itself, or the CSV files of a directory zipped."""
    if path.is_file():
        return path.read_bytes()
    files = sorted(path.glob("*.csv"))
    if not files:
        raise click.BadParameter(f"{path} holds no CSV files", param_hint="PATH")
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as z:
        for f in files:
            z.write(f, f.name)
    return buffer.getvalue()


def follow(api: Api, job: dict, what: str, interval: float) -> dict:
    """Poll the job until it ends, showing processed/total on a progress bar; the job as it ended."""
    path = f"/v1/imports/{job['id']}"
    while job["total"] is None and job["state"] in ("queued", "running"):
        time.sleep(interval)
        job = api.get(path)
    if job["total"] is not None:  # the file was read: the bar runs to the end (at once, if the job already ended)
        with click.progressbar(
            length=job["total"], label=f"{api.service}: importing {what}", show_pos=True, show_percent=True
        ) as bar:
            shown = 0
            while True:
                bar.update(job["processed"] - shown)
                shown = job["processed"]
                if job["state"] not in ("queued", "running"):
                    break
                time.sleep(interval)
                job = api.get(path)
    return job


def report(service: str, job: dict) -> bool:
    """Print how the job ended; True if every row went in (or would, in a dry run)."""
    dry = " (dry run: nothing written)" if job["dry_run"] else ""
    click.echo(f"{service}: job {job['id']} {job['state']}{dry}")
    click.echo("  " + ", ".join(f"{name} {job[name] if job[name] is not None else '-'}" for name in COUNTS))
    if job["state"] == "failed":
        click.echo(f"  failed: {job['detail']}", err=True)
    for e in job["errors"]:
        where = f"{e['file']}:{e['line']}" if e["file"] else f"line {e['line']}"
        click.echo(f"  {where}: {e['field']}: {e['message']}", err=True)
    if job["errors_more"]:
        click.echo(f"  … and {job['errors_more']} more refused row(s)", err=True)
    return job["state"] == "succeeded" and not job["failed"]


def upload(
    service: str, token: str, path: str, data: bytes, media_type: str, dry_run: bool, what: str, interval: float
) -> bool:
    with Api(service, token) as api:
        job = api.post(
            path, content=data, params={"dry_run": str(dry_run).lower()}, headers={"Content-Type": media_type}
        )
        click.echo(f"{service}: job {job['id']} queued")
        return report(service, follow(api, job, what, interval))


def job_options(f):
    """What every import takes: --dry-run, --interval and the caller's token."""
    f = token_option(f)
    f = click.option("--interval", type=float, default=POLL_SECONDS, show_default=True, help="seconds between polls")(f)
    return click.option("--dry-run", is_flag=True, help="validate and count what would change; write nothing")(f)


@click.group(name="import")
def import_() -> None:
    """Bulk imports: upload a file, follow its job with a progress bar, print the counts and refused rows."""


@import_.command()
@click.argument("path", type=click.Path(exists=True, path_type=Path))
@job_options
def oneroster(path: Path, dry_run: bool, interval: float, token: str) -> None:
    """Import a school's roster from a OneRoster 1.2 CSV bundle: its students into internships, its teachers as
    school mentors into mentors. PATH is the ZIP, or a directory holding orgs.csv, users.csv and enrollments.csv
    (classes.csv, roles.csv when present). Exit status 1 when a row was refused or a job failed."""
    data = bundle_bytes(path)
    results = [
        upload(service, token, "/v1/imports/oneroster", data, "application/zip", dry_run, what, interval)
        for service, what in ONEROSTER_TARGETS
    ]
    if not all(results):
        raise SystemExit(1)


@import_.command()
@click.argument("path", type=click.Path(exists=True, dir_okay=False, path_type=Path))
@job_options
def mentors(path: Path, dry_run: bool, interval: float, token: str) -> None:
    """Import your organisation's mentors from a CSV file (UTF-8): columns account, display_name, capacity, and
    optionally expertise, languages (separated by ; or ,) and active (true/false); rows keyed by account. Exit
    status 1 when a row was refused or the job failed."""
    data = path.read_bytes()
    if not upload("mentors", token, "/v1/imports/mentors", data, "text/csv", dry_run, "mentors", interval):
        raise SystemExit(1)


@import_.command()
@click.argument("path", type=click.Path(exists=True, dir_okay=False, path_type=Path))
@job_options
def positions(path: Path, dry_run: bool, interval: float, token: str) -> None:
    """Import your enterprise's positions from a CSV file (UTF-8) as drafts: columns external_ref (your id: the
    key), base_id, title, seats, starts_on, ends_on, duties (`name:core; name:peripheral`), and optionally
    description, languages, competencies, post_staff, monthly_pay, reference_monthly_wage. Exit status 1 when a
    row was refused or the job failed."""
    data = path.read_bytes()
    if not upload("internships", token, "/v1/imports/positions", data, "text/csv", dry_run, "positions", interval):
        raise SystemExit(1)
