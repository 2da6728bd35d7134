#!/usr/bin/env bash
# One PostgreSQL server, one database and one role per service. Each role owns its database and
# can connect to nothing else: CONNECT is revoked from PUBLIC on every service database (and on
# the maintenance database "postgres"), and the roles are neither superuser nor able to create
# databases or roles. No service can read another's tables.
#
# The postgres image runs this once, from /docker-entrypoint-initdb.d, when the data volume is
# empty. Passwords come from INTERNSHIPS_DB_PASSWORD / MENTORS_DB_PASSWORD / PROJECTS_DB_PASSWORD /
# NOTIFICATIONS_DB_PASSWORD / CREDENTIALS_DB_PASSWORD
# (docker-compose.yml passes them, with dev-only defaults). Changing them later needs
# `ALTER ROLE ... PASSWORD ...` or a fresh volume (`docker compose down -v`).
set -euo pipefail

create_service_database() {
  local name="$1" password="$2"
  # psql variables (:"name" identifier, :'password' literal) do the quoting; no shell in SQL.
  psql --no-psqlrc -v ON_ERROR_STOP=1 \
       --username "${POSTGRES_USER:-postgres}" --dbname "${POSTGRES_DB:-postgres}" \
       -v name="$name" -v password="$password" <<'SQL'
CREATE ROLE :"name" WITH LOGIN PASSWORD :'password'
  NOSUPERUSER NOCREATEDB NOCREATEROLE NOREPLICATION NOBYPASSRLS;
CREATE DATABASE :"name" OWNER :"name" ENCODING 'UTF8' TEMPLATE template0;
REVOKE ALL ON DATABASE :"name" FROM PUBLIC;
SQL
  echo "praxis init: database and role '$name' created"
}

create_service_database internships "${INTERNSHIPS_DB_PASSWORD:?INTERNSHIPS_DB_PASSWORD is not set}"
create_service_database mentors     "${MENTORS_DB_PASSWORD:?MENTORS_DB_PASSWORD is not set}"
create_service_database projects    "${PROJECTS_DB_PASSWORD:?PROJECTS_DB_PASSWORD is not set}"
create_service_database notifications "${NOTIFICATIONS_DB_PASSWORD:?NOTIFICATIONS_DB_PASSWORD is not set}"
create_service_database credentials "${CREDENTIALS_DB_PASSWORD:?CREDENTIALS_DB_PASSWORD is not set}"

# The service roles have no business in the maintenance database either.
psql --no-psqlrc -v ON_ERROR_STOP=1 --username "${POSTGRES_USER:-postgres}" \
     --dbname "${POSTGRES_DB:-postgres}" \
     -c 'REVOKE CONNECT ON DATABASE postgres FROM PUBLIC;'
