//! Prints one message of the demo store exactly as the store holds it, so
//! the real-client tests (tests/clients/curl.sh) can compare what a client
//! fetched with the source byte for byte.
//!
//! Usage: `demo_message USER MAILBOX UID` (raw bytes on stdout).

use std::io::Write;

fn main() -> anyhow::Result<()> {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let store = mailstore::demo::demo_store();
    let mut stdout = std::io::stdout();
    match args.as_slice() {
        [user, mailbox, uid] => {
            let uid: u32 = uid.parse()?;
            let message = store
                .account(user)
                .and_then(|a| a.mailbox(mailbox))
                .and_then(|m| m.messages().iter().find(|m| m.uid == uid))
                .ok_or_else(|| anyhow::anyhow!("no message {user}/{mailbox}/{uid}"))?;
            stdout.write_all(&message.raw)?;
        }
        _ => anyhow::bail!("usage: demo_message USER MAILBOX UID"),
    }
    stdout.flush()?;
    Ok(())
}
