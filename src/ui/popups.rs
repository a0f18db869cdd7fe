//! Popups over the panes: help, confirmation, the note editor.

use super::theme;
use crate::app::{Context, Mode, State, command};
use crate::sanitize::clean;
use ratatui::Frame;
use ratatui::layout::{Constraint, Flex, Layout, Rect};
use ratatui::text::{Line, Span};
use ratatui::widgets::{Block, Clear, Paragraph, Wrap};

/// A `w`×`h` rectangle in the middle of `area` (clipped to it): where every popup goes.
pub(crate) fn centered(area: Rect, w: u16, h: u16) -> Rect {
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
        Mode::Help(scroll) => help(state, *scroll, frame, area),
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

fn help(state: &State, scroll: u16, frame: &mut Frame, area: Rect) {
    let ctx = state.context();
    let mut lines = Vec::new();
    if !state.keymap.conflicts.is_empty() {
        lines.push(Line::styled(
            "Key conflicts (config file [keys])",
            theme::error(),
        ));
        for c in &state.keymap.conflicts {
            lines.push(Line::from(format!("  {}", c.describe())));
        }
        lines.push(Line::from(""));
    }
    for c in [ctx, Context::Global] {
        lines.push(Line::styled(c.title().to_owned(), theme::title()));
        for (keys, what) in state.keymap.help(c) {
            lines.push(Line::from(vec![
                Span::styled(format!("  {keys:<16}"), theme::key()),
                Span::raw(what),
            ]));
        }
        lines.push(Line::from(""));
    }
    lines.push(Line::styled("Commands (:)", theme::title()));
    for (name, arg, what) in command::COMMANDS {
        lines.push(Line::from(vec![
            Span::styled(format!("  :{name} {arg:<10}"), theme::key()),
            Span::raw(*what),
        ]));
    }
    lines.push(Line::from(""));
    lines.push(Line::styled("Filter tokens (/)", theme::title()));
    lines.push(Line::from(
        "  words match name, id, jurisdiction; status:open|closed|building aml:yes|no",
    ));
    lines.push(Line::from(
        "  type:entity|individual j:GB risk:high decision:accepted assignee:NAME",
    ));
    lines.push(Line::from(""));
    let log = state
        .log_path
        .as_ref()
        .map(|p| p.display().to_string())
        .unwrap_or_else(|| "off".to_owned());
    lines.push(Line::from(vec![
        Span::styled("Log: ", theme::title()),
        Span::raw(clean(&log).into_owned()),
    ]));
    let r = centered(area, 76, area.height.saturating_sub(4));
    frame.render_widget(Clear, r);
    frame.render_widget(
        Paragraph::new(lines)
            .block(
                Block::bordered()
                    .title(" Help — any key closes ")
                    .border_style(theme::focused_border()),
            )
            .scroll((scroll, 0)),
        r,
    );
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
    let button = |label: &str, focused: bool| {
        let text = format!("[ {label} ]");
        if focused {
            Span::styled(text, theme::selected())
        } else {
            Span::raw(text)
        }
    };
    frame.render_widget(
        Paragraph::new(Line::from(vec![
            button("Cancel", !c.ok_focused),
            Span::raw("   "),
            button(&c.ok_label, c.ok_focused),
        ])),
        buttons,
    );
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
