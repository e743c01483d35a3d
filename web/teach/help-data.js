// Help text for the terminal's `help` command, in the project's own words.
// The syntax and the states come from the engine (Playground.vocabulary()),
// and so do the flags' meanings, which the explanations of answers use too;
// this file adds what each word is for and examples that run when clicked.
// Examples have no tag: the terminal adds one. They run, in order, on the
// demo data as shipped, logged in as alice / wonderland, with INBOX
// selected for the commands that need it (tests/browser/help-examples
// runs them all). `rfc` names the section that states the rule the entry
// teaches, such as "3501 §6.4.5"; the page links it. `answer` is the
// status the examples get when it is not OK (STARTTLS in the sandbox).

/** @typedef {{summary: string, detail?: string, examples?: string[], rfc: string, answer?: string}} HelpEntry */

/** @type {Record<string, HelpEntry>} Commands, by the name a client writes. */
export const COMMAND_HELP = {
  CAPABILITY: {
    summary: 'Asks the server what it can do: the protocol version, the ways to log in and the extensions it supports.',
    examples: ['CAPABILITY'],
    rfc: '3501 §6.1.1',
  },
  NOOP: {
    summary: 'Does nothing, on purpose. The server uses the chance to tell you what changed (new mail, flags set by another session), so NOOP is how a simple client polls.',
    examples: ['NOOP'],
    rfc: '3501 §6.1.2',
  },
  LOGOUT: {
    summary: 'Ends the session politely. The server first says * BYE, then answers your tag with OK, then hangs up.',
    examples: ['LOGOUT'],
    rfc: '3501 §6.1.3',
  },
  ID: {
    summary: 'Client and server tell each other their software name and version (an extension; useful in logs, never needed).',
    examples: ['ID ("name" "playground")'],
    rfc: '2971 §3.1',
  },
  ENABLE: {
    summary: 'Switches on an extension that changes how the server talks, such as UTF8=ACCEPT for Unicode mailbox names. The server only enables what it offers in CAPABILITY, and answers with * ENABLED and the list it did switch on.',
    detail: 'Here ENABLE switches on CONDSTORE and QRESYNC (RFC 7162). After ENABLE CONDSTORE, SELECT tells HIGHESTMODSEQ and every flag change comes with its MODSEQ; ENABLE QRESYNC does that too, and from then on removed messages are told as * VANISHED with their UIDs instead of * n EXPUNGE, and SELECT can take (QRESYNC (...)). A name the server does not offer, such as UTF8=ACCEPT, is simply left out of * ENABLED.',
    examples: ['ENABLE CONDSTORE', 'ENABLE QRESYNC', 'ENABLE UTF8=ACCEPT'],
    rfc: '5161 §3.1',
  },
  STARTTLS: {
    summary: 'Turns the plain connection into an encrypted one before you send a password. RFC 3501 requires servers to offer it; the sandbox leaves it out, since nothing here travels over a network, and answers BAD. Against a real server on port 143 (/connect) it matters.',
    answer: 'BAD',
    examples: ['STARTTLS'],
    rfc: '3501 §6.2.1',
  },
  AUTHENTICATE: {
    summary: 'Logs in with a SASL mechanism instead of LOGIN. The server answers + and waits; you answer with one line of base64. With PLAIN that is base64 of "\\0user\\0password".',
    detail: 'AGFsaWNlAHdvbmRlcmxhbmQ= is base64 of NUL alice NUL wonderland. Type * at the + prompt to give up. A server that lists SASL-IR, as this one does, also takes the answer on the first line: AUTHENTICATE PLAIN AGFsaWNlAHdvbmRlcmxhbmQ=.',
    examples: ['AUTHENTICATE PLAIN\nAGFsaWNlAHdvbmRlcmxhbmQ='],
    rfc: '3501 §6.2.2',
  },
  LOGIN: {
    summary: 'Logs in with a user name and a password in plain text. OK moves you to the authenticated state; NO means the name or password was wrong.',
    detail: 'Demo accounts: alice / wonderland and bob / builder. The terminal hides the password on screen, never in the bytes sent.',
    examples: ['LOGIN alice wonderland'],
    rfc: '3501 §6.2.3',
  },
  SELECT: {
    summary: 'Opens a mailbox so you can work on its messages. Before the OK the server reports FLAGS, EXISTS (how many messages), RECENT, and codes such as UIDVALIDITY and UIDNEXT.',
    detail: 'Selecting another mailbox closes the current one without expunging. A NO leaves you with no mailbox selected. SELECT INBOX (CONDSTORE) also turns on CONDSTORE (RFC 7162) and adds [HIGHESTMODSEQ n]: the modification sequence of the latest change, to remember for CHANGEDSINCE next time. After ENABLE QRESYNC, SELECT INBOX (QRESYNC (uidvalidity modseq)) hands back what you remembered; if the UIDVALIDITY still matches, the server adds * VANISHED (EARLIER) with the UIDs removed since that modseq and a FETCH of each message changed since.',
    examples: ['SELECT INBOX', 'SELECT test', 'SELECT INBOX (CONDSTORE)', 'ENABLE QRESYNC', 'SELECT INBOX (QRESYNC (1 30))'],
    rfc: '3501 §6.3.1',
  },
  EXAMINE: {
    summary: 'Like SELECT, but read-only: nothing you do can change the mailbox, and reading a message does not mark it \\Seen. The OK carries [READ-ONLY].',
    examples: ['EXAMINE INBOX', 'EXAMINE INBOX (CONDSTORE)'],
    rfc: '3501 §6.3.2',
  },
  CREATE: {
    summary: 'Makes a new, empty mailbox. NO if the name is taken (INBOX always is).',
    detail: 'Where the server offers CREATE-SPECIAL-USE (RFC 6154), (USE (\\Archive)) after the name also says what the mailbox is for: \\Archive, \\Drafts, \\Junk, \\Sent or \\Trash, one per mailbox here. A use the server cannot give is NO [USEATTR], and nothing is created.',
    examples: ['CREATE Projects', 'CREATE Projects/2026', 'CREATE Old (USE (\\Archive))'],
    rfc: '3501 §6.3.3',
  },
  DELETE: {
    summary: 'Removes a mailbox and every message in it, for good. INBOX cannot be deleted.',
    examples: ['CREATE Scratch', 'DELETE Scratch'],
    rfc: '3501 §6.3.4',
  },
  RENAME: {
    summary: 'Gives a mailbox a new name; its messages and UIDs go with it. Renaming INBOX moves its messages to the new mailbox and leaves INBOX empty.',
    detail: 'The new name must not exist yet: RENAME Projects Archive fails with [ALREADYEXISTS], because the demo has an Archive.',
    examples: ['CREATE Projects', 'RENAME Projects Reports'],
    rfc: '3501 §6.3.5',
  },
  SUBSCRIBE: {
    summary: 'Adds a mailbox to your subscription list, the short list a mail program shows. LSUB reads the list back.',
    examples: ['SUBSCRIBE test'],
    rfc: '3501 §6.3.6',
  },
  UNSUBSCRIBE: {
    summary: 'Takes a mailbox off your subscription list. The mailbox itself stays.',
    examples: ['UNSUBSCRIBE test'],
    rfc: '3501 §6.3.7',
  },
  LIST: {
    summary: 'Lists mailbox names. The first argument is where to start ("" for the top), the second a pattern: * matches anything, % anything except the hierarchy delimiter.',
    detail: 'Each answer line gives attributes (\\Noselect, \\HasChildren, special uses), the delimiter and the name. LIST "" "" is special: its one answer line is not a mailbox but the hierarchy delimiter and the root.',
    examples: ['LIST "" *', 'LIST "" %', 'LIST "" ""', 'LIST "" % RETURN (STATUS (MESSAGES UNSEEN))', 'LIST (SUBSCRIBED) "" ("INBOX" "Sent*") RETURN (CHILDREN)'],
    rfc: '3501 §6.3.8',
  },
  LSUB: {
    summary: 'Like LIST, but only over the mailboxes you subscribed to.',
    examples: ['LSUB "" *'],
    rfc: '3501 §6.3.9',
  },
  STATUS: {
    summary: 'Reads counters of a mailbox without selecting it: MESSAGES, RECENT, UIDNEXT, UIDVALIDITY, UNSEEN, and SIZE where the server offers STATUS=SIZE. It leaves your current selection alone, but it can be slow: the server may have to open the mailbox to count.',
    detail: 'It is meant for other mailboxes than the selected one. On the selected mailbox a client should not use it, and must not use it to look for new mail: the EXISTS and RECENT lines the server sends are the news.',
    examples: ['STATUS INBOX (MESSAGES RECENT UIDNEXT)', 'STATUS test (MESSAGES)', 'STATUS INBOX (MESSAGES SIZE)', 'STATUS INBOX (HIGHESTMODSEQ)'],
    rfc: '3501 §6.3.10',
  },
  APPEND: {
    summary: 'Puts a whole message, headers and body, into a mailbox. The message is sent as a literal: announce its size in bytes as {n}, wait for the + and type the lines.',
    detail: 'Optional flags and an internal date go before the size: APPEND test (\\Seen) {n}. Each Enter in the literal adds CRLF (2 bytes) except after the last line. With MULTIAPPEND (RFC 3502) one APPEND carries several messages: after the last octet of one literal, on the same line, come the next message\'s flags, date and literal. All are appended or none, and [APPENDUID] lists every new UID. A message holding NUL octets goes in a literal8, ~{n} (BINARY, RFC 3516).',
    examples: ['APPEND test {40}\nSubject: Lesson\n\nHello from the lesson', 'APPEND test {14}\nSubject: first (\\Seen) {15}\nSubject: second'],
    rfc: '3501 §6.3.11',
  },
  NAMESPACE: {
    summary: 'Tells where your mailboxes live, and where other users\' and shared ones would be, with the hierarchy delimiter of each.',
    examples: ['NAMESPACE'],
    rfc: '2342 §5',
  },
  IDLE: {
    summary: 'Waits for news: the server pushes EXISTS, EXPUNGE and FETCH lines as other sessions change the mailbox. Type DONE to stop and get the tagged OK.',
    detail: 'Try it with two sessions: IDLE in one, APPEND or STORE in the other.',
    examples: ['IDLE'],
    rfc: '2177 §3',
  },
  CHECK: {
    summary: 'Asks the server to save the selected mailbox to disk. Most servers, this one too, always keep things saved, so it just answers OK.',
    examples: ['CHECK'],
    rfc: '3501 §6.4.1',
  },
  CLOSE: {
    summary: 'Leaves the selected mailbox, and on the way out removes every message marked \\Deleted, silently (no EXPUNGE lines). Back to the authenticated state.',
    examples: ['CLOSE'],
    rfc: '3501 §6.4.2',
  },
  UNSELECT: {
    summary: 'Leaves the selected mailbox without removing anything, even messages marked \\Deleted.',
    examples: ['UNSELECT'],
    rfc: '3691 §2',
  },
  EXPUNGE: {
    summary: 'Removes every message marked \\Deleted from the selected mailbox now. One * n EXPUNGE line per removed message; each one shifts the numbers of the messages after it down by one.',
    examples: ['EXPUNGE'],
    rfc: '3501 §6.4.3',
  },
  SEARCH: {
    summary: 'Finds messages in the selected mailbox. Keys side by side must all match (AND); OR and NOT combine them; parentheses group. The answer is * SEARCH with message numbers.',
    detail: 'String keys match case-insensitively anywhere in the field. Dates look like 1-Feb-2026. CHARSET, first, names the encoding of the strings (US-ASCII and UTF-8 here; any other gets NO [BADCHARSET]). RETURN (...), before CHARSET and the keys, asks for less than the whole list (ESEARCH, RFC 4731): MIN, MAX, COUNT and ALL (a compact set such as 1:5,7), answered in one * ESEARCH line; RETURN () means ALL. RETURN (SAVE) keeps the result (SEARCHRES, RFC 5182): $ then stands for those messages in FETCH, STORE, COPY, MOVE and SEARCH, until the next SAVE or SELECT. CONTEXT=SEARCH (RFC 5267) adds PARTIAL first:last, one page of the result by position, and UPDATE: from then on the server keeps telling which messages join the result (ADDTO) or leave it (REMOVEFROM) as flags change and mail comes and goes, until CANCELUPDATE. Type "help search KEY" for one key.',
    examples: ['SEARCH UNSEEN', 'SEARCH MODSEQ 30', 'SEARCH BODY test', 'SEARCH BODY test NOT FROM someaddr@somewhere.edu', 'SEARCH OR FLAGGED FROM hatter SINCE 1-Jan-2020', 'SEARCH CHARSET UTF-8 (OR FROM hatter FROM rabbit) UNSEEN', 'SEARCH RETURN (MIN MAX COUNT) UNSEEN', 'SEARCH RETURN (PARTIAL 1:5) UNSEEN', 'UID SEARCH RETURN (SAVE ALL) FLAGGED', 'SEARCH $ UNSEEN'],
    rfc: '3501 §6.4.4',
  },
  FETCH: {
    summary: 'Reads data about messages: flags, dates, sizes, headers, structure, bodies. Give a message set (1, 2:4, 1:*, 3,7) and one item or a list of items in parentheses.',
    detail: 'Any BODY[...], even of a few header lines, marks the message \\Seen; BODY.PEEK[...] does not. BINARY[part] (RFC 3516) gives a part decoded from base64 or quoted-printable. ALL, FAST and FULL are shorthands. Type "help fetch ITEM" for one item. With CONDSTORE (RFC 7162), (CHANGEDSINCE n) after the items keeps only the messages changed after modseq n, each with its MODSEQ: how a client catches up on flag changes cheaply.',
    examples: ['FETCH 1:* (FLAGS) (CHANGEDSINCE 30)', 'FETCH 1:5 (FLAGS ENVELOPE)', 'FETCH 1:22 (FLAGS BODY.PEEK[HEADER.FIELDS (DATE FROM SUBJECT)])', 'FETCH 2 BODYSTRUCTURE', 'FETCH * (FLAGS)', 'FETCH 6 (BINARY.SIZE[2] BINARY.PEEK[2]<0.8>)', 'FETCH 24 BINARY.PEEK[1]'],
    rfc: '3501 §6.4.5',
  },
  STORE: {
    summary: 'Changes flags: FLAGS replaces them (all but \\Recent, which only the server sets), +FLAGS adds, -FLAGS removes. The server answers with the new flags as FETCH lines, unless you add .SILENT.',
    detail: 'With CONDSTORE (RFC 7162), (UNCHANGEDSINCE n) before the item changes a message only if its modseq is still n or lower, that is, if nobody changed it since you looked; the others are left alone and listed in the OK as [MODIFIED set].',
    examples: ['STORE 3 +FLAGS (\\Deleted)', 'STORE 1:2 FLAGS (\\Answered)', 'STORE 3 -FLAGS.SILENT (\\Deleted)', 'STORE 4 (UNCHANGEDSINCE 5) +FLAGS (\\Flagged)', 'STORE 1 (UNCHANGEDSINCE 1) -FLAGS (\\Answered)'],
    rfc: '3501 §6.4.6',
  },
  COPY: {
    summary: 'Copies messages to the end of another mailbox, with their flags and internal date. The originals stay. NO [TRYCREATE] if the destination does not exist.',
    examples: ['COPY 22 test'],
    rfc: '3501 §6.4.7',
  },
  MOVE: {
    summary: 'Moves messages to another mailbox: a COPY, then the originals are expunged (you see their EXPUNGE lines). An extension, not in IMAP4rev1 itself.',
    examples: ['MOVE 2 test'],
    rfc: '6851 §3.1',
  },
  UID: {
    summary: 'A prefix: UID FETCH, UID SEARCH, UID STORE, UID COPY, UID MOVE and UID EXPUNGE take UIDs (lasting message names) instead of sequence numbers. UID FETCH and UID STORE answers always carry the UID item; UID SEARCH answers with UIDs instead of numbers.',
    detail: 'Sequence numbers shift when messages are expunged; a UID stays with its message for as long as the mailbox\'s UIDVALIDITY does not change, so a client can keep UIDs from one session to the next. Real clients use the UID forms almost always.',
    examples: ['UID FETCH 1:* (UID FLAGS)', 'UID SEARCH UNSEEN'],
    rfc: '3501 §6.4.8',
  },
  'UID FETCH': { summary: 'FETCH by UID. The answer still numbers each message by sequence number, and always includes its UID. With QRESYNC on, (CHANGEDSINCE n VANISHED) also tells, as * VANISHED (EARLIER), which UIDs of the set were removed since n.', examples: ['UID FETCH 1:5 (UID FLAGS)', 'UID FETCH 1:* (FLAGS) (CHANGEDSINCE 30)', 'ENABLE QRESYNC', 'UID FETCH 1:* (FLAGS) (CHANGEDSINCE 30 VANISHED)'], rfc: '3501 §6.4.8' },
  'UID SEARCH': { summary: 'SEARCH whose answer lists UIDs instead of sequence numbers.', examples: ['UID SEARCH UNSEEN'], rfc: '3501 §6.4.8' },
  'UID STORE': { summary: 'STORE by UID: change flags of the messages with these UIDs. With (UNCHANGEDSINCE n), [MODIFIED set] lists UIDs.', examples: ['UID STORE 4 +FLAGS (\\Flagged)', 'UID STORE 4:5 (UNCHANGEDSINCE 6) -FLAGS (\\Flagged)'], rfc: '3501 §6.4.8' },
  'UID COPY': { summary: 'COPY by UID. The OK carries [COPYUID ...] with the new UIDs in the destination.', examples: ['UID COPY 4:6 test'], rfc: '4315 §3' },
  'UID MOVE': { summary: 'MOVE by UID: the messages with these UIDs go to the other mailbox and disappear from this one.', examples: ['UID MOVE 7 test'], rfc: '6851 §3.2' },
  CANCELUPDATE: {
    summary: 'Stops the news of a search run with RETURN (UPDATE): give that command\'s tag in quotes. Without it, the server keeps sending * ESEARCH lines with ADDTO and REMOVEFROM until you leave the mailbox.',
    detail: 'The example gets NO: no search was started under that tag here. Type SEARCH RETURN (UPDATE COUNT) FLAGGED, change a flag with STORE and see the ADDTO or REMOVEFROM, then CANCELUPDATE with the SEARCH\'s tag.',
    answer: 'NO',
    examples: ['CANCELUPDATE "a1"'],
    rfc: '5267 §4.3',
  },
  'UID EXPUNGE': { summary: 'Expunges only the \\Deleted messages whose UIDs you give; other \\Deleted messages stay. Safe when another client also marks messages.', examples: ['UID EXPUNGE 3:5'], rfc: '4315 §2.1' },
};

