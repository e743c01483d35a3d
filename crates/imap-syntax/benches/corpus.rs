//! A corpus of realistic IMAP traffic: what Thunderbird, mutt and friends
//! send, and what Dovecot answers. Each item is one complete command or
//! response, with its literals inline. Shared by the benchmark and by
//! `tests/encode_corpus.rs`; it depends on nothing but std.

#![allow(dead_code)]

/// Builds a line with a literal: `head{n}\r\n` + data + `tail`.
fn with_literal(head: &str, data: &[u8], tail: &str) -> Vec<u8> {
    let mut out = format!("{head}{{{}}}\r\n", data.len()).into_bytes();
    out.extend_from_slice(data);
    out.extend_from_slice(tail.as_bytes());
    out
}

/// A plain-text message of about `size` octets, with realistic headers.
pub fn message(size: usize, seed: u32) -> Vec<u8> {
    let mut m = format!(
        "Return-Path: <alice@example.org>\r\n\
         Received: from mx.example.org (mx.example.org [192.0.2.25])\r\n\
         \tby imap.example.net (Postfix) with ESMTPS id 4Xk2{seed}\r\n\
         \tfor <bob@example.net>; Tue, 14 May 2024 09:1{d}:05 +0200 (CEST)\r\n\
         Date: Tue, 14 May 2024 09:1{d}:02 +0200\r\n\
         From: Alice Liddell <alice@example.org>\r\n\
         To: Bob Builder <bob@example.net>\r\n\
         Cc: team@example.net\r\n\
         Subject: Quarterly report, draft {seed}\r\n\
         Message-ID: <{seed}.20240514091002@example.org>\r\n\
         MIME-Version: 1.0\r\n\
         Content-Type: text/plain; charset=utf-8; format=flowed\r\n\
         Content-Transfer-Encoding: 8bit\r\n\r\n",
        d = seed % 10
    )
    .into_bytes();
    let line =
        "The figures for the quarter are in the attached sheet; numbers grew 4% over plan.\r\n";
    let mut i = 0_u32;
    while m.len() < size {
        if i % 7 == 3 {
            m.extend_from_slice(
                "Gr\u{fc}\u{df}e aus K\u{f6}ln, \u{e0} bient\u{f4}t.\r\n".as_bytes(),
            );
        } else {
            m.extend_from_slice(line.as_bytes());
        }
        i += 1;
    }
    m
}

