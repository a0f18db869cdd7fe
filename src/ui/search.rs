//! The registry search pane: what was asked, how long it has run, and the hits to create a case
//! from (or the registry's refusal, with what to do next).

use super::chrome::truncate;
use super::theme;
use crate::api::SearchResult;
use crate::app::State;
use crate::app::search::SearchState;
use crate::sanitize::clean;
use ratatui::Frame;
use ratatui::layout::{Constraint, Layout, Rect};
use ratatui::text::{Line, Span};
use ratatui::widgets::{Block, Cell, Paragraph, Row, Table, Wrap};

fn text(v: &Option<String>) -> String {
    clean(v.as_deref().unwrap_or("")).into_owned()
}

/// The line that says what was searched and where things stand.
fn heading(state: &State) -> Vec<Line<'static>> {
    let s = &state.search;
    let mut lines = vec![Line::from(vec![
        Span::styled(format!("{:?}", clean(&s.query)), theme::label()),
        Span::raw(" in "),
        Span::styled(clean(&s.country(&s.code)).into_owned(), theme::label()),
    ])];
    if s.running {
        let glyph = theme::SPINNER[state.spinner % theme::SPINNER.len()];
        lines.push(Line::from(vec![
            Span::styled(format!("{glyph} searching… {} s", s.elapsed), theme::key()),
            Span::styled(
                " (registries take 5–150 s) · x/Esc cancels · other keys work",
                theme::dim(),
            ),
        ]));
    }
    lines
}

fn error_lines(s: &SearchState) -> Vec<Line<'static>> {
    let Some(f) = &s.error else {
        return Vec::new();
    };
    let mut lines = vec![Line::styled(
        format!("✘ {}", clean(&f.summary)),
        theme::error(),
    )];
    for d in &f.details {
        lines.push(Line::from(clean(d).into_owned()));
    }
    lines.push(Line::from(""));
    lines.push(Line::styled(
        "r tries again · s changes the search · n creates the case by hand",
        theme::dim(),
    ));
    lines
}

fn row(hit: &SearchResult) -> Vec<Cell<'static>> {
    let case = match hit.case_common_id {
        Some(id) => Cell::from(Span::styled(format!("● {id}"), theme::warn())),
        None => Cell::from(Span::styled("— none", theme::dim())),
    };
    vec![
        Cell::from(text(&hit.name.clone().or(hit.rawname.clone()))),
        Cell::from(text(&hit.registration_number)),
        Cell::from(text(&hit.company_status)),
        Cell::from(text(&hit.city)),
        case,
        Cell::from(text(&hit.company_type)),
    ]
}

fn results(s: &SearchState, hits: &[SearchResult], frame: &mut Frame, area: Rect) {
    if hits.is_empty() {
        let lines = vec![
            Line::from("Nothing found."),
            Line::styled(
                "s searches again with other words · n creates the case by hand",
                theme::dim(),
            ),
        ];
        frame.render_widget(Paragraph::new(lines), area);
        return;
    }
    let [table_area, detail] =
        Layout::vertical([Constraint::Min(2), Constraint::Length(3)]).areas(area);
    let height = usize::from(table_area.height.saturating_sub(1)).max(1);
    let offset = s.selected.saturating_sub(height - 1);
    let wide = area.width >= 100;
    let mut widths = vec![
        Constraint::Length(1),
        Constraint::Min(20),
        Constraint::Length(12),
        Constraint::Length(10),
        Constraint::Length(12),
        Constraint::Length(12),
    ];
    let mut titles = vec![" ", "Name", "Reg. no.", "Status", "City", "Case"];
    if wide {
        widths.push(Constraint::Length(24));
        titles.push("Type");
    }
    let shown = titles.len() - 1;
    let rows = hits
        .iter()
        .enumerate()
        .skip(offset)
        .take(height)
        .map(|(i, hit)| {
            let selected = i == s.selected;
            let mut cells = vec![Cell::from(if selected { "▶" } else { " " })];
            cells.extend(row(hit).into_iter().take(shown));
            let r = Row::new(cells);
            if selected {
                r.style(theme::selected())
            } else {
                r
            }
        });
    let header = Row::new(titles).style(theme::label());
    frame.render_widget(
        Table::new(rows, widths).header(header).column_spacing(1),
        table_area,
    );
    if let Some(hit) = s.selected_result() {
        let address = [&hit.street, &hit.city, &hit.zip]
            .into_iter()
            .flatten()
            .map(|p| clean(p).into_owned())
            .filter(|p| !p.is_empty())
            .collect::<Vec<_>>()
            .join(", ");
        let address = hit
            .raw_address
            .as_deref()
            .map(|a| clean(a).into_owned())
            .filter(|a| !a.is_empty())
            .unwrap_or(address);
        let next = if hit.case_common_id.is_some() {
            "Enter opens the existing case"
        } else {
            "Enter creates a case from it (exact name and number)"
        };
        let w = usize::from(detail.width);
        let name = text(&hit.name.clone().or(hit.rawname.clone()));
        let lines = vec![
            Line::from(vec![
                Span::styled("Name: ", theme::label()),
                Span::raw(truncate(&name, w.saturating_sub(6))),
            ]),
            Line::from(vec![
                Span::styled("Address: ", theme::label()),
                Span::raw(truncate(&address, w.saturating_sub(9))),
            ]),
            Line::styled(truncate(next, w), theme::dim()),
        ];
        frame.render_widget(Paragraph::new(lines), detail);
    }
}

pub fn draw(state: &State, frame: &mut Frame, area: Rect) {
    let s = &state.search;
    let count = s
        .results
        .as_ref()
        .map(|r| format!(" · {} found", r.len()))
        .unwrap_or_default();
    let block = Block::bordered()
        .title(format!(" Registry search{count} "))
        .border_style(theme::focused_border());
    let inner = block.inner(area);
    frame.render_widget(block, area);
    if !s.has_something() {
        let lines = vec![
            Line::from("No search yet."),
            Line::styled(
                "s starts one, or :search NAME-OR-NUMBER COUNTRY (e.g. :search insight GI)",
                theme::dim(),
            ),
        ];
        frame.render_widget(Paragraph::new(lines).wrap(Wrap { trim: false }), inner);
        return;
    }
    let head = heading(state);
    let head_h = u16::try_from(head.len()).unwrap_or(1) + 1;
    let [top, body] =
        Layout::vertical([Constraint::Length(head_h), Constraint::Min(1)]).areas(inner);
    frame.render_widget(Paragraph::new(head), top);
    if s.error.is_some() {
        frame.render_widget(
            Paragraph::new(error_lines(s)).wrap(Wrap { trim: false }),
            body,
        );
    } else if let Some(hits) = &s.results {
        results(s, hits, frame, body);
    }
}
