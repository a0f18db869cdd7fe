//! Console benchmarks that print figures (median and spread), measured on the real release
//! binary in a pseudo-terminal:
//!
//! 1. start to first frame with the case list populated (demo, 80×24);
//! 2. opening a case against an emulator with `--latency 100`, until its detail, steps, the
//!    first step's details and notes are on screen (120×40, all panes tiled), beside the
//!    critical path (two dependent round trips: detail ∥ steps, then step details ∥ notes).
//!
//! 3. bytes written to the terminal per selection move in the case list (80×24): 20 moves down
//!    from the top and one `PgDn`, with `TERM=screen` and `TERM=xterm-256color`, on the
//!    console's own frame writer (scroll regions, colours as `TERM` allows) writing into memory,
//!    beside the same writer without scroll regions;
//! 4. CPU time used in 30 idle seconds with nothing loading (from /proc/PID/stat);
//! 5. peak memory (VmHWM) of the console with 1,000 and with 100,000 cases loaded from a
//!    synthetic emulator in another process.
//!
//! Run: `cargo bench --bench console` (builds the release binary first);
//! `cargo bench --bench console -- bytes` prints only the byte figures of item 3.

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
        self.wait_up_to(Duration::from_secs(30), pred)
    }

    fn wait_up_to(&self, limit: Duration, pred: impl Fn(&str) -> bool) -> Instant {
        let deadline = Instant::now() + limit;
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

/// Clock ticks per second for /proc/PID/stat (USER_HZ, 100 on Linux).
const HZ: f64 = 100.0;

fn proc_field(pid: u32, file: &str, key: &str) -> Option<u64> {
    let text = std::fs::read_to_string(format!("/proc/{pid}/{file}")).ok()?;
    let line = text.lines().find(|l| l.starts_with(key))?;
    line.split_whitespace().nth(1)?.parse().ok()
}

fn cpu_seconds(pid: u32) -> f64 {
    let stat = std::fs::read_to_string(format!("/proc/{pid}/stat")).unwrap_or_default();
    // Fields after the command name (which may hold spaces) start after the last ')'.
    let rest = stat.rsplit(')').next().unwrap_or("");
    let f: Vec<&str> = rest.split_whitespace().collect();
    let ticks = |i: usize| f.get(i).and_then(|v| v.parse::<f64>().ok()).unwrap_or(0.0);
    (ticks(11) + ticks(12)) / HZ
}

fn start_emulator(bin: &std::path::Path, args: &[&str]) -> (std::process::Child, String) {
    let mut emu = Command::new(bin)
        .args(["emulator", "--listen", "127.0.0.1:0"])
        .args(args)
        .stdout(Stdio::piped())
        .spawn()
        .expect("emulator");
    let mut line = String::new();
    BufReader::new(emu.stdout.take().expect("stdout"))
        .read_line(&mut line)
        .expect("first line");
    let url = line.trim().trim_start_matches("listening on ").to_owned();
    (emu, url)
}

/// The figures of item 3 for one `TERM`: the console's own frame writer (scroll regions as
/// `TERM` allows, colours as it allows) and the same writer repainting, writing into memory.
fn bytes_per_move() {
    for term in ["screen", "xterm-256color"] {
        let regions = kyc_console::term::ScrollRegions::for_term(Some(term));
        for (how, r) in [
            ("scroll regions", regions),
            ("repaint", kyc_console::term::ScrollRegions::Repaint),
        ] {
            let (moves, page) = bytes_on_case_list(term, r);
            let mean = moves.iter().sum::<usize>() as f64 / moves.len() as f64;
            println!(
                "bytes per selection move (case list, 80x24, TERM={term}, {how}): \
                 20 moves down from the top average {mean:.0} (min {}, max {}); then one PgDn {page}",
                moves.iter().min().unwrap_or(&0),
                moves.iter().max().unwrap_or(&0),
            );
        }
    }
}

/// Bytes of each of 20 moves down from the top of the case list, then of one `PgDn` from there
/// (a page turned), each frame inside synchronized output as the console writes it.
fn bytes_on_case_list(
    term: &str,
    regions: kyc_console::term::ScrollRegions,
) -> (Vec<usize>, usize) {
    use crossterm::event::{KeyCode, KeyEvent};
    use kyc_console::app::{self, Msg, Session, Slot, State};
    use kyc_console::appearance::color::ColorMode;
    use kyc_console::op::{self, Answers};
    use kyc_console::sgr::{Palette, SgrWriter};
    use kyc_console::term::FrameBackend;
    use ratatui::Terminal;
    let color = ColorMode::Auto.resolve(|k| (k == "TERM").then(|| term.to_owned()));
    let fresh = || {
        let mut state = State::new(Session {
            environment: "DEMO".into(),
            user: "demo".into(),
            color,
            ..Session::default()
        });
        state.size = (80, 24);
        let store = kyc_console::emulator::dataset::demo();
        let items: Vec<_> = store
            .cases
            .values()
            .filter(|r| r.detail.company.is_some())
            .map(|r| kyc_console::api::CaseListItem {
                common: r.detail.common.clone(),
                company: r.detail.company.clone(),
                is_case_aml_positive: r.detail.is_case_aml_positive,
                ..Default::default()
            })
            .collect();
        let slot = Slot::CasePage(kyc_console::api::CaseKind::Company);
        state.latest.insert(slot, 1);
        app::update(
            &mut state,
            Msg::Done {
                id: 1,
                slot,
                answer: op::ListCases {
                    kind: kyc_console::api::CaseKind::Company,
                    page: 1,
                    page_size: 500,
                }
                .answer(Ok(kyc_console::api::Page {
                    total: Some(items.len() as u64),
                    items,
                })),
                read_back: false,
            },
        );
        state
    };
    /// Counts what the backend writes.
    #[derive(Clone, Default)]
    struct Count(std::rc::Rc<std::cell::Cell<usize>>);
    impl Write for Count {
        fn write(&mut self, b: &[u8]) -> std::io::Result<usize> {
            self.0.set(self.0.get() + b.len());
            Ok(b.len())
        }
        fn flush(&mut self) -> std::io::Result<()> {
            Ok(())
        }
    }
    // Synchronized output adds `ESC[?2026h` and `ESC[?2026l` to every frame.
    const SYNC: usize = 16;
    let run = |keys: &[KeyCode]| -> Vec<usize> {
        let mut state = fresh();
        let count = Count::default();
        let writer = SgrWriter::new(count.clone(), Palette::for_mode(color));
        let mut t =
            Terminal::new(FrameBackend::with_size(writer, regions, 80, 24)).expect("terminal");
        t.draw(|f| kyc_console::ui::draw(&state, f)).expect("draw");
        keys.iter()
            .map(|k| {
                let before = count.0.get();
                app::update(&mut state, Msg::Key(KeyEvent::from(*k)));
                t.draw(|f| kyc_console::ui::draw(&state, f)).expect("draw");
                count.0.get() - before + SYNC
            })
            .collect()
    };
    let mut keys = vec![KeyCode::Char('j'); 20];
    keys.push(KeyCode::PageDown);
    let mut moves = run(&keys);
    let page = moves.pop().unwrap_or(0);
    (moves, page)
}

/// Key to frame on a 100,000-case list: `update()` plus drawing on a 80×24 test backend, for
/// selection moves and for typing a filter.
fn key_to_frame() {
    use crossterm::event::{KeyCode, KeyEvent};
    use kyc_console::api::{CaseCommon, CaseKind, CaseListItem, CompanyInfo};
    use kyc_console::app::{self, Msg, Session, Slot, State};
    use kyc_console::op::{self, Answers};
    use ratatui::Terminal;
    use ratatui::backend::TestBackend;
    let codes = ["GB", "DE", "FR", "HK", "SG", "CY", "LU", "NL", "AE", "IE"];
    let words = [
        "Northbridge",
        "Aldermoor",
        "Kestrel",
        "Harbour",
        "Lion",
        "Pacific",
        "Rheintal",
    ];
    let items: Vec<CaseListItem> = (0..100_000i64)
        .map(|i| CaseListItem {
            common: CaseCommon {
                case_common_id: 1_000_000_000 + i,
                status: Some(if i % 5 == 0 { "Closed" } else { "Open" }.into()),
                status_id: Some(3),
                risk_rating: Some(["Low", "Medium", "High"][(i % 3) as usize].into()),
                ..Default::default()
            },
            company: Some(CompanyInfo {
                entity_name: Some(format!(
                    "{} {} Holdings {i}",
                    words[(i % 7) as usize],
                    words[(i / 7 % 7) as usize]
                )),
                country_code: Some(codes[(i % 10) as usize].into()),
                ..Default::default()
            }),
            is_case_aml_positive: Some(i % 4 == 0),
            ..Default::default()
        })
        .collect();
    let mut state = State::new(Session::default());
    let slot = Slot::CasePage(CaseKind::Company);
    state.latest.insert(slot, 1);
    app::update(
        &mut state,
        Msg::Done {
            id: 1,
            slot,
            answer: op::ListCases {
                kind: CaseKind::Company,
                page: 1,
                page_size: 100_000,
            }
            .answer(Ok(kyc_console::api::Page {
                total: Some(100_000),
                items,
            })),
            read_back: false,
        },
    );
    let mut t = Terminal::new(TestBackend::new(80, 24)).expect("terminal");
    t.draw(|f| kyc_console::ui::draw(&state, f)).expect("draw");
    let mut time_key = |state: &mut State, code: KeyCode| {
        let t0 = Instant::now();
        app::update(state, Msg::Key(KeyEvent::from(code)));
        t.draw(|f| kyc_console::ui::draw(state, f)).expect("draw");
        t0.elapsed().as_secs_f64() * 1000.0
    };
    let mut moves: Vec<f64> = (0..2000)
        .map(|_| time_key(&mut state, KeyCode::Char('j')))
        .collect();
    let mut typing = Vec::new();
    for _ in 0..20 {
        time_key(&mut state, KeyCode::Char('/'));
        for c in "kestrel j:gb".chars() {
            typing.push(time_key(&mut state, KeyCode::Char(c)));
        }
        time_key(&mut state, KeyCode::Esc);
    }
    for (name, v) in [
        ("selection move", &mut moves),
        ("typing a filter", &mut typing),
    ] {
        v.sort_by(f64::total_cmp);
        let p = |q: f64| v[((v.len() - 1) as f64 * q) as usize];
        println!(
            "key to frame, 100,000-case list, {name}: p50 {:.3} ms, p99 {:.3} ms ({} keys)",
            p(0.5),
            p(0.99),
            v.len()
        );
    }
}

fn main() {
    bytes_per_move();
    // `cargo bench --bench console -- bytes`: only the byte figures, without the release build.
    if std::env::args().any(|a| a == "bytes") {
        return;
    }
    let bin = binary();
    let state = tempfile::tempdir().expect("temp dir");
    key_to_frame();

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

    // 4. Idle CPU.
    let mut cmd = console_cmd(&bin, state.path());
    cmd.env_remove("KYC_CLIENT_ID");
    let pty = Pty::spawn(cmd, 80, 24);
    pty.wait(|s| s.contains("Name") && s.contains("co ·"));
    std::thread::sleep(Duration::from_secs(1));
    let pid = pty.child.process_id().expect("pid");
    let before = cpu_seconds(pid);
    std::thread::sleep(Duration::from_secs(30));
    let idle = cpu_seconds(pid) - before;
    pty.quit();
    println!("CPU time in 30 idle seconds: {idle:.2} s (clock ticks of 10 ms)");

    // 5. Peak memory with 1,000 and 100,000 cases loaded.
    for n in [1_000usize, 100_000] {
        let (mut emu, url) = start_emulator(&bin, &["--dataset", &format!("synthetic:{n}")]);
        let mut cmd = console_cmd(&bin, state.path());
        cmd.args(["--base-url", &url]);
        cmd.env("KYC_CLIENT_ID", "demo");
        cmd.env("KYC_CLIENT_SECRET", "demo");
        let t0 = Instant::now();
        let pty = Pty::spawn(cmd, 80, 24);
        let pid = pty.child.process_id().expect("pid");
        let want = format!("Cases {n} ");
        pty.wait_up_to(Duration::from_secs(300), |s| s.contains(&want));
        let loaded = t0.elapsed();
        let hwm = proc_field(pid, "status", "VmHWM:").unwrap_or(0);
        pty.quit();
        let _ = emu.kill();
        let _ = emu.wait();
        println!(
            "peak memory with {n} cases loaded: {:.1} MB (all pages in after {:.1} s)",
            hwm as f64 / 1024.0,
            loaded.as_secs_f64()
        );
    }
}
