//! Lists that scroll are written with scroll regions, and the screen the terminal ends up with
//! is the one a full repaint gives: frames are fed to a terminal emulator (vt100) both ways and
//! every cell is compared, after moves, page moves and jumps, at several sizes.

use crate::common::Harness;
use crossterm::event::KeyCode;
use kyc_console::app::Msg;
use kyc_console::sgr::{Palette, SgrWriter};
use kyc_console::term::{FrameBackend, ScrollRegions};
use ratatui::Terminal;
use std::cell::RefCell;
use std::io::Write;
use std::rc::Rc;

/// What the backend wrote, shared with the test.
#[derive(Clone, Default)]
struct Wire(Rc<RefCell<Vec<u8>>>);

impl Write for Wire {
    fn write(&mut self, b: &[u8]) -> std::io::Result<usize> {
        self.0.borrow_mut().extend_from_slice(b);
        Ok(b.len())
    }
    fn flush(&mut self) -> std::io::Result<()> {
        Ok(())
    }
}

type Term = Terminal<FrameBackend<SgrWriter<Wire>>>;

fn terminal(wire: &Wire, regions: ScrollRegions, w: u16, h: u16, palette: Palette) -> Term {
    let backend = FrameBackend::with_size(SgrWriter::new(wire.clone(), palette), regions, w, h);
    Terminal::new(backend).expect("terminal")
}

/// The screen a terminal shows after one full repaint of the state as it is.
fn repainted(h: &Harness, w: u16, rows: u16, palette: Palette) -> vt100::Parser {
    let wire = Wire::default();
    let mut t = terminal(&wire, ScrollRegions::Repaint, w, rows, palette);
    t.draw(|f| kyc_console::ui::draw(&h.state, f))
        .expect("draw");
    let mut p = vt100::Parser::new(rows, w, 0);
    p.process(&wire.0.borrow());
    p
}

/// What a cell shows: a space written and a cell never written look the same, and so does the
/// foreground of a space that draws none (not reversed, underlined or crossed out).
fn shown(c: Option<&vt100::Cell>) -> Option<(String, vt100::Color, vt100::Color, [bool; 6])> {
    c.map(|c| {
        let text = match c.contents() {
            "" => " ",
            t => t,
        };
        let fg_unseen = text == " " && !c.inverse() && !c.underline();
        (
            text.to_owned(),
            if fg_unseen {
                vt100::Color::Default
            } else {
                c.fgcolor()
            },
            c.bgcolor(),
            [
                c.bold(),
                c.italic(),
                c.underline(),
                c.inverse(),
                c.is_wide(),
                c.is_wide_continuation(),
            ],
        )
    })
}

/// Every cell (text and attributes) and the cursor, or the first difference.
fn same_screen(a: &vt100::Screen, b: &vt100::Screen, rows: u16, w: u16) -> Result<(), String> {
    for y in 0..rows {
        for x in 0..w {
            if shown(a.cell(y, x)) != shown(b.cell(y, x)) {
                return Err(format!(
                    "cell ({x}, {y}) differs: {:?} vs {:?}\n--- scrolled:\n{}\n--- repainted:\n{}",
                    shown(a.cell(y, x)),
                    shown(b.cell(y, x)),
                    a.contents(),
                    b.contents()
                ));
            }
        }
    }
    if a.cursor_position() != b.cursor_position() || a.hide_cursor() != b.hide_cursor() {
        return Err("cursor differs".into());
    }
    Ok(())
}

/// Whether the bytes set a scroll region (DECSTBM `ESC[t;br`) and scroll it (`ESC[nS` or `T`).
fn scrolls_a_band(bytes: &[u8]) -> bool {
    let text = String::from_utf8_lossy(bytes);
    let csi_finals: Vec<char> = text
        .split("\x1b[")
        .skip(1)
        .filter_map(|s| s.chars().find(|c| !c.is_ascii_digit() && *c != ';'))
        .collect();
    csi_finals
        .windows(2)
        .any(|w| w[0] == 'r' && (w[1] == 'S' || w[1] == 'T'))
}

async fn scrolled_equals_repainted(w: u16, rows: u16, palette: Palette) {
    let mut h = Harness::demo().await;
    h.send(Msg::Resize(w, rows));
    h.settle().await;
    let wire = Wire::default();
    let mut t = terminal(&wire, ScrollRegions::Use, w, rows, palette);
    let mut screen = vt100::Parser::new(rows, w, 0);
    let mut scrolls = 0;
    let mut keys = vec![KeyCode::Char('j'); 30];
    keys.extend([KeyCode::PageDown, KeyCode::PageDown, KeyCode::PageUp]);
    keys.extend(vec![KeyCode::Char('k'); 12]);
    keys.extend([KeyCode::PageDown, KeyCode::Char('j'), KeyCode::Char('j')]);
    keys.extend([KeyCode::End, KeyCode::Char('k'), KeyCode::Home]);
    for (i, key) in std::iter::once(None)
        .chain(keys.into_iter().map(Some))
        .enumerate()
    {
        if let Some(k) = key {
            h.keys(&[k]).await;
        }
        wire.0.borrow_mut().clear();
        t.draw(|f| kyc_console::ui::draw(&h.state, f))
            .expect("draw");
        let bytes = wire.0.borrow().clone();
        if scrolls_a_band(&bytes) {
            scrolls += 1;
        }
        screen.process(&bytes);
        let full = repainted(&h, w, rows, palette);
        if let Err(e) = same_screen(screen.screen(), full.screen(), rows, w) {
            panic!("{w}x{rows}, after key {i} ({key:?}): {e}");
        }
    }
    assert!(scrolls > 0, "{w}x{rows}: no frame used a scroll region");
}

#[tokio::test]
async fn scrolling_the_case_list_at_80x24_equals_a_repaint() {
    scrolled_equals_repainted(80, 24, Palette::Pass).await;
}

#[tokio::test]
async fn scrolling_at_60x20_and_120x40_equals_a_repaint() {
    scrolled_equals_repainted(60, 20, Palette::Pass).await;
    scrolled_equals_repainted(120, 40, Palette::Pass).await;
}

#[tokio::test]
async fn scrolling_in_16_colours_equals_a_repaint() {
    scrolled_equals_repainted(80, 24, Palette::Basic16).await;
}

/// Where the terminal has no scroll regions, frames never carry one.
#[tokio::test]
async fn repaint_terminals_get_no_scroll_region() {
    let mut h = Harness::demo().await;
    h.send(Msg::Resize(80, 24));
    let wire = Wire::default();
    let mut t = terminal(&wire, ScrollRegions::Repaint, 80, 24, Palette::Pass);
    for _ in 0..25 {
        h.keys(&[KeyCode::Char('j')]).await;
        t.draw(|f| kyc_console::ui::draw(&h.state, f))
            .expect("draw");
    }
    assert!(!scrolls_a_band(&wire.0.borrow()), "a scroll region was set");
}
