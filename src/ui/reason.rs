//! Drawing a decision asked with a reason (`app::reason::Asking`): what will happen, the
//! choices numbered with the chosen one marked, the free text under "Other…" with its cursor,
//! why the last Enter did not send, and the buttons with Cancel focused until the reviewer
//! moves it. One drawing for every such popup (an inbox action, an AML exclusion), so they
//! look and read alike.

use crate::app::reason::{Asking, ReasonPicker};
use crate::sanitize::clean;
use crate::ui::popups::{buttons_line, centered};
use crate::ui::theme;
use ratatui::Frame;
use ratatui::layout::{Constraint, Layout, Rect};
use ratatui::style::Style;
use ratatui::text::{Line, Span};
use ratatui::widgets::{Block, Clear, Paragraph, Wrap};

/// What a reason popup shows besides the picker.
pub struct Framing<'a> {
    pub title: String,
    pub border: Style,
    /// What will happen, above the reasons.
    pub message: Vec<Line<'static>>,
    /// The action button's label.
    pub ok_label: &'a str,
    /// Notes beside some choices (index, note): the AML pane marks the reasons the
    /// comparison supports.
    pub notes: &'a [(usize, &'static str)],
}

/// The popup: as tall as it needs, within the screen; the buttons keep the last line (the
/// footer lists the keys).
pub fn popup(frame: &mut Frame, area: Rect, f: Framing<'_>, a: &Asking) {
    let width = 76u16.min(area.width);
    let inner_width = usize::from(width.saturating_sub(2)).max(1);
    let mut lines = f.message;
    lines.push(Line::from(""));
    lines.extend(choices(&a.reason, f.notes));
    if let Some(e) = &a.error {
        lines.push(Line::styled(format!("✘ {e}"), theme::error()));
    }
    let wrapped: usize = lines
        .iter()
        .map(|l| l.width().div_ceil(inner_width).max(1))
        .sum();
    let height = u16::try_from(wrapped + 4)
        .unwrap_or(u16::MAX)
        .min(area.height);
    let r = centered(area, width, height);
    frame.render_widget(Clear, r);
    let block = Block::bordered()
        .title(format!(" {} ", f.title))
        .border_style(f.border);
    let inner = block.inner(r);
    frame.render_widget(block, r);
    let [text, buttons] =
        Layout::vertical([Constraint::Fill(1), Constraint::Length(1)]).areas(inner);
    frame.render_widget(Paragraph::new(lines).wrap(Wrap { trim: false }), text);
    frame.render_widget(buttons_line(f.ok_label, a.ok_focused), buttons);
}

/// The footer while a reason popup is up.
pub fn hints(a: &Asking) -> Vec<(String, &'static str)> {
    let mut out = if a.reason.typing() {
        vec![("type".into(), "the reason"), ("↑↓".into(), "reasons")]
    } else {
        vec![(format!("↑↓/1-{}", a.reason.choices.len()), "reason")]
    };
    out.extend([
        ("Tab".into(), "buttons"),
        ("Enter".into(), "press"),
        ("Esc".into(), "cancel"),
    ]);
    out
}

/// The picker's lines: a heading that says whether a reason is required, then the choices.
fn choices(p: &ReasonPicker, notes: &[(usize, &'static str)]) -> Vec<Line<'static>> {
    let heading = if p.required {
        "Reason (required):"
    } else {
        "Reason:"
    };
    let mut out = vec![Line::styled(heading, theme::label())];
    let last = p.choices.len().saturating_sub(1);
    for (i, c) in p.choices.iter().enumerate() {
        let chosen = p.selected == Some(i);
        let mark = if chosen { "▶" } else { " " };
        let mut spans = vec![Span::raw(format!("{mark} {}. ", i + 1))];
        if i == last && chosen {
            // The written reason, on one line, its end in view.
            let text = clean(&p.text).into_owned();
            spans.push(Span::styled(format!("{c} "), theme::selected()));
            spans.push(Span::raw(text));
            spans.push(Span::styled("▏", theme::key()));
        } else if chosen {
            spans.push(Span::styled(c.clone(), theme::selected()));
        } else {
            spans.push(Span::raw(c.clone()));
        }
        if let Some((_, note)) = notes.iter().find(|(n, _)| *n == i) {
            spans.push(Span::styled(format!("  {note}"), theme::dim()));
        }
        out.push(Line::from(spans));
    }
    out
}
