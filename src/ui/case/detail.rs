//! The selected step's details, by step type.

use super::{failure, field, placeholder};
use crate::app::CaseView;
use crate::sanitize::{clean, clean_multiline};
use crate::ui::theme;
use crate::words::{DateFormat, words};
use ratatui::Frame;
use ratatui::layout::Rect;
use ratatui::text::{Line, Span};
use ratatui::widgets::{Paragraph, Wrap};

pub fn draw(cv: &CaseView, dates: DateFormat, frame: &mut Frame, area: Rect) {
    let Some(d) = &cv.step_detail.data else {
        match (&cv.step_detail.error, cv.for_step) {
            (Some(f), _) => failure(f, frame, area),
            (None, None) => group_summary(cv, frame, area),
            (None, Some(_)) => placeholder("loading step…", frame, area),
        }
        return;
    };
    let mut lines = Vec::new();
    let (glyph, style) = theme::step_status(&d.status);
    lines.push(Line::styled(
        clean(d.name.as_deref().unwrap_or("(unnamed step)")).into_owned(),
        theme::title(),
    ));
    lines.push(Line::from(vec![
        Span::styled("Status: ", theme::label()),
        Span::styled(format!("{glyph} {}", d.status.label()), style),
        Span::styled(
            format!(
                "   type {} · step {}",
                d.step_type.as_deref().map_or_else(|| "-".to_owned(), words),
                d.case_step_id
            ),
            theme::dim(),
        ),
    ]));
    if d.is_deactivated {
        lines.push(Line::styled(
            "Deactivated: screened clear; a activates it for full KYC",
            theme::warn(),
        ));
    }
    for f in &d.fields {
        lines.push(field(
            f.label.as_deref().unwrap_or("-"),
            f.value.as_deref().unwrap_or(""),
        ));
    }
    if !d.documents.is_empty() {
        lines.push(Line::from(""));
        lines.push(Line::styled("Documents", theme::title()));
        for doc in &d.documents {
            let avail = if doc.document_available {
                "✔ available"
            } else {
                "✘ missing"
            };
            lines.push(Line::from(vec![
                Span::raw(format!(
                    "• {} — {} ",
                    clean(
                        &doc.category
                            .as_deref()
                            .map_or_else(|| "-".to_owned(), words)
                    ),
                    clean(doc.name.as_deref().unwrap_or("-"))
                )),
                Span::styled(
                    avail,
                    if doc.document_available {
                        theme::success()
                    } else {
                        theme::error()
                    },
                ),
                Span::styled(
                    format!(
                        " · {}",
                        clean(doc.verification_status.as_deref().unwrap_or("not verified"))
                    ),
                    theme::dim(),
                ),
            ]));
        }
    }
    // One match or several (a World-Check step holds several): each is shown.
    let matches: Vec<_> = d.matches().collect();
    let several = matches.len() > 1;
    for (i, m) in matches.into_iter().enumerate() {
        lines.push(Line::from(""));
        let title = if several {
            format!("AML match {} of the step", i + 1)
        } else {
            "AML match".to_owned()
        };
        lines.push(Line::styled(title, theme::title()));
        let score = m
            .match_score
            .map(|s| format!("{s:.0}"))
            .unwrap_or_else(|| "-".into());
        lines.push(field("Name", m.name.as_deref().unwrap_or("-")));
        lines.push(field(
            "Category",
            &format!(
                "{} · {} · score {score}",
                m.category.as_deref().map_or_else(|| "-".to_owned(), words),
                m.match_strength
                    .as_deref()
                    .map_or_else(|| "-".to_owned(), words)
            ),
        ));
        if m.is_excluded {
            lines.push(field(
                "Excluded",
                m.excluded_reason.as_deref().unwrap_or("yes"),
            ));
        }
        for (l, v) in [
            ("Born", &m.date_of_birth),
            ("Nationality", &m.nationality),
            ("Country", &m.country),
        ] {
            if let Some(v) = v {
                let v = if l == "Born" {
                    dates.show_api(v)
                } else {
                    v.clone()
                };
                lines.push(field(l, &v));
            }
        }
        if let Some(bio) = &m.biography {
            lines.push(Line::from(""));
            lines.extend(
                clean_multiline(bio)
                    .lines()
                    .map(|l| Line::from(l.to_owned())),
            );
        }
    }
    if let Some(l) = &d.linked_case {
        lines.push(Line::from(""));
        lines.push(Line::styled("Linked case", theme::title()));
        lines.push(field(
            "Case",
            &format!(
                "{} {} ({})",
                l.case_common_id.map(|i| i.to_string()).unwrap_or_default(),
                l.name.as_deref().unwrap_or("-"),
                l.case_type.as_deref().map_or_else(|| "-".to_owned(), words)
            ),
        ));
        lines.push(field(
            "Relation",
            &l.relation.as_deref().map_or_else(|| "-".to_owned(), words),
        ));
        if let Some(p) = l.percentage {
            lines.push(field("Holding", &format!("{p:.2} %")));
        }
    }
    crate::ui::scrolled::render(
        Paragraph::new(lines).wrap(Wrap { trim: false }),
        &cv.detail_scroll,
        frame,
        area,
    );
}

/// On a group row: the group's steps at a glance.
fn group_summary(cv: &CaseView, frame: &mut Frame, area: Rect) {
    let group = match (cv.selected_row(), cv.steps.data.as_ref()) {
        (Some(crate::app::TreeRow::Group(g)), Some(groups)) => groups.get(g),
        _ => None,
    };
    let Some(group) = group else {
        placeholder("select a step", frame, area);
        return;
    };
    let mut lines = vec![Line::styled(
        clean(group.group.as_deref().unwrap_or("Steps")).into_owned(),
        theme::title(),
    )];
    for s in &group.steps {
        let (glyph, style) = theme::step_status(&s.status);
        lines.push(Line::from(vec![
            Span::styled(format!("{glyph} {:<15}", s.status.label()), style),
            Span::raw(clean(s.name.as_deref().unwrap_or("-")).into_owned()),
        ]));
    }
    lines.push(Line::from(""));
    lines.push(Line::styled(
        "Space folds the group · j/k moves to a step",
        theme::dim(),
    ));
    frame.render_widget(Paragraph::new(lines).wrap(Wrap { trim: false }), area);
}
