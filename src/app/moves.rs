//! Moving a selection or a scroll offset by an action: the arithmetic every list pane shares.

use super::{Action, State};

/// Rows one page moves in the panes that fill the screen (header, footer, borders off).
pub fn page_rows(state: &State) -> usize {
    usize::from(state.size.1.saturating_sub(8)).max(1)
}

/// A selection in a list of `len` rows after `action`.
pub fn move_in(len: usize, cur: usize, action: Action, page: usize) -> usize {
    if len == 0 {
        return 0;
    }
    let last = len - 1;
    match action {
        Action::Up => cur.saturating_sub(1),
        Action::Down => (cur + 1).min(last),
        Action::Top => 0,
        Action::Bottom => last,
        Action::PageUp => cur.saturating_sub(page),
        Action::PageDown => (cur + page).min(last),
        _ => cur,
    }
}

/// How far a view of wrapped text is scrolled. Keys move it freely (`End` to the very end);
/// drawing, which alone knows how many rows the text wraps to, keeps it within the text
/// (`ui::scrolled`), so a view never scrolls past its end into an empty pane and scrolling back
/// up from the end takes no extra keys.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Scroll(std::cell::Cell<u16>);

impl Scroll {
    pub fn get(&self) -> u16 {
        self.0.get()
    }

    /// Move by `action` (`page` rows a page).
    pub fn go(&self, action: Action, page: usize) {
        let to = match action {
            Action::Bottom => u16::MAX,
            a => scroll(self.get(), a, page),
        };
        self.0.set(to);
    }

    /// Keep it at `last` at most (drawing, once it knows the rows); the offset that shows.
    pub fn keep_within(&self, last: u16) -> u16 {
        let at = self.get().min(last);
        self.0.set(at);
        at
    }
}

/// A scroll offset after `action` (the drawing clamps it to what there is).
pub fn scroll(cur: u16, action: Action, page: usize) -> u16 {
    let page = u16::try_from(page).unwrap_or(u16::MAX);
    match action {
        Action::Up => cur.saturating_sub(1),
        Action::Down => cur.saturating_add(1),
        Action::Top => 0,
        Action::Bottom => cur.saturating_add(page),
        Action::PageUp => cur.saturating_sub(page),
        Action::PageDown => cur.saturating_add(page),
        _ => cur,
    }
}

impl Action {
    /// The six moves every list and scrolled pane answers (up, down, top, bottom, page up,
    /// page down): one guard instead of the same six-way pattern in every pane.
    pub fn is_move(self) -> bool {
        matches!(
            self,
            Action::Up
                | Action::Down
                | Action::Top
                | Action::Bottom
                | Action::PageUp
                | Action::PageDown
        )
    }
}
