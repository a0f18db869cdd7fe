//! The documents pane: the case's documents grouped as the API groups them, each with whether
//! it is on file and how far it is verified, then the mandatory documents with the missing ones
//! marked, then the last pre-validation. And the pane's forms.

use super::chrome::truncate;
use super::theme;
use crate::app::Slot;
use crate::app::State;
use crate::app::docs::{DocRow, DocsPane, MandatoryRow, Row, category_label, rows};
use crate::app::docs_form::DocForm;
use crate::app::request::in_flight;
use crate::sanitize::clean;
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
    title.push(' ');
    let block = Block::bordered()
        .title(title)
        .border_style(theme::focused_border());
    let inner = block.inner(area);
    frame.render_widget(block, area);
    let wide = area.width >= WIDE;
    let width = usize::from(inner.width);
    let mut items: Vec<ListItem> = rows
        .iter()
        .map(|r| ListItem::new(row_line(r, wide, width)))
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

fn row_line(r: &Row, wide: bool, width: usize) -> Line<'static> {
    match r {
        Row::Group(g) => Line::styled(truncate(&format!("▸ {}", clean(g)), width), theme::title()),
        Row::Doc(d) => doc_line(d, wide, width),
        Row::MandatoryHeader => Line::styled("▸ Mandatory documents", theme::title()),
        Row::Mandatory(m) => mandatory_line(m, width),
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

fn doc_line(d: &DocRow, wide: bool, width: usize) -> Line<'static> {
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
    let name = truncate(&clean(&d.name), name_w);
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
