"""Credentials and the `authorization` block for the NATS servers praxis_dev runs (`praxis up`, the test servers).

One password per installed service and one for the admin (operators' commands, tests' own clients), each in a file
of its own (mode 0600) that the service reads (`<SVC>_NATS_PASSWORD_FILE`); the server config holds only their
bcrypt hashes. Every password starts with DEV_PASSWORD_PREFIX, so prod refuses them (settings.py). The
permissions come from the services' specs (praxis_common.bus_access); test servers serve several deployment
prefixes at once (one per test module), added while they run (`add_prefix`, then the server reloads).
"""

from __future__ import annotations

import os
import secrets
from collections.abc import Iterable
from pathlib import Path

import bcrypt

from praxis_common import registry
from praxis_common.bus_access import ADMIN_USER, DEV_PASSWORD_PREFIX, BusUser, authorization_block
from praxis_common.jetstream import BusCredentials

# bcrypt's cost: the server checks a hash at every connect. The test servers take many connections and live an
# hour at most, so they use the cheapest cost the server accepts.
EMBEDDED_ROUNDS = 11
TEST_ROUNDS = 4


class DevBusAccess:
    """The users of one server (or cluster): their password files under `directory`, the config text."""

    def __init__(
        self,
        directory: Path,
        prefixes: Iterable[str] = (),
        *,
        users: list[BusUser] | None = None,
        rounds: int = TEST_ROUNDS,
    ) -> None:
        self.directory = Path(directory)
        self.directory.mkdir(parents=True, exist_ok=True)
        self.users = registry.bus_users() if users is None else users
        self.prefixes: list[str] = list(dict.fromkeys(prefixes))
        self._hashes = {
            name: bcrypt.hashpw(self._password(name).encode(), bcrypt.gensalt(rounds)).decode()
            for name in [ADMIN_USER, *(u.service for u in self.users)]
        }

    def password_file(self, user: str) -> Path:
        return self.directory / f"{user}.password"

    def _password(self, user: str) -> str:
        """The user's password, made on first use and kept (a restarted `praxis up` reuses it)."""
        path = self.password_file(user)
        if not path.exists():
            fd = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
            with os.fdopen(fd, "w") as out:
                out.write(DEV_PASSWORD_PREFIX + secrets.token_hex(16) + "\n")
        return path.read_text().strip()

    def credentials(self, user: str) -> BusCredentials:
        return BusCredentials(user, self._password(user))

    def admin_url(self, url: str) -> str:
        """`url` (one server) with the admin's credentials in it, for the tests' own clients."""
        scheme, _, rest = url.partition("://")
        return f"{scheme}://{ADMIN_USER}:{self._password(ADMIN_USER)}@{rest}"

    def service_environment(self, env_prefix: str, service: str) -> dict[str, str]:
        """What points a service at its credentials: `<SVC>_NATS_USER`, `<SVC>_NATS_PASSWORD_FILE`."""
        return {env_prefix + "NATS_USER": service, env_prefix + "NATS_PASSWORD_FILE": str(self.password_file(service))}

    def add_prefix(self, prefix: str) -> bool:
        """Grant the services their permissions under `prefix` too; True if that changed the config."""
        if prefix in self.prefixes:
            return False
        self.prefixes.append(prefix)
        return True

    def authorization(self) -> str:
        """The server config's `authorization` block."""
        return authorization_block(self.prefixes, self.users, self._hashes)
