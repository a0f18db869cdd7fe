//! The case list pane.

use super::theme;
use crate::api::CaseKind;
use crate::app::{CaseRow, Column, State};
use crate::sanitize::clean;
use crate::words::{DateFormat, words};
use ratatui::Frame;
use ratatui::layout::{Constraint, Rect};
use ratatui::style::Style;
use ratatui::text::{Line, Span};
use ratatui::widgets::{Block, Cell, Paragraph, Row, Table};

/// Columns by priority with their widths; the narrower the terminal, the fewer shown.
fn columns(width: u16) -> Vec<(Column, Constraint)> {
    let mut cols = vec![
        (Column::Type, Constraint::Length(1)),
        (Column::Id, Constraint::Length(10)),
        (Column::Name, Constraint::Min(16)),
        (Column::Country, Constraint::Length(5)),
        // Its width first: "◌ building" whole, never "◌ buildi".
        (Column::Status, Constraint::Length(10)),
    ];
    if width >= 76 {
        cols.push((Column::Aml, Constraint::Length(5)));
        cols.push((Column::Risk, Constraint::Length(6)));
    }
    if width >= 92 {
        cols.push((Column::Decision, Constraint::Length(8)));
    }
    if width >= 110 {
        cols.push((Column::Assignee, Constraint::Length(14)));
    }
    if width >= 124 {
        cols.push((Column::Review, Constraint::Length(10)));
    }
    cols
}

/// The columns `decision:` and `assignee:` filter on that the width leaves out, for the title:
/// a filter on something not shown should not look as if it did nothing.
fn hidden_filter_columns(cols: &[(Column, Constraint)]) -> Vec<&'static str> {
    [
        (Column::Decision, "decision"),
        (Column::Assignee, "assignee"),
    ]
    .into_iter()
    .filter(|(c, _)| !cols.iter().any(|(shown, _)| shown == c))
    .map(|(_, name)| name)
    .collect()
}

/// From this width on, a "to do" column says what is known to remain on each case.
const TODO_WIDTH: u16 = 100;

/// What is known to remain on a case (`still_open`: its AML flag, its inbox alerts, and all of
/// it for the open case); empty where nothing is known.
fn todo_cell(state: &State, row: &CaseRow) -> Cell<'static> {
    if row.closed {
        return Cell::from("");
    }
    let brief = crate::app::casework::still_open::Remaining::of_row(state, row).brief();
    Cell::from(Span::styled(brief, theme::warn()))
}

fn cell(row: &CaseRow, col: Column, dates: DateFormat) -> Cell<'static> {
    match col {
        Column::Type => Cell::from(match row.kind {
            CaseKind::Company => "C",
            CaseKind::Individual => "I",
        }),
        Column::Id => Cell::from(row.id.to_string()),
        Column::Name => Cell::from(clean(&row.name).into_owned()),
        Column::Country => Cell::from(clean(&row.country).into_owned()),
        Column::Status => {
            let (glyph, style) = if row.closed {
                ("■", theme::dim())
            } else if row.building {
                ("◌", theme::warn())
            } else {
                ("□", Style::new())
            };
            Cell::from(Line::from(vec![
                Span::styled(glyph, style),
                Span::raw(format!(" {}", row.status_word())),
            ]))
        }
        Column::Decision => Cell::from(clean(&words(&row.decision)).into_owned()),
        Column::Aml => match row.aml_positive {
            Some(true) => Cell::from(Span::styled("⚑ yes", theme::error())),
            Some(false) => Cell::from("  no"),
            None => Cell::from("   ?"),
        },
        Column::Risk => Cell::from(clean(&words(&row.risk)).into_owned()),
        Column::Assignee => Cell::from(clean(&row.assignee).into_owned()),
        Column::Review => Cell::from(clean(&dates.show_api(&row.review_date)).into_owned()),
    }
}

