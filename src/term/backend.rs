//! The backend frames are written through: ratatui's crossterm backend, plus scroll regions.
//!
//! ratatui hands a backend only the cells that changed since the last frame. When a list
//! scrolls, every row it shows changes, and all of them would be written. This backend keeps
//! its own copy of what the screen shows, rebuilds the new frame from it and the changed cells,
//! and asks [`scroll::find`] whether a band of rows moved; if so it has the terminal move them
//! (DECSTBM, SU/SD, reset) and then writes only what still differs from the moved screen.
//!
//! Scroll regions are used only where the terminal is known to have them ([`ScrollRegions`]);
//! elsewhere frames are written exactly as ratatui's backend writes them.

use super::scroll::{self, Direction};
use ratatui::backend::{Backend, ClearType, CrosstermBackend, WindowSize};
use ratatui::buffer::{Buffer, Cell};
use ratatui::layout::{Position, Rect, Size};
use std::io::{self, Write};

/// Whether the terminal can scroll a band of rows for us.
///
/// The rule, by `TERM`: the xterm family (and everything that calls itself xterm-something:
/// VTE, Konsole, iTerm2, Windows Terminal, PuTTY's xterm mode), `screen*` and `tmux*` (GNU
/// screen and tmux both implement DECSTBM, SU and SD), `rxvt*`, `alacritty`, `foot*`,
/// `kitty`/`xterm-kitty`, `wezterm`, `st*`, `putty*`, `konsole*`, `gnome*`, `vte*`, `contour`
/// and `mintty` use regions. Everything else repaints, in particular `linux` (the console has no
/// SU/SD), `vt100`/`vt102`/`vt220` (no SU/SD), `ansi`, `dumb` and an unset `TERM`: a wrong
/// guess there would scramble the screen, a repaint only costs bytes.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ScrollRegions {
    Use,
    Repaint,
}

impl ScrollRegions {
    /// Decide from the value of `TERM`.
    pub fn for_term(term: Option<&str>) -> ScrollRegions {
        const FAMILIES: [&str; 15] = [
            "xterm",
            "screen",
            "tmux",
            "rxvt",
            "alacritty",
            "foot",
            "kitty",
            "wezterm",
            "st",
            "putty",
            "konsole",
            "gnome",
            "vte",
            "contour",
            "mintty",
        ];
        let term = term.unwrap_or("").to_ascii_lowercase();
        // The family is the part before the first '-' or '.' (`screen.xterm-256color`).
        let family = term.split(['-', '.']).next().unwrap_or("");
        if FAMILIES.contains(&family) {
            ScrollRegions::Use
        } else {
            ScrollRegions::Repaint
        }
    }
}

/// ratatui's crossterm backend, writing scrolled bands with scroll regions.
pub struct FrameBackend<W: Write> {
    inner: CrosstermBackend<W>,
    regions: ScrollRegions,
    /// A fixed size instead of asking the terminal (tests and benchmarks write into memory).
    fixed: Option<Size>,
    /// What the screen shows. `None` after a clear this backend cannot follow: frames then go
    /// out as ratatui's diff has them until the next full clear.
    screen: Option<Buffer>,
}

impl<W: Write> FrameBackend<W> {
    /// The screen starts blank, as ratatui assumes (a freshly entered alternate screen).
    pub fn new(writer: W, regions: ScrollRegions) -> FrameBackend<W> {
        let mut b = FrameBackend {
            inner: CrosstermBackend::new(writer),
            regions,
            fixed: None,
            screen: None,
        };
        b.blank();
        b
    }

    /// A backend of a fixed size that never asks the terminal (for writing into memory).
    pub fn with_size(writer: W, regions: ScrollRegions, width: u16, height: u16) -> Self {
        let mut b = FrameBackend {
            inner: CrosstermBackend::new(writer),
            regions,
            fixed: Some(Size { width, height }),
            screen: None,
        };
        b.blank();
        b
    }

    /// The screen is blank now, at the current size (or unknown if the size is).
    fn blank(&mut self) {
        self.screen = self
            .size()
            .ok()
            .map(|s| Buffer::empty(Rect::new(0, 0, s.width, s.height)));
    }
}

impl<W: Write> Backend for FrameBackend<W> {
    type Error = io::Error;

