//! The documents pane: the case's documents grouped as the API groups them, each with whether
//! it is on file and how far it is verified, then the mandatory documents with the missing ones
//! marked, then the last pre-validation. And the pane's forms.

use super::chrome::truncate;
use super::theme;
use crate::app::Slot;
use crate::app::State;
use crate::app::docs::{
    Contradiction, DocRow, DocsPane, Expiry, MandatoryRow, Row, category_label, contradiction,
    expiry_alerts, expiry_counts, rows,
};
use crate::app::docs_form::DocForm;
use crate::app::request::in_flight;
use crate::sanitize::clean;
use crate::words::DateFormat;
use chrono::NaiveDate;
use ratatui::Frame;
use ratatui::layout::{Constraint, Layout, Rect};
use ratatui::style::Style;
use ratatui::text::{Line, Span};
use ratatui::widgets::{Block, List, ListItem, ListState, Paragraph, Wrap};
use unicode_width::UnicodeWidthStr;

/// From this width on, category and source get columns of their own.
const WIDE: u16 = 100;

pub fn draw(state: &State, frame: &mut Frame, area: Rect) {
    let Some(p) = state.docs.as_ref() else {
        return;
    };
    let check_height = p.check.as_ref().map_or(0, |(_, r)| {
        (r.prevalidation_messages.len() as u16 + 3).min(area.height / 3)
    });
    let [list_area, check_area] =
        Layout::vertical([Constraint::Min(3), Constraint::Length(check_height)]).areas(area);
    list(state, p, frame, list_area);
    if check_height > 0 {
        check(p, frame, check_area);
    }
}

fn list(state: &State, p: &DocsPane, frame: &mut Frame, area: Rect) {
    let rows = rows(p);
    let docs = rows
        .iter()
        .filter(|r| matches!(r, Row::Doc(d) if d.available))
        .count();
    let missing = rows
        .iter()
        .filter(|r| matches!(r, Row::Mandatory(m) if !m.present))
        .count();
    let mut title = format!(" Documents · {docs} on file");
    if p.mandatory.data.is_some() {
        title.push_str(&format!(" · {missing} mandatory missing"));
    }
    let (expired, expiring) = expiry_counts(p, state.today, state.session.expiry_warning);
    if expired > 0 {
        title.push_str(&format!(" · {expired} expired"));
    }
    if expiring > 0 {
        title.push_str(&format!(" · {expiring} expiring soon"));
    }
    title.push(' ');
    let block = Block::bordered()
        .title(title)
        .border_style(theme::focused_border());
    let inner = block.inner(area);
    frame.render_widget(block, area);
    let wide = area.width >= WIDE;
    let width = usize::from(inner.width);
    let look = Look {
        wide,
        width,
        dates: state.session.date_format,
        today: state.today,
        warn: state.session.expiry_warning,
        alerts: expiry_alerts(state, p.case),
    };
    let mut items: Vec<ListItem> = rows
        .iter()
        .map(|r| ListItem::new(row_lines(r, &look)))
        .collect();
    // Each section says when it is loading or failed, below what is already there.
    let mut notes: Vec<Line> = Vec::new();
    let mut note = |what: &str, loading: bool, err: Option<&crate::app::Failure>| {
        if let Some(f) = err {
            notes.push(Line::styled(
                truncate(&format!("✘ {what}: {}", clean(&f.one_line())), width),
                theme::error(),
            ));
        } else if loading {
            notes.push(Line::styled(format!("loading {what}…"), theme::dim()));
        }
    };
    note(
        "documents",
        in_flight(state, Slot::Documents),
        p.listing.error.as_ref(),
    );
    note(
        "verification status",
        in_flight(state, Slot::DocumentSteps),
        p.steps.error.as_ref(),
    );
    note(
        "mandatory documents",
        in_flight(state, Slot::MandatoryDocuments),
        p.mandatory.error.as_ref(),
    );
    if rows.is_empty() && notes.is_empty() {
        notes.push(Line::styled(
            "no documents on this case: u uploads one, e asks the customer",
            theme::dim(),
        ));
    }
    items.extend(notes.into_iter().map(ListItem::new));
    let mut ls = ListState::default();
    if rows.get(p.selected).is_some() {
        ls.select(Some(p.selected));
    }
    frame.render_stateful_widget(
        List::new(items).highlight_style(theme::selected()),
        inner,
        &mut ls,
    );
}