/// At least 50 client commands.
pub fn commands() -> Vec<Vec<u8>> {
    let lines = [
        "a001 CAPABILITY",
        "a002 LOGIN alice wonderland",
        "a003 LOGIN \"bob@example.org\" \"s3cr3t pass\"",
        "a004 SELECT INBOX",
        "a005 EXAMINE \"Sent Items\"",
        "a006 LIST \"\" \"*\"",
        "a007 LIST \"\" %",
        "a008 LSUB \"\" \"*\"",
        "a009 STATUS INBOX (MESSAGES RECENT UIDNEXT UIDVALIDITY UNSEEN)",
        "a010 CREATE Archive/2024",
        "a011 DELETE Archive/2023",
        "a012 RENAME \"Old Stuff\" \"Older Stuff\"",
        "a013 SUBSCRIBE Archive/2024",
        "a014 UNSUBSCRIBE Archive/2023",
        "a015 FETCH 1:* (FLAGS)",
        "a016 UID FETCH 1:* (UID FLAGS RFC822.SIZE INTERNALDATE)",
        "a017 UID FETCH 4827313:4828442 (UID RFC822.SIZE FLAGS BODY.PEEK[HEADER.FIELDS (From To Cc Bcc Subject Date Message-ID Priority X-Priority References Newsgroups In-Reply-To Content-Type Reply-To)])",
        "a018 FETCH 12 BODYSTRUCTURE",
        "a019 FETCH 12 (ENVELOPE BODYSTRUCTURE)",
        "a020 UID FETCH 4827313 BODY.PEEK[]",
        "a021 UID FETCH 4827313 BODY.PEEK[1.2]<0.2048>",
        "a022 FETCH 2:4 (BODY[HEADER.FIELDS (DATE FROM)])",
        "a023 FETCH 1 (BODY[1.MIME] BODY[1.TEXT])",
        "a024 FETCH 1:10 ALL",
        "a025 FETCH 1:10 FAST",
        "a026 FETCH 1:10 FULL",
        "a027 UID FETCH 100:200,250,300:* (UID FLAGS)",
        "a028 SEARCH UNSEEN",
        "a029 SEARCH FLAGGED SINCE 1-Feb-1994 NOT FROM \"Smith\"",
        "a030 UID SEARCH OR (FROM alice SUBJECT \"meeting notes\") (TO bob NOT SEEN)",
        "a032 SEARCH OR OR SEEN FLAGGED NOT DELETED LARGER 10000",
        "a033 UID SEARCH UID 1000:2000 NOT DELETED SENTSINCE 1-Jan-2024 SENTBEFORE 1-Jul-2024",
        "a034 SEARCH HEADER Message-ID \"<B27397-0100000@cac.washington.edu>\"",
        "a035 SEARCH NOT (OR FROM alice FROM bob) BODY \"quarterly report\"",
        "a036 SEARCH ANSWERED UNDRAFT SMALLER 5000 KEYWORD $Work UNKEYWORD $Junk",
        "a037 STORE 2:4 +FLAGS (\\Deleted)",
        "a038 STORE 1 FLAGS.SILENT (\\Seen \\Flagged)",
        "a039 UID STORE 4827313 -FLAGS (\\Seen)",
        "a040 UID STORE 1:* +FLAGS.SILENT ($Junk)",
        "a041 COPY 2:4 MEETING",
        "a042 UID COPY 4827313:4827320 \"Archive/2024\"",
        "a043 UID MOVE 4827313 Trash",
        "a044 MOVE 1:3 Junk",
        "a048 EXPUNGE",
        "a049 UID EXPUNGE 3000:3002",
        "a050 CLOSE",
        "a051 UNSELECT",
        "a052 NOOP",
        "a053 IDLE",
        "a054 NAMESPACE",
        "a055 ID (\"name\" \"Thunderbird\" \"version\" \"115.3.1\")",
        "a056 ENABLE CONDSTORE",
        "a057 AUTHENTICATE PLAIN AGFsaWNlAHdvbmRlcmxhbmQ=",
        "a058 CHECK",
        "a059 LOGOUT",
        "a060 STARTTLS",
        "a062 SEARCH SUBJECT \"Re: [project] status\" FROM \"@example.com\"",
        "a063 UID SEARCH SINCE 10-May-2024 NOT (SEEN OR ANSWERED FLAGGED) TEXT invoice",
        "a064 FETCH 1:50 (UID FLAGS ENVELOPE RFC822.SIZE BODY.PEEK[HEADER.FIELDS.NOT (Received DKIM-Signature)])",
        "a065 STATUS \"Sent Items\" (UIDNEXT MESSAGES)",
    ];
    let mut out: Vec<Vec<u8>> = lines
        .iter()
        .map(|l| format!("{l}\r\n").into_bytes())
        .collect();
    out.push(with_literal(
        "a031 SEARCH CHARSET UTF-8 SUBJECT ",
        "caf\u{e9}".as_bytes(),
        "\r\n",
    ));
    out.push(with_literal(
        "a045 APPEND saved-messages (\\Seen) ",
        &message(310, 1),
        "\r\n",
    ));
    out.push(with_literal(
        "a046 APPEND INBOX (\\Seen \\Draft) \"17-Jul-1996 02:44:25 -0700\" ",
        &message(1200, 2),
        "\r\n",
    ));
    out.push(with_literal(
        "a047 APPEND Drafts ",
        &message(4096, 3),
        "\r\n",
    ));
    let mut login = with_literal("a061 LOGIN ", b"alice", " ");
    login.extend(with_literal("", b"wonderland", "\r\n"));
    out.push(login);
    out
}

const CAPS: &str = "IMAP4rev1 SASL-IR LOGIN-REFERRALS ID ENABLE IDLE SORT SORT=DISPLAY THREAD=REFERENCES THREAD=REFS THREAD=ORDEREDSUBJECT MULTIAPPEND URL-PARTIAL CATENATE UNSELECT CHILDREN NAMESPACE UIDPLUS LIST-EXTENDED I18NLEVEL=1 CONDSTORE QRESYNC ESEARCH ESORT SEARCHRES WITHIN CONTEXT=SEARCH LIST-STATUS BINARY MOVE SNIPPET=FUZZY PREVIEW=FUZZY LITERAL+ NOTIFY SPECIAL-USE";

const ENVELOPE: &str = "ENVELOPE (\"Wed, 17 Jul 1996 02:23:25 -0700 (PDT)\" \"IMAP4rev1 WG mtg summary and minutes\" ((\"Terry Gray\" NIL \"gray\" \"cac.washington.edu\")) ((\"Terry Gray\" NIL \"gray\" \"cac.washington.edu\")) ((\"Terry Gray\" NIL \"gray\" \"cac.washington.edu\")) ((NIL NIL \"imap\" \"cac.washington.edu\")) ((NIL NIL \"minutes\" \"CNRI.Reston.VA.US\")(\"John Klensin\" NIL \"KLENSIN\" \"MIT.EDU\")) NIL NIL \"<B27397-0100000@cac.washington.edu>\")";

