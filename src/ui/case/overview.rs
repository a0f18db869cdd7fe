//! The overview: what remains to do first (issue 16 item 2), then identity, status, address,
//! AML summary, properties, data sources.

use super::field;
use crate::api::{BuildState, CaseDetails};
use crate::app::casework::still_open::{Aml, Fact, Figure, Remaining};
use crate::app::{CaseView, State};
use crate::sanitize::clean;
use crate::ui::theme;
use crate::words::{DateFormat, words};
use ratatui::Frame;
use ratatui::layout::Rect;
use ratatui::style::Style;
use ratatui::text::{Line, Span};
use ratatui::widgets::{Paragraph, Wrap};

pub fn draw(state: &State, cv: &CaseView, frame: &mut Frame, area: Rect) {
    let dates = state.session.date_format;
    let mut lines = summary(&Remaining::of(state, cv.id), dates, state.today);
    lines.push(Line::from(""));
    match (&cv.detail.data, &cv.detail.error) {
        (Some(d), _) => lines.extend(self::lines(d, dates)),
        (None, Some(f)) => {
            lines.push(Line::styled(clean(&f.summary).into_owned(), theme::error()));
            lines.extend(f.details.iter().map(|d| Line::from(clean(d).into_owned())));
            lines.push(Line::styled("r retries", theme::dim()));
        }
        (None, None) => lines.push(Line::styled("loading case…", theme::dim())),
    }
    crate::ui::scrolled::render(
        Paragraph::new(lines).wrap(Wrap { trim: false }),
        &cv.overview_scroll,
        frame,
        area,
    );
}

/// What remains to do, figure by figure, from the same computation as the close confirmation;
/// a figure still loading says so, and one that could not be loaded says why — never zero.
/// `today` (when known) flags a review date that has passed.
pub fn summary(
    r: &Remaining,
    dates: DateFormat,
    today: Option<chrono::NaiveDate>,
) -> Vec<Line<'static>> {
    const NOT_KNOWN: &str = "not known";
    let row = |label: &str, value: String, style: Style| {
        Line::from(vec![
            Span::styled(format!("{label:<10}"), theme::label()),
            Span::styled(value, style),
        ])
    };
    const LOADING: &str = "loading…";
    let unknown = |hint: &str| format!("{NOT_KNOWN} ({hint})");
    let mut out = vec![Line::styled("What remains", theme::title())];
    out.push(match r.steps {
        Some(s) => row(
            "Steps",
            match s.unstated {
                0 => format!(
                    "{} not reviewed · {} failed · {} passed",
                    s.not_reviewed, s.failed, s.passed
                ),
                u => format!(
                    "{} not reviewed · {} failed · {} passed · {u} no status given",
                    s.not_reviewed, s.failed, s.passed
                ),
            },
            attention(s.not_reviewed + s.failed + s.unstated > 0),
        ),
        None => row("Steps", NOT_KNOWN.to_owned(), theme::dim()),
    });
    out.push(match &r.aml {
        Aml::Open(0) => row("AML", "no match open".into(), theme::success()),
        Aml::Open(1) => row("AML", "1 match not excluded".into(), theme::error()),
        Aml::Open(n) => row("AML", format!("{n} matches not excluded"), theme::error()),
        Aml::Positive => row(
            "AML",
            "AML-positive (m lists the matches)".into(),
            theme::error(),
        ),
        Aml::Clear => row("AML", "no match open".into(), theme::success()),
        Aml::Loading => row("AML", LOADING.into(), theme::dim()),
        Aml::Failed(why) => row("AML", unknown(why), theme::error()),
        Aml::NotKnown => row("AML", unknown("r loads them"), theme::dim()),
    });
    out.push(match &r.alerts {
        Figure::Known(a) if a.total() == 0 => row("Alerts", "none open".into(), theme::success()),
        Figure::Known(a) => row("Alerts", a.by_kind().join(" · "), theme::warn()),
        Figure::Loading => row("Alerts", LOADING.into(), theme::dim()),
        Figure::Failed(why) => row("Alerts", unknown(why), theme::error()),
        Figure::NotLoaded => row("Alerts", unknown("r loads them"), theme::dim()),
    });
    out.push(match &r.documents {
        Figure::Known(d) => {
            let mut parts = vec![format!("{} mandatory missing", d.missing)];
            if d.expired > 0 {
                parts.push(format!("{} expired", d.expired));
            }
            if d.expiring > 0 {
                parts.push(format!("{} expiring soon", d.expiring));
            }
            row(
                "Documents",
                parts.join(" · "),
                attention(d.missing + d.expired > 0),
            )
        }
        Figure::Loading => row("Documents", LOADING.into(), theme::dim()),
        Figure::Failed(why) => row("Documents", unknown(why), theme::error()),
        Figure::NotLoaded => row("Documents", unknown("r loads them"), theme::dim()),
    });
    for (label, fact) in [("Review", &r.review_date), ("Assignee", &r.assignee)] {
        out.push(match fact {
            Fact::Set(v) if label == "Review" => {
                let shown = clean(&dates.show_api(v)).into_owned();
                let day = crate::words::dates::api_date(v);
                match (day, today) {
                    (Some(d), Some(t)) if d < t => {
                        row(label, format!("{shown} · overdue"), theme::warn())
                    }
                    _ => row(label, shown, Style::new()),
                }
            }
            Fact::Set(v) => row(label, clean(v).into_owned(), Style::new()),
            Fact::NoneSet => row(label, "none set".into(), theme::dim()),
            Fact::NotKnown => row(label, NOT_KNOWN.to_owned(), theme::dim()),
        });
    }
    out
}