/// What a row's drawing needs besides the row.
struct Look {
    wide: bool,
    width: usize,
    dates: DateFormat,
    today: Option<NaiveDate>,
    warn: crate::app::docs::ExpiryWarning,
    /// The documents the case's expiry alerts name (when the inbox loaded them).
    alerts: Vec<(String, Option<NaiveDate>)>,
}

fn row_lines(r: &Row, look: &Look) -> Vec<Line<'static>> {
    let width = look.width;
    match r {
        Row::Group(g) => vec![Line::styled(
            truncate(&format!("▸ {}", clean(g)), width),
            theme::title(),
        )],
        Row::Doc(d) => {
            let mut out = vec![doc_line(d, look)];
            if let Some(dates) = dates_line(d, look) {
                out.push(dates);
            }
            if let Some(c) = contradiction(d, &look.alerts, look.today) {
                out.push(Line::styled(
                    truncate(&contradiction_text(&c, look.dates), width),
                    theme::error(),
                ));
            }
            out
        }
        Row::MandatoryHeader => vec![Line::styled("▸ Mandatory documents", theme::title())],
        Row::Mandatory(m) => vec![mandatory_line(m, width)],
    }
}

/// The line under a document shown as verified that has expired.
fn contradiction_text(c: &Contradiction, dates: DateFormat) -> String {
    let when = c
        .expired_on
        .map(|d| format!(" on {}", dates.show(d)))
        .unwrap_or_default();
    let who = if c.by_alert {
        "an expiry alert says it expired"
    } else {
        "it expired"
    };
    format!("    ⚠ shown as verified, but {who}{when}")
}

/// Below a document: its issue and expiry dates, when it has any.
fn dates_line(d: &DocRow, look: &Look) -> Option<Line<'static>> {
    let mut spans = vec![Span::raw("    ")];
    if let Some(i) = d.issued {
        spans.push(Span::styled(
            format!("issued {}", look.dates.show(i)),
            theme::dim(),
        ));
    }
    let (exp, style) = expiry_cell(d, look);
    if !exp.is_empty() {
        if spans.len() > 1 {
            spans.push(Span::styled(" · ", theme::dim()));
        }
        spans.push(Span::styled(exp, style));
    }
    (spans.len() > 1).then(|| Line::from(spans))
}

/// The expiry column: expired, expiring soon (days left), or the date it is valid until.
fn expiry_cell(d: &DocRow, look: &Look) -> (String, Style) {
    let Some(expires) = d.expires else {
        return (String::new(), Style::new());
    };
    let day = look.dates.show(expires);
    match d.expiry(look.today, look.warn) {
        Some(Expiry::Expired) => (format!("✘ expired {day}"), theme::error()),
        Some(Expiry::Soon(n)) => (format!("⚠ {n}d left {day}"), theme::warn()),
        Some(Expiry::Valid) | None => (format!("until {day}"), theme::dim()),
    }
}

/// Verification by glyph and word.
fn verification(v: Option<&str>) -> (String, Style) {
    let Some(v) = v else {
        return ("– no status".to_owned(), theme::dim());
    };
    let lower = v.to_ascii_lowercase().replace([' ', '_'], "");
    let (glyph, style) = match lower.as_str() {
        "verified" | "passed" => ("✔", theme::success()),
        "failed" | "rejected" | "expired" => ("✘", theme::error()),
        "notverified" | "unverified" => ("○", Style::new()),
        "pending" | "inprogress" => ("…", theme::warn()),
        _ => ("?", Style::new()),
    };
    let word = match lower.as_str() {
        "notverified" => "Not verified".to_owned(),
        "inprogress" => "In progress".to_owned(),
        _ => clean(v).into_owned(),
    };
    (format!("{glyph} {word}"), style)
}

