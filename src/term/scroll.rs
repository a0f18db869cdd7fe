//! Finding rows that moved between two frames, so the terminal can scroll them instead of
//! having every one rewritten.
//!
//! A list that scrolls by a few rows changes every row it shows, and a cell-by-cell diff writes
//! them all. The terminal can move a band of whole rows itself (a scroll region, DECSTBM, then
//! SU/SD); only the rows that come into view are then written. Regions span the full width
//! (left and right margins are not portable), so a band qualifies when whole screen rows moved:
//! a list in a bordered pane beside nothing else, as the case list and the inbox are at 80×24.
//!
//! [`find`] weighs every shift and band by the bytes a diff would still write after the
//! terminal scrolled (cells, cursor moves between runs of them, colour changes: an estimate of
//! what ratatui's crossterm backend writes), against the bytes it writes without scrolling, and
//! returns the best one only when it saves more than the scroll sequences cost. [`apply`] does to a buffer what the
//! terminal does to the screen, so the diff that follows starts from what the screen shows.

use ratatui::buffer::{Buffer, Cell};
use std::ops::Range;

/// Bytes a scroll must save to be worth its sequences (`ESC[t;br ESC[kS ESC[r`, about 15).
const MIN_GAIN: i64 = 16;

/// Frames that cost fewer bytes than this are not searched.
const MIN_CHANGED: i64 = 2 * MIN_GAIN;

/// About what a cursor move costs (`ESC[21;17H`).
const MOVE: i64 = 7;

/// About what a change of colours or attributes costs (`ESC[7m`, `ESC[38;5;6;49m`).
const STYLE: i64 = 10;

/// Which way the rows of a band move.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Direction {
    /// Content moves up (SU): row `y` shows what row `y + lines` showed.
    Up,
    /// Content moves down (SD): row `y` shows what row `y - lines` showed.
    Down,
}

/// A scroll of the rows `rows` (full width) by `lines`.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Scroll {
    pub rows: Range<u16>,
    pub lines: u16,
    pub direction: Direction,
}

/// The scroll that turns most of `prev` into `next`, if one saves enough writing.
pub fn find(prev: &Buffer, next: &Buffer) -> Option<Scroll> {
    if prev.area != next.area || prev.area.height < 2 {
        return None;
    }
    let h = usize::from(next.area.height);
    let blank = vec![Cell::EMPTY; usize::from(next.area.width)];
    // Bytes the diff writes for each row: as things are, and when the row comes in blank.
    let same: Vec<i64> = (0..h).map(|y| differ(row(next, y), row(prev, y))).collect();
    if same.iter().sum::<i64>() < MIN_CHANGED {
        return None;
    }
    let fresh: Vec<i64> = (0..h).map(|y| differ(row(next, y), &blank)).collect();
    // Only shifts that bring at least one changed row back exactly are weighed in full: a list
    // that scrolled has many, and the weighing (every row against every row) stays off the
    // frames of a large terminal that has nothing to scroll.
    let (new_rows, old_rows) = (row_hashes(next), row_hashes(prev));
    let moved_exactly =
        |y: usize, from: usize| new_rows[y] == old_rows[from] && new_rows[y] != old_rows[y];
    // Gain of a row that comes in blank, summed from the top.
    let fresh_gain = prefix((0..h).map(|y| same[y] - fresh[y]));
    let mut best: Option<(i64, Scroll)> = None;
    for k in 1..h {
        let up = (0..h - k).any(|y| moved_exactly(y, y + k));
        let down = (k..h).any(|y| moved_exactly(y, y - k));
        if up {
            up_bands(&mut best, next, prev, &same, &fresh_gain, k);
        }
        if down {
            down_bands(&mut best, next, prev, &same, &fresh_gain, k);
        }
    }
    best.map(|(_, s)| s)
}

/// The best band scrolled up by `k`: row y takes prev row y + k.
fn up_bands(
    best: &mut Option<(i64, Scroll)>,
    next: &Buffer,
    prev: &Buffer,
    same: &[i64],
    fresh_gain: &[i64],
    k: usize,
) {
    let h = same.len();
    let moved = prefix((0..h - k).map(|y| same[y] - differ(row(next, y), row(prev, y + k))));
    // Band [a, b): rows a..b-k move, rows b-k..b come in blank. For each b the best a is
    // the one with the smallest prefix before it.
    let mut min_at = (moved[0], 0usize);
    for b in k + 1..=h {
        let end = b - k;
        if moved[end - 1] < min_at.0 {
            min_at = (moved[end - 1], end - 1);
        }
        let gain = moved[end] - min_at.0 + fresh_gain[b] - fresh_gain[end];
        consider(best, gain, min_at.1..b, k, Direction::Up);
    }
}

/// The best band scrolled down by `k`: row y takes prev row y - k.
fn down_bands(
    best: &mut Option<(i64, Scroll)>,
    next: &Buffer,
    prev: &Buffer,
    same: &[i64],
    fresh_gain: &[i64],
    k: usize,
) {
    let h = same.len();
    let moved = prefix((k..h).map(|y| same[y] - differ(row(next, y), row(prev, y - k))));
    // Band [a, b): rows a..a+k come in blank, rows a+k..b move. `moved[i]` sums rows
    // k..k+i, so rows a+k..b are moved[b-k] - moved[a]; for each a the best b has the
    // largest prefix after it, found by walking a down from the bottom.
    let mut max_at = (moved[h - k], h);
    for a in (0..h - k).rev() {
        if moved[a + 1] > max_at.0 {
            max_at = (moved[a + 1], a + 1 + k);
        }
        let gain = max_at.0 - moved[a] + fresh_gain[a + k] - fresh_gain[a];
        consider(best, gain, a..max_at.1, k, Direction::Down);
    }
}

