//! The demo mailboxes' contents: who writes to Alice and Bob, and every
//! message with its date and flags (the facts lessons quote are listed in
//! the `demo` module's documentation).

use super::*;

pub(super) const ALICE: &str = "Alice Liddell <alice@wonderland.example>";
pub(super) const HATTER: &str = "The Hatter <hatter@teaparty.example>";
pub(super) const RABBIT: &str = "White Rabbit <rabbit@wonderland.example>";
pub(super) const GARDENS: &str = "Riverside Garden Society <news@gardens.example>";
pub(super) const RAILWAY: &str = "Little Valley Railway <timetable@lvr.example>";
pub(super) const QUEEN: &str = "Queen of Hearts <queen@hearts.example>";
pub(super) const BOB: &str = "Bob Builder <bob@builder.example>";

#[allow(clippy::too_many_lines)]
pub(super) fn alice_inbox() -> Vec<Mail> {
    let png = base64(&croquet_png());
    let quote_pdf = base64(&small_pdf(
        "Garden shed quote: 1,240.00 - valid until 30 April 2025",
    ));
    let invoice_pdf = base64(&small_pdf("Invoice 2025-031: shed roof repair, 380.00"));
    let mut photo_bytes = vec![
        0xff, 0xd8, 0xff, 0xe0, 0x00, 0x10, b'J', b'F', b'I', b'F', 0x00,
    ];
    photo_bytes.extend(Lcg(4).bytes(150_000));
    photo_bytes.extend_from_slice(&[0xff, 0xd9]);
    let photo = base64(&photo_bytes);
    let renee = q_word("UTF-8", "Renée Dupont".as_bytes());
    let the_dansant = b_word("UTF-8", "Thé dansant on the lawn \u{1FAD6}".as_bytes());
    let andre = q_word("ISO-8859-1", &l1("André Lefèvre"));
    let cafe = b_word("ISO-8859-1", &l1("Café au lait, the proper way"));
    let jose = b_word("UTF-8", "José Müller".as_bytes());
    let jardin = q_word("ISO-8859-1", &l1("Rosé and roses: garden fête"));
    let mut v = Vec::new();

    // 1
    v.push(mail((3, 1, 9, 5), 0, "0301.rabbit@wonderland.example", &format!(
        "From: {RABBIT}\nTo: {ALICE}\nSubject: Running late for the tea party\nMIME-Version: 1.0\nContent-Type: text/plain; charset=us-ascii"),
        crlf("Oh dear! Oh dear! I shall be too late!\n\nPlease tell the Hatter to keep a cup warm for me. The Duchess kept\nme waiting and my watch is two days wrong again.\n\n-- W.R.\n"), "S"));
    // 2
    v.push(mail((3, 2, 16, 30), 0, "0302.hatter@teaparty.example", &format!(
        "From: {HATTER}\nTo: {ALICE}\nCc: March Hare <hare@teaparty.example>\nSubject: Tea party this Saturday\nMIME-Version: 1.0\nContent-Type: multipart/alternative; boundary=\"=_alt_0302\""),
        crlf("This is a multi-part message in MIME format.\n\n--=_alt_0302\nContent-Type: text/plain; charset=utf-8\nContent-Transfer-Encoding: 7bit\n\nDear Alice,\n\nThe tea party is on Saturday at six o'clock, as it always is.\nBring a riddle. Why is a raven like a writing-desk?\n\nThe Hatter\n\n--=_alt_0302\nContent-Type: text/html; charset=utf-8\nContent-Transfer-Encoding: 7bit\n\n<html><body><p>Dear Alice,</p>\n<p>The tea party is on <b>Saturday at six o'clock</b>, as it always is.<br>\nBring a riddle. <i>Why is a raven like a writing-desk?</i></p>\n<p>The Hatter</p></body></html>\n\n--=_alt_0302--\n"), "SA"));
    // 3
    v.push(mail((3, 3, 7, 45), 60, "0303.spring@gardens.example", &format!(
        "From: {GARDENS}\nTo: members@gardens.example\nSubject: Spring planting calendar\nMIME-Version: 1.0\nContent-Type: text/plain; charset=utf-8\nContent-Transfer-Encoding: quoted-printable\nList-Id: <members.gardens.example>"),
        crlf("Dear members,\n\nMarch is here and the beds are waking up. Our planting calendar for the =\nseason:\n\n  * Sweet peas =E2=80=94 sow now under glass\n  * Early potatoes =E2=80=94 chit on the windowsill, plant out late March\n  * Caf=C3=A9 cr=C3=A8me dahlias =E2=80=94 pot up the tubers in April\n\nThe tool shed key is with Mrs. Tulip as usual.\n\nRiverside Garden Society\n"), "S"));
    // 4
    v.push(mail((3, 4, 12, 0), 0, "0304.timetable@lvr.example", &format!(
        "From: {RAILWAY}\nTo: {ALICE}\nSubject: Timetable changes from 1 April\nMIME-Version: 1.0\nContent-Type: multipart/mixed; boundary=\"lvr-mixed-0304\""),
        crlf("--lvr-mixed-0304\nContent-Type: text/plain; charset=us-ascii\n\nHello Alice,\n\nThe spring timetable starts on 1 April. The 10:15 from Valley Halt now\nleaves at 10:20, and Sunday services run every hour. The full table is\nattached.\n\nLittle Valley Railway\n--lvr-mixed-0304\nContent-Type: text/plain; charset=us-ascii; name=\"timetable.txt\"\nContent-Disposition: attachment; filename=\"timetable.txt\"\nContent-Description: Spring timetable\n\nVALLEY HALT   10:20  12:20  14:20  16:20\nMILL CROSSING 10:34  12:34  14:34  16:34\nOAK SIDINGS   10:41  12:41  14:41  16:41\nRIVERSIDE     10:55  12:55  14:55  16:55\n--lvr-mixed-0304--\n"), "S"));
    // 5
    v.push(mail((3, 5, 18, 20), 60, "0305.renee@lawn.example", &format!(
        "From: {renee} <renee@lawn.example>\nTo: {ALICE}\nSubject: {the_dansant}\nMIME-Version: 1.0\nContent-Type: text/plain; charset=utf-8\nContent-Transfer-Encoding: 8bit"),
        crlf("Chère Alice,\n\nNous organisons un thé dansant sur la pelouse, dimanche à 16 h.\nThere will be scones, crème fraîche and a small string quartet.\n\nÀ bientôt,\nRenée\n"), ""));
    // 6
    v.push(mail((3, 6, 10, 10), 0, "0306.queen@hearts.example", &format!(
        "From: {QUEEN}\nTo: {ALICE}\nSubject: Croquet tournament - flamingos required\nMIME-Version: 1.0\nContent-Type: multipart/mixed; boundary=\"croquet\""),
        crlf(&format!("--croquet\nContent-Type: text/plain; charset=us-ascii\n\nThe Queen's croquet tournament is on the 15th. Every player must bring\nher own flamingo. Hedgehogs are provided. The club flag is attached so\nyou recognise the ground.\n\nLate arrivals will be dealt with.\n--croquet\nContent-Type: image/png; name=\"flag.png\"\nContent-Transfer-Encoding: base64\nContent-Disposition: inline; filename=\"flag.png\"\nContent-ID: <flag.0306@hearts.example>\n\n{png}--croquet--\n")), "F"));
    // 7
    v.push(mail((3, 7, 8, 55), 0, "0307.cat@wonderland.example", &format!(
        "From: Cheshire Cat <cat@wonderland.example>\nTo: {ALICE}\nSubject: Fwd: Directions to the garden\nMIME-Version: 1.0\nContent-Type: multipart/mixed; boundary=\"grin\""),
        crlf("--grin\nContent-Type: text/plain; charset=us-ascii\n\nYou asked which way to go. It depends a good deal on where you want to\nget to. Here is what the Gardener sent me.\n\n--grin\nContent-Type: message/rfc822\nContent-Description: Directions to the garden\n\nDate: Wed, 5 Mar 2025 14:00:00 +0000\nFrom: Two of Spades <spades@hearts.example>\nTo: Cheshire Cat <cat@wonderland.example>\nSubject: Directions to the garden\nMessage-ID: <0305.spades@hearts.example>\nMIME-Version: 1.0\nContent-Type: multipart/alternative; boundary=\"roses\"\n\n--roses\nContent-Type: text/plain; charset=us-ascii\n\nTake the little door behind the curtain, then follow the white roses.\nWe are painting them red, so mind the wet paint.\n--roses\nContent-Type: text/html; charset=us-ascii\n\n<p>Take the little door behind the curtain, then follow the <b>white roses</b>.</p>\n--roses--\n\n--grin--\n"), "S $Forwarded"));
    // 8
    v.push(mail((3, 8, 21, 40), 0, "0308.dormouse@teaparty.example", "From: Dormouse <dormouse@teaparty.example>\nTo: Tea Party Club <members@teaparty.example>\nSubject: Minutes of the last meeting\nMIME-Version: 1.0\nContent-Type: text/plain; charset=us-ascii",
        crlf("Minutes of the Tea Party Club, 1 March.\n\nPresent: the Hatter, the March Hare, the Dormouse (mostly asleep), Alice.\n\n1. Clean cups: it was agreed to move one place on.\n2. Treacle: the well is still full.\n3. Any other business: none, as everyone fell asleep.\n\nOnce upon a time there were three little sisters...\n"), "S"));
    // 9
    v.push(mail((3, 9, 11, 25), 0, "0309.bob@builder.example", &format!(
        "From: {BOB}\nTo: {ALICE}\nSubject: Shed roof quote\nMIME-Version: 1.0\nContent-Type: multipart/mixed; boundary=\"quote-0309\""),
        crlf(&format!("--quote-0309\nContent-Type: text/plain; charset=us-ascii\n\nHi Alice,\n\nThanks for showing me the shed. The quote for the new roof is attached.\nCan we fix it? Yes we can.\n\nBob\n--quote-0309\nContent-Type: application/pdf; name=\"quote.pdf\"\nContent-Transfer-Encoding: base64\nContent-Disposition: attachment; filename=\"quote.pdf\"\n\n{quote_pdf}--quote-0309--\n")), "S Work"));
    // 10
    v.push(mail((3, 10, 9, 0), 60, "0310.seeds@gardens.example", &format!(
        "From: {GARDENS}\nTo: members@gardens.example\nSubject: Seed swap results\nMIME-Version: 1.0\nContent-Type: text/plain; charset=utf-8\nContent-Transfer-Encoding: base64"),
        base64("Thank you to everyone who came to the seed swap.\r\nWe exchanged 214 packets, including the rare blue poppy and\r\nforty kinds of bean. Leftover seeds are in the library drawer.\r\n".as_bytes()).into_bytes(), "S"));
    // 11
    let mut body11 = latin1(
        "Bonjour Alice,\n\nLe vrai café au lait: un bol, du café très fort, du lait chaud.\nNever from a teapot, whatever the Hatter says.\n\nAndré\n",
    );
    body11.truncate(body11.len());
    v.push(mail((3, 11, 7, 30), 60, "0311.andre@paris.example", &format!(
        "From: {andre} <andre@paris.example>\nTo: {ALICE}\nSubject: {cafe}\nMIME-Version: 1.0\nContent-Type: text/plain; charset=ISO-8859-1\nContent-Transfer-Encoding: 8bit"),
        body11, "S"));
    // 12
    v.push(mail((3, 12, 15, 0), 0, "0312.archive@lvr.example", &format!(
        "From: {RAILWAY}\nTo: {ALICE}\nSubject: From the photo archive: Engine No. 4 in 1952\nMIME-Version: 1.0\nContent-Type: multipart/mixed; boundary=\"lvr-photo\""),
        crlf(&format!("--lvr-photo\nContent-Type: text/plain; charset=us-ascii\n\nFrom our photo archive: Engine No. 4 at Oak Sidings in the summer of\n1952, shortly after her first overhaul. A large scan is attached.\n--lvr-photo\nContent-Type: image/jpeg; name=\"engine4.jpg\"\nContent-Transfer-Encoding: base64\nContent-Disposition: attachment; filename=\"engine4.jpg\"\n\n{photo}--lvr-photo--\n")), "S"));
    // 13
    v.push(mail((3, 13, 17, 5), 0, "0313.hatter@teaparty.example", &format!(
        "From: {HATTER}\nTo: {ALICE}\nSubject: Re: Tea party this Saturday\nIn-Reply-To: <0302.alice@wonderland.example>\nReferences: <0302.hatter@teaparty.example> <0302.alice@wonderland.example>\nMIME-Version: 1.0\nContent-Type: text/plain; charset=us-ascii"),
        crlf("> Can I bring a friend?\n\nCertainly! No room! No room! But there is plenty of room.\nWe will test the new teapot on Saturday; the old one has the Dormouse\nin it.\n\nThe Hatter\n"), "SA"));
    // 14
    v.push(mail((3, 14, 8, 0), 60, "0314.april@gardens.example", &format!(
        "From: {GARDENS}\nTo: members@gardens.example\nSubject: April events at the Riverside Garden\nMIME-Version: 1.0\nContent-Type: multipart/alternative; boundary=\"apr\""),
        crlf("--apr\nContent-Type: text/plain; charset=us-ascii\n\nApril events\n\n  5 April   Pruning roses, with Mr. Five\n 12 April   Compost workshop\n 26 April   Open garden day and plant sale\n\n--apr\nContent-Type: text/html; charset=us-ascii\n\n<html><body><h1>April events</h1><table>\n<tr><td>5 April</td><td>Pruning roses, with Mr. Five</td></tr>\n<tr><td>12 April</td><td>Compost workshop</td></tr>\n<tr><td>26 April</td><td>Open garden day and plant sale</td></tr>\n</table></body></html>\n--apr--\n"), ""));
    // 15
    v.push(mail((3, 15, 19, 45), 0, "0315.hare@teaparty.example", &format!(
        "From: March Hare <hare@teaparty.example>\nTo: Tea Party Club: {HATTER}, {ALICE},\n dormouse@teaparty.example;\nSubject: Unbirthday schedule\nMIME-Version: 1.0\nContent-Type: text/plain; charset=us-ascii"),
        crlf("A very merry unbirthday to you!\n\nThere are 364 unbirthdays a year, so we have drawn up a rota.\nAlice has the 20th, the 21st and the 22nd of every month.\n"), ""));
    // 16
    v.push(mail((3, 16, 10, 30), 0, "0316.volunteers@lvr.example", &format!(
        "From: Stationmaster <stationmaster@lvr.example>\nSender: Little Valley Railway list <list@lvr.example>\nReply-To: Volunteers <volunteers@lvr.example>\nTo: friends@lvr.example\nCc: {ALICE}\nSubject: Volunteers needed for the Easter specials\nMIME-Version: 1.0\nContent-Type: text/plain; charset=us-ascii"),
        crlf("We need guards, ticket inspectors and someone to make tea at Valley\nHalt during the Easter specials. Reply to this message if you can help\nfor a morning or an afternoon.\n"), "F"));
    // 17
    v.push(mail((3, 17, 12, 15), -300, "0317.caterpillar@mushroom.example", &format!(
        "From: Caterpillar <caterpillar@mushroom.example>\nTo: {ALICE}\nSubject: Who are you?\nMIME-Version: 1.0\nContent-Type: text/plain; charset=us-ascii"),
        crlf("Who are YOU?\n\nOne side will make you grow taller, and the other side will make you\ngrow shorter. Keep your temper.\n"), "S"));
    // 18
    v.push(mail((3, 18, 6, 0), 60, "0318.digest@gardens.example", &format!(
        "From: {GARDENS}\nTo: members@gardens.example\nSubject: Garden Society digest, Vol 3 Issue 2\nMIME-Version: 1.0\nContent-Type: multipart/digest; boundary=\"digest-3-2\""),
        crlf("--digest-3-2\n\nFrom: Mrs. Tulip <tulip@gardens.example>\nSubject: Lost trowel\nDate: Sun, 16 Mar 2025 10:00:00 +0100\n\nA green trowel was left by the greenhouse. Ask at the shed.\n\n--digest-3-2\n\nFrom: Mr. Five <five@hearts.example>\nSubject: White roses\nDate: Mon, 17 Mar 2025 11:00:00 +0100\n\nWe planted white roses by mistake. Please do not mention it to the Queen.\n\n--digest-3-2--\n"), ""));
    // 19
    v.push(mail((3, 19, 14, 2), -300, "0319.lab@somewhere.edu", &format!(
        "From: Lab Robot <someaddr@somewhere.edu>\nTo: {ALICE}\nSubject: test message from the lab\nMIME-Version: 1.0\nContent-Type: text/plain; charset=us-ascii"),
        crlf("This is a test message sent by the mail robot of the logic lab.\nIf you can read this, the test passed. No reply is needed.\n"), ""));
    // 20
    v.push(mail((3, 20, 9, 30), 0, "0320.rabbit@wonderland.example", &format!(
        "From: {RABBIT}\nTo: {ALICE}\nSubject: The Duchess's invitation\nMIME-Version: 1.0\nContent-Type: text/plain; charset=us-ascii"),
        crlf("For the Duchess. An invitation from the Queen to play croquet.\n\nI am to test whether the invitations arrive before the guests do.\nPlease let me know when this one reached you, and be quick about it.\n"), ""));
    // 21
    v.push(mail((3, 21, 18, 0), 0, "0321.hatter@teaparty.example", &format!(
        "From: {HATTER}\nTo: {ALICE}\nSubject: Riddle of the week\nMIME-Version: 1.0\nContent-Type: text/plain; charset=us-ascii"),
        crlf("Riddle of the week:\n\nWhat can run but never walks, has a mouth but never talks, has a bed\nbut never sleeps?\n\nAnswers on a saucer, please.\n"), ""));
    // 22
    v.push(mail((3, 22, 11, 11), 0, "0322.rabbit@wonderland.example", &format!(
        "From: {RABBIT}\nTo: {ALICE}\nSubject: RSVP form for the garden party\nMIME-Version: 1.0\nContent-Type: text/plain; charset=us-ascii"),
        crlf("Dear Alice,\n\nThis is a test run of the new RSVP form for the Queen's garden party.\nPlease answer with your name, the number of flamingos you need, and\nwhether you take milk.\n\nW. Rabbit, herald\n"), ""));
    // 23
    v.push(mail((3, 23, 13, 0), 0, "0323.queen@hearts.example", &format!(
        "From: {QUEEN}\nTo: {ALICE}\nCc: King of Hearts <king@hearts.example>\nSubject: Croquet results\nMIME-Version: 1.0\nContent-Type: text/plain; charset=us-ascii"),
        crlf("Results of the tournament:\n\n  1st  The Queen\n  2nd  The Queen (again)\n  3rd  Nobody, they were all sentenced\n\nThe King has pardoned everyone.\n"), "SF"));
    // 24
    v.push(mail((3, 24, 16, 45), 60, "0324.jose@gardens.example", &format!(
        "From: {jose} <jose@gardens.example>\nTo: {ALICE}\nSubject: {jardin}\nMIME-Version: 1.0\nContent-Type: text/plain; charset=iso-8859-1\nContent-Transfer-Encoding: quoted-printable"),
        crlf("Hola Alice,\n\nFor the garden f=EAte we will serve ros=E9 and decorate the tables with\nroses from the society's beds. Se=F1or Gonz=E1lez will bring his guitar.\n\nJos=E9\n"), ""));
    // 25
    v.push(mail((3, 25, 7, 5), 0, "0325.engine@lvr.example", &format!(
        "From: {RAILWAY}\nTo: {ALICE}\nSubject: Engine No. 4 returns to service\nMIME-Version: 1.0\nContent-Type: multipart/alternative; boundary=\"no4\""),
        crlf("--no4\nContent-Type: text/plain; charset=utf-8\nContent-Transfer-Encoding: quoted-printable\n\nAfter eighteen months in the works, Engine No. 4 returns to service on =\nSaturday 29 March. Ride behind her on the 10:20 =E2=80=93 tickets at Valley Halt.\n--no4\nContent-Type: text/html; charset=utf-8\nContent-Transfer-Encoding: quoted-printable\n\n<p>After eighteen months in the works, <b>Engine No. 4</b> returns to servic=\ne on Saturday 29 March.</p><p>Ride behind her on the 10:20 =E2=80=93 tickets =\nat Valley Halt.</p>\n--no4--\n"), "S"));
    // 26
    v.push(mail((3, 26, 10, 0), 0, "0326.bob@builder.example", &format!(
        "From: {BOB}\nTo: {ALICE}\nSubject: Invoice 2025-031\nMIME-Version: 1.0\nContent-Type: multipart/mixed; boundary=\"inv\""),
        crlf(&format!("--inv\nContent-Type: multipart/alternative; boundary=\"inv-alt\"\n\n--inv-alt\nContent-Type: text/plain; charset=us-ascii\n\nHi Alice, the roof is done. Invoice attached. Thanks! Bob\n--inv-alt\nContent-Type: text/html; charset=us-ascii\n\n<p>Hi Alice, the roof is done. Invoice attached. Thanks! Bob</p>\n--inv-alt--\n\n--inv\nContent-Type: application/pdf; name=\"invoice-2025-031.pdf\"\nContent-Transfer-Encoding: base64\nContent-Disposition: attachment; filename=\"invoice-2025-031.pdf\"\n\n{invoice_pdf}--inv--\n")), "Work"));
    // 27
    v.push(mail((3, 27, 20, 20), 0, "0327.alice@wonderland.example", &format!(
        "From: {ALICE}\nTo: {ALICE}\nSubject: Note to self: things to remember\nMIME-Version: 1.0\nContent-Type: text/plain; charset=us-ascii"),
        crlf("- Drink me: check the label first\n- Eat me: only a small piece\n- Return the Duchess's fan and gloves\n"), "SD"));
    // 28
    v.push(mail((3, 28, 9, 50), 60, "0328.compost@gardens.example", &format!(
        "From: Mrs. Tulip <tulip@gardens.example>\nTo: {ALICE}\nSubject: Compost workshop - can you help?\nMIME-Version: 1.0\nContent-Type: text/plain; charset=us-ascii"),
        crlf("Dear Alice,\n\nCould you help at the compost workshop on 12 April? We need someone to\nhand out leaflets and keep the Dormouse away from the warm heap.\n\nMrs. Tulip\n"), ""));
    // 29
    v.push(mail((3, 29, 15, 35), 0, "0329.duchess@wonderland.example", &format!(
        "From: The Duchess <duchess@wonderland.example>\nTo: {ALICE}\nSubject: Pepper\nMIME-Version: 1.0\nContent-Type: text/plain; charset=us-ascii"),
        crlf("Everything's got a moral, if only you can find it.\n\nThe moral of the pepper is: there is too much of it in the soup.\n"), ""));
    // 30
    v.push(mail((3, 30, 8, 10), 0, "0330.easter@lvr.example", &format!(
        "From: {RAILWAY}\nTo: {ALICE}\nSubject: Easter specials: booking now open\nMIME-Version: 1.0\nContent-Type: text/plain; charset=us-ascii"),
        crlf("Booking is open for the Easter specials on 18-21 April.\nEgg hunt at Oak Sidings, brass band at Riverside.\n"), ""));
    // 31
    v.push(mail((3, 31, 17, 0), 0, "0331.hatter@teaparty.example", &format!(
        "From: {HATTER}\nTo: Tea Party Club <members@teaparty.example>\nSubject: Six o'clock, always\nMIME-Version: 1.0\nContent-Type: text/plain; charset=us-ascii"),
        crlf("Time has stopped at six o'clock again, so tea is permanent.\nPlease wash up as you go.\n"), ""));
    // 32
    v.push(mail((4, 1, 9, 0), 0, "0401.gryphon@sea.example", &format!(
        "From: Gryphon <gryphon@sea.example>\nTo: {ALICE}\nCc: Mock Turtle <turtle@sea.example>\nSubject: Lobster quadrille practice\nMIME-Version: 1.0\nContent-Type: text/plain; charset=us-ascii"),
        crlf("Will you, won't you, will you, won't you, will you join the dance?\nPractice on the beach on Thursday; lobsters provided.\n"), ""));
    v
}

