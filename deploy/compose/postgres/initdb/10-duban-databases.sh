#!/usr/bin/env bash
# Runs once, on the first start of the postgres container (an empty data volume): one role and one database per
# service, the same names as in Kubernetes (CloudNativePG): duban_registry, duban_task, duban_notification.
# Each role owns its database (Flyway creates the schema in it) and no role may connect to another's database.
# Passwords come from deploy/compose/.env through the container's environment; psql variables (:'name') quote them.
# To change a password later: ALTER ROLE … PASSWORD …, then the same value in .env, then `docker compose up -d`.
set -euo pipefail

psql -v ON_ERROR_STOP=1 --username "$POSTGRES_USER" --dbname postgres \
     -v registry_password="$DUBAN_REGISTRY_DB_PASSWORD" \
     -v task_password="$DUBAN_TASK_DB_PASSWORD" \
     -v notification_password="$DUBAN_NOTIFICATION_DB_PASSWORD" <<'SQL'
CREATE ROLE duban_registry LOGIN PASSWORD :'registry_password';
CREATE ROLE duban_task LOGIN PASSWORD :'task_password';
CREATE ROLE duban_notification LOGIN PASSWORD :'notification_password';

CREATE DATABASE duban_registry OWNER duban_registry;
CREATE DATABASE duban_task OWNER duban_task;
CREATE DATABASE duban_notification OWNER duban_notification;

REVOKE ALL ON DATABASE duban_registry FROM PUBLIC;
REVOKE ALL ON DATABASE duban_task FROM PUBLIC;
REVOKE ALL ON DATABASE duban_notification FROM PUBLIC;
SQL
