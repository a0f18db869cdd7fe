//! Credentials stay secret: the real binary, with a known client secret, trace-level logging
//! and a log file, is driven through reading and changing a case; the client secret and every
//! bearer token it used appear nowhere in the log file, on the screen (which also carries its
//! stderr) or in the emulator's output. The bearer tokens are learnt from the wire, through a
//! recording proxy between the console and the emulator.
//!
//! The console has no test-only way to force a panic, so the panic path (whose hook prints only
//! the message and the log's path) is not driven here.

use crate::support::pty;

use pty::{Console, Emulator};
use std::io::{Read, Write};
use std::net::{TcpListener, TcpStream};
use std::sync::{Arc, Mutex};

const SECRET: &str = "Zq7-secret-4f1d9a0c-NEVER-SHOWN";
const CLIENT: &str = "console-secrets-test";

/// A TCP proxy to `upstream` that keeps what clients send.
fn recording_proxy(upstream: &str) -> (String, Arc<Mutex<Vec<u8>>>) {
    let listener = TcpListener::bind("127.0.0.1:0").expect("bind");
    let addr = listener.local_addr().expect("addr");
    let upstream = upstream.trim_start_matches("http://").to_owned();
    let sent = Arc::new(Mutex::new(Vec::new()));
    let record = Arc::clone(&sent);
    std::thread::spawn(move || {
        for client in listener.incoming().flatten() {
            let Ok(server) = TcpStream::connect(&upstream) else {
                continue;
            };
            let (mut c_in, mut s_out) = (
                client.try_clone().expect("clone"),
                server.try_clone().expect("clone"),
            );
            let (mut s_in, mut c_out) = (server, client);
            let record = Arc::clone(&record);
            std::thread::spawn(move || {
                let mut buf = [0u8; 8192];
                while let Ok(n) = c_in.read(&mut buf) {
                    if n == 0 || s_out.write_all(&buf[..n]).is_err() {
                        break;
                    }
                    if let Ok(mut r) = record.lock() {
                        r.extend_from_slice(&buf[..n]);
                    }
                }
                let _ = s_out.shutdown(std::net::Shutdown::Write);
            });
            std::thread::spawn(move || {
                let _ = std::io::copy(&mut s_in, &mut c_out);
                let _ = c_out.shutdown(std::net::Shutdown::Write);
            });
        }
    });
    (format!("http://{addr}"), sent)
}

/// The bearer tokens in recorded requests.
fn bearer_tokens(sent: &[u8]) -> Vec<String> {
    let text = String::from_utf8_lossy(sent);
    let mut tokens: Vec<String> = text
        .lines()
        .filter_map(|l| {
            let (name, value) = l.split_once(':')?;
            name.eq_ignore_ascii_case("authorization")
                .then(|| value.trim().strip_prefix("Bearer ").map(str::to_owned))
                .flatten()
        })
        .collect();
    tokens.sort();
    tokens.dedup();
    tokens
}

fn assert_absent(place: &str, haystack: &[u8], needles: &[String]) {
    let text = String::from_utf8_lossy(haystack);
    for n in needles {
        assert!(!text.contains(n.as_str()), "{place} holds {n:?}");
    }
}

#[test]
fn neither_the_secret_nor_a_token_is_ever_shown_or_logged() {
    let emulator = Emulator::start(&["--client-id", CLIENT, "--client-secret", SECRET]);
    let (url, sent) = recording_proxy(&emulator.url);
    let state = tempfile::tempdir().expect("temp dir");
    let log = state.path().join("logs").join("console.log");
    let mut cmd = Console::command(state.path(), "xterm-256color");
    cmd.args(["--base-url", &url, "--log-level", "trace", "--log-file"]);
    cmd.arg(&log);
    cmd.env("KYC_CLIENT_ID", CLIENT);
    cmd.env("KYC_CLIENT_SECRET", SECRET);
    let mut c = Console::spawn(cmd, 120, 40);
    c.wait_for(|s| s.contains("Cases") && s.contains("co ·"), "the list");
    c.settle();
    // Read a case, change a step, write and save a note, refresh, look at the help and the log
    // path it shows, then quit.
    c.send(b"/");
    c.send(b"type:entity status:open\r");
    c.keys(&[b"\r", b"p", b"n"]);
    c.send(b"checked against the registry");
    c.keys(&[b"\x13", b"r", b"?", b"\x1b", b"\x1b"]);
    c.send(b"q");
    assert!(c.wait_exit().success());

    let wire = sent.lock().expect("lock").clone();
    assert!(
        String::from_utf8_lossy(&wire).contains(SECRET),
        "the secret went to the token endpoint through the proxy"
    );
    let tokens = bearer_tokens(&wire);
    assert!(!tokens.is_empty(), "the console sent bearer tokens");
    let mut needles = tokens;
    needles.push(SECRET.to_owned());
    let log_text = std::fs::read(&log).expect("the log file was written");
    assert!(
        String::from_utf8_lossy(&log_text).contains("TRACE"),
        "trace logging was on"
    );
    assert_absent("the log file", &log_text, &needles);
    assert_absent("the terminal (screen and stderr)", &c.bytes(), &needles);
    assert_absent(
        "the emulator's stderr",
        &emulator.stderr.lock().expect("lock"),
        &needles,
    );
}

#[test]
fn a_rejected_secret_is_not_echoed() {
    let emulator = Emulator::start(&["--client-id", CLIENT, "--client-secret", SECRET]);
    let state = tempfile::tempdir().expect("temp dir");
    let log = state.path().join("console.log");
    let wrong = "Wr0ng-secret-9b2e77-NEVER-SHOWN";
    let mut cmd = Console::command(state.path(), "xterm-256color");
    cmd.args([
        "--base-url",
        &emulator.url,
        "--log-level",
        "trace",
        "--log-file",
    ]);
    cmd.arg(&log);
    cmd.env("KYC_CLIENT_ID", CLIENT);
    cmd.env("KYC_CLIENT_SECRET", wrong);
    let mut c = Console::spawn(cmd, 80, 24);
    c.wait_for(
        |s| s.to_lowercase().contains("credential") || s.contains("401"),
        "the rejection",
    );
    c.send(b"q");
    let _ = c.wait_exit();
    let needles = [wrong.to_owned(), SECRET.to_owned()];
    let screen = String::from_utf8_lossy(&c.bytes()).into_owned();
    assert!(
        screen.to_lowercase().contains("credential") || screen.contains("401"),
        "the rejection is reported: {screen}"
    );
    assert_absent("the terminal (screen and stderr)", &c.bytes(), &needles);
    assert_absent(
        "the log file",
        &std::fs::read(&log).unwrap_or_default(),
        &needles,
    );
}
