//! A view of wrapped text that scrolls and stops at its end: the offset the keys moved is kept
//! within the rows the text wraps to, here where they are known, so the last row never leaves
//! the bottom of the view and nothing scrolls into an empty pane.

use crate::app::moves::Scroll;
use ratatui::Frame;
use ratatui::layout::Rect;
use ratatui::widgets::Paragraph;

/// Draw `text` (wrapping or not, with its block if any) in `area`, scrolled by `at` as far as
/// its last row allows.
pub fn render(text: Paragraph<'_>, at: &Scroll, frame: &mut Frame, area: Rect) {
    let rows = text.line_count(area.width);
    let last = rows.saturating_sub(usize::from(area.height));
    let top = at.keep_within(u16::try_from(last).unwrap_or(u16::MAX));
    frame.render_widget(text.scroll((top, 0)), area);
}
