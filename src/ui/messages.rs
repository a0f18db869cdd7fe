//! The `:messages` pane: every message of the session, newest first, each whole (wrapped to
//! the width), with its time, tone and case. Message text passes the sanitiser like any text
//! that may hold what the server sent.

use super::theme;
use crate::app::{State, Tone};
use crate::sanitize::clean;
use ratatui::Frame;
use ratatui::layout::Rect;
use ratatui::text::{Line, Span};
use ratatui::widgets::{Block, Paragraph, Wrap};

pub fn draw(state: &State, frame: &mut Frame, area: Rect) {
    let log = &state.messages;
    let block = Block::bordered()
        .title(format!(" Messages ({}) — newest first ", log.entries.len()))
        .border_style(theme::focused_border());
    let inner = block.inner(area);
    frame.render_widget(block, area);
    if log.entries.is_empty() {
        frame.render_widget(
            Paragraph::new(Line::styled("nothing was said yet", theme::dim())),
            inner,
        );
        return;
    }
    let ascii = state.org.ascii;
    let mut lines = Vec::new();
    for m in log.entries.iter().rev().skip(log.scroll) {
        let time = m
            .time
            .map(|t| t.format("%H:%M:%S").to_string())
            .unwrap_or_else(|| "--:--:--".to_owned());
        let (mark, style) = match (m.tone, ascii) {
            (Tone::Info, _) => ("·", theme::dim()),
            (Tone::Success, false) => ("✔", theme::success()),
            (Tone::Success, true) => ("+", theme::success()),
            (Tone::Error, false) => ("✘", theme::error()),
            (Tone::Error, true) => ("x", theme::error()),
        };
        // The case it belongs to, unless the message already names it.
        let case = m
            .case
            .filter(|c| !m.text.contains(&c.to_string()))
            .map(|c| format!("case {c} "))
            .unwrap_or_default();
        lines.push(Line::from(vec![
            Span::styled(format!("{time} "), theme::dim()),
            Span::styled(format!("{mark} "), style),
            Span::styled(case, theme::label()),
            Span::raw(clean(&m.text).into_owned()),
        ]));
    }
    frame.render_widget(Paragraph::new(lines).wrap(Wrap { trim: false }), inner);
}
