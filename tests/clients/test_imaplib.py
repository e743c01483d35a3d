"""Python's imaplib (a client nobody on the team wrote) against the
playground's --imap-listen. Run by `cargo xtask test` with IMAP_PORT set."""

import imaplib
import os
import socket
import time
import unittest

HOST = "127.0.0.1"
PORT = int(os.environ.get("IMAP_PORT", "1143"))

# RFC 5267's command, which imaplib does not list.
imaplib.Commands.setdefault("CANCELUPDATE", ("SELECTED",))


def connect(user="alice", password="wonderland"):
    m = imaplib.IMAP4(HOST, PORT, timeout=10)
    typ, _ = m.login(user, password)
    assert typ == "OK"
    return m


def new_mailbox(m, prefix, count):
    """Creates a mailbox of `count` short messages; returns its name."""
    name = "%s-%d" % (prefix, os.getpid())
    typ, _ = m.create(name)
    assert typ == "OK", typ
    for i in range(count):
        msg = b"From: py@example.org\r\nSubject: %s %d\r\n\r\nbody\r\n" % (prefix.encode(), i)
        typ, _ = m.append(name, None, None, msg)
        assert typ == "OK", typ
    return name


class ImaplibTest(unittest.TestCase):
    def test_list_select_search_fetch(self):
        m = connect()
        typ, boxes = m.list()
        self.assertEqual(typ, "OK")
        names = [b.decode() for b in boxes]
        self.assertTrue(any(n.endswith(" INBOX") for n in names), names)
        typ, data = m.select("INBOX", readonly=True)
        self.assertEqual(typ, "OK")
        exists = int(data[0])
        self.assertGreater(exists, 0)
        typ, data = m.search(None, "ALL")
        self.assertEqual(typ, "OK")
        self.assertEqual(len(data[0].split()), exists)
        typ, data = m.fetch("1", "(RFC822.SIZE BODY.PEEK[HEADER.FIELDS (SUBJECT)])")
        self.assertEqual(typ, "OK")
        self.assertIn(b"Subject:", data[0][1])
        typ, data = m.uid("FETCH", "1:*", "(FLAGS)")
        self.assertEqual(typ, "OK")
        self.assertEqual(len(data), exists)
        m.logout()

    def test_store_copy_expunge(self):
        m = connect("bob", "builder")
        name = "imaplib-%d" % os.getpid()
        self.assertEqual(m.create(name)[0], "OK")
        typ, data = m.select("INBOX")
        self.assertEqual(typ, "OK")
        self.assertEqual(m.copy("1:2", name)[0], "OK")
        typ, data = m.select(name)
        self.assertEqual(int(data[0]), 2)
        typ, data = m.store("1", "+FLAGS", "(\\Deleted)")
        self.assertEqual(typ, "OK")
        self.assertIn(b"\\Deleted", data[0])
        typ, data = m.expunge()
        self.assertEqual(typ, "OK")
        self.assertEqual(data, [b"1"])
        typ, data = m.search(None, "ALL")
        self.assertEqual(data[0].split(), [b"1"])
        m.close()
        self.assertEqual(m.delete(name)[0], "OK")
        m.logout()

    def test_idle_hears_an_append(self):
        # Python 3.11's imaplib has no idle(): send IDLE and DONE by hand.
        a = connect()
        typ, data = a.select("INBOX")
        exists = int(data[0])
        tag = a._new_tag().decode()
        a.send(("%s IDLE\r\n" % tag).encode())
        self.assertTrue(a.readline().startswith(b"+"))
        b = connect()
        msg = b"From: py@example.org\r\nSubject: from imaplib\r\n\r\nhi\r\n"
        typ, data = b.append("INBOX", None, None, msg)
        self.assertEqual(typ, "OK")
        a.sock.settimeout(1.0)
        started = time.monotonic()
        line = a.readline()
        self.assertLess(time.monotonic() - started, 1.0)
        self.assertEqual(line, b"* %d EXISTS\r\n" % (exists + 1))
        a.sock.settimeout(10)
        a.send(b"DONE\r\n")
        while True:
            line = a.readline()
            self.assertTrue(line, "connection closed during IDLE")
            if line.startswith(tag.encode()):
                self.assertIn(b"OK", line)
                break
        # Leave the store as found, for the other clients' counts.
        a.select("INBOX")
        typ, data = a.search(None, 'SUBJECT "from imaplib"')
        for num in data[0].split():
            a.store(num, "+FLAGS", "(\\Deleted)")
        a.expunge()
        a.logout()
        b.logout()

    def test_condstore_and_qresync_fetch_only_what_changed(self):
        # RFC 7162 driven raw: imaplib knows ENABLE but not the modifiers.
        m = connect("bob", "builder")
        name = new_mailbox(m, "sync", 5)
        self.assertEqual(m.enable("QRESYNC")[0], "OK")
        typ, _ = m.select(name)
        self.assertEqual(typ, "OK")
        uidvalidity = int(m.response("UIDVALIDITY")[1][0])
        highest = int(m.response("HIGHESTMODSEQ")[1][0])

        def changes(since):
            typ, data = m.uid("FETCH", "1:*", "(FLAGS) (CHANGEDSINCE %d)" % since)
            self.assertEqual(typ, "OK")
            return [d for d in data if d is not None]

        # A second sync of an unchanged mailbox fetches nothing.
        self.assertEqual(changes(highest), [])
        # The client goes away; another flags one message and expunges another.
        self.assertEqual(m.unselect()[0], "OK")
        other = connect("bob", "builder")
        other.select(name)
        other.store("2", "+FLAGS", "(\\Flagged)")
        other.store("4", "+FLAGS", "(\\Deleted)")
        other.expunge()
        other.logout()
        # Back with QRESYNC: the vanished UID, and a FETCH of the changed one only.
        typ, _ = m._simple_command("SELECT", name, "(QRESYNC (%d %d))" % (uidvalidity, highest))
        self.assertEqual(typ, "OK")
        m.state = "SELECTED"  # imaplib's select() cannot send the parameter
        self.assertEqual(m.response("VANISHED")[1], [b"(EARLIER) 4"])
        fetched = m.response("FETCH")[1]
        self.assertEqual(len(fetched), 1, fetched)
        self.assertRegex(fetched[0], rb"UID 2\b")
        self.assertIn(b"\\Flagged", fetched[0])
        # Asked again with CHANGEDSINCE: the same one message, with its MODSEQ.
        changed = changes(highest)
        self.assertEqual(len(changed), 1, changed)
        self.assertRegex(changed[0], rb"UID 2 .*MODSEQ \(\d+\)")
        m.close()
        self.assertEqual(m.delete(name)[0], "OK")
        m.logout()

    def test_context_search_pages_and_keeps_a_search_current(self):
        # RFC 5267 driven raw: imaplib files ESEARCH lines under their name.
        m = connect("bob", "builder")
        name = new_mailbox(m, "context", 6)
        self.assertEqual(m.select(name)[0], "OK")
        typ, _ = m.uid("SEARCH", "RETURN (PARTIAL 2:3) ALL")
        self.assertEqual(typ, "OK")
        page = m.response("ESEARCH")[1]
        self.assertRegex(page[0], rb"UID PARTIAL \(2:3 2:3\)$")
        typ, _ = m.uid("SEARCH", "RETURN (PARTIAL 5:10) ALL")
        self.assertRegex(m.response("ESEARCH")[1][0], rb"PARTIAL \(5:10 5:6\)$")
        # UPDATE: another client's flag change comes back as ADDTO, by UID.
        typ, _ = m.uid("SEARCH", "RETURN (UPDATE COUNT) FLAGGED")
        self.assertEqual(typ, "OK")
        first = m.response("ESEARCH")[1][0]
        self.assertRegex(first, rb"COUNT 0$")
        tag = first.split(b'"')[1].decode()
        other = connect("bob", "builder")
        other.select(name)
        other.store("4", "+FLAGS", "(\\Flagged)")
        self.assertEqual(m.noop()[0], "OK")
        news = m.response("ESEARCH")[1]
        self.assertEqual(news, [b'(TAG "%s") UID ADDTO (0 4)' % tag.encode()], news)
        # After CANCELUPDATE the same kind of change brings no news.
        typ, _ = m._simple_command("CANCELUPDATE", '"%s"' % tag)
        self.assertEqual(typ, "OK")
        other.store("5", "+FLAGS", "(\\Flagged)")
        other.logout()
        self.assertEqual(m.noop()[0], "OK")
        self.assertEqual(m.response("ESEARCH")[1], [None])
        m.close()
        self.assertEqual(m.delete(name)[0], "OK")
        m.logout()

    def test_sort_orders_as_the_headers_say(self):
        # RFC 5256 through imaplib's own sort(): by base subject (Re: and
        # [list] left out), by date, and reversed.
        m = connect("bob", "builder")
        name = "sort-%d" % os.getpid()
        self.assertEqual(m.create(name)[0], "OK")
        for subject, day in [("Re: [list] banana", 3), ("apple", 1), ("Fwd: cherry", 2)]:
            msg = (b"From: py@example.org\r\nSubject: %s\r\nDate: %d Feb 2026 10:00:00 +0000\r\n\r\nx\r\n"
                   % (subject.encode(), day))
            self.assertEqual(m.append(name, None, None, msg)[0], "OK")
        self.assertEqual(m.select(name)[0], "OK")
        typ, data = m.sort("(SUBJECT)", "UTF-8", "ALL")
        self.assertEqual((typ, data[0].split()), ("OK", [b"2", b"1", b"3"]))
        typ, data = m.sort("(DATE)", "UTF-8", "ALL")
        self.assertEqual(data[0].split(), [b"2", b"3", b"1"])
        typ, data = m.sort("(REVERSE DATE)", "UTF-8", "NOT SUBJECT apple")
        self.assertEqual(data[0].split(), [b"1", b"3"])
        typ, data = m.uid("SORT", "(REVERSE SUBJECT)", "UTF-8", "ALL")
        self.assertEqual(typ, "OK")
        self.assertEqual(len(data[0].split()), 3)
        m.close()
        self.assertEqual(m.delete(name)[0], "OK")
        m.logout()

    def test_bad_password_is_refused(self):
        m = imaplib.IMAP4(HOST, PORT, timeout=10)
        with self.assertRaises(imaplib.IMAP4.error):
            m.login("alice", "not-the-password")
        m.logout()


if __name__ == "__main__":
    unittest.main(verbosity=2)
