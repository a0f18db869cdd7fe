//! One alert's changes as readable lines: what changed, from what to what.

use crate::api::{Alert, Change};
use crate::sanitize::{clean, clean_multiline};
use crate::ui::theme;
use crate::words::{DateFormat, words};
use ratatui::text::{Line, Span};

fn opt(v: &Option<String>) -> String {
    clean(v.as_deref().unwrap_or("-")).into_owned()
}

/// "label: value" pieces joined by " · ", skipping empty values.
fn details(parts: &[(&str, &Option<String>)]) -> String {
    parts
        .iter()
        .filter_map(|(l, v)| {
            v.as_deref()
                .filter(|s| !s.trim().is_empty())
                .map(|s| format!("{l} {}", clean(s)))
        })
        .collect::<Vec<_>>()
        .join(" · ")
}

fn head(glyph: &str, what: &str, name: String) -> Vec<Span<'static>> {
    vec![
        Span::styled(format!("{glyph} "), theme::key()),
        Span::styled(format!("{what}: "), theme::label()),
        Span::raw(name),
    ]
}

fn indented(text: String) -> Line<'static> {
    Line::from(vec![Span::raw("    "), Span::styled(text, theme::dim())])
}

/// Lines for one change; a change of a kind this console does not know says so.
pub fn change_lines(c: &Change, dates: DateFormat) -> Vec<Line<'static>> {
    let mut out = Vec::new();
    if let Some(p) = &c.property {
        let mut spans = head("◆", &opt(&p.property_name), String::new());
        spans.pop();
        spans.push(Span::styled(
            p.old_value
                .as_deref()
                .map_or("(none)".to_owned(), |v| clean(v).into_owned()),
            theme::dim(),
        ));
        spans.push(Span::raw(" → "));
        spans.push(Span::styled(opt(&p.new_value), theme::title()));
        out.push(Line::from(spans));
    }
    if let Some(o) = &c.officer {
        out.push(Line::from(head("+", "Officer", opt(&o.name))));
        let role = o.role.as_deref().map(words);
        let d = details(&[("role", &role), ("address", &o.address)]);
        if !d.is_empty() {
            out.push(indented(d));
        }
    }
    if let Some(s) = &c.shareholder {
        out.push(Line::from(head("+", "Shareholder", opt(&s.name))));
        let d = details(&[("shares held", &s.shares_held), ("address", &s.address)]);
        if !d.is_empty() {
            out.push(indented(d));
        }
    }
    if let Some(p) = &c.person_with_significant_control {
        out.push(Line::from(head(
            "+",
            "Person with significant control",
            opt(&p.name),
        )));
        let d = details(&[("control", &p.nature_of_control), ("address", &p.address)]);
        if !d.is_empty() {
            out.push(indented(d));
        }
    }
    for (glyph, what, doc) in [
        ("+", "New document", &c.new_document),
        ("~", "Updated document", &c.updated_document),
        ("−", "Removed document", &c.removed_document),
    ] {
        if let Some(d) = doc {
            out.push(Line::from(head(glyph, what, opt(&d.name))));
        }
    }
    if let Some(a) = &c.aml_alert {
        let what = if a.is_new {
            "New AML match"
        } else {
            "Updated AML match"
        };
        out.push(Line::from(head("⚑", what, opt(&a.name))));
        let kind = a.aml_match_type.as_deref().map(words);
        let updated = a.updated_on.as_deref().map(|u| dates.show_api(u));
        let d = details(&[
            ("type", &kind),
            ("country", &a.country),
            ("updated", &updated),
        ]);
        if !d.is_empty() {
            out.push(indented(d));
        }
        if let Some(bio) = a.biography.as_deref().filter(|b| !b.trim().is_empty()) {
            out.extend(
                clean_multiline(bio)
                    .lines()
                    .map(|l| Line::from(format!("    {l}"))),
            );
        }
    }
    if let Some(e) = &c.expiration_alert {
        let what = e
            .explanation
            .as_deref()
            .map_or("Document expiry".to_owned(), |x| clean(x).into_owned());
        out.push(Line::from(head("!", &what, opt(&e.name))));
        let days = e
            .expiration
            .as_deref()
            .filter(|d| !d.trim().is_empty())
            .map(|d| match d.trim() {
                "0" => "expired".to_owned(),
                "1" => "1 day left".to_owned(),
                n => format!("{} days left", clean(n)),
            });
        let expires = e.expiration_date.as_deref().map(|x| dates.show_api(x));
        let mut d = details(&[("expires", &expires)]);
        if let Some(days) = days {
            if !d.is_empty() {
                d.push_str(" · ");
            }
            d.push_str(&days);
        }
        if !d.is_empty() {
            out.push(indented(d));
        }
    }
    if out.is_empty() {
        out.push(Line::styled(
            format!("? change {} of a kind not shown here", c.change_id),
            theme::dim(),
        ));
    }
    out
}

/// Every change of an alert.
pub fn alert_lines(alert: &Alert, dates: DateFormat) -> Vec<Line<'static>> {
    if alert.changes.is_empty() {
        return vec![Line::styled("no changes listed", theme::dim())];
    }
    alert
        .changes
        .iter()
        .flat_map(|c| change_lines(c, dates))
        .collect()
}
