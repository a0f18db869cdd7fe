//! Popups over the panes: help (`help`), confirmation, the note editor.

use super::theme;
use crate::app::{Mode, State};
use crate::sanitize::clean;
use ratatui::Frame;
use ratatui::layout::{Constraint, Flex, Layout, Rect};
use ratatui::text::{Line, Span};
use ratatui::widgets::{Block, Clear, Paragraph, Wrap};

/// Narrower margins than this beside a popup are slivers of the screen behind it, cut columns
/// that read as part of the popup: the popup takes the whole width instead.
const SLIVER: u16 = 4;

/// A `w`×`h` rectangle in the middle of `area` (clipped to it): where every popup goes.
pub(crate) fn centered(area: Rect, w: u16, h: u16) -> Rect {
    let w = if area.width.saturating_sub(w) < 2 * SLIVER {
        area.width
    } else {
        w
    };
    let [v] = Layout::vertical([Constraint::Length(h.min(area.height))])
        .flex(Flex::Center)
        .areas(area);
    let [r] = Layout::horizontal([Constraint::Length(w.min(area.width))])
        .flex(Flex::Center)
        .areas(v);
    r
}

pub fn draw(state: &State, frame: &mut Frame, area: Rect) {
    match &state.mode {
        Mode::Help(scroll) => super::help::draw(state, scroll, frame, area),
        Mode::Confirm(c, under) => {
            if let Some(e) = under {
                editor(e, frame, area);
            }
            confirm(c, frame, area);
        }
        Mode::Edit(e) => editor(e, frame, area),
        Mode::Aml(p) => super::aml::popup(state, p, frame, area),
        Mode::Create(p) => super::form::draw(&p.form, frame, area),
        Mode::Work(i) => super::casework::popup(state, i, frame, area),
        Mode::Docs(f) => super::docs::popup(f, frame, area),
        _ => {}
    }
}

fn confirm(c: &crate::app::Confirm, frame: &mut Frame, area: Rect) {
    // As tall as the wrapped message needs (a close confirmation lists what is still open),
    // within the screen; the buttons always keep the last line.
    let width = 56u16.min(area.width);
    let inner_width = usize::from(width.saturating_sub(2)).max(1);
    let message: Vec<Line> = c
        .message
        .lines()
        .map(|l| Line::from(clean(l).into_owned()))
        .collect();
    let wrapped: usize = message
        .iter()
        .map(|l| l.width().div_ceil(inner_width).max(1))
        .sum();
    let height = u16::try_from(wrapped + 4).unwrap_or(u16::MAX).max(9);
    let r = centered(area, width, height);
    frame.render_widget(Clear, r);
    let block = Block::bordered()
        .title(format!(" {} ", c.title))
        .border_style(theme::error());
    let inner = block.inner(r);
    frame.render_widget(block, r);
    let [text, _, buttons, _] = Layout::vertical([
        Constraint::Max(u16::try_from(wrapped).unwrap_or(u16::MAX)),
        Constraint::Length(1),
        Constraint::Length(1),
        Constraint::Fill(1),
    ])
    .areas(inner);
    frame.render_widget(Paragraph::new(message).wrap(Wrap { trim: false }), text);
    frame.render_widget(buttons_line(&c.ok_label, c.ok_focused), buttons);
}

/// A question's buttons: Cancel, then the action; the focused one highlighted (Cancel until
/// the reviewer moves the focus).
pub fn buttons_line(ok_label: &str, ok_focused: bool) -> Line<'static> {
    let button = |label: &str, focused: bool| {
        let text = format!("[ {label} ]");
        if focused {
            Span::styled(text, theme::selected())
        } else {
            Span::raw(text)
        }
    };
    Line::from(vec![
        button("Cancel", !ok_focused),
        Span::raw("   "),
        button(ok_label, ok_focused),
    ])
}

fn editor(e: &crate::app::Editor, frame: &mut Frame, area: Rect) {
    let h = (area.height / 2).max(8);
    let r = Rect::new(
        area.x,
        area.y + area.height.saturating_sub(h + 2),
        area.width,
        h,
    );
    frame.render_widget(Clear, r);
    let title = if e.saving {
        format!(" Note on {} — saving… ", clean(&e.step_name))
    } else {
        format!(
            " Note on {} — Ctrl-S save · Esc cancel ",
            clean(&e.step_name)
        )
    };
    let block = Block::bordered()
        .title(title)
        .border_style(theme::focused_border());
    let inner = block.inner(r);
    frame.render_widget(block, r);
    frame.render_widget(&e.area, inner);
}
