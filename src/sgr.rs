//! Colour escape sequences as the terminal can take them.
//!
//! crossterm writes even the 16 basic colours as 256-colour indices (`38;5;1`). Terminals with
//! 16 colours (`TERM=screen`, `linux`, old xterms) do not all understand those, so in 16-colour
//! mode the frames' colour SGRs are rewritten to the plain forms (30–37/90–97 foreground,
//! 40–47/100–107 background); in monochrome every colour SGR is dropped, leaving bold, reverse
//! video and the glyphs. Everything else passes through untouched. The writer sits between
//! ratatui's backend and stdout, so drawing code knows nothing of it.

use crate::appearance::color::ColorMode;
use std::io::{self, Write};

/// What colour SGRs become on the way out.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Palette {
    /// Written as crossterm writes them (256-colour and true-colour terminals).
    Pass,
    /// Rewritten to the 16 plain colour codes.
    Basic16,
    /// Dropped.
    Mono,
}

impl Palette {
    pub fn for_mode(mode: ColorMode) -> Palette {
        match mode {
            ColorMode::Ansi16 => Palette::Basic16,
            ColorMode::Mono => Palette::Mono,
            ColorMode::Auto | ColorMode::TrueColor | ColorMode::Ansi256 => Palette::Pass,
        }
    }
}

/// The longest escape sequence held back to be looked at; longer ones pass as they are.
const MAX_SEQUENCE: usize = 64;

/// A writer that rewrites colour SGRs for the palette. A sequence split across writes (crossterm
/// formats one in several pieces) is held until its final byte arrives.
pub struct SgrWriter<W: Write> {
    inner: W,
    palette: Palette,
    pending: Vec<u8>,
}

impl<W: Write> SgrWriter<W> {
    pub fn new(inner: W, palette: Palette) -> SgrWriter<W> {
        SgrWriter {
            inner,
            palette,
            pending: Vec::new(),
        }
    }
}

impl<W: Write> Write for SgrWriter<W> {
    fn write(&mut self, buf: &[u8]) -> io::Result<usize> {
        if self.palette == Palette::Pass {
            return self.inner.write(buf);
        }
        let mut out = Vec::with_capacity(buf.len() + 8);
        for &b in buf {
            if self.pending.is_empty() {
                if b == 0x1b {
                    self.pending.push(b);
                } else {
                    out.push(b);
                }
                continue;
            }
            self.pending.push(b);
            let len = self.pending.len();
            if len == 2 && b != b'[' {
                // Not a CSI: nothing to rewrite.
                out.append(&mut self.pending);
            } else if len > 2 && (0x40..=0x7e).contains(&b) {
                out.extend(rewrite(&self.pending, self.palette));
                self.pending.clear();
            } else if len > MAX_SEQUENCE {
                out.append(&mut self.pending);
            }
        }
        self.inner.write_all(&out)?;
        Ok(buf.len())
    }

    fn flush(&mut self) -> io::Result<()> {
        // An unfinished sequence waits for its end; frames always finish theirs.
        self.inner.flush()
    }
}

/// One complete CSI sequence (`ESC [ … final`), rewritten for the palette.
fn rewrite(seq: &[u8], palette: Palette) -> Vec<u8> {
    let Some(params) = seq
        .strip_prefix(b"\x1b[")
        .and_then(|s| s.strip_suffix(b"m"))
        .and_then(|p| std::str::from_utf8(p).ok())
    else {
        return seq.to_vec();
    };
    if params.is_empty() || params.contains(':') || params.starts_with(['?', '<', '=', '>']) {
        return seq.to_vec();
    }
    let mut nums = Vec::new();
    for p in params.split(';') {
        match p.parse::<u16>() {
            Ok(n) => nums.push(n),
            Err(_) => return seq.to_vec(),
        }
    }
    let mut kept: Vec<u16> = Vec::new();
    let mut i = 0;
    while i < nums.len() {
        let n = nums[i];
        match n {
            38 | 48 | 58 => {
                let (colour, used) = extended(&nums[i + 1..]);
                i += 1 + used;
                if palette == Palette::Basic16
                    && n != 58
                    && let Some(c) = colour
                {
                    let (dark, bright) = if n == 38 { (30, 90) } else { (40, 100) };
                    kept.push(if c < 8 { dark + c } else { bright + c - 8 });
                }
                continue;
            }
            // Underline colour reset: 16-colour terminals know no underline colour.
            59 => {}
            30..=37 | 39 | 40..=47 | 49 | 90..=97 | 100..=107 if palette == Palette::Mono => {}
            _ => kept.push(n),
        }
        i += 1;
    }
    if kept.is_empty() {
        return Vec::new();
    }
    let body: Vec<String> = kept.iter().map(u16::to_string).collect();
    format!("\x1b[{}m", body.join(";")).into_bytes()
}