/// A hash of each row, to find rows that moved unchanged.
fn row_hashes(buf: &Buffer) -> Vec<u64> {
    use std::hash::{Hash, Hasher};
    (0..usize::from(buf.area.height))
        .map(|y| {
            let mut h = std::hash::DefaultHasher::new();
            row(buf, y).hash(&mut h);
            h.finish()
        })
        .collect()
}

/// Keep `(gain, scroll)` if it beats the best so far and the threshold.
fn consider(
    best: &mut Option<(i64, Scroll)>,
    gain: i64,
    rows: Range<usize>,
    k: usize,
    direction: Direction,
) {
    if gain < MIN_GAIN || best.as_ref().is_some_and(|(g, _)| *g >= gain) {
        return;
    }
    let (Ok(start), Ok(end), Ok(lines)) = (
        u16::try_from(rows.start),
        u16::try_from(rows.end),
        u16::try_from(k),
    ) else {
        return;
    };
    *best = Some((
        gain,
        Scroll {
            rows: start..end,
            lines,
            direction,
        },
    ));
}

/// Do to `buf` what the terminal does to the screen for `scroll`: rows move within the band and
/// the rows left behind are blank.
pub fn apply(buf: &mut Buffer, scroll: &Scroll) {
    let w = usize::from(buf.area.width);
    let start = usize::from(scroll.rows.start);
    let end = usize::from(scroll.rows.end).min(usize::from(buf.area.height));
    if start >= end {
        return;
    }
    let band = &mut buf.content[start * w..end * w];
    let k = (usize::from(scroll.lines) * w).min(band.len());
    match scroll.direction {
        Direction::Up => {
            band.rotate_left(k);
            let n = band.len();
            band[n - k..].fill(Cell::EMPTY);
        }
        Direction::Down => {
            band.rotate_right(k);
            band[..k].fill(Cell::EMPTY);
        }
    }
}

/// Row `y` of `buf` (its area starts at the origin: the whole screen).
fn row(buf: &Buffer, y: usize) -> &[Cell] {
    let w = usize::from(buf.area.width);
    &buf.content[y * w..(y + 1) * w]
}

/// About the bytes a diff writes to turn row `b` into row `a` (same width): each cell that
/// differs, a cursor move before each run of them, a colour change wherever the style of the
/// written cells changes.
fn differ(a: &[Cell], b: &[Cell]) -> i64 {
    let mut bytes = 0i64;
    let mut last: Option<(usize, &Cell)> = None;
    for (x, (new, old)) in a.iter().zip(b).enumerate() {
        if new == old {
            continue;
        }
        match last {
            Some((lx, _)) if lx + 1 == x => {}
            _ => bytes += MOVE,
        }
        if last.is_none_or(|(_, l)| (l.fg, l.bg, l.modifier) != (new.fg, new.bg, new.modifier)) {
            bytes += STYLE;
        }
        bytes += i64::try_from(new.symbol().len()).unwrap_or(1);
        last = Some((x, new));
    }
    bytes
}

/// Running sums, starting with 0: `out[i]` is the sum of the first `i` values.
fn prefix(values: impl Iterator<Item = i64>) -> Vec<i64> {
    let mut out = vec![0];
    let mut sum = 0;
    for v in values {
        sum += v;
        out.push(sum);
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use ratatui::layout::Rect;

    /// A screen with a title row, `rows` list rows starting at `from`, and a footer.
    fn screen(w: u16, h: u16, from: usize) -> Buffer {
        let mut b = Buffer::empty(Rect::new(0, 0, w, h));
        b.set_string(
            0,
            0,
            "Cases — title row that stays",
            ratatui::style::Style::default(),
        );
        for y in 1..h - 1 {
            let n = from + usize::from(y);
            b.set_string(
                0,
                y,
                format!("│ row {n:>4} company {n} Ltd │"),
                ratatui::style::Style::default(),
            );
        }
        b.set_string(
            0,
            h - 1,
            "footer: j/k move",
            ratatui::style::Style::default(),
        );
        b
    }

    #[test]
    fn a_list_moved_by_one_scrolls_its_band() {
        let prev = screen(40, 12, 0);
        let next = screen(40, 12, 1);
        let s = find(&prev, &next).expect("a scroll");
        assert_eq!(s.direction, Direction::Up);
        assert_eq!(s.lines, 1);
        let mut shifted = prev.clone();
        apply(&mut shifted, &s);
        // Only the row that came into view is left to write.
        let left: std::collections::BTreeSet<u16> =
            shifted.diff(&next).iter().map(|(_, y, _)| *y).collect();
        assert_eq!(left.into_iter().collect::<Vec<_>>(), vec![10]);
    }

    #[test]
    fn moving_back_scrolls_down() {
        let prev = screen(40, 12, 3);
        let next = screen(40, 12, 1);
        let s = find(&prev, &next).expect("a scroll");
        assert_eq!((s.direction, s.lines), (Direction::Down, 2));
        let mut shifted = prev.clone();
        apply(&mut shifted, &s);
        assert!(
            shifted
                .diff(&next)
                .iter()
                .all(|(_, y, _)| (1..3).contains(y))
        );
    }

    #[test]
    fn small_changes_and_new_pages_do_not_scroll() {
        let prev = screen(40, 12, 0);
        let mut next = prev.clone();
        next.set_string(2, 4, "x", ratatui::style::Style::default());
        assert_eq!(find(&prev, &next), None);
        // A page with nothing in common.
        assert_eq!(find(&prev, &screen(40, 12, 500)), None);
        assert_eq!(find(&prev, &screen(41, 12, 1)), None);
    }
}
