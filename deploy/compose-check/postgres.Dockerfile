# PostgreSQL for the compose check (tests/test_compose_stack.py), where the official postgres image cannot be pulled:
# Debian's PostgreSQL on the check's local base image, behind an entrypoint that does what the official image's does
# for docker-compose.yml (POSTGRES_USER/POSTGRES_PASSWORD, /docker-entrypoint-initdb.d on an empty volume).
ARG BASE_IMAGE
FROM ${BASE_IMAGE}
RUN mkdir -p /etc/postgresql-common \
 && echo "create_main_cluster = false" > /etc/postgresql-common/createcluster.conf \
 && apt-get update \
 && apt-get install -y --no-install-recommends postgresql-15 postgresql-client-15 \
 && rm -rf /var/lib/apt/lists/*
COPY postgres-entrypoint.sh /usr/local/bin/postgres-entrypoint.sh
ENTRYPOINT ["sh", "/usr/local/bin/postgres-entrypoint.sh"]