/// The colour after a 38/48/58 (`5;N` or `2;R;G;B`) as one of the 16 basic colours, and how many
/// parameters it took.
fn extended(rest: &[u16]) -> (Option<u16>, usize) {
    match rest {
        [5, n, ..] => (Some(basic_of_indexed(*n)), 2),
        [2, r, g, b, ..] => (Some(nearest_basic(*r, *g, *b)), 4),
        [5] | [2, ..] => (None, rest.len()),
        _ => (None, 0),
    }
}

/// The xterm defaults of the 16 basic colours, to find the nearest of them.
const BASIC: [(u16, u16, u16); 16] = [
    (0, 0, 0),
    (205, 0, 0),
    (0, 205, 0),
    (205, 205, 0),
    (0, 0, 238),
    (205, 0, 205),
    (0, 205, 205),
    (229, 229, 229),
    (127, 127, 127),
    (255, 0, 0),
    (0, 255, 0),
    (255, 255, 0),
    (92, 92, 255),
    (255, 0, 255),
    (0, 255, 255),
    (255, 255, 255),
];

fn basic_of_indexed(n: u16) -> u16 {
    match n {
        0..=15 => n,
        16..=231 => {
            let i = n - 16;
            let level = |v: u16| if v == 0 { 0 } else { 55 + v * 40 };
            nearest_basic(level(i / 36), level(i / 6 % 6), level(i % 6))
        }
        232..=255 => {
            let v = 8 + (n - 232) * 10;
            nearest_basic(v, v, v)
        }
        _ => 7,
    }
}

fn nearest_basic(r: u16, g: u16, b: u16) -> u16 {
    let d = |(br, bg, bb): (u16, u16, u16)| {
        let sq = |x: u16, y: u16| (i32::from(x) - i32::from(y)).pow(2);
        sq(r, br) + sq(g, bg) + sq(b, bb)
    };
    (0u16..16)
        .min_by_key(|&i| d(BASIC[usize::from(i)]))
        .unwrap_or(7)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn through(palette: Palette, pieces: &[&[u8]]) -> String {
        let mut w = SgrWriter::new(Vec::new(), palette);
        for p in pieces {
            w.write_all(p).unwrap();
        }
        w.flush().unwrap();
        String::from_utf8(w.inner).unwrap()
    }

    #[test]
    fn basic_colours_become_plain_sgr() {
        let p = Palette::Basic16;
        assert_eq!(through(p, &[b"\x1b[38;5;1mA"]), "\x1b[31mA");
        assert_eq!(through(p, &[b"\x1b[38;5;9m"]), "\x1b[91m");
        assert_eq!(through(p, &[b"\x1b[48;5;6m"]), "\x1b[46m");
        assert_eq!(through(p, &[b"\x1b[48;5;15m"]), "\x1b[107m");
        assert_eq!(through(p, &[b"\x1b[38;2;250;10;10m"]), "\x1b[91m");
        assert_eq!(through(p, &[b"\x1b[38;5;196m"]), "\x1b[91m");
        assert_eq!(
            through(p, &[b"\x1b[39m\x1b[49m\x1b[59m"]),
            "\x1b[39m\x1b[49m"
        );
        assert_eq!(through(p, &[b"\x1b[1;38;5;2m"]), "\x1b[1;32m");
    }

    #[test]
    fn split_sequences_are_put_together() {
        let p = Palette::Basic16;
        assert_eq!(
            through(p, &[b"x\x1b", b"[38;", b"5;", b"3", b"my"]),
            "x\x1b[33my"
        );
    }

    #[test]
    fn other_sequences_pass() {
        let p = Palette::Basic16;
        let s = "\x1b[?2026h\x1b[3;4H\x1b[1m\x1b[7m\x1b[0m\x1b7\x1b[?25l";
        assert_eq!(through(p, &[s.as_bytes()]), s);
        assert_eq!(through(p, &["é ▶".as_bytes()]), "é ▶");
    }

    #[test]
    fn mono_drops_every_colour() {
        let p = Palette::Mono;
        assert_eq!(
            through(
                p,
                &[b"\x1b[38;5;1mA\x1b[48;2;1;2;3mB\x1b[39m\x1b[49m\x1b[7mC\x1b[0m"]
            ),
            "AB\x1b[7mC\x1b[0m"
        );
        assert_eq!(through(p, &[b"\x1b[1;31;44m"]), "\x1b[1m");
    }

    #[test]
    fn pass_is_untouched() {
        let s = "\x1b[38;5;1mA\x1b[59m";
        assert_eq!(through(Palette::Pass, &[s.as_bytes()]), s);
    }
}
