//! The alert inbox: type tabs, the cases with alerts, the selected case's alerts and the
//! selected alert's changes; its popups (filter, review date, assignment).

pub mod changes;
mod popups;

pub use popups::hints as popup_hints;

use super::chrome::truncate;
use super::theme;
use crate::api::{AlertAction, AlertType};
use crate::app::State;
use crate::app::alerts::{AlertsFocus, AlertsState, InboxRow, Outcome, refusal, type_label};
use crate::sanitize::clean;
use crate::words::{DateFormat, words};
use ratatui::Frame;
use ratatui::layout::{Alignment, Constraint, Layout, Rect};
use ratatui::style::Style;
use ratatui::text::{Line, Span};
use ratatui::widgets::{Block, Cell, Paragraph, Row, Table, Wrap};

/// From this width on, the inbox and the alerts sit side by side.
pub const SPLIT_WIDTH: u16 = 110;

pub fn draw(state: &State, frame: &mut Frame, area: Rect) {
    let a = &state.alerts;
    let [tabs, body] = Layout::vertical([Constraint::Length(1), Constraint::Min(1)]).areas(area);
    tab_bar(a, frame, tabs);
    if area.width >= SPLIT_WIDTH {
        let [left, right] =
            Layout::horizontal([Constraint::Percentage(60), Constraint::Percentage(40)])
                .areas(body);
        inbox(state, a, frame, left);
        alerts(a, state.session.date_format, frame, right);
    } else if a.focus == AlertsFocus::Inbox {
        inbox(state, a, frame, body);
    } else {
        alerts(a, state.session.date_format, frame, body);
    }
    popups::draw(state, frame, frame.area());
}

fn short(t: AlertType) -> &'static str {
    match t {
        AlertType::CaseDetailsReview => "Review",
        AlertType::ExpiredDocuments => "Expired",
        AlertType::ManualReview => "Manual",
        AlertType::Aml => "AML",
    }
}

fn tab_bar(a: &AlertsState, frame: &mut Frame, area: Rect) {
    let mut spans = Vec::new();
    let tabs = std::iter::once(None).chain(AlertType::ALL.into_iter().map(Some));
    for t in tabs {
        let label = match a.tab_total(t) {
            Some(n) => format!(" {} {n} ", t.map_or("All", short)),
            None => format!(" {} ", t.map_or("All", short)),
        };
        let style = if a.filters.alert_type == t {
            theme::selected()
        } else {
            theme::dim()
        };
        spans.push(Span::styled(label, style));
    }
    spans.push(Span::styled("  t ⇄", theme::dim()));
    frame.render_widget(Paragraph::new(Line::from(spans)), area);
}

fn border(focused: bool) -> Style {
    if focused {
        theme::focused_border()
    } else {
        theme::border()
    }
}

fn count_cell(n: i64) -> Cell<'static> {
    if n == 0 {
        Cell::from(Line::from("·").alignment(Alignment::Right))
    } else {
        Cell::from(Line::from(n.to_string()).alignment(Alignment::Right))
    }
}

