//! The real binary against `--dataset hostile`, where every text field carries terminal
//! escapes, controls and invisible characters: walking through every pane, the console writes
//! none of them. Checked twice: a terminal emulator (vt100) sees no title, clipboard or bell,
//! and a scan of the raw bytes finds no OSC, DCS, C1, BEL, bidi, zero-width or tag character,
//! and no escape other than the CSI sequences the console itself writes.

use crate::support::pty;

use pty::{Console, Emulator};

/// What a terminal would have done with the bytes, beyond drawing.
#[derive(Default)]
struct Seen {
    events: Vec<String>,
    /// `�` marks, which vt100 (unlike real terminals) does not draw but reports.
    marks: usize,
}

impl vt100::Callbacks for Seen {
    fn unhandled_char(&mut self, _: &mut vt100::Screen, c: char) {
        if c == '\u{fffd}' {
            self.marks += 1;
        } else {
            self.events.push(format!("char {c:?}"));
        }
    }
    fn audible_bell(&mut self, _: &mut vt100::Screen) {
        self.events.push("bell".into());
    }
    fn visual_bell(&mut self, _: &mut vt100::Screen) {
        self.events.push("visual bell".into());
    }
    fn set_window_title(&mut self, _: &mut vt100::Screen, title: &[u8]) {
        self.events
            .push(format!("title {}", String::from_utf8_lossy(title)));
    }
    fn set_window_icon_name(&mut self, _: &mut vt100::Screen, name: &[u8]) {
        self.events
            .push(format!("icon name {}", String::from_utf8_lossy(name)));
    }
    fn copy_to_clipboard(&mut self, _: &mut vt100::Screen, _ty: &[u8], data: &[u8]) {
        self.events
            .push(format!("clipboard {}", String::from_utf8_lossy(data)));
    }
    fn unhandled_osc(&mut self, _: &mut vt100::Screen, params: &[&[u8]]) {
        self.events.push(format!("osc {params:?}"));
    }
    fn unhandled_control(&mut self, _: &mut vt100::Screen, b: u8) {
        self.events.push(format!("control {b:#04x}"));
    }
}

/// Characters that must never reach the terminal from data.
fn forbidden(c: char) -> bool {
    matches!(c,
        '\u{80}'..='\u{9f}'
        | '\u{061c}'
        | '\u{200b}'..='\u{200f}'
        | '\u{202a}'..='\u{202e}'
        | '\u{2060}'..='\u{2069}'
        | '\u{feff}'
        | '\u{e0000}'..='\u{e007f}')
        || (c.is_control() && c != '\u{1b}' && c != '\r' && c != '\n')
}

/// Every problem in the raw bytes: escapes other than CSI, and forbidden characters.
fn scan(bytes: &[u8]) -> Vec<String> {
    let text = String::from_utf8_lossy(bytes);
    let mut problems = Vec::new();
    let mut chars = text.char_indices().peekable();
    while let Some((at, c)) = chars.next() {
        if c == '\u{1b}' {
            match chars.next() {
                Some((_, '[')) => {
                    // Parameters and intermediates, then one final byte.
                    for (_, p) in chars.by_ref() {
                        if ('\u{40}'..='\u{7e}').contains(&p) {
                            break;
                        }
                        if !('\u{20}'..='\u{3f}').contains(&p) {
                            problems.push(format!("byte {at}: {p:?} inside a CSI"));
                            break;
                        }
                    }
                }
                other => problems.push(format!(
                    "byte {at}: ESC followed by {:?} (only CSI is ours)",
                    other.map(|(_, c)| c)
                )),
            }
        } else if forbidden(c) {
            problems.push(format!("byte {at}: {c:?}"));
        }
    }
    problems
}

#[test]
fn hostile_text_never_reaches_the_terminal() {
    let emulator = Emulator::start(&["--dataset", "hostile"]);
    let state = tempfile::tempdir().expect("temp dir");
    let mut cmd = Console::command(state.path(), "xterm-256color");
    cmd.args(["--base-url", &emulator.url]);
    cmd.env("KYC_CLIENT_ID", "demo");
    cmd.env("KYC_CLIENT_SECRET", "demo");
    let mut c = Console::spawn(cmd, 120, 40);

    // The marks of hidden characters are written, but vt100 does not draw `�` (real terminals
    // do), so each pane is checked for them in the bytes it wrote.
    let marked =
        |c: &Console, from: usize| String::from_utf8_lossy(&c.bytes()[from..]).contains('\u{fffd}');
    c.wait_for(|s| s.contains("Cases") && s.contains("co ·"), "the list");
    c.settle();
    assert!(marked(&c, 0), "hostile names are shown, marked");

    // A case: overview, steps, details and notes tile at 120×40; move through the steps and panes.
    let from = c.bytes().len();
    let case = c.keys(&[b"\r", b"j", b"j", b"j", b"\t", b"\t", b"\t", b"\t"]);
    assert!(case.contains("Notes"), "{case}");
    assert!(marked(&c, from), "case panes");
    // Its org chart, members and owners.
    let from = c.bytes().len();
    let org = c.keys(&[b"o", b"j", b"j", b"\t", b"\t"]);
    assert!(marked(&c, from), "org chart names:\n{org}");
    c.keys(&[b"\x1b"]);
    // Its AML matches, and a match's comparison.
    let from = c.bytes().len();
    let aml = c.keys(&[b"m", b"j", b"\r"]);
    assert!(marked(&c, from), "AML matches:\n{aml}");
    c.keys(&[b"\x1b", b"\x1b", b"\x1b", b"\x1b"]);
    // The alert inbox and a case's alerts with their changes.
    let from = c.bytes().len();
    let alerts = c.keys(&[b"!", b"\r", b"j", b"\x1b[6~"]);
    assert!(marked(&c, from), "alerts:\n{alerts}");
    c.keys(&[b"\x1b", b"\x1b", b"\x1b", b"?"]);
    c.keys(&[b"\x1b"]);
    c.send(b"q");
    assert!(c.wait_exit().success());

    let bytes = c.bytes();
    let mut parser = vt100::Parser::new_with_callbacks(40, 120, 0, Seen::default());
    parser.process(&bytes);
    assert!(
        parser.callbacks().events.is_empty(),
        "the terminal was made to: {:?}",
        parser.callbacks().events
    );
    let problems = scan(&bytes);
    assert!(problems.is_empty(), "{problems:#?}");
}