/** @type {Record<string, string>} FETCH items, by the vocabulary's names. */
export const FETCH_HELP = {
  ALL: 'Shorthand for (FLAGS INTERNALDATE RFC822.SIZE ENVELOPE): the usual columns of a message list.',
  FAST: 'Shorthand for (FLAGS INTERNALDATE RFC822.SIZE): cheap, no headers.',
  FULL: 'Shorthand for (FLAGS INTERNALDATE RFC822.SIZE ENVELOPE BODY).',
  BODY: 'The MIME structure (which parts, their types and sizes) without the extra fields of BODYSTRUCTURE. Not the body text: for that, use BODY[...].',
  'BODY[': 'Part of the message\'s text. BODY[] is everything, BODY[HEADER] the header, BODY[TEXT] the body, BODY[HEADER.FIELDS (FROM SUBJECT)] only those header lines, BODY[HEADER.FIELDS.NOT (...)] all but those, BODY[1] the first MIME part, BODY[1.MIME] its MIME header. When part 2 is an attached message, BODY[2] is all of it and BODY[2.1] its text. <0.100> after it fetches 100 bytes from byte 0. Sets \\Seen, whatever the section.',
  'BODY.PEEK[': 'Exactly like BODY[section]<partial>, but the message is not marked \\Seen. What a well-behaved client uses for previews.',
  'BINARY[': 'A MIME part with its transfer encoding undone (BINARY, RFC 3516): BINARY[2] of a base64 attachment gives the file\'s own bytes, BINARY[1] of a quoted-printable text its plain text. The server answers with a literal8, ~{n}, when it decoded something or the bytes hold NUL. BINARY[] is the whole message with every part decoded. A part in an encoding the server cannot undo gets NO [UNKNOWN-CTE]. <0.100> after it fetches 100 decoded bytes from byte 0. Sets \\Seen.',
  'BINARY.PEEK[': 'Exactly like BINARY[part]<partial>, but the message is not marked \\Seen.',
  'BINARY.SIZE[': 'The size in bytes of BINARY[part]: what the part will take once decoded, so a client knows before it downloads.',
  BODYSTRUCTURE: 'The MIME structure, as BODY gives it, plus extension data: for a single part its MD5, disposition (attachment or inline), language and location; for a multipart also its parameters, such as the boundary. Tells a client which part numbers to fetch.',
  ENVELOPE: 'The main headers, parsed by the server, in a fixed order: date, subject, from, sender, reply-to, to, cc, bcc, in-reply-to, message-id. Addresses come as (name route mailbox host).',
  FLAGS: 'The flags of each message, such as \\Seen and \\Deleted.',
  INTERNALDATE: 'When the message arrived in the mailbox (not the Date: header). SINCE, BEFORE and ON search this date.',
  RFC822: 'The whole message; the old name for BODY[]. Sets \\Seen.',
  'RFC822.HEADER': 'The header; the old name for BODY.PEEK[HEADER].',
  'RFC822.SIZE': 'The size of the message in bytes, as LARGER and SMALLER count it.',
  'RFC822.TEXT': 'The body; the old name for BODY[TEXT]. Sets \\Seen.',
  UID: 'The message\'s UID: a number that names it in this mailbox for as long as UIDVALIDITY stays the same, unlike the sequence number that shifts on EXPUNGE.',
  MODSEQ: 'The message\'s modification sequence (CONDSTORE, RFC 7162): the number of its latest change in this mailbox. Each change, such as a flag set, gives it a higher one.',
};

