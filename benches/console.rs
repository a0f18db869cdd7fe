//! Console benchmarks that print figures (median and spread), measured on the real release
//! binary in a pseudo-terminal:
//!
//! 1. start to first frame with the case list populated (demo, 80×24);
//! 2. opening a case against an emulator with `--latency 100`, until its detail, steps, the
//!    first step's details and notes are on screen (120×40, all panes tiled), beside the
//!    critical path (two dependent round trips: detail ∥ steps, then step details ∥ notes).
//!
//! Run: `cargo bench --bench console` (builds the release binary first).

use portable_pty::{CommandBuilder, PtySize, native_pty_system};
use std::io::{BufRead, BufReader, Read, Write};
use std::process::{Command, Stdio};
use std::sync::{Arc, Mutex};
use std::time::{Duration, Instant};

const RUNS: usize = 10;

fn binary() -> std::path::PathBuf {
    let status = Command::new(env!("CARGO"))
        .args(["build", "--release", "--quiet", "--bin", "kyc-console"])
        .status()
        .expect("cargo build runs");
    assert!(status.success(), "release build failed");
    std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("target/release/kyc-console")
}

struct Pty {
    child: Box<dyn portable_pty::Child + Send + Sync>,
    writer: Box<dyn Write + Send>,
    out: Arc<Mutex<Vec<u8>>>,
    size: (u16, u16),
}

impl Pty {
    fn spawn(cmd: CommandBuilder, cols: u16, rows: u16) -> Pty {
        let pair = native_pty_system()
            .openpty(PtySize {
                rows,
                cols,
                pixel_width: 0,
                pixel_height: 0,
            })
            .expect("pty");
        let child = pair.slave.spawn_command(cmd).expect("spawn");
        let mut reader = pair.master.try_clone_reader().expect("reader");
        let writer = pair.master.take_writer().expect("writer");
        let out = Arc::new(Mutex::new(Vec::new()));
        let sink = Arc::clone(&out);
        std::thread::spawn(move || {
            let _keep = pair.master;
            let mut buf = [0u8; 65536];
            while let Ok(n) = reader.read(&mut buf) {
                if n == 0 {
                    break;
                }
                sink.lock().expect("lock").extend_from_slice(&buf[..n]);
            }
        });
        Pty {
            child,
            writer,
            out,
            size: (cols, rows),
        }
    }

    fn contents(&self) -> String {
        let mut p = vt100::Parser::new(self.size.1, self.size.0, 0);
        p.process(&self.out.lock().expect("lock"));
        p.screen().contents()
    }

    fn wait(&self, pred: impl Fn(&str) -> bool) -> Instant {
        let deadline = Instant::now() + Duration::from_secs(30);
        loop {
            if pred(&self.contents()) {
                return Instant::now();
            }
            assert!(
                Instant::now() < deadline,
                "timed out; screen:\n{}",
                self.contents()
            );
            std::thread::sleep(Duration::from_micros(500));
        }
    }

    fn quit(mut self) {
        let _ = self.writer.write_all(b"q");
        let _ = self.writer.flush();
        let _ = self.child.wait();
    }
}

fn summary(name: &str, mut ms: Vec<f64>) {
    ms.sort_by(f64::total_cmp);
    let median = ms[ms.len() / 2];
    println!(
        "{name}: median {median:.1} ms, min {:.1} ms, max {:.1} ms ({} runs)",
        ms[0],
        ms[ms.len() - 1],
        ms.len()
    );
}

fn console_cmd(bin: &std::path::Path, state: &std::path::Path) -> CommandBuilder {
    let mut cmd = CommandBuilder::new(bin);
    cmd.env("TERM", "xterm-256color");
    cmd.env("KYC_CONSOLE_STATE_DIR", state);
    cmd
}

fn main() {
    let bin = binary();
    let state = tempfile::tempdir().expect("temp dir");

    // 1. Start to a populated case list, demo, 80×24.
    let mut times = Vec::new();
    for _ in 0..RUNS {
        let mut cmd = console_cmd(&bin, state.path());
        cmd.env_remove("KYC_CLIENT_ID");
        let t0 = Instant::now();
        let pty = Pty::spawn(cmd, 80, 24);
        let t1 = pty.wait(|s| s.contains("Name") && s.contains("co ·"));
        times.push((t1 - t0).as_secs_f64() * 1000.0);
        pty.quit();
    }
    summary("start to populated case list (demo, 80x24)", times);

    // 2. Open a case against an emulator 100 ms away.
    let mut emu = Command::new(&bin)
        .args(["emulator", "--listen", "127.0.0.1:0", "--latency", "100"])
        .stdout(Stdio::piped())
        .spawn()
        .expect("emulator");
    let mut line = String::new();
    BufReader::new(emu.stdout.take().expect("stdout"))
        .read_line(&mut line)
        .expect("first line");
    let url = line.trim().trim_start_matches("listening on ").to_owned();
    let mut times = Vec::new();
    for _ in 0..RUNS {
        let mut cmd = console_cmd(&bin, state.path());
        cmd.args(["--base-url", &url]);
        cmd.env("KYC_CLIENT_ID", "demo");
        cmd.env("KYC_CLIENT_SECRET", "demo");
        let mut pty = Pty::spawn(cmd, 120, 40);
        pty.wait(|s| s.contains("Name") && s.contains("co ·"));
        let t0 = Instant::now();
        pty.writer.write_all(b"\r").expect("enter");
        pty.writer.flush().expect("flush");
        let t1 = pty.wait(|s| {
            s.contains("Reference:")
                && s.contains("Status: ")
                && s.contains("Notes ")
                && !s.contains("loading")
        });
        times.push((t1 - t0).as_secs_f64() * 1000.0);
        pty.quit();
    }
    let _ = emu.kill();
    let _ = emu.wait();
    summary("open a case, emulator --latency 100 (120x40)", times);
    println!("critical path: 2 dependent round trips x 100 ms = 200 ms");
}