fn inbox(state: &State, a: &AlertsState, frame: &mut Frame, area: Rect) {
    let mut title = format!(
        " Alert inbox {} · by {}",
        crate::app::alerts::counted(a.view.len() as i64, "case"),
        a.sort.title()
    );
    let f = a.filters.describe();
    if !f.is_empty() {
        title.push_str(&format!(" · {}", clean(&f)));
    }
    title.push(' ');
    let block = Block::bordered()
        .title(title)
        .border_style(border(a.focus == AlertsFocus::Inbox));
    let inner = block.inner(area);
    frame.render_widget(block, area);
    if let Some(err) = a.error.as_ref().filter(|_| a.rows.is_empty()) {
        let lines = vec![
            Line::styled(clean(&err.one_line()).into_owned(), theme::error()),
            Line::styled("r retries", theme::dim()),
        ];
        frame.render_widget(Paragraph::new(lines).wrap(Wrap { trim: false }), inner);
        return;
    }
    if a.view.is_empty() {
        let msg = if crate::app::alerts::is_loading(state) {
            "loading the inbox…"
        } else if a.filters.describe().is_empty() {
            "✔ inbox zero: no case has active alerts"
        } else {
            "no case with alerts matches the filters (/ changes them)"
        };
        frame.render_widget(Paragraph::new(Span::styled(msg, theme::dim())), inner);
        return;
    }
    // The case id (what `:case`, the journal and the other panes name) beside the case number
    // wherever the name keeps room; the jurisdiction as a country name only where it fits
    // whole, else its ISO code.
    let cols = Columns {
        id: inner.width >= 64,
        country_names: inner.width >= 100,
    };
    let mut widths = vec![Constraint::Length(1), Constraint::Length(15)];
    let mut titles = vec!["T", "Case no."];
    if cols.id {
        widths.push(Constraint::Length(10));
        titles.push("Id");
    }
    widths.extend([
        Constraint::Min(10),
        Constraint::Length(if cols.country_names {
            COUNTRY_NAME_U16
        } else {
            3
        }),
        Constraint::Length(8),
    ]);
    titles.extend(["Name", "Jur", "Status", "Rev", "Exp", "Man", "AML"]);
    widths.extend([Constraint::Length(3); 4]);
    let header = Row::new(titles.into_iter().map(Cell::from)).style(theme::label());
    let height = usize::from(inner.height.saturating_sub(1)).max(1);
    let mut offset = a.offset.get();
    if a.selected < offset {
        offset = a.selected;
    } else if a.selected >= offset + height {
        offset = a.selected + 1 - height;
    }
    offset = offset.min(a.view.len().saturating_sub(height));
    a.offset.set(offset);
    let rows = a.view[offset..(offset + height).min(a.view.len())]
        .iter()
        .enumerate()
        .filter_map(|(i, &ri)| a.rows.get(ri).map(|r| (offset + i, r)))
        .map(|(i, r)| {
            let row = inbox_row(r, cols);
            if i == a.selected {
                row.style(theme::selected())
            } else {
                row
            }
        });
    frame.render_widget(
        Table::new(rows, widths).header(header).column_spacing(1),
        inner,
    );
}

/// The width of the jurisdiction column where it shows names: a longer name shows as its ISO
/// code rather than cut ("United Kin").
const COUNTRY_NAME: usize = 14;
const COUNTRY_NAME_U16: u16 = 14;

/// Which of the inbox's optional columns fit.
#[derive(Debug, Clone, Copy)]
struct Columns {
    id: bool,
    country_names: bool,
}

/// The jurisdiction as the column has room for: the name where it fits whole, else its ISO code
/// (the name when the code is not known, cut by the column).
fn jurisdiction(j: Option<&str>, names: bool) -> String {
    let j = j.map(str::trim).filter(|j| !j.is_empty());
    match j {
        None => "-".to_owned(),
        Some(j) if names && unicode_width::UnicodeWidthStr::width(j) <= COUNTRY_NAME => {
            clean(j).into_owned()
        }
        Some(j) => clean(crate::app::aml_compare::country_code(j).unwrap_or(j)).into_owned(),
    }
}

fn inbox_row(r: &InboxRow, cols: Columns) -> Row<'static> {
    let c = &r.case;
    let number = c
        .case_number
        .clone()
        .unwrap_or_else(|| c.case_common_id.to_string());
    let (glyph, word, style) = if r.closed() {
        ("■", "closed", theme::dim())
    } else {
        ("□", "open", Style::new())
    };
    let mut cells = vec![
        Cell::from(if c.case_type.as_deref() == Some("Individual") {
            "I"
        } else {
            "C"
        }),
        Cell::from(clean(&number).into_owned()),
    ];
    if cols.id {
        cells.push(Cell::from(c.case_common_id.to_string()));
    }
    cells.extend([
        Cell::from(clean(&r.name()).into_owned()),
        Cell::from(jurisdiction(c.jurisdiction.as_deref(), cols.country_names)),
        Cell::from(Line::from(vec![
            Span::styled(glyph, style),
            Span::raw(format!(" {word}")),
        ])),
    ]);
    cells.extend(AlertType::ALL.map(|t| count_cell(r.count(t))));
    // A case cleared in this session stays where it was, dimmed, until the next reload.
    if c.total_alerts() == 0 {
        Row::new(cells).style(theme::dim())
    } else {
        Row::new(cells)
    }
}