/** @type {Record<string, string>} SEARCH keys; "message set" is the key without a name. */
export const SEARCH_HELP = {
  'message set': 'A bare set of message numbers, such as 1:10 or 2,4,6: only those messages. Combine it with other keys: SEARCH 1:10 UNSEEN. $ is the set an earlier SEARCH RETURN (SAVE) kept.',
  ALL: 'Every message. Useful alone, or as a start to combine with others.',
  ANSWERED: 'Messages with \\Answered (replied to).',
  BCC: 'Messages whose Bcc field contains the string.',
  BEFORE: 'Messages that arrived (internal date) before the given day, not counting that day.',
  BODY: 'Messages whose body contains the string, after decoding base64 and quoted-printable.',
  CC: 'Messages whose Cc field contains the string.',
  DELETED: 'Messages marked \\Deleted, which the next EXPUNGE or CLOSE will remove.',
  DRAFT: 'Messages marked \\Draft.',
  FLAGGED: 'Messages marked \\Flagged (important).',
  FROM: 'Messages whose From field contains the string: name or address, any part of it. The server compares with the addresses as it reads them, written out as "Name" <user@host>, so comments, folded lines and encoded names in the header do not get in the way (TO, CC and BCC alike).',
  HEADER: 'Messages with a header of the given name whose value contains the string. An empty string matches any message that has the header.',
  KEYWORD: 'Messages with the given keyword (a flag without backslash, such as $Todo).',
  LARGER: 'Messages bigger than n bytes.',
  NEW: 'Messages that are \\Recent and not \\Seen: new since the last look and unread.',
  NOT: 'Messages that do not match the key after it: NOT SEEN, NOT FROM bob.',
  OLD: 'Messages that are not \\Recent: every message, in a mailbox where nothing is recent.',
  OLDER: 'Messages that arrived (internal date) at least n seconds ago: OLDER 86400 is a day or more (WITHIN, RFC 5032).',
  ON: 'Messages that arrived (internal date) on the given day.',
  OR: 'Messages that match either of the next two keys. Nest for more: OR A OR B C.',
  RECENT: 'Messages marked \\Recent: this session is the first to see them.',
  SEEN: 'Messages marked \\Seen (read).',
  SENTBEFORE: 'Messages whose Date: header is before the given day.',
  SENTON: 'Messages whose Date: header is on the given day.',
  SENTSINCE: 'Messages whose Date: header is on or after the given day.',
  SINCE: 'Messages that arrived (internal date) on or after the given day.',
  SMALLER: 'Messages smaller than n bytes.',
  SUBJECT: 'Messages whose Subject contains the string.',
  TEXT: 'Messages that contain the string anywhere: any header line (as "Name: value", the headers of attachments and of forwarded messages included) or the text of any part.',
  TO: 'Messages whose To field contains the string.',
  UID: 'Messages whose UIDs are in the set: SEARCH UID 1:10.',
  UNANSWERED: 'Messages without \\Answered.',
  UNDELETED: 'Messages without \\Deleted.',
  UNDRAFT: 'Messages without \\Draft.',
  UNFLAGGED: 'Messages without \\Flagged.',
  UNKEYWORD: 'Messages without the given keyword.',
  UNSEEN: 'Messages without \\Seen: the unread ones.',
  YOUNGER: 'Messages that arrived (internal date) at most n seconds ago: YOUNGER 3600 is the last hour (WITHIN, RFC 5032).',
  MODSEQ: 'Messages changed at or after the given modification sequence (CONDSTORE, RFC 7162). The answer ends with (MODSEQ n), the latest change among them (with RETURN, a MODSEQ n item of the ESEARCH line). An entry name and type before the number, such as "/flags/\\\\seen" all, ask about one flag; this server looks at the whole message.',
};

