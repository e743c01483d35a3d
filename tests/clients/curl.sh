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

# 4. The extensions a syncing client uses, as custom commands (curl has no
# words for them, but sends any command and prints what comes back).
# ESEARCH: the count of the same search as step 3.
c "$url/INBOX" -X 'UID SEARCH RETURN (COUNT) FROM "gardens.example"' >"$work/esearch"
count=$(tr -d '\r' <"$work/esearch" | sed -n 's/^\* ESEARCH (TAG "[^"]*") UID COUNT \([0-9]*\)$/\1/p')
[ "$count" = "$(echo $hits | wc -w)" ] || fail "ESEARCH COUNT '$count' is not the $(echo $hits | wc -w) hits of SEARCH: $(cat "$work/esearch")"
# CONDSTORE: a second sync of an unchanged mailbox fetches nothing; after
# one flag change, exactly that message.
highest() {
    c "$url/" -X 'STATUS INBOX (HIGHESTMODSEQ)' | tr -d '\r' | sed -n 's/^\* STATUS INBOX (HIGHESTMODSEQ \([0-9]*\))$/\1/p'
}
h1=$(highest)
[ -n "$h1" ] || fail "STATUS gave no HIGHESTMODSEQ"
c "$url/INBOX" -X "UID FETCH 1:* (FLAGS) (CHANGEDSINCE $h1)" >"$work/since1"
if grep -q 'FETCH' "$work/since1"; then fail "an unchanged mailbox sent changes: $(cat "$work/since1")"; fi
c "$url/INBOX" -X 'UID STORE 3 +FLAGS ($CurlSync)' >/dev/null
c "$url/INBOX" -X "UID FETCH 1:* (FLAGS) (CHANGEDSINCE $h1)" | tr -d '\r' | grep 'FETCH' >"$work/since2" || true
[ "$(wc -l <"$work/since2")" -eq 1 ] || fail "after one change, CHANGEDSINCE gave: $(cat "$work/since2")"
grep -q 'UID 3 ' "$work/since2" && grep -q 'MODSEQ (' "$work/since2" && grep -q 'CurlSync' "$work/since2" \
    || fail "the change is not UID 3 with its MODSEQ and flag: $(cat "$work/since2")"
h2=$(highest)
[ "$h2" -gt "$h1" ] || fail "HIGHESTMODSEQ did not grow: $h1 then $h2"
c "$url/INBOX" -X 'UID STORE 3 -FLAGS ($CurlSync)' >/dev/null
echo "curl.sh: ok: ESEARCH COUNT $count; CHANGEDSINCE $h1 gives nothing, then only UID 3 (HIGHESTMODSEQ $h1 -> $h2)"

# 5. A wrong password is refused.
if curl --silent --max-time 20 -u alice:wrong "$url/" >/dev/null 2>&1; then
    fail "a wrong password was accepted"
fi
echo "curl.sh: ok: a wrong password is refused"