    fn draw<'a, I>(&mut self, content: I) -> io::Result<()>
    where
        I: Iterator<Item = (u16, u16, &'a Cell)>,
    {
        let size = self.size()?;
        let Some(screen) = self.screen.as_mut().filter(|s| s.area.as_size() == size) else {
            // A screen this backend cannot follow: write as told.
            self.screen = None;
            return self.inner.draw(content);
        };
        let mut next = screen.clone();
        for (x, y, cell) in content {
            if let Some(c) = next.cell_mut(Position { x, y }) {
                c.clone_from(cell);
            }
        }
        hide_covered(&mut next);
        if self.regions == ScrollRegions::Use
            && let Some(s) = scroll::find(screen, &next)
        {
            match s.direction {
                Direction::Up => self.inner.scroll_region_up(s.rows.clone(), s.lines)?,
                Direction::Down => self.inner.scroll_region_down(s.rows.clone(), s.lines)?,
            }
            scroll::apply(screen, &s);
        }
        let cells = bridged(&next, screen.diff(&next));
        self.inner.draw(cells.iter().map(|(x, y, c)| (*x, *y, c)))?;
        *screen = next;
        Ok(())
    }

    fn append_lines(&mut self, n: u16) -> io::Result<()> {
        // Lines appended below an inline viewport: not a screen this backend follows.
        self.screen = None;
        self.inner.append_lines(n)
    }

    fn hide_cursor(&mut self) -> io::Result<()> {
        self.inner.hide_cursor()
    }

    fn show_cursor(&mut self) -> io::Result<()> {
        self.inner.show_cursor()
    }

    fn get_cursor_position(&mut self) -> io::Result<Position> {
        self.inner.get_cursor_position()
    }

    fn set_cursor_position<P: Into<Position>>(&mut self, position: P) -> io::Result<()> {
        self.inner.set_cursor_position(position)
    }

    fn clear(&mut self) -> io::Result<()> {
        self.inner.clear()?;
        self.blank();
        Ok(())
    }

    fn clear_region(&mut self, clear_type: ClearType) -> io::Result<()> {
        self.inner.clear_region(clear_type)?;
        match clear_type {
            ClearType::All => self.blank(),
            // Partial clears depend on the cursor: stop following until the next full one.
            ClearType::AfterCursor
            | ClearType::BeforeCursor
            | ClearType::CurrentLine
            | ClearType::UntilNewLine => self.screen = None,
        }
        Ok(())
    }

    fn size(&self) -> io::Result<Size> {
        match self.fixed {
            Some(s) => Ok(s),
            None => self.inner.size(),
        }
    }

    fn window_size(&mut self) -> io::Result<WindowSize> {
        self.inner.window_size()
    }

    fn flush(&mut self) -> io::Result<()> {
        Backend::flush(&mut self.inner)
    }

    fn scroll_region_up(&mut self, region: std::ops::Range<u16>, n: u16) -> io::Result<()> {
        self.inner.scroll_region_up(region.clone(), n)?;
        if let Some(s) = self.screen.as_mut() {
            scroll::apply(s, &scroll_of(region, n, Direction::Up));
        }
        Ok(())
    }

    fn scroll_region_down(&mut self, region: std::ops::Range<u16>, n: u16) -> io::Result<()> {
        self.inner.scroll_region_down(region.clone(), n)?;
        if let Some(s) = self.screen.as_mut() {
            scroll::apply(s, &scroll_of(region, n, Direction::Down));
        }
        Ok(())
    }
}

/// Gaps this short between two written cells of a row are written over (with what the screen
/// already shows) instead of jumped with a cursor move, which costs 6 to 8 bytes.
const BRIDGE: u16 = 6;

/// `cells` (a diff, in screen order) with short gaps filled from `next` where that needs no
/// colour change ([`in_style_of`]): the same screen for fewer bytes. A page of new rows has a
/// gap between every two words and after every coloured glyph.
fn bridged(next: &Buffer, cells: Vec<(u16, u16, &Cell)>) -> Vec<(u16, u16, Cell)> {
    let mut out: Vec<(u16, u16, Cell)> = Vec::with_capacity(cells.len());
    for (x, y, cell) in cells {
        let fill = out.last().and_then(|(px, py, prev)| {
            let from = px.saturating_add(1);
            let narrow = unicode_width::UnicodeWidthStr::width(prev.symbol()) == 1;
            if *py != y || !narrow || x <= from || x - from > BRIDGE {
                return None;
            }
            (from..x)
                .map(|gx| {
                    let c = next.cell(Position { x: gx, y })?;
                    in_style_of(c, prev).map(|c| (gx, y, c))
                })
                .collect::<Option<Vec<_>>>()
        });
        out.extend(fill.into_iter().flatten());
        out.push((x, y, cell.clone()));
    }
    out
}

/// `c` as it can be written right after `prev` without a colour change, if it looks the same
/// that way: one byte of text in `prev`'s style, or a space whose foreground shows nowhere
/// (same background and attributes, none that draws the foreground on a space).
fn in_style_of(c: &Cell, prev: &Cell) -> Option<Cell> {
    use ratatui::style::Modifier;
    if c.symbol().len() != 1 {
        return None;
    }
    if (c.fg, c.bg, c.modifier) == (prev.fg, prev.bg, prev.modifier) {
        return Some(c.clone());
    }
    let shows_fg = Modifier::REVERSED | Modifier::UNDERLINED | Modifier::CROSSED_OUT;
    if c.symbol() == " "
        && (c.bg, c.modifier) == (prev.bg, prev.modifier)
        && !c.modifier.intersects(shows_fg)
    {
        let mut space = c.clone();
        space.fg = prev.fg;
        return Some(space);
    }
    None
}

/// Blank the cells a wide character covers, as ratatui's buffer does when it is written: the
/// diff does not send them, so without this they would keep what an earlier frame had there
/// and a later diff would take the stale copy for what the screen shows.
fn hide_covered(buf: &mut Buffer) {
    let w = usize::from(buf.area.width);
    for row in buf.content.chunks_mut(w.max(1)) {
        let mut x = 0;
        while x < row.len() {
            let width = unicode_width::UnicodeWidthStr::width(row[x].symbol()).max(1);
            for c in row.iter_mut().skip(x + 1).take(width - 1) {
                c.reset();
            }
            x += width;
        }
    }
}

fn scroll_of(rows: std::ops::Range<u16>, lines: u16, direction: Direction) -> scroll::Scroll {
    scroll::Scroll {
        rows,
        lines,
        direction,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn regions_by_term() {
        for t in [
            "xterm",
            "xterm-256color",
            "screen",
            "screen.xterm-256color",
            "tmux-256color",
            "rxvt-unicode-256color",
            "alacritty",
            "xterm-kitty",
            "st-256color",
        ] {
            assert_eq!(ScrollRegions::for_term(Some(t)), ScrollRegions::Use, "{t}");
        }
        for t in ["linux", "vt100", "vt220", "ansi", "dumb", "", "sterm"] {
            assert_eq!(
                ScrollRegions::for_term(Some(t)),
                ScrollRegions::Repaint,
                "{t}"
            );
        }
        assert_eq!(ScrollRegions::for_term(None), ScrollRegions::Repaint);
    }
}
