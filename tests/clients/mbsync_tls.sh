#!/bin/sh
# mbsync (isync) over TLS to the playground, once with implicit TLS
# (SSLType IMAPS) and once with STARTTLS, trusting the test certificate
# with CertificateFile. Each syncs alice's INBOX and compares the count
# with STATUS (asked with curl over TLS). isync 1.4 calls the setting
# SSLType; 1.5 also reads it under that name.
# Host is localhost: isync 1.4 matches the certificate against DNS names
# only, not IP addresses.
# Needs IMAP_PORT (STARTTLS), IMAPS_PORT and CA_FILE.
set -eu
: "${IMAP_PORT:?}" "${IMAPS_PORT:?}" "${CA_FILE:?}"
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
fail() { echo "mbsync_tls.sh: FAIL: $*" >&2; exit 1; }
want=$(curl --silent --show-error --max-time 20 --cacert "$CA_FILE" -u alice:wonderland \
    "imaps://127.0.0.1:$IMAPS_PORT/" -X 'STATUS INBOX (MESSAGES)' | tr -d '\r' |
    sed -n 's/.*MESSAGES \([0-9]*\).*/\1/p')
[ -n "$want" ] || fail "STATUS INBOX gave no count"

for mode in IMAPS STARTTLS; do
    port=$IMAPS_PORT
    [ "$mode" = STARTTLS ] && port=$IMAP_PORT
    mkdir -p "$work/$mode"
    cat >"$work/$mode/rc" <<RC
IMAPAccount playground
Host localhost
Port $port
User alice
Pass wonderland
SSLType $mode
CertificateFile $CA_FILE
AuthMechs LOGIN
Timeout 20

IMAPStore far
Account playground

MaildirStore near
Path $work/$mode/
Inbox $work/$mode/INBOX

Channel inbox
Far :far:INBOX
Near :near:INBOX
Create Near
Sync Pull
SyncState *
RC
    timeout 60 mbsync -q -c "$work/$mode/rc" inbox || fail "$mode: mbsync failed"
    got=$(find "$work/$mode/INBOX/cur" "$work/$mode/INBOX/new" -type f | wc -l)
    [ "$got" -eq "$want" ] || fail "$mode: maildir has $got messages, STATUS says $want"
    echo "mbsync_tls.sh: ok: SSLType $mode synced INBOX, $got messages as STATUS says"
done
