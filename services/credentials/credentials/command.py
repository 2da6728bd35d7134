"""`praxis credential verify FILE`: check a credential issued through Praxis, by anyone, without an account.

The check is the service's own (domain/securing.py): both signatures against the keys the school and the enterprise
publish in their DID documents, the validity period, and the school's signed status list. What it needs it reads from
files given on the command line (offline: `--did-document` for each organisation, `--status-list`), else fetches from
the addresses the credential names (did:web documents, the list's URL), each with a deadline. Exit status 0: valid;
1: not valid (the reasons are printed); 2: not a credential, or a file that cannot be read.
"""

from __future__ import annotations

import json
import sys
import time
from datetime import UTC, datetime
from pathlib import Path

import click
import httpx

from credentials.domain import did as dids
from credentials.domain import securing
from praxis_common.errors import InvalidInput

MAX_FETCH_BYTES = 4 * 1024 * 1024


@click.group(help="Open Badges 3.0 credentials issued through Praxis (docs/credentials.md).")
def credential() -> None:
    pass


@credential.command(help="Check a credential (its JSON file, or - for standard input); exit 0 when valid.")
@click.argument("file", type=click.File("rb"))
@click.option(
    "--did-document",
    "document_files",
    multiple=True,
    type=click.Path(exists=True, dir_okay=False, path_type=Path),
    help="An organisation's DID document (did.json), read instead of fetched; repeat for each.",
)
@click.option(
    "--status-list",
    "status_file",
    type=click.Path(exists=True, dir_okay=False, path_type=Path),
    help="The school's status list (the VC-JWT it publishes), read instead of fetched.",
)
@click.option("--timeout", default=10.0, show_default=True, help="Seconds allowed for each fetch.")
@click.option("--json", "as_json", is_flag=True, help="Print the result as JSON.")
def verify(file, document_files: tuple[Path, ...], status_file: Path | None, timeout: float, as_json: bool) -> None:
    try:
        secured = securing.parse(file.read(securing.MAX_CREDENTIAL_BYTES + 1))
        documents = {}
        for path in document_files:
            doc = json.loads(path.read_text())
            documents[doc["id"]] = doc
    except (InvalidInput, ValueError, KeyError, TypeError, OSError, RecursionError) as exc:
        click.echo(f"not a credential this command can check: {getattr(exc, 'detail', exc)}", err=True)
        sys.exit(2)
    now = datetime.now(UTC)
    notes: list[str] = []
    issuer = securing.credential_of(secured)["issuer"]["id"]
    with httpx.Client(timeout=timeout, follow_redirects=False) as http:
        for d in sorted((securing.signer_dids(secured) | {issuer}) - set(documents)):
            try:
                documents[d] = json.loads(_fetch(http, dids.document_url(d), timeout))
            except (InvalidInput, httpx.HTTPError, httpx.InvalidURL, ValueError, RecursionError) as exc:
                notes.append(f"{d}'s DID document could not be read: {getattr(exc, 'detail', exc)}")
        bits, url = None, securing.status_url(secured)
        signed = securing.verify(secured, documents=documents, status_bits=None, now=now)
        if url and securing.ISSUER in signed.signers:  # fetch only what the issuer signed for: never a forger's URL
            try:
                token = status_file.read_text().strip() if status_file else _fetch(http, url, timeout).decode().strip()
                bits = securing.read_status_list(
                    token, url=url, issuer=issuer, documents=documents, now=datetime.now(UTC)
                )
            except (InvalidInput, httpx.HTTPError, httpx.InvalidURL, ValueError, OSError) as exc:
                notes.append(f"the status list could not be trusted: {getattr(exc, 'detail', exc)}")
    check = securing.verify(secured, documents=documents, status_bits=bits, now=datetime.now(UTC))
    problems = notes + check.problems
    credential_ = check.credential or {}
    parties = {
        "issuer": _party(credential_.get("issuer")),
        "source": _party((credential_.get("credentialSubject") or {}).get("source")),
    }
    if as_json:
        out = {
            "valid": check.valid,
            "revoked": check.revoked,
            "signers": check.signers,
            "parties": parties,
            "problems": problems,
            "credential_id": credential_.get("id"),
        }
        click.echo(json.dumps(out, ensure_ascii=False, indent=2))
    else:
        click.echo(
            f"{'VALID' if check.valid else 'NOT VALID'}: {credential_.get('name', '?')} ({credential_.get('id', '?')})"
        )
        click.echo(f"  issued by {parties['issuer']}; assessed and countersigned by {parties['source']}")
        for role, kid in sorted(check.signers.items()):
            click.echo(f"  signed by the {role}: {kid}")
        for p in problems:
            click.echo(f"  - {p}")
    sys.exit(0 if check.valid else 1)


def _party(profile: object) -> str:
    """A profile as "name (DID)": who a credential says it is from, to be read beside the signatures' DIDs."""
    if not isinstance(profile, dict):
        return "(not named)"
    return f"{str(profile.get('name', '?'))[:200]} ({str(profile.get('id', '?'))[:300]})"


def _fetch(http: httpx.Client, url: str, seconds: float) -> bytes:
    """GET `url`: at most MAX_FETCH_BYTES, and the whole answer within `seconds` (a slow sender cannot hold it)."""
    deadline = time.monotonic() + seconds
    with http.stream("GET", url, headers={"Accept": "application/json, application/jwt"}) as r:
        r.raise_for_status()
        body = b""
        for chunk in r.iter_bytes():
            body += chunk
            if len(body) > MAX_FETCH_BYTES:
                raise InvalidInput(f"{url} answered more than {MAX_FETCH_BYTES} bytes")
            if time.monotonic() > deadline:
                raise InvalidInput(f"{url} took more than {seconds} s to answer")
        return body
