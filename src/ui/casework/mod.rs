//! The case-work view: the open case's properties and audit trail as two tabs, and the inputs
//! of case work (a property, the close decision, the id typed back to delete).

mod audit;
mod inputs;
mod props;

pub use inputs::{hints, popup};

use super::theme;
use crate::app::casework::Tab;
use crate::app::{Failure, State};
use crate::sanitize::clean;
use ratatui::Frame;
use ratatui::layout::{Constraint, Layout, Rect};
use ratatui::text::{Line, Span};
use ratatui::widgets::{Block, Paragraph, Wrap};

pub fn draw(state: &State, frame: &mut Frame, area: Rect) {
    let [tabs, body] = Layout::vertical([Constraint::Length(1), Constraint::Min(1)]).areas(area);
    let mut spans = Vec::new();
    for t in [Tab::Properties, Tab::Audit] {
        let style = if t == state.work.tab {
            theme::selected()
        } else {
            theme::dim()
        };
        spans.push(Span::styled(format!(" {} ", t.title()), style));
        spans.push(Span::raw(" "));
    }
    spans.push(Span::styled("Tab ⇄", theme::dim()));
    frame.render_widget(Paragraph::new(Line::from(spans)), tabs);
    let name = state
        .work
        .case
        .as_ref()
        .map(|(_, id, name)| format!("{} ({id})", clean(name)))
        .unwrap_or_default();
    let title = format!(" {} — {name} ", state.work.tab.title());
    let block = Block::bordered()
        .title(title)
        .border_style(theme::focused_border());
    let inner = block.inner(body);
    frame.render_widget(block, body);
    match state.work.tab {
        Tab::Properties => props::draw(state, frame, inner),
        Tab::Audit => audit::draw(state, frame, inner),
    }
}

/// The header badge of a closed case (with its decision), wherever the case shows, and only
/// there: the list, the inbox and the rest do not show the open case.
pub fn closed_badge(state: &State) -> Option<String> {
    if !state.view.shows_open_case() {
        return None;
    }
    let d = state.case.as_ref()?.detail.data.as_ref()?;
    if !d.common.is_closed() {
        return None;
    }
    Some(match d.common.case_decision.as_deref() {
        Some(dec) if !dec.trim().is_empty() => format!(" CLOSED: {} ", clean(dec)),
        _ => " CLOSED ".to_owned(),
    })
}

/// What a tab shows when its data failed to load.
fn failure(f: &Failure, frame: &mut Frame, area: Rect) {
    let mut lines = vec![Line::styled(clean(&f.summary).into_owned(), theme::error())];
    lines.extend(f.details.iter().map(|d| Line::from(clean(d).into_owned())));
    lines.push(Line::from(""));
    lines.push(Line::styled("r retries", theme::dim()));
    frame.render_widget(Paragraph::new(lines).wrap(Wrap { trim: false }), area);
}
