"""When a credential (or a status list) is in force: the instants it names, read strictly, and its validity period
checked against a clock, with the leeway clocks need."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

# Clocks differ between an issuer and a verifier (and a verifier may read its clock before it fetches): a list or a
# credential signed "now" is taken as valid from this much earlier, as JWT verifiers allow for `nbf`.
CLOCK_LEEWAY = timedelta(minutes=5)
# The instants a credential may name: anything else (year 1, year 9999) is no date of a credential, and near the
# ends of datetime's range the leeway's arithmetic would overflow.
EARLIEST, LATEST = datetime(1900, 1, 1, tzinfo=UTC), datetime(9000, 1, 1, tzinfo=UTC)


def parse_instant(text: object) -> datetime:
    """An RFC 3339 date-time (UTC when it names no zone); ValueError when it is none or out of range."""
    if not isinstance(text, str) or len(text) > 64:
        raise TypeError("not a date-time")
    t = datetime.fromisoformat(text.replace("Z", "+00:00"))
    t = t if t.tzinfo else t.replace(tzinfo=UTC)
    try:
        in_range = EARLIEST <= t <= LATEST
    except OverflowError:  # year 9999 at -23:59 is past datetime's range in UTC
        in_range = False
    if not in_range:
        raise ValueError(f"{text[:40]} is out of range")
    return t


def period(
    credential: dict, now: datetime, claims: dict | None = None
) -> tuple[datetime | None, datetime | None, list[str]]:
    """(valid from, valid until, what is wrong with them at `now`): the credential's validFrom / validUntil (VC 1.1:
    issuanceDate / expirationDate) and, given the JWT's `claims`, its nbf / exp; a start is taken with the clocks'
    leeway. A credential must say when it became valid."""
    problems: list[str] = []

    def instant(*names: str) -> tuple[datetime | None, str]:
        for name in names:
            if credential.get(name) is not None:
                try:
                    return parse_instant(credential[name]), str(credential[name])[:64]
                except (TypeError, ValueError):
                    problems.append(f"{name} is not a date and time")
                    return None, ""
        return None, ""

    def epoch(name: str) -> tuple[datetime | None, str]:
        value = (claims or {}).get(name)
        if value is None:
            return None, ""
        if isinstance(value, bool) or not isinstance(value, (int, float)):
            problems.append(f"the `{name}` claim is not a time")
            return None, ""
        if not EARLIEST.timestamp() <= value <= LATEST.timestamp():
            problems.append(f"the `{name}` claim is out of range")
            return None, ""
        at = datetime.fromtimestamp(value, UTC)
        return at, at.strftime("%Y-%m-%dT%H:%M:%SZ")

    (valid_from, said_from), (valid_until, said_until) = (
        instant("validFrom", "issuanceDate"),
        instant("validUntil", "expirationDate"),
    )
    if valid_from is None and not problems:
        problems.append("it says not when it became valid (validFrom)")
    for start, said in ((valid_from, said_from), epoch("nbf")):
        if start is not None and start - CLOCK_LEEWAY > now:
            problems.append(f"not valid before {said}")
    for end, said in ((valid_until, said_until), epoch("exp")):
        if end is not None and end < now:
            problems.append(f"expired at {said}")
    return valid_from, valid_until, problems