pub(super) fn alice_others() -> Vec<(&'static str, Option<SpecialUse>, Vec<Mail>)> {
    let sent = vec![
        mail(
            (3, 2, 19, 0),
            0,
            "0302.alice@wonderland.example",
            &format!(
                "From: {ALICE}\nTo: {HATTER}\nSubject: Re: Tea party this Saturday\nIn-Reply-To: <0302.hatter@teaparty.example>\nMIME-Version: 1.0\nContent-Type: text/plain; charset=us-ascii"
            ),
            crlf("Dear Hatter,\n\nI shall come. Can I bring a friend?\n\nAlice\n"),
            "S",
        ),
        mail(
            (3, 9, 18, 30),
            0,
            "0309.alice@wonderland.example",
            &format!(
                "From: {ALICE}\nTo: {BOB}\nSubject: Re: Shed roof quote\nMIME-Version: 1.0\nContent-Type: text/plain; charset=us-ascii"
            ),
            crlf(
                "Hi Bob,\n\nThe quote looks fine. Please go ahead in the week of the 17th.\n\nAlice\n",
            ),
            "S",
        ),
        mail(
            (3, 16, 20, 0),
            0,
            "0316.alice@wonderland.example",
            &format!(
                "From: {ALICE}\nTo: Volunteers <volunteers@lvr.example>\nSubject: Re: Volunteers needed for the Easter specials\nMIME-Version: 1.0\nContent-Type: text/plain; charset=us-ascii"
            ),
            crlf("I can make tea at Valley Halt on Easter Monday morning.\n\nAlice\n"),
            "S",
        ),
    ];
    let drafts = vec![mail(
        (3, 31, 22, 0),
        0,
        "draft.0331.alice@wonderland.example",
        &format!(
            "From: {ALICE}\nTo: Caterpillar <caterpillar@mushroom.example>\nSubject: About the mushroom\nMIME-Version: 1.0\nContent-Type: text/plain; charset=us-ascii"
        ),
        crlf("Dear Caterpillar,\n\nWhich side was which? I have been three inches tall since\n"),
        "SD",
    )];
    let trash = vec![mail(
        (2, 27, 8, 0),
        0,
        "0227.offers@teashop.example",
        &format!(
            "From: Teashop Offers <offers@teashop.example>\nTo: {ALICE}\nSubject: 10% off all teapots this week\nMIME-Version: 1.0\nContent-Type: text/plain; charset=us-ascii"
        ),
        crlf("All teapots are 10% off this week, dormouse-proof lids included.\n"),
        "S",
    )];
    let junk = vec![mail(
        (3, 12, 3, 33),
        0,
        "0312.prize@lucky.example",
        &format!(
            "From: \"Golden Key Lottery\" <winner@lucky.example>\nTo: {ALICE}\nSubject: YOU HAVE WON A GOLDEN KEY!!!\nMIME-Version: 1.0\nContent-Type: text/html; charset=us-ascii"
        ),
        crlf(
            "<html><body><h1>Congratulations!</h1><p>You have won a golden key to a very small door. Send your bank details to claim it.</p></body></html>\n",
        ),
        "",
    )];
    let archive = vec![
        mail(
            (1, 10, 10, 0),
            0,
            "0110.hatter@teaparty.example",
            &format!(
                "From: {HATTER}\nTo: {ALICE}\nSubject: Welcome to the Tea Party Club\nMIME-Version: 1.0\nContent-Type: text/plain; charset=us-ascii"
            ),
            crlf("Welcome! Your seat is the one with the clean cup. Move one place on.\n"),
            "S",
        ),
        mail(
            (1, 20, 9, 15),
            60,
            "0120.welcome@gardens.example",
            &format!(
                "From: {GARDENS}\nTo: {ALICE}\nSubject: Your membership card\nMIME-Version: 1.0\nContent-Type: text/plain; charset=us-ascii"
            ),
            crlf("Your membership card for 2025 is ready at the garden gate.\n"),
            "S",
        ),
    ];
    let archive_2025 = vec![mail(
        (2, 14, 12, 0),
        0,
        "0214.knave@hearts.example",
        &format!(
            "From: Knave of Hearts <knave@hearts.example>\nTo: {ALICE}\nSubject: The tarts\nMIME-Version: 1.0\nContent-Type: text/plain; charset=us-ascii"
        ),
        crlf("I did not take the tarts. Please tell the King.\n"),
        "S",
    )];
    let test = vec![mail(
        (3, 1, 8, 0),
        0,
        "0301.alice@wonderland.example",
        &format!(
            "From: {ALICE}\nTo: {ALICE}\nSubject: About this mailbox\nMIME-Version: 1.0\nContent-Type: text/plain; charset=us-ascii"
        ),
        crlf(
            "This mailbox is for experiments. Copy messages here and try STORE,\nEXPUNGE and SEARCH without fear.\n",
        ),
        "S",
    )];
    vec![
        ("Sent", Some(SpecialUse::Sent), sent),
        ("Drafts", Some(SpecialUse::Drafts), drafts),
        ("Trash", Some(SpecialUse::Trash), trash),
        ("Junk", Some(SpecialUse::Junk), junk),
        ("Archive", Some(SpecialUse::Archive), archive),
        ("Archive/2025", None, archive_2025),
        ("test", None, test),
    ]
}

