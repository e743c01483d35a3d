#!/bin/sh
# curl over TLS to the playground: STARTTLS on the plain port (imap://
# with --ssl-reqd) and implicit TLS (imaps://), trusting the test
# certificate with --cacert. Needs IMAP_PORT (STARTTLS, login refused
# before it), IMAPS_PORT, CA_FILE and DEMO_MESSAGE.
set -eu
: "${IMAP_PORT:?}" "${IMAPS_PORT:?}" "${CA_FILE:?}" "${DEMO_MESSAGE:?}"
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
fail() { echo "curl_tls.sh: FAIL: $*" >&2; exit 1; }
c() { curl --silent --show-error --max-time 20 --cacert "$CA_FILE" -u alice:wonderland "$@"; }

for url in "imap://127.0.0.1:$IMAP_PORT" "imaps://127.0.0.1:$IMAPS_PORT"; do
    extra=""
    case "$url" in imap:*) extra="--ssl-reqd" ;; esac
    # shellcheck disable=SC2086
    c $extra "$url/" | tr -d '\r' >"$work/list"
    grep -q '"/" INBOX$' "$work/list" || fail "$url: LIST lacks INBOX: $(cat "$work/list")"
    # shellcheck disable=SC2086
    c $extra "$url/INBOX;UID=3" >"$work/got"
    "$DEMO_MESSAGE" alice INBOX 3 >"$work/want"
    cmp "$work/got" "$work/want" || fail "$url: INBOX;UID=3 differs from the store"
    echo "curl_tls.sh: ok: $url LIST and INBOX;UID=3 byte for byte over TLS"
done

# Without TLS, the plain port refuses the login (LOGINDISABLED).
if curl --silent --max-time 20 -u alice:wonderland "imap://127.0.0.1:$IMAP_PORT/" >/dev/null 2>&1; then
    fail "a login in clear was accepted on a port with TLS configured"
fi
echo "curl_tls.sh: ok: logging in without STARTTLS is refused"

# Without --cacert, curl does not trust the test certificate.
if curl --silent --max-time 20 -u alice:wonderland "imaps://127.0.0.1:$IMAPS_PORT/" >/dev/null 2>&1; then
    fail "curl trusted the test certificate without --cacert"
fi
echo "curl_tls.sh: ok: without --cacert the certificate is not trusted"
