//! The real binary in a pseudo-terminal, and the emulator as a separate process: shared by the
//! PTY tests that drive the console against a chosen dataset.

#![allow(dead_code)]

use portable_pty::{Child, CommandBuilder, PtySize, native_pty_system};
use std::io::{BufRead, BufReader, Read, Write};
use std::process::{Command, Stdio};
use std::sync::{Arc, Mutex};
use std::time::{Duration, Instant};

pub const BIN: &str = env!("CARGO_BIN_EXE_kyc-console");

/// An emulator process; killed when dropped.
pub struct Emulator {
    child: std::process::Child,
    pub url: String,
    pub stderr: Arc<Mutex<Vec<u8>>>,
}

impl Emulator {
    pub fn start(args: &[&str]) -> Emulator {
        let mut child = Command::new(BIN)
            .args(["emulator", "--listen", "127.0.0.1:0"])
            .args(args)
            .stdout(Stdio::piped())
            .stderr(Stdio::piped())
            .spawn()
            .expect("emulator starts");
        let mut line = String::new();
        BufReader::new(child.stdout.take().expect("stdout"))
            .read_line(&mut line)
            .expect("first line");
        let url = line.trim().trim_start_matches("listening on ").to_owned();
        assert!(url.starts_with("http://"), "emulator said {line:?}");
        let stderr = Arc::new(Mutex::new(Vec::new()));
        let sink = Arc::clone(&stderr);
        let mut err = child.stderr.take().expect("stderr");
        std::thread::spawn(move || {
            let mut buf = [0u8; 4096];
            while let Ok(n) = err.read(&mut buf) {
                if n == 0 {
                    break;
                }
                if let Ok(mut o) = sink.lock() {
                    o.extend_from_slice(&buf[..n]);
                }
            }
        });
        Emulator { child, url, stderr }
    }
}

impl Drop for Emulator {
    fn drop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}

/// The console in a pseudo-terminal; everything it writes is kept.
pub struct Console {
    pub child: Box<dyn Child + Send + Sync>,
    writer: Box<dyn Write + Send>,
    output: Arc<Mutex<Vec<u8>>>,
    pub rows: u16,
    pub cols: u16,
}

impl Console {
    /// Spawn `cmd` (built by the caller, environment included) at `cols`×`rows`.
    pub fn spawn(cmd: CommandBuilder, cols: u16, rows: u16) -> Console {
        let pair = native_pty_system()
            .openpty(PtySize {
                rows,
                cols,
                pixel_width: 0,
                pixel_height: 0,
            })
            .expect("pty");
        let child = pair.slave.spawn_command(cmd).expect("spawn");
        drop(pair.slave);
        let writer = pair.master.take_writer().expect("writer");
        let mut reader = pair.master.try_clone_reader().expect("reader");
        let output = Arc::new(Mutex::new(Vec::new()));
        let sink = Arc::clone(&output);
        std::thread::spawn(move || {
            let _keep = pair.master;
            let mut buf = [0u8; 8192];
            while let Ok(n) = reader.read(&mut buf) {
                if n == 0 {
                    break;
                }
                if let Ok(mut o) = sink.lock() {
                    o.extend_from_slice(&buf[..n]);
                }
            }
        });
        Console {
            child,
            writer,
            output,
            rows,
            cols,
        }
    }

    /// A console command with a clean environment: no credentials, no colour hints, its own
    /// state directory and no configuration file.
    pub fn command(state: &std::path::Path, term: &str) -> CommandBuilder {
        let mut cmd = CommandBuilder::new(BIN);
        cmd.env("TERM", term);
        for var in [
            "NO_COLOR",
            "COLORTERM",
            "KYC_CLIENT_ID",
            "KYC_CLIENT_SECRET",
            "RUST_LOG",
        ] {
            cmd.env_remove(var);
        }
        cmd.env("KYC_CONSOLE_STATE_DIR", state);
        cmd.env("KYC_CONSOLE_CONFIG", state.join("config.toml"));
        cmd
    }

    pub fn bytes(&self) -> Vec<u8> {
        self.output.lock().map(|o| o.clone()).unwrap_or_default()
    }

    /// The screen as a terminal shows it. vt100 drops `�` where a terminal draws it one cell
    /// wide, which shifts the rest of the row and leaves stale text behind; each is fed to it
    /// as `?` so the columns are where a terminal has them.
    pub fn screen(&self) -> String {
        const MARK: &[u8] = "\u{FFFD}".as_bytes();
        let bytes = self.bytes();
        let mut fed = Vec::with_capacity(bytes.len());
        let mut rest = bytes.as_slice();
        while let Some(at) = rest.windows(MARK.len()).position(|w| w == MARK) {
            fed.extend_from_slice(&rest[..at]);
            fed.push(b'?');
            rest = &rest[at + MARK.len()..];
        }
        fed.extend_from_slice(rest);
        let mut p = vt100::Parser::new(self.rows, self.cols, 0);
        p.process(&fed);
        p.screen().contents()
    }

    pub fn wait_for(&self, pred: impl Fn(&str) -> bool, what: &str) -> String {
        let start = Instant::now();
        loop {
            let s = self.screen();
            if pred(&s) {
                return s;
            }
            assert!(
                start.elapsed() < Duration::from_secs(20),
                "{what} did not appear; screen:\n{s}"
            );
            std::thread::sleep(Duration::from_millis(50));
        }
    }

    /// Wait until nothing on screen says it is loading, and the screen has stopped changing.
    pub fn settle(&self) -> String {
        let mut last = String::new();
        let start = Instant::now();
        loop {
            std::thread::sleep(Duration::from_millis(150));
            let s = self.screen();
            if s == last && !s.contains("loading") {
                return s;
            }
            assert!(
                start.elapsed() < Duration::from_secs(20),
                "the screen did not settle:\n{s}"
            );
            last = s;
        }
    }

    pub fn send(&mut self, bytes: &[u8]) {
        self.writer.write_all(bytes).expect("write");
        self.writer.flush().expect("flush");
    }

    /// Send keys one by one, letting the screen settle after each.
    pub fn keys(&mut self, keys: &[&[u8]]) -> String {
        let mut s = String::new();
        for k in keys {
            self.send(k);
            s = self.settle();
        }
        s
    }

    pub fn wait_exit(&mut self) -> portable_pty::ExitStatus {
        let start = Instant::now();
        loop {
            if let Ok(Some(status)) = self.child.try_wait() {
                return status;
            }
            // Only a console that hangs takes this long.
            if start.elapsed() > Duration::from_secs(20) {
                let _ = self.child.kill();
                panic!("the console did not exit");
            }
            std::thread::sleep(Duration::from_millis(20));
        }
    }
}
