//! The ownership views of a company case: the org chart, the beneficial owners and the members,
//! as tabs. Tree lines and borders are box-drawing characters, or pure ASCII when asked for
//! (`--ascii`, or a locale that is not UTF-8).

mod chart;
pub mod exposure;
mod members;
mod owners;

use super::theme;
use crate::app::org::OrgTab;
use crate::app::{Failure, State};
use crate::sanitize::clean;
use ratatui::Frame;
use ratatui::layout::{Constraint, Layout, Rect};
use ratatui::text::{Line, Span};
use ratatui::widgets::{Block, Paragraph, Wrap};

pub fn draw(state: &State, frame: &mut Frame, area: Rect) {
    let Some(v) = state.org.view.as_deref() else {
        return;
    };
    let ascii = state.org.ascii;
    let screened = crate::app::org::exposure::of(state, v.case_id);
    let [tabs, body] = Layout::vertical([Constraint::Length(1), Constraint::Min(1)]).areas(area);
    let mut spans = Vec::new();
    for t in [OrgTab::Chart, OrgTab::Owners, OrgTab::Members] {
        let label = format!(" {} ", t.title());
        let style = if t == v.tab {
            theme::selected()
        } else {
            theme::dim()
        };
        spans.push(Span::styled(label, style));
        spans.push(Span::raw(" "));
    }
    spans.push(Span::styled(
        if ascii { "Tab <>" } else { "Tab ⇄" },
        theme::dim(),
    ));
    frame.render_widget(Paragraph::new(Line::from(spans)), tabs);
    let title = format!(" {} · {} ", v.tab.title(), clean(&v.title));
    // In ASCII mode the borders become `+--+` with every other glyph (`ui::ascii`).
    let block = Block::bordered()
        .title(title)
        .border_style(theme::focused_border());
    let inner = block.inner(body);
    frame.render_widget(block, body);
    match v.tab {
        OrgTab::Chart => {
            let finding = match &state.mode {
                crate::app::Mode::Find(text) => Some(text),
                _ => None,
            };
            chart::draw(
                v,
                finding,
                ascii,
                state.org.threshold,
                screened,
                frame,
                inner,
            )
        }
        OrgTab::Owners => owners::draw(v, ascii, state.org.threshold, screened, frame, inner),
        OrgTab::Members => members::draw(v, ascii, frame, inner),
    }
}

/// What a view shows while its data loads or after it failed; `true` when it drew that.
fn not_ready<T>(remote: &crate::app::Remote<T>, what: &str, frame: &mut Frame, area: Rect) -> bool {
    if remote.data.is_some() {
        return false;
    }
    match &remote.error {
        Some(f) => failure(f, frame, area),
        None => frame.render_widget(
            Paragraph::new(Span::styled(format!("loading {what}…"), theme::dim())),
            area,
        ),
    }
    true
}

fn failure(f: &Failure, frame: &mut Frame, area: Rect) {
    let mut lines = vec![Line::styled(clean(&f.summary).into_owned(), theme::error())];
    lines.extend(f.details.iter().map(|d| Line::from(clean(d).into_owned())));
    lines.push(Line::from(""));
    lines.push(Line::styled("r retries", theme::dim()));
    frame.render_widget(Paragraph::new(lines).wrap(Wrap { trim: false }), area);
}

/// The first row to show so that `selected` stays on screen.
fn first_row(selected: usize, height: usize) -> usize {
    if height == 0 {
        0
    } else {
        selected.saturating_sub(height - 1)
    }
}

/// A percentage as the views print it.
fn pct(v: f64) -> String {
    format!("{v:.2}%")
}
