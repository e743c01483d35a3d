//! A small fake IMAP server on 127.0.0.1:0 for limit and load tests:
//! greets, answers `FETCH` with a fixed 1 MB literal, `NOOP` and others
//! with OK, `LOGOUT` with BYE, and `DIE` by dropping the connection.

use std::net::SocketAddr;

use tokio::io::{AsyncBufReadExt, AsyncWriteExt, BufReader};
use tokio::net::TcpListener;

/// The 1 MB message body: deterministic, printable, not repetitive.
pub fn payload() -> Vec<u8> {
    let mut x: u32 = 0x1234_5678;
    (0..1024 * 1024)
        .map(|i| {
            if i % 78 == 76 {
                b'\r'
            } else if i % 78 == 77 {
                b'\n'
            } else {
                x ^= x << 13;
                x ^= x >> 17;
                x ^= x << 5;
                b'!' + (x % 90) as u8
            }
        })
        .collect()
}

/// Starts the fake server; it runs until the test's runtime ends.
pub async fn start() -> SocketAddr {
    let listener = TcpListener::bind("127.0.0.1:0").await.expect("bind");
    let addr = listener.local_addr().expect("addr");
    let body = std::sync::Arc::new(payload());
    tokio::spawn(async move {
        while let Ok((stream, _)) = listener.accept().await {
            let body = body.clone();
            tokio::spawn(async move {
                let (r, mut w) = stream.into_split();
                let mut lines = BufReader::new(r).lines();
                if w.write_all(b"* OK fake IMAP ready\r\n").await.is_err() {
                    return;
                }
                while let Ok(Some(line)) = lines.next_line().await {
                    let mut words = line.split(' ');
                    let tag = words.next().unwrap_or("*").to_owned();
                    let cmd = words.next().unwrap_or("").to_ascii_uppercase();
                    let out = match cmd.as_str() {
                        "FETCH" => {
                            let mut out =
                                format!("* 1 FETCH (BODY[] {{{}}}\r\n", body.len()).into_bytes();
                            out.extend_from_slice(&body);
                            out.extend_from_slice(
                                format!(")\r\n{tag} OK FETCH done\r\n").as_bytes(),
                            );
                            out
                        }
                        "DIE" => return,
                        "LOGOUT" => {
                            let _ = w
                                .write_all(
                                    format!("* BYE bye\r\n{tag} OK LOGOUT done\r\n").as_bytes(),
                                )
                                .await;
                            return;
                        }
                        _ => format!("{tag} OK {cmd} done\r\n").into_bytes(),
                    };
                    if w.write_all(&out).await.is_err() {
                        return;
                    }
                }
            });
        }
    });
    addr
}
