//! The members of a company case, in the API's four groups.

use super::{first_row, not_ready, pct};
use crate::app::org::OrgView;
use crate::sanitize::clean;
use crate::ui::theme;
use ratatui::Frame;
use ratatui::layout::Rect;
use ratatui::text::{Line, Span};
use ratatui::widgets::Paragraph;

pub fn draw(v: &OrgView, ascii: bool, frame: &mut Frame, area: Rect) {
    if not_ready(&v.members, "the members", frame, area) {
        return;
    }
    let Some(m) = v.members.data.as_ref() else {
        return;
    };
    let mut lines: Vec<Line> = Vec::new();
    let mut selected_line = 0;
    let mut row = 0;
    for (title, list) in m.groups() {
        lines.push(Line::styled(
            format!("{title} ({})", list.len()),
            theme::title(),
        ));
        if list.is_empty() {
            lines.push(Line::styled("  none", theme::dim()));
        }
        for e in list {
            let kyc = match (e.is_kyced, ascii) {
                (true, false) => "✔ KYC'd    ",
                (true, true) => "+ KYC'd    ",
                (false, false) => "○ not KYC'd",
                (false, true) => "o not KYC'd",
            };
            let mut spans = vec![
                Span::raw("  "),
                Span::styled(
                    kyc,
                    if e.is_kyced {
                        theme::success()
                    } else {
                        theme::dim()
                    },
                ),
                Span::raw("  "),
            ];
            if e.is_case_aml_positive {
                spans.push(Span::styled(
                    if ascii { "! AML+ " } else { "⚠ AML+ " },
                    theme::error(),
                ));
            }
            spans.push(Span::styled(
                clean(&e.member.display_name()).into_owned(),
                theme::label(),
            ));
            if let Some(t) = e.member_type.as_deref() {
                spans.push(Span::styled(
                    format!(" {}", clean(&crate::words::words(t))),
                    theme::dim(),
                ));
            }
            if let Some(r) = e.role.as_deref() {
                spans.push(Span::raw(format!(" · {}", clean(&crate::words::words(r)))));
            }
            if let Some(p) = e.percentage.or(e.shares) {
                spans.push(Span::raw(format!(" · {}", pct(p))));
            }
            if let Some(id) = e.member.case_common_id {
                spans.push(Span::styled(
                    format!("  {} case {id}", if ascii { ">" } else { "◆" }),
                    theme::key(),
                ));
            }
            let mut line = Line::from(spans);
            if row == v.member_selected {
                line = line.style(theme::selected());
                selected_line = lines.len();
            }
            row += 1;
            lines.push(line);
        }
    }
    let top = first_row(selected_line, usize::from(area.height));
    let shown: Vec<Line> = lines
        .into_iter()
        .skip(top)
        .take(usize::from(area.height))
        .collect();
    frame.render_widget(Paragraph::new(shown), area);
}