fn doc_line(d: &DocRow, look: &Look) -> Line<'static> {
    let (wide, width) = (look.wide, look.width);
    let (avail, avail_style) = if d.available {
        ("✔ on file ", theme::success())
    } else {
        ("✘ missing ", theme::error())
    };
    let (ver, ver_style) = verification(d.verification.as_deref());
    let detail = if wide {
        let cat = d
            .category
            .as_deref()
            .map(|c| clean(&crate::words::words(c)).into_owned())
            .unwrap_or_default();
        let src = d.source.as_deref().map(clean).unwrap_or_default();
        format!("{:<14} {:<20} ", truncate(&cat, 14), truncate(&src, 20))
    } else {
        String::new()
    };
    let fixed = 2 + 11 + 15 + detail.width();
    let name_w = width.saturating_sub(fixed).max(8);
    // With an issue date the name's own `<DD/MM/YYYY>` gives way to it, shown below in the
    // console's date format.
    let name = match d.issued {
        Some(_) => crate::app::docs::base_name(&d.name),
        None => &d.name,
    };
    let name = truncate(&clean(name), name_w);
    let pad = name_w.saturating_sub(name.width());
    Line::from(vec![
        Span::raw(format!("  {name}{} ", " ".repeat(pad))),
        Span::styled(detail, theme::dim()),
        Span::styled(format!("{avail:<11}"), avail_style),
        Span::styled(ver, ver_style),
    ])
}

fn mandatory_line(m: &MandatoryRow, width: usize) -> Line<'static> {
    let (mark, style) = if m.present {
        ("✔ present ", theme::success())
    } else {
        ("✘ MISSING ", theme::error())
    };
    let source = m
        .source
        .as_deref()
        .map(|s| format!(" · {}", clean(s)))
        .unwrap_or_default();
    Line::from(vec![
        Span::raw("  "),
        Span::styled(mark, style),
        Span::raw(truncate(
            &format!("{}{source}", clean(&category_label(&m.name))),
            width.saturating_sub(12),
        )),
    ])
}

fn check(p: &DocsPane, frame: &mut Frame, area: Rect) {
    let Some((file, r)) = &p.check else {
        return;
    };
    let (word, style) = if r.is_valid {
        ("✔ passes", theme::success())
    } else {
        ("✘ does not pass", theme::error())
    };
    let block = Block::bordered()
        .title(format!(" Pre-validation of {} ", clean(file)))
        .border_style(theme::border());
    let mut lines = vec![Line::styled(word, style)];
    for m in &r.prevalidation_messages {
        let key = m.key.as_deref().map(clean).unwrap_or_default();
        let value = m.value.as_deref().map(clean).unwrap_or_default();
        lines.push(Line::from(vec![
            Span::styled(format!("{key}: "), theme::label()),
            Span::raw(value.into_owned()),
        ]));
    }
    frame.render_widget(
        Paragraph::new(lines)
            .wrap(Wrap { trim: false })
            .block(block),
        area,
    );
}

// ───────────────────────────── the form ─────────────────────────────

/// The pane's forms are drawn by the shared form kit.
pub fn popup(f: &DocForm, frame: &mut Frame, area: Rect) {
    super::form::draw(&f.form, frame, area);
}

/// Footer hints while a form is up: the kit's, with Tab completing on the path field.
pub fn popup_hints(f: &DocForm) -> Vec<(String, &'static str)> {
    if !f.on_path() {
        return super::form::hints(&f.form);
    }
    vec![
        ("Tab".to_owned(), "complete"),
        ("↓".to_owned(), "next"),
        ("Ctrl-S".to_owned(), "submit"),
        ("Esc".to_owned(), "cancel"),
    ]
}
