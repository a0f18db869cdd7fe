//! The audit-trail tab: newest first, the filter on top, the selected entry in full below.

use super::failure;
use crate::api::AuditEntry;
use crate::app::casework::Input;
use crate::app::{Mode, State};
use crate::sanitize::clean;
use crate::ui::chrome::truncate;
use crate::ui::theme;
use crate::words::{DateFormat, words_in};
use ratatui::Frame;
use ratatui::layout::{Constraint, Layout, Rect};
use ratatui::text::{Line, Span};
use ratatui::widgets::{Block, Borders, Paragraph, Wrap};
use unicode_width::UnicodeWidthStr;

/// From this width on the step column shows.
const WIDE: u16 = 100;

pub fn draw(state: &State, frame: &mut Frame, area: Rect) {
    let tab = &state.work.audit;
    let [filter, rows, detail] = Layout::vertical([
        Constraint::Length(1),
        Constraint::Min(1),
        Constraint::Length(5),
    ])
    .areas(area);
    let typing = matches!(&state.mode, Mode::Work(i) if matches!(i.as_ref(), Input::AuditFilter));
    let total = tab.list.data.as_ref().map_or(0, Vec::len);
    let mut spans = vec![Span::styled("/", theme::key())];
    if tab.filter.is_empty() && !typing {
        spans.push(Span::styled(
            "filter: user:NAME action:TEXT or any word",
            theme::dim(),
        ));
    } else {
        spans.push(Span::raw(clean(&tab.filter).into_owned()));
        if typing {
            spans.push(Span::styled("▏", theme::key()));
        }
    }
    spans.push(Span::styled(
        format!("  {} of {total}", tab.view.len()),
        theme::dim(),
    ));
    frame.render_widget(Paragraph::new(Line::from(spans)), filter);

    let Some(list) = &tab.list.data else {
        match &tab.list.error {
            Some(f) => failure(f, frame, rows),
            None => frame.render_widget(
                Paragraph::new(Span::styled("loading the audit trail…", theme::dim())),
                rows,
            ),
        }
        return;
    };
    let wide = area.width >= WIDE;
    let height = usize::from(rows.height.saturating_sub(1));
    let mut lines = vec![Line::styled(
        "  ".to_owned()
            + &row_text(
                "When",
                "User",
                "Action",
                wide.then_some("Step"),
                "Details",
                rows.width.saturating_sub(2),
            ),
        theme::title(),
    )];
    if tab.view.is_empty() {
        lines.push(Line::styled(
            if list.is_empty() {
                "no entries"
            } else {
                "no entry matches the filter (Esc in the filter clears it)"
            },
            theme::dim(),
        ));
    }
    let skip = tab.selected.saturating_sub(height.saturating_sub(1));
    for (pos, &i) in tab.view.iter().enumerate().skip(skip).take(height) {
        let Some(e) = list.get(i) else { continue };
        let text = row_text(
            &when(e, state.session.date_format),
            &clean(e.user_name.as_deref().unwrap_or("")),
            &clean(e.action.as_deref().unwrap_or("")),
            wide.then(|| clean(e.step_name.as_deref().unwrap_or("")).into_owned())
                .as_deref(),
            &clean(&words_in(e.details.as_deref().unwrap_or(""))),
            rows.width.saturating_sub(2),
        );
        let cursor = if pos == tab.selected { "▸ " } else { "  " };
        let mut line = Line::from(format!("{cursor}{text}"));
        if pos == tab.selected {
            line = line.style(theme::selected());
        }
        lines.push(line);
    }
    frame.render_widget(Paragraph::new(lines), rows);

    let block = Block::default()
        .borders(Borders::TOP)
        .border_style(theme::border());
    let inner = block.inner(detail);
    frame.render_widget(block, detail);
    if let Some(e) = tab.selected_entry() {
        let head = format!(
            "{} · {} · {}{}",
            when(e, state.session.date_format),
            clean(e.user_name.as_deref().unwrap_or("-")),
            clean(e.action.as_deref().unwrap_or("-")),
            e.step_name
                .as_deref()
                .filter(|s| !s.is_empty())
                .map(|s| format!(" · {}", clean(s)))
                .unwrap_or_default()
        );
        let body = clean(&words_in(e.details.as_deref().unwrap_or(""))).into_owned();
        frame.render_widget(
            Paragraph::new(vec![Line::styled(head, theme::label()), Line::from(body)])
                .wrap(Wrap { trim: false }),
            inner,
        );
    }
}

/// `2026-11-30T23:59:01Z` → `2026-11-30 23:59` (in the configured date format).
fn when(e: &AuditEntry, dates: DateFormat) -> String {
    clean(&dates.show_api(e.time_stamp.as_deref().unwrap_or(""))).into_owned()
}

fn cell(s: &str, w: usize) -> String {
    let t = truncate(s, w);
    let pad = w.saturating_sub(t.width());
    format!("{t}{} ", " ".repeat(pad))
}

fn row_text(
    when: &str,
    user: &str,
    action: &str,
    step: Option<&str>,
    details: &str,
    width: u16,
) -> String {
    let mut out = format!("{}{}{}", cell(when, 16), cell(user, 12), cell(action, 20));
    if let Some(step) = step {
        out.push_str(&cell(step, 14));
    }
    let rest = usize::from(width).saturating_sub(out.width());
    out.push_str(&truncate(details, rest));
    out
}
