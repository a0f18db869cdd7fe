//! Drawing a reason picker (`app::reason`): the choices numbered, the chosen one marked, the
//! free text under "Other…" with its cursor. Pure: lines for the popup that holds it.

use crate::app::reason::ReasonPicker;
use crate::sanitize::clean;
use crate::ui::theme;
use ratatui::text::{Line, Span};

/// The picker's lines: a heading that says whether a reason is required, then the choices.
pub fn lines(p: &ReasonPicker) -> Vec<Line<'static>> {
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
        out.push(Line::from(spans));
    }
    out
}