pub(super) fn bob_inbox() -> Vec<Mail> {
    let bob = "Bob Builder <bob@builder.example>";
    vec![
        mail(
            (3, 3, 8, 0),
            0,
            "0303.wendy@builder.example",
            &format!(
                "From: Wendy <wendy@builder.example>\nTo: {bob}\nSubject: Jobs for this week\nMIME-Version: 1.0\nContent-Type: text/plain; charset=us-ascii"
            ),
            crlf(
                "Monday: Alice's shed (measure up)\nWednesday: the railway's waiting room bench\nFriday: collect timber\n",
            ),
            "S",
        ),
        mail(
            (3, 8, 14, 0),
            0,
            "0308.alice@wonderland.example",
            &format!(
                "From: {ALICE}\nTo: {bob}\nSubject: My garden shed\nMIME-Version: 1.0\nContent-Type: text/plain; charset=us-ascii"
            ),
            crlf(
                "Hello Bob, the shed roof leaks when it rains, which is often. Could you\nhave a look this week?\n\nAlice\n",
            ),
            "SA",
        ),
        mail(
            (3, 10, 9, 0),
            0,
            "0310.timber@yard.example",
            &format!(
                "From: Timber Yard <sales@yard.example>\nTo: {bob}\nSubject: Order 5521 ready for collection\nMIME-Version: 1.0\nContent-Type: multipart/mixed; boundary=\"yard\""
            ),
            crlf(
                "--yard\nContent-Type: text/plain; charset=us-ascii\n\nYour order is ready. Delivery note attached.\n--yard\nContent-Type: text/csv; name=\"order-5521.csv\"\nContent-Disposition: attachment; filename=\"order-5521.csv\"\n\nitem,quantity,unit\nroof batten 25x50,40,m\nfelt roll,3,roll\nclout nails,2,kg\n--yard--\n",
            ),
            "F",
        ),
        mail(
            (3, 15, 7, 0),
            0,
            "0315.timetable@lvr.example",
            &format!(
                "From: {RAILWAY}\nTo: {bob}\nSubject: Timetable changes from 1 April\nMIME-Version: 1.0\nContent-Type: text/plain; charset=us-ascii"
            ),
            crlf("The spring timetable starts on 1 April. The 10:15 now leaves at 10:20.\n"),
            "",
        ),
        mail(
            (3, 20, 16, 0),
            0,
            "0320.scoop@builder.example",
            &format!(
                "From: Scoop <scoop@builder.example>\nTo: {bob}\nSubject: Digger service due\nMIME-Version: 1.0\nContent-Type: text/plain; charset=us-ascii"
            ),
            crlf("My service is due next week. Can we do it? Yes we can!\n"),
            "",
        ),
    ]
}