fn outcome_span(o: Option<&Outcome>) -> Span<'static> {
    match o {
        Some(Outcome::Pending(a)) => {
            Span::styled(format!("… {}", a.as_str().to_lowercase()), theme::warn())
        }
        Some(Outcome::Done(a)) => {
            Span::styled(format!("✔ {}", a.as_str().to_lowercase()), theme::success())
        }
        // The reason is under the alert's title; the list keeps one line per alert.
        Some(Outcome::Failed(a, _)) => Span::styled(
            format!("✘ {} failed", a.as_str().to_lowercase()),
            theme::error(),
        ),
        None => Span::raw(""),
    }
}

fn alerts(a: &AlertsState, dates: DateFormat, frame: &mut Frame, area: Rect) {
    let n = a.alerts().len();
    let mut title = format!(" Alerts {n}");
    if !a.marks.is_empty() {
        title.push_str(&format!(" · {} marked", a.marks.len()));
    }
    title.push(' ');
    let block = Block::bordered()
        .title(title)
        .border_style(border(a.focus == AlertsFocus::Alerts));
    let inner = block.inner(area);
    frame.render_widget(block, area);
    let Some(d) = &a.detail.data else {
        let (msg, style) = match (&a.detail.error, a.for_case) {
            (Some(f), _) => (clean(&f.one_line()).into_owned(), theme::error()),
            (None, None) => ("select a case".to_owned(), theme::dim()),
            (None, Some(_)) => ("loading alerts…".to_owned(), theme::dim()),
        };
        frame.render_widget(
            Paragraph::new(Span::styled(msg, style)).wrap(Wrap { trim: false }),
            inner,
        );
        return;
    };
    let case = d.case_id;
    let width = usize::from(inner.width);
    let mut lines = vec![Line::styled(
        truncate(&clean(d.name.as_deref().unwrap_or("-")), width),
        theme::title(),
    )];
    // The case id beside the case number: the id is what `:case` and the journal name.
    let mut facts: Vec<String> = vec![match &d.case_number {
        Some(n) => format!("{} ({case})", clean(n)),
        None => format!("case {case}"),
    }];
    facts.extend(
        d.case_type
            .as_deref()
            .map(|s| clean(&words(s)).into_owned()),
    );
    if d.jurisdiction.is_some() {
        facts.push(jurisdiction(d.jurisdiction.as_deref(), width >= 70));
    }
    facts.extend(
        d.case_status
            .as_deref()
            .map(|s| clean(&words(s)).into_owned()),
    );
    if let Some(r) = a.review_dates.get(&case) {
        facts.push(format!("review {}", clean(&dates.show_api(r))));
    }
    if let Some(u) = a.assignees.get(&case) {
        facts.push(format!("assigned to {}", clean(u)));
    }
    lines.push(Line::styled(
        truncate(&facts.join(" · "), width),
        theme::dim(),
    ));
    if n == 0 {
        lines.push(Line::from(""));
        lines.push(Line::styled(
            "✔ no alerts left on this case",
            theme::success(),
        ));
        frame.render_widget(Paragraph::new(lines), inner);
        return;
    }
    // The list takes up to a third of the pane; the selected alert's changes the rest.
    let list_h = n.min(usize::from(inner.height / 3).max(3));
    let offset = a
        .alert_selected
        .saturating_sub(list_h.saturating_sub(1))
        .min(n.saturating_sub(list_h));
    for (i, al) in a.alerts().iter().enumerate().skip(offset).take(list_h) {
        let marked = a.marks.contains_key(&(case, al.alert_id));
        let ty = al.kind().map_or("?", short);
        let date = al
            .created_on
            .as_deref()
            .and_then(crate::words::dates::api_date)
            .map_or_else(|| "-".to_owned(), |d| dates.show(d));
        let cursor = if i == a.alert_selected { "▶" } else { " " };
        let text = format!(
            "{cursor}{} {:<7} {} {:>2} chg ",
            if marked { "●" } else { " " },
            ty,
            clean(&date),
            al.changes.len()
        );
        let mut spans = vec![Span::raw(text)];
        spans.push(outcome_span(a.outcomes.get(&(case, al.alert_id))));
        let line = Line::from(spans);
        lines.push(if i == a.alert_selected && a.focus == AlertsFocus::Alerts {
            line.style(theme::selected())
        } else if i == a.alert_selected {
            line.style(theme::label())
        } else {
            line
        });
    }
    if let Some(al) = a.selected_alert() {
        lines.push(Line::from(""));
        let t = al.kind();
        lines.push(Line::from(vec![
            Span::styled(
                format!("{} alert {}", t.map_or("Unknown", type_label), al.alert_id),
                theme::title(),
            ),
            Span::styled(
                al.case_step_id
                    .map(|s| format!(" · step {s}"))
                    .unwrap_or_default(),
                theme::dim(),
            ),
        ]));
        lines.push(actions_line(t, width >= 50));
        let closed = d
            .case_status
            .as_deref()
            .is_some_and(|s| s.eq_ignore_ascii_case("closed"));
        if let Some(hint) = effect(t, closed) {
            lines.push(Line::styled(truncate(hint, width), theme::dim()));
        }
        if let Some(Outcome::Failed(_, why)) = a.outcomes.get(&(case, al.alert_id)) {
            lines.push(Line::styled(
                truncate(&format!("✘ {}", clean(why)), width),
                theme::error(),
            ));
        }
        // The top stays put; the changes below it scroll (PgDn / PgUp).
        let top = u16::try_from(lines.len())
            .unwrap_or(u16::MAX)
            .min(inner.height);
        let [head, rest] =
            Layout::vertical([Constraint::Length(top), Constraint::Min(0)]).areas(inner);
        frame.render_widget(Paragraph::new(lines), head);
        frame.render_widget(
            Paragraph::new(changes::alert_lines(al, dates))
                .wrap(Wrap { trim: false })
                .scroll((a.changes_scroll, 0)),
            rest,
        );
        return;
    }
    frame.render_widget(Paragraph::new(lines).wrap(Wrap { trim: false }), inner);
}

