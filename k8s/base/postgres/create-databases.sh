#!/bin/sh
# Creates each service's database and login. The PostgreSQL image runs this once, from
# /docker-entrypoint-initdb.d, when its data directory is first initialised; it is also safe to run
# again by hand (every step checks first). docker-compose.yml mounts this same file, so compose and
# Kubernetes set up the databases identically.
#
# One login per service: the client's journal user cannot read the bank's ledger, nor the other way
# round. The client-app's schema (client_journal) is created by its own Flyway migrations, as owner.
set -eu

: "${BANK_DB_USERNAME:?set BANK_DB_USERNAME}" "${BANK_DB_PASSWORD:?set BANK_DB_PASSWORD}"
: "${CLIENT_DB_USERNAME:?set CLIENT_DB_USERNAME}" "${CLIENT_DB_PASSWORD:?set CLIENT_DB_PASSWORD}"

psql -v ON_ERROR_STOP=1 --no-psqlrc --username "${POSTGRES_USER:-postgres}" --dbname "${POSTGRES_DB:-postgres}" \
    --set bank_user="$BANK_DB_USERNAME" --set bank_password="$BANK_DB_PASSWORD" \
    --set client_user="$CLIENT_DB_USERNAME" --set client_password="$CLIENT_DB_PASSWORD" <<'SQL'
SELECT format('CREATE ROLE %I LOGIN PASSWORD %L', :'bank_user', :'bank_password')
 WHERE NOT EXISTS (SELECT FROM pg_roles WHERE rolname = :'bank_user') \gexec
SELECT format('CREATE DATABASE %I OWNER %I', 'bank', :'bank_user')
 WHERE NOT EXISTS (SELECT FROM pg_database WHERE datname = 'bank') \gexec
REVOKE ALL ON DATABASE bank FROM PUBLIC;

SELECT format('CREATE ROLE %I LOGIN PASSWORD %L', :'client_user', :'client_password')
 WHERE NOT EXISTS (SELECT FROM pg_roles WHERE rolname = :'client_user') \gexec
SELECT format('CREATE DATABASE %I OWNER %I', 'client', :'client_user')
 WHERE NOT EXISTS (SELECT FROM pg_database WHERE datname = 'client') \gexec
REVOKE ALL ON DATABASE client FROM PUBLIC;
SQL
