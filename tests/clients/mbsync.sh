#!/bin/sh
# mbsync (isync) syncs every mailbox of alice to a local maildir; the counts
# must match STATUS, and a second sync must change nothing.
# Needs IMAP_PORT. Syncs the Far side one way (Pull), so the server's
# store is left as found for the other clients.
set -eu
: "${IMAP_PORT:?set IMAP_PORT}"
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
fail() { echo "mbsync.sh: FAIL: $*" >&2; exit 1; }
url="imap://127.0.0.1:$IMAP_PORT"
mkdir -p "$work/mail"
cat >"$work/mbsyncrc" <<RC
IMAPAccount playground
Host 127.0.0.1
Port $IMAP_PORT
User alice
Pass wonderland
SSLType None
AuthMechs LOGIN
Timeout 20

IMAPStore playground-far
Account playground

MaildirStore playground-near
Path $work/mail/
Inbox $work/mail/INBOX
SubFolders Verbatim

Channel playground
Far :playground-far:
Near :playground-near:
Patterns *
Create Both
SyncState *
RC

sync() { timeout 60 mbsync -q -c "$work/mbsyncrc" -a 2>&1 | grep -v "sent in the clear" || true; }
snapshot() {
    (cd "$work/mail" && find . -type f ! -name '.mbsync*' ! -name '.uidvalidity' | sort | xargs cat | cksum)
}
status() {
    curl --silent --show-error --max-time 20 -u alice:wonderland "$url/" -X "STATUS \"$1\" (MESSAGES UIDNEXT)" | tr -d '\r'
}

sync
boxes=$(curl --silent --show-error --max-time 20 -u alice:wonderland "$url/" | sed -n 's/^\* LIST (\([^)]*\)) "\/" //p' | tr -d '\r')
[ -n "$boxes" ] || fail "no mailboxes listed"
checked=0
for box in $boxes; do
    want=$(status "$box" | sed -n 's/.*MESSAGES \([0-9]*\).*/\1/p')
    dir="$work/mail/$box"
    [ -d "$dir/cur" ] || fail "mbsync did not create $box"
    got=$(find "$dir/cur" "$dir/new" -type f | wc -l)
    [ "$got" -eq "$want" ] || fail "$box: maildir has $got messages, STATUS says $want"
    checked=$((checked + 1))
done
echo "mbsync.sh: ok: $checked mailboxes synced, each count equal to STATUS MESSAGES"

before=$(snapshot)
server_before=$(for box in $boxes; do status "$box"; done)
sync
after=$(snapshot)
server_after=$(for box in $boxes; do status "$box"; done)
[ "$before" = "$after" ] || fail "the second sync changed the maildir"
[ "$server_before" = "$server_after" ] || fail "the second sync changed the server: $server_before / $server_after"
echo "mbsync.sh: ok: a second sync changed nothing on either side"
