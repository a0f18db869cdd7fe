//! The step tree: groups → steps, status by glyph and word, deactivated and linked marked.

use super::{failure, placeholder};
use crate::app::{CaseView, TreeRow};
use crate::sanitize::clean;
use crate::ui::theme;
use ratatui::Frame;
use ratatui::layout::Rect;
use ratatui::text::{Line, Span};
use ratatui::widgets::{List, ListItem, ListState};

pub fn draw(cv: &CaseView, focused: bool, frame: &mut Frame, area: Rect) {
    let Some(groups) = &cv.steps.data else {
        match &cv.steps.error {
            Some(f) => failure(f, frame, area),
            None => placeholder("loading steps…", frame, area),
        }
        return;
    };
    if groups.is_empty() {
        placeholder("this case has no steps (yet)", frame, area);
        return;
    }
    let items: Vec<ListItem> = cv
        .rows
        .iter()
        .map(|row| match *row {
            TreeRow::Group(g) => {
                let group = &groups[g];
                let open = !cv.collapsed.contains(&g);
                let done = group
                    .steps
                    .iter()
                    .filter(|s| matches!(s.status, crate::api::StepStatus::Passed))
                    .count();
                ListItem::new(Line::from(vec![
                    Span::raw(if open { "▾ " } else { "▸ " }),
                    Span::styled(
                        clean(group.group.as_deref().unwrap_or("Steps")).into_owned(),
                        theme::title(),
                    ),
                    Span::styled(
                        format!(" {done}/{} passed", group.steps.len()),
                        theme::dim(),
                    ),
                ]))
            }
            TreeRow::Step(g, s) => {
                let step = &groups[g].steps[s];
                let (glyph, style) = theme::step_status(&step.status);
                let mut spans = vec![
                    Span::raw("  "),
                    Span::styled(glyph, style),
                    Span::styled(format!(" {:<15}", step.status.label()), style),
                    Span::raw(clean(step.name.as_deref().unwrap_or("(unnamed)")).into_owned()),
                ];
                if cv.pending.contains_key(&step.case_step_id) {
                    spans.push(Span::styled(" …", theme::warn()));
                }
                if step.is_deactivated {
                    spans.push(Span::styled(" [deactivated]", theme::dim()));
                }
                if let Some(linked) = step.linked_case_common_id {
                    spans.push(Span::styled(format!(" → {linked}"), theme::dim()));
                }
                ListItem::new(Line::from(spans))
            }
        })
        .collect();
    let mut ls = ListState::default().with_selected(Some(cv.selected));
    // The marker keeps the selection visible without colour or reverse video.
    let list = List::new(items)
        .highlight_symbol("▶")
        .highlight_style(if focused {
            theme::selected()
        } else {
            theme::label()
        });
    frame.render_stateful_widget(list, area, &mut ls);
}