/// What the allowed actions do to the case, from the guide's table (3.8.3), where it matters.
fn effect(t: Option<AlertType>, closed: bool) -> Option<&'static str> {
    match t? {
        AlertType::CaseDetailsReview => {
            Some("apply writes the changes to the case; exclude drops them")
        }
        AlertType::ManualReview => Some("apply opens the case for a manual review"),
        AlertType::Aml if closed => Some("apply adds the match and reopens this closed case"),
        AlertType::Aml => Some("apply adds or updates the AML match"),
        AlertType::ExpiredDocuments => None,
    }
}

/// The three action keys, each offered (✔) or refused (✘) for the alert's type; `words` when
/// there is room for "not allowed" after the glyph.
fn actions_line(t: Option<AlertType>, words: bool) -> Line<'static> {
    let mut spans = Vec::new();
    for (key, action) in [
        ("a", AlertAction::Apply),
        ("x", AlertAction::Exclude),
        ("d", AlertAction::Dismiss),
    ] {
        let word = action.as_str().to_lowercase();
        if refusal(t, action).is_none() {
            spans.push(Span::styled(key, theme::key()));
            spans.push(Span::raw(format!(" {word} ✔  ")));
        } else {
            let why = if words { " not allowed" } else { "" };
            spans.push(Span::styled(format!("{key} {word} ✘{why}  "), theme::dim()));
        }
    }
    Line::from(spans)
}