pub fn draw(state: &State, frame: &mut Frame, area: Rect) {
    let l = &state.cases;
    let mut title = format!(" Cases {}", l.view().len());
    if l.view().len() != l.rows().len() {
        title.push_str(&format!(" of {}", l.rows().len()));
    }
    let total: u64 = l.totals.iter().flatten().sum();
    if crate::app::cases::pane::is_loading(state) && total > l.rows().len() as u64 {
        title.push_str(&format!(" (loading {total})"));
    }
    if !l.filter_text().is_empty() {
        title.push_str(&format!(" · /{}", clean(l.filter_text())));
    }
    title.push(' ');
    // What the filter does not understand is said on its line, not silently ignored.
    let mut title = vec![Span::raw(title)];
    if let Some(problem) = l.filter_problem() {
        title.push(Span::styled(
            format!("✘ {} ", clean(&problem)),
            theme::error(),
        ));
    }
    // After what the filter does not understand, which matters more.
    let hidden = hidden_filter_columns(&columns(area.width.saturating_sub(2)));
    if !hidden.is_empty() {
        title.push(Span::styled(
            format!("· {} not shown ", hidden.join(", ")),
            theme::dim(),
        ));
    }
    let block = Block::bordered()
        .title(Line::from(title))
        .border_style(theme::focused_border());
    let inner = block.inner(area);
    frame.render_widget(block, area);

    if let Some(err) = &l.error
        && l.rows().is_empty()
    {
        let lines = vec![
            Line::styled(clean(&err.summary).into_owned(), theme::error()),
            Line::from(
                err.details
                    .iter()
                    .map(|d| clean(d).into_owned())
                    .collect::<Vec<_>>()
                    .join("; "),
            ),
            Line::from(""),
            Line::styled("r retries", theme::dim()),
        ];
        frame.render_widget(
            Paragraph::new(lines).wrap(ratatui::widgets::Wrap { trim: false }),
            inner,
        );
        return;
    }
    if l.view().is_empty() {
        let msg = if crate::app::cases::pane::is_loading(state) {
            "loading cases…"
        } else if l.rows().is_empty() {
            "no cases"
        } else {
            "no case matches the filter (Esc clears it)"
        };
        frame.render_widget(Paragraph::new(Span::styled(msg, theme::dim())), inner);
        return;
    }

    let cols = columns(inner.width);
    let todo = area.width >= TODO_WIDTH;
    let height = usize::from(inner.height.saturating_sub(1)).max(1);
    // Keep the selection on screen, moving the window as little as possible.
    let mut offset = l.offset.get();
    if l.selected < offset {
        offset = l.selected;
    } else if l.selected >= offset + height {
        offset = l.selected + 1 - height;
    }
    offset = offset.min(l.view().len().saturating_sub(height));
    l.offset.set(offset);

    let header = Row::new(
        std::iter::once(Cell::from(" "))
            .chain(cols.iter().map(|(c, _)| {
                let mut t = c.title().to_owned();
                if let Some((sc, desc)) = l.sort()
                    && sc == *c
                {
                    t.push(if desc { '▼' } else { '▲' });
                }
                Cell::from(t)
            }))
            .chain(todo.then(|| Cell::from("To do"))),
    )
    .style(theme::label());
    let rows = l.view()[offset..(offset + height).min(l.view().len())]
        .iter()
        .enumerate()
        .map(|(i, &ri)| {
            let row = &l.rows()[ri];
            let selected = offset + i == l.selected;
            // The marker keeps the selection visible where reverse video is not shown.
            let marker = Cell::from(if selected { "▶" } else { " " });
            let r = Row::new(
                std::iter::once(marker)
                    .chain(
                        cols.iter()
                            .map(|(c, _)| cell(row, *c, state.session.date_format)),
                    )
                    .chain(todo.then(|| todo_cell(state, row))),
            );
            if selected {
                r.style(theme::selected())
            } else {
                r
            }
        });
    let widths: Vec<Constraint> = std::iter::once(Constraint::Length(1))
        .chain(cols.iter().map(|(_, w)| *w))
        .chain(todo.then_some(Constraint::Length(20)))
        .collect();
    let table = Table::new(rows, widths).header(header).column_spacing(1);
    frame.render_widget(table, inner);
    // The terminal cursor sits on the selected row, so screen readers follow the selection.
    if matches!(state.mode, crate::app::Mode::Normal) {
        let y = inner.y + 1 + u16::try_from(l.selected - offset).unwrap_or(0);
        frame.set_cursor_position((inner.x, y));
    }
}