/// A multipart/mixed BODYSTRUCTURE: alternative text+html, a PDF and a
/// JPEG attachment, and a forwarded message/rfc822.
const MIXED: &str = "BODYSTRUCTURE (((\"text\" \"plain\" (\"charset\" \"utf-8\" \"format\" \"flowed\") NIL NIL \"quoted-printable\" 1822 41 NIL NIL NIL NIL)(\"text\" \"html\" (\"charset\" \"utf-8\") NIL NIL \"quoted-printable\" 9120 180 NIL NIL NIL NIL) \"alternative\" (\"boundary\" \"000000000000b3c2a705f1a2e7c1\") NIL NIL NIL)(\"application\" \"pdf\" (\"name\" \"Q2 report.pdf\") \"<f_lw5x1a0>\" NIL \"base64\" 249874 NIL (\"attachment\" (\"filename\" \"Q2 report.pdf\")) NIL NIL)(\"image\" \"jpeg\" (\"name\" \"IMG_2041.jpg\") \"<f_lw5x1a1>\" NIL \"base64\" 1473504 NIL (\"attachment\" (\"filename\" \"IMG_2041.jpg\" \"size\" \"1076846\")) NIL NIL)(\"message\" \"rfc822\" NIL NIL \"Forwarded message\" \"7bit\" 4211 (\"Mon, 13 May 2024 17:02:11 +0000\" \"Re: venue for the offsite\" ((\"Carol\" NIL \"carol\" \"example.com\")) ((\"Carol\" NIL \"carol\" \"example.com\")) ((\"Carol\" NIL \"carol\" \"example.com\")) ((NIL NIL \"alice\" \"example.org\")) NIL NIL \"<abc@example.org>\" \"<def@example.com>\") ((\"text\" \"plain\" (\"charset\" \"us-ascii\") NIL NIL \"7bit\" 312 9 NIL NIL NIL NIL)(\"text\" \"html\" (\"charset\" \"us-ascii\") NIL NIL \"7bit\" 1200 20 NIL NIL NIL NIL) \"alternative\" (\"boundary\" \"inner-b\") NIL NIL NIL) 88 NIL (\"attachment\" (\"filename\" \"venue.eml\")) NIL NIL) \"mixed\" (\"boundary\" \"000000000000b3c2a905f1a2e7c3\") NIL NIL NIL)";

