//! The properties tab: data type and value, one per line; changes not yet confirmed are marked.

use super::failure;
use crate::app::State;
use crate::sanitize::clean;
use crate::ui::theme;
use ratatui::Frame;
use ratatui::layout::{Constraint, Layout, Rect};
use ratatui::text::{Line, Span};
use ratatui::widgets::Paragraph;
use unicode_width::UnicodeWidthStr;

pub fn draw(state: &State, frame: &mut Frame, area: Rect) {
    let tab = &state.work.props;
    let Some(list) = &tab.list.data else {
        match &tab.list.error {
            Some(f) => failure(f, frame, area),
            None => frame.render_widget(
                Paragraph::new(Span::styled("loading properties…", theme::dim())),
                area,
            ),
        }
        return;
    };
    let [rows, foot] = Layout::vertical([Constraint::Min(1), Constraint::Length(1)]).areas(area);
    let width = list
        .iter()
        .map(|p| clean(p.data_type.as_deref().unwrap_or("")).width())
        .max()
        .unwrap_or(0)
        .clamp(10, usize::from(area.width / 2));
    let mut lines = Vec::new();
    if list.is_empty() {
        lines.push(Line::styled("no properties", theme::dim()));
    }
    let height = usize::from(rows.height);
    let skip = tab.selected.saturating_sub(height.saturating_sub(1));
    for (i, p) in list.iter().enumerate().skip(skip).take(height) {
        let data_type = clean(p.data_type.as_deref().unwrap_or("")).into_owned();
        let pending = tab.pending.contains_key(&data_type);
        let cursor = if i == tab.selected { "▸" } else { " " };
        let mark = format!("{cursor}{}", if pending { "◌ " } else { "  " });
        let pad = width.saturating_sub(data_type.width());
        let mut spans = vec![
            Span::styled(mark, theme::key()),
            Span::styled(format!("{data_type}{}", " ".repeat(pad)), theme::label()),
            Span::raw("  "),
            Span::raw(clean(p.data.as_deref().unwrap_or("")).into_owned()),
        ];
        if pending {
            spans.push(Span::styled("  saving…", theme::dim()));
        }
        let mut line = Line::from(spans);
        if i == tab.selected {
            line = line.style(theme::selected());
        }
        lines.push(line);
    }
    frame.render_widget(Paragraph::new(lines), rows);
    let note = if state.session.read_only {
        Line::styled(
            "read-only session: a e d are disabled (start without --read-only to change)",
            theme::warn(),
        )
    } else {
        Line::styled(
            format!("{} properties · a add · e edit · d remove", list.len()),
            theme::dim(),
        )
    };
    frame.render_widget(Paragraph::new(note), foot);
}
