//! The `:journal` pane: changes sent, newest first: time, environment, operation, case/step,
//! outcome (glyph and word), and what happened; the selected entry's detail below the list.

use super::theme;
use crate::app::Slot;
use crate::app::State;
use crate::app::request::in_flight;
use crate::journal::{Entry, Outcome};
use crate::sanitize::clean;
use ratatui::Frame;
use ratatui::layout::{Constraint, Layout, Rect};
use ratatui::style::Style;
use ratatui::text::{Line, Span};
use ratatui::widgets::{Block, Cell, Paragraph, Row, Table, Wrap};

fn outcome(o: Outcome) -> (&'static str, Style) {
    match o {
        Outcome::Done | Outcome::Confirmed => ("✓", theme::success()),
        Outcome::NotDone | Outcome::Failed => ("✗", theme::error()),
        Outcome::Unknown => ("?", theme::warn()),
        Outcome::Refused => ("⊘", theme::dim()),
    }
}

/// `2026-11-30T23:59:02Z` → `11-30 23:59:02` (the year is noise in a working journal).
fn short_time(t: &str) -> String {
    let t = clean(t);
    match (t.get(5..10), t.get(11..19)) {
        (Some(d), Some(h)) => format!("{d} {h}"),
        _ => t.into_owned(),
    }
}

fn target(e: &Entry) -> String {
    match (e.case, e.step) {
        (Some(c), Some(s)) => format!("{c}/{s}"),
        (Some(c), None) => c.to_string(),
        _ => String::new(),
    }
}

pub fn draw(state: &State, frame: &mut Frame, area: Rect) {
    let j = &state.journal;
    let block = Block::bordered()
        .title(format!(" Journal {} ", j.len()))
        .border_style(theme::focused_border());
    let inner = block.inner(area);
    frame.render_widget(block, area);
    let entries = j.entries.data.as_deref().unwrap_or_default();
    if let Some(err) = &j.entries.error {
        let lines = vec![
            Line::styled(clean(&err.summary).into_owned(), theme::error()),
            Line::styled("r retries", theme::dim()),
        ];
        frame.render_widget(Paragraph::new(lines).wrap(Wrap { trim: false }), inner);
        return;
    }
    if entries.is_empty() {
        let msg = if in_flight(state, Slot::Journal) {
            "loading the journal…"
        } else {
            "no changes sent yet"
        };
        frame.render_widget(Paragraph::new(Span::styled(msg, theme::dim())), inner);
        return;
    }
    let [list, detail] = Layout::vertical([Constraint::Min(3), Constraint::Length(3)]).areas(inner);
    let wide = list.width >= 100;
    let height = usize::from(list.height.saturating_sub(1)).max(1);
    let offset = (j.selected + 1).saturating_sub(height);
    let header = Row::new(
        [
            " ",
            "time (UTC)",
            "env",
            "operation",
            "case/step",
            "outcome",
        ]
        .into_iter()
        .filter(|h| wide || *h != "env"),
    )
    .style(theme::label());
    let rows = entries
        .iter()
        .enumerate()
        .skip(offset)
        .take(height)
        .map(|(i, e)| {
            let (glyph, style) = outcome(e.outcome);
            let mut cells = vec![
                Cell::from(if i == j.selected { "▶" } else { " " }),
                Cell::from(short_time(&e.time)),
            ];
            if wide {
                cells.push(Cell::from(clean(&e.environment).into_owned()));
            }
            cells.push(Cell::from(clean(&e.operation).into_owned()));
            cells.push(Cell::from(target(e)));
            cells.push(Cell::from(Line::from(vec![
                Span::styled(glyph, style),
                Span::raw(format!(" {}", e.outcome.label())),
            ])));
            let row = Row::new(cells);
            if i == j.selected {
                row.style(theme::selected())
            } else {
                row
            }
        });
    let mut widths = vec![Constraint::Length(1), Constraint::Length(14)];
    if wide {
        widths.push(Constraint::Length(10));
    }
    widths.extend([
        Constraint::Min(14),
        Constraint::Length(21),
        Constraint::Length(22),
    ]);
    frame.render_widget(
        Table::new(rows, widths).header(header).column_spacing(1),
        list,
    );
    if let Some(e) = entries.get(j.selected) {
        let text = if e.detail.is_empty() {
            format!("{} {}", e.operation, e.outcome.label())
        } else {
            e.detail.clone()
        };
        frame.render_widget(
            Paragraph::new(Span::styled(clean(&text).into_owned(), theme::dim()))
                .wrap(Wrap { trim: true })
                .block(Block::new().borders(ratatui::widgets::Borders::TOP)),
            detail,
        );
    }
}