/// At least 50 server responses.
pub fn responses() -> Vec<Vec<u8>> {
    let mut lines: Vec<String> = vec![
        format!("* OK [CAPABILITY {CAPS}] Dovecot ready."),
        format!("* CAPABILITY {CAPS}"),
        format!("a002 OK [CAPABILITY {CAPS}] Logged in"),
        "* FLAGS (\\Answered \\Flagged \\Deleted \\Seen \\Draft $Forwarded $Junk $NotJunk)".into(),
        "* OK [PERMANENTFLAGS (\\Answered \\Flagged \\Deleted \\Seen \\Draft $Forwarded $Junk $NotJunk \\*)] Flags permitted.".into(),
        "* 172 EXISTS".into(),
        "* 1 RECENT".into(),
        "* OK [UNSEEN 12] First unseen.".into(),
        "* OK [UIDVALIDITY 3857529045] UIDs valid".into(),
        "* OK [UIDNEXT 4392] Predicted next UID".into(),
        "a004 OK [READ-WRITE] Select completed (0.001 + 0.000 secs).".into(),
        "a005 OK [READ-ONLY] Examine completed (0.001 + 0.000 secs).".into(),
        "* LIST (\\HasNoChildren) \"/\" INBOX".into(),
        "* LIST (\\HasChildren \\Noselect) \"/\" Archive".into(),
        "* LIST (\\HasNoChildren \\Sent) \"/\" \"Sent Items\"".into(),
        "* LIST (\\HasNoChildren \\Drafts) \"/\" Drafts".into(),
        "* LIST (\\HasNoChildren \\Trash) \"/\" Trash".into(),
        "* LIST (\\HasNoChildren \\Junk) \"/\" Junk".into(),
        "* LIST (\\Noselect) \"/\" \"\"".into(),
        "* LIST () NIL \"\"".into(),
        "* LSUB () \".\" #news.comp.mail.misc".into(),
        "* STATUS blurdybloop (MESSAGES 231 UIDNEXT 44292)".into(),
        "* STATUS INBOX (MESSAGES 172 RECENT 1 UIDNEXT 4392 UIDVALIDITY 3857529045 UNSEEN 3)".into(),
        "* SEARCH 2 84 882".into(),
        "* SEARCH".into(),
        "* 12 FETCH (FLAGS (\\Seen) UID 4827313)".into(),
        "* 13 FETCH (UID 4827314 RFC822.SIZE 44827 FLAGS (\\Seen \\Answered $Forwarded) INTERNALDATE \"14-May-2024 09:10:05 +0200\")".into(),
        "* 14 FETCH (UID 4827315 RFC822.SIZE 2044 FLAGS () INTERNALDATE \" 2-Jun-2024 23:59:59 -0700\")".into(),
        "* 15 FETCH (FLAGS (\\Recent) UID 4827316)".into(),
        format!("* 12 FETCH ({ENVELOPE})"),
        format!("* 12 FETCH (UID 4827313 RFC822.SIZE 4286 FLAGS (\\Seen) {ENVELOPE} {MIXED})"),
        "* 12 FETCH (BODY (\"TEXT\" \"PLAIN\" (\"CHARSET\" \"US-ASCII\") NIL NIL \"7BIT\" 3028 92))".into(),
        "* 16 FETCH (BODYSTRUCTURE (\"text\" \"plain\" (\"charset\" \"utf-8\") NIL NIL \"8bit\" 1340 27 NIL NIL NIL NIL))".into(),
        format!("* 17 FETCH (UID 4827318 {MIXED})"),
        "* 44 EXPUNGE".into(),
        "a037 OK Store completed (0.001 + 0.000 secs).".into(),
        "a041 OK [COPYUID 38505 304,319:320 3956:3958] Copy completed (0.002 + 0.000 secs).".into(),
        "a045 OK [APPENDUID 38505 3955] Append completed (0.003 + 0.000 secs).".into(),
        "a046 NO [TRYCREATE] Mailbox doesn't exist: Foo".into(),
        "a047 NO [AUTHENTICATIONFAILED] Authentication failed.".into(),
        "a048 BAD Error in IMAP command FETCH: Invalid messageset (0.001 + 0.000 secs).".into(),
        "* BYE Logging out".into(),
        "a059 OK Logout completed (0.001 + 0.000 secs).".into(),
        "* PREAUTH IMAP4rev1 server logged in as Smith".into(),
        "+ Ready for literal data".into(),
        "+ idling".into(),
        "+ YGgGCSqGSIb3EgECAgIBAAD/////6jcyG4GE3KkTzashYKhVt5fiAaJw4DJNwcEdKMFU70bm".into(),
        "* ENABLED CONDSTORE".into(),
        "* ID (\"name\" \"Dovecot\")".into(),
        "* NAMESPACE ((\"\" \"/\")) NIL NIL".into(),
        "* NAMESPACE ((\"\" \"/\")) ((\"~\" \"/\")) ((\"#shared/\" \"/\")(\"#public/\" \"/\"))".into(),
        "* OK [ALERT] System shutdown in 10 minutes".into(),
        "* NO Disk is 98% full, please delete unnecessary data".into(),
        "* OK [CLOSED] Previous mailbox closed.".into(),
        "a060 OK Begin TLS negotiation now.".into(),
    ];
    let many: Vec<String> = (1..=600_u32).map(|i| (i * 7 + i % 3).to_string()).collect();
    lines.push(format!("* SEARCH {}", many.join(" ")));
    for i in 0..8_u32 {
        lines.push(format!(
            "* {} FETCH (UID {} FLAGS (\\Seen{}))",
            100 + i,
            4_827_400 + i,
            if i % 3 == 0 { " \\Flagged" } else { "" }
        ));
    }
    let mut out: Vec<Vec<u8>> = lines
        .into_iter()
        .map(|l| format!("{l}\r\n").into_bytes())
        .collect();
    for (i, size) in [2_000_usize, 4_500, 8_000, 16_000].into_iter().enumerate() {
        let seq = 20 + i;
        out.push(with_literal(
            &format!(
                "* {seq} FETCH (UID {} RFC822.SIZE {size} BODY[] ",
                4_827_320 + i
            ),
            &message(size, seq as u32),
            ")\r\n",
        ));
    }
    let msg = message(900, 9);
    let header_end = msg
        .windows(4)
        .position(|w| w == b"\r\n\r\n")
        .map_or(msg.len(), |p| p + 4);
    let header = msg.get(..header_end).unwrap_or(&msg);
    out.push(with_literal(
        "* 30 FETCH (UID 4827330 BODY[HEADER] ",
        header,
        ")\r\n",
    ));
    out.push(with_literal(
        "* 31 FETCH (UID 4827331 FLAGS (\\Seen) BODY[HEADER.FIELDS (From To Subject Date)] ",
        b"From: Alice Liddell <alice@example.org>\r\nTo: Bob Builder <bob@example.net>\r\nSubject: Quarterly report\r\nDate: Tue, 14 May 2024 09:10:02 +0200\r\n\r\n",
        ")\r\n",
    ));
    out.push(with_literal(
        "* 32 FETCH (BODY[1.2]<0> ",
        &message(2048, 32),
        ")\r\n",
    ));
    out.push(with_literal("* 33 FETCH (RFC822.HEADER ", header, ")\r\n"));
    out
}
