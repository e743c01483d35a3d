#!/bin/sh
# curl's IMAP support against the playground's --imap-listen.
# Needs IMAP_PORT, and DEMO_MESSAGE: the server/examples/demo_message binary
# that prints a message exactly as the demo store holds it.
set -eu
: "${IMAP_PORT:?set IMAP_PORT}" "${DEMO_MESSAGE:?set DEMO_MESSAGE}"
url="imap://127.0.0.1:$IMAP_PORT"
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
fail() { echo "curl.sh: FAIL: $*" >&2; exit 1; }
c() { curl --silent --show-error --max-time 20 -u alice:wonderland "$@"; }

# 1. Listing the mailboxes.
c "$url/" | tr -d '\r' >"$work/list"
for box in INBOX Sent Drafts Trash Junk Archive; do
    grep -q "\"/\" $box\$" "$work/list" || fail "LIST lacks $box: $(cat "$work/list")"
done
echo "curl.sh: ok: LIST names every demo mailbox"

# 2. A message by UID, byte for byte as the store holds it.
for uid in 1 3 7; do
    c "$url/INBOX;UID=$uid" >"$work/got.$uid"
    "$DEMO_MESSAGE" alice INBOX "$uid" >"$work/want.$uid"
    [ -s "$work/want.$uid" ] || fail "no demo message INBOX/$uid"
    cmp "$work/got.$uid" "$work/want.$uid" || fail "INBOX;UID=$uid differs from the store"
done
echo "curl.sh: ok: INBOX;UID=1,3,7 equal the store byte for byte"

# 3. A custom command: UID SEARCH, checked against each message's From
# header (fetched whole by URL, as curl does not print literals of -X).
from_of() {
    c "$url/INBOX;UID=$1" | tr -d '\r' | awk 'body { next } /^$/ { body = 1; next } tolower($0) ~ /^from:/ { print }'
}
c "$url/INBOX" -X 'UID SEARCH FROM "gardens.example"' >"$work/search"
hits=$(sed -n 's/^\* SEARCH //p' "$work/search" | tr -d '\r')
[ -n "$hits" ] || fail "SEARCH found nothing: $(cat "$work/search")"
for uid in $hits; do
    from_of "$uid" | grep -qi "gardens.example" || fail "SEARCH hit UID $uid is not from gardens.example"
done
c "$url/INBOX" -X 'UID SEARCH NOT FROM "gardens.example"' >"$work/other"
misses=$(sed -n 's/^\* SEARCH //p' "$work/other" | tr -d '\r')
for uid in $misses; do
    if from_of "$uid" | grep -qi "gardens.example"; then
        fail "UID $uid is from gardens.example but SEARCH missed it"
    fi
done
echo "curl.sh: ok: UID SEARCH FROM (hits: $hits) agrees with every message's From"

# 4. A wrong password is refused.
if curl --silent --max-time 20 -u alice:wrong "$url/" >/dev/null 2>&1; then
    fail "a wrong password was accepted"
fi
echo "curl.sh: ok: a wrong password is refused"
