#!/usr/bin/env bash
# Prints a bearer JWT for the local run, signed with .duban/keys/private-key.pem (created on the
# local run's first start; DUBAN_HOME moves .duban). Valid 12 h (DUBAN_TOKEN_TTL=PT30M to change).
#   deploy/local/token.sh supervisor
#   deploy/local/token.sh unit-operator sfj          # acts for its own unit (claim unit=sfj)
#   deploy/local/token.sh integration sfj jtj        # the OA system, for the units listed (claim units)
#   deploy/local/token.sh viewer
#   curl -H "Authorization: Bearer $(deploy/local/token.sh supervisor)" localhost:8082/api/v1/tasks
set -euo pipefail
root="$(cd "$(dirname "$0")/../.." && pwd)"
home="${DUBAN_HOME:-$root/.duban}"
if [ ! -e "$root/infra/target/classes" ] || [ ! -e "$root/infra/target/launcher-classpath.txt" ]; then
  echo "Build first: deploy/local/run.sh (or ./mvnw -B -q install -pl infra -DskipTests)" >&2
  exit 1
fi
exec java -Xmx128m -Dslf4j.internal.verbosity=ERROR \
  -cp "$root/infra/target/classes:$(cat "$root/infra/target/launcher-classpath.txt")" \
  org.duban.infra.security.TokenCommand "$home" "$@"
