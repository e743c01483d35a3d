"""Python's imaplib over TLS to the playground: implicit TLS (IMAP4_SSL)
and STARTTLS (IMAP4.starttls), each with an SSL context that trusts only
the test certificate. Run by `cargo xtask test` with IMAP_PORT (the plain
port, STARTTLS offered, login refused before it), IMAPS_PORT (implicit
TLS) and CA_FILE (the server's certificate) set."""

import imaplib
import os
import ssl
import unittest

HOST = "127.0.0.1"
PORT = int(os.environ["IMAP_PORT"])
IMAPS_PORT = int(os.environ["IMAPS_PORT"])
CA_FILE = os.environ["CA_FILE"]


def context():
    ctx = ssl.create_default_context(cafile=CA_FILE)
    ctx.check_hostname = True
    ctx.verify_mode = ssl.CERT_REQUIRED
    return ctx


class ImaplibTlsTest(unittest.TestCase):
    def test_imap4_ssl(self):
        m = imaplib.IMAP4_SSL(HOST, IMAPS_PORT, ssl_context=context(), timeout=10)
        self.assertIn("AUTH=PLAIN", m.capabilities)
        self.assertNotIn("STARTTLS", m.capabilities)
        self.assertNotIn("LOGINDISABLED", m.capabilities)
        self.assertEqual(m.login("alice", "wonderland")[0], "OK")
        typ, data = m.select("INBOX", readonly=True)
        self.assertEqual(typ, "OK")
        exists = int(data[0])
        typ, data = m.fetch("1:*", "(RFC822.SIZE)")
        self.assertEqual(typ, "OK")
        self.assertEqual(len(data), exists)
        typ, data = m.fetch("1", "(BODY.PEEK[])")
        self.assertEqual(typ, "OK")
        self.assertIn(b"Subject:", data[0][1])
        m.logout()

    def test_starttls_and_login_refused_before_it(self):
        m = imaplib.IMAP4(HOST, PORT, timeout=10)
        self.assertIn("STARTTLS", m.capabilities)
        self.assertIn("LOGINDISABLED", m.capabilities)
        with self.assertRaises(imaplib.IMAP4.error) as refused:
            m.login("alice", "wonderland")
        self.assertIn("PRIVACYREQUIRED", str(refused.exception))
        self.assertEqual(m.starttls(ssl_context=context())[0], "OK")
        # imaplib asks CAPABILITY again after the handshake.
        self.assertNotIn("STARTTLS", m.capabilities)
        self.assertNotIn("LOGINDISABLED", m.capabilities)
        self.assertEqual(m.login("alice", "wonderland")[0], "OK")
        self.assertEqual(m.select("INBOX", readonly=True)[0], "OK")
        m.logout()

    def test_an_untrusted_certificate_is_refused(self):
        # The system's roots do not include the test certificate: the
        # client must refuse the server, so the contexts above really check.
        ctx = ssl.create_default_context()
        with self.assertRaises(ssl.SSLCertVerificationError):
            imaplib.IMAP4_SSL(HOST, IMAPS_PORT, ssl_context=ctx, timeout=10)


if __name__ == "__main__":
    unittest.main(verbosity=2)
