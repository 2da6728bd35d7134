"""Run docker-compose.yml's `nats` service in a Docker engine (as compose would: its image, command, config volume
and secrets under /run/secrets, the dev secrets unless PRAXIS_NATS_SECRETS says otherwise), then check that an
anonymous client is refused and that a service's user cannot publish on another service's subjects.

    .venv/bin/python deploy/nats/check_compose_nats.py .

Needs a Docker engine and the compose file's NATS image (docs/security.md, "The bus").
"""

import asyncio
import subprocess
import sys
import time
from pathlib import Path

import nats
import yaml

ROOT = Path(sys.argv[1]).resolve()
compose = yaml.safe_load((ROOT / "docker-compose.yml").read_text())
svc = compose["services"]["nats"]
args = ["docker", "run", "-d", "--rm", "--name", "praxis-compose-nats", "-p", "14222:4222"]
for v in svc["volumes"]:
    src, dst, *mode = v.split(":")
    if src.startswith("./"):
        args += ["-v", f"{ROOT / src[2:]}:{dst}" + (f":{mode[0]}" if mode else "")]
for name in svc["secrets"]:
    file = compose["secrets"][name]["file"].replace(
        "${PRAXIS_NATS_SECRETS:-./deploy/nats/dev-secrets}", str(ROOT / "deploy/nats/dev-secrets")
    )
    args += ["-v", f"{file}:/run/secrets/{name}:ro"]
command = [c.replace("$$", "$") for c in svc["command"]]
args += [svc["image"], *command]
subprocess.run(["docker", "rm", "-f", "praxis-compose-nats"], capture_output=True)
print("+", " ".join(args[:6]), "...", svc["image"])
subprocess.run(args, check=True, capture_output=True)
secrets = ROOT / "deploy/nats/dev-secrets"


async def main():
    url = "nats://127.0.0.1:14222"
    deadline = time.monotonic() + 30
    while True:
        try:
            admin = await nats.connect(
                url,
                user="praxis-admin",
                password=(secrets / "praxis_admin_nats_password").read_text().strip(),
                connect_timeout=2,
                max_reconnect_attempts=0,
            )
            break
        except Exception:
            if time.monotonic() > deadline:
                raise
            await asyncio.sleep(0.5)
    print("admin connects:", admin.is_connected)
    try:
        await nats.connect(url, connect_timeout=2, max_reconnect_attempts=0, allow_reconnect=False)
        sys.exit("anonymous client: ACCEPTED")
    except Exception as exc:
        print("anonymous refused:", type(exc).__name__, exc)
    errors, violated = [], asyncio.Event()

    async def err_cb(e):
        errors.append(e)
        violated.set()

    mentors = await nats.connect(
        url,
        user="mentors",
        password=(secrets / "mentors_nats_password").read_text().strip(),
        error_cb=err_cb,
        max_reconnect_attempts=0,
    )
    await mentors.publish("praxis.internships.placement.confirmed", b"{}")
    await mentors.flush()
    try:  # the server reports the violation asynchronously
        await asyncio.wait_for(violated.wait(), 5)
    except TimeoutError:
        sys.exit("mentors published on internships' subject without a permissions violation")
    print("mentors publishing on internships' subject:", [str(e) for e in errors])
    await mentors.close()
    await admin.close()


try:
    asyncio.run(main())
finally:
    print(subprocess.run(["docker", "logs", "praxis-compose-nats"], capture_output=True, text=True).stderr[-600:])
    subprocess.run(["docker", "rm", "-f", "praxis-compose-nats"], capture_output=True)
