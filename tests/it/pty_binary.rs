//! The real binary in a pseudo-terminal: it starts on the demo, shows the case list, quits
//! cleanly with the terminal restored, and ends promptly on signals and when its terminal closes.

use portable_pty::{Child, CommandBuilder, MasterPty, PtySize, native_pty_system};
use std::io::{Read, Write};
use std::sync::{Arc, Mutex};
use std::time::{Duration, Instant};

struct Session {
    child: Box<dyn Child + Send + Sync>,
    master: Option<Box<dyn MasterPty + Send>>,
    writer: Option<Box<dyn Write + Send>>,
    output: Arc<Mutex<Vec<u8>>>,
    _state: tempfile::TempDir,
}

impl Session {
    fn start() -> Session {
        Session::start_with(true)
    }

    fn start_term(term: &str) -> Session {
        Session::spawn(true, term)
    }

    /// `read: false` keeps no reader on the pty once the first frame is drawn, so dropping the
    /// master really hangs it up (a reader thread blocked in `read` would hold a duplicate of the
    /// master open).
    fn start_with(read: bool) -> Session {
        Session::spawn(read, "xterm-256color")
    }

    fn spawn(read: bool, term: &str) -> Session {
        let pty = native_pty_system();
        let pair = pty
            .openpty(PtySize {
                rows: 24,
                cols: 80,
                pixel_width: 0,
                pixel_height: 0,
            })
            .expect("pty");
        let state = tempfile::tempdir().expect("temp dir");
        let mut cmd = CommandBuilder::new(env!("CARGO_BIN_EXE_kyc-console"));
        cmd.env("TERM", term);
        cmd.env_remove("NO_COLOR");
        cmd.env_remove("COLORTERM");
        cmd.env_remove("KYC_CLIENT_ID");
        cmd.env_remove("KYC_CLIENT_SECRET");
        cmd.env("KYC_CONSOLE_STATE_DIR", state.path());
        cmd.env("KYC_CONSOLE_CONFIG", state.path().join("config.toml"));
        let child = pair.slave.spawn_command(cmd).expect("spawn");
        drop(pair.slave);
        let writer = pair.master.take_writer().expect("writer");
        let output = Arc::new(Mutex::new(Vec::new()));
        let sink = Arc::clone(&output);
        let mut reader = pair.master.try_clone_reader().expect("reader");
        std::thread::spawn(move || {
            let mut buf = [0u8; 8192];
            while let Ok(n) = reader.read(&mut buf) {
                if n == 0 {
                    break;
                }
                let Ok(mut o) = sink.lock() else { break };
                o.extend_from_slice(&buf[..n]);
                // Without `read`, stop (and close this copy of the master) at the first frame,
                // before going back to a `read` that would block.
                if !read && String::from_utf8_lossy(&o).contains(FIRST_FRAME) {
                    break;
                }
            }
        });
        Session {
            child,
            master: Some(pair.master),
            writer: Some(writer),
            output,
            _state: state,
        }
    }

    fn bytes(&self) -> Vec<u8> {
        self.output.lock().map(|o| o.clone()).unwrap_or_default()
    }

    fn screen(&self) -> vt100::Parser {
        let mut p = vt100::Parser::new(24, 80, 0);
        p.process(&self.bytes());
        p
    }

    fn wait_for(&self, text: &str, within: Duration) -> String {
        let start = Instant::now();
        loop {
            let contents = self.screen().screen().contents();
            if contents.contains(text) {
                return contents;
            }
            assert!(
                start.elapsed() < within,
                "{text:?} did not appear; screen:\n{contents}"
            );
            std::thread::sleep(Duration::from_millis(50));
        }
    }

    fn send(&mut self, bytes: &[u8]) {
        if let Some(w) = self.writer.as_mut() {
            w.write_all(bytes).expect("write");
            w.flush().expect("flush");
        }
    }

    fn wait_exit(&mut self, within: Duration) -> portable_pty::ExitStatus {
        let start = Instant::now();
        loop {
            if let Ok(Some(status)) = self.child.try_wait() {
                return status;
            }
            if start.elapsed() > within {
                let _ = self.child.kill();
                panic!("the console did not exit within {within:?}");
            }
            std::thread::sleep(Duration::from_millis(20));
        }
    }

    fn signal(&self, sig: i32) {
        let pid = self.child.process_id().expect("pid");
        // SAFETY-free: use the kill command rather than libc.
        let status = std::process::Command::new("kill")
            .arg(format!("-{sig}"))
            .arg(pid.to_string())
            .status()
            .expect("kill runs");
        assert!(status.success());
    }

