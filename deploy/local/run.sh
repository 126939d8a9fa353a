#!/usr/bin/env bash
# Duban's one-command local run: builds what is missing, then starts the embedded PostgreSQL and
# Kafka, the three services and the demo data (see LocalRun.java). Ctrl-C stops everything.
#   deploy/local/run.sh            build if needed, then run
#   deploy/local/run.sh --rebuild  build again first (after changing the code)
# Every /api/v1 call needs a bearer token (only /api/v1/public/** is open): the first start creates
# a key pair in .duban/keys/, and deploy/local/token.sh <role> [unit-code…] mints tokens with it;
# .duban/keys/webhook-secret.key encrypts the webhook secrets (DUBAN_WEBHOOKS_SECRET_KEY).
# Webhooks may call receivers on this machine (DUBAN_WEBHOOKS_ALLOWED_TARGETS=127.0.0.0/8,::1/128).
# External servers: set DUBAN_DB_URL (jdbc:postgresql://host:port), DUBAN_DB_USER,
# DUBAN_DB_PASSWORD and/or KAFKA_BOOTSTRAP_SERVERS before running.
set -euo pipefail
root="$(cd "$(dirname "$0")/../.." && pwd)"
cd "$root"

needs_build=0
[ "${1:-}" = "--rebuild" ] && needs_build=1
for f in infra/target/classes infra/target/launcher-classpath.txt \
         unit-registry-service/target/quarkus-app/quarkus-run.jar \
         task-service/target/quarkus-app/quarkus-run.jar \
         notification-service/target/quarkus-app/quarkus-run.jar; do
  [ -e "$f" ] || needs_build=1
done
if [ "$needs_build" = 1 ]; then
  echo "[build] Building Duban (first run: a few minutes of downloads) ..."
  ./mvnw -B -q install -DskipTests -pl infra,common,unit-replica,unit-registry-service,task-service,notification-service
fi

exec java -Xmx512m -Dslf4j.internal.verbosity=ERROR \
  -cp "infra/target/classes:$(cat infra/target/launcher-classpath.txt)" \
  org.duban.infra.LocalRun "$root"
