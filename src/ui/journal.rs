//! The `:journal` pane: changes sent, newest first: time, environment, operation (whole),
//! case/step (the case alone below 100 columns), outcome (glyph and word); below the list the
//! selected entry in full, wrapped: what it was about, what was decided, what happened.

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

/// The table's target: case/step when wide, the case alone when narrow (the detail below names
/// the step); a created case shows its new id.
fn target(e: &Entry, wide: bool) -> String {
    match (e.case.or(e.created), e.step) {
        (Some(c), Some(s)) if wide => format!("{c}/{s}"),
        (Some(c), _) => c.to_string(),
        _ => String::new(),
    }
}

/// Width of the names in the selected entry's lines.
const NAME: usize = 10;

/// The selected entry in full, wrapped to `width`: one `name  value` line per fact, values
/// wrapped under themselves (all of them, cleaned: the file may have been edited by hand).
fn fields(e: &Entry, width: u16, dates: crate::words::DateFormat) -> Vec<Line<'static>> {
    let mut out: Vec<(&str, String)> = vec![
        ("operation", e.operation.clone()),
        (
            "when",
            format!("{} UTC in {}", dates.show_api(&e.time), e.environment),
        ),
    ];
    let ids = [("case", e.case), ("step", e.step), ("alert", e.alert)];
    let about: Vec<String> = ids
        .iter()
        .filter_map(|(name, id)| id.map(|id| format!("{name} {id}")))
        .collect();
    if !about.is_empty() {
        out.push(("about", about.join(", ")));
    }
    if !e.decided.is_empty() {
        let words: Vec<String> = e
            .decided
            .iter()
            .map(|(k, v)| format!("{k} {}", crate::words::words_in(v)))
            .collect();
        out.push(("decided", words.join(", ")));
    }
    if let Some(id) = e.created {
        out.push(("created", format!("case {id}")));
    }
    out.push(("outcome", e.outcome.label().to_owned()));
    if !e.detail.is_empty() {
        out.push(("detail", e.detail.clone()));
    }
    let room = usize::from(width).saturating_sub(NAME).max(8);
    let mut lines = Vec::new();
    for (name, value) in out {
        for (i, row) in wrap(&clean(&value), room).into_iter().enumerate() {
            let name = if i == 0 { name } else { "" };
            lines.push(Line::from(vec![
                Span::styled(format!("{name:<NAME$}"), theme::label()),
                Span::raw(row),
            ]));
        }
    }
    lines
}

/// Greedy word wrap to `width` cells; a word longer than a row is cut.
pub(super) fn wrap(text: &str, width: usize) -> Vec<String> {
    use unicode_width::UnicodeWidthStr;
    let width = width.max(1);
    let mut rows = Vec::new();
    let mut row = String::new();
    for word in text.split(' ') {
        if !row.is_empty() && row.width() + 1 + word.width() <= width {
            row.push(' ');
            row.push_str(word);
            continue;
        }
        if !row.is_empty() {
            rows.push(std::mem::take(&mut row));
        }
        // The word starts a row; what does not fit is cut onto the next rows.
        for c in word.chars() {
            if !row.is_empty() && row.width() + c.to_string().width() > width {
                rows.push(std::mem::take(&mut row));
            }
            row.push(c);
        }
    }
    rows.push(row);
    rows
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
    let selected = entries.get(j.selected);
    let full = selected
        .map(|e| fields(e, inner.width, state.session.date_format))
        .unwrap_or_default();
    // The selected entry gets the rows it needs (and a border); the list keeps its header and
    // three rows.
    let need = u16::try_from(full.len())
        .unwrap_or(u16::MAX)
        .saturating_add(1);
    let [list, detail] = Layout::vertical([
        Constraint::Min(4),
        Constraint::Length(need.min(inner.height.saturating_sub(4))),
    ])
    .areas(inner);
    let wide = list.width >= 100;
    let height = usize::from(list.height.saturating_sub(1)).max(1);
    let offset = (j.selected + 1).saturating_sub(height);
    let header = Row::new(
        [
            " ",
            "time (UTC)",
            "env",
            "operation",
            if wide { "case/step" } else { "case" },
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
            cells.push(Cell::from(target(e, wide)));
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
    // The operation's whole name: the longest is 22 ("create individual case").
    widths.extend([
        Constraint::Min(22),
        Constraint::Length(if wide { 21 } else { 10 }),
        Constraint::Length(22),
    ]);
    frame.render_widget(
        Table::new(rows, widths).header(header).column_spacing(1),
        list,
    );
    if selected.is_some() {
        frame.render_widget(
            Paragraph::new(full).block(Block::new().borders(ratatui::widgets::Borders::TOP)),
            detail,
        );
    }
}

#[cfg(test)]
mod tests {
    use super::wrap;

    #[test]
    fn wrap_keeps_words_whole_and_cuts_only_what_cannot_fit() {
        assert_eq!(
            wrap("from failed, to passed", 12),
            ["from failed,", "to passed"]
        );
        assert_eq!(wrap("abcdefghij", 4), ["abcd", "efgh", "ij"]);
        assert_eq!(wrap("", 4), [""]);
    }
}
