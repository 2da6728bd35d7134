"""What an organisation owns in the credentials service, for its export (docs/export.md), $1 its id and $2 its kind:
the credentials it is a party to (a school those it signed as issuer, an enterprise those it countersigned or was
asked to), its signing keys' public halves (never the private ones, which stay sealed here), and a school's records
of its students' achievements brought in (a presented badge as it was handed in). Left out: the read model of other
services' events (achievements as graded, approved weeks, organisation names), exported by their owners."""

from __future__ import annotations

from praxis_common.exports import ExportResource as R

KEY = "org, org_kind, number, kid, public_jwk, created_at, retired_at, withdrawn_at"

RESOURCES = [
    R(
        "credentials",
        1,
        "SELECT * FROM credential WHERE ($2 = 'school' AND school_org = $1) OR ($2 = 'enterprise' AND "
        "enterprise_org = $1) ORDER BY requested_at, id",
    ),
    R("signing_keys", 1, f"SELECT {KEY} FROM signing_key WHERE org = $1 AND org_kind = $2 ORDER BY number"),
    R(
        "recorded_achievements",
        1,
        "SELECT * FROM recorded_achievement WHERE $2 = 'school' AND school_org = $1 ORDER BY recorded_at, id",
    ),
]
