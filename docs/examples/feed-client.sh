#!/usr/bin/env bash
# A minimal OA-side client of Duban's pull feed (docs/api-guide.md#pull-feed-oa-systems-behind-a-firewall):
# long-polls GET /api/v1/notifications/feed, hands each notification to a command, and keeps the
# cursor in a file, so that a restart continues where it stopped. Needs bash, curl and jq.
#
#   DUBAN_URL=http://localhost:8083 DUBAN_TOKEN=$(deploy/local/token.sh integration sfj jtj) \
#     docs/examples/feed-client.sh ./handle-notification.sh
#
# The command gets one notification (JSON) on stdin and must exit 0 once it has stored it; the
# cursor is saved only after that, item by item: after a crash the last item may be handed over
# again — deduplicate on its "id" (a notification's id never changes).
# DUBAN_TOKEN_CMD, if set, is run to get a fresh token for every request (tokens expire).
set -euo pipefail

handler=${1:?usage: feed-client.sh <command that reads one notification as JSON on stdin>}
url=${DUBAN_URL:-http://localhost:8083}
cursor_file=${DUBAN_CURSOR_FILE:-.duban-feed-cursor}
wait=${DUBAN_WAIT:-30s}
backoff=1

token() {
  if [[ -n "${DUBAN_TOKEN_CMD:-}" ]]; then eval "$DUBAN_TOKEN_CMD"; else echo "${DUBAN_TOKEN:?set DUBAN_TOKEN or DUBAN_TOKEN_CMD}"; fi
}

while true; do
  after=$(cat "$cursor_file" 2>/dev/null || true)
  body=$(mktemp)
  # --max-time above the longest wait (60 s) so the client, not the server, never gives up first
  status=$(curl -sS -o "$body" -w '%{http_code}' --max-time 75 -G "$url/api/v1/notifications/feed" \
             -H "Authorization: Bearer $(token)" \
             --data-urlencode "wait=$wait" --data-urlencode "limit=100" \
             ${after:+--data-urlencode "after=$after"}) || status=000
  case "$status" in
    200)
      backoff=1
      n=$(jq '.items | length' "$body")
      for ((i = 0; i < n; i++)); do
        jq -c ".items[$i]" "$body" | "$handler"
        jq -r ".items[$i].cursor" "$body" > "$cursor_file.tmp" && mv "$cursor_file.tmp" "$cursor_file"
      done
      # an empty answer (the wait ended) repeats the cursor: nothing to save
      ;;
    400)
      # a cursor the service did not hand out (e.g. after the database was restored into a new cluster):
      # a person decides — delete the cursor file to start from the first notification again
      echo "feed refused the cursor: $(jq -r '.detail' "$body")" >&2; rm -f "$body"; exit 2 ;;
    401|403)
      echo "feed refused the token ($status): $(jq -r '.detail // .title' "$body" 2>/dev/null)" >&2; rm -f "$body"; exit 3 ;;
    *)
      # network, 5xx, 503 during a database outage: wait and try again (1 s doubling to 60 s)
      echo "feed unavailable ($status), retrying in ${backoff}s" >&2
      sleep "$backoff"; backoff=$(( backoff < 60 ? backoff * 2 : 60 )) ;;
  esac
  rm -f "$body"
done
