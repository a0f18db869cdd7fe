//! The case view: tiled panes on a wide terminal, tabs on a narrow one.

mod detail;
mod notes;
mod overview;
mod steps;

use super::theme;
use crate::app::{CasePane, CaseView, Failure, State};
use crate::sanitize::clean;
use ratatui::Frame;
use ratatui::layout::{Constraint, Layout, Rect};
use ratatui::text::{Line, Span};
use ratatui::widgets::{Block, Paragraph, Wrap};

/// From this width on, the four panes tile; below it they are tabs.
pub const TILE_WIDTH: u16 = 110;

pub fn draw(state: &State, cv: &CaseView, frame: &mut Frame, area: Rect) {
    if let Some(at) = cv.reading.as_ref().filter(|_| cv.focus == CasePane::Notes)
        && notes::reader(state, cv, at, frame, area)
    {
        return;
    }
    if area.width >= TILE_WIDTH {
        let [left, right] =
            Layout::horizontal([Constraint::Percentage(45), Constraint::Percentage(55)])
                .areas(area);
        let [ov, st] =
            Layout::vertical([Constraint::Percentage(40), Constraint::Percentage(60)]).areas(left);
        let [de, no] =
            Layout::vertical([Constraint::Percentage(60), Constraint::Percentage(40)]).areas(right);
        pane(state, cv, CasePane::Overview, frame, ov);
        pane(state, cv, CasePane::Steps, frame, st);
        pane(state, cv, CasePane::Detail, frame, de);
        pane(state, cv, CasePane::Notes, frame, no);
    } else {
        let [tabs, body] =
            Layout::vertical([Constraint::Length(1), Constraint::Min(1)]).areas(area);
        let mut spans = Vec::new();
        for p in CasePane::ALL {
            let label = format!(" {} ", p.title());
            if p == cv.focus {
                spans.push(Span::styled(label, theme::selected()));
            } else {
                spans.push(Span::styled(label, theme::dim()));
            }
            spans.push(Span::raw(" "));
        }
        spans.push(Span::styled("Tab ⇄", theme::dim()));
        frame.render_widget(Paragraph::new(Line::from(spans)), tabs);
        pane(state, cv, cv.focus, frame, body);
    }
}

fn pane(state: &State, cv: &CaseView, which: CasePane, frame: &mut Frame, area: Rect) {
    let focused = cv.focus == which;
    let title = match which {
        CasePane::Overview => format!(" {} ", clean(&cv.title)),
        CasePane::Steps => " Steps ".to_owned(),
        CasePane::Detail => " Step detail ".to_owned(),
        CasePane::Notes => {
            let n = cv.notes.data.as_ref().map_or(0, Vec::len);
            match notes::step_name(cv) {
                Some(step) => format!(" Notes {n} · {step} "),
                None => format!(" Notes {n} "),
            }
        }
    };
    let block = Block::bordered().title(title).border_style(if focused {
        theme::focused_border()
    } else {
        theme::border()
    });
    let inner = block.inner(area);
    frame.render_widget(block, area);
    match which {
        CasePane::Overview => {
            let rest = crate::ui::org::exposure::banner(state, cv.id, frame, inner);
            overview::draw(state, cv, frame, rest)
        }
        CasePane::Steps => steps::draw(cv, focused, frame, inner),
        CasePane::Detail => detail::draw(cv, state.session.date_format, frame, inner),
        CasePane::Notes => notes::draw(state, cv, focused, frame, inner),
    }
}

/// What a pane shows when its data failed to load.
fn failure(f: &Failure, frame: &mut Frame, area: Rect) {
    let mut lines = vec![Line::styled(clean(&f.summary).into_owned(), theme::error())];
    lines.extend(f.details.iter().map(|d| Line::from(clean(d).into_owned())));
    lines.push(Line::from(""));
    lines.push(Line::styled("r retries", theme::dim()));
    frame.render_widget(Paragraph::new(lines).wrap(Wrap { trim: false }), area);
}

fn placeholder(text: &str, frame: &mut Frame, area: Rect) {
    frame.render_widget(
        Paragraph::new(Span::styled(text.to_owned(), theme::dim())),
        area,
    );
}

/// A "label: value" line, with the value sanitised; empty values are skipped by callers.
fn field(label: &str, value: &str) -> Line<'static> {
    Line::from(vec![
        Span::styled(format!("{}: ", clean(label)), theme::label()),
        Span::raw(clean(value).into_owned()),
    ])
}