    /// The terminal was given back: alternate screen left, cursor shown, raw mode off (the
    /// last of these is the pty's business; the sequences are ours).
    fn assert_restored(&self) {
        // The reader thread may still be passing on the last bytes: wait for them (the deadline
        // only fails a test that would otherwise hang).
        let start = Instant::now();
        let text = loop {
            let text = String::from_utf8_lossy(&self.bytes()).into_owned();
            let restored = text.contains("\u{1b}[?1049l") && text.contains("\u{1b}[?25h");
            if restored || start.elapsed() > HUNG {
                break text;
            }
            std::thread::sleep(Duration::from_millis(20));
        };
        assert!(text.contains("\u{1b}[?1049l"), "alternate screen not left");
        assert!(text.contains("\u{1b}[?25h"), "cursor not shown again");
        assert!(!self.screen().screen().alternate_screen());
    }
}

const START: Duration = Duration::from_secs(20);
/// How long before a wait is taken for a hang; it says nothing about how fast anything is.
const HUNG: Duration = Duration::from_secs(20);
/// On the first frame of the case list.
const FIRST_FRAME: &str = "Name";

#[test]
fn starts_on_the_demo_and_quits_with_q() {
    let mut s = Session::start();
    let screen = s.wait_for("Name", START);
    assert!(screen.contains("DEMO"), "{screen}");
    assert!(screen.contains("Name"), "{screen}");
    s.send(b"q");
    let status = s.wait_exit(HUNG);
    assert!(status.success(), "exit status {status:?}");
    s.assert_restored();
}

#[test]
fn sigterm_ends_it_promptly() {
    let mut s = Session::start();
    s.wait_for("Name", START);
    s.signal(15);
    s.wait_exit(HUNG);
    s.assert_restored();
}

#[test]
fn sighup_ends_it_promptly() {
    let mut s = Session::start();
    s.wait_for("Name", START);
    s.signal(1);
    s.wait_exit(HUNG);
    s.assert_restored();
}

#[test]
fn closing_the_terminal_ends_it_without_spinning() {
    let mut s = Session::start_with(false);
    // Started and drawn (the reader stops there; nothing reads after it).
    s.wait_for(FIRST_FRAME, START);
    assert!(
        matches!(s.child.try_wait(), Ok(None)),
        "still running before the hang-up"
    );
    // Hang up: drop our side of the pty, as an SSH drop would.
    s.writer.take();
    s.master.take();
    s.wait_exit(HUNG);
}

/// Whether the bytes hold an SGR that sets a colour in the 16-colour forms (30–37, 90–97,
/// 40–47, 100–107), in any position of its parameter list.
fn has_plain_colour(text: &str) -> bool {
    text.split("\u{1b}[").any(|seq| {
        seq.split_once('m').is_some_and(|(params, _)| {
            params
                .split(';')
                .all(|p| p.bytes().all(|b| b.is_ascii_digit()))
                && params.split(';').any(|p| {
                    matches!(
                        p.parse::<u16>(),
                        Ok(30..=37 | 40..=47 | 90..=97 | 100..=107)
                    )
                })
        })
    })
}

#[test]
fn works_under_screen_and_vt100() {
    for term in ["screen", "vt100"] {
        let mut s = Session::start_term(term);
        // The header and the list may arrive in separate frames: wait for the rows.
        let screen = s.wait_for("Northbridge", START);
        assert!(screen.contains("DEMO"), "{term}: {screen}");
        assert!(screen.contains("Name"), "{term}: the list shows: {screen}");
        // The selection moves: wait for the frame that draws it before quitting.
        let drawn = s.bytes().len();
        s.send(b"j");
        let start = Instant::now();
        while s.bytes().len() == drawn {
            assert!(start.elapsed() < HUNG, "{term}: nothing drawn after j");
            std::thread::sleep(Duration::from_millis(20));
        }
        s.send(b"q");
        assert!(s.wait_exit(HUNG).success(), "{term}");
        s.assert_restored();
        let text = String::from_utf8_lossy(&s.bytes()).into_owned();
        // crossterm alone would write `38;5;N`, which 16-colour terminals may not know.
        for extended in ["38;5;", "48;5;", "38;2;", "48;2;", "58;"] {
            assert!(!text.contains(extended), "{term}: {extended} written");
        }
        if term == "vt100" {
            assert!(!has_plain_colour(&text), "vt100 gets no colour");
            // The selection is still visible: reverse video and the marker.
            assert!(text.contains("\u{1b}[7m"), "vt100: no reverse video");
            assert!(screen.contains('▶'), "vt100: no selection marker");
        } else {
            assert!(has_plain_colour(&text), "screen gets the 16 colours");
        }
    }
}