/** @type {Record<string, string>} STATUS items. */
export const STATUS_HELP = {
  MESSAGES: 'How many messages the mailbox holds.',
  RECENT: 'How many of them are \\Recent.',
  UIDNEXT: 'The UID the next new message will get (at least). It grows even if that message is later expunged.',
  UIDVALIDITY: 'The generation of the mailbox\'s UIDs; if it changes, cached UIDs are worthless.',
  UNSEEN: 'How many messages are not \\Seen.',
  SIZE: 'How many bytes all its messages take together, each counted as FETCH RFC822.SIZE counts it (STATUS=SIZE, RFC 8438). A client can show it as the folder size.',
  HIGHESTMODSEQ: 'The modification sequence of the latest change in the mailbox (CONDSTORE, RFC 7162). If it has not grown since you last asked, nothing in the mailbox changed.',
};

/** @type {Record<string, string>} LIST-EXTENDED options (RFC 5258): selection options go in parentheses before the reference, return options after RETURN. */
export const LIST_HELP = {
  'SUBSCRIBED (selection)': 'List the names you subscribed to instead of the mailboxes that exist; each is marked \\Subscribed, and one that was deleted since also \\NonExistent.',
  'REMOTE (selection)': 'Also list mailboxes kept on other servers. The playground has none, so nothing changes.',
  'RECURSIVEMATCH (selection)': 'Used beside SUBSCRIBED: also list a name that is not subscribed itself but has a subscribed mailbox below it, marked CHILDINFO ("SUBSCRIBED"). Alone it is an error.',
  'SUBSCRIBED (return)': 'Mark the names you subscribed to with \\Subscribed.',
  'CHILDREN (return)': 'Add \\HasChildren or \\HasNoChildren. In the extended form they only come when asked for.',
  'SPECIAL-USE (return)': 'Add what a mailbox is for: \\Sent, \\Drafts, \\Trash, \\Junk, \\Archive (RFC 6154).',
  'STATUS (items)': 'After each mailbox you can select, a STATUS line with these items, as the STATUS command would give (LIST-STATUS, RFC 5819). One command instead of a STATUS per mailbox.',
};

/** @type {Record<string, string>} STORE items. */
export const STORE_HELP = {
  FLAGS: 'Replace the flags with the list (\\Recent stays: only the server sets it); answered with FETCH (FLAGS ...).',
  'FLAGS.SILENT': 'Replace the flags (\\Recent stays); no FETCH answer.',
  '+FLAGS': 'Add the listed flags; answered with the new flags.',
  '+FLAGS.SILENT': 'Add the listed flags; no FETCH answer.',
  '-FLAGS': 'Remove the listed flags; answered with the new flags.',
  '-FLAGS.SILENT': 'Remove the listed flags; no FETCH answer.',
};

/** Where each table's rules are stated. */
export const TABLE_RFC = {
  fetch: '3501 §6.4.5',
  search: '3501 §6.4.4',
  status: '3501 §6.3.10',
  store: '3501 §6.4.6',
  flags: '3501 §2.3.2',
};