/// Open work reads as a warning; none as done.
fn attention(open: bool) -> Style {
    if open {
        theme::warn()
    } else {
        theme::success()
    }
}

/// A label from words: its first letter capitalised ("company status" → "Company status").
fn sentence(w: &str) -> String {
    let mut c = w.chars();
    c.next()
        .map(|f| f.to_uppercase().chain(c).collect())
        .unwrap_or_default()
}

fn push(lines: &mut Vec<Line<'static>>, label: &str, value: Option<&str>) {
    if let Some(v) = value.filter(|v| !v.trim().is_empty()) {
        lines.push(field(label, v));
    }
}

fn section(lines: &mut Vec<Line<'static>>, title: &str) {
    lines.push(Line::from(""));
    lines.push(Line::styled(title.to_owned(), theme::title()));
}

pub fn lines(d: &CaseDetails, dates: DateFormat) -> Vec<Line<'static>> {
    let c = &d.common;
    let mut lines = Vec::new();
    let kind = words(c.type_string.as_deref().unwrap_or(match d.kind() {
        crate::api::CaseKind::Company => "Company",
        crate::api::CaseKind::Individual => "Individual",
    }));
    let mut status = words(c.status.as_deref().unwrap_or_default());
    if let Some(dec) = c.case_decision.as_deref().filter(|s| !s.is_empty()) {
        status.push_str(&format!(" — {}", words(dec)));
    }
    let build = match c.build_state() {
        BuildState::Ready => "ready for review",
        BuildState::Building => "◌ building",
        BuildState::Failed => "✘ build failed",
        BuildState::Unknown => "",
    };
    lines.push(field("Case", &format!("{} · {kind}", c.case_common_id)));
    push(&mut lines, "Reference", c.case_customer_id.as_deref());
    push(&mut lines, "Status", Some(&status));
    push(&mut lines, "Build", Some(build));
    push(
        &mut lines,
        "Processing",
        c.case_processing_type.as_deref().map(words).as_deref(),
    );
    push(
        &mut lines,
        "Risk",
        c.risk_rating.as_deref().map(words).as_deref(),
    );
    if let Some(co) = &d.company {
        section(&mut lines, "Company");
        push(&mut lines, "Name", co.entity_name.as_deref());
        push(&mut lines, "Jurisdiction", co.country_code.as_deref());
        push(&mut lines, "Country", c.country_name.as_deref());
        push(&mut lines, "Type", co.company_type.as_deref());
        for (k, v) in &co.properties {
            let v = match v {
                serde_json::Value::String(s) => s.clone(),
                other => other.to_string(),
            };
            push(&mut lines, &sentence(&words(k)), Some(&v));
        }
    }
    if let Some(i) = &d.individual {
        section(&mut lines, "Individual");
        push(&mut lines, "Name", Some(&i.full_name()));
        push(
            &mut lines,
            "Born",
            i.birth_date
                .as_deref()
                .map(|b| dates.show_api(b))
                .as_deref(),
        );
        push(&mut lines, "Nationality", i.nationality.as_deref());
        push(
            &mut lines,
            "Country",
            i.country.as_deref().or(i.country_code.as_deref()),
        );
    }
    if let Some(a) = &d.case_address {
        section(&mut lines, "Address");
        let full = a
            .address
            .clone()
            .or_else(|| a.raw_address.clone())
            .unwrap_or_else(|| {
                [
                    &a.address_line1,
                    &a.address_line2,
                    &a.city,
                    &a.postcode,
                    &a.country,
                ]
                .iter()
                .filter_map(|p| p.as_deref())
                .collect::<Vec<_>>()
                .join(", ")
            });
        lines.push(Line::from(clean(&full).into_owned()));
    }
    section(&mut lines, "AML");
    let positive = match d.is_case_aml_positive {
        Some(true) => Span::styled("⚑ AML positive", theme::error()),
        Some(false) => Span::styled("✔ no open matches", theme::success()),
        None => Span::raw("unknown"),
    };
    lines.push(Line::from(vec![
        Span::styled("Result: ", theme::label()),
        positive,
    ]));
    if let Some(s) = &d.case_aml_summary {
        push(&mut lines, "World-Check", s.world_check_summary.as_deref());
        push(
            &mut lines,
            "LexisNexis",
            s.lexis_nexis_check_summary.as_deref(),
        );
    }
    push(
        &mut lines,
        "All UBOs identified",
        d.all_ubos_identified.as_deref(),
    );
    if !d.step_data_source.is_empty() {
        section(&mut lines, "Data sources");
        for s in &d.step_data_source {
            for src in &s.data_sources {
                let text = format!(
                    "{}: {} ({})",
                    s.step_name.as_deref().unwrap_or("-"),
                    src.title
                        .as_deref()
                        .or(src.source.as_deref())
                        .unwrap_or("-"),
                    src.collection_date_timestamp
                        .as_deref()
                        .map_or_else(|| "-".to_owned(), |t| dates.show_api(t))
                );
                lines.push(Line::from(clean(&text).into_owned()));
            }
        }
    }
    lines
}
