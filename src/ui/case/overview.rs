//! The overview: identity, status, address, AML summary, properties, data sources.

use super::{failure, field, placeholder};
use crate::api::{BuildState, CaseDetails};
use crate::app::CaseView;
use crate::sanitize::clean;
use crate::ui::theme;
use ratatui::Frame;
use ratatui::layout::Rect;
use ratatui::text::{Line, Span};
use ratatui::widgets::{Paragraph, Wrap};

pub fn draw(cv: &CaseView, frame: &mut Frame, area: Rect) {
    let Some(d) = &cv.detail.data else {
        match &cv.detail.error {
            Some(f) => failure(f, frame, area),
            None => placeholder("loading case…", frame, area),
        }
        return;
    };
    let lines = lines(d);
    frame.render_widget(
        Paragraph::new(lines)
            .wrap(Wrap { trim: false })
            .scroll((cv.overview_scroll, 0)),
        area,
    );
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

pub fn lines(d: &CaseDetails) -> Vec<Line<'static>> {
    let c = &d.common;
    let mut lines = Vec::new();
    let kind = c
        .type_string
        .clone()
        .unwrap_or_else(|| format!("{:?}", d.kind()));
    let mut status = c.status.clone().unwrap_or_default();
    if let Some(dec) = c.case_decision.as_deref().filter(|s| !s.is_empty()) {
        status.push_str(&format!(" — {dec}"));
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
    push(&mut lines, "Processing", c.case_processing_type.as_deref());
    push(&mut lines, "Risk", c.risk_rating.as_deref());
    push(&mut lines, "Assignee", c.assigned_user_name.as_deref());
    push(
        &mut lines,
        "Review date",
        d.case_review_date
            .as_deref()
            .or(c.scheduled_review_date.as_deref()),
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
            push(&mut lines, k, Some(&v));
        }
    }
    if let Some(i) = &d.individual {
        section(&mut lines, "Individual");
        push(&mut lines, "Name", Some(&i.full_name()));
        push(&mut lines, "Born", i.birth_date.as_deref());
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
                    src.collection_date_timestamp.as_deref().unwrap_or("-")
                );
                lines.push(Line::from(clean(&text).into_owned()));
            }
        }
    }
    lines
}
